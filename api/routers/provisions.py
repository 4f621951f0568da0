"""Routes: one provision's text with the norms stated in it, as spans to highlight."""
from __future__ import annotations

from fastapi import APIRouter

from govkg.api.deps import StoreDep
from govkg.api.models import NormOut, ProvisionOut, Span
from govkg.kg import provisions as kg_provisions
from govkg.kg.queries import NormView

router = APIRouter(tags=["provisions"])


def spans_in(start: int, end: int, norms: list[NormView]) -> list[Span]:
    """The norms' clauses that fall in ``[start, end)`` of the document, relative to ``start``."""
    spans = []
    for norm in norms:
        lo, hi = max(norm.start, start), min(norm.end, end)
        if hi > lo:
            spans.append(Span(start=lo - start, end=hi - start, modality=norm.modality or "obligation", norm=norm.id))
    return sorted(spans, key=lambda s: (s.start, -s.end))


@router.get("/provisions/{doc}/{key:path}", response_model=ProvisionOut,
            summary="A provision's text, its norms, and the spans of their clauses")
def get_provision(doc: str, key: str, store: StoreDep) -> ProvisionOut:
    view = kg_provisions.provision(store, doc, key)
    return ProvisionOut(doc=view.doc, key=view.key, label=view.label, text=view.text, start=view.start,
                        end=view.end, article=view.article, norms=[NormOut.model_validate(n) for n in view.norms],
                        spans=spans_in(view.start, view.end, view.norms))
