"""The SPARQL page (YASGUI) in headless Chromium against a live ``govkg serve``: it loads only
from govkg, offers the example queries, and runs one against the endpoint."""
from __future__ import annotations

import httpx
import pytest

from tests.browser_support import pytestmark  # noqa: F401  (browser and page fixtures come with it)
from tests.conftest import govkg_serve

from .test_clients import DATA, GRAPH

TOKEN = "yasgui-token"


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    with govkg_serve(tmp_path_factory.mktemp("yasgui") / "store", token=TOKEN) as url:
        loaded = httpx.put(f"{url}/store", params={"graph": GRAPH}, content=DATA.encode(),
                           headers={"Content-Type": "text/turtle", "Authorization": f"Bearer {TOKEN}"})
        assert loaded.status_code == 201
        yield url


def test_yasgui_runs_an_example_query_served_by_govkg_alone(base, page):
    page.goto(f"{base}/sparql")
    page.wait_for_selector(".yasqe .CodeMirror", timeout=20_000)
    tabs = page.locator(".tabsList .tab").all_inner_texts()
    for name in ("Norms of an actor", "Who is responsible for a topic", "Actors sharing a duty",
                 "Gap: unassigned", "Gap: no-sanction", "Gap: overlap"):
        assert any(name in tab for tab in tabs), tabs
    page.locator(".yasqe_queryButton").first.click()
    page.wait_for_selector(".yasr table td", timeout=20_000)
    results = page.locator(".yasr").first.inner_text()
    assert "组织物业管理" in results and "收取费用" in results
    outside = [url for url in page.requested if not url.startswith(base) and not url.startswith("data:")]
    assert outside == []
    assert any(url.startswith(f"{base}/sparql") for url in page.requested[1:])
