"""REST and the network page over a real law of the bundled corpus, extracted and ingested."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from govkg.api.app import create_app
from govkg.api.network import external_sources
from govkg.api.settings import Settings
from govkg.kg.documents import ingest_document
from govkg.kg.oxigraph_store import OxigraphStore

extract = pytest.importorskip("govkg.ingest.extract", reason="extraction is not available")


@pytest.fixture(scope="module")
def client(corpus_dir):
    store = OxigraphStore()
    ingest_document(store, extract.extract_path(corpus_dir / "zh_urban_residents_committee_law.md"))
    with TestClient(create_app(Settings(), store)) as c:
        yield c


def test_corpus_law_answers_who_is_responsible_and_shows_its_network(client):
    doc = client.get("/documents").json()["documents"][0]
    assert doc["doc"] == "zh_urban_residents_committee_law" and doc["norms"] > 10
    answer = client.get("/responsible", params={"topic": "工作"}).json()["responsible"]
    assert answer and all(any("工作" in n["action"] + n["text"] for n in r["norms"]) for r in answer)
    data = client.get("/network.json", params={"doc": doc["doc"]}).json()
    relations = {e["relation"] for e in data["edges"] if e["kind"] == "relation"}
    assert {"guides", "assists", "informs"} <= relations
    own = client.get("/network.json", params={"view": "norms", "actor": "居民委员会"}).json()
    norm_nodes = [n for n in own["nodes"] if n["kind"] == "norm"]
    assert len(norm_nodes) == own["counts"]["norms_total"] > 10
    page = client.get("/network", params={"doc": doc["doc"]})
    assert page.status_code == 200 and external_sources(page.text) == []


def test_corpus_gap_clauses_are_found_in_their_provisions(client):
    findings = client.get("/gaps", params={"doc": "zh_urban_residents_committee_law"}).json()["findings"]
    with_norm = [f for f in findings if f["norm"]][:5]
    assert with_norm
    for finding in with_norm:
        norm = client.get("/norms/" + finding["norm"].rsplit("/norm/", 1)[1]).json()
        provision = client.get(f"/provisions/{norm['doc']}/{norm['provision']}").json()
        assert norm["id"] in {s["norm"] for s in provision["spans"]}
