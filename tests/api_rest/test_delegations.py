"""Delegations through the command line and over real HTTP, on one on-disk store."""
from __future__ import annotations

import json
import subprocess

import httpx
import pytest

from ingest.extract import extract_text
from tests.conftest import GOVKG, govkg_serve, stored
from tests.kg.diff_sample import LOCAL, NATIONAL


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
