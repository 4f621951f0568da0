"""Load benchmark of the REST endpoints: requests per second and errors under 32 concurrent
clients on loopback, against a live ``govkg serve`` over the bundled corpus.

For each endpoint (``/actors``, ``/norms?actor=…``, ``/gaps``, ``/sparql`` with a light query)
it measures, in the same run:

- one client, requests one after another (the baseline), and
- ``--clients`` clients at once (httpx, asyncio), ``--requests`` requests in all or ``--seconds``
  at most, whichever comes first;

and prints requests per second, errors (non-2xx answers and failed connections), p50/p95 latency,
and the ratio of the concurrent rate to the one-client rate. An HTTP floor (a 404 path, no store
work) is measured the same way, to show what the framework alone allows on this machine. Client
and server share the machine's cores; the server is one uvicorn process.

    /work/venv/bin/python bench/bench_load.py [--clients 32] [--requests 400] [--seconds 20]
        [--store FOLDER] [--json]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.conftest import govkg_serve  # noqa: E402  (one way to start and stop a server)

GOVKG = str(Path(sys.executable).parent / "govkg")
FLOOR = "/no-such-page"             # a 404 from the router: the HTTP stack alone, no store work
LIGHT_SPARQL = "SELECT ?d WHERE { GRAPH ?g { ?d a <https://w3id.org/govkg/ontology#Document> } } LIMIT 5"


@dataclass
class Run:
    """One measured run of one endpoint."""

    endpoint: str
    clients: int
    requests: int
    errors: int
    seconds: float
    p50_ms: float
    p95_ms: float

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


async def _load(base: str, path: str, clients: int, total: int, seconds: float) -> Run:
    """``clients`` workers share ``total`` requests; all stop when ``seconds`` have passed."""
    latencies: list[float] = []
    errors = 0
    issued = 0
    deadline = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    expected = (lambda code: code == 404) if path == FLOOR else (lambda code: 200 <= code < 300)

    async def worker(http: httpx.AsyncClient) -> None:
        nonlocal issued, errors
        while issued < total and time.monotonic() < deadline:
            issued += 1
            started = time.monotonic()
            try:
                if not expected((await http.get(path)).status_code):
                    errors += 1
            except httpx.HTTPError:
                errors += 1
            latencies.append(time.monotonic() - started)

    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as http:
        started = time.monotonic()
        await asyncio.gather(*(worker(http) for _ in range(clients)))
        elapsed = time.monotonic() - started
    return _run(path, clients, latencies, errors, elapsed)


def _run(path: str, clients: int, latencies: list[float], errors: int, elapsed: float) -> Run:
    ordered = sorted(latencies) or [0.0]
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return Run(path, clients, len(latencies), errors, elapsed, 1000 * statistics.median(ordered), 1000 * p95)


def measure(base: str, path: str, *, clients: int, total: int, seconds: float) -> tuple[Run, Run]:
    """The one-client baseline and the concurrent run of one endpoint."""
    single = asyncio.run(_load(base, path, 1, max(10, total // 8), seconds / 2))
    many = asyncio.run(_load(base, path, clients, total, seconds))
    return single, many


# ---- the server ---------------------------------------------------------------------------------
def corpus_store(folder: Path) -> Path:
    store = folder / "store"
    corpus = ROOT / "ingest" / "corpus"
    result = subprocess.run([GOVKG, "ingest", str(corpus), "--store", str(store)], capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"ingest of the corpus failed: {result.stderr.strip()}")
    return store


def endpoints(base: str) -> list[str]:
    """The measured paths; ``/norms?actor=`` asks for the busiest actor of the store."""
    actors = httpx.get(base + "/actors", timeout=30).json()["actors"]
    actor = actors[0]["id"] if actors else "none"
    return ["/actors", "/norms?" + str(httpx.QueryParams(actor=actor)), "/gaps",
            "/sparql?" + str(httpx.QueryParams(query=LIGHT_SPARQL))]


# ---- report -------------------------------------------------------------------------------------
def report(rows: list[tuple[Run, Run]]) -> str:
    """One line per endpoint; the last row is the floor, which 'of floor' divides by."""
    floor = rows[-1][1]
    lines = [f"{'endpoint':<34}{'1 client rps':>13}{'N clients rps':>15}{'ratio':>7}{'requests':>10}"
             f"{'errors':>8}{'p50 ms':>8}{'p95 ms':>8}{'of floor':>10}"]
    for single, many in rows:
        ratio = many.rps / single.rps if single.rps else 0.0
        name = many.endpoint if len(many.endpoint) <= 33 else many.endpoint[:30] + "..."
        lines.append(f"{name:<34}{single.rps:>13.1f}{many.rps:>15.1f}{ratio:>7.2f}{many.requests:>10}"
                     f"{many.errors:>8}{many.p50_ms:>8.1f}{many.p95_ms:>8.1f}{many.rps / floor.rps:>10.3f}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--requests", type=int, default=400, help="requests per endpoint in the concurrent run")
    parser.add_argument("--seconds", type=float, default=20.0, help="time cap of each concurrent run")
    parser.add_argument("--store", type=Path, help="an ingested store (default: the bundled corpus, ingested now)")
    parser.add_argument("--json", action="store_true", help="print the runs as JSON as well")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="govkg-bench-load-") as folder:
        store = args.store or corpus_store(Path(folder))
        with govkg_serve(store) as base:
            paths = endpoints(base)
            for path in paths:                                   # warm caches and the query workers
                httpx.get(base + path, timeout=60)
            rows = [measure(base, path, clients=args.clients, total=args.requests, seconds=args.seconds)
                    for path in [*paths, FLOOR]]
    print(f"govkg serve on loopback, {args.clients} concurrent clients, {os.cpu_count()} cores shared by client "
          f"and server\nratio = N-client rps / 1-client rps; of floor = rps / rps of a 404 page ({FLOOR})")
    print(report(rows))
    total = sum(many.requests for _, many in rows[:-1])
    errors = sum(many.errors for _, many in rows[:-1])
    print(f"total: {total} requests to the REST and SPARQL endpoints under {args.clients} clients, {errors} errors")
    if args.json:
        print(json.dumps([{**asdict(many), "rps": many.rps, "single_rps": single.rps} for single, many in rows],
                         indent=2))


if __name__ == "__main__":
    main()
