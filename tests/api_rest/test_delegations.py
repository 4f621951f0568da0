"""Delegations, and who the laws below name, through the command line and over real HTTP."""
from __future__ import annotations

import json
import subprocess

import httpx
import pytest

from govkg.ingest.extract import extract_text
from tests.conftest import GOVKG, govkg_serve, stored
from tests.kg.diff_sample import LOCAL, NAMING_LOCAL, NATIONAL, VAGUE_NATIONAL


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return stored(tmp_path_factory.mktemp("store") / "store",
                  [extract_text(NATIONAL, "community"), extract_text(LOCAL, "province")])


def test_the_command_lists_delegations_and_their_implementers(folder):
    run = subprocess.run([*GOVKG, "delegations", "--format", "json", "--store", str(folder)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    by_article = {d["article"]: d for d in json.loads(run.stdout)}
    assert by_article["第二条"]["implemented_by"] == ["province"]
    csv = subprocess.run([*GOVKG, "delegations", "--format", "csv", "--store", str(folder)],
                         capture_output=True, text=True, timeout=120)
    assert csv.stdout.splitlines()[0] == "doc,article,delegate,implemented_by,implementers,sentence"
    bad = subprocess.run([*GOVKG, "delegations", "--format", "xml", "--store", str(folder)],
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1 and "xml" in bad.stderr and "Traceback" not in bad.stderr


def test_the_route_answers_the_same(folder):
    with govkg_serve(folder) as base:
        answer = httpx.get(f"{base}/delegations", params={"doc": "community"}, timeout=60)
        assert answer.status_code == 200
        found = {d["article"]: d for d in answer.json()["delegations"]}
        assert found["第二条"]["delegate"] == "省、自治区、直辖市" and found["第二条"]["implemented_by"] == ["province"]
        assert found["第三条"]["implemented_by"] == [] and found["第三条"]["implementers"] == ["province"]


def test_who_the_laws_below_name_by_command_and_route(tmp_path):
    folder = stored(tmp_path / "store", [extract_text(VAGUE_NATIONAL, "community"),
                                          extract_text(NAMING_LOCAL, "province")])
    run = subprocess.run([*GOVKG, "named-below", "community", "--format", "csv", "--store", str(folder)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[1] == "第二条,有关部门,obligation,加强社区服务设施建设,province,第二条,县级以上人民政府民政部门"
    unknown = subprocess.run([*GOVKG, "named-below", "nowhere", "--store", str(folder)],
                             capture_output=True, text=True, timeout=120)
    assert unknown.returncode == 1 and "nowhere" in unknown.stderr and "Traceback" not in unknown.stderr
    with govkg_serve(folder) as base:
        answer = httpx.get(f"{base}/named-below", params={"doc": "community"}, timeout=60).json()
        assert [h["actor"] for n in answer["norms"] for h in n["named"]] == ["县级以上人民政府民政部门"]
        assert httpx.get(f"{base}/named-below", params={"doc": "nowhere"}).status_code == 404
