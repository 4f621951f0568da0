"""Bounds on what users search for: each word of a search becomes a test in a SPARQL filter,
and a filter of thousands of tests takes seconds to run (or more than the query engine can
parse), so a search text is refused, with the bound named, past a number of words and a length.
"""
from __future__ import annotations

from govkg.api.settings import Settings
from govkg.kg.queries import search_words
from govkg.ontology.errors import QueryError


def check_search(settings: Settings, name: str, text: str | None) -> None:
    """Refuse (QueryError, 400) a search text ``name`` longer than the settings allow."""
    if not text:
        return
    if len(text) > settings.max_search_chars:
        raise QueryError(f"{name} is {len(text)} characters long; a search takes at most "
                         f"{settings.max_search_chars} (GOVKG_MAX_SEARCH_CHARS)")
    count = len(search_words(text))
    if count > settings.max_search_words:
        raise QueryError(f"{name} has {count} words; a search takes at most "
                         f"{settings.max_search_words} (GOVKG_MAX_SEARCH_WORDS)")
