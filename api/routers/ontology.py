"""Routes: ontology — the reference page (HTML) and the ontology itself, content-negotiated.

``GET /ontology`` answers HTML by default, Turtle for ``Accept: text/turtle`` or
``?format=ttl``, JSON-LD for ``Accept: application/ld+json`` or ``?format=jsonld``, and
N-Triples / RDF/XML likewise. ``GET /ontology/shapes`` gives the SHACL shapes of the gap rules.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Annotated

from fastapi import APIRouter, Header, HTTPException, Query
from fastapi.responses import HTMLResponse, Response

from govkg.ontology.reference import reference_html
from govkg.ontology.source import ontology_graph, ontology_turtle, shapes_graph

router = APIRouter(tags=["ontology"])

FORMATS: dict[str, tuple[str, str]] = {        # name -> (media type, rdflib format)
    "html": ("text/html", ""),
    "ttl": ("text/turtle", "turtle"),
    "jsonld": ("application/ld+json", "json-ld"),
    "nt": ("application/n-triples", "nt"),
    "rdfxml": ("application/rdf+xml", "xml"),
}
ALIASES = {"turtle": "ttl", "json-ld": "jsonld", "json": "jsonld", "ntriples": "nt", "xml": "rdfxml",
           "rdf": "rdfxml", "owl": "rdfxml"}
MEDIA = {media: name for name, (media, _) in FORMATS.items()} | {
    "application/x-turtle": "ttl", "application/json": "jsonld", "application/xhtml+xml": "html",
    "text/plain": "nt", "application/xml": "rdfxml", "*/*": "html", "text/*": "html"}


@router.get("/ontology", response_class=Response,
            responses={200: {"content": {m: {} for m, _ in FORMATS.values()}}})
def get_ontology(format: Annotated[str | None, Query(description="html, ttl, jsonld, nt or rdfxml")] = None,
                 accept: Annotated[str | None, Header()] = None) -> Response:
    """The govkg OWL ontology: a reference page for people, RDF for tools."""
    name = _choose(format, accept)
    if name == "html":
        return HTMLResponse(reference_html())
    media, _ = FORMATS[name]
    return Response(_serialized(name), media_type=f"{media}; charset=utf-8",
                    headers={"Vary": "Accept"})


@router.get("/ontology/shapes", response_class=Response,
            responses={200: {"content": {"text/turtle": {}}}})
def get_shapes() -> Response:
    """The SHACL shapes of the gap rules (Turtle)."""
    return Response(shapes_graph().serialize(format="turtle"), media_type="text/turtle; charset=utf-8")


def _choose(format_: str | None, accept: str | None) -> str:
    if format_:
        name = ALIASES.get(format_.lower(), format_.lower())
        if name not in FORMATS:
            raise HTTPException(400, f"unknown format {format_!r}; use one of {', '.join(FORMATS)}")
        return name
    for media in _accepted(accept or "*/*"):
        if media in MEDIA:
            return MEDIA[media]
    raise HTTPException(406, "the ontology is available as " + ", ".join(m for m, _ in FORMATS.values()))


def _accepted(header: str) -> list[str]:
    """Media types of an Accept header, best first (q-values honoured, order kept on ties)."""
    ranked = []
    for index, item in enumerate(header.split(",")):
        media, *params = [part.strip() for part in item.split(";")]
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media and q > 0:
            ranked.append((-q, index, media.lower()))
    return [media for _, _, media in sorted(ranked)]


@lru_cache(maxsize=len(FORMATS))
def _serialized(name: str) -> str:
    if name == "ttl":
        return ontology_turtle()
    return ontology_graph().serialize(format=FORMATS[name][1])
