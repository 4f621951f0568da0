"""Read a SPARQL 1.1 Protocol request: which operation, its text, and the dataset it names.

The rules follow https://www.w3.org/TR/sparql11-protocol/ and its test suite:
GET carries ``query`` in the URL; POST carries it URL-encoded (``query=`` or ``update=``) or
directly as ``application/sparql-query`` / ``application/sparql-update``; exactly one operation
per request; bodies are UTF-8; updates are never accepted by GET.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

FORM = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"
UTF8 = ("utf-8", "utf8")

Params = Sequence[tuple[str, str]]
ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\x00-\x20<>\"{}|\\^`\x7f]*")
"""An absolute IRI as a protocol parameter may give one: a scheme, and none of the characters
an IRI reference in SPARQL cannot hold (RFC 3987; SPARQL 1.1 IRIREF)."""
DATASET_PARAMS = ("default-graph-uri", "named-graph-uri", "using-graph-uri", "using-named-graph-uri")


class ProtocolError(Exception):
    """A request the protocol does not allow; ``status`` is the HTTP answer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Operation:
    """One protocol operation. ``kind`` is ``query``, ``update`` or ``describe`` (no operation:
    the client asks for the service itself)."""

    kind: str
    text: str = ""
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    using_graphs: list[str] = field(default_factory=list)
    using_named_graphs: list[str] = field(default_factory=list)


def read_get(url_params: Params) -> Operation:
    """A GET request: a query in the URL, or no operation at all."""
    if _values(url_params, "update"):
        raise ProtocolError(400, "updates must be sent with POST, never with GET")
    return _operation(url_params, allow_none=True)


def read_post(url_params: Params, content_type: str | None, body: bytes) -> Operation:
    """A POST request: URL-encoded form, or a query or update as the body."""
    media_type, charset = _media_type(content_type)
    if charset and charset not in UTF8:
        raise ProtocolError(415, f"only UTF-8 is accepted, not charset={charset}")
    if media_type == FORM:
        return _operation([*url_params, *_form(body)], allow_none=False)
    if media_type in (QUERY_TYPE, UPDATE_TYPE):
        if _values(url_params, "query") or _values(url_params, "update"):
            raise ProtocolError(400, f"a {media_type} body cannot come with query= or update= in the URL")
        kind = "query" if media_type == QUERY_TYPE else "update"
        return _build(kind, _utf8(body), url_params)
    if not media_type:
        raise ProtocolError(415, f"a POST needs a Content-Type: {FORM}, {QUERY_TYPE} or {UPDATE_TYPE}")
    raise ProtocolError(415, f"unsupported Content-Type {media_type}: use {FORM}, {QUERY_TYPE} or {UPDATE_TYPE}")


def _operation(params: Params, *, allow_none: bool) -> Operation:
    queries, updates = _values(params, "query"), _values(params, "update")
    if queries and updates:
        raise ProtocolError(400, "a request carries either query= or update=, not both")
    if len(queries) > 1 or len(updates) > 1:
        raise ProtocolError(400, "a request carries exactly one query= or update=")
    if queries:
        return _build("query", queries[0], params)
    if updates:
        return _build("update", updates[0], params)
    if allow_none:
        return Operation("describe")
    raise ProtocolError(400, "the form carries neither query= nor update=")


def _build(kind: str, text: str, params: Params) -> Operation:
    if not text.strip():
        raise ProtocolError(400, f"the {kind} is empty")
    default, named, using, using_named = (_graph_iris(params, name) for name in DATASET_PARAMS)
    return Operation(kind, text, default_graphs=default, named_graphs=named,
                     using_graphs=using, using_named_graphs=using_named)


def _graph_iris(params: Params, name: str) -> list[str]:
    """The values of a dataset parameter, each an absolute IRI (they enter the query text or
    the engine's dataset as they are), else 400."""
    values = _values(params, name)
    for value in values:
        if not ABSOLUTE_IRI.fullmatch(value):
            raise ProtocolError(400, f"{name} needs an absolute IRI, not {value[:200]!r}")
    return values


def _values(params: Params, name: str) -> list[str]:
    return [value for key, value in params if key == name]


def _media_type(content_type: str | None) -> tuple[str, str]:
    """``application/sparql-query; charset=UTF-8`` -> (``application/sparql-query``, ``utf-8``)."""
    if not content_type:
        return "", ""
    media_type, *params = (part.strip() for part in content_type.split(";"))
    charset = ""
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return media_type.lower(), charset


def _utf8(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProtocolError(400, f"the body is not UTF-8 (byte {exc.start})") from None


def _form(body: bytes) -> list[tuple[str, str]]:
    try:
        return parse_qsl(_utf8(body), keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise ProtocolError(400, "the form holds percent-encoded bytes that are not UTF-8") from None
