"""/ontology through the real app: the reference page by default, RDF by content negotiation."""
from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
import rdflib
from fastapi.testclient import TestClient
from rdflib import OWL, RDF, URIRef

from govkg.ontology.namespaces import GOV, ONTOLOGY_IRI
from govkg.ontology.source import ontology_graph


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from govkg.api.app import create_app
    from govkg.api.settings import Settings
    from govkg.kg import open_store
    store = open_store(str(tmp_path_factory.mktemp("store")))
    with TestClient(create_app(Settings(store=store.location or "unused"), store)) as test_client:
        yield test_client


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.tags: list[str] = []
        self.external: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        values = dict(attrs)
        if "id" in values:
            self.ids.add(values["id"])
        if tag in ("script", "link", "img", "iframe") and any(k in values for k in ("src", "href")):
            self.external.append(f"{tag} {values}")


def test_html_by_default_lists_every_class_with_diagrams_and_no_external_resources(client):
    response = client.get("/ontology")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = _Anchors()
    page.feed(response.text)
    classes = {str(c)[len(GOV):] for c in ontology_graph().subjects(RDF.type, OWL.Class) if str(c).startswith(GOV)}
    assert classes <= page.ids
    assert page.tags.count("svg") >= 3
    assert "script" not in page.tags and page.external == []
    assert "居民委员会" in response.text and "residents&#x27; committee" in response.text


@pytest.mark.parametrize("request_kwargs", [
    {"headers": {"Accept": "text/turtle"}},
    {"params": {"format": "ttl"}},
    {"headers": {"Accept": "text/html;q=0.5, text/turtle"}},
])
def test_turtle_by_accept_or_format_parses_back(client, request_kwargs):
    response = client.get("/ontology", **request_kwargs)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    assert (URIRef(ONTOLOGY_IRI), RDF.type, OWL.Ontology) in graph
    assert len(graph) == len(ontology_graph())


def test_jsonld_and_ntriples(client):
    jsonld = client.get("/ontology", headers={"Accept": "application/ld+json"})
    assert jsonld.headers["content-type"].startswith("application/ld+json")
    assert isinstance(json.loads(jsonld.text), (list, dict))
    assert len(rdflib.Graph().parse(data=jsonld.text, format="json-ld")) == len(ontology_graph())
    nt = client.get("/ontology", params={"format": "nt"})
    assert len(rdflib.Graph().parse(data=nt.text, format="nt")) == len(ontology_graph())


def test_unknown_format_and_unacceptable_media_are_refused(client):
    assert client.get("/ontology", params={"format": "pdf"}).status_code == 400
    assert client.get("/ontology", headers={"Accept": "image/png"}).status_code == 406


def test_shapes_are_served_as_turtle(client):
    response = client.get("/ontology/shapes")
    assert response.status_code == 200
    shapes = rdflib.Graph().parse(data=response.text, format="turtle")
    assert len(set(shapes.subjects(RDF.type, URIRef("http://www.w3.org/ns/shacl#NodeShape")))) >= 6
