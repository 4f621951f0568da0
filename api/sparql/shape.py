"""Which SPARQL queries are light by their shape alone, before they run.

One triple pattern (in a GRAPH block or not), a LIMIT of at most ``LIGHT_LIMIT``, and nothing
that makes the engine read more than the solutions it returns — no FILTER, join, OPTIONAL,
UNION, path, sort, grouping, DISTINCT, OFFSET or subquery: the engine streams the pattern from
one index and stops at the limit, whatever the size of the store. Such a query may use the fast
lane (``govkg.kg.query_lanes``) while every worker of the endpoint is held by heavy queries; a query of
any other shape waits for the endpoint's own workers. A text this scan misreads costs nothing
worse than the lane's short deadline: the query then moves to the endpoint's workers.
"""
from __future__ import annotations

from collections.abc import Sequence

from govkg.api.sparql.lexer import lexemes

LIGHT_LIMIT = 1000
LIGHT_CHARS = 2000
_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
_HEAVY = {"FILTER", "OPTIONAL", "UNION", "MINUS", "EXISTS", "NOT", "BIND", "VALUES", "SERVICE", "ORDER",
          "GROUP", "HAVING", "DISTINCT", "REDUCED", "OFFSET", "COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE",
          "GROUP_CONCAT", "FROM"}
_JOINS = {".", ";", ",", "/", "|", "+", "^", "?", "(", "!"}   # a second pattern, a path, an expression


def looks_light(sparql: str, words: Sequence[tuple[str, str]] | None = None) -> bool:
    """Whether ``sparql`` is one triple pattern under a small LIMIT (see the module's text);
    ``words``, its lexemes when the caller has them already (``Facts.words``)."""
    if len(sparql) > LIGHT_CHARS:
        return False
    words = list(lexemes(sparql)) if words is None else words
    forms = [text.upper() for kind, text in words if kind == "word" and text.upper() in _FORMS]
    if len(forms) != 1 or any(kind == "word" and text.upper() in _HEAVY for kind, text in words):
        return False
    return _one_pattern(words) and _small_limit(words, ask=forms[0] == "ASK")


def _one_pattern(words: Sequence[tuple[str, str]]) -> bool:
    """Inside the braces: three terms, no join or path punctuation (a final ``.`` allowed)."""
    depth, terms, seen_brace = 0, 0, False
    for index, (kind, text) in enumerate(words):
        if kind == "punct" and text == "{":
            depth, seen_brace = depth + 1, True
        elif kind == "punct" and text == "}":
            depth -= 1
        elif depth and kind == "punct" and text in _JOINS:
            if text != "." or index + 1 == len(words) or words[index + 1][1] != "}":
                return False
        elif depth and kind == "punct" and text == "*":
            return False
        elif depth and not (kind == "word" and text.upper() == "GRAPH"):
            terms += 1
    graph_terms = sum(1 for kind, text in words if kind == "word" and text.upper() == "GRAPH")
    return seen_brace and graph_terms <= 1 and terms == 3 + graph_terms


def _small_limit(words: Sequence[tuple[str, str]], *, ask: bool) -> bool:
    for index, (kind, text) in enumerate(words[:-1]):
        if kind == "word" and text.upper() == "LIMIT":
            following = words[index + 1]
            return following[0] == "number" and following[1].isdigit() and int(following[1]) <= LIGHT_LIMIT
    return ask
