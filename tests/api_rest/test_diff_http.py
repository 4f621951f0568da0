"""``/diff`` and ``/view/diff`` over real HTTP, against a live ``govkg serve`` on an on-disk store."""
from __future__ import annotations

import httpx
import pytest

from govkg.kg.diff import diff_versions
from govkg.kg.versions import version_from_document
from tests.conftest import govkg_serve, stored
from tests.kg.diff_sample import NEW, OLD


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with govkg_serve(stored(tmp_path_factory.mktemp("store") / "store", [OLD, NEW])) as base:
        yield base


def test_diff_answers_the_shape_of_the_command(server):
    answer = httpx.get(f"{server}/diff", params={"old": "old", "new": "new"}, timeout=60)
    assert answer.status_code == 200
    assert answer.json() == diff_versions(version_from_document(OLD), version_from_document(NEW))
    assert httpx.get(f"{server}/openapi.json").json()["paths"]["/diff"]["get"]["responses"]["200"]


def test_an_unknown_version_or_a_missing_one_is_a_clear_error(server):
    unknown = httpx.get(f"{server}/diff", params={"old": "old", "new": "nowhere"})
    assert unknown.status_code == 404 and "nowhere" in unknown.text
    missing = httpx.get(f"{server}/diff", params={"old": "old"})
    assert missing.status_code == 422 and "new" in missing.text
    page = httpx.get(f"{server}/view/diff", params={"old": "nowhere", "new": "new"})
    assert page.status_code == 404 and "nowhere" in page.text


@pytest.mark.parametrize("lang,heading,moved_word", [("en", "What changed between two versions", "made precise"),
                                                      ("zh", "两个版本之间的变化", "变得明确")])
def test_the_page_sets_the_texts_side_by_side_with_the_changes_marked(server, lang, heading, moved_word):
    page = httpx.get(f"{server}/view/diff", params={"old": "old", "new": "new", "lang": lang})
    assert page.status_code == 200
    html = page.text
    assert heading in html and moved_word in html
    assert html.count('class="diff-row ') == 5                    # 3 old and 5 new articles, 3 of them paired
    assert 'data-status="added"' in html and 'data-status="changed"' in html
    assert "<del>有关</del>部门" in html and "<ins>住房和城乡建设主管</ins>部门" in html   # the bearer made precise
    assert "<script>window.__pwned" not in html and "&lt;script&gt;window.__pwned" in html


def test_gaps_closed_and_opened_on_asking_and_on_the_page(server):
    plain = httpx.get(f"{server}/diff", params={"old": "old", "new": "new"}, timeout=60).json()
    assert "gaps" not in plain
    answer = httpx.get(f"{server}/diff", params={"old": "old", "new": "new", "gaps": "true"}, timeout=60)
    assert answer.status_code == 200
    vague = {g["kind"]: g for g in answer.json()["gaps"]}["vague-actor"]
    assert [(f["article"], f["actor"]) for f in vague["closed"]] == [("第二条", "有关部门")]
    page = httpx.get(f"{server}/view/diff", params={"old": "old", "new": "new", "lang": "zh"}).text
    assert "修订消除或新增的职责缺口" in page
    row = page.split('data-kind="vague-actor"', 1)[1].split("</tr>", 1)[0]
    assert "有关部门" in row.split('class="closed"', 1)[1].split('class="opened"', 1)[0]
