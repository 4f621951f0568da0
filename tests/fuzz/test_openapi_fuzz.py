"""Schemathesis over the OpenAPI of a running ``govkg serve`` (real process, real store with two
ingested laws, the write token given): every operation, valid and invalid requests from the
schema, then stateful sequences — no answer may be a 5xx.

The command line runs it (``schemathesis run``): its pytest plugin does not load under this pytest.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import free_port
from tests.robustness.badfiles import GOOD_EN, GOOD_ZH
from tests.robustness.helpers import TOKEN, Served, figure, govkg

SCHEMATHESIS = str(Path(sys.executable).parent / "schemathesis")
EXAMPLES = 12


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    folder = tmp_path_factory.mktemp("openapi")
    (folder / "property_rules.txt").write_text(GOOD_ZH, encoding="utf-8")
    (folder / "breach_rules.txt").write_text(GOOD_EN, encoding="utf-8")
    assert govkg("ingest", folder, "--store", folder / "store").returncode == 0
    with Served(folder / "store", free_port(), token=TOKEN, extra=["--query-timeout", "2"]) as server:
        yield server


def schemathesis_run(base: str, workdir: Path, *, examples: int = EXAMPLES, seed: int = 1) -> str:
    """``schemathesis run`` with the server-error check only; its whole output. It runs in
    ``workdir``, where it keeps its cache (``.schemathesis/``)."""
    result = subprocess.run(
        [SCHEMATHESIS, "run", base + "/openapi.json", "--checks", "not_a_server_error",
         "--max-examples", str(examples), "--seed", str(seed), "--workers", "2",
         "--header", f"Authorization: Bearer {TOKEN}", "--request-timeout", "30"],
        capture_output=True, text=True, timeout=300, cwd=workdir,
        env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin", "HOME": str(workdir)})
    return result.stdout + result.stderr


@pytest.mark.slow
def test_no_operation_answers_a_server_error(live, tmp_path):
    output = schemathesis_run(live.base, tmp_path)
    generated = re.search(r"(\d+) generated", output)
    assert generated and int(generated.group(1)) >= 300, output[-2000:]
    figure(f"schemathesis: {generated.group(1)} generated requests over the OpenAPI of govkg serve")
    tested = re.search(r"Tested: (\d+)", output)
    assert tested and int(tested.group(1)) >= 20, output[-2000:]
    assert "Server error" not in output and "Failures:" not in output, output[-4000:]
    assert live.proc.poll() is None
