"""Fixtures shared by every test folder: the corpus, fresh stores, free ports, a live server."""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

pytest_plugins = ["tests.browser_support"]   # the browser and page fixtures

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "ingest" / "corpus"
SHARED = ROOT.parent / "shared"
GOVKG = [str(Path(sys.executable).parent / "govkg")]


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The bundled corpus of real laws and a policy paper (zh, en)."""
    return CORPUS


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def running_server(args: list[str], port: int, env: dict[str, str] | None = None,
                   ready_path: str = "/", timeout: float = 60.0, log: Path | None = None) -> Iterator[str]:
    """Start ``args`` (a server listening on ``port``), wait until it answers, yield its base URL,
    and stop it afterwards. A server that writes much to its console gets a ``log`` file for it,
    so that an unread pipe never fills and stalls it."""
    full_env = {**os.environ, **(env or {})}
    errors = log.open("wb") if log else subprocess.PIPE
    proc = subprocess.Popen(args, env=full_env, stdout=subprocess.DEVNULL, stderr=errors)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                said = log.read_bytes() if log else proc.stderr.read()
                raise RuntimeError(f"server exited early: {said.decode(errors='replace')[-2000:]}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(base + ready_path, timeout=2).status_code < 500:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"server on {base} did not answer within {timeout} s")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if log:
            errors.close()


@contextlib.contextmanager
def uvicorn_in_thread(app, http) -> Iterator[tuple[str, int]]:
    """``app`` served by a uvicorn server in a thread of this process, with the HTTP protocol
    class ``http``, on a free port: its address."""
    import threading

    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", http=http))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield "127.0.0.1", port
    finally:
        server.should_exit = True
        thread.join(10)


@contextlib.contextmanager
def govkg_serve(store: Path | str, *, token: str | None = None, extra: list[str] | None = None) -> Iterator[str]:
    """A real ``govkg serve`` process on a free port over ``store``."""
    port = free_port()
    env = {"GOVKG_WRITE_TOKEN": token} if token else {}
    args = [*GOVKG, "serve", "--store", str(store), "--port", str(port), *(extra or [])]
    with running_server(args, port, env=env, ready_path="/sparql") as base:
        yield base


def stored(location: Path, documents) -> Path:
    """An embedded store at ``location`` holding ``documents``, closed again so that a
    ``govkg serve`` or a command can open the folder (RocksDB unlocks when the store is collected)."""
    import gc

    from govkg.kg import open_store
    from govkg.kg.documents import ingest_document
    store = open_store(str(location))
    for document in documents:
        ingest_document(store, document)
    store.close()
    del store
    gc.collect()
    return location
