"""Cross-document findings brought up to date from each key's summary and kept findings
(``govkg.kg.key_deltas``) after a document is written new or deleted: the report equals the report
from scratch, and the keys' norms in other documents are not read again where the summary says
enough — on the embedded store and on an Oxigraph server."""
from __future__ import annotations

import pytest

from govkg.ingest.records import Document, Norm, Provision
from govkg.kg import crossing, gaps, key_deltas
from govkg.kg.crossing import document_events
from govkg.kg.documents import delete_document, ingest_document
from govkg.kg.mapping import graph_iri
from tests.kg.conftest import residents_law
from tests.kg.test_crossing import from_scratch, keyed_store, reported  # noqa: F401  (keyed_store: a fixture)


def law(doc: str, *norms: tuple[str, str, str, tuple[str, ...]]) -> Document:
    """A document of one article per (bearer, modality, action, tags)."""
    provisions, records, text = [], [], ""
    for number, (actor, modality, action, tags) in enumerate(norms, start=1):
        article = f"第{'一二三四五六七八九'[number - 1]}条 {actor}{'应当' if modality == 'obligation' else '不得'}{action}。"
        start = len(text)
        text += article + "\n"
        label = article.split()[0]
        provisions.append(Provision(doc, (label,), number, label, article, start, start + len(article)))
        records.append(Norm(doc, number, actor, modality, action, start=start, end=start + len(article),
                            provision=label, tags=tags))
    return Document(doc=doc, text=text, lang="zh", title=doc, source=f"{doc}.md", provisions=provisions, norms=records)


DUTIES = law("property-duties", ("物业公司", "obligation", "维修共用部位", ()), ("物业公司", "obligation", "公示收支情况", ()))
WATCHING = law("street-oversight", ("街道办事处", "obligation", "监督检查物业公司履行职责", ("oversight",)))


@pytest.fixture
def calls(monkeypatch):
    """The keyed queries the deltas run ((kind, keys, graphs)) and the fallbacks to whole keyed queries."""
    seen: dict[str, list] = {"keyed": [], "whole": []}
    keyed, whole = key_deltas.KeyedRun.keyed, gaps._detect_keyed

    def recording_keyed(self, kind, keys, graphs=None):
        keys = set(keys)
        if keys:
            seen["keyed"].append((kind, keys, None if graphs is None else set(graphs)))
        return keyed(self, kind, keys, graphs)

    def recording_whole(store, wanted, graphs, timeout, keys=None):
        if keys is not None:
            seen["whole"].append(tuple(wanted))
        return whole(store, wanted, graphs, timeout, keys)
    monkeypatch.setattr(key_deltas.KeyedRun, "keyed", recording_keyed)
    monkeypatch.setattr(gaps, "_detect_keyed", recording_whole)
    return seen


def oversight_of(store, actor: str) -> list:
    return [f for f in reported(store)["no-oversight"] if f.actor == actor]


def test_a_new_document_adds_its_duties_and_ends_a_supervision_without_reading_the_actors_other_norms(keyed_store, calls):
    store = keyed_store
    ingest_document(store, DUTIES)
    assert len(oversight_of(store, "物业服务企业")) == 2            # kept: nobody supervises the company
    calls["keyed"].clear()
    ingest_document(store, law("more-duties", ("物业公司", "obligation", "建立维修档案", ())))
    assert len(oversight_of(store, "物业服务企业")) == 3 and reported(store) == from_scratch(store)
    oversight_reads = [graphs for kind, _, graphs in calls["keyed"] if kind == "no-oversight"]
    assert oversight_reads == [{graph_iri("more-duties")}], "only the new document's duties were read"
    ingest_document(store, WATCHING)                 # the street office now supervises the company
    assert oversight_of(store, "物业服务企业") == [] and reported(store) == from_scratch(store)
    assert not {kind for kinds in calls["whole"] for kind in kinds} & set(key_deltas.DELTAS)


def test_deleting_the_only_supervision_reports_the_actors_duties_again(keyed_store, calls):
    store = keyed_store
    ingest_document(store, DUTIES)
    ingest_document(store, WATCHING)
    assert oversight_of(store, "物业服务企业") == []
    delete_document(store, WATCHING.doc)
    back = oversight_of(store, "物业服务企业")
    assert {f.doc for f in back} == {DUTIES.doc} and len(back) == 2
    assert reported(store) == from_scratch(store)
    delete_document(store, DUTIES.doc)
    assert oversight_of(store, "物业服务企业") == [] and reported(store) == from_scratch(store)


def test_kept_overlap_findings_are_explained_again_when_one_more_document_shares_the_matter(keyed_store, calls, monkeypatch):
    store = keyed_store
    ingest_document(store, residents_law("residents-1"))
    ingest_document(store, residents_law("residents-2"))
    before = [f for f in reported(store)["overlap"] if f.doc == "residents-1"]
    assert before and all("2个文件" in f.explanation_zh for f in before)
    built: list[set[str]] = []
    build = gaps._built

    def recording_build(kind, rows, known):
        if kind == "overlap":
            built.append({row.get("g") for row in rows})
        return build(kind, rows, known)
    monkeypatch.setattr(gaps, "_built", recording_build)
    ingest_document(store, residents_law("residents-3"))
    after = [f for f in reported(store)["overlap"] if f.doc == "residents-1"]
    assert len(after) == len(before) and all("3个文件" in f.explanation_zh for f in after)
    assert [f._replace(explanation="", explanation_zh="") for f in after] == \
        [f._replace(explanation="", explanation_zh="") for f in before]
    assert built == [{graph_iri("residents-3")}], "only the new document's overlap rows were built afresh"
    assert reported(store) == from_scratch(store)
    delete_document(store, "residents-3")
    assert [f for f in reported(store)["overlap"] if f.doc == "residents-1"] == before


def test_a_write_says_whether_it_added_or_deleted_a_document():
    new, gone = graph_iri("new"), graph_iri("gone")
    assert document_events({("g", new), crossing.written_new(new), ("actor", "a")}) == (frozenset({new}), frozenset())
    assert document_events({("g", gone), crossing.deleted(gone)}) == (frozenset(), frozenset({gone}))
    assert document_events({("g", new)}) is None, "a replacement: the whole keyed queries run"
    assert document_events({("g", new), crossing.written_new(new), crossing.deleted(new)}) is None
    assert crossing.kind_keys("no-oversight", {crossing.written_new(new), ("bearer", "a")}) == {("actor", "a")}
