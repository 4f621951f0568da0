"""Routes: provisions that delegate rule-making, and the stored documents that implement them."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import StoreDep
from api.models import DelegationList
from kg.delegation import find_delegations

router = APIRouter(tags=["delegations"])


@router.get("/delegations", response_model=DelegationList,
            summary="Provisions that leave rules to another body, and who implements them")
def list_delegations(store: StoreDep,
                     doc: Annotated[str | None, Query(description="Only this document")] = None) -> DelegationList:
    return DelegationList(delegations=[d.to_json() for d in find_delegations(store, doc=doc)])
