"""Comparing two versions on small texts built by hand: alignment by content, moves, norm
changes, actors' gains and losses, clarity; a stored version reads back as the extracted one."""
from __future__ import annotations

from govkg.kg.alignment import assign, kept_in_order, similarity
from govkg.kg.diff import align_articles, diff_versions
from govkg.kg.documents import ingest_document
from govkg.kg.versions import Article, version_from_document, version_from_store
from tests.kg.diff_sample import NEW, OLD, A, B, E, law

C = "物业服务企业应当按照合同约定提供物业服务，不得擅自停止供水供电。"
D = "违反本条例规定的，由县级人民政府住房和城乡建设主管部门责令限期改正。"
NUMERALS = "一二三四五六七八九"


def articles(*texts: str) -> list[Article]:
    return [Article(f"第{NUMERALS[i]}条", f"第{NUMERALS[i]}条", f"第{NUMERALS[i]}条 {t}") for i, t in enumerate(texts)]


def statuses(old: list[Article], new: list[Article]) -> list[tuple]:
    return [(old[p.old].label if p.old is not None else None, new[p.new].label if p.new is not None else None,
             p.status) for p in align_articles(old, new)]


def test_a_renumbered_article_is_the_same_text():
    assert similarity("第七条 每年9月5日为“中华慈善日”。", "第十七条 每年9月5日为“中华慈善日”。") == 1.0
    assert similarity(A, B) < 0.5


def test_an_inserted_article_renumbers_the_rest_but_moves_none():
    found = statuses(articles(A, B, C), articles(A, E, B, C))
    assert found == [("第一条", "第一条", "unchanged"), (None, "第二条", "added"),
                     ("第二条", "第三条", "unchanged"), ("第三条", "第四条", "unchanged")]


def test_an_article_taken_to_another_place_is_moved_and_a_dropped_one_removed():
    found = statuses(articles(A, B, C, D), articles(B, C, A))
    assert ("第一条", "第三条", "moved") in found
    assert ("第四条", None, "removed") in found
    assert sum(s == "moved" for *_, s in found) == 1


def test_an_extended_article_is_changed_not_replaced():
    found = statuses(articles(A, B), articles(A, B + "业主委员会应当每年向业主大会报告工作。"))
    assert found[1] == ("第二条", "第二条", "changed")


def test_assignment_is_one_to_one_and_order_keeps_the_longest_chain():
    pairs = assign([A, A, B], [A, B])
    assert sorted(j for j, _ in pairs.values()) == [0, 1]
    assert kept_in_order({0: 2, 1: 0, 2: 1}) == {1, 2}


# ---- norms, actors, clarity ---------------------------------------------------------------------
def test_norms_actors_and_clarity_of_a_revision():
    result = diff_versions(version_from_document(OLD), version_from_document(NEW))
    by_status = {}
    for entry in result["norms"]:
        by_status.setdefault(entry["status"], []).append(entry)
    assert [e["old"]["actor"] for e in by_status["unchanged"]] == ["居民委员会"]
    assert [e["new"]["actor"] for e in by_status["added"]] == ["街道办事处", "业主"]
    changes = sorted(tuple(e["changes"]) for e in by_status["changed"])
    assert changes == [("bearer",), ("modality",)]
    actors = {a["actor"]: a for a in result["actors"]}
    assert actors["街道办事处"]["gained"] == ["建立协调机制"]
    assert actors["有关部门"]["lost"] == ["对物业管理活动进行监督检查"]
    assert actors["业主委员会"] == {"actor": "业主委员会", "gained": ["执行业主大会的决定"],
                                   "lost": ["执行业主大会的决定"]}
    assert [(c["kind"], c["old"]["actor"], c["new"]["actor"]) for c in result["clarity"]] == [
        ("made-precise", "有关部门", "住房和城乡建设主管部门")]


def test_a_bearer_dropped_is_bearer_lost_and_the_reverse_made_vague():
    old = law("o", [("第一条", C, [("物业服务企业", "obligation", "提供物业服务", False)])])
    new = law("n", [("第一条", C, [("", "obligation", "提供物业服务", False)])])
    vague = law("v", [("第一条", C, [("有关单位", "obligation", "提供物业服务", True)])])
    assert [c["kind"] for c in diff_versions(version_from_document(old), version_from_document(new))["clarity"]] == ["bearer-lost"]
    assert [c["kind"] for c in diff_versions(version_from_document(new), version_from_document(old))["clarity"]] == ["bearer-gained"]
    assert [c["kind"] for c in diff_versions(version_from_document(old), version_from_document(vague))["clarity"]] == ["made-vague"]


def test_a_stored_version_diffs_as_the_extracted_one(store):
    ingest_document(store, OLD)
    ingest_document(store, NEW)
    stored = diff_versions(version_from_store(store, "old"), version_from_store(store, "new"))
    assert stored == diff_versions(version_from_document(OLD), version_from_document(NEW))


def test_an_unknown_stored_document_is_a_clear_error(store):
    import pytest

    from govkg.ontology.errors import NotFound
    with pytest.raises(NotFound, match="no document named 'nowhere'"):
        version_from_store(store, "nowhere")


def test_the_command_says_in_one_line_what_it_cannot_compare(tmp_path):
    import subprocess

    from tests.conftest import GOVKG
    (tmp_path / "old.md").write_text("第一条 居民委员会应当报告工作。\n", encoding="utf-8")
    missing = subprocess.run([*GOVKG, "diff", str(tmp_path / "old.md"), "nowhere", "--store", str(tmp_path / "none")],
                             capture_output=True, text=True, timeout=120)
    assert missing.returncode == 1 and "'nowhere' is neither a file nor a stored document" in missing.stderr
    bad = subprocess.run([*GOVKG, "diff", str(tmp_path / "old.md"), str(tmp_path / "old.md"), "--format", "xml"],
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1 and "xml" in bad.stderr
    assert "Traceback" not in missing.stderr + bad.stderr


def _closed_and_opened(changes: list[dict]) -> dict:
    return {g["kind"]: ([(f["article"], f["actor"]) for f in g["closed"]],
                        [(f["article"], f["actor"]) for f in g["opened"]]) for g in changes}


def test_the_vague_bearer_made_precise_closes_its_finding_on_every_store(store):
    """第二条 有关部门应当…监督检查 becomes 第三条 住房和城乡建设主管部门应当…: the vague-actor finding
    is closed; the same comparison from the files (a store in memory each) and from the store."""
    from govkg.kg.gap_diff import findings_of_document, gap_changes
    from govkg.kg.gaps import document_findings
    pairs = diff_versions(version_from_document(OLD), version_from_document(NEW))["provisions"]
    from_files = gap_changes(findings_of_document(OLD), findings_of_document(NEW), pairs)
    ingest_document(store, OLD)
    ingest_document(store, NEW)
    stored = gap_changes(document_findings(store, "old"), document_findings(store, "new"), pairs)
    assert _closed_and_opened(stored) == _closed_and_opened(from_files)
    vague_closed, vague_opened = _closed_and_opened(stored)["vague-actor"]
    assert vague_closed == [("第二条", "有关部门")] and vague_opened == []
    assert [g["kind"] for g in stored] == ["unassigned", "vague-actor", "shared-no-lead", "no-sanction"]


def test_the_command_prints_gaps_closed_on_asking_for_stored_documents(tmp_path):
    import csv
    import io
    import json
    import subprocess

    from tests.conftest import GOVKG, stored
    store = stored(tmp_path / "store", [OLD, NEW])
    args = [*GOVKG, "diff", "old", "new", "--store", str(store)]
    plain = json.loads(subprocess.run([*args, "--format", "json"], capture_output=True, text=True, timeout=120).stdout)
    assert "gaps" not in plain
    asked = json.loads(subprocess.run([*args, "--format", "json", "--gaps"], capture_output=True, text=True,
                                      timeout=120).stdout)
    vague = {g["kind"]: g for g in asked["gaps"]}["vague-actor"]
    assert [(f["article"], f["actor"]) for f in vague["closed"]] == [("第二条", "有关部门")]
    rows = csv.DictReader(io.StringIO(subprocess.run([*args, "--format", "csv", "--gaps"], capture_output=True,
                                                     text=True, timeout=120).stdout))
    gaps = [(r["status"], r["kind"], r["old_article"]) for r in rows if r["part"] == "gap"]
    assert ("closed", "vague-actor", "第二条") in gaps
