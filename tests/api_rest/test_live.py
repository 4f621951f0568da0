"""The REST resources and the viz command against a live ``govkg serve`` over an on-disk store."""
from __future__ import annotations

import gc
import subprocess

import httpx

from govkg.api.network import external_sources
from govkg.kg import open_store
from govkg.kg.documents import ingest_document
from tests.api_rest.sample import zh_document
from tests.conftest import GOVKG, govkg_serve


def _fill(location) -> None:
    store = open_store(str(location))
    ingest_document(store, zh_document())
    store.close()
    del store
    gc.collect()


def test_live_server_answers_rest_and_pages(tmp_path):
    _fill(tmp_path / "store")
    with govkg_serve(tmp_path / "store", token="t0k") as base:
        actors = httpx.get(f"{base}/actors").json()["actors"]
        assert any(a["label"] == "有关部门" for a in actors)
        gaps = httpx.get(f"{base}/gaps", params={"kind": "vague-actor"}).json()["findings"]
        assert [f["actor"] for f in gaps] == ["有关部门"]
        page = httpx.get(f"{base}/network", params={"doc": "sample_zh"})
        assert page.status_code == 200 and external_sources(page.text) == []
        assert httpx.delete(f"{base}/documents/sample_zh").status_code == 401
        assert httpx.get(f"{base}/openapi.json").json()["paths"]["/actors/{actor_id}"]


def test_viz_writes_a_self_contained_page(tmp_path):
    _fill(tmp_path / "store")
    out = tmp_path / "net.html"
    done = subprocess.run([*GOVKG, "viz", "--out", str(out), "--doc", "sample_zh", "--store", str(tmp_path / "store")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    html = out.read_text(encoding="utf-8")
    assert "vis.Network" in html and external_sources(html) == []
    assert "<script>window.__pwned" not in html
    bad = subprocess.run([*GOVKG, "viz", "--out", str(out), "--gap", "nonsense", "--store", str(tmp_path / "store")],
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1 and "nonsense" in bad.stderr and "Traceback" not in bad.stderr
