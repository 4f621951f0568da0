"""An offline command whose reader stops early ends quietly, with no traceback."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LONG = "from govkg.ingest.offline_command import run\nrun(lambda: [print('norm ' * 20) for _ in range(200000)])\n"


def _piped_into_one_line_reader(code: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    writer = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert writer.stdout is not None
    writer.stdout.readline()
    writer.stdout.close()
    _, err = writer.communicate(timeout=60)
    return subprocess.CompletedProcess(writer.args, writer.returncode, b"", err)


def test_a_reader_that_stops_early_ends_the_command_quietly():
    done = _piped_into_one_line_reader(LONG)
    assert done.returncode == 0 and b"Traceback" not in done.stderr, done.stderr.decode()


def test_without_it_the_same_command_would_end_in_a_traceback():
    done = _piped_into_one_line_reader(LONG.replace("run(lambda: ", "(lambda: ").replace("])\n", "])()\n"))
    assert b"BrokenPipeError" in done.stderr
