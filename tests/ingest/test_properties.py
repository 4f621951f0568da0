"""Property tests: the splitter, cleaner and readers never crash and keep offsets valid."""
from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govkg.ingest.clean import clean_pdf_layer
from govkg.ingest.extract import extract_path, extract_text
from govkg.ingest.readers import read_bytes
from govkg.ingest.structure import split_provisions
from govkg.ontology.errors import GovKGError

PIECES = ["第一条 ", "第十二条", "（一）", "(a)", "Article 3\n", "1.   ", "居民委员会", "应当", "不得", "可以", "由", "负责",
          "和", "、", "，", "。", "：", "\n", "\n\n", "the controller", " shall ", " may not ", "业主", "有关部门", "的"]
law_text = st.lists(st.sampled_from(PIECES) | st.text(max_size=5), max_size=40).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(law_text, st.sampled_from(["zh", "en"]))
def test_provisions_lie_in_the_text(text, lang):
    provisions, units = split_provisions("d", text, lang)
    for p in provisions:
        assert text[p.start:p.end] == p.text
    for u in units:
        assert 0 <= u.start <= u.end <= len(text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(law_text, st.sampled_from(["zh", "en"]))
def test_norm_spans_lie_inside_their_provision(text, lang):
    try:
        document = extract_text(text, "d", lang)
    except GovKGError:
        return
    provisions = {p.key: p for p in document.provisions}
    for n in document.norms:
        holder = provisions[n.provision]
        assert holder.start <= n.start <= n.end <= holder.end
        assert n.modality in ("obligation", "prohibition", "permission")


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_cleaning_maps_every_character_back(raw):
    cleaned, offsets = clean_pdf_layer(raw)
    assert len(offsets) == len(cleaned)
    assert all(0 <= o <= len(raw) for o in offsets)


@settings(max_examples=80, deadline=None)
@given(st.binary(max_size=600), st.sampled_from(["", ".txt", ".md", ".html", ".docx", ".pdf"]))
def test_readers_either_read_or_refuse_cleanly(data, suffix):
    try:
        source = read_bytes(data, suffix)
    except GovKGError as exc:
        assert "\n" not in str(exc)
        return
    assert source.text.strip()


@settings(max_examples=15, deadline=None)
@given(st.binary(min_size=1, max_size=400))
def test_extract_path_on_random_bytes_raises_only_govkg_errors(data):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "random.txt"
        path.write_bytes(data)
        try:
            extract_path(path)
        except GovKGError as exc:
            assert str(exc).startswith("random.txt")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet="ab人员部门 ", min_size=1, max_size=5), min_size=1, max_size=12),
       st.text(alphabet="ab人员部门 xy", max_size=40))
def test_trie_alternation_matches_what_the_plain_alternation_matches(words, text):
    import re

    from govkg.ingest.patterns import alternation, trie_alternation
    plain = re.compile("(?:" + alternation(words) + ")(?!员)")
    trie = re.compile("(?:" + trie_alternation(words) + ")(?!员)")
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]
    plain_en = re.compile(r"\b(?:" + alternation(words) + r")\b", re.I)
    trie_en = re.compile(r"\b(?:" + trie_alternation(words, fold_case=True) + r")\b", re.I)
    assert [m.span() for m in trie_en.finditer(text.upper())] == [m.span() for m in plain_en.finditer(text.upper())]
