"""Routes: norms — filtered by actor, modality, document and words; who is responsible for a topic;
one norm, as JSON and as its page."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from govkg.api.deps import SettingsDep, StoreDep
from govkg.api.models import BearerOut, NormDetailOut, NormList, ResponsibleList
from govkg.api.routers.pages import not_found, render
from govkg.api.search_terms import check_search
from govkg.kg import queries
from govkg.kg.named_below import named_below_norms
from govkg.ontology.errors import NotFound

router = APIRouter(tags=["norms"])


@router.get("/norms", response_model=NormList, summary="Norms by actor, modality, document and words of the action")
def list_norms(store: StoreDep, settings: SettingsDep,
               actor: Annotated[str | None, Query(description="Actor id")] = None,
               modality: Annotated[str | None, Query(description="obligation, prohibition or permission")] = None,
               doc: Annotated[str | None, Query(description="Document name")] = None,
               q: Annotated[str | None, Query(description="Words (zh or en) that must all occur in the action")] = None,
               limit: Annotated[int, Query(ge=1, le=100_000)] = 500,
               reviewed: Annotated[bool | None, Query(description="Only norms a review in force judged (true) "
                                                      "or none did (false)")] = None) -> NormList:
    check_search(settings, "q", q)
    found = queries.norms(store, actor=actor, modality=modality, doc=doc, words=q, limit=limit, reviewed=reviewed)
    return NormList.model_validate({"norms": found}, from_attributes=True)


@router.get("/responsible", response_model=ResponsibleList, summary="Who is responsible for a topic (zh or en words)")
def responsible(store: StoreDep, settings: SettingsDep,
                topic: Annotated[str, Query(min_length=1)]) -> ResponsibleList:
    check_search(settings, "topic", topic)
    found = queries.responsible_for(store, topic)
    return ResponsibleList.model_validate({"topic": topic, "responsible": found}, from_attributes=True)


@router.get("/norms/{norm_id:path}/bearers", response_model=list[BearerOut], summary="The actors sharing one duty")
def norm_bearers(norm_id: str, store: StoreDep) -> list[BearerOut]:
    return [BearerOut.model_validate(b) for b in queries.sharing(store, norm_id)]


@router.get("/norms/{norm_id:path}", response_model=NormDetailOut,
            summary="One norm by id ({doc}/{hash}), with the bearers the laws below name where it names none clearly")
def get_norm(norm_id: str, store: StoreDep) -> NormDetailOut:
    view = queries.norm(store, norm_id)
    out = NormDetailOut.model_validate(view, from_attributes=True)
    out.named_below = named_below_norms(store, [view]).get(view.id, [])
    return out


@router.get("/view/norms/{norm_id:path}", response_class=HTMLResponse, include_in_schema=False)
def norm_page(norm_id: str, request: Request, store: StoreDep) -> HTMLResponse:
    try:
        view = queries.norm(store, norm_id)
    except NotFound as exc:
        return not_found(request, str(exc))
    return render(request, "norm.html", norm=view, named=named_below_norms(store, [view]).get(view.id, []))
