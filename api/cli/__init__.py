"""The ``govkg`` command line: extract, ingest, query, gaps, export, serve, viz."""
from __future__ import annotations

import typer

app = typer.Typer(
    name="govkg",
    help="Governance knowledge graph: who must, must not, or may do what — and where nobody clearly is.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# the command modules register themselves on ``app``
from api.cli import below, diff, extract, serve, store, viz  # noqa: E402,F401


def main() -> None:
    app()
