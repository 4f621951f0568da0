"""Routes: what changed between two stored versions of a law — ``/diff`` (JSON) and its page."""
from __future__ import annotations

from difflib import SequenceMatcher
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from govkg.api.deps import StoreDep
from govkg.api.models import DiffOut
from govkg.api.routers.pages import not_found, render
from govkg.kg.diff import compare
from govkg.kg.gap_diff import gap_changes
from govkg.kg.gaps import document_findings
from govkg.kg.versions import Version, version_from_store
from govkg.ontology.errors import NotFound

router = APIRouter(tags=["diff"])
OldDoc = Annotated[str, Query(min_length=1, description="The older version: a stored document's name")]
NewDoc = Annotated[str, Query(min_length=1, description="The newer version: a stored document's name")]


WithGaps = Annotated[bool, Query(description="Also the gap findings the revision closed and opened, per kind")]


@router.get("/diff", response_model=DiffOut, response_model_exclude_unset=True,
            summary="Two versions compared: articles aligned by content, norms, actors' gains and losses, clarity")
def get_diff(store: StoreDep, old: OldDoc, new: NewDoc, gaps: WithGaps = False) -> DiffOut:
    _, result = compare(version_from_store(store, old), version_from_store(store, new))
    if gaps:
        result["gaps"] = _gap_changes(store, old, new, result)
    return DiffOut.model_validate(result)


def _gap_changes(store, old: str, new: str, result: dict) -> list[dict]:
    return gap_changes(document_findings(store, old), document_findings(store, new), result["provisions"])


@router.get("/view/diff", response_class=HTMLResponse, include_in_schema=False)
def diff_page(request: Request, store: StoreDep, old: OldDoc, new: NewDoc) -> HTMLResponse:
    try:
        before, after = version_from_store(store, old), version_from_store(store, new)
    except NotFound as exc:
        return not_found(request, str(exc))
    pairs, result = compare(before, after)
    rows = [_row(p, before, after) for p in pairs]
    counts = {s: sum(p.status == s for p in pairs) for s in ("unchanged", "changed", "moved", "added", "removed")}
    return render(request, "diff.html", old=old, new=new, rows=rows, counts=counts,
                  actors=result["actors"], clarity=result["clarity"], gaps=_gap_changes(store, old, new, result))


def _row(pair, before: Version, after: Version) -> dict:
    old = before.articles[pair.old] if pair.old is not None else None
    new = after.articles[pair.new] if pair.new is not None else None
    left, right = marked(old.text if old else "", new.text if new else "")
    return {"status": pair.status, "similarity": pair.similarity, "old_label": old.label if old else "",
            "new_label": new.label if new else "", "old": left, "new": right}


def marked(old: str, new: str) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
    """Both texts cut into (text, changed) pieces: what the other text does not have is changed."""
    left: list[tuple[str, bool]] = []
    right: list[tuple[str, bool]] = []
    for op, a0, a1, b0, b1 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if a1 > a0:
            left.append((old[a0:a1], op != "equal"))
        if b1 > b0:
            right.append((new[b0:b1], op != "equal"))
    return left, right
