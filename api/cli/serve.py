"""Commands: serve (the HTTP service), up (ingest the bundled corpus, then serve)."""
from __future__ import annotations

import errno
import os
import socket
from pathlib import Path
from typing import Annotated

import typer

from govkg import ingest
from govkg.api.cli import app
from govkg.api.cli.common import (
    DEFAULT_STORE,
    StoreOpt,
    UpdateEndpointOpt,
    cli_errors,
    err_console,
    fail,
)

HostOpt = Annotated[str, typer.Option("--host", help="Address to listen on.")]
PortOpt = Annotated[int, typer.Option("--port", help="Port to listen on.")]
TokenOpt = Annotated[str | None, typer.Option(
    "--write-token", envvar="GOVKG_WRITE_TOKEN", show_envvar=True,
    help="Bearer token that writes must carry; without it the service is read-only.")]

BUNDLED_CORPUS = Path(ingest.__file__).resolve().parent / "corpus"


@app.command()
@cli_errors
def serve(store: StoreOpt = DEFAULT_STORE, update_endpoint: UpdateEndpointOpt = None,
          host: HostOpt = "127.0.0.1", port: PortOpt = 8000, write_token: TokenOpt = None,
          query_timeout: Annotated[float | None, typer.Option(help="SPARQL timeout in seconds.")] = None) -> None:
    """Serve the SPARQL endpoint, REST resources and web pages over the store."""
    _run_server(store, update_endpoint, host, port, write_token, query_timeout)


@app.command()
@cli_errors
def up(store: StoreOpt = DEFAULT_STORE, host: HostOpt = "127.0.0.1", port: PortOpt = 8000,
       write_token: TokenOpt = None) -> None:
    """Ingest the bundled corpus (real laws, zh and en) into the store, then serve it."""
    from govkg.api.cli.common import open_cli_store
    from govkg.api.cli.store import ingest_paths

    check_port(host, port)        # before the ingest: a busy port should not cost a minute first
    paths = sorted(p for p in BUNDLED_CORPUS.iterdir() if p.suffix in {".md", ".txt"} and p.name != "SOURCES.md")
    with open_cli_store(store) as opened:
        done = ingest_paths(opened, paths)
    err_console.print(f"ingested {len(done)} of {len(paths)} bundled documents "
                      f"({sum(info.norms for info in done)} norms) into {store}")
    _run_server(store, None, host, port, write_token, None)


def _run_server(store: str, update_endpoint: str | None, host: str, port: int,
                write_token: str | None, query_timeout: float | None) -> None:
    import uvicorn

    from govkg.api.app import create_app
    from govkg.api.http_protocol import protocol_class
    from govkg.api.settings import Settings

    check_port(host, port)
    overrides: dict = {"store": store, "update_endpoint": update_endpoint, "write_token": write_token}
    if query_timeout is not None:
        overrides["query_timeout"] = query_timeout
    settings = Settings(**{k: v for k, v in overrides.items() if v is not None})
    application = create_app(settings)
    err_console.print(f"govkg serving {store} on http://{host}:{port}/ "
                      f"({'writes need the token' if settings.write_token else 'read-only'})")
    try:
        uvicorn.run(application, host=host, port=port, log_level=os.environ.get("GOVKG_LOG_LEVEL", "warning"),
                    http=protocol_class(settings.header_timeout, application.at_once))
    finally:
        application.state.store.close()


def check_port(host: str, port: int) -> None:
    """Leave with one line when ``host:port`` cannot be listened on (in use, not allowed, no such
    address), instead of the server's traceback after a "serving on" line that was not true."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError, OverflowError) as exc:
        fail(f"cannot listen on {host}:{port}: {exc}")
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)   # as the server itself binds
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                fail(f"port {port} on {host} is already in use: stop what holds it, or choose another port "
                     f"with --port")
            fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}")

