"""A definition names what a term covers: the acts it describes are no one's norms (GUIDELINES:
"Definitions, purposes … are not norms"). Each rule on a made-up provision."""
from __future__ import annotations

from govkg.ingest.extract import extract_text


def norms(text: str) -> set[tuple[str, str]]:
    return {(n.actor, n.modality) for n in extract_text(text, "t", "zh").norms}


def test_a_term_defined_by_the_acts_of_named_bodies_gives_no_norm():
    assert norms("第二条 本条例所称社区服务是指由政府提供基本服务，企业提供专业化服务的服务模式。") == set()


def test_a_term_defined_after_a_comma_gives_no_norm():
    assert norms("第三条 指导价，是指由价格主管部门按照定价权限规定基准价，指导经营者制定的价格。") == set()


def test_a_clause_after_the_semicolon_of_a_definition_is_read():
    assert norms("第四条 本法所称经营者，是指从事生产经营的法人；经营者应当明码标价。") == {("经营者", "obligation")}


def test_a_norm_that_mentions_what_a_term_means_is_still_read():
    assert norms("第五条 经营者应当向消费者说明商品的价格是指含税价格。") == {("经营者", "obligation")}
