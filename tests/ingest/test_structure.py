"""Provision splitting and PDF text-layer cleaning, on corpus texts and made-up edge cases."""
from __future__ import annotations

from govkg.ingest.clean import clean_pdf_layer, looks_like_pdf_layer
from govkg.ingest.extract import extract_path, extract_text
from govkg.ingest.structure import split_provisions, zh_number


def test_chinese_numbers():
    assert [zh_number(t) for t in ("一", "十", "十一", "二十", "一百一十九", "二百七十一", "12")] == [1, 10, 11, 20, 119, 271, 12]


def test_zh_articles_paragraphs_and_items(corpus_dir):
    document = extract_path(corpus_dir / "zh_urban_residents_committee_law.md")
    by_key = {p.key: p for p in document.provisions}
    assert [p.article for p in document.provisions if len(p.path) == 1][:3] == [1, 2, 3]
    assert by_key["第三条/（三）"].text == "（三）调解民间纠纷；"
    assert by_key["第四条/第2款"].text.startswith("居民委员会管理本居民委员会的财产")
    for p in document.provisions:
        assert document.text[p.start:p.end] == p.text


def test_zh_chapters_enter_the_path(corpus_dir):
    document = extract_path(corpus_dir / "zh_work_safety_law.md")
    article = next(p for p in document.provisions if p.article == 21 and len(p.path) == 2)
    assert article.path == ("第二章", "第二十一条")
    assert article.heading.startswith("生产经营单位的安全生产保障")


def test_en_articles_paragraphs_points(corpus_dir):
    document = extract_path(corpus_dir / "en_gdpr_ch4.md")
    by_key = {p.key: p for p in document.provisions}
    assert by_key["Article 33"].heading == "Notification of a personal data breach to the supervisory authority"
    assert by_key["Article 33/3/(a)"].text.startswith("(a)")
    assert "describe the nature" in by_key["Article 33/3/(a)"].text
    assert by_key["Article 33/3"].label == "Article 33(3)"


def test_text_without_articles_splits_into_numbered_paragraphs():
    provisions, units = split_provisions("p", "政府应当加强合作。\n\n社会组织需提供服务。\n", "zh")
    assert [(p.key, p.article) for p in provisions] == [("¶1", 0), ("¶2", 0)]
    assert len(units) == 2


def test_pdf_layer_is_joined_and_offsets_map_back(corpus_dir):
    raw = (corpus_dir / "zh_multi_actor_governance_paper.txt").read_text(encoding="utf-8")
    assert looks_like_pdf_layer(raw)
    cleaned, offsets = clean_pdf_layer(raw)
    assert len(offsets) == len(cleaned)
    assert "中央政府负责宏观把控、政策制定和资金支持" in cleaned        # broken over two lines
    assert "多元主体协同治理机制与挑战下的社会治理模式创新" in cleaned  # spaced-out title closed
    for i, ch in enumerate(cleaned):
        if not ch.isspace():
            assert raw[offsets[i]] == ch


def test_typed_law_is_not_taken_for_a_pdf_layer(corpus_dir):
    for name in ("zh_work_safety_law.md", "en_gdpr_ch4.md", "zh_villagers_committee_law.md"):
        assert not looks_like_pdf_layer((corpus_dir / name).read_text(encoding="utf-8"))


def test_running_heads_and_page_numbers_are_dropped():
    page = "这是一段很长的正文内容，用来模拟从版式文件中抽取出来的文本行，它在句子的中间\n断开了换行"
    raw = "\n".join(["国际教育论坛", page, "12", "国际教育论坛", page, "13", "国际教育论坛", page, "14"] * 2)
    cleaned, _ = clean_pdf_layer(raw)
    assert "国际教育论坛" not in cleaned and "\n12\n" not in cleaned


def test_corpus_documents_extract(corpus_dir):
    for path in sorted(corpus_dir.glob("*_*.*")):
        document = extract_path(path)
        assert document.doc == path.stem and document.norms, path.name
        for n in document.norms:
            assert 0 <= n.start < n.end <= len(document.text)
            assert n.provision in {p.key for p in document.provisions}


def test_extract_text_detects_language():
    assert extract_text("Article 1\n\nThe controller shall act.", "e").lang == "en"
    assert extract_text("第一条 居民委员会应当开展工作。", "z").lang == "zh"


def test_a_pdf_layer_keeps_its_spaced_title_apart_and_names_the_document_by_it():
    from govkg.ingest.extract import extract_path
    from tests.conftest import CORPUS
    document = extract_path(CORPUS / "zh_multi_actor_governance_paper.txt")
    assert document.title == "多元主体协同治理机制与挑战下的社会治理模式创新"
    assert "\n\n多元主体协同治理机制与挑战下的社会治理模式创新\n\n" in document.text
    assert "社会治理的必然趋势" in document.text      # a full line that opens like a heading wraps on


UK_ACT = """## An Act

##### Duty to publish

13

13.1

The Secretary of State must publish a
strategy.

13.2

The strategy must—

13.2.a

set out priorities, and

13.2.b

be reviewed annually.

##### Amendment

14

14.1

After section 10 insert—

########### Review

14.1.10A

14.1.10A.1

The court may review the
order.
"""


def test_dotted_uk_layout_makes_the_section_number_the_article():
    provisions, units = split_provisions("uk", UK_ACT, "en")
    by_key = {p.key: p for p in provisions}
    assert by_key["section 13"].article == 13 and by_key["section 13"].heading == "Duty to publish"
    assert by_key["section 13/2/a"].label == "section 13.2.a"
    assert by_key["section 13/2"].end == by_key["section 13/2/b"].end            # a subsection holds its paragraphs
    assert by_key["section 14/1/10A/1"].article == 14                            # text inserted into another Act
    assert [u.kind for u in units if u.article == 13] == ["para", "para", "item", "item"]
    for p in provisions:
        assert UK_ACT[p.start:p.end] == p.text


def test_dotted_uk_layout_gives_norms_of_each_section():
    found = extract_text(UK_ACT, "uk", "en").norms
    assert {(n.article, n.actor, n.modality) for n in found} >= {
        (13, "The Secretary of State", "obligation"), (14, "The court", "permission")}
    assert all("\n" not in n.action for n in found)


def test_markdown_hard_breaks_and_blank_looking_lines_do_not_merge_articles():
    for text in ("Article 1\n\nThe controller shall act;\\\n(a) now.<br>\n \u200b \nArticle 2<br>\n\nThe processor shall act.\n",
                 "**Article 1**\n\nThe controller shall act.\n&nbsp;\n**Article 2**\\\n\nThe processor shall act.\n"):
        provisions, _ = split_provisions("d", text, "en")
        articles = [p for p in provisions if len(p.path) == 1]
        assert [p.key for p in articles] == ["Article 1", "Article 2"], text
        assert "processor" not in articles[0].text


def test_numbered_sections_not_recognised_warn_on_stderr_and_in_metadata(capsys):
    document = extract_text("Rule 1. Scope\n\nThe agency shall act.\n\nRule 2. Duties\n\nIt shall report.\n", "s", "en")
    assert all(p.article == 0 for p in document.provisions)
    assert "numbered articles or sections" in document.metadata["warnings"][0]
    assert "numbered articles or sections" in capsys.readouterr().err


def test_a_paper_with_numbered_paragraphs_gives_no_warning():
    document = extract_text("政府应当加强合作。\n\n社会组织需提供服务。\n", "p", "zh")
    assert "warnings" not in document.metadata


def test_sections_as_articles_with_subsections_when_a_text_has_no_articles():
    text = ("PART I\n\nSection 1. Short title\n\n(1) This Act may be cited as the Example Act.\n\n"
            "Section 2. Duties of the Minister\n\n(1) The Minister must publish a plan.\n\n"
            "(2) The Minister may by regulations—\n\n(a) set fees;\n\n(b) exempt bodies.\n")
    document = extract_text(text, "act", "en")
    by_key = {p.key: p for p in document.provisions}
    assert by_key["Section 2"].article == 2 and by_key["Section 2"].heading == "Duties of the Minister"
    assert by_key["Section 2/2"].label == "Section 2(2)" and "Section 2/2/(a)" in by_key
    assert {(n.article, n.provision, n.actor, n.modality) for n in document.norms} >= {
        (2, "Section 2/1", "The Minister", "obligation"), (2, "Section 2/2/(a)", "The Minister", "permission")}
    assert "warnings" not in document.metadata


def test_inserted_article_with_a_letter_is_its_own_article():
    provisions, _ = split_provisions("d", "Article 8\n\nThe controller shall act.\n\nArticle 8a\n\nThe processor shall act.\n", "en")
    articles = [(p.key, p.article) for p in provisions if len(p.path) == 1]
    assert articles == [("Article 8", 8), ("Article 8a", 8)]


def test_chinese_articles_as_markdown_headings():
    provisions, _ = split_provisions("z", "## 第一条 居民委员会应当开展工作。\n\n### **第二条** 政府应当支持。\n", "zh")
    articles = [(p.key, p.article) for p in provisions if p.article and len(p.path) == 1]
    assert articles == [("第一条", 1), ("第二条", 2)]
    found = extract_text("## 第一条 居民委员会应当开展工作。\n\n### **第二条** 政府应当支持。\n", "z", "zh").norms
    assert [(n.article, n.actor) for n in found] == [(1, "居民委员会"), (2, "政府")]


def test_a_number_alone_on_a_line_far_from_the_current_section_is_text():
    text = UK_ACT.replace("be reviewed annually.", "be reviewed annually.\n\n2024\n\nand each year after.")
    provisions, _ = split_provisions("uk", text, "en")
    assert not any(p.article == 2024 for p in provisions)
    assert "2024" in next(p for p in provisions if p.key == "section 13/2/b").text
