"""The knowledge graph: norms as RDF, the stores that hold them, the questions asked of them."""
from govkg.kg.store import DocumentInfo, QueryAnswer, Store

__all__ = ["DocumentInfo", "QueryAnswer", "Store", "open_store"]


def open_store(location: str, *, update_endpoint: str | None = None, read_only: bool = False,
               query_timeout: float | None = None, max_answer_bytes: int | None = None,
               query_workers: int = 2, service_workers: int = 3) -> Store:
    """Open the embedded store in a folder, or a SPARQL 1.1 server when ``location`` is a URL.
    ``query_timeout``: the time limit of every query that gives none (embedded store: every
    query then runs in a query worker); ``max_answer_bytes``: the largest serialized answer;
    ``query_workers`` and ``service_workers``: the sizes of the two worker pools."""
    if location.startswith(("http://", "https://")):
        from govkg.kg.server_store import ServerStore
        return ServerStore(location, update_endpoint=update_endpoint, max_answer_bytes=max_answer_bytes)
    from govkg.kg.oxigraph_store import OxigraphStore
    return OxigraphStore(location, read_only=read_only, query_timeout=query_timeout,
                         max_answer_bytes=max_answer_bytes, query_workers=query_workers,
                         service_workers=service_workers)
