"""Routes: the laws below a law — provisions that delegate rule-making and the documents that
implement them; the bearers those documents name where the law names none clearly."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from govkg.api.deps import StoreDep
from govkg.api.models import DelegationList, NamedBelowList
from govkg.kg.delegation import find_delegations
from govkg.kg.named_below import named_below

router = APIRouter(tags=["delegations"])


@router.get("/delegations", response_model=DelegationList,
            summary="Provisions that leave rules to another body, and who implements them")
def list_delegations(store: StoreDep,
                     doc: Annotated[str | None, Query(description="Only this document")] = None) -> DelegationList:
    return DelegationList(delegations=[d.to_json() for d in find_delegations(store, doc=doc)])


@router.get("/named-below", response_model=NamedBelowList,
            summary="For a law's vague or bearerless norms, the bearers the documents implementing it name")
def list_named_below(store: StoreDep,
                     doc: Annotated[str, Query(min_length=1, description="A stored law's name")]) -> NamedBelowList:
    return NamedBelowList(doc=doc, norms=named_below(store, doc))
