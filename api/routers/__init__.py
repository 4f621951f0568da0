"""One router per resource; ``ROUTERS`` is the order the app mounts them in."""
from govkg.api.routers import (
    actors,
    delegations,
    diff,
    docs,
    documents,
    gaps,
    graph_store,
    matrix,
    network,
    norms,
    ontology,
    pages,
    provisions,
    reviews,
    sparql,
)

ROUTERS = [sparql.router, graph_store.router, actors.router, norms.router, documents.router,
           provisions.router, diff.router, delegations.router, gaps.router, reviews.router, matrix.router,
           network.router, ontology.router, pages.router, docs.router]
