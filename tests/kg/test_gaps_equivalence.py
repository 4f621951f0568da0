"""The gap detectors give the same findings as the original (straightforward, slower) SPARQL
kept in ``tests/kg/gap_reference``: on the real corpus, with a second copy of two documents so
that the cross-document detectors (overlap, conflict, no-oversight, information-gap) have
something to join across graphs. The detectors on a real Virtuoso give the same findings as the
reference on the embedded store (the reference queries themselves are not run on Virtuoso: its
SQL compiler fails on some of their MINUS and NOT EXISTS forms)."""
from __future__ import annotations

import dataclasses
import functools
import re
from pathlib import Path

import pytest

from govkg.ingest.extract import extract_path
from govkg.ingest.records import Document, Norm, Provision
from govkg.kg import gaps
from govkg.kg.documents import ingest_document
from govkg.kg.gap_findings import build_finding
from govkg.kg.gaps import GAP_KINDS, find_gaps
from govkg.kg.oxigraph_store import OxigraphStore
from govkg.kg.server_store import ServerStore
from tests.kg.conftest import residents_law

REFERENCE = Path(__file__).with_name("gap_reference")
COPIED = ("zh_work_safety_law", "en_gdpr_ch4")


@functools.cache
def corpus_documents(corpus_dir: Path) -> tuple[Document, ...]:
    """The corpus, extracted once per session."""
    paths = [p for p in sorted(corpus_dir.iterdir()) if p.suffix in {".md", ".txt"} and p.name != "SOURCES.md"]
    docs = [extract_path(p) for p in paths]
    copies = [dataclasses.replace(d, doc=d.doc + "-copy") for d in docs if d.doc in COPIED]
    return tuple(docs + copies + [residents_law(), conflicting_rules()])


def conflicting_rules(doc: str = "conflicting_rules") -> Document:
    """No corpus law obliges and forbids one actor the same thing, so this one does: the
    residents' committee must and must not publish (contained action), across two documents."""
    art1 = "第一条 居民委员会不得公开居民信息。"
    art2 = "第二条 居民委员会应当公开居民信息和财务收支。生产经营单位不得报告工作。"
    text = art1 + "\n" + art2
    s2 = len(art1) + 1
    provisions = [Provision(doc, ("第一条",), 1, "第一条", art1, 0, len(art1)),
                  Provision(doc, ("第二条",), 2, "第二条", art2, s2, len(text))]
    norms = [Norm(doc, 1, "居民委员会", "prohibition", "公开居民信息", start=4, end=len(art1), provision="第一条"),
             Norm(doc, 2, "居民委员会", "obligation", "公开居民信息和财务收支", start=s2 + 4, end=s2 + 24,
                  provision="第二条"),
             Norm(doc, 2, "居民委员会", "prohibition", "报告工作", start=s2 + 25, end=len(text), provision="第二条")]
    return Document(doc=doc, text=text, lang="zh", title="冲突规则", source=f"{doc}.md",
                    sha256="1" * 64, provisions=provisions, norms=norms)


@pytest.fixture(scope="module")
def reference_store(corpus_dir, tmp_path_factory):
    """The corpus in the embedded store, where the reference queries run."""
    store = OxigraphStore(tmp_path_factory.mktemp("reference") / "store")
    for document in corpus_documents(corpus_dir):
        ingest_document(store, document)
    yield store
    store.close()


@pytest.fixture(scope="module", params=["embedded", "virtuoso"])
def full_corpus_store(request, corpus_dir, reference_store):
    """The store whose detectors are checked: the reference store itself, or Virtuoso."""
    if request.param == "embedded":
        yield reference_store
        return
    server = request.getfixturevalue("fresh_virtuoso")
    store = ServerStore(server.endpoint)
    for document in corpus_documents(corpus_dir):
        ingest_document(store, document)
    yield store
    store.close()
    server.clear()


def reference_findings(store, kind: str, doc: str | None = None) -> list:
    sparql = (REFERENCE / f"{kind}.rq").read_text(encoding="utf-8")
    rows = store.select(gaps._with_doc_filter(sparql, doc))
    details = gaps._details(store, gaps.graphs_of(doc), None)    # the reference rows carry ?article and ?text
    return canonical(build_finding(kind, row, details) for row in rows)


def canonical(findings) -> list:
    """Findings in a fixed order; lists of bearers' names (GROUP_CONCAT, whose order SPARQL
    leaves open) in overlap and shared-no-lead findings are compared as multisets."""
    return sorted((_names_sorted(f) for f in findings), key=gaps._order)


def _names_sorted(f):
    if f.kind == "overlap":
        names = re.search(r"is assigned to (.*) across", f.explanation).group(1)
    elif f.kind == "shared-no-lead":
        names = f.actor
    else:
        return f
    ordered = "、".join(sorted(names.split("、")))
    return f._replace(**{field: getattr(f, field).replace(names, ordered, 1)
                         for field in ("explanation", "explanation_zh", "actor", "group")})


def test_lists_of_names_are_sorted(full_corpus_store):
    found = find_gaps(full_corpus_store, ["shared-no-lead", "overlap"])
    lists = [f.actor for f in found if f.kind == "shared-no-lead"]
    lists += [re.search(r"is assigned to (.*) across", f.explanation).group(1) for f in found if f.kind == "overlap"]
    assert len(lists) > 10 and all("\x1f" not in names for names in lists)
    labels = {f.actor for f in find_gaps(full_corpus_store, ["vague-actor", "no-oversight"])}
    simple = [names for names in lists if all(n in labels for n in names.split("、"))]
    assert simple and all(names.split("、") == sorted(names.split("、")) for names in simple)


@pytest.mark.parametrize("kind", list(GAP_KINDS))
def test_findings_equal_the_reference_queries(full_corpus_store, reference_store, kind):
    expected = reference_findings(reference_store, kind)
    actual = find_gaps(full_corpus_store, [kind])
    assert expected, f"the corpus gives {kind} findings"
    assert canonical(actual) == expected


@pytest.mark.parametrize("kind", ["no-sanction", "no-oversight", "conflict", "overlap", "information-gap"])
def test_one_document_findings_equal_the_reference(full_corpus_store, reference_store, kind):
    expected = reference_findings(reference_store, kind, "zh_work_safety_law-copy")
    actual = find_gaps(full_corpus_store, [kind], doc="zh_work_safety_law-copy")
    assert canonical(actual) == expected


def test_full_report_is_ordered_by_kind(full_corpus_store):
    kinds = [f.kind for f in find_gaps(full_corpus_store)]
    assert kinds == sorted(kinds, key=list(GAP_KINDS).index)
