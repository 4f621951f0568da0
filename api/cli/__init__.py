"""The ``govkg`` command line: extract, ingest, query, gaps, export, serve, viz."""
from __future__ import annotations

import typer

from govkg.api import installed_version

app = typer.Typer(
    name="govkg",
    help="Governance knowledge graph: who must, must not, or may do what — and where nobody clearly is.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)



def _print_version(asked: bool) -> None:
    if asked:
        typer.echo(f"govkg {installed_version()}")
        raise typer.Exit(0)


@app.callback()
def _options(version: bool = typer.Option(False, "--version", help="Print the version and leave.",
                                          callback=_print_version, is_eager=True)) -> None:
    """Governance knowledge graph: who must, must not, or may do what — and where nobody clearly is."""


# the command modules register themselves on ``app``
from govkg.api.cli import below, diff, extract, review, serve, store, viz  # noqa: E402,F401


def main() -> None:
    # the app of govkg.api.cli, on which the commands registered: a console script written before the
    # one import name (``from govkg.api.cli import main``) loads this file under another name, with an empty app
    from govkg.api import cli

    cli.app()
