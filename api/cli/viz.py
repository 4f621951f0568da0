"""Commands: viz — write the network picture as one self-contained HTML file."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from govkg.api.cli import app
from govkg.api.cli.common import (
    DEFAULT_STORE,
    StoreOpt,
    UpdateEndpointOpt,
    cli_errors,
    err_console,
    open_cli_store,
)


@app.command()
@cli_errors
def viz(out: Annotated[Path, typer.Option("--out", help="HTML file to write.")],
        doc: Annotated[str | None, typer.Option("--doc", help="Only this document.")] = None,
        actor_type: Annotated[str | None, typer.Option("--type", help="Only norms of actors of this class.")] = None,
        gap: Annotated[str | None, typer.Option("--gap", help="Only nodes with gaps of this kind.")] = None,
        lang: Annotated[str, typer.Option("--lang", help="Language of the page: zh or en.")] = "en",
        store: StoreOpt = DEFAULT_STORE, update_endpoint: UpdateEndpointOpt = None) -> None:
    """Write the network of actors, norms and documents (gaps in colour) to an HTML file that
    opens offline: vis-network is inlined, the clause of each norm travels with it."""
    from govkg.api.routers.network import render_network

    if lang not in ("zh", "en"):
        raise typer.BadParameter("use zh or en", param_hint="--lang")
    with open_cli_store(store, update_endpoint, read_only=True) as opened:
        html = render_network(opened, doc=doc, actor_type=actor_type, gap=gap, lang=lang, served=False)
    out.write_text(html, encoding="utf-8")
    err_console.print(f"wrote {out} ({len(html) // 1024} KiB)")
