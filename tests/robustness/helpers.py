"""What the robustness tests share: running the real ``govkg`` command, dumping a store."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

from kg.oxigraph_store import OxigraphStore
from tests.conftest import GOVKG

TOKEN = "s3cret-write-token"


def govkg(*args: str | Path, timeout: float = 120, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run ``govkg ARGS`` to the end; text output, never raises on a failing exit code."""
    full_env = {**os.environ, "COLUMNS": "200", **(env or {})}
    full_env.pop("GOVKG_WRITE_TOKEN", None)
    return subprocess.run([*GOVKG, *map(str, args)], capture_output=True, text=True, timeout=timeout, env=full_env)


def dump_quads(location: Path | str) -> set[str]:
    """Every quad of the embedded store in ``location`` as N-Quads lines (opened read-only)."""
    store = OxigraphStore(location, read_only=True, query_workers=0)
    try:
        return set(store.dump("application/n-quads").decode("utf-8").splitlines())
    finally:
        store.close()


def store_quads(store) -> set[str]:
    return set(store.dump("application/n-quads").decode("utf-8").splitlines())


def no_traceback(text: str) -> bool:
    return "Traceback" not in text and 'File "' not in text
