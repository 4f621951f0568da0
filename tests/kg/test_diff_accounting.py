"""``govkg diff`` on a revision it was not built on: 会计法 of 2017 against its 2024 text, scored against
the changes read by hand before the command was first run (tests/data/diff/accounting_law_hand.json).
A chapter folded into another, two articles merged into one, a paragraph made an article of its own.

First run: article pairs precision 0.963 / recall 0.963 (old 43 and 44, merged into new 41, swapped),
gained 0.364 / 0.923, lost 0.371 / 1.000. Then: near-equal similarities left to position, and a
bearer whose name was only reworded no gain or loss: pairs 1.000 / 1.000, gained 0.375 / 0.923,
lost 0.382 / 1.000 (the same changes took 慈善法 gains from recall 0.66 to 0.74)."""
from __future__ import annotations

import pytest

from tests.kg.diff_score import actor_scores, alignment_scores, corpus_pair, pair_fixtures

OLD, NEW, HAND, pytestmark = corpus_pair("会计法(2017-11-04).md", "会计法(2024-06-28).md", "accounting_law_hand.json")
documents, result = pair_fixtures(OLD, NEW)


@pytest.fixture(scope="module")
def gaps(documents, result):
    from govkg.kg.gap_diff import findings_of_document, gap_changes
    changes = gap_changes(findings_of_document(documents[0]), findings_of_document(documents[1]), result["provisions"])
    return {g["kind"]: g for g in changes}


def test_every_article_pair_is_the_one_read_by_hand(result):
    """Old 43 and 44 both went into new 41: the one that stood in its place keeps it."""
    precision, recall = alignment_scores(result, HAND)
    print(f"alignment: precision {precision:.3f}, recall {recall:.3f}")
    assert (precision, recall) == (1.0, 1.0)
    assert [p["old"] for p in result["provisions"] if p["status"] == "moved"] == []


def test_renumbering_by_a_folded_chapter_is_no_change_of_text(result):
    status = {(p["old"], p["new"]): p["status"] for p in result["provisions"]}
    assert all(status[(r["old"], r["new"])] == "unchanged" for r in HAND["renumbered_same_text"])


@pytest.mark.parametrize("direction,min_precision,min_recall", [("gained", 0.35, 0.9), ("lost", 0.35, 0.95)])
def test_actor_gains_and_losses_against_the_hand_reading(result, direction, min_precision, min_recall):
    """Most of what the tool reports beyond the reading are the listed items (（一）…) of a
    duty whose bearer changed, each one a gain, where the reading counts the duty once."""
    precision, recall = actor_scores(result, HAND, direction)
    print(f"{direction}: precision {precision:.3f}, recall {recall:.3f}")
    assert precision >= min_precision and recall >= min_recall


def test_a_bearer_whose_name_was_reworded_neither_gains_nor_loses(result):
    """第三十六条 → 第三十四条: 国有资产占控股地位… becomes 国有资本占控股地位…企业, the same duty."""
    actors = {a["actor"] for a in result["actors"]}
    assert not any(a.startswith("国有的和国有") for a in actors)


@pytest.mark.parametrize("expected", [
    pytest.param(c, marks=pytest.mark.xfail(strict=True, reason="the extractor reads 其他人员 as the old bearer"))
    if c["new"] == "第四十二条" else c for c in HAND["clarity"]])
def test_a_duty_that_gained_its_bearer_as_read_by_hand(result, expected):
    assert any(c["kind"] == expected["kind"] and c["new"]["article"] == expected["new"]
               and c["new"]["actor"] == expected["actor"] for c in result["clarity"])


def test_the_duty_that_gained_its_bearer_closes_its_no_bearer_finding(gaps):
    """第十条: 下列经济业务事项，应当办理会计手续 (nobody) -> 各单位应当对下列经济业务事项办理会计手续."""
    closed = [f["article"] for f in gaps["unassigned"]["closed"]]
    assert "第十条" in closed
    assert "第十条" not in [f["article"] for f in gaps["unassigned"]["opened"]]


def test_an_unpunished_duty_whose_bearer_was_renamed_stays_open(gaps):
    """Old 26 (公司、企业…不得有下列行为) is new 24 for 各单位, still with no sanction: kept, neither
    closed nor opened; old 25, dropped with chapter 3, closes its finding."""
    closed = {f["article"] for f in gaps["no-sanction"]["closed"]}
    opened = {f["article"] for f in gaps["no-sanction"]["opened"]}
    assert not any(a.startswith("第二十六条") for a in closed)
    assert not any(a.startswith("第二十四条") for a in opened)
    assert "第二十五条" in closed
    assert all(g["kept"] > 0 for g in gaps.values())
