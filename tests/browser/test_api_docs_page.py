"""The interactive REST API page (/docs) in headless Chromium: Swagger UI served by govkg
itself, listing the operations of the OpenAPI document, with nothing loaded from outside."""
from __future__ import annotations

import pytest

from tests.browser_support import pytestmark  # noqa: F401  (browser and page fixtures come with it)
from tests.conftest import govkg_serve


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with govkg_serve(tmp_path_factory.mktemp("docs") / "store") as base:
        yield base


def test_api_docs_list_the_operations_and_load_only_from_govkg(server, page):
    page.goto(f"{server}/docs")
    page.wait_for_selector(".opblock", timeout=30_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert any("/actors" in p for p in paths) and any("/gaps" in p for p in paths)
    outside = [u for u in page.requested if not u.startswith((server, "data:", "blob:", "about:"))]
    assert outside == []
