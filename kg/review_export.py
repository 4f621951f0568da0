"""Reviews as reference data: reviewed norms in the record format of the evaluation guidelines, and
how an extraction scores against them.

One record per bearer of each reviewed norm (a norm with no bearer: one record with actor ""):
``doc``, ``article``, ``actor``, ``modality``, ``action``, ``vague_actor``, ``role`` (lead / support),
plus ``review`` (confirmed / corrected / rejected / added), ``reviewer``, ``at`` and ``status``. A
rejected norm's record says what extraction wrongly found: scoring counts a prediction that matches
it as wrong, and never asks for it.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable

from govkg.kg.effective import latest_norm_reviews
from govkg.kg.reviews import Review
from govkg.kg.store import Store

_EN_LEAD = re.compile(r"^(the|a|an|each|any|every)\s+")


def review_records(store: Store, found: Iterable[Review]) -> list[dict]:
    """The records of the latest review of each norm, and of every added norm."""
    from govkg.kg.queries import provision_facts
    found = list(found)
    chosen = [*latest_norm_reviews(found).values(), *(r for r in found if r.verdict == "added")]
    articles: dict[tuple[str, str], int | None] = {}
    records = []
    for review in sorted(chosen, key=lambda r: (r.doc, r.provision_key, r.at)):
        place = (review.doc, review.provision_key)
        if place not in articles:
            articles[place] = provision_facts(store, *place)["article"]
        records += _records(review, articles[place] or 0)
    return records


def _records(review: Review, article: int) -> list[dict]:
    if review.revision:
        r = review.revision
        names, modality, action, role, vague = r.bearers, r.modality, r.action, r.role, r.vague
    else:
        b = review.before
        names, modality, action = b.get("bearer_labels", []), b.get("modality", ""), b.get("action", "")
        role, vague = b.get("role", "sole"), bool(b.get("vague"))
    base = {"doc": review.doc, "article": article, "modality": modality, "action": action, "vague_actor": vague}
    extra = {"review": review.verdict, "reviewer": review.reviewer, "at": review.at, "status": review.status}
    roles = {"role": role} if role in ("lead", "support") else {}
    return [{**base, "actor": name, **roles, **extra} for name in (names or [""])]


def reviews_jsonl(store: Store, found: Iterable[Review]) -> str:
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in review_records(store, found))


# ---- scoring an extraction against reviewed records ---------------------------------------------
def _actor(name: str) -> str:
    text = _EN_LEAD.sub("", " ".join((name or "").lower().split()))
    return text.replace(" ", "") if re.search(r"[\u4e00-\u9fff]", text) else text


def _same(record: dict, predicted: dict) -> bool:
    a, b = _actor(record.get("actor", "")), _actor(predicted.get("actor", ""))
    return (record["doc"] == predicted.get("doc") and int(record.get("article") or 0) == int(predicted.get("article") or 0)
            and record["modality"] == predicted.get("modality") and (a == b or (a and b and (a in b or b in a))))


def score(records: list[dict], predictions: list[dict]) -> dict:
    """Precision and recall of ``predictions`` on the articles the reviews cover: a reviewed norm
    (confirmed, corrected, added) is to be found; a prediction matching a rejected one is wrong; a
    prediction in a reviewed article that matches no record is counted as unjudged, not wrong."""
    wanted = [r for r in records if r["review"] != "rejected" and r.get("status", "in force") == "in force"]
    rejected = [r for r in records if r["review"] == "rejected"]
    places = {(r["doc"], int(r.get("article") or 0)) for r in records}
    scored = [p for p in predictions if (p.get("doc"), int(p.get("article") or 0)) in places]
    found = sum(any(_same(r, p) for p in scored) for r in wanted)
    right = sum(any(_same(r, p) for r in wanted) for p in scored)
    wrong = sum(any(_same(r, p) for r in rejected) and not any(_same(r, p) for r in wanted) for p in scored)
    judged = right + wrong
    return {"reference": len(wanted), "rejected": len(rejected), "predictions": len(scored),
            "found": found, "recall": round(found / len(wanted), 3) if wanted else None,
            "precision": round(right / judged, 3) if judged else None, "wrong": wrong,
            "unjudged": len(scored) - judged}
