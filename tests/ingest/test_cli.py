"""``govkg extract`` as a user runs it: a real subprocess, jsonl/csv/table, bad files."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

GOVKG = [str(Path(sys.executable).parent / "govkg")]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*GOVKG, "extract", *args], capture_output=True, text=True, timeout=300)


def test_jsonl_lines_follow_the_contract(corpus_dir):
    result = run(str(corpus_dir / "zh_urban_residents_committee_law.md"), str(corpus_dir / "en_gdpr_ch4.md"))
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["doc"] for r in rows} == {"zh_urban_residents_committee_law", "en_gdpr_ch4"}
    for r in rows:
        assert {"doc", "article", "actor", "modality", "action", "vague_actor", "start", "end"} <= set(r)
        assert isinstance(r["article"], int) and r["modality"] in ("obligation", "prohibition", "permission")
    assert any(r["actor"] == "居民委员会" and r["article"] == 4 and r["modality"] == "permission" for r in rows)


def test_bad_file_gets_one_error_line_and_the_others_are_still_extracted(tmp_path, corpus_dir):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4 truncated")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run(str(bad), str(corpus_dir / "zh_civil_code_book2_ch6_building_ownership.md"), str(empty))
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2 and "broken.pdf" in errors[0] and "empty.txt" in errors[1]
    assert "Traceback" not in result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and all(r["doc"] == "zh_civil_code_book2_ch6_building_ownership" for r in rows)


def test_csv_and_table_formats(corpus_dir):
    path = str(corpus_dir / "zh_urban_residents_committee_law.md")
    table = list(csv.DictReader(io.StringIO(run(path, "--format", "csv").stdout)))
    assert table and table[0]["doc"] == "zh_urban_residents_committee_law" and "modality" in table[0]
    shown = run(path, "--format", "table")
    assert shown.returncode == 0 and "居民委员会" in shown.stdout
