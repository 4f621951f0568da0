"""A real Virtuoso server for tests: a temporary database folder, a generated virtuoso.ini, free
ports for SQL and HTTP, the SPARQL account allowed to update (granted through ``isql-vt``)."""
from __future__ import annotations

import contextlib
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt")
MISSING = "virtuoso-t and isql-vt are not installed (apt-get install virtuoso-opensource)"

# The anonymous SPARQL account may update, and read and write graphs (permission bits 1 + 2), but
# not sponge (4: fetch the web, which LOAD needs). SERVICE stays allowed: revoking the roles that
# bring it (SPARQL_SPONGE, SPARQL_LOAD_SERVICE_DATA) also took the rights INSERT DATA needs.
GRANTS = ('GRANT SPARQL_UPDATE TO "SPARQL";',
          "DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 3);")


def virtuoso_ini(folder: Path, sql_port: int, http_port: int, buffers: int = 10000,
                 max_rows: int = 10_000_000) -> str:
    """A configuration with everything in ``folder``, listening on 127.0.0.1 only. Answers are
    not cut at Virtuoso's default of 10,000 rows (``max_rows``), nor queries at 60 s."""
    db = folder.resolve()
    return f"""[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = {db}
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {buffers * 3 // 4}
ThreadsPerQuery = 2
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {db}
ServerThreads = 8
[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = 0
MaxQueryCostEstimationTime = 0
"""


@dataclass(frozen=True)
class Virtuoso:
    """A running server: its SPARQL endpoint and the graphs it holds of its own."""

    base: str
    sql_port: int
    system_graphs: frozenset[str]

    @property
    def endpoint(self) -> str:
        return self.base + "/sparql"

    def clear(self) -> None:
        """Drop every graph a test wrote, keeping the server's own."""
        for graph in graphs(self.endpoint) - self.system_graphs:
            httpx.post(self.endpoint, data={"update": f"DROP SILENT GRAPH <{graph}>"}, timeout=300).raise_for_status()


def graphs(endpoint: str) -> set[str]:
    response = httpx.post(endpoint, data={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"},
                          headers={"Accept": "application/sparql-results+json"}, timeout=300)
    response.raise_for_status()
    return {row["g"]["value"] for row in response.json()["results"]["bindings"]}


ALREADY = ("U0013",)    # "already have role": granted before


def isql(sql_port: int, statement: str, attempts: int = 40) -> None:
    """Run one SQL statement as dba, retried only while the SQL listener is not up yet."""
    for _ in range(attempts):
        done = subprocess.run([ISQL, f"127.0.0.1:{sql_port}", "dba", "dba", f"exec={statement}"],
                              capture_output=True, text=True, timeout=60)
        said = done.stdout + done.stderr
        if "*** Error" in said:
            if any(code in said for code in ALREADY):
                return
            raise RuntimeError(f"isql-vt: {statement}: {said}")
        if done.returncode == 0:
            return
        time.sleep(0.5)
    raise RuntimeError(f"isql-vt could not connect: {said}")


@contextlib.contextmanager
def running_virtuoso(folder: Path, *, buffers: int = 10000, max_rows: int = 10_000_000) -> Iterator[Virtuoso]:
    """``virtuoso-t`` in the foreground over a new database in ``folder``, granted and ready."""
    from tests.conftest import free_port, running_server
    sql_port, http_port = free_port(), free_port()
    folder.mkdir(parents=True, exist_ok=True)
    ini = folder / "virtuoso.ini"
    ini.write_text(virtuoso_ini(folder, sql_port, http_port, buffers, max_rows), encoding="utf-8")
    args = [VIRTUOSO, "+foreground", "+configfile", str(ini)]
    with running_server(args, http_port, ready_path="/sparql?query=ASK%7B%7D", timeout=120,
                        log=folder / "console.log") as base:
        for statement in GRANTS:
            isql(sql_port, statement)
        yield Virtuoso(base, sql_port, frozenset(graphs(base + "/sparql")))
