"""Readers: every format and encoding, and a one-line ReadError for each kind of bad input."""
from __future__ import annotations

import io
import zipfile

import docx
import pytest
from pypdf import PdfWriter

from govkg.ingest import readers
from govkg.ingest.extract import extract_path
from govkg.ingest.readers import Limits
from govkg.ontology.errors import ExtractionError, ReadError

LAW = "第一条 居民委员会应当开展便民利民的社区服务活动。\n\n第二条 任何单位不得侵犯居民委员会的财产。\n"


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gb18030", "gbk"])
def test_text_in_any_encoding_reads_the_same(tmp_path, codec):
    path = tmp_path / "law.txt"
    path.write_bytes(LAW.encode(codec))
    source = readers.read_source(path)
    assert source.text.replace("\ufeff", "") == LAW
    document = extract_path(path)
    assert [(n.article, n.actor, n.modality) for n in document.norms] == [
        (1, "居民委员会", "obligation"), (2, "任何单位", "prohibition")]


def test_gbk_file_with_utf8_extension_is_detected_from_bytes(tmp_path):
    path = tmp_path / "law.md"
    path.write_bytes(LAW.encode("gbk"))
    assert readers.read_source(path).encoding == "gb18030"


def test_html_text_without_scripts(tmp_path):
    path = tmp_path / "law.html"
    path.write_text("<html><head><title>t</title><script>var x = '应当';</script></head><body>"
                    "<p>第一条 居民委员会应当开展工作。</p><div><p>第二条 业主可以设立业主大会。</p></div></body></html>",
                    encoding="utf-8")
    document = extract_path(path)
    assert document.media_type == "text/html"
    assert {(n.article, n.actor, n.modality) for n in document.norms} == {
        (1, "居民委员会", "obligation"), (2, "业主", "permission")}
    assert "var x" not in document.text


def test_html_nested_too_deep_is_refused(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text("<html><body>" + "<div>" * 5000 + "text" + "</div>" * 5000 + "</body></html>")
    with pytest.raises(ReadError, match="deep.html.*nested"):
        extract_path(path)


def test_docx_paragraphs(tmp_path):
    path = tmp_path / "law.docx"
    document = docx.Document()
    document.add_paragraph("第一条 居民委员会应当开展工作。")
    document.add_paragraph("第二条 任何单位不得侵犯居民委员会的财产。")
    document.save(path)
    result = extract_path(path)
    assert [(n.article, n.modality) for n in result.norms] == [(1, "obligation"), (2, "prohibition")]


def test_docx_zip_bomb_is_refused_before_unpacking(tmp_path):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (60 * 1024 * 1024))
    with pytest.raises(ReadError, match="bomb.docx.*zip bomb"):
        extract_path(path)


@pytest.mark.parametrize("name,payload,reason", [
    ("empty.txt", b"", "empty"),
    ("blank.md", b"   \n\n  ", "empty"),
    ("random.txt", bytes(range(256)) * 40, "binary|undecodable"),
    ("broken.docx", b"PK\x03\x04 this is not a zip archive", "corrupt docx"),
    ("broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer", "PDF"),
])
def test_bad_inputs_give_one_line_read_errors(tmp_path, name, payload, reason):
    path = tmp_path / name
    path.write_bytes(payload)
    with pytest.raises(ReadError, match=reason) as info:
        extract_path(path)
    message = str(info.value)
    assert message.startswith(name) and "\n" not in message


def test_too_large_file_is_refused_under_a_settable_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(LAW * 100, encoding="utf-8")
    with pytest.raises(ReadError, match="too large"):
        extract_path(path, limits=Limits(max_bytes=1000))
    assert extract_path(path).norms


def test_encrypted_pdf_is_refused(tmp_path):
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt(user_password="secret", owner_password="owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    path = tmp_path / "locked.pdf"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(ReadError, match="locked.pdf: encrypted PDF"):
        extract_path(path)


def test_truncated_pdf_is_refused(tmp_path):
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    buffer = io.BytesIO()
    writer.write(buffer)
    path = tmp_path / "cut.pdf"
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 3])
    with pytest.raises(ReadError, match="cut.pdf"):
        extract_path(path)


def test_missing_file(tmp_path):
    with pytest.raises(ReadError, match="nothere.txt: cannot read"):
        extract_path(tmp_path / "nothere.txt")


def test_html_depth_limit_is_a_setting(tmp_path):
    page = tmp_path / "nested.html"
    page.write_text("<html><body>" + "<div>" * 40 + "第一条 居民委员会应当公开账目。" + "</div>" * 40 + "</body></html>",
                    encoding="utf-8")
    assert extract_path(page).norms
    with pytest.raises(ReadError, match="nested deeper than 30"):
        extract_path(page, limits=Limits(max_html_depth=30))


def test_a_document_over_its_time_limit_is_stopped_with_a_clear_error(tmp_path):
    law = tmp_path / "law.md"
    law.write_text("\n\n".join(f"第{n}条 居民委员会应当公开第{n}项账目。" for n in "一二三四五六"), encoding="utf-8")
    assert len(extract_path(law).norms) == 6
    with pytest.raises(ExtractionError, match="law.md: extraction took longer than 0 s"):
        extract_path(law, limits=Limits(max_seconds=0))


# ---- Akoma Ntoso -------------------------------------------------------------------------------
AKN_FILE = readers.Path(__file__).resolve().parents[3] / "shared" / "corpus-akn" / "en_eu_vehicle_registration_directive_proposal.akn.xml"
AKN = ('<?xml version="1.0"?><akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act><body>'
       '<section eId="sec_13"><num>13</num><heading>Duty to publish</heading>'
       '<subsection eId="sec_13__subsec_1"><num>(1)</num><content><p>The Secretary of State must publish a strategy.</p>'
       '</content></subsection><subsection eId="sec_13__subsec_2"><num>(2)</num><intro><p>The strategy must—</p></intro>'
       '<paragraph eId="sec_13__subsec_2__para_a"><num>(a)</num><content><p>set out priorities.</p></content></paragraph>'
       '</subsection></section></body></act></akomaNtoso>')


def test_akoma_ntoso_structure_and_eids_become_provisions(tmp_path):
    path = tmp_path / "act.xml"
    path.write_text(AKN, encoding="utf-8")
    document = extract_path(path)
    by_key = {p.key: p for p in document.provisions}
    assert document.media_type == "application/akn+xml"
    assert by_key["section 13"].article == 13 and by_key["section 13"].heading == "Duty to publish"
    assert by_key["section 13/1"].eid == "sec_13__subsec_1" and by_key["section 13/1"].label == "section 13(1)"
    assert by_key["section 13/2/(a)"].text == "(a) set out priorities."
    assert [(n.provision, n.actor, n.modality) for n in document.norms][0] == ("section 13/1", "The Secretary of State", "obligation")
    for p in document.provisions:
        assert document.text[p.start:p.end] == p.text


@pytest.mark.skipif(not AKN_FILE.exists(), reason="../shared/corpus-akn is absent")
def test_akn4eu_file_with_xml_ids_reads_articles_paragraphs_points():
    document = extract_path(AKN_FILE)
    assert document.doc == "en_eu_vehicle_registration_directive_proposal"
    by_key = {p.key: p for p in document.provisions}
    assert by_key["Article 1/1/(a)"].eid == "ecbMzlzq1UHEGhvva"
    assert by_key["Article 1/1/(a)"].text.startswith("(a) the vehicle registration documents")
    assert sum(1 for p in document.provisions if len(p.path) == 1 and p.article) == 20
    assert ("Member States", "obligation") in {(n.actor, n.modality) for n in document.norms if n.article == 3}
    assert not any(n.article is None or n.provision.startswith("preamble") for n in document.norms)   # recitals state no norms


@pytest.mark.parametrize("data, message", [
    (b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act><body>', "not well-formed XML"),
    (b'<?xml version="1.0"?><root><p>The controller shall act.</p></root>', "not Akoma Ntoso"),
])
def test_bad_or_foreign_xml_is_a_one_line_extraction_error(tmp_path, data, message):
    path = tmp_path / "bad.xml"
    path.write_bytes(data)
    with pytest.raises(ExtractionError, match=message) as info:
        extract_path(path)
    assert str(info.value).startswith("bad.xml: ") and "\n" not in str(info.value)


def test_akoma_ntoso_entities_are_not_expanded(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET", encoding="utf-8")
    xml = (f'<?xml version="1.0"?><!DOCTYPE akomaNtoso [<!ENTITY x SYSTEM "file://{secret}">'
           '<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
           '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act><body><article eId="art_1">'
           '<num>Article 1</num><paragraph eId="art_1__para_1"><num>1.</num><content><p>The controller shall keep &x; and &b;.</p>'
           '</content></paragraph></article></body></act></akomaNtoso>')
    path = tmp_path / "xxe.akn.xml"
    path.write_text(xml, encoding="utf-8")
    document = extract_path(path)
    assert "TOPSECRET" not in document.text and "aaaaaaaaaa" not in document.text


def test_akoma_ntoso_sections_inside_crossheadings_are_found(tmp_path):
    xml = AKN.replace("<body>", '<body><part eId="part_1"><num>Part 1</num><hcontainer name="crossheading">'
                      '<heading>Victims</heading>').replace("</body>", "</hcontainer></part></body>")
    path = tmp_path / "act.akn.xml"
    path.write_text(xml, encoding="utf-8")
    document = extract_path(path)
    assert document.doc == "act" and "section 13/2/(a)" in {p.key for p in document.provisions}
    assert next(p for p in document.provisions if p.key == "section 13").heading == "Duty to publish"


def test_akoma_ntoso_text_inserted_into_another_act_becomes_provisions_of_the_amending_section(tmp_path):
    xml = ('<?xml version="1.0"?><akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act><body>'
           '<section eId="section-18"><num>18</num><subsection eId="section-18-3"><num>(3)</num><content>'
           '<p>After section 10 insert—<mod><quotedStructure><section eId="section-18-3-10A"><num>10A</num>'
           '<heading>Duty of Crown Court</heading><subsection eId="section-18-3-10A-1"><num>(1)</num><content>'
           '<p>The Crown Court must make a prohibited steps order.</p></content></subsection></section>'
           '</quotedStructure></mod></p></content></subsection></section></body></act></akomaNtoso>')
    path = tmp_path / "amending.akn.xml"
    path.write_text(xml, encoding="utf-8")
    document = extract_path(path)
    by_key = {p.key: p for p in document.provisions}
    assert by_key["section 18/3"].text.startswith("(3) After section 10 insert—")
    assert "Crown Court" not in by_key["section 18/3"].text.split("—")[0]
    assert by_key["section 18/3/10A/1"].eid == "section-18-3-10A-1" and by_key["section 18/3/10A/1"].article == 18
    assert [(n.provision, n.actor, n.modality) for n in document.norms] == [
        ("section 18/3/10A/1", "The Crown Court", "obligation")]
    for p in document.provisions:
        assert document.text[p.start:p.end] == p.text
