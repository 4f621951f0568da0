"""Hypothesis on the readers: any bytes under any name are text or one ReadError line, never a
crash; text in the encodings offices use reads back as written."""
from __future__ import annotations

import io
import zipfile

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from govkg.ingest.readers import Source, html_text, read_bytes
from govkg.ontology.errors import ReadError

SUFFIXES = st.sampled_from(["", ".txt", ".md", ".html", ".htm", ".pdf", ".docx", ".bin"])
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LAW_ALPHABET = st.sampled_from(list("第一二三十条款项章应当不得可以居民委员会业主街道办事处物业公司，。；：（）“”、")
                               + list("Article shall not may the controller processor 0123456789.,;()\n "))


def _read(data: bytes, suffix: str) -> Source | None:
    try:
        source = read_bytes(data, suffix)
    except ReadError as exc:
        assert str(exc) and "\n" not in str(exc)
        return None
    assert source.text.strip() and source.sha256 and source.media_type
    return source


@FAST
@given(st.binary(max_size=4096), SUFFIXES)
def test_any_bytes_are_text_or_a_read_error(data, suffix):
    _read(data, suffix)


@FAST
@given(st.sampled_from([b"%PDF-1.4\n", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", b"PK\x03\x04",
                        b"<!doctype html><html>", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"]),
       st.binary(max_size=2048), SUFFIXES)
def test_format_headers_followed_by_junk_are_a_read_error_or_text(head, tail, suffix):
    _read(head + tail, suffix)


@FAST
@given(st.lists(st.tuples(st.sampled_from(["word/document.xml", "[Content_Types].xml", "x", "word/../../evil"]),
                          st.binary(max_size=512)), max_size=4, unique_by=lambda member: member[0]))
def test_zips_named_docx_are_a_read_error_or_text(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members:
            archive.writestr(name, data)
    _read(buffer.getvalue(), ".docx")


@FAST
@given(st.text(LAW_ALPHABET, min_size=1, max_size=400).filter(lambda t: t.strip()),
       st.sampled_from(["utf-8", "gb18030", "utf-16", "utf-8-sig"]))
def test_law_text_in_office_encodings_reads_back_as_written(text, encoding):
    data = text.encode(encoding)
    # a few GBK characters can also be valid UTF-8 (一 = D2 BB = U+04BB): such bytes are ambiguous
    assume(encoding != "gb18030" or not _is_utf8(data))
    # GB18030 files are Chinese texts: more Chinese characters than Latin letters
    assume(encoding != "gb18030" or _cjk(text) >= sum(ch.isascii() and ch.isalpha() for ch in text))
    source = read_bytes(data, ".txt")
    assert source.text == text


def _cjk(text: str) -> int:
    return sum(1 for ch in text if "\u3400" <= ch <= "\u9fff")


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@FAST
@given(st.recursive(st.text(LAW_ALPHABET, max_size=20),
                    lambda inner: st.builds(lambda tag, body: f"<{tag}>{body}</{tag}>",
                                            st.sampled_from(["div", "p", "script", "b", "li", "table"]), inner),
                    max_leaves=30))
def test_html_gives_its_visible_text(markup):
    try:
        text = html_text("<html><body>" + markup + "</body></html>")
    except ReadError:
        return
    assert "</" not in text and "<div>" not in text and "<script>" not in text
