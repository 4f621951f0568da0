"""Hypothesis on the provision splitter and the norm assembler: law-like texts built from real
drafting pieces, and junk around them; offsets stay inside the text and records stay valid."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govkg.ingest.extract import extract_text
from govkg.ingest.records import MODALITIES
from govkg.ingest.structure import split_provisions

ROLES = {"sole", "lead", "support", "joint"}
ZH_PIECES = ["第一条", "第二条", "第十二条", "第一百零一条", "第三章 法律责任", "（一）", "（二）",
             "居民委员会", "业主委员会", "有关部门", "街道办事处", "物业服务企业", "县级以上人民政府", "和", "会同", "牵头",
             "应当", "不得", "可以", "必须", "有权", "负责", "报告工作", "公开账目", "予以罚款", "，", "。", "；", "：",
             "\n", "\n\n", " ", "<script>", "违反本法第十条规定的", "由", "责令改正"]
EN_PIECES = ["Article 1", "Article 2", "Article 33", "CHAPTER IV", "1.", "2.", "(a)", "(b)", "the controller",
             "the processor", "Member States", "relevant authorities", "any person", "shall", "shall not", "may",
             "must", "notify the supervisory authority", "keep records", "without undue delay", ", ", ". ",
             "; ", "\n", "\n\n", " ", "where", "unless"]
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def texts(pieces: list[str]):
    junk = st.text(max_size=6)
    return st.lists(st.one_of(st.sampled_from(pieces), junk), min_size=1, max_size=60).map("".join)


def _check_provisions(text: str, lang: str) -> None:
    provisions, units = split_provisions("fuzz", text, lang)
    keys = [p.key for p in provisions]
    assert len(set(keys)) == len(keys)
    for p in provisions:
        assert 0 <= p.start <= p.end <= len(text)
        assert p.text.strip() in text[p.start:p.end] or text[p.start:p.end].strip() in p.text
    starts = [u.start for u in units]
    assert starts == sorted(starts)
    for unit in units:
        assert 0 <= unit.start <= unit.end <= len(text)
        assert unit.key in keys or unit.key == "body"


def test_a_repeated_article_number_gives_distinct_provision_keys():
    provisions, _ = split_provisions("fuzz", "第一条 居民委员会应当公开账目。\n第一条 业主委员会应当报告。", "zh")
    assert len({p.key for p in provisions}) == len(provisions)


@settings(max_examples=200, deadline=None)
@given(texts(ZH_PIECES))
def test_zh_splitter_keeps_offsets_inside_the_text(text):
    _check_provisions(text, "zh")


@settings(max_examples=200, deadline=None)
@given(texts(EN_PIECES))
def test_en_splitter_keeps_offsets_inside_the_text(text):
    _check_provisions(text, "en")


def _check_norms(text: str, lang: str) -> None:
    document = extract_text(text, "fuzz", lang)
    keys = {p.key for p in document.provisions} | {"body"}
    for norm in document.norms:
        assert 0 <= norm.start < norm.end <= len(document.text)
        assert norm.modality in MODALITIES and norm.role in ROLES
        assert norm.action.strip()
        assert norm.provision in keys
        assert 0.0 <= norm.confidence <= 1.0
        assert norm.to_json()["doc"] == "fuzz"


@FUZZ
@given(texts(ZH_PIECES).filter(lambda t: t.strip()))
def test_zh_norm_assembler_gives_valid_norms(text):
    _check_norms(text, "zh")


@FUZZ
@given(texts(EN_PIECES).filter(lambda t: t.strip()))
def test_en_norm_assembler_gives_valid_norms(text):
    _check_norms(text, "en")
