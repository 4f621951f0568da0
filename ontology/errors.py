"""The one exception tree of govkg.

It lives in the lowest layer so that every package can raise and catch the same
errors; third-party errors are converted once, at the boundary, with ``raise ... from exc``.
"""
from __future__ import annotations


class GovKGError(Exception):
    """Base of every error govkg raises on purpose; its message is meant for a user."""


class OntologyError(GovKGError):
    """The ontology or the thesaurus derived from it is missing or inconsistent."""


class ReadError(GovKGError):
    """A source file cannot be read as text (empty, binary, corrupt, too large...)."""


class ExtractionError(GovKGError):
    """Norm extraction failed on a text that could be read."""


class StoreError(GovKGError):
    """The store cannot be opened, read or written, or a SPARQL server does not answer."""


class QueryError(GovKGError, ValueError):
    """A SPARQL query or update is malformed, refused or too expensive."""


class NotFound(GovKGError, LookupError):
    """A named document, actor, graph or norm does not exist."""


class QueryTimeout(QueryError):
    """A query was stopped at its time limit (the wait for a query worker included)."""


class QueryCancelled(QueryError):
    """A query was stopped because nobody waits for its answer any more (the client left)."""
