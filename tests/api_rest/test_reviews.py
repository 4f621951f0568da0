"""Reviews through a live ``govkg serve``: people confirm, correct, reject and add norms, confirm and
dismiss findings; the reviews stay through a re-ingest of the same text, turn stale where the text
changed, and travel through export and import. The command line's contract, the reviewers' tokens,
and the same on a live `oxigraph serve` server store."""
from __future__ import annotations

import gc
import hashlib
import json
import subprocess
from pathlib import Path

import httpx
import pytest

from govkg.ingest.extract import extract_path
from govkg.kg import open_store
from govkg.kg.documents import ingest_document
from tests.conftest import GOVKG, free_port, running_server
from tests.kg.conftest import oxigraph_server  # noqa: F401  (a live `oxigraph serve`)

LAW = "zh_urban_residents_committee_law"
TOKENS = {"王律师": "token-wang", "李审核员": "token-li"}
WRITE = "write-token"


def _auth(name: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKENS[name]}"}


@pytest.fixture
def reviewers_file(tmp_path) -> Path:
    path = tmp_path / "reviewers.txt"
    path.write_text("# name  sha256 of the token\n" + "".join(
        f"{name} {hashlib.sha256(token.encode()).hexdigest()}\n" for name, token in TOKENS.items()), encoding="utf-8")
    return path


def _serve(store: Path, reviewers: Path):
    port = free_port()
    args = [*GOVKG, "serve", "--store", str(store), "--port", str(port)]
    return running_server(args, port, env={"GOVKG_WRITE_TOKEN": WRITE, "GOVKG_REVIEWERS": str(reviewers)},
                          ready_path="/sparql")


def _upload(base: str, path: Path, name: str) -> None:
    answer = httpx.post(f"{base}/documents", files={"file": (name, path.read_bytes(), "text/markdown")},
                        headers={"Authorization": f"Bearer {WRITE}"}, timeout=120)
    assert answer.status_code in (200, 201), answer.text


def _edited(corpus_dir: Path, tmp_path: Path) -> tuple[Path, set[str]]:
    """The law with two articles reworded, and the provision keys whose text that changes."""
    text = (corpus_dir / f"{LAW}.md").read_text(encoding="utf-8")
    edited = text.replace("居民委员会的任务：", "居民委员会的主要任务：", 1).replace("第七条 居民委员会", "第七条 城市居民委员会", 1)
    assert edited.count("主要任务") == 1 and edited != text
    path = tmp_path / "edited" / f"{LAW}.md"
    path.parent.mkdir()
    path.write_text(edited, encoding="utf-8")
    old = {p.key: p.text for p in extract_path(corpus_dir / f"{LAW}.md").provisions}
    new = {p.key: p.text for p in extract_path(path).provisions}
    return path, {key for key in old if new.get(key) != old[key]}


def test_reviews_stay_through_reingest_turn_stale_where_the_text_changed_and_survive_export(
        corpus_dir, tmp_path, reviewers_file):
    store = tmp_path / "store"
    with _serve(store, reviewers_file) as base:
        _upload(base, corpus_dir / f"{LAW}.md", f"{LAW}.md")
        norms = httpx.get(f"{base}/norms", params={"doc": LAW}).json()["norms"]
        before = httpx.get(f"{base}/gaps", params={"doc": LAW}).json()
        assert len(norms) >= 20 and before["total"] >= 10
        chosen, verdicts = norms[:20], ["confirmed"] * 8 + ["corrected"] * 6 + ["rejected"] * 6
        for norm, verdict in zip(chosen, verdicts):
            body = {"verdict": verdict, "reason": f"第{norm['article']}条"}
            if verdict == "corrected":
                body["correction"] = {"modality": norm["modality"], "action": norm["action"], "bearers": ["街道办事处"]}
            answer = httpx.post(f"{base}/reviews/norms/{norm['id']}", json=body, headers=_auth("王律师"))
            assert answer.status_code == 201, answer.text
            assert answer.json()["reviewer"] == "王律师" and answer.json()["before"]["action"] == norm["action"]
        reviewed = {n["id"] for n in chosen}
        findings = [f for f in before["findings"] if f["norm"] and f["norm"].rsplit("/norm/", 1)[-1] not in reviewed]
        picked = list({(f["kind"], f["norm"]): f for f in findings}.values())[:10]
        for i, finding in enumerate(picked):
            verdict = "dismissed" if i < 6 else "confirmed"
            answer = httpx.post(f"{base}/reviews/findings", headers=_auth("李审核员"), json={
                "kind": finding["kind"], "norm": finding["norm"], "verdict": verdict, "reason": "承担者见第九条"})
            assert answer.status_code == 201, answer.text

        def effective() -> tuple[dict, list[dict]]:
            return (httpx.get(f"{base}/gaps", params={"doc": LAW}).json(),
                    httpx.get(f"{base}/norms", params={"doc": LAW}).json()["norms"])

        report, shown = effective()
        rejected = {chosen[i]["iri"] for i in range(14, 20)}
        dismissed = {(f["kind"], f["norm"]) for f in picked[:6]}
        assert report["dismissed"] == sum(1 for f in before["findings"] if (f["kind"], f["norm"]) in dismissed)
        assert not [f for f in report["findings"] if f["norm"] in rejected or (f["kind"], f["norm"]) in dismissed]
        assert {f["review"] for f in report["findings"] if (f["kind"], f["norm"]) in {(p["kind"], p["norm"]) for p in picked[6:]}} == {"confirmed"}
        assert not rejected & {n["iri"] for n in shown}
        corrected = [n for n in shown if n["review"] == "corrected"]
        assert len(corrected) == 6 and all([b["label"] for b in n["bearers"]] == ["街道办事处"] for n in corrected)
        street = httpx.get(f"{base}/norms", params={"actor": "街道办事处"}).json()["norms"]
        assert {n["id"] for n in corrected} <= {n["id"] for n in street}
        assert len(httpx.get(f"{base}/gaps", params={"doc": LAW, "dismissed": "true"}).json()["findings"]) == \
            len(report["findings"]) + report["dismissed"]

        _upload(base, corpus_dir / f"{LAW}.md", f"{LAW}.md")                  # the same text again
        listed = httpx.get(f"{base}/reviews").json()
        assert len(listed["reviews"]) == 30 and listed["stale"] == 0
        assert effective()[0] == report

        edited, changed = _edited(corpus_dir, tmp_path)
        _upload(base, edited, f"{LAW}.md")
        listed = httpx.get(f"{base}/reviews").json()["reviews"]
        stale = {r["id"] for r in listed if r["status"] == "stale"}
        expected = {r["id"] for r in listed if r["provision_key"] in changed}
        assert expected and stale == expected and len(stale) < 30
        history = httpx.get(f"{base}/reviews/norms/{chosen[0]['id']}").json()["reviews"]
        assert [r["verdict"] for r in history] == ["confirmed"]
    before_export = _reviews_json(store)
    dump = subprocess.run([*GOVKG, "export", "--store", str(store)], capture_output=True, timeout=120, check=True).stdout
    (tmp_path / "dump.nq").write_bytes(dump)
    subprocess.run([*GOVKG, "import", str(tmp_path / "dump.nq"), "--store", str(tmp_path / "copy")],
                   capture_output=True, timeout=120, check=True)
    assert _reviews_json(tmp_path / "copy") == before_export and len(before_export) == 30


def _reviews_json(store: Path) -> list[dict]:
    done = subprocess.run([*GOVKG, "review", "list", "--format", "json", "--store", str(store)],
                          capture_output=True, text=True, timeout=120, check=True)
    return json.loads(done.stdout)


def test_reviewing_needs_a_reviewer_and_refuses_bad_reviews_in_one_line(corpus_dir, tmp_path, reviewers_file):
    store = tmp_path / "store"
    with _serve(store, reviewers_file) as base:
        _upload(base, corpus_dir / f"{LAW}.md", f"{LAW}.md")
        norm = httpx.get(f"{base}/norms", params={"doc": LAW}).json()["norms"][0]
        url = f"{base}/reviews/norms/{norm['id']}"
        assert httpx.post(url, json={"verdict": "rejected"}).status_code == 401
        assert httpx.post(url, json={"verdict": "rejected"}, headers={"Authorization": "Bearer nobody"}).status_code == 401
        nameless = httpx.post(url, json={"verdict": "rejected"}, headers={"Authorization": f"Bearer {WRITE}"})
        assert nameless.status_code == 422 and "reviewer" in nameless.text
        named = httpx.post(url, json={"verdict": "rejected", "reviewer": "张三"}, headers={"Authorization": f"Bearer {WRITE}"})
        assert named.status_code == 201 and named.json()["reviewer"] == "张三"
        bad = httpx.post(url, json={"verdict": "maybe"}, headers=_auth("王律师"))
        assert bad.status_code == 400 and "verdict" in bad.json()["error"]
        missing = httpx.post(f"{base}/reviews/norms/{LAW}/0000000000000000", json={"verdict": "confirmed"},
                             headers=_auth("王律师"))
        assert missing.status_code == 404
        malformed = httpx.post(f"{base}/reviews/norms/no-such-norm", json={"verdict": "confirmed"}, headers=_auth("王律师"))
        assert malformed.status_code == 400 and "not a norm" in malformed.json()["error"]
        reasonless = httpx.post(f"{base}/reviews/findings", headers=_auth("王律师"),
                                json={"kind": "unassigned", "norm": norm["iri"], "verdict": "dismissed"})
        assert reasonless.status_code == 400 and "reason" in reasonless.json()["error"]
        assert httpx.get(f"{base}/reviews").json()["reviews"][0]["reviewer"] == "张三"
        openapi = httpx.get(f"{base}/openapi.json").json()
        assert "ReviewOut" in openapi["components"]["schemas"] and "/reviews/findings" in openapi["paths"]
        for path in ("/reviews/findings", "/reviews/added", "/reviews/norms/{norm_id}"):
            created = openapi["paths"][path]["post"]["responses"]["201"]["content"]["application/json"]["schema"]
            assert created["$ref"].endswith("/ReviewOut"), path
        listed = openapi["paths"]["/reviews"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        assert listed["$ref"].endswith("/ReviewList")


def _govkg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*GOVKG, *args], capture_output=True, text=True, timeout=180)


def test_the_command_line_contract_reject_and_dismiss_survive_ingest(corpus_dir, tmp_path):
    store, law = str(tmp_path / "store"), str(corpus_dir / f"{LAW}.md")
    assert _govkg("ingest", law, "--store", store).returncode == 0
    findings = json.loads(_govkg("gaps", "--format", "json", "--store", store).stdout)["findings"]
    unassigned = next(f for f in findings if f["kind"] == "unassigned")
    sanctioned = next(f for f in findings if f["kind"] == "no-sanction" and f["norm"] != unassigned["norm"])
    rejected = _govkg("review", "reject", unassigned["norm"], "--reason", "不是规范", "--reviewer", "王律师", "--store", store)
    assert rejected.returncode == 0, rejected.stderr
    dismissed = _govkg("review", "dismiss", "no-sanction", sanctioned["norm"], "--reason", "罚则见第九条",
                       "--reviewer", "王律师", "--store", store)
    assert dismissed.returncode == 0, dismissed.stderr
    hidden = sum(f["kind"] == "no-sanction" and f["norm"] == sanctioned["norm"] for f in findings)

    def left() -> list[dict]:
        report = json.loads(_govkg("gaps", "--format", "json", "--store", store).stdout)
        assert report["dismissed"] == hidden > 0     # the dismissed findings are counted, not shown
        return report["findings"]
    for _ in range(2):
        now = left()
        assert not [f for f in now if f["norm"] == unassigned["norm"]]
        assert not [f for f in now if f["norm"] == sanctioned["norm"] and f["kind"] == "no-sanction"]
        assert _govkg("ingest", law, "--store", store).returncode == 0          # the same file again
    lines = [json.loads(line) for line in _govkg("review", "export", "--format", "jsonl", "--store", store).stdout.splitlines()]
    assert [(r["review"], r["reviewer"], r["doc"]) for r in lines] == [("rejected", "王律师", LAW)]
    assert {"doc", "article", "actor", "modality", "action", "vague_actor", "at"} <= set(lines[0])
    assert isinstance(lines[0]["article"], int) and lines[0]["article"] > 0


def test_reviews_measure_the_extractor(corpus_dir, tmp_path):
    store, law = str(tmp_path / "store"), str(corpus_dir / f"{LAW}.md")
    assert _govkg("ingest", law, "--store", store).returncode == 0
    norms = json.loads(_govkg("norms", "--actor", "居民委员会", "--format", "json", "--store", store).stdout)
    confirmed = norms[0]
    assert _govkg("review", "confirm", confirmed["iri"], "--reviewer", "王律师", "--store", store).returncode == 0
    added = _govkg("review", "add", LAW, "第二条", "--modality", "obligation", "--action", "开展便民服务活动",
                   "--actor", "不设区的市人民政府", "--reviewer", "王律师", "--store", store)
    assert added.returncode == 0, added.stderr
    reference = tmp_path / "reviews.jsonl"
    reference.write_text(_govkg("review", "export", "--store", store).stdout, encoding="utf-8")
    scored = json.loads(_govkg("extract", law, "--reviews", str(reference)).stdout)
    assert scored["reference"] == 2 and scored["found"] == 1 and scored["recall"] == 0.5
    shown = json.loads(_govkg("norms", "--actor", "不设区的市人民政府", "--format", "json", "--store", store).stdout)
    assert [(n["action"], n["review"]) for n in shown] == [("开展便民服务活动", "added")]


def test_a_server_store_keeps_and_applies_reviews(corpus_dir, oxigraph_server):
    from govkg.kg import reviews as R
    from govkg.kg.effective import effective_gaps, review_norm_as_seen
    from govkg.kg.server_store import ServerStore
    from govkg.kg.sparql_terms import norm_id_of
    server = ServerStore(oxigraph_server + "/query")
    ingest_document(server, extract_path(corpus_dir / f"{LAW}.md"))
    before = effective_gaps(server, doc=LAW).findings
    target = next(f for f in before if f.kind == "unassigned")
    review_norm_as_seen(server, norm_id_of(target.norm), "rejected", "王律师", "不是规范")
    R.review_finding(server, before[-1].kind, before[-1].norm, "dismissed", "王律师", "见第九条")
    after = effective_gaps(server, doc=LAW)
    assert target.norm not in {f.norm for f in after.findings} and after.dismissed >= 1
    assert [r.status for r in R.reviews(server)] == ["in force", "in force"]
    ingest_document(server, extract_path(corpus_dir / f"{LAW}.md"))
    assert effective_gaps(server, doc=LAW) == after
    server.close()
    gc.collect()


def test_an_open_store_reads_its_reviews(tmp_path, corpus_dir):
    location = tmp_path / "store"
    opened = open_store(str(location))
    ingest_document(opened, extract_path(corpus_dir / f"{LAW}.md"))
    from govkg.kg import reviews as R
    from govkg.kg.effective import review_norm_as_seen
    from govkg.kg.queries import norms
    first = norms(opened, doc=LAW)[0]
    review_norm_as_seen(opened, first.id, "confirmed", "王律师")
    assert [(r.verdict, r.status) for r in R.reviews(opened)] == [("confirmed", "in force")]
    assert norms(opened, doc=LAW, reviewed=True)[0].id == first.id
    opened.close()
