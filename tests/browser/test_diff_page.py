"""The diff page of the real 慈善法 pair in headless Chromium: offline, both texts side by side, the
moved article marked as moved and the new chapter's articles as added."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.browser_support import pytestmark  # noqa: F401  (browser and page fixtures come with it)
from tests.conftest import SHARED, govkg_serve, stored

OLD = SHARED / "corpus-cn" / "慈善法(2016-03-16).md"
NEW = SHARED / "corpus-cn" / "慈善法(2023-12-29).md"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not (OLD.exists() and NEW.exists()):
        pytest.skip("needs ../shared/corpus-cn")
    from govkg.ingest.extract import extract_paths
    documents = [document for _, document in extract_paths([OLD, NEW])]
    with govkg_serve(stored(tmp_path_factory.mktemp("store") / "store", documents)) as base:
        yield base


def test_diff_page_shows_both_versions_and_their_changes(server, page, tmp_path):
    page.goto(f"{server}/view/diff?old={OLD.stem}&new={NEW.stem}&lang=zh")
    outside = [u for u in page.requested if not u.startswith((server, "data:", "about:"))]
    assert outside == []
    rows = page.locator(".diff-row")
    assert rows.count() == 125
    moved = page.locator('.diff-row[data-status="moved"]')
    assert moved.count() == 3
    first = moved.first.locator("article.new h3").inner_text()
    assert first.startswith("第七十条")
    assert page.locator('.diff-row[data-status="added"]').count() == 13
    left, right = (page.locator(".diff-row").nth(69).locator(f"article.{side}").bounding_box() for side in ("old", "new"))
    assert left["x"] + left["width"] <= right["x"] and abs(left["y"] - right["y"]) < 2    # side by side
    assert page.locator(".diff-row ins").count() > 0 and page.locator(".diff-row del").count() > 0
    shot = tmp_path / "diff.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    if os.environ.get("GOVKG_SCREENSHOT_DIR"):
        shutil.copy(shot, Path(os.environ["GOVKG_SCREENSHOT_DIR"]) / "diff.png")
