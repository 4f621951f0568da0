"""What every command shares: the store options and one-line errors instead of tracebacks."""
from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Annotated, TypeVar

import typer
from rich.console import Console
from rich.text import Text

from govkg.ontology.errors import GovKGError

# file names, store names and document ids go into messages: no markup, no wrapping of one-line messages
err_console = Console(stderr=True, markup=False, highlight=False, soft_wrap=True)
F = TypeVar("F", bound=Callable)

StoreOpt = Annotated[str, typer.Option(
    "--store", envvar="GOVKG_STORE",
    help="Folder of the embedded store, or the URL of a SPARQL 1.1 query endpoint.")]
UpdateEndpointOpt = Annotated[str | None, typer.Option(
    "--update-endpoint", envvar="GOVKG_UPDATE_ENDPOINT",
    help="SPARQL update endpoint of a server store (default: the query endpoint).")]
DEFAULT_STORE = "./govkg-data"


def print_error(message: str) -> None:
    """``error: message`` as one line on stderr."""
    err_console.print(Text.assemble(("error:", "bold red"), " ", message))


def fail(message: str, code: int = 1) -> None:
    """Print one line on stderr and leave with ``code``."""
    print_error(message)
    raise typer.Exit(code)


def cli_errors(func: F) -> F:
    """Turn govkg's own errors into a one-line message and exit code 1."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except GovKGError as exc:
            fail(str(exc))
        except KeyboardInterrupt:
            fail("interrupted", 130)
        except BrokenPipeError:
            sys.stderr.close()
            raise typer.Exit(0)
    return wrapper  # type: ignore[return-value]


def open_cli_store(store: str, update_endpoint: str | None = None, *, read_only: bool = False):
    """Open the store named on the command line (errors become one line)."""
    from govkg.kg import open_store
    return open_store(store, update_endpoint=update_endpoint, read_only=read_only)
