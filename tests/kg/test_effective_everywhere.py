"""Everything that counts norms or findings reads them as reviewed: the actors' counts, the
matrix and the actor network follow a rejection, a correction and a dismissal, on both stores.
(Not on Virtuoso: the actor network asks for every norm at once, past the sort limit Virtuoso has.)"""
from __future__ import annotations

import pytest

from govkg.kg import reviews
from govkg.kg.actor_network import actor_network
from govkg.kg.documents import ingest_document
from govkg.kg.effective import effective_gaps, review_norm_as_seen
from govkg.kg.queries import actors, matrix, norms

from .conftest import residents_law


def counts(store) -> dict[str, int]:
    return {a.label: a.norms_count for a in actors(store, limit=100)}


def topic_row(store, topic: str) -> dict[str, int]:
    return {row["label"]: row[topic] for row in matrix(store, [topic])}


def test_actors_matrix_and_network_follow_the_reviews(store):
    ingest_document(store, residents_law())
    by_action = {v.action: v for v in norms(store, doc="residents")}
    before = counts(store)
    assert before["有关部门"] == 1 and topic_row(store, "指导") == {"有关部门": 1}
    review_norm_as_seen(store, by_action["予以指导"].id, "rejected", "王律师", "不是规范")
    corrected = reviews.Revision("obligation", "报告工作", ["街道办事处"])
    review_norm_as_seen(store, by_action["报告工作"].id, "corrected", "王律师", "向谁报告写错了", corrected)
    shared = next(f for f in effective_gaps(store).findings if f.kind == "shared-no-lead")
    reviews.review_finding(store, shared.kind, shared.norm, "dismissed", "王律师", "第十一条写明共同负责")

    after = counts(store)
    assert after.get("有关部门", 0) == 0
    assert after["街道办事处"] == before["街道办事处"] + 1 and after["居民委员会"] == before["居民委员会"] - 1
    assert topic_row(store, "指导") == {} and topic_row(store, "报告工作") == {"街道办事处": 1}
    by_label = {a.label: a for a in actor_network(store).actors.values()}
    assert "shared-no-lead" not in by_label["居民委员会"].gaps and "shared-no-lead" not in by_label["业主委员会"].gaps
    assert "vague-actor" not in by_label.get("有关部门", by_label["居民委员会"]).gaps
    report = effective_gaps(store)
    assert report.dismissed == 1 and not [f for f in report.findings if f.kind in ("shared-no-lead", "vague-actor")]
