"""Command: ``govkg delegations [--doc D] --format table|json|csv`` — rules left to other bodies."""
from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from api.cli import app
from api.cli.common import DEFAULT_STORE, StoreOpt, UpdateEndpointOpt, cli_errors, fail

COLUMNS = ["doc", "article", "delegate", "implemented_by", "implementers", "sentence"]


@app.command()
@cli_errors
def delegations(doc: Annotated[str | None, typer.Option("--doc", help="Only this document.")] = None,
                fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
                store: StoreOpt = DEFAULT_STORE, update_endpoint: UpdateEndpointOpt = None) -> None:
    """Provisions that leave rule-making to another body, and the stored documents that implement them."""
    from api.cli.store import _open_reader, _print_rows
    from kg.delegation import find_delegations
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
