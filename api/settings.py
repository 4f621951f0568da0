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
    query_timeout: float = 5.0
    """Seconds after which a SPARQL query is stopped."""
    max_results: int = 100_000
    """Most rows (or triples) one SPARQL answer may carry."""
    max_body_bytes: int = 16 * 1024 * 1024
    """Largest request body accepted (queries, updates, graph uploads)."""
    max_upload_bytes: int = 64 * 1024 * 1024
    """Largest document upload accepted."""
    cors_origins: list[str] = []
    """Origins allowed by CORS; empty = CORS off."""
    allow_service: bool = False
    """Allow federated SERVICE calls and LOAD from other hosts (off: no request leaves the machine)."""


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
