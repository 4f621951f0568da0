"""Routes: actors — list and search, one actor with its norms, powers and supervisors."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool

from govkg.api.deps import StoreDep
from govkg.api.light import light_answer
from govkg.api.models import ActorDetailOut, ActorList, NormList
from govkg.api.search_terms import check_search
from govkg.kg import queries

router = APIRouter(tags=["actors"])


@router.get("/actors", response_model=ActorList, summary="Actors, busiest first; search by label, filter by type")
async def list_actors(request: Request,
                      q: Annotated[str | None, Query(description="Words in a zh or en label")] = None,
                      type: Annotated[str | None, Query(description="Ontology class, e.g. VagueActor")] = None,
                      limit: Annotated[int, Query(ge=1, le=10_000)] = 500) -> ActorList:
    # no sync dependency here: it would wait for the thread pool that heavy requests may fill
    store = request.app.state.store
    check_search(request.app.state.settings, "q", q)

    def compute() -> ActorList:
        found = queries.actors(store, search=q, actor_type=type, limit=limit)
        return ActorList.model_validate({"actors": found}, from_attributes=True)
    if q:                           # a search is not light: it goes the way of other requests
        return await run_in_threadpool(compute)
    return await light_answer(request, store, compute)


# an actor's id may hold "/" (a label such as 省/市人民政府): both routes take the rest of the
# path, and the norms route, being the more specific, is matched first
@router.get("/actors/{actor_id:path}/norms", response_model=NormList, summary="The norms an actor bears")
def actor_norms(actor_id: str, store: StoreDep,
                modality: Annotated[str | None, Query(description="obligation, prohibition or permission")] = None,
                limit: Annotated[int, Query(ge=1, le=100_000)] = 1000) -> NormList:
    queries.require_actor(store, actor_id)  # NotFound for an unknown actor, not an empty list
    found = queries.norms(store, actor=actor_id, modality=modality, limit=limit)
    return NormList.model_validate({"norms": found}, from_attributes=True)


@router.get("/actors/{actor_id:path}", response_model=ActorDetailOut,
            summary="One actor: labels, types, norms, powers, supervisors, documents")
def get_actor(actor_id: str, store: StoreDep) -> ActorDetailOut:
    return ActorDetailOut.model_validate(queries.actor(store, actor_id))
