"""The pages in headless Chromium against a live ``govkg serve``: offline, drawn, clickable, inert labels."""
from __future__ import annotations

import gc
import os
import shutil
from pathlib import Path

import pytest

from govkg.kg import open_store
from govkg.kg.documents import ingest_document
from tests.api_rest.sample import EVIL, zh_document
from tests.browser_support import pytestmark  # noqa: F401  (browser and page fixtures come with it)
from tests.conftest import govkg_serve


def fill_store(location: Path) -> None:
    """Ingest the sample and release the folder (RocksDB unlocks when the store is collected)."""
    store = open_store(str(location))
    ingest_document(store, zh_document())
    store.close()
    del store
    gc.collect()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("store")
    fill_store(folder / "store")
    with govkg_serve(folder / "store") as base:
        yield base


def _open_network(page, url: str) -> None:
    page.goto(url)
    page.wait_for_function("window.govkg && window.govkg.stabilized", timeout=30_000)


def test_network_page_loads_nothing_from_outside_and_draws_the_graph(server, page, tmp_path):
    _open_network(page, f"{server}/network?view=norms&actor=居民委员会")
    outside = [u for u in page.requested if not u.startswith((server, "data:", "blob:", "about:"))]
    assert outside == []
    assert page.locator("#network canvas").count() == 1
    counts = page.evaluate("""() => ({nodes: govkg.nodes.length, edges: govkg.edges.length,
        kinds: [...new Set(govkg.nodes.get().map(n => n.kind))].sort(),
        gaps: govkg.nodes.get().filter(n => n.gap).length})""")
    assert counts["nodes"] > 0 and counts["edges"] > 0
    assert counts["kinds"] == ["actor", "document", "norm"]
    legend = page.locator("#legend")
    assert legend.is_visible()
    assert legend.locator("[data-gap=unassigned]").is_visible()
    shot = tmp_path / "network.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    if os.environ.get("GOVKG_SCREENSHOT_DIR"):
        shutil.copy(shot, Path(os.environ["GOVKG_SCREENSHOT_DIR"]) / "network.png")


def test_clicking_a_gap_node_shows_its_clause(server, page):
    _open_network(page, f"{server}/network?gap=unassigned&lang=zh")
    point = page.evaluate("""() => {
        const node = govkg.nodes.get({filter: n => n.kind === 'norm' && n.rings.includes('unassigned')})[0];
        govkg.network.fit({nodes: [node.id], animation: false});
        const at = govkg.network.canvasToDOM(govkg.network.getPositions([node.id])[node.id]);
        const box = document.querySelector('#network canvas').getBoundingClientRect();
        return {x: box.left + at.x, y: box.top + at.y};
    }""")
    page.mouse.click(point["x"], point["y"])
    clause = page.locator("#details .clause")
    clause.wait_for(timeout=5_000)
    assert clause.inner_text() == "应当公开物业管理费用"
    page.locator("#details .provision-text").wait_for(timeout=5_000)
    assert "第五条" in page.locator("#details .provision-text").inner_text()
    assert "/view/documents/sample_zh" in page.locator("#details a").first.get_attribute("href")


def test_search_box_selects_matching_nodes(server, page):
    _open_network(page, f"{server}/network?topic=物业管理")
    page.fill("#node-search", "物业管理")
    selected = page.evaluate("() => govkg.network.getSelectedNodes()")
    assert selected and all(s.startswith("n:") for s in selected)


def test_png_download_is_an_image(server, page):
    _open_network(page, f"{server}/network?doc=sample_zh")
    with page.expect_download() as download:
        page.click("#download-png")
    path = download.value.path()
    assert Path(path).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("path", ["/network", "/network?view=norms&doc=sample_zh&article=4", "/view/documents/sample_zh", "/view/gaps",
                                  "/", "/view/search?q=物业管理"])
def test_an_injected_script_label_never_runs(server, page, path):
    page.goto(server + path)
    page.wait_for_load_state("load")
    if path.startswith("/network"):
        page.wait_for_function("window.govkg && window.govkg.stabilized", timeout=30_000)
        page.hover("#network canvas")
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("script:not([type]):not([type='application/json'])").count() <= 3
    if not path.startswith("/network"):
        assert EVIL.split("<img")[0] in page.locator("body").inner_text()
