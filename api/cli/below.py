"""Commands on the laws below a law: ``govkg delegations`` (rules left to other bodies) and
``govkg named-below DOC`` (the bearers that implementing documents name where the law names none clearly)."""
from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from govkg.api.cli import app
from govkg.api.cli.common import DEFAULT_STORE, StoreOpt, UpdateEndpointOpt, cli_errors, fail
from govkg.ontology.gap_kinds import VIEW_KINDS

COLUMNS = ["doc", "article", "delegate", "implemented_by", "implementers", "sentence"]


@app.command(help=VIEW_KINDS["delegation"].description.capitalize() + ".")
@cli_errors
def delegations(doc: Annotated[str | None, typer.Option("--doc", help="Only this document.")] = None,
                fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
                store: StoreOpt = DEFAULT_STORE, update_endpoint: UpdateEndpointOpt = None) -> None:
    """Provisions that leave rule-making to another body, and the stored documents that implement them."""
    from govkg.api.cli.store import _open_reader, _print_rows
    from govkg.kg.delegation import find_delegations
    if fmt not in {"table", "json", "csv"}:
        fail(f"unknown format {fmt!r} (table, csv or json)")
    with _open_reader(store, update_endpoint) as opened:
        found = find_delegations(opened, doc=doc)
    if fmt == "json":
        sys.stdout.write(json.dumps([d.to_json() for d in found], ensure_ascii=False, indent=1) + "\n")
        return
    rows = [{**d.to_json(), "implemented_by": ";".join(d.implemented_by), "implementers": ";".join(d.implementers)}
            for d in found]
    _print_rows(rows, fmt, COLUMNS)


@app.command(name="named-below", help=VIEW_KINDS["named-below"].description.capitalize() + ".")
@cli_errors
def named_below(doc: Annotated[str, typer.Argument(help="A stored law's name.")],
                fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
                store: StoreOpt = DEFAULT_STORE, update_endpoint: UpdateEndpointOpt = None) -> None:
    """For each vague or bearerless norm of a law, the named bearers that the documents implementing it give the matter."""
    from govkg.api.cli.store import _open_reader, _print_rows
    from govkg.kg.named_below import named_below as find
    if fmt not in {"table", "json", "csv"}:
        fail(f"unknown format {fmt!r} (table, csv or json)")
    with _open_reader(store, update_endpoint) as opened:
        found = find(opened, doc)
    if fmt == "json":
        sys.stdout.write(json.dumps(found, ensure_ascii=False, indent=1) + "\n")
        return
    rows = [{"article": n["article"], "actor": n["actor"] or "—", "modality": n["modality"], "action": n["action"],
             "named_by": h["doc"], "named_article": h["article"], "named": h["actor"]}
            for n in found for h in n["named"]]
    _print_rows(rows, fmt, ["article", "actor", "modality", "action", "named_by", "named_article", "named"])
