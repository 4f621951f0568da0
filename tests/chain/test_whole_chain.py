"""The whole chain on one machine, through the console script, as a user runs it:
a real law -> norms -> the embedded Oxigraph store -> SPARQL, gaps, export -> HTTP."""
from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from pathlib import Path

import httpx
import pytest

from tests.conftest import CORPUS, GOVKG, free_port, running_server

LAW = CORPUS / "zh_urban_residents_committee_law.md"
GDPR = CORPUS / "en_gdpr_ch4.md"


def govkg(*args: str, check: bool = True, **kw) -> subprocess.CompletedProcess:
    proc = subprocess.run([*GOVKG, *args], capture_output=True, text=True, timeout=300, **kw)
    if check and proc.returncode != 0:
        raise AssertionError(f"govkg {' '.join(args)} failed ({proc.returncode}): {proc.stderr}")
    return proc


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding one Chinese and one English law, ingested by the CLI."""
    path = tmp_path_factory.mktemp("chain") / "govkg-data"
    govkg("ingest", str(LAW), str(GDPR), "--store", str(path))
    return path


def test_help_explains_every_command() -> None:
    out = govkg("--help").stdout
    for command in ("extract", "ingest", "query", "gaps", "export", "serve", "viz", "up"):
        assert command in out


def test_extract_jsonl_follows_the_contract() -> None:
    lines = govkg("extract", str(LAW), "--format", "jsonl").stdout.splitlines()
    rows = [json.loads(line) for line in lines]
    assert len(rows) > 20
    text = LAW.read_text(encoding="utf-8")
    for row in rows:
        assert row["doc"] == LAW.stem
        assert row["modality"] in {"obligation", "prohibition", "permission"}
        assert isinstance(row["vague_actor"], bool)
        assert 0 <= row["start"] < row["end"] <= len(text)
    committee = [r for r in rows if r["actor"] == "居民委员会" and r["article"] == 4]
    assert {r["modality"] for r in committee} >= {"obligation", "permission"}


def test_query_finds_the_ingested_norms(store: Path) -> None:
    sparql = ("SELECT (COUNT(?n) AS ?c) WHERE { GRAPH ?g { ?n a gov:Norm } }")
    out = govkg("query", sparql, "--store", str(store), "--format", "json").stdout
    data = json.loads(out)
    count = int(data[0]["c"]) if isinstance(data, list) else int(data["results"]["bindings"][0]["c"]["value"])
    assert count > 50


def test_gaps_report_names_vague_and_unassigned_duties(store: Path) -> None:
    out = govkg("gaps", "--store", str(store), "--format", "json").stdout
    findings = json.loads(out)["findings"]
    kinds = {f["kind"] for f in findings}
    assert {"unassigned", "vague-actor"} <= kinds
    for finding in findings[:20]:
        assert finding["doc"] in {LAW.stem, GDPR.stem}
        assert finding["explanation"]


def test_gaps_csv_has_a_header_and_rows(store: Path) -> None:
    out = govkg("gaps", "--store", str(store), "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and {"kind", "doc", "article", "actor"} <= set(rows[0])


def test_norms_of_an_actor_name_who_shares_each_duty(store: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(govkg("norms", "-a", "controller", "--store", str(store),
                                                 "--format", "csv").stdout)))
    assert len(rows) > 20 and {r["doc"] for r in rows} == {"en_gdpr_ch4"}
    shared = {r["provision"]: r["shared with"] for r in rows if r["shared with"]}
    assert shared.get("Article 27(1)") == "processor"          # "the controller or the processor shall designate"
    assert all("controller" not in names.split("、") for names in shared.values())   # only the others
    zh = govkg("norms", "-a", "居民委员会", "--modality", "obligation", "--store", str(store), "--format", "json").stdout
    assert {n["modality"] for n in json.loads(zh)} == {"obligation"}


def test_who_is_responsible_for_a_topic_in_zh_and_en(store: Path) -> None:
    zh = list(csv.DictReader(io.StringIO(govkg("who", "调解", "--store", str(store), "--format", "csv").stdout)))
    assert zh and all("调解" in r["action"] for r in zh) and "居民委员会" in {r["bearer"] for r in zh}
    en = json.loads(govkg("who", "data protection officer", "--store", str(store), "--format", "json").stdout)
    assert {group["label"] for group in en} >= {"controller"}


def test_matrix_counts_duties_per_actor_and_topic(store: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(govkg("matrix", "--topics", "调解,record", "--store", str(store)).stdout)))
    assert list(rows[0]) == ["actor", "label", "调解", "record"]
    counts = {r["label"]: (int(r["调解"]), int(r["record"])) for r in rows}
    assert counts["居民委员会"][0] >= 1 and counts["controller"][1] >= 1      # "maintain a record of processing"
    assert counts["居民委员会"][1] == 0 and counts["controller"][0] == 0


def test_export_round_trips_through_nquads(store: Path, tmp_path: Path) -> None:
    dump = govkg("export", "--format", "nquads", "--store", str(store)).stdout
    assert dump.count("\n") > 500
    copy = tmp_path / "copy"
    exported = tmp_path / "dump.nq"
    exported.write_text(dump, encoding="utf-8")
    govkg("import", str(exported), "--store", str(copy))
    again = govkg("export", "--format", "nquads", "--store", str(copy)).stdout
    assert sorted(again.splitlines()) == sorted(dump.splitlines())


def test_reingesting_a_document_replaces_it(store: Path) -> None:
    # kept gap findings are derived data, which re-ingest drops: the documents' own graphs are counted
    count = "SELECT (COUNT(*) AS ?c) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?g != <https://w3id.org/govkg/id/findings>) }"
    before = govkg("query", count, "--store", str(store), "--format", "csv").stdout
    govkg("ingest", str(LAW), "--store", str(store))
    after = govkg("query", count, "--store", str(store), "--format", "csv").stdout
    assert before == after


def test_a_bad_file_gets_one_line_and_the_store_keeps_its_data(store: Path, tmp_path: Path) -> None:
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.7\n\x00\x01garbage")
    proc = govkg("ingest", str(bad), "--store", str(store), check=False)
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr and "broken.pdf" in proc.stderr
    docs = govkg("documents", "--store", str(store), "--format", "csv").stdout
    assert LAW.stem in docs and GDPR.stem in docs


def test_viz_writes_a_self_contained_page(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "net.html"
    govkg("viz", "--out", str(out), "--store", str(store))
    html = out.read_text(encoding="utf-8")
    assert "vis.DataSet" in html or "vis-network" in html
    assert not re.search(r"""<(script|link|img)[^>]+(src|href)=["']?(https?:)?//""", html)


def test_up_ingests_the_bundled_corpus_and_serves_it(tmp_path: Path) -> None:
    port = free_port()
    args = [*GOVKG, "up", "--store", str(tmp_path / "data"), "--port", str(port)]
    with running_server(args, port, ready_path="/sparql", timeout=240) as base:
        actors = httpx.get(f"{base}/actors", timeout=30).json()
        names = json.dumps(actors, ensure_ascii=False)
        assert "居民委员会" in names and "controller" in names
        answer = httpx.get(f"{base}/sparql", params={"query": "ASK { GRAPH ?g { ?n a gov:Obligation } }"},
                           headers={"Accept": "application/sparql-results+json"}, timeout=30)
        assert answer.json()["boolean"] is True
        gaps = httpx.get(f"{base}/gaps", timeout=60).json()
        assert len(gaps["findings"]) > 10
        home = httpx.get(base + "/", timeout=30)
        assert home.status_code == 200 and "network" in home.text.lower()
        network = httpx.get(base + "/network", timeout=60)
        assert network.status_code == 200 and "<script src=\"http" not in network.text
