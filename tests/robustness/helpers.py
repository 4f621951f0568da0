"""What the robustness tests share: running the real ``govkg`` command, dumping a store."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

from govkg.kg.oxigraph_store import OxigraphStore
from tests.conftest import GOVKG
from tests.robustness.badfiles import GOOD_EN, GOOD_ZH

TOKEN = "s3cret-write-token"


def govkg(*args: str | Path, timeout: float = 120, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run ``govkg ARGS`` to the end; text output, never raises on a failing exit code."""
    full_env = {**os.environ, "COLUMNS": "200", **(env or {})}
    full_env.pop("GOVKG_WRITE_TOKEN", None)
    return subprocess.run([*GOVKG, *map(str, args)], capture_output=True, text=True, timeout=timeout, env=full_env)


def ingested_store(folder: Path, *, english: bool = True) -> Path:
    """A store in ``folder`` that ``govkg ingest`` filled with the good Chinese (and English) rules."""
    (folder / "property_rules.txt").write_text(GOOD_ZH, encoding="utf-8")
    if english:
        (folder / "breach_rules.txt").write_text(GOOD_EN, encoding="utf-8")
    store = folder / "store"
    assert govkg("ingest", folder, "--store", store).returncode == 0
    return store


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


class Served:
    """A ``govkg serve`` process started by a test, which the test may kill itself."""

    def __init__(self, store: Path | str, port: int, *, token: str | None = None,
                 extra: list[str] | None = None, ready_path: str = "/sparql",
                 env: dict[str, str] | None = None) -> None:
        env = {**{k: v for k, v in os.environ.items() if k != "GOVKG_WRITE_TOKEN"}, **(env or {})}
        if token:
            env["GOVKG_WRITE_TOKEN"] = token
        self.base = f"http://127.0.0.1:{port}"
        self.proc = subprocess.Popen([*GOVKG, "serve", "--store", str(store), "--port", str(port), *(extra or [])],
                                     env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self._wait_ready(ready_path)

    def _wait_ready(self, path: str, timeout: float = 60) -> None:
        import time

        import httpx
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"govkg serve exited: {self.proc.stderr.read().decode(errors='replace')}")
            try:
                if httpx.get(self.base + path, timeout=2).status_code < 500:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"govkg serve on {self.base} did not answer")

    def stop(self, sig: int | None = None) -> None:
        """Stop the server: SIGTERM (a clean shutdown) unless another signal is given."""
        import signal
        if self.proc.poll() is None:
            self.proc.send_signal(sig or signal.SIGTERM)
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.proc.stderr.close()

    def __enter__(self) -> "Served":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def figure(text: str) -> None:
    """Print one measured figure (seen with ``pytest -s``; docs/reliability.md quotes them)."""
    print(f"\nfigure: {text}", flush=True)
