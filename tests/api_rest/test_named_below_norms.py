"""Who the laws below name, where a user meets a norm: ``/norms/{id}``, the norm's page and
``govkg norms`` — on 慈善法 (2023) and 上海市慈善条例, which implements it (texts extracted for real)."""
from __future__ import annotations

import json
import subprocess
from urllib.parse import quote

import httpx
import pytest

from tests.conftest import GOVKG, SHARED, govkg_serve, stored

LAW = SHARED / "corpus-cn" / "慈善法(2023-12-29).md"
LOCAL = SHARED / "corpus-local" / "上海市慈善条例(2021-09-28).md"
# 慈善法 第六条: 县级以上人民政府有关部门…在各自的职责范围内做好相关工作; 上海市慈善条例 第五条 names
# 发展改革、财政、人力资源社会保障、应急管理、网信、通信管理、公安、审计等部门 for the same work (read by hand)
ACTION = "在各自的职责范围内做好相关工作"
NAMED = {"公安机关", "审计部门", "人力资源社会保障部门"}
pytestmark = pytest.mark.skipif(not (LAW.exists() and LOCAL.exists()),
                                reason="needs ../shared/corpus-cn and ../shared/corpus-local")


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    from govkg.ingest.extract import extract_paths
    documents = [document for _, document in extract_paths([LAW, LOCAL])]
    return stored(tmp_path_factory.mktemp("below") / "store", documents)


def _sixth(rows: list[dict]) -> dict:
    return next(r for r in rows if r["action"] == ACTION and r["provision_label"].startswith("第六条"))


def test_govkg_norms_names_who_the_regulation_below_names(store_dir):
    """Runs before the server opens the store (the module's tests run in order)."""
    vague = "县级以上人民政府有关部门"
    run = subprocess.run([*GOVKG, "norms", "--actor", vague, "--doc", LAW.stem, "--format", "json",
                          "--store", str(store_dir)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    sixth = _sixth(json.loads(run.stdout))
    assert NAMED <= {h["actor"] for h in sixth["named_below"] if h["doc"] == LOCAL.stem}
    table = subprocess.run([*GOVKG, "norms", "--actor", vague, "--doc", LAW.stem, "--format", "csv",
                            "--store", str(store_dir)], capture_output=True, text=True, timeout=300)
    header, *lines = table.stdout.splitlines()
    assert header.endswith("shared with,named below")
    assert any(ACTION in line and f"公安机关 ({LOCAL.stem} 第五条)" in line for line in lines)


@pytest.fixture(scope="module")
def server(store_dir):
    with govkg_serve(store_dir) as base:
        yield base


def test_one_norm_carries_the_bearers_named_below_and_its_page_shows_them(server):
    rows = httpx.get(f"{server}/norms", params={"doc": LAW.stem, "q": "各自的职责范围", "limit": 100}, timeout=60).json()
    sixth = _sixth(rows["norms"])
    one = httpx.get(f"{server}/norms/{quote(sixth['id'])}", timeout=60)
    assert one.status_code == 200
    assert NAMED <= {h["actor"] for h in one.json()["named_below"]}
    page = httpx.get(f"{server}/view/norms/{quote(sixth['id'])}", params={"lang": "zh"}, timeout=60)
    assert page.status_code == 200 and "下位法规为此事项指明的主体" in page.text
    table = page.text.split('class="named-below"', 1)[1].split("</table>", 1)[0]
    assert all(name in table for name in NAMED) and LOCAL.stem in table


def test_a_norm_with_a_named_bearer_gets_none_and_an_unknown_norm_is_a_clear_404(server):
    rows = httpx.get(f"{server}/norms", params={"doc": LOCAL.stem, "limit": 5}, timeout=60).json()["norms"]
    named = next(r for r in rows if r["bearers"])
    assert httpx.get(f"{server}/norms/{quote(named['id'])}").json()["named_below"] == []
    missing = httpx.get(f"{server}/view/norms/{quote(LAW.stem)}/nothing")
    assert missing.status_code == 404 and "nothing" in missing.text
