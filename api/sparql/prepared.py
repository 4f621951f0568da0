"""A ``/sparql`` request read into its operation, and a query prepared to run: pure functions of
the request's text, headers and the settings, the same for the endpoint and for the short way a
proven-light request takes (``govkg.api.sparql.at_once``).

Short requests have their reading kept: clients send the same ones again and again, and
percent-decoding a form or lexing a text costs more than the engine spends on a light query.
"""
from __future__ import annotations

import functools
from collections.abc import Callable
from typing import NamedTuple
from urllib.parse import parse_qsl

from govkg.api.settings import Settings
from govkg.api.sparql.guard import Facts, refuse_remote, scan, with_base
from govkg.api.sparql.negotiation import result_type
from govkg.api.sparql.protocol import Operation, ProtocolError, read_get, read_post
from govkg.api.sparql.shape import looks_light

REMEMBERED_TEXT_CHARS = 4096
"""Requests and texts up to this long have their reading kept: 1,024 of each, 4 MB at most."""


def read_get_request(query_string: bytes) -> Operation:
    """``read_get`` of a request's URL query (decoded as Starlette decodes ``query_params``)."""
    if len(query_string) <= REMEMBERED_TEXT_CHARS:
        return _remembered_get(query_string)
    return _read_get(query_string)


def read_post_request(query_string: bytes, content_type: str | None, body: bytes) -> Operation:
    """``read_post`` of a request's URL query, Content-Type and body."""
    if len(body) + len(query_string) <= REMEMBERED_TEXT_CHARS:
        return _remembered_post(query_string, content_type, body)
    return _read_post(query_string, content_type, body)


def _url_params(query_string: bytes) -> list[tuple[str, str]]:
    return parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)


def _read_get(query_string: bytes) -> Operation:
    return read_get(_url_params(query_string))


def _read_post(query_string: bytes, content_type: str | None, body: bytes) -> Operation:
    return read_post(_url_params(query_string), content_type, body)


_remembered_get = functools.lru_cache(maxsize=1024)(_read_get)
_remembered_post = functools.lru_cache(maxsize=1024)(_read_post)


class PreparedQuery(NamedTuple):
    text: str
    media_type: str
    row_cap: int | None
    light: bool


def prepare_query(settings: Settings, operation: Operation, accept: str | None,
                  base: Callable[[], str]) -> PreparedQuery:
    """The text to run, the answer's media type, which follows ``accept`` and the query form,
    the cap on its rows, and whether it is light by its shape (``looks_light``), all from one
    pass of the lexer; SERVICE and LOAD are refused here. ``base()`` (the endpoint, as base
    IRI) is asked for only when the text has relative IRIs and no BASE of its own."""
    facts, light = read_text(operation.text)
    refuse_remote(operation.text, allow_service=settings.allow_service, facts=facts)
    media_type = result_type(accept, facts.form)
    if media_type is None:
        raise ProtocolError(406, f"no format of a {facts.form} answer matches Accept: {accept}")
    text = with_base(operation.text, base(), facts) if needs_base(facts) else operation.text
    return PreparedQuery(text, media_type, row_cap(facts, settings.max_results), light)


def needs_base(facts: Facts) -> bool:
    """Whether a text with these facts is given the endpoint as base IRI."""
    return facts.has_relative and not facts.has_base


def read_text(sparql: str) -> tuple[Facts, bool]:
    """The guard's facts of ``sparql`` and whether it is light by its shape: one pass of the
    lexer, kept for short texts (a query is a pure function of its text here: the settings
    are applied after)."""
    return _remembered_reading(sparql) if len(sparql) <= REMEMBERED_TEXT_CHARS else _reading(sparql)


def _reading(sparql: str) -> tuple[Facts, bool]:
    facts = scan(sparql)
    return facts, looks_light(sparql, facts.words)


_remembered_reading = functools.lru_cache(maxsize=1024)(_reading)


def row_cap(facts: Facts, max_results: int | None) -> int | None:
    """The cap on a query's rows: none for a SELECT whose own LIMIT is within ``max_results``,
    which cannot pass it. Counting rows means writing the answer twice (TSV to count, then the
    asked format); without a count the engine writes it in one call (the byte cap still holds)."""
    if max_results is not None and facts.form == "SELECT" and facts.limit is not None and facts.limit <= max_results:
        return None
    return max_results
