"""What the protocol layer checks and adjusts in a query or update before the store runs it.

- the query form (SELECT/ASK give results, CONSTRUCT/DESCRIBE give a graph);
- federated ``SERVICE`` and ``LOAD`` are refused unless the service allows them, so that no
  request leaves the machine; a text that can be read in more than one way (escapes the
  grammar does not have, SERVICE or LOAD in a comment, ``<`` that may be a comparison or an
  IRI) is refused as well: the guard fails closed rather than trust its reading to be the
  engine's;
- ``using-graph-uri`` / ``using-named-graph-uri`` become ``USING`` clauses of each
  ``DELETE``/``INSERT ... WHERE`` operation, and conflict with ``USING``/``WITH`` in the text;
- relative IRIs resolve against the endpoint (the service-defined base IRI).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from govkg.api.sparql.lexer import Token, decode_codepoints, has_codepoint_escapes, lexemes, tokens
from govkg.ontology.errors import QueryError

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


@dataclass(frozen=True)
class Facts:
    """What one pass over a query or update tells: its form, the first remote keyword
    (SERVICE or LOAD) if any, whether it declares a BASE or uses relative IRIs, why its
    text cannot be read one way only (``ambiguous``: '' when it can), and the LIMIT of the
    query itself (outside every brace: not a subquery's), None when it has none."""

    form: str = "SELECT"
    remote: str = ""
    has_base: bool = False
    has_relative: bool = False
    ambiguous: str = ""
    limit: int | None = None
    words: tuple[tuple[str, str], ...] = field(default=(), repr=False, compare=False)
    """The text's lexemes, comments left out, for a second look at its shape (``looks_light``)."""


REMOTE = ("SERVICE", "LOAD")
_REMOTE_WORD = re.compile(r"(?<![\w-])(?:SERVICE|LOAD)(?![\w-])", re.IGNORECASE)
_OPERAND_END = ("var", "iri", "pname", "string", "number", "bnode")
_NOT_IN_IRI = re.compile(r'[<>"{}|^`\\\x00-\x20]')


def scan(sparql: str) -> Facts:
    """The facts of ``sparql`` as the tokenizer reads it and, when it holds codepoint escapes,
    as the SPARQL grammar reads it once they are decoded (§19.2; some engines decode the whole
    text first, Oxigraph only inside IRIs and strings): a remote keyword either reading finds
    counts, and so does any ambiguity. Text without a query keyword is left to the parser
    (SELECT assumed)."""
    facts = _scan_once(sparql)
    if not has_codepoint_escapes(sparql):
        return facts
    decoded = decode_codepoints(sparql)
    if decoded is None:
        return replace(facts, ambiguous=facts.ambiguous or "a \\u escape names no character")
    other = _scan_once(decoded)
    return replace(facts, remote=facts.remote or other.remote,
                   ambiguous=facts.ambiguous or other.ambiguous,
                   limit=facts.limit if facts.limit == other.limit else None)


def _scan_once(sparql: str) -> Facts:
    form = remote = ambiguous = ""
    has_base = has_relative = False
    limit: int | None = None
    brackets: list[str] = []
    words: list[tuple[str, str]] = []
    previous = ""
    for kind, text in lexemes(sparql, comments=True):
        if previous == "LIMIT" and not brackets:
            limit = int(text) if kind == "number" and text.isdigit() else None
        if kind == "word":
            word = text.upper()
            if not form and word in QUERY_FORMS:
                form = word
            elif not remote and word in REMOTE:
                remote = word
            elif word == "BASE":
                has_base = True
        elif kind == "pname":
            if not ambiguous and text.partition(":")[0].upper() in REMOTE:
                ambiguous = "a prefix named service: or load: (SERVICE:x reads as SERVICE :x); rename it"
        elif kind == "iri":
            ambiguous = ambiguous or _iri_doubt(text, previous, brackets)
            if not has_relative:
                has_relative = _is_relative(decode_codepoints(text[1:-1]) or text[1:-1])
        elif kind == "comment":
            if not ambiguous and _REMOTE_WORD.search(text):
                ambiguous = "SERVICE or LOAD in a comment"
        elif kind == "punct":
            ambiguous = ambiguous or _track(text, brackets)
        if kind != "comment":
            words.append((kind, text))
            previous = "LIMIT" if kind == "word" and text.upper() == "LIMIT" else kind if kind != "punct" else text
    return Facts(form or "SELECT", remote, has_base, has_relative, ambiguous, limit, tuple(words))


def _track(punct: str, brackets: list[str]) -> str:
    """Follow the nesting of brackets; a backslash outside every escape is an ambiguity."""
    if punct in "({[":
        brackets.append(punct)
    elif punct in ")}]" and brackets:
        brackets.pop()
    elif punct == "\\":
        return "a backslash outside a string, an IRI or an escape of a prefixed name"
    return ""


def _iri_doubt(text: str, previous: str, brackets: list[str]) -> str:
    """Why an IRI token might be read otherwise: its escapes decode to a character an IRI
    cannot hold, or, right after an operand inside parentheses, ``<`` may be a comparison
    (``FILTER(?a<?b)SERVICE?s#>``), and the text between holds SERVICE or LOAD."""
    inner = text[1:-1]
    if "\\" in inner:
        decoded = decode_codepoints(inner)
        if decoded is None or _NOT_IN_IRI.search(decoded):
            return "an escape in an IRI decodes to a character an IRI cannot hold"
    comparable = previous in _OPERAND_END or previous in (")", "]")
    if comparable and brackets and brackets[-1] == "(" and _REMOTE_WORD.search(inner):
        return "'<' after an operand reads as a comparison or an IRI holding SERVICE or LOAD"
    return ""


def query_form(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first query keyword after the prologue."""
    return scan(sparql).form


def refuse_remote(sparql: str, *, allow_service: bool, facts: Facts | None = None) -> None:
    """Refuse ``SERVICE`` (federated query) and ``LOAD`` (fetch a document) unless allowed."""
    if allow_service:
        return
    facts = facts or scan(sparql)
    remote = facts.remote
    if facts.ambiguous and not remote:
        raise QueryError(f"refused: this text can be read in more than one way ({facts.ambiguous}), "
                         "so it cannot be shown to hold no SERVICE or LOAD")
    if remote == "SERVICE":
        raise QueryError("federated SERVICE calls are disabled on this endpoint")
    if remote == "LOAD":
        raise QueryError("LOAD is disabled on this endpoint: no request may leave the server")


def with_base(sparql: str, base: str, facts: Facts | None = None) -> str:
    """Give a text with relative IRIs and no BASE of its own the endpoint as base IRI."""
    facts = facts or scan(sparql)
    return f"BASE <{base}> {sparql}" if facts.has_relative and not facts.has_base else sparql


def _is_relative(iri: str) -> bool:
    scheme, colon, _ = iri.partition(":")
    return not (colon and scheme[:1].isalpha() and all(c.isalnum() or c in "+-." for c in scheme))


def apply_using(sparql: str, using: Sequence[str], using_named: Sequence[str]) -> str:
    """Add the protocol's USING / USING NAMED graphs to every operation with a WHERE clause.

    Raises QueryError when an operation names its own dataset (``USING`` or ``WITH``), as the
    SPARQL 1.1 Protocol requires."""
    if not using and not using_named:
        return sparql
    clause = "".join(f"USING <{g}> " for g in using) + "".join(f"USING NAMED <{g}> " for g in using_named)
    inserts: list[int] = []
    for operation in _operations(list(tokens(sparql))):
        where = _modify_where(operation)
        if where is not None:
            inserts.append(where.start)
    for at in reversed(inserts):
        sparql = sparql[:at] + clause + sparql[at:]
    return sparql


def _operations(toks: list[Token]) -> list[list[Token]]:
    """Split an update into its operations (``;`` outside braces)."""
    operations, current, depth = [], [], 0
    for token in toks:
        if token.kind == "punct" and token.text in "{[(":
            depth += 1
        elif token.kind == "punct" and token.text in "}])":
            depth -= 1
        if depth == 0 and token.kind == "punct" and token.text == ";":
            operations.append(current)
            current = []
        else:
            current.append(token)
    operations.append(current)
    return operations


def _modify_where(operation: list[Token]) -> Token | None:
    """The top-level WHERE of a DELETE/INSERT ... WHERE operation; None for other operations."""
    body = _skip_prologue(operation)
    if not body:
        return None
    if any(t.is_keyword("USING", "WITH") for t in _top_level(body)):
        raise QueryError("the update names its own dataset (USING or WITH); "
                         "using-graph-uri / using-named-graph-uri cannot be given as well")
    if not body[0].is_keyword("DELETE", "INSERT"):
        return None
    if len(body) > 1 and body[1].is_keyword("DATA", "WHERE"):
        return None
    return next((t for t in _top_level(body) if t.is_keyword("WHERE")), None)


def _skip_prologue(operation: list[Token]) -> list[Token]:
    """The operation without its BASE and PREFIX declarations."""
    at = 0
    while at < len(operation):
        if operation[at].is_keyword("BASE"):
            at += 2
        elif operation[at].is_keyword("PREFIX"):
            at += 3
        else:
            break
    return operation[at:]


def _top_level(operation: list[Token]) -> list[Token]:
    depth, found = 0, []
    for token in operation:
        if token.kind == "punct" and token.text in "{[(":
            depth += 1
        elif token.kind == "punct" and token.text in "}])":
            depth -= 1
        elif depth == 0:
            found.append(token)
    return found
