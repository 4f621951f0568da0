"""Settings of the service and the command line, read once at the edge (env: GOVKG_*)."""
from __future__ import annotations

from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GOVKG_", extra="ignore")

    store: str = "./govkg-data"
    """A folder (embedded Oxigraph) or the URL of a SPARQL 1.1 query endpoint."""
    update_endpoint: str | None = None
    """The SPARQL update endpoint of a server store, when it differs from the query endpoint."""
    write_token: str | None = None
    """Writes (upload, delete, SPARQL update, Graph Store writes) need this bearer token; unset = read-only."""
    reviewers: str | None = None
    """A file naming the reviewers: one ``name sha256-of-token`` per line (or a JSON object name -> hash).
    A review is recorded under the name its token maps to."""
    query_timeout: float = 5.0
    """Seconds after which a SPARQL query is stopped, the wait for a query worker included."""
    query_workers: int = 3
    """Query worker processes for the SPARQL endpoint: one more than two heavy queries need,
    so that a light query finds a worker while two heavy ones run to their limit."""
    service_workers: int = 3
    """Query worker processes for the service's own queries (REST resources, pages)."""
    service_query_timeout: float = 30.0
    """The same for the service's own queries (REST resources, pages, the gap report), which
    have query workers of their own: bounded shapes, but many at once under a burst of clients."""
    max_results: int = 100_000
    """Most rows (or triples) one SPARQL answer may carry."""
    max_answer_bytes: int = 64 * 1024 * 1024
    """Largest serialized answer of one query (SPARQL or REST), refused while it is written."""
    max_body_bytes: int = 16 * 1024 * 1024
    """Largest request body accepted (queries, updates, graph uploads)."""
    max_upload_bytes: int = 64 * 1024 * 1024
    """Largest document upload accepted."""
    max_document_bytes: int = 50 * 1024 * 1024
    """Largest source file that ingest reads (CLI and upload)."""
    max_html_depth: int = 256
    """Deepest nesting of HTML elements in a source file."""
    max_extract_seconds: float = 300.0
    """Longest extraction of one document before it is stopped."""
    max_provisions: int = 20_000
    """Most non-blank lines (each may start an article, paragraph or item) one document may
    hold; a larger one is refused before it is split or extracted."""
    max_provision_chars: int = 200_000
    """Longest line of one document, in characters (checked with ``max_provisions``)."""
    ingest_workers: int = 0
    """Processes that extract files side by side when many are ingested; 0 = one per core."""
    ingest_batch_bytes: int = 32 * 1024 * 1024
    """Documents new to the store are written together in batches of about this many bytes of
    N-Triples, each batch all at once or not at all."""
    max_search_words: int = 32
    """Most words one search text (``q``, ``topic``, all of ``topics``) may hold."""
    max_search_chars: int = 1000
    """Longest search text, in characters."""
    header_timeout: float = 10.0
    """Seconds a connection has to send a whole request head before it is closed."""
    cors_origins: list[str] = []
    """Origins allowed by CORS; empty = CORS off."""
    allow_service: bool = False
    """Allow federated SERVICE calls and LOAD from other hosts (off: no request leaves the machine)."""


    def read_limits(self):
        """The ingest limits these settings ask for."""
        from govkg.ingest.readers import Limits
        return Limits(max_bytes=self.max_document_bytes, max_html_depth=self.max_html_depth,
                      max_seconds=self.max_extract_seconds, max_provisions=self.max_provisions,
                      max_provision_chars=self.max_provision_chars)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
