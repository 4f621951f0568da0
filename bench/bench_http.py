"""SPARQL over HTTP: govkg serve against Oxigraph server (the limit) and rdflib-endpoint (the
Python peer), holding the same quads, timed in one run on loopback.

    /work/venv/bin/python bench/bench_http.py [--copies 10] [--nquads FILE] [--reps 200] [--baseline CHECKOUT]

The data is the bundled corpus ingested by ``govkg ingest`` (or ``--nquads FILE``), copied
``--copies`` times under new document IRIs (actors stay shared, as across real laws) to give the
heavy queries work to do. Every server answers the same queries with SPARQL JSON; the row counts
are compared so that no server wins by answering something else. Loops are bounded by a count
and by a time budget per query; servers bind 127.0.0.1 and are stopped at the end.
rdflib-endpoint is a bench-only dependency (``pip install rdflib-endpoint``). ``--baseline``
serves a copy of the same store from another checkout of govkg as well (the code before a
change, say), taking turns with the others: a before/after in one run.
"""
from __future__ import annotations

import argparse
import contextlib
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.conftest import free_port, running_server  # noqa: E402  (one way to start and stop a server)

BIN = Path(sys.executable).parent
CORPUS = ROOT / "ingest" / "corpus"
ID_SEGMENT = re.compile(r"(https://w3id\.org/govkg/id/(?:doc|graph|norm)/)([^/>\"]+)")

P = "PREFIX gov: <https://w3id.org/govkg/ontology#>\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
LIGHT = {
    "norms of one actor": P + """SELECT ?norm ?action WHERE { GRAPH ?g {
        ?norm gov:hasBearer <https://w3id.org/govkg/id/actor/居民委员会> ; gov:action ?action } } LIMIT 20""",
    "ask a duty exists": P + "ASK { GRAPH ?g { ?n a gov:Obligation ; gov:hasBearer ?a } }",
    "labels of ten actors": P + "SELECT ?a ?l WHERE { GRAPH ?g { ?a skos:prefLabel ?l } } LIMIT 10",
}
HEAVY = {
    "norms per actor": P + """SELECT ?actor (COUNT(DISTINCT ?norm) AS ?norms) WHERE {
        GRAPH ?g { ?norm gov:hasBearer ?actor } } GROUP BY ?actor ORDER BY DESC(?norms)""",
    "shared duties": P + """SELECT ?norm (COUNT(DISTINCT ?a) AS ?bearers) WHERE {
        GRAPH ?g { ?norm a gov:Norm ; gov:hasBearer ?a , ?b FILTER(?a != ?b) } } GROUP BY ?norm""",
    "unassigned duties": P + """SELECT ?norm ?action WHERE { GRAPH ?g {
        ?norm a gov:Obligation ; gov:action ?action FILTER NOT EXISTS { ?norm gov:hasBearer ?x } } }""",
    "modality by document": P + """SELECT ?g ?m (COUNT(?n) AS ?c) WHERE { GRAPH ?g {
        ?n a ?m ; gov:statedIn ?p . ?p gov:text ?t FILTER(STRLEN(?t) > 10) } } GROUP BY ?g ?m""",
}


def corpus_quads(work: Path) -> bytes:
    """The bundled corpus ingested by ``govkg ingest``, exported as N-Quads."""
    files = sorted(str(p) for p in CORPUS.iterdir() if p.suffix in {".md", ".txt"} and p.name != "SOURCES.md")
    store = work / "ingested"
    subprocess.run([str(BIN / "govkg"), "ingest", "--store", str(store), *files], check=True,
                   stdout=subprocess.DEVNULL)
    from govkg.kg.oxigraph_store import OxigraphStore
    with OxigraphStore(store) as opened:
        return opened.dump("application/n-quads")


def scaled(quads: bytes, copies: int) -> bytes:
    """``copies`` copies of the dataset, each under its own document, graph and norm IRIs."""
    text = quads.decode("utf-8")
    parts = [text]
    for copy in range(1, copies):
        parts.append(ID_SEGMENT.sub(lambda m, c=copy: f"{m.group(1)}{m.group(2)}-copy{c}", text))
    return "".join(parts).encode("utf-8")


def load_stores(data: Path, work: Path) -> tuple[Path, Path]:
    from govkg.kg.oxigraph_store import OxigraphStore
    govkg_store, oxigraph_store = work / "govkg-store", work / "oxigraph-store"
    with OxigraphStore(govkg_store) as store:
        store.load(data.read_bytes(), "application/n-quads")
    subprocess.run([str(BIN / "oxigraph"), "load", "--location", str(oxigraph_store), "--file", str(data)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return govkg_store, oxigraph_store


def ask(client: httpx.Client, url: str, query: str) -> int:
    """Run a query; the number of rows (or 1 for an ASK)."""
    answer = client.post(url, data={"query": query}, headers={"Accept": "application/sparql-results+json"})
    if answer.status_code != 200:
        raise RuntimeError(f"{url} answered {answer.status_code}: {answer.text.strip()[:300]}")
    body = answer.json()
    return 1 if "boolean" in body else len(body["results"]["bindings"])


def timed(client: httpx.Client, urls: list[str], query: str, reps: int, budget: float) -> list[tuple[float, int]]:
    """Per URL: median seconds over at most ``reps`` runs within ``budget`` seconds, and the row
    count. The URLs take turns run by run, so that a change in the machine's load (it is shared)
    weighs on every server alike rather than on whichever ran at the time; the order of a turn is
    shuffled (seeded), so that no server always runs right after another one's answer, while that
    one may still be finishing its request on a core they share."""
    rows = [ask(client, url, query) for url in urls]        # warm-up
    times: list[list[float]] = [[] for _ in urls]
    order = list(range(len(urls)))
    shuffle = random.Random(len(query)).shuffle
    deadline = time.monotonic() + budget * len(urls)
    while len(times[0]) < reps and (not times[0] or time.monotonic() < deadline):
        shuffle(order)
        for index in order:
            started = time.perf_counter()
            ask(client, urls[index], query)
            times[index].append(time.perf_counter() - started)
    return [(statistics.median(spent), count) for spent, count in zip(times, rows)]


def listener(port: int) -> psutil.Process:
    """The process that listens on ``port`` of this machine."""
    for conn in psutil.net_connections(kind="tcp"):
        if conn.status == psutil.CONN_LISTEN and conn.laddr.port == port and conn.pid:
            return psutil.Process(conn.pid)
    raise RuntimeError(f"nothing listens on port {port}")


def cpu_seconds(process: psutil.Process) -> float:
    """CPU seconds (user + system) of ``process`` and of its live children (query workers)."""
    total = 0.0
    for each in [process, *process.children(recursive=True)]:
        try:
            times = each.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


def settled(servers, quiet: float = 0.05, timeout: float = 120.0) -> None:
    """Wait until the servers (and their query workers, which start after the server answers)
    use less than ``quiet`` of a core over a second: timing the first query while workers
    start would time the start."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        before = sum(cpu_seconds(server) for server in servers)
        time.sleep(1.0)
        if sum(cpu_seconds(server) for server in servers) - before < quiet:
            return


def cpu_per_request(client: httpx.Client, url: str, server: psutil.Process, query: str, count: int) -> float:
    """The server's CPU seconds per request over ``count`` runs of ``query``: unlike the wall
    clock, this does not move with the machine's load. The kernel counts CPU time in ticks of
    10 ms: over 400 light requests, to 0.025 ms a request."""
    before = cpu_seconds(server)
    for _ in range(count):
        ask(client, url, query)
    return (cpu_seconds(server) - before) / count


def run(args: argparse.Namespace, work: Path) -> None:
    data = work / "data.nq"
    quads = Path(args.nquads).read_bytes() if args.nquads else corpus_quads(work)
    data.write_bytes(scaled(quads, args.copies))
    lines = data.read_bytes().count(b"\n")
    print(f"dataset: {lines} quads ({args.copies} copies of "
          f"{'the ingested corpus' if not args.nquads else args.nquads})")
    govkg_store, oxigraph_store = load_stores(data, work)
    ports = [free_port() for _ in range(3)]
    with contextlib.ExitStack() as stack:
        def start(args: list[str], port: int, ready: str) -> str:
            # rdflib-endpoint loads the whole dataset before it answers: minutes, at scale
            return stack.enter_context(running_server(args, port, ready_path=ready, timeout=600))

        endpoints = {
            "govkg": start([str(BIN / "govkg"), "serve", "--store", str(govkg_store), "--port", str(ports[0]),
                            "--query-timeout", "300"], ports[0], "/sparql") + "/sparql",
            "oxigraph": start([str(BIN / "oxigraph"), "serve-read-only", "--location", str(oxigraph_store),
                               "--bind", f"127.0.0.1:{ports[1]}"], ports[1], "/query?query=ASK%7B%7D") + "/query",
        }
        if not args.without_rdflib:
            endpoints["rdflib"] = start([str(BIN / "rdflib-endpoint"), "serve", str(data), "--host", "127.0.0.1",
                                         "--port", str(ports[2])], ports[2], "/?query=ASK%7B%7D") + "/"
        if args.baseline:
            shutil.copytree(govkg_store, work / "baseline-store")      # one store, one server (RocksDB's lock)
            port = free_port()          # -P: the other checkout's govkg, not the one in this folder
            serve = [sys.executable, "-P", "-m", "govkg", "serve", "--store", str(work / "baseline-store"),
                     "--port", str(port), "--query-timeout", "300"]
            endpoints["baseline"] = stack.enter_context(running_server(
                serve, port, env={"PYTHONPATH": str(Path(args.baseline).resolve())}, ready_path="/sparql",
                timeout=600)) + "/sparql"
        servers = {name: listener(int(url.rsplit(":", 1)[1].split("/")[0])) for name, url in endpoints.items()
                   if name != "rdflib"}
        settled(servers.values())
        with httpx.Client(timeout=args.rdflib_timeout) as client:
            report(client, endpoints, servers, args)


def report(client: httpx.Client, endpoints: dict[str, str], servers: dict[str, psutil.Process],
           args: argparse.Namespace) -> None:
    timed_names = [name for name in ("govkg", "oxigraph", "baseline") if name in endpoints]
    baseline = "baseline" in endpoints
    print(f"{'query':24} {'kind':6} {'rows':>6} {'govkg ms':>10} {'oxigraph ms':>12} {'rdflib ms':>10} "
          f"{'govkg/oxigraph':>15} {'rdflib/govkg':>13} {'server CPU ms govkg':>20} {'oxigraph':>9}"
          + (f" {'baseline/oxigraph':>18} {'baseline CPU ms':>16}" if baseline else ""))
    ratios: dict[str, list[tuple[float, float]]] = {"light": [], "heavy": []}
    for kind, queries in (("light", LIGHT), ("heavy", HEAVY)):
        for name, query in queries.items():
            reps = args.reps if kind == "light" else args.heavy_reps or max(3, min(args.reps, 30) // 6)
            measured = timed(client, [endpoints[each] for each in timed_names], query, reps, args.budget)
            (gk, rows), (ox, ox_rows) = measured[:2]
            (rl, rl_rows) = (timed(client, [endpoints["rdflib"]], query, max(2, reps // 10), args.budget)[0]
                             if "rdflib" in endpoints else (float("nan"), rows))
            if not rows == ox_rows == rl_rows or any(count != rows for _, count in measured):
                print(f"  ! row counts differ for {name}: govkg {rows}, oxigraph {ox_rows}, rdflib {rl_rows}, "
                      f"all timed {[count for _, count in measured]}")
            ratios[kind].append((gk / ox, rl / gk))
            cpu = {each: cpu_per_request(client, endpoints[each], servers[each], query, max(3, reps * 2))
                   for each in timed_names}
            print(f"{name:24} {kind:6} {rows:>6} {gk * 1e3:>10.2f} {ox * 1e3:>12.2f} {rl * 1e3:>10.1f} "
                  f"{gk / ox:>15.2f} {rl / gk:>13.1f} {cpu['govkg'] * 1e3:>20.3f} {cpu['oxigraph'] * 1e3:>9.3f}"
                  + (f" {measured[2][0] / ox:>18.2f} {cpu['baseline'] * 1e3:>16.3f}" if baseline else ""))
    for kind, pairs in ratios.items():
        print(f"{kind}: govkg/oxigraph geometric mean {geomean([a for a, _ in pairs]):.2f} "
              f"(target <= {1.3 if kind == 'light' else 1.1} on every query), "
              f"rdflib/govkg geometric mean {geomean([b for _, b in pairs]):.1f}"
              + (" (target >= 10)" if kind == "heavy" else ""))


def geomean(values: list[float]) -> float:
    return statistics.geometric_mean(values) if values else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10, help="copies of the corpus to load (default 10)")
    parser.add_argument("--nquads", help="load this N-Quads file instead of ingesting the corpus")
    parser.add_argument("--reps", type=int, default=200, help="timed runs of a light query (a heavy one: a sixth of this, "
                        "3 to 5; rdflib-endpoint: a tenth, 2 at least)")
    parser.add_argument("--heavy-reps", type=int, default=0,
                        help="timed runs of a heavy query (default: as --reps says), within --budget")
    parser.add_argument("--budget", type=float, default=20.0, help="seconds of timed runs per query and server")
    parser.add_argument("--rdflib-timeout", type=float, default=600.0, help="HTTP timeout, seconds")
    parser.add_argument("--without-rdflib", action="store_true",
                        help="compare with Oxigraph's server only (rdflib-endpoint takes most of the run's time)")
    parser.add_argument("--baseline", metavar="CHECKOUT",
                        help="also serve the store from this checkout of govkg (python -m govkg), taking turns")
    parser.add_argument("--keep", action="store_true", help="keep the working folder")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="govkg-bench-http-"))
    try:
        run(args, work)
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
