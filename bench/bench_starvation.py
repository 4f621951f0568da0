"""Do light requests stay light while heavy ones hold the server? Latency of ``/actors`` and a
one-triple SPARQL query on an idle ``govkg serve``, then again while ``--heavy-sparql`` SPARQL
queries that run to the query timeout (cross products filtered by a regex over every literal)
and ``--heavy-rest`` REST requests (``/norms?q=`` and ``/matrix`` with as many words as the
service allows) are kept in flight, all in the same run against the same server.

Each heavy client sends its next request as soon as its last one is answered, so the heavy
load never lets up; the light probes go one after another from a thread of their own, with a
connection of their own. Printed: p50 and p95 of each light request idle and under load, and
their ratio; the heavy requests' count and status codes show that the load was real.

    python bench/bench_starvation.py [--store FOLDER] [--seconds 20] [--heavy-sparql 8]
        [--heavy-rest 40] [--probes 60]

Without ``--store`` the bundled corpus is ingested into a temporary store first.
"""
from __future__ import annotations

import argparse
import asyncio
import collections
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.bench_load import corpus_store  # noqa: E402  (the bundled corpus, ingested)
from tests.conftest import govkg_serve  # noqa: E402  (one way to start and stop a server)

LIGHT = {"/actors": "/actors",
         "one-triple SPARQL": "/sparql?" + str(httpx.QueryParams(query="SELECT * WHERE { ?s ?p ?o } LIMIT 1"))}
WORDS = ("报告 监督 管理 部门 安全 生产 单位 人民 政府 居民 委员会 建筑 维修 资金 规定 责任 检查 组织 工作 依法 "
         "controller processor data breach notify authority supervisory personal law article obligation record")


def heavy_sparql(n: int) -> str:
    """A query no store answers within a timeout of seconds: a cross product of every triple
    with every other, filtered by a regex over their literals (``n`` makes each text its own)."""
    return (f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?a ?b ?c }} GRAPH ?h {{ ?d ?e ?f }} "
            f"FILTER(REGEX(CONCAT(STR(?c), STR(?f)), \"^(a|b)+z{n}q$\", \"i\")) }}")


def heavy_rest(n: int) -> str:
    """The heaviest REST requests an anonymous client may send: every allowed search word."""
    if n % 2:
        return "/matrix?" + str(httpx.QueryParams(topics=WORDS))
    return "/norms?" + str(httpx.QueryParams(q=WORDS, limit=1000))


class HeavyLoad:
    """``sparql`` + ``rest`` clients on an event loop in a thread of their own, each sending its
    next heavy request as soon as the last one is answered, until ``stop``."""

    def __init__(self, base: str, sparql: int, rest: int) -> None:
        self.base, self.sparql, self.rest = base, sparql, rest
        self.codes: collections.Counter[str] = collections.Counter()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=lambda: asyncio.run(self._run()), daemon=True)

    def __enter__(self) -> "HeavyLoad":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(120)

    async def _run(self) -> None:
        limits = httpx.Limits(max_connections=self.sparql + self.rest + 4)
        async with httpx.AsyncClient(base_url=self.base, timeout=120, limits=limits) as http:
            clients = [self._client(http, "sparql", n) for n in range(self.sparql)]
            clients += [self._client(http, "rest", n) for n in range(self.rest)]
            await asyncio.gather(*clients)

    async def _client(self, http: httpx.AsyncClient, kind: str, n: int) -> None:
        while not self._stop.is_set():
            try:
                if kind == "sparql":
                    answer = await http.get("/sparql", params={"query": heavy_sparql(n)})
                else:
                    answer = await http.get(heavy_rest(n))
                self.codes[f"{kind} {answer.status_code}"] += 1
            except httpx.HTTPError as exc:
                self.codes[f"{kind} {type(exc).__name__}"] += 1


def probe(base: str, probes: int, seconds: float) -> dict[str, list[float]]:
    """Latencies of the light requests, taken in turn, ``probes`` of each or ``seconds`` at most."""
    taken: dict[str, list[float]] = {name: [] for name in LIGHT}
    deadline = time.monotonic() + seconds
    with httpx.Client(base_url=base, timeout=60) as http:
        for _ in range(probes):
            for name, path in LIGHT.items():
                started = time.monotonic()
                answer = http.get(path)
                took = time.monotonic() - started
                if answer.status_code != 200:
                    print(f"{name}: {answer.status_code} after {took:.2f} s: {answer.text[:100]}", file=sys.stderr)
                taken[name].append(took if answer.status_code == 200 else float("inf"))
            if time.monotonic() > deadline:
                break
            time.sleep(0.05)
    return taken


def percentiles(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def report(idle: dict[str, list[float]], loaded: dict[str, list[float]]) -> str:
    lines = [f"{'request':<20}{'idle p50 ms':>12}{'idle p95 ms':>12}{'load p50 ms':>12}{'load p95 ms':>12}"
             f"{'p95 ratio':>10}{'probes':>8}"]
    for name in LIGHT:
        (i50, i95), (l50, l95) = percentiles(idle[name]), percentiles(loaded[name])
        lines.append(f"{name:<20}{1000 * i50:>12.1f}{1000 * i95:>12.1f}{1000 * l50:>12.1f}{1000 * l95:>12.1f}"
                     f"{l95 / i95 if i95 else 0:>10.1f}{len(loaded[name]):>8}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, help="an ingested store (default: the bundled corpus, ingested now)")
    parser.add_argument("--heavy-sparql", type=int, default=8)
    parser.add_argument("--heavy-rest", type=int, default=40)
    parser.add_argument("--probes", type=int, default=60, help="probes of each light request, idle and under load")
    parser.add_argument("--seconds", type=float, default=30.0, help="time cap of the probes under load")
    parser.add_argument("--settle", type=float, default=3.0, help="seconds of heavy load before probing")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="govkg-bench-starve-") as folder:
        store = args.store or corpus_store(Path(folder))
        with govkg_serve(store) as base:
            for path in LIGHT.values():                       # warm caches and workers
                httpx.get(base + path, timeout=60)
            idle = probe(base, args.probes, args.seconds)
            with HeavyLoad(base, args.heavy_sparql, args.heavy_rest) as load:
                time.sleep(args.settle)
                loaded = probe(base, args.probes, args.seconds)
                codes = dict(load.codes)
    print(f"govkg serve over {args.store or 'the bundled corpus'}; under load: {args.heavy_sparql} heavy SPARQL "
          f"+ {args.heavy_rest} heavy REST requests kept in flight (2 cores shared by client and server)")
    print(report(idle, loaded))
    print("heavy answers during the run:", ", ".join(f"{k}: {v}" for k, v in sorted(codes.items())))


if __name__ == "__main__":
    main()
