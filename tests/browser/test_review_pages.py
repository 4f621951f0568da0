"""Reviewing in the pages, in headless Chromium against a live ``govkg serve``: a reviewer corrects and
rejects norms on the document page and dismisses a finding on the gap page, without a reload; the
reviews are there after a reload and after the same text is ingested again."""
from __future__ import annotations

import hashlib
import re

import httpx
import pytest

from tests.browser_support import pytestmark  # noqa: F401  (browser and page fixtures come with it)
from tests.conftest import GOVKG, free_port, running_server

LAW = "zh_urban_residents_committee_law"
TOKEN, WRITE = "token-wang", "write-token"


@pytest.fixture
def server(tmp_path, corpus_dir):
    reviewers = tmp_path / "reviewers.txt"
    reviewers.write_text(f"王律师 {hashlib.sha256(TOKEN.encode()).hexdigest()}\n", encoding="utf-8")
    port = free_port()
    args = [*GOVKG, "serve", "--store", str(tmp_path / "store"), "--port", str(port)]
    with running_server(args, port, env={"GOVKG_WRITE_TOKEN": WRITE, "GOVKG_REVIEWERS": str(reviewers)},
                        ready_path="/sparql") as base:
        _upload(base, corpus_dir)
        yield base


def _upload(base: str, corpus_dir) -> None:
    law = (corpus_dir / f"{LAW}.md").read_bytes()
    answer = httpx.post(f"{base}/documents", files={"file": (f"{LAW}.md", law, "text/markdown")},
                        headers={"Authorization": f"Bearer {WRITE}"}, timeout=120)
    assert answer.status_code in (200, 201), answer.text


def _give_token(page) -> None:
    page.locator("details.reviewing summary").click()
    page.fill("#review-token", TOKEN)
    page.dispatch_event("#review-token", "change")


def test_a_reviewer_reviews_in_the_pages_and_the_reviews_stay(server, page, corpus_dir):
    page.goto(f"{server}/view/documents/{LAW}?lang=zh")
    _give_token(page)
    marks = page.locator("mark.norm")
    first, second = marks.nth(0), marks.nth(1)
    first_id, second_id = first.get_attribute("data-norm"), second.get_attribute("data-norm")
    first.click()
    panel = page.locator("#review-panel")
    assert panel.is_visible()
    panel.locator("[name=bearers]").fill("街道办事处")
    panel.locator("[name=reason]").fill("承担者见第九条")
    panel.locator("button[data-verdict=corrected]").click()
    page.wait_for_selector(f'mark.norm[data-norm="{first_id}"][data-review="corrected"]')
    page.wait_for_function("document.querySelector('.review-history').textContent.includes('王律师')")
    assert "已更正" in panel.locator(".review-history").inner_text()
    second.click()
    panel.locator("button[data-verdict=rejected]").click()
    page.wait_for_selector(f'mark.norm[data-norm="{second_id}"][data-review="rejected"]')

    page.goto(f"{server}/view/gaps?doc={LAW}&lang=zh")
    _give_token(page)
    finding = page.locator(".finding[data-norm]").first
    kind, norm = finding.get_attribute("data-kind"), finding.get_attribute("data-norm")
    finding.locator("[name=reason]").fill("罚则见第九条")
    finding.locator("button[data-verdict=dismissed]").click()
    page.wait_for_selector(f'.finding[data-norm="{norm}"][data-kind="{kind}"][data-review="dismissed"]')
    assert page.url.endswith("lang=zh")                               # no reload happened

    for _ in range(2):                                                # after a reload, then after a re-ingest
        page.reload()
        assert page.locator(f'.finding[data-norm="{norm}"][data-kind="{kind}"]').count() == 0
        assert re.search(r"已隐藏 [1-9]\d* 条", page.inner_text("main"))     # one finding per bearer of the norm
        page.goto(f"{server}/view/documents/{LAW}")
        assert page.locator(f'mark.norm[data-norm="{first_id}"]').first.get_attribute("data-review") == "corrected"
        assert page.locator(f'mark.norm[data-norm="{second_id}"]').count() == 0
        _upload(server, corpus_dir)
        page.goto(f"{server}/view/gaps?doc={LAW}&lang=zh")
    outside = [url for url in page.requested if not url.startswith(server) and not url.startswith("data:")]
    assert outside == []


def test_a_review_without_a_token_is_refused_in_the_page(server, page):
    page.goto(f"{server}/view/documents/{LAW}")
    page.locator("mark.norm").first.click()
    page.locator("#review-panel button[data-verdict=confirmed]").click()
    page.wait_for_selector("#review-panel .review-said.bad")
    assert "token" in page.inner_text("#review-panel .review-said")
    assert httpx.get(f"{server}/reviews").json()["reviews"] == []
