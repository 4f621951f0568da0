"""Content negotiation: pick the answer's media type from the ``Accept`` header (with q-values)."""
from __future__ import annotations

import functools
from dataclasses import dataclass

RESULT_TYPES = (
    "application/sparql-results+json", "application/sparql-results+xml", "text/csv",
    "text/tab-separated-values", "application/json", "application/xml", "text/xml",
)
"""SELECT and ASK answers; the first is the default."""

BOOLEAN_TYPES = ("application/sparql-results+json", "application/sparql-results+xml",
                 "application/json", "application/xml", "text/xml")
"""ASK answers: CSV and TSV carry no boolean."""

GRAPH_TYPES = (
    "text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml",
    "application/x-turtle", "application/turtle", "text/plain", "application/n3", "text/n3",
    "application/xml", "text/xml", "application/json",
)
"""CONSTRUCT and DESCRIBE answers (and the service description); the first is the default."""

DATASET_TYPES = ("application/n-quads", "application/trig")

ALIASES = {
    "application/json": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
    "application/turtle": "text/turtle",
    "application/x-turtle": "text/turtle",
    "text/plain": "application/n-triples",
    "text/n3": "text/turtle",
    "application/n3": "text/turtle",
}
GRAPH_ALIASES = {**ALIASES, "application/xml": "application/rdf+xml", "text/xml": "application/rdf+xml",
                 "application/json": "application/ld+json"}


@dataclass(frozen=True)
class Preference:
    media_range: str
    q: float
    order: int


def parse_accept(header: str | None) -> list[Preference]:
    """The media ranges of an Accept header, best first (q, then specificity, then order)."""
    prefs = []
    for order, part in enumerate((header or "").split(",")):
        fields = [f.strip() for f in part.split(";")]
        media_range = fields[0].lower()
        if not media_range or "/" not in media_range:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        prefs.append(Preference(media_range, q, order))
    return sorted(prefs, key=lambda p: (-p.q, -_specificity(p.media_range), p.order))


def _specificity(media_range: str) -> int:
    if media_range == "*/*":
        return 0
    return 1 if media_range.endswith("/*") else 2


def _matches(media_range: str, offered: str) -> bool:
    if media_range == "*/*":
        return True
    if media_range.endswith("/*"):
        return offered.split("/", 1)[0] == media_range[:-2]
    return media_range == offered


def choose(header: str | None, offered: tuple[str, ...], *, aliases: dict[str, str] | None = None) -> str | None:
    """The offered media type the client prefers (canonical, after ``aliases``); the first
    offered when the header is absent; None when the client accepts none of them."""
    aliases = ALIASES if aliases is None else aliases
    prefs = parse_accept(header)
    if not prefs:
        return aliases.get(offered[0], offered[0])
    for pref in prefs:
        if pref.q <= 0:
            continue
        for media_type in offered:
            if _matches(pref.media_range, media_type) and not _refused(prefs, media_type):
                return aliases.get(media_type, media_type)
    return None


def _refused(prefs: list[Preference], media_type: str) -> bool:
    """Whether the client names ``media_type`` itself with q=0."""
    return any(p.q <= 0 and p.media_range == media_type for p in prefs)


@functools.lru_cache(maxsize=256)
def result_type(header: str | None, form: str) -> str | None:
    """The media type for a query of ``form`` (SELECT, ASK, CONSTRUCT, DESCRIBE); kept for the
    few Accept headers clients send, each again and again."""
    if form in ("CONSTRUCT", "DESCRIBE"):
        return choose(header, GRAPH_TYPES, aliases=GRAPH_ALIASES)
    return choose(header, BOOLEAN_TYPES if form == "ASK" else RESULT_TYPES)


def prefers_html(header: str | None) -> bool:
    """Whether a browser asks: text/html named outright and ranked above every RDF type
    named outright (``*/*`` alone, as curl sends, gets the service description)."""
    prefs = parse_accept(header)
    html = max((p.q for p in prefs if p.media_range == "text/html"), default=0.0)
    rdf = max((p.q for p in prefs if p.media_range in GRAPH_TYPES), default=0.0)
    return html > 0 and html > rdf
