"""Commands: ``govkg review`` — list, confirm, correct, reject, add, dismiss, export.

On the command line the store is local and the person says who they are (``--reviewer``); over
HTTP a reviewer's token names them."""
from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from govkg.api.cli import app
from govkg.api.cli.common import DEFAULT_STORE, StoreOpt, UpdateEndpointOpt, cli_errors, err_console, fail
from govkg.api.cli.store import FormatOpt, _open, _open_reader, _print_rows, out

review_app = typer.Typer(help="Confirm, correct or reject norms, dismiss findings, and export the reviews.",
                         no_args_is_help=True)
app.add_typer(review_app, name="review")

ReasonOpt = Annotated[str, typer.Option("--reason", help="Why (e.g. 承担者见第九条).")]
ReviewerOpt = Annotated[str, typer.Option("--reviewer", envvar="GOVKG_REVIEWER", help="Who reviews.")]
NormArg = Annotated[str, typer.Argument(help="The norm's IRI or id ({doc}/{hash}).")]


def _norm_id(norm: str) -> str:
    from govkg.kg.reviews import norm_iri
    from govkg.kg.sparql_terms import norm_id_of
    return norm_id_of(norm_iri(norm))


def _done(review) -> None:
    err_console.print(f"{review.verdict}: {review.norm or review.doc + ' ' + review.provision_key} "
                      f"by {review.reviewer} (review {review.id})")


@review_app.command("confirm")
@cli_errors
def confirm(norm: NormArg, reviewer: ReviewerOpt, reason: ReasonOpt = "",
            kind: Annotated[str | None, typer.Option("--kind", help="Confirm this gap finding of the norm.")] = None,
            store: StoreOpt = DEFAULT_STORE, update_endpoint: UpdateEndpointOpt = None) -> None:
    """Confirm a norm as extracted (or, with --kind, a gap finding of it)."""
    from govkg.kg import reviews as R
    from govkg.kg.effective import review_norm_as_seen
    with _open(store, update_endpoint) as opened:
        if kind:
            _done(R.review_finding(opened, kind, R.norm_iri(norm), "confirmed", reviewer, reason))
        else:
            _done(review_norm_as_seen(opened, _norm_id(norm), "confirmed", reviewer, reason))


@review_app.command("reject")
@cli_errors
def reject(norm: NormArg, reason: ReasonOpt, reviewer: ReviewerOpt,
           store: StoreOpt = DEFAULT_STORE, update_endpoint: UpdateEndpointOpt = None) -> None:
    """Reject a norm: it is not a norm (its findings go with it)."""
    from govkg.kg.effective import review_norm_as_seen
    with _open(store, update_endpoint) as opened:
        _done(review_norm_as_seen(opened, _norm_id(norm), "rejected", reviewer, reason))


@review_app.command("correct")
@cli_errors
def correct(norm: NormArg, reviewer: ReviewerOpt, reason: ReasonOpt = "",
            actor: Annotated[list[str] | None, typer.Option("--actor", help="A bearer (repeatable); none: nobody.")] = None,
            modality: Annotated[str | None, typer.Option(help="obligation, prohibition or permission.")] = None,
            action: Annotated[str | None, typer.Option(help="The action.")] = None,
            role: Annotated[str | None, typer.Option(help="sole, lead, support or joint.")] = None,
            vague: Annotated[bool | None, typer.Option("--vague/--not-vague", help="The bearer leaves open who.")] = None,
            store: StoreOpt = DEFAULT_STORE, update_endpoint: UpdateEndpointOpt = None) -> None:
    """Correct a norm's bearer, modality, action, role or vague flag (what is not given stays)."""
    from govkg.kg import queries
    from govkg.kg import reviews as R
    from govkg.kg.effective import norm_values, review_norm_as_seen
    with _open(store, update_endpoint) as opened:
        seen = norm_values(queries.norm(opened, _norm_id(norm)))
        revision = R.Revision(modality=modality or seen["modality"], action=action or seen["action"],
                              bearers=list(actor) if actor is not None else seen["bearer_labels"],
                              role=role or seen["role"], vague=seen["vague"] if vague is None else vague)
        _done(review_norm_as_seen(opened, _norm_id(norm), "corrected", reviewer, reason, revision))


@review_app.command("add")
@cli_errors
def add(doc: Annotated[str, typer.Argument(help="The document.")],
        provision: Annotated[str, typer.Argument(help="The provision's key, e.g. 第一章/第三条.")],
        modality: Annotated[str, typer.Option(help="obligation, prohibition or permission.")],
        action: Annotated[str, typer.Option(help="The action.")], reviewer: ReviewerOpt,
        actor: Annotated[list[str] | None, typer.Option("--actor", help="A bearer (repeatable).")] = None,
        role: Annotated[str, typer.Option(help="sole, lead, support or joint.")] = "sole",
        vague: Annotated[bool, typer.Option("--vague", help="The bearer leaves open who.")] = False,
        reason: ReasonOpt = "", store: StoreOpt = DEFAULT_STORE, update_endpoint: UpdateEndpointOpt = None) -> None:
    """Add a norm the extractor missed, at a provision."""
    from govkg.kg import reviews as R
    with _open(store, update_endpoint) as opened:
        revision = R.Revision(modality=modality, action=action, bearers=list(actor or []), role=role, vague=vague)
        _done(R.add_norm(opened, doc, provision, revision, reviewer, reason))


@review_app.command("dismiss")
@cli_errors
def dismiss(kind: Annotated[str, typer.Argument(help="The finding's gap kind, e.g. unassigned.")], norm: NormArg,
            reason: ReasonOpt, reviewer: ReviewerOpt,
            store: StoreOpt = DEFAULT_STORE, update_endpoint: UpdateEndpointOpt = None) -> None:
    """Dismiss a gap finding, with the reason (it is then hidden and counted)."""
    from govkg.kg import reviews as R
    with _open(store, update_endpoint) as opened:
        _done(R.review_finding(opened, kind, R.norm_iri(norm), "dismissed", reviewer, reason))


@review_app.command("list")
@cli_errors
def list_reviews(doc: Annotated[str | None, typer.Option("--doc", help="Only this document.")] = None,
                 stale: Annotated[bool, typer.Option("--stale", help="Only the reviews to check again.")] = False,
                 fmt: FormatOpt = "table", store: StoreOpt = DEFAULT_STORE,
                 update_endpoint: UpdateEndpointOpt = None) -> None:
    """The reviews, oldest first, in force or stale (the provision's text changed since)."""
    from govkg.kg import reviews as R
    with _open_reader(store, update_endpoint) as opened:
        found = [r for r in R.reviews(opened, doc) if not stale or r.status == R.STALE]
    if fmt == "json":
        _print_rows([r.to_json() for r in found], fmt)
        return
    rows = [{"at": r.at[:19], "reviewer": r.reviewer, "verdict": r.verdict + (f" {r.kind}" if r.kind else ""),
             "status": r.status, "doc": r.doc, "provision": r.provision_key, "reason": r.reason} for r in found]
    _print_rows(rows, fmt, ["at", "reviewer", "verdict", "status", "doc", "provision", "reason"])


@review_app.command("export")
@cli_errors
def export(fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl (reference records) or json.")] = "jsonl",
           doc: Annotated[str | None, typer.Option("--doc", help="Only this document.")] = None,
           store: StoreOpt = DEFAULT_STORE, update_endpoint: UpdateEndpointOpt = None) -> None:
    """The reviewed norms as reference records (the evaluation guidelines' format, plus review,
    reviewer, at), one per line: an office's reviews measure the extractor on its own texts."""
    from govkg.kg import reviews as R
    from govkg.kg.review_export import review_records
    if fmt not in ("jsonl", "json"):
        fail(f"unknown format {fmt!r} (jsonl or json)")
    with _open_reader(store, update_endpoint) as opened:
        records = review_records(opened, R.reviews(opened, doc))
    if fmt == "json":
        out.print(json.dumps(records, ensure_ascii=False, indent=2))
    else:
        sys.stdout.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
