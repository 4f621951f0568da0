"""Run the W3C SPARQL 1.1 Protocol test manifest against a live endpoint.

Reads ``manifest.ttl`` with rdflib, loads each test's ``ut:graphData`` through the Graph Store
Protocol (PUT the first file, POST the others, into the graph named by ``rdfs:label``), replays
the test's HTTP requests with ``/sparql/`` replaced by the endpoint, and checks the expected
status class, boolean and result format.

    python -m tests.api_sparql.w3c_runner http://127.0.0.1:8000/sparql --store http://127.0.0.1:8000/store --token T
"""
from __future__ import annotations

import argparse
import json
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from rdflib import RDF, RDFS, Graph, Namespace, URIRef
from rdflib.collection import Collection

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HTS = "http://www.w3.org/2011/http-statusCodes#StatusCode"
MANIFEST_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "w3c-sparql-protocol"

BOOLEAN_TYPES = {"application/sparql-results+json", "application/sparql-results+xml"}
TABULAR_TYPES = BOOLEAN_TYPES | {"text/csv", "text/tab-separated-values"}
RDF_TYPES = {"application/rdf+xml": "xml", "text/turtle": "turtle", "application/n-triples": "nt",
             "application/ld+json": "json-ld", "text/plain": "nt", "application/n-quads": "nquads"}


@dataclass
class Expected:
    statuses: list[int]            # the allowed status classes: 2, 3, 4, 5
    boolean: bool | None = None
    form: str | None = None        # "boolean", "tabular" or "RDF"


@dataclass
class ProtocolRequest:
    method: str
    path: str
    body: bytes | None
    headers: dict[str, str]
    expected: Expected


@dataclass
class ProtocolTest:
    name: str
    title: str
    graph_data: list[tuple[Path, str]] = field(default_factory=list)
    requests: list[ProtocolRequest] = field(default_factory=list)


@dataclass
class Outcome:
    name: str
    passed: bool
    reason: str = ""


def manifest_path() -> Path:
    return MANIFEST_DIR / "manifest.ttl"


def read_manifest(path: Path | None = None) -> list[ProtocolTest]:
    """The tests of the manifest, in the order of its ``mf:entries``."""
    path = path or manifest_path()
    graph = Graph().parse(path, format="turtle", publicID=path.resolve().as_uri())
    manifest = next(graph.subjects(RDF.type, MF.Manifest))
    entries = Collection(graph, graph.value(manifest, MF.entries))
    return [_read_test(graph, entry, path.parent) for entry in entries]


def _read_test(graph: Graph, entry: URIRef, folder: Path) -> ProtocolTest:
    test = ProtocolTest(name=str(entry).rsplit("#", 1)[-1], title=str(graph.value(entry, MF.name)))
    for data in graph.objects(entry, UT.graphData):
        file_iri = str(graph.value(data, UT.graph))
        test.graph_data.append((folder / file_iri.rsplit("/", 1)[-1], str(graph.value(data, RDFS.label))))
    test.graph_data.sort(key=lambda item: item[1])
    action = graph.value(entry, MF.action)
    for node in Collection(graph, graph.value(action, HT.requests)):
        test.requests.append(_read_request(graph, node))
    return test


def _read_request(graph: Graph, node: URIRef) -> ProtocolRequest:
    body_node = graph.value(node, HT.body)
    body = None
    if body_node is not None:
        encoding = str(graph.value(body_node, CNT.characterEncoding) or "UTF-8")
        body = str(graph.value(body_node, CNT.chars)).encode(encoding)
    headers = {}
    header_list = graph.value(node, HT.headers)
    if header_list is not None:
        for header in Collection(graph, header_list):
            headers[str(graph.value(header, HT.fieldName))] = str(graph.value(header, HT.fieldValue))
    resp = graph.value(node, HT.resp)
    statuses = sorted(int(str(s)[len(HTS):-2]) for s in graph.objects(resp, MF.expectedStatus))
    boolean = graph.value(resp, MF.expectedBoolean)
    form = graph.value(resp, MF.expectedFormat)
    expected = Expected(statuses, None if boolean is None else bool(boolean.toPython()),
                        None if form is None else str(form))
    return ProtocolRequest(str(graph.value(node, HT.methodName)), str(graph.value(node, HT.absolutePath)),
                           body, headers, expected)


class Runner:
    """Replays manifest tests against ``endpoint`` (queries), ``update_endpoint`` and ``store``."""

    def __init__(self, endpoint: str, store: str, *, token: str | None = None,
                 update_endpoint: str | None = None, timeout: float = 30.0) -> None:
        self.endpoint, self.store = endpoint.rstrip("/"), store
        self.update_endpoint = (update_endpoint or endpoint).rstrip("/")
        self.auth = {"Authorization": f"Bearer {token}"} if token else {}
        self.client = httpx.Client(timeout=timeout)

    def close(self) -> None:
        self.client.close()

    def run(self, test: ProtocolTest) -> Outcome:
        try:
            self.load(test.graph_data)
            for index, request in enumerate(test.requests):
                problem = self.check(request)
                if problem:
                    return Outcome(test.name, False, f"request {index + 1}: {problem}")
        except (httpx.HTTPError, OSError) as exc:
            return Outcome(test.name, False, f"{type(exc).__name__}: {exc}")
        return Outcome(test.name, True)

    def load(self, graph_data: list[tuple[Path, str]]) -> None:
        for index, (file, graph) in enumerate(graph_data):
            method = "PUT" if index == 0 else "POST"
            answer = self.client.request(method, self.store, params={"graph": graph}, content=file.read_bytes(),
                                         headers={**self.auth, "Content-Type": "application/n-triples"})
            if answer.status_code >= 300:
                raise OSError(f"loading {file.name} into {graph}: {answer.status_code} {answer.text[:200]}")

    def url(self, request: ProtocolRequest) -> str:
        is_update = "sparql-update" in request.headers.get("content-type", "") or \
            (request.body or b"").startswith(b"update=") or "?update=" in request.path
        base = self.update_endpoint if is_update else self.endpoint
        rest = request.path[len("/sparql/"):] if request.path.startswith("/sparql/") else request.path
        return base + rest

    def check(self, request: ProtocolRequest) -> str:
        """Send one request; an empty string when the answer is as expected, else why not."""
        headers = {**request.headers, **self.auth}
        answer = self.client.request(request.method, self.url(request), content=request.body, headers=headers)
        status_class = answer.status_code // 100
        if status_class not in request.expected.statuses:
            return f"status {answer.status_code}, expected {request.expected.statuses}xx: {answer.text[:300]}"
        return check_body(answer, request.expected)


def check_body(answer: httpx.Response, expected: Expected) -> str:
    media_type = answer.headers.get("content-type", "").split(";")[0].strip().lower()
    if expected.form == "boolean" or expected.boolean is not None:
        if media_type not in BOOLEAN_TYPES:
            return f"a boolean answer came as {media_type!r}"
        value = read_boolean(answer.content, media_type)
        if value is None:
            return "no boolean in the answer"
        if expected.boolean is not None and value != expected.boolean:
            return f"boolean {value}, expected {expected.boolean}"
    elif expected.form == "tabular":
        if media_type not in TABULAR_TYPES:
            return f"a tabular answer came as {media_type!r}"
        if media_type == "application/sparql-results+json" and "results" not in json.loads(answer.content):
            return "JSON results without 'results'"
    elif expected.form == "RDF":
        if media_type not in RDF_TYPES:
            return f"an RDF answer came as {media_type!r}"
        Graph().parse(data=answer.content, format=RDF_TYPES[media_type])
    return ""


def read_boolean(body: bytes, media_type: str) -> bool | None:
    if media_type.endswith("json"):
        value = json.loads(body).get("boolean")
        return value if isinstance(value, bool) else None
    root = ET.fromstring(body)
    node = root.find("{http://www.w3.org/2005/sparql-results#}boolean")
    return None if node is None else node.text.strip() == "true"


def run_all(runner: Runner, tests: list[ProtocolTest]) -> list[Outcome]:
    return [runner.run(test) for test in tests]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("endpoint", help="query endpoint URL, e.g. http://127.0.0.1:8000/sparql")
    parser.add_argument("--update-endpoint", help="update endpoint URL (default: the query endpoint)")
    parser.add_argument("--store", required=True, help="Graph Store Protocol URL, e.g. http://127.0.0.1:8000/store")
    parser.add_argument("--token", help="bearer token sent with every request")
    args = parser.parse_args(argv)
    runner = Runner(args.endpoint, args.store, token=args.token, update_endpoint=args.update_endpoint)
    try:
        outcomes = run_all(runner, read_manifest())
    finally:
        runner.close()
    for outcome in outcomes:
        print(f"{'PASS' if outcome.passed else 'FAIL'} {outcome.name} {outcome.reason}")
    passed = sum(o.passed for o in outcomes)
    print(f"{passed} passed, {len(outcomes) - passed} failed")
    return 0 if passed == len(outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
