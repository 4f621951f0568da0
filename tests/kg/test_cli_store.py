"""The store commands as a user runs them: `govkg ingest`, `gaps`, `export`, `import`, `documents`."""
from __future__ import annotations

import json
import subprocess

from conftest import GOVKG


def govkg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*GOVKG, *args], capture_output=True, text=True, timeout=300)


def test_ingest_reports_a_bad_file_and_keeps_the_good_ones(tmp_path, corpus_dir):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4 not really a pdf")
    store = str(tmp_path / "store")
    result = govkg("ingest", str(corpus_dir / "zh_urban_residents_committee_law.md"), str(bad), "--store", store)
    assert result.returncode == 1
    failed = [line for line in result.stderr.splitlines() if "broken.pdf" in line]
    assert len(failed) == 1 and "Traceback" not in result.stderr
    listed = govkg("documents", "--store", store, "--format", "json")
    assert [d["doc"] for d in json.loads(listed.stdout)] == ["zh_urban_residents_committee_law"]

    gaps = json.loads(govkg("gaps", "--store", store, "--format", "json", "--kind", "vague-actor").stdout)
    assert gaps["findings"] and {f["kind"] for f in gaps["findings"]} == {"vague-actor"}
    assert {"kind", "doc", "article", "actor", "norm", "text", "explanation"} <= set(gaps["findings"][0])

    dump = tmp_path / "all.trig"
    dump.write_text(govkg("export", "--store", store, "--format", "trig").stdout)
    other = str(tmp_path / "other")
    assert govkg("import", str(dump), "--store", other).returncode == 0
    again = govkg("export", "--store", other).stdout
    assert sorted(again.splitlines()) == sorted(govkg("export", "--store", store).stdout.splitlines())


def test_unknown_gap_kind_is_one_line(tmp_path, corpus_dir):
    store = str(tmp_path / "store")
    govkg("ingest", str(corpus_dir / "zh_urban_residents_committee_law.md"), "--store", store)
    result = govkg("gaps", "--store", store, "--kind", "nonsense")
    assert result.returncode == 1 and "unknown gap kind" in result.stderr and "Traceback" not in result.stderr
