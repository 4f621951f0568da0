"""Running one SPARQL query on a pyoxigraph store, in this process or in a query worker.

A ``QueryRequest`` is plain data (it crosses process boundaries); ``execute`` turns pyoxigraph's
errors into ``QueryError`` and caps answers at ``max_results``: a larger answer is refused with a
``QueryError`` (never silently truncated), so a client never mistakes part of an answer for all
of it.
"""
from __future__ import annotations

import functools
import json
import re
import threading
import uuid
from dataclasses import dataclass

import pyoxigraph as ox

from govkg.kg.formats import rdf_format, result_format
from govkg.kg.store import QueryAnswer
from govkg.ontology.errors import QueryError
from govkg.ontology.namespaces import PREFIXES



@dataclass(frozen=True)
class QueryRequest:
    kind: str                       # "select", "ask", "serialized" or "check-update"
    sparql: str
    media_type: str = ""
    default_graph_uris: tuple[str, ...] = ()
    named_graph_uris: tuple[str, ...] = ()
    max_results: int | None = None
    max_bytes: int | None = None            # the answer's serialized size, as well as its rows


def named_node(value: str) -> ox.NamedNode:
    """``value`` as an IRI, or a QueryError naming it (pyoxigraph refuses some characters that
    pass a plain check, such as U+FFFD, which an undecodable %FF in a URL becomes)."""
    try:
        return ox.NamedNode(value)
    except ValueError as exc:
        raise QueryError(f"not a valid IRI: {value[:200]!r} ({_one_line(exc)})") from exc


def run_query(store: ox.Store, request: QueryRequest):
    """pyoxigraph's answer object, errors converted."""
    kwargs: dict = {}
    if request.default_graph_uris:
        kwargs["default_graph"] = [named_node(g) for g in request.default_graph_uris]
    if request.named_graph_uris:
        kwargs["named_graphs"] = [named_node(g) for g in request.named_graph_uris]
    try:
        return _query(store, request.sparql, kwargs)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {_one_line(exc)}") from exc
    except (OSError, ValueError, RuntimeError) as exc:
        raise QueryError(f"query failed: {_one_line(exc)}") from exc


NEEDS_PREFIXES_CHARS = 4096
"""Texts up to this long have it kept whether they need govkg's prefixes (``_query``)."""

_NEEDS_PREFIXES: dict[str, bool] = {}
_NEEDS_PREFIXES_KEPT = 1024


def _query(store: ox.Store, sparql: str, kwargs: dict):
    """``store.query`` with govkg's prefixes declared (``PREFIXES``) for a text that uses them
    without declaring them. pyoxigraph reads the thirteen prefix IRIs again for every query (a
    tenth of the engine's time on a light one): a short text is first parsed without them, and
    whether it needed them is kept. A text that declares every prefix it uses means the same
    either way (its own declarations come first); one that does not fails to parse without them."""
    needs = _NEEDS_PREFIXES.get(sparql) if len(sparql) <= NEEDS_PREFIXES_CHARS else True
    if needs is False:
        return store.query(sparql, **kwargs)
    if needs is None:
        try:
            result, needs = store.query(sparql, **kwargs), False
        except SyntaxError:
            result, needs = store.query(sparql, prefixes=PREFIXES, **kwargs), True
        if len(_NEEDS_PREFIXES) >= _NEEDS_PREFIXES_KEPT:
            _NEEDS_PREFIXES.clear()
        _NEEDS_PREFIXES[sparql] = needs
        return result
    return store.query(sparql, prefixes=PREFIXES, **kwargs)


def execute(store: ox.Store, request: QueryRequest, *, wire: bool = False):
    """The answer of ``request``: rows (select), a bool (ask) or a ``QueryAnswer``. With ``wire``
    (in a query worker), a select's rows stay ``SolutionsTSV`` for the caller to read."""
    result = run_query(store, request)
    try:
        if request.kind == "select":
            solutions = _solutions(result, request.max_bytes)
            if wire or not isinstance(solutions, SolutionsTSV):
                return solutions
            return solutions.rows()
        if request.kind == "ask":
            if not isinstance(result, ox.QueryBoolean):
                raise QueryError("expected an ASK query")
            return bool(result)
        return _serialized(result, request)
    except (OSError, RuntimeError) as exc:
        raise QueryError(f"query failed: {_one_line(exc)}") from exc


@dataclass(frozen=True)
class SolutionsTSV:
    """SELECT solutions as SPARQL TSV. pyoxigraph serializes them in one call, which holds no
    GIL from the first solution to the last; read term by term instead, every solution takes the
    GIL back, and beside a busy Python thread each of those waits can last a switch interval (a
    query then takes three times as long). A query worker sends these bytes as they are."""

    data: bytes

    def rows(self) -> list[dict[str, str]]:
        """Each solution as {variable: value}; unbound variables are left out."""
        lines = self.data.decode().split("\n")
        names = [name[1:] for name in lines[0].split("\t")]
        # inline: an IRI, or a literal with no escape, tag or datatype, is its value in brackets/quotes
        return [{name: field[1:-1] if field[0] == "<" or (field[-1] == '"' and "\\" not in field)
                 else _tsv_value(field) for name, field in zip(names, line.split("\t")) if field}
                for line in lines[1:] if line]


def _solutions(result, max_bytes: int | None = None) -> SolutionsTSV | list[dict[str, str]]:
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError("expected a SELECT query")
    if not result.variables:            # TSV cannot tell how many empty solutions there are
        return [{} for _ in result]
    return SolutionsTSV(_serialize_capped(result, ox.QueryResultsFormat.TSV, max_bytes))


class _CappedOutput:
    """Where pyoxigraph writes a serialization: refuses (QueryError) to grow past ``limit``
    bytes, so that an answer too large is stopped while it is written, not after."""

    def __init__(self, limit: int | None) -> None:
        self.limit, self.size, self.parts = limit, 0, []

    def write(self, data) -> int:
        self.size += len(data)
        check_answer_size(self.size, self.limit)
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


def _serialize_capped(result, fmt, limit: int | None) -> bytes:
    if limit is None:
        return result.serialize(format=fmt)
    output = _CappedOutput(limit)
    result.serialize(output, format=fmt)
    return b"".join(output.parts)


def check_answer_size(size: int, limit: int | None) -> None:
    """Refuse (QueryError) an answer of ``size`` bytes over ``limit``: every store says it alike."""
    if limit is not None and size > limit:
        raise QueryError(f"the answer is larger than {limit} bytes; add a LIMIT or narrow the query")


def _sized(body: bytes, limit: int | None) -> bytes:
    check_answer_size(len(body), limit)
    return body


def _tsv_value(field: str) -> str:
    """A term's value from its SPARQL TSV form: an IRI in <>, a literal in quotes with N-Triples
    escapes and maybe a language tag or datatype after it, a number, a blank node _:id."""
    first = field[:1]
    if first == "<":
        return field[1:-1]
    if first == '"':
        lexical = field[1:field.rfind('"')]
        return _ESCAPE.sub(_unescape, lexical) if "\\" in lexical else lexical
    if field.startswith("_:"):
        return field[2:]
    return field


_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")
_ECHAR = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f"}


def _unescape(match: re.Match) -> str:
    code = match.group(1) or match.group(2)
    return chr(int(code, 16)) if code else _ECHAR.get(match.group(3), match.group(3))


def _serialized(result, request: QueryRequest) -> QueryAnswer:
    limit, max_bytes = request.max_results, request.max_bytes
    if isinstance(result, ox.QueryTriples):
        fmt = rdf_format(request.media_type)
        triples = _capped(result, limit, "triples", max_bytes)
        return QueryAnswer(_sized(ox.serialize(triples, format=fmt) or b"", max_bytes), fmt.media_type)
    fmt = result_format(request.media_type)
    if isinstance(result, ox.QueryBoolean):
        return QueryAnswer(_sized(boolean_answer(bool(result), fmt), max_bytes), fmt.media_type)
    if limit is None:
        return QueryAnswer(_serialize_capped(result, fmt, max_bytes), fmt.media_type)
    variables = list(result.variables)
    if variables:
        return QueryAnswer(_counted(result, fmt, limit, max_bytes), fmt.media_type)
    rows = _capped(result, limit, "rows", max_bytes)       # TSV cannot count solutions with no variables
    body = _no_variables_json(len(rows)) if fmt == ox.QueryResultsFormat.JSON else _reserialize(variables, rows, fmt)
    return QueryAnswer(_sized(body, max_bytes), fmt.media_type)


ROW_BYTES = {ox.QueryResultsFormat.JSON: 2, ox.QueryResultsFormat.XML: 9}
"""The fewest bytes one solution takes in a format (``{}``, ``<result/>``): an answer shorter
than ``ROW_BYTES * (limit + 1)`` cannot hold more than ``limit`` solutions."""


def _counted(result: ox.QuerySolutions, fmt, limit: int, max_bytes: int | None) -> bytes:
    """Solutions in ``fmt``, refused past ``limit`` of them, with no Python object per term.
    JSON and XML are written at once; one too short to hold ``limit`` solutions needs no count
    (most answers), a longer one is read again and written as TSV (one line a solution: terms
    escape their line breaks), whose lines are counted. CSV, which pyoxigraph cannot read, is
    counted the other way round: the engine writes TSV, then the TSV is read and written as CSV
    (the same terms and blank node labels come out as the engine would have written them)."""
    if fmt in ROW_BYTES:
        body = _serialize_capped(result, fmt, max_bytes)
        if len(body) >= ROW_BYTES[fmt] * (limit + 1):
            _check_rows(ox.parse_query_results(body, format=fmt).serialize(format=ox.QueryResultsFormat.TSV), limit)
        return body
    tsv = _serialize_capped(result, ox.QueryResultsFormat.TSV, max_bytes)
    _check_rows(tsv, limit)
    if fmt == ox.QueryResultsFormat.TSV:
        return tsv
    return _serialize_capped(ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV), fmt, max_bytes)


def _check_rows(tsv: bytes, limit: int) -> None:
    if tsv.count(b"\n") - 1 > limit:
        raise QueryError(f"the answer has more than {limit} rows; add a LIMIT or narrow the query")


def _capped(items, limit: int | None, what: str, max_bytes: int | None = None) -> list:
    """The items, refused past ``limit`` of them or (roughly, by their terms' text) past
    ``max_bytes``: collecting them must not hold more than the answer may be."""
    collected, size = [], 0
    for item in items:
        collected.append(item)
        if limit is not None and len(collected) > limit:
            raise QueryError(f"the answer has more than {limit} {what}; add a LIMIT or narrow the query")
        if max_bytes is not None:
            size += len(str(item)) if isinstance(item, ox.Triple) else sum(len(str(t)) for t in item if t is not None)
            check_answer_size(size, max_bytes)
    return collected


def _reserialize(variables: list[ox.Variable], rows: list[ox.QuerySolution], fmt) -> bytes:
    """Serialize collected solutions by replaying them as a VALUES block on an empty store.
    VALUES cannot hold blank nodes: they go in as IRIs under a prefix made for this answer
    alone and come back out of the serialized text as blank nodes."""
    if not variables:
        return ox.Store().query("SELECT * WHERE {}").serialize(format=fmt)
    marker = f"urn:x-govkg-blank:{uuid.uuid4().hex}:"
    head = " ".join(str(v) for v in variables)
    body = "\n".join("(" + " ".join(_value(t, marker) for t in row) + ")" for row in rows)
    replay = f"SELECT {head} WHERE {{ VALUES ({head}) {{ {body} }} }}"
    return _blank_nodes_back(ox.Store().query(replay).serialize(format=fmt), marker, fmt)


def _blank_nodes_back(data: bytes, marker: str, fmt) -> bytes:
    """Turn the marker IRIs of ``_reserialize`` back into blank nodes, as ``fmt`` writes them."""
    if marker.encode() not in data:
        return data
    label = rb"([0-9A-Za-z_\-.]+)"
    iri = re.escape(marker.encode()) + label
    forms = {ox.QueryResultsFormat.XML: (b"<uri>" + iri + b"</uri>", rb"<bnode>\1</bnode>"),
             ox.QueryResultsFormat.TSV: (b"<" + iri + b">", rb"_:\1"),
             ox.QueryResultsFormat.CSV: (iri, rb"_:\1"),
             ox.QueryResultsFormat.JSON: (rb'"type":\s*"uri",\s*"value":\s*"' + iri + b'"', rb'"type":"bnode","value":"\1"')}
    pattern, replacement = forms.get(fmt, (iri, rb"_:\1"))
    return re.sub(pattern, replacement, data)


@functools.lru_cache(maxsize=16)
def boolean_answer(value: bool, fmt: ox.QueryResultsFormat) -> bytes:
    """An ASK answer in ``fmt``: two texts a format, each written once by pyoxigraph itself."""
    return ox.Store().query("ASK {}" if value else "ASK { FILTER(false) }").serialize(format=fmt)


def _no_variables_json(count: int) -> bytes:
    """``count`` solutions that bind no variable, as SPARQL JSON results."""
    document = {"head": {"vars": []}, "results": {"bindings": [{} for _ in range(count)]}}
    return json.dumps(document, separators=(",", ":")).encode("utf-8")


def _value(term, marker: str) -> str:
    """A term as VALUES data; blank nodes (not allowed there) become IRIs under ``marker``."""
    if term is None:
        return "UNDEF"
    if isinstance(term, ox.BlankNode):
        return f"<{marker}{term.value}>"
    return str(term)


CHECK_STACK_BYTES = 2 * 1024 * 1024
"""The stack an update is checked with: a quarter of the 8 MiB a thread gets by default, so
that an update the check survives leaves the writer (which runs it on a full-size stack) a
wide margin."""


def check_update(sparql: str) -> bool:
    """Whether pyoxigraph's own parser accepts ``sparql`` as an update: it is applied to an
    empty store in memory, on a reduced stack (``CHECK_STACK_BYTES``). Run it in a query
    worker: an update that overflows the parser's stack ends that process, not the writer.
    Raises QueryError on a syntax error; any other failure (a LOAD that cannot fetch, in a
    worker with no network) means the parser accepted the text."""
    outcome: list[BaseException | None] = []

    def apply() -> None:
        try:
            ox.Store().update(sparql, prefixes=PREFIXES)
            outcome.append(None)
        except BaseException as exc:        # noqa: BLE001 - handed to the calling thread
            outcome.append(exc)

    previous = threading.stack_size(CHECK_STACK_BYTES)
    try:
        checker = threading.Thread(target=apply, name="govkg-update-check")
        checker.start()
    finally:
        threading.stack_size(previous)
    checker.join()
    if outcome and isinstance(outcome[0], SyntaxError):
        raise QueryError(f"SPARQL update syntax error: {_one_line(outcome[0])}") from outcome[0]
    return True


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())
