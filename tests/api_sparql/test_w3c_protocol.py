"""The W3C SPARQL 1.1 Protocol test suite (34 tests) against a live ``govkg serve``."""
from __future__ import annotations

import pytest

from tests.conftest import govkg_serve

from .w3c_runner import Runner, manifest_path, read_manifest

TOKEN = "w3c-protocol-token"
MANIFEST = manifest_path()
TESTS = read_manifest(MANIFEST) if MANIFEST.exists() else []

pytestmark = pytest.mark.skipif(not MANIFEST.exists(),
                                reason=f"the W3C protocol manifest is not at {MANIFEST} (shared/ missing)")


@pytest.fixture(scope="module")
def runner(tmp_path_factory):
    with govkg_serve(tmp_path_factory.mktemp("w3c") / "store", token=TOKEN) as base:
        protocol_runner = Runner(base + "/sparql", base + "/store", token=TOKEN)
        yield protocol_runner
        protocol_runner.close()


def test_manifest_holds_the_whole_suite():
    assert len(TESTS) == 34
    assert sum(len(t.requests) for t in TESTS) >= 39


@pytest.mark.parametrize("test", TESTS, ids=[t.name for t in TESTS])
def test_w3c_protocol(runner, test):
    outcome = runner.run(test)
    assert outcome.passed, f"{test.title}: {outcome.reason}"


def test_manifest_updates_without_the_token_change_nothing(runner):
    """The suite's update requests, replayed without the token, are refused and write nothing."""
    anonymous = Runner(runner.endpoint, runner.store)
    try:
        runner.load([(MANIFEST.parent / "data1.nt", "http://example.org/kept")])
        before = runner.client.get(runner.store, params={"graph": "http://example.org/kept"}).text
        updates = [r for t in TESTS if t.name.startswith("update_") for r in t.requests
                   if r.method == "POST" and "sparql-update" in r.headers.get("content-type", "")
                   or (r.body or b"").startswith(b"update=")]
        assert len(updates) >= 6
        for request in updates:
            answer = anonymous.client.request(request.method, anonymous.url(request),
                                              content=request.body, headers=request.headers)
            assert answer.status_code == 401, answer.text
        after = runner.client.get(runner.store, params={"graph": "http://example.org/kept"})
        assert after.status_code == 200 and after.text == before and before.strip()
    finally:
        anonymous.close()
