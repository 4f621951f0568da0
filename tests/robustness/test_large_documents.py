"""A document too large for the limits is refused before it is split or extracted (a 6 MB text
of 100,000 one-line articles took 258 s and 9.6 GB); the limits are settings; and a large
document that is accepted is shown without comparing every article with every norm."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from govkg.api.app import create_app
from govkg.api.routers.pages import display_units, document_units
from govkg.api.settings import Settings
from govkg.ingest.extract import extract_path
from govkg.ingest.readers import Limits
from govkg.kg.queries import NormView
from govkg.ontology.errors import ReadError
from tests.robustness.helpers import TOKEN, figure, govkg, no_traceback


def articles(count: int) -> str:
    return "\n".join(["# 条文很多的规定"] + [f"第{i}条 有关部门应当依法监督管理第{i}项事务。" for i in range(1, count + 1)])


@pytest.fixture(scope="module")
def huge(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("large") / "many_articles.txt"
    path.write_text(articles(100_000), encoding="utf-8")
    assert path.stat().st_size > 6_000_000
    return path


def test_too_many_provisions_are_refused_before_extraction(huge, tmp_path):
    started = time.monotonic()
    with pytest.raises(ReadError, match=r"100001 lines .*GOVKG_MAX_PROVISIONS"):
        extract_path(huge)
    took = time.monotonic() - started
    assert took < 2, took
    result = govkg("ingest", huge, "--store", tmp_path / "store", timeout=120)
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1 and no_traceback(result.stderr)
    assert any("GOVKG_MAX_PROVISIONS" in line for line in lines), result.stderr
    figure(f"a 6.9 MB text of 100,000 one-line articles: refused in {took * 1000:.0f} ms (read, clean, count)")


def test_an_upload_too_large_for_the_limits_is_refused_and_nothing_stored(huge, tmp_path):
    app = create_app(Settings(store=str(tmp_path / "store"), write_token=TOKEN))
    with TestClient(app) as http:
        answer = http.post("/documents", files={"file": (huge.name, huge.read_bytes(), "text/plain")},
                           headers={"Authorization": f"Bearer {TOKEN}"})
        assert answer.status_code == 422 and "GOVKG_MAX_PROVISIONS" in answer.json()["error"], answer.text[:300]
        assert http.get("/documents").json()["documents"] == []
    app.state.store.close()


def test_the_limits_are_settings(tmp_path, monkeypatch):
    law = tmp_path / "law.txt"
    law.write_text(articles(40), encoding="utf-8")
    assert extract_path(law, limits=Limits(max_provisions=41)).norms
    with pytest.raises(ReadError, match="41 lines"):
        extract_path(law, limits=Limits(max_provisions=40))
    with pytest.raises(ReadError, match="GOVKG_MAX_PROVISION_CHARS"):
        extract_path(law, limits=Limits(max_provision_chars=20))
    monkeypatch.setenv("GOVKG_MAX_PROVISIONS", "12")
    result = govkg("extract", law, env={"GOVKG_MAX_PROVISIONS": "12"})
    assert result.returncode == 1 and "more than the 12" in result.stderr and no_traceback(result.stderr)
    assert Settings().read_limits().max_provisions == 12


def test_the_document_page_of_many_articles_is_cut_in_linear_time():
    """5,000 articles with a norm each and an item in each: the page's cutting of the text into
    clauses and anchors (every article against every norm and provision: minutes)."""
    provisions, norms, text_at = [], [], 0
    for i in range(1, 5001):
        text = f"第{i}条 有关部门应当依法监督管理第{i}项事务。（一）报告。"
        provisions.append({"key": f"a{i}", "kind": "article", "start": text_at, "text": text})
        provisions.append({"key": f"a{i}/i1", "kind": "item", "start": text_at + text.index("（"),
                           "text": "（一）报告。"})
        norms.append(NormView(id=f"d/n{i}", iri="", doc="d", modality="obligation", action="监督管理",
                              start=text_at + 3, end=text_at + 12))
        text_at += len(text) + 1
    started = time.monotonic()
    units = document_units(provisions, norms)
    took = time.monotonic() - started
    assert len(units) == 5000 == len(display_units(provisions))
    first = units[0]["segments"]
    assert [s["norm"].id if s["norm"] else None for s in first] == [None, "d/n1", None, None]
    assert first[3]["anchors"] == ["a1/i1"] and first[3]["text"] == "（一）报告。"
    assert took < 5, took                       # the old cutting: 9.4 s for the first 500 alone
    figure(f"document page of 5,000 articles: cut in {took:.2f} s")
