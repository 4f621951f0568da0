"""The effective view: what extraction found, as the reviews in force have judged it.

A rejected norm is gone (and its findings with it); a corrected norm shows its corrected values
and the findings of its own (unassigned, vague bearer) follow them; an added norm appears with the
findings it has; a dismissed finding is hidden and counted. Stale reviews change nothing: they are
listed for re-checking. Everything that shows norms or findings — ``/norms``, ``/actors``, the gap
report, the matrix, the network, the pages, the command line — reads this view by default.
"""
from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple
from urllib.parse import unquote

from govkg.kg.actors import actor_slug
from govkg.kg.gap_findings import Details, Finding, build_finding
from govkg.kg.gaps import find_gaps
from govkg.kg.mapping import graph_iri, provision_iri
from govkg.kg.review_cache import derived, per_document
from govkg.kg.reviews import IN_FORCE, REVIEWS_GRAPH, Review, in_force, provision_facts_of, reviews
from govkg.kg.store import Store

# the kinds a finding review of a corrected or added norm is derived again for; the others (no
# sanction, oversight, overlap, …) compare norms with each other and stay with the extracted norm
OWN_KINDS = ("unassigned", "vague-actor")


def bearer_id(name: str, lang: str) -> str:
    """The actor id a bearer's name has (the id ingest gives the same name)."""
    return unquote(actor_slug(name, lang))


class Report(NamedTuple):
    findings: list[Finding]
    dismissed: int          # findings hidden by a dismissal in force
    dismissed_kinds: dict[str, int] | None = None      # the same by gap kind


# ---- norms ------------------------------------------------------------------------------------
def latest_norm_reviews(found: Iterable[Review]) -> dict[str, Review]:
    """The last norm review in force of each norm (a later one overrides an earlier one)."""
    latest: dict[str, Review] = {}
    for review in found:
        if review.norm and not review.kind:
            latest[review.norm] = review
    return latest


def effective_norms(store: Store, views: list, *, actor: str | None = None, modality: str | None = None,
                    doc: str | None = None, words: list[str] | None = None, wide: bool = False,
                    reviewed: bool | None = None, elsewhere: bool = True, added: bool = True) -> list:
    """``views`` (extracted NormViews matching the filters) with the reviews in force applied, plus
    (``elsewhere``) the corrected norms that match the filters only as reviewed and (``added``) the
    norms reviewers added; a look-up of one norm needs neither, each costs a query per review."""
    found = in_force(reviews(store, doc))
    if not found:
        return views if reviewed is not True else []
    latest = latest_norm_reviews(found)
    wanted = _Filter(actor, modality, doc, words or [], wide)
    out, seen = [], set()
    for view in views:
        seen.add(view.iri)
        review = latest.get(view.iri)
        shown = _reviewed_view(view, review) if review else view
        if shown is not None and (review is None or wanted.matches(shown)):
            out.append(shown)
    if elsewhere:
        out += _reviewed_elsewhere(store, latest, seen, wanted)
    if added:
        out += [v for v in (_added_view(store, r) for r in found if r.verdict == "added") if wanted.matches(v)]
    if reviewed is not None:
        out = [v for v in out if bool(v.review) == reviewed]
    return sorted(out, key=lambda v: (v.doc, v.start, v.id))


@dataclasses.dataclass
class _Filter:
    actor: str | None
    modality: str | None
    doc: str | None
    words: list[str]
    wide: bool

    def matches(self, view) -> bool:
        if self.actor and self.actor not in {b.id for b in view.bearers}:
            return False
        if self.modality and view.modality != self.modality:
            return False
        if self.doc and view.doc != self.doc:
            return False
        haystack = (view.action + (" " + view.text + " " + view.bearer_text if self.wide else "")).lower()
        return all(w in haystack for w in self.words)


def _reviewed_view(view, review: Review):
    """The view as the review has it: None when rejected."""
    if review.verdict == "rejected":
        return None
    if review.verdict == "confirmed":
        return dataclasses.replace(view, review="confirmed")
    return _revised(view, review)


def _revised(view, review: Review):
    from govkg.kg.queries import Bearer
    r = review.revision
    lang = "en" if view.text.isascii() else "zh"
    bearers = [Bearer(id=bearer_id(name, lang), label=name, role=r.role) for name in r.bearers]
    return dataclasses.replace(view, modality=r.modality, action=r.action, bearers=bearers,
                               bearer_text="、".join(r.bearers), review=review.verdict,
                               kinds=[k for k in view.kinds if k != "vague"] + (["vague"] if r.vague else []))


def _reviewed_elsewhere(store: Store, latest: dict[str, Review], seen: set[str], wanted: _Filter) -> list:
    """Corrected norms the extracted filters missed (a bearer corrected to the actor asked for)."""
    from govkg.kg.queries import norm
    from govkg.kg.sparql_terms import norm_id_of
    out = []
    for n, review in latest.items():
        if n in seen or review.verdict != "corrected":
            continue
        if wanted.doc and review.doc != wanted.doc:
            continue
        revised = _revised(norm(store, norm_id_of(n), extracted=True), review)
        if wanted.matches(revised):
            out.append(revised)
    return out


def _added_view(store: Store, review: Review):
    from govkg.kg.queries import Bearer, NormView, provision_facts
    r = review.revision
    facts = provision_facts(store, review.doc, review.provision_key)
    start, end = review.span or (facts["start"], facts["end"])
    lang = "en" if facts["text"].isascii() else "zh"
    return NormView(id=f"{review.doc}/review-{review.id}", iri="", doc=review.doc, modality=r.modality,
                    action=r.action, text=facts["text"][max(0, start - facts["start"]):max(0, end - facts["start"])]
                    or facts["text"], provision=review.provision_key, provision_label=facts["label"],
                    article=facts["article"], start=start, end=end, bearer_text="、".join(r.bearers),
                    kinds=["vague"] if r.vague else [], review="added",
                    bearers=[Bearer(id=bearer_id(b, lang), label=b, role=r.role) for b in r.bearers])


# ---- findings ---------------------------------------------------------------------------------
def effective_gaps(store: Store, kinds: Iterable[str] | None = None, doc: str | None = None, *,
                   show_dismissed: bool = False, reviewed: bool | None = None,
                   timeout: float | None = None, order: str = "document") -> Report:
    """The gap report (in ``order``, as ``find_gaps``) with the reviews in force applied (see the
    module's docstring); the findings of corrected and added norms come last."""
    wanted = list(kinds) if kinds else None
    findings = find_gaps(store, kinds=wanted, doc=doc, timeout=timeout, order=order)
    applied = _applied(store, doc)
    if applied is None:
        return Report(findings if reviewed is not True else [], 0, {})
    latest, verdicts, touched = applied.latest, applied.verdicts, applied.touched
    out, dismissed = [], Counter()
    for f in findings:
        if f.norm not in touched:
            out.append(f)
            continue
        review = latest.get(f.norm)
        if review and (review.verdict == "rejected" or (review.verdict == "corrected" and f.kind in OWN_KINDS)):
            continue
        verdict = verdicts.get((f.kind, f.norm), "")
        if verdict == "dismissed":
            dismissed[f.kind] += 1
            if not show_dismissed:
                continue
        shown = verdict or (f"norm {review.verdict}" if review else "")
        out.append(_labelled(f, shown) if shown != f.review else f)
    out += [f for f in applied.own if not wanted or f.kind in wanted]
    if reviewed is not None:
        out = [f for f in out if bool(f.review) == reviewed]
    return Report(out, sum(dismissed.values()), dict(dismissed))


_REVIEW = Finding._fields.index("review")


def _labelled(finding: Finding, review: str) -> Finding:
    """``finding._replace(review=review)``, several times faster (a report labels hundreds)."""
    return tuple.__new__(Finding, (*finding[:_REVIEW], review, *finding[_REVIEW + 1:]))


class _Applied(NamedTuple):
    """What a report needs of the reviews in force (of one document or all)."""
    latest: dict[str, Review]                   # norm IRI -> its last norm review
    verdicts: dict[tuple[str, str], str]        # (gap kind, norm IRI) -> verdict of the finding
    own: list[Finding]                          # the findings of corrected and added norms
    touched: frozenset[str]                     # the norms of ``latest`` and ``verdicts``


def _applied(store: Store, doc: str | None) -> _Applied | None:
    """The reviews in force as a report applies them; None without any. Computed again only
    when the reviews or their documents changed (``govkg.kg.review_cache.derived``)."""
    every = reviews(store)

    def compute() -> _Applied | None:
        found = in_force([r for r in every if doc is None or r.doc == doc])
        if not found:
            return None
        latest = latest_norm_reviews(found)
        verdicts = {(r.kind, r.norm): r.verdict for r in found if r.kind}
        return _Applied(latest, verdicts, _own_findings(store, found, latest),
                        frozenset(latest) | {norm for _, norm in verdicts})
    return derived(store, REVIEWS_GRAPH, ("applied", doc), every, compute,
                   lambda last, added: _with_reviews_added(last, added, doc))


def _with_reviews_added(last: _Applied | None, added: list[Review], doc: str | None) -> _Applied:
    """``last`` with ``added`` applied, when none of them changes the findings of corrected and
    added norms (a correction, an added norm, a review over a correction: then NotImplemented, and
    everything is made again)."""
    if last is None:
        return NotImplemented
    latest, verdicts = dict(last.latest), dict(last.verdicts)
    for r in added:
        if doc is not None and r.doc != doc:
            continue
        if r.status != IN_FORCE or r.verdict in ("added", "corrected") or not r.norm:
            return NotImplemented
        if r.kind:
            verdicts[(r.kind, r.norm)] = r.verdict
        elif latest.get(r.norm) is not None and latest[r.norm].verdict == "corrected":
            return NotImplemented
        else:
            latest[r.norm] = r
    return last._replace(latest=latest, verdicts=verdicts, touched=last.touched | {r.norm for r in added})


def _own_findings(store: Store, found: list[Review], latest: dict[str, Review]) -> list[Finding]:
    """Unassigned and vague-bearer findings of the corrected and added norms, as reviewed; each
    review's made once per version of its document's graph (``govkg.kg.review_cache.per_document``)."""
    revised = [r for r in found if r.verdict == "added"] + [r for r in latest.values() if r.verdict == "corrected"]
    by_doc: dict[str, list[Review]] = {}
    for review in revised:
        by_doc.setdefault(review.doc, []).append(review)
    made: dict[str, list[Finding]] = {}
    for doc, group in by_doc.items():
        chosen = {r.id: r for r in group}
        made.update(per_document(store, doc, "own findings", list(chosen),
                                 lambda ids, chosen=chosen: _findings_of(store, [chosen[i] for i in ids])))
    return [f for review in revised for f in made.get(review.id, [])]


def _findings_of(store: Store, revised: list[Review]) -> dict[str, list[Finding]]:
    """Review id -> the findings its corrected or added norm has."""
    details = Details(provisions=_provision_places(store, revised),
                      modalities={r.norm: r.revision.modality for r in revised if r.norm})
    out: dict[str, list[Finding]] = {}
    for review in revised:
        r = review.revision
        row = {"g": graph_iri(review.doc), "norm": review.norm, "action": r.action,
               "provision": provision_iri(review.doc, review.provision_key)}
        shown = f"norm {review.verdict}"
        found = out.setdefault(review.id, [])
        if not r.bearers and r.modality != "permission":
            found.append(build_finding("unassigned", row, details)._replace(review=shown))
        if r.vague:
            found += [build_finding("vague-actor", {**row, "actorLabel": name}, details)._replace(review=shown)
                      for name in r.bearers]
    return out


def _provision_places(store: Store, found: list[Review]) -> dict[str, tuple[str, str, str]]:
    """provision IRI -> (label, text, path) of the provisions the reviews are anchored to."""
    rows = provision_facts_of(store, {(r.doc, provision_iri(r.doc, r.provision_key)) for r in found})
    return {p: (row.get("label", ""), row["text"], row.get("path", "")) for p, row in rows.items()}


# ---- actors -------------------------------------------------------------------------------------
def reviewed_counts(store: Store, counts: dict[str, int]) -> dict[str, int]:
    """Norms borne per actor IRI, as reviewed: a rejected or corrected norm no longer counts for the
    bearers it was extracted with; a corrected or added one counts for the bearers the review names."""
    from govkg.kg.sparql_terms import actor_iri_of
    found = in_force(reviews(store))
    if not found:
        return counts
    counts = dict(counts)
    latest = latest_norm_reviews(found)
    for review in [*latest.values(), *(r for r in found if r.verdict == "added")]:
        if review.verdict in ("rejected", "corrected"):
            for bearer in review.before.get("extracted_bearers", review.before.get("bearers", [])):
                key = actor_iri_of(bearer)
                counts[key] = max(0, counts.get(key, 0) - 1)
        if review.verdict in ("corrected", "added"):
            lang = "en" if review.revision.action.isascii() else "zh"
            for name in review.revision.bearers:
                key = actor_iri_of(bearer_id(name, lang))
                counts[key] = counts.get(key, 0) + 1
    return counts


# ---- reviewing through the effective view ---------------------------------------------------------
def norm_values(view) -> dict:
    """A norm's reviewable values, as a review keeps them for "what was there before"."""
    return {"bearers": [b.id for b in view.bearers], "bearer_labels": [b.label for b in view.bearers],
            "modality": view.modality, "action": view.action,
            "role": view.bearers[0].role if view.bearers else "sole", "vague": "vague" in view.kinds}


def review_norm_as_seen(store: Store, norm_id: str, verdict: str, reviewer: str, reason: str = "",
                        revision=None) -> Review:
    """Review a norm by its id, keeping the values the reviewer saw (and those extraction gave)."""
    from govkg.kg import reviews as R
    from govkg.kg.queries import norm
    extracted = norm(store, norm_id, extracted=True)
    seen = norm(store, norm_id)
    before = {**norm_values(seen), "extracted_bearers": [b.id for b in extracted.bearers]}
    return R.review_norm(store, extracted.iri, verdict, reviewer, reason, revision=revision, before=before)
