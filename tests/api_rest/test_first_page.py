"""The first page of the gap report is kept beside the findings: a fresh process answers
``/gaps?limit=…`` and ``/view/gaps`` from it without reading the whole report, with the same
findings, totals and counts as the whole report; a review or a write makes it stale."""
from __future__ import annotations

import contextlib
import csv
import io
import json

import pytest
from fastapi.testclient import TestClient

from govkg.api.app import create_app
from govkg.api.settings import Settings
from govkg.kg import first_page, gaps, kept_findings
from govkg.kg.documents import ingest_document
from govkg.kg.effective import effective_gaps
from govkg.kg.oxigraph_store import OxigraphStore
from govkg.kg.reviews import review_finding
from tests.kg.conftest import gdpr_like, residents_law


@pytest.fixture
def folder(tmp_path):
    store = OxigraphStore(tmp_path / "store")
    ingest_document(store, residents_law())
    ingest_document(store, gdpr_like())
    store.close()
    return tmp_path / "store"


@contextlib.contextmanager
def fresh(folder, monkeypatch=None):
    """An app over the store as a new process sees it (nothing in memory); with ``monkeypatch``,
    one that must not compute the whole report."""
    gaps._CACHE.clear()
    kept_findings._MEMORY.clear()
    first_page._PAGES.clear()
    if monkeypatch is not None:
        def refuse(*args, **kwargs):
            raise AssertionError("the whole report was read")
        monkeypatch.setattr(first_page, "effective_gaps", refuse)
        monkeypatch.setattr("govkg.api.routers.gaps.effective_gaps", refuse)
        monkeypatch.setattr("govkg.api.routers.pages.effective_gaps", refuse)
    store = OxigraphStore(folder)
    try:
        with TestClient(create_app(Settings(), store)) as client:
            yield client
    finally:
        store.close()


def whole_report(folder) -> dict:
    """The whole default report, read in the knowledge-graph layer (not through the kept page)."""
    with OxigraphStore(folder) as store:
        report = effective_gaps(store, order="rank")
    findings = json.loads(json.dumps([f.to_json() for f in report.findings], ensure_ascii=False))
    return {"findings": findings, "total": len(findings), "dismissed": report.dismissed}


def test_a_fresh_process_answers_the_first_page_from_what_was_kept(folder, monkeypatch):
    whole = whole_report(folder)
    assert whole["total"] > 10
    with fresh(folder) as client:
        assert client.get("/gaps").json() == whole           # made and kept the page
        by_kind = [f for f in whole["findings"] if f["kind"] == "no-sanction"]
        page = client.get("/view/gaps", params={"lang": "en"}).text
    with fresh(folder, monkeypatch) as client:
        first = client.get("/gaps", params={"limit": 5})
        assert first.json() == {"findings": whole["findings"][:5], "total": whole["total"], "dismissed": 0}
        assert first.headers["X-Total-Count"] == str(whole["total"])
        assert client.get("/gaps", params={"limit": 3, "offset": 4}).json()["findings"] == whole["findings"][4:7]
        one = client.get("/gaps", params={"kind": "no-sanction", "limit": 4}).json()
        assert one["findings"] == by_kind[:4] and one["total"] == len(by_kind)
        rows = list(csv.DictReader(io.StringIO(client.get("/gaps", params={"format": "csv", "limit": 2}).text)))
        assert [r["norm"] for r in rows] == [f["norm"] for f in whole["findings"][:2]]
        assert client.get("/view/gaps", params={"lang": "en"}).text == page
        assert client.get("/gaps", params={"kind": "nonsense", "limit": 5}).status_code == 400


def test_a_dismissal_or_a_new_document_makes_the_kept_page_stale(folder, monkeypatch):
    with fresh(folder) as client:
        whole = client.get("/gaps").json()
    assert whole == whole_report(folder)
    store = OxigraphStore(folder)
    top = whole["findings"][0]
    review_finding(store, top["kind"], top["norm"], "dismissed", "王律师", "罚则另有规定")
    ingest_document(store, residents_law("residents-2"))
    store.close()
    now = whole_report(folder)
    with fresh(folder) as client:
        first = client.get("/gaps", params={"limit": 5}).json()
    assert now["dismissed"] >= 1 and now["total"] != whole["total"]
    assert first == {"findings": now["findings"][:5], "total": now["total"], "dismissed": now["dismissed"]}
    with fresh(folder, monkeypatch) as client:       # kept again, with the dismissal and the document
        assert client.get("/gaps", params={"limit": 5}).json() == first
