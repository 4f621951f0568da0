"""Routes: reviews — confirm, correct or reject a norm, add one the extractor missed, confirm or
dismiss a gap finding; the reviews of a document or a norm, and their export as reference data."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import Response

from govkg.api.deps import StoreDep
from govkg.api.models import AddedNormIn, FindingReviewIn, NormReviewIn, ReviewList, ReviewOut
from govkg.api.reviewers import ReviewerDep
from govkg.kg import reviews as R
from govkg.kg.effective import review_norm_as_seen
from govkg.kg.review_export import reviews_jsonl
from govkg.kg.sparql_terms import norm_id_of

router = APIRouter(tags=["reviews"])


def _who(reviewer: str, asked: str) -> str:
    """A reviewer's token names them; the write token's holder says who they are."""
    if reviewer:
        return reviewer
    if not asked.strip():
        raise HTTPException(422, "with the write token, say who reviews: 'reviewer' in the request")
    return asked.strip()


def _out(review: R.Review) -> ReviewOut:
    return ReviewOut.model_validate(review.to_json())


@router.get("/reviews", response_model=ReviewList, responses={200: {"content": {"application/x-ndjson": {}}}},
            summary="Reviews, oldest first (of one document; stale or in force)")
def list_reviews(store: StoreDep, doc: Annotated[str | None, Query()] = None,
                 status: Annotated[str | None, Query(pattern="^(stale|in force)$")] = None,
                 format: Annotated[str, Query(pattern="^(json|jsonl)$")] = "json"):
    found = [r for r in R.reviews(store, doc) if status is None or r.status == status]
    if format == "jsonl":
        return Response(reviews_jsonl(store, found), media_type="application/x-ndjson; charset=utf-8")
    return ReviewList(reviews=[_out(r) for r in found], stale=sum(r.status == R.STALE for r in found))


@router.get("/reviews/norms/{norm_id:path}", response_model=ReviewList, summary="The review history of one norm")
def norm_history(norm_id: str, store: StoreDep) -> ReviewList:
    n = R.norm_iri(norm_id)
    found = [r for r in R.reviews(store) if r.norm == n or f"{r.doc}/review-{r.id}" == norm_id]
    return ReviewList(reviews=[_out(r) for r in found], stale=sum(r.status == R.STALE for r in found))


@router.post("/reviews/norms/{norm_id:path}", response_model=ReviewOut, status_code=201,
             summary="Confirm, correct or reject a norm")
def review_norm(norm_id: str, body: NormReviewIn, store: StoreDep, reviewer: ReviewerDep) -> ReviewOut:
    revision = R.Revision(**body.correction.model_dump()) if body.correction else None
    review = review_norm_as_seen(store, norm_id_of(R.norm_iri(norm_id)), body.verdict, _who(reviewer, body.reviewer),
                                 body.reason, revision)
    return _out(review)


@router.post("/reviews/findings", response_model=ReviewOut, status_code=201,
             summary="Confirm or dismiss a gap finding (with a reason)")
def review_finding(body: FindingReviewIn, store: StoreDep, reviewer: ReviewerDep) -> ReviewOut:
    review = R.review_finding(store, body.kind, R.norm_iri(body.norm), body.verdict, _who(reviewer, body.reviewer),
                              body.reason)
    return _out(review)


@router.post("/reviews/added", response_model=ReviewOut, status_code=201,
             summary="Add a norm the extractor missed, at a provision")
def add_norm(body: AddedNormIn, store: StoreDep, reviewer: ReviewerDep) -> ReviewOut:
    revision = R.Revision(modality=body.modality, action=body.action, bearers=body.bearers, role=body.role,
                          vague=body.vague)
    span = (body.start, body.end) if body.start is not None and body.end is not None else None
    review = R.add_norm(store, body.doc, body.provision, revision, _who(reviewer, body.reviewer), body.reason, span)
    return _out(review)
