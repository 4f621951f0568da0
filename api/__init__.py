"""The HTTP service (REST, SPARQL, pages) and the command line over the knowledge graph."""
from __future__ import annotations


def installed_version() -> str:
    """The version of the installed distribution ("unknown" when run from a bare checkout)."""
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version("govkg")
    except PackageNotFoundError:
        return "unknown"
