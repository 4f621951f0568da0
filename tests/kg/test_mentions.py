"""gov:mentions: the actors an oversight or sanction action names, recorded when a document is
written, so that no-oversight looks them up. A new name that a later document brings is matched
against the stored actions once, recorded in the mentions graph, and forgotten with the document
whose action it is."""
from __future__ import annotations

from govkg.kg import mentions
from govkg.kg.mentions import MENTIONS_GRAPH
from govkg.kg.documents import delete_document, ingest_document
from govkg.kg.gaps import find_gaps
from govkg.kg.mapping import graph_iri
from govkg.ontology import terms as T

from .test_gaps_oversight import _law


def test_every_name_an_action_contains_is_found_case_ignored():
    index = mentions.NameIndex([("a1", "有关部门"), ("a2", "部门"), ("a3", "The Controller"), ("a4", "局")])
    assert index.mentioned("监督有关部门的工作") == {"a1", "a2"}
    assert index.mentioned("monitor the controller's records") == {"a3"}
    assert index.mentioned("局长") == set()            # one-character names are never matched


def _mentioned(store) -> set[tuple[str, str]]:
    rows = store.select(f"SELECT ?g ?actor WHERE {{ GRAPH ?g {{ ?o <{T.mentions}> ?actor }} }}")
    return {(row["g"], row["actor"].rsplit("/", 1)[-1]) for row in rows}


def _watcher(doc: str):
    return _law(doc, "zh", [("街道办事处", "监督物业服务企业履行合同", "街道办事处应当监督物业服务企业履行合同。", ("oversight",))])


def _managed(doc: str):
    return _law(doc, "zh", [("物业服务企业", "公开服务事项", "物业服务企业应当公开服务事项。", ())])


def test_a_name_brought_later_is_recorded_once_and_goes_with_the_watching_document(store):
    ingest_document(store, _watcher("watch"))
    assert _mentioned(store) == set()                   # nobody of that name is known yet
    ingest_document(store, _managed("managed"))
    assert {g for g, _ in _mentioned(store)} == {MENTIONS_GRAPH} and len(_mentioned(store)) == 1
    assert "物业服务企业" not in {f.actor for f in find_gaps(store, ["no-oversight"])}
    ingest_document(store, _managed("managed-again"))   # a name the store holds already: nothing more
    assert len(_mentioned(store)) == 1
    delete_document(store, "watch")
    assert _mentioned(store) == set()
    assert "物业服务企业" in {f.actor for f in find_gaps(store, ["no-oversight"])}


def test_a_name_already_stored_is_recorded_with_the_watching_document(store):
    ingest_document(store, _managed("managed"))
    assert "物业服务企业" in {f.actor for f in find_gaps(store, ["no-oversight"])}
    ingest_document(store, _watcher("watch"))
    assert {g for g, _ in _mentioned(store)} == {graph_iri("watch")}
    assert "物业服务企业" not in {f.actor for f in find_gaps(store, ["no-oversight"])}
    delete_document(store, "watch")
    assert "物业服务企业" in {f.actor for f in find_gaps(store, ["no-oversight"])}


def test_replacing_a_document_does_not_keep_its_old_mentions(store):
    ingest_document(store, _managed("managed"))
    ingest_document(store, _watcher("watch"))
    ingest_document(store, _law("watch", "zh", [("街道办事处", "指导社区工作", "街道办事处应当指导社区工作。", ("oversight",))]))
    assert _mentioned(store) == set()
    assert "物业服务企业" in {f.actor for f in find_gaps(store, ["no-oversight"])}


def test_forgetting_documents_mentions_takes_exactly_theirs(tmp_path):
    from govkg.kg.mapping import norm_prefix
    from govkg.kg.mentions import MENTIONS_GRAPH, forget_update
    from govkg.kg.oxigraph_store import OxigraphStore
    from govkg.ontology import terms as T
    docs = ["法(2020.01)", "法(2020x01)", "a+b", "aab", "其他"]
    with OxigraphStore(tmp_path / "s") as store:
        data = "".join(f"<{norm_prefix(d)}0123456789abcdef> <{T.mentions}> <urn:actor> .\n" for d in docs)
        store.update(f"INSERT DATA {{ GRAPH <{MENTIONS_GRAPH}> {{\n{data}}} }}")
        store.update(forget_update(norm_prefix("法(2020.01)"), norm_prefix("a+b")))
        left = {row["o"] for row in store.select(f"SELECT ?o WHERE {{ GRAPH <{MENTIONS_GRAPH}> {{ ?o ?p ?a }} }}")}
        assert left == {f"{norm_prefix(d)}0123456789abcdef" for d in ("法(2020x01)", "aab", "其他")}
