"""Values in SPARQL text, and the ids the API uses for actor, norm and document IRIs.

Values from users enter a query only through ``literal`` and ``iri``, which escape them."""
from __future__ import annotations

import math
import re
from functools import lru_cache
from urllib.parse import unquote

from govkg.kg.actors import iri_segment
from govkg.ontology.errors import QueryError
from govkg.ontology.namespaces import ID

ACTOR_NS, NORM_NS, DOC_NS = ID + "actor/", ID + "norm/", ID + "doc/"
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def literal(value: str) -> str:
    """A SPARQL string literal holding ``value`` exactly."""
    text = "".join(_ESCAPES.get(ch, ch) for ch in value)
    return '"' + re.sub(r"[\x00-\x1f]", "", text) + '"'


def iri(value: str) -> str:
    """``<value>``, refusing what an IRI reference may not contain."""
    if re.search(r"[\x00-\x20<>\"{}|^`\\]", value):
        raise QueryError(f"not a valid IRI: {value!r}")
    return f"<{value}>"


def as_int(value: str | None, default: int | None = 0) -> int | None:
    """A number read from the store, or ``default`` when it is missing or not an integer: any
    SPARQL Update may write ``gov:triples "lots"``, and a read must skip it, not fail."""
    try:
        return int(value) if value not in (None, "") else default
    except (TypeError, ValueError):
        return default


def as_float(value: str | None, default: float) -> float:
    """As ``as_int``, for a finite decimal number."""
    try:
        number = float(value) if value not in (None, "") else default
    except (TypeError, ValueError):
        return default
    return number if math.isfinite(number) else default


def actor_iri_of(actor_id: str) -> str:
    return ACTOR_NS + iri_segment(actor_id)


def actor_id_of(actor: str) -> str:
    return unquote(actor.removeprefix(ACTOR_NS))


def doc_id_of(doc: str) -> str:
    return unquote(doc.removeprefix(DOC_NS))


def norm_id_of(norm: str) -> str:
    """The norm's id (document/digest). The document part is unquoted once per document: a report
    over a legal system names a few hundred thousand norms of a thousand documents."""
    doc, slash, digest = norm.removeprefix(NORM_NS).rpartition("/")
    return _unquoted(doc) + slash + (unquote(digest) if "%" in digest else digest)


@lru_cache(maxsize=4096)
def _unquoted(segment: str) -> str:
    return unquote(segment)


def norm_iri_of(norm_id: str) -> str:
    doc, _, digest = norm_id.rpartition("/")
    return f"{NORM_NS}{iri_segment(doc)}/{iri_segment(digest)}"
