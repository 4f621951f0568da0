"""Terms a document defines itself: its bearers are not vague and link to the definition."""
from __future__ import annotations

from govkg.ingest.extract import extract_text


def test_english_defined_bearer_is_not_vague_and_names_its_definition():
    document = extract_text("Article 1\n\nIn this Part, “relevant authorities” means the chief officer of police "
                            "and the local authority.\n\nArticle 2\n\nThe relevant authorities for a police area must "
                            "prepare a strategy.\n\nArticle 3\n\nThe relevant bodies must publish it.", "d", "en")
    by_article = {n.article: n for n in document.norms}
    assert by_article[2].actor == "The relevant authorities for a police area"
    assert (by_article[2].vague_actor, by_article[2].defined_in) == (False, "Article 1")
    assert (by_article[3].vague_actor, by_article[3].defined_in) == (True, "")   # defined nowhere


def test_term_defined_over_a_line_break_with_the_in_quotes():
    document = extract_text("Article 1\n\nThe relevant probation body must forward the statement.\n\nArticle 2\n\n"
                            "In this section “ the relevant probation\nbody ” has the meaning given in section 37.", "d", "en")
    assert [(n.vague_actor, n.defined_in) for n in document.norms] == [(False, "Article 2")]


def test_chinese_defined_bearer_is_not_vague():
    document = extract_text("第一条 本条例所称有关单位，是指承担志愿服务管理职责的单位。\n"
                            "第二条 有关单位应当为志愿者提供必要条件。\n第三条 有关部门应当给予支持。", "z", "zh")
    by_article = {n.article: n for n in document.norms}
    assert (by_article[2].vague_actor, by_article[2].defined_in) == (False, "第一条")
    assert by_article[3].vague_actor and not by_article[3].defined_in


def test_a_bearer_left_to_be_identified_later_is_vague():
    found = extract_text("Article 4\n\nA prescribed person must provide the information.", "p", "en").norms
    assert [(n.actor, n.vague_actor) for n in found] == [("A prescribed person", True)]
