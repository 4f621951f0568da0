"""What a first-time user meets: the actor list, HTML 404s on the pages, a topic search that reads
the whole clause, names that are suggested, the matrix's no-bearer row, one heading per article,
example queries in both languages, and a command line that says what it is and what went wrong."""
from __future__ import annotations

import gc
import importlib.metadata
import re
import socket
import subprocess

import pytest
from fastapi.testclient import TestClient

from govkg.api.app import create_app
from govkg.api.settings import Settings
from govkg.kg import open_store, queries
from govkg.kg.documents import ingest_document
from govkg.kg.oxigraph_store import OxigraphStore
from tests.api_rest.sample import zh_document
from tests.conftest import GOVKG, free_port

extract = pytest.importorskip("govkg.ingest.extract", reason="extraction is not available")


@pytest.fixture(scope="module")
def store(corpus_dir):
    store = OxigraphStore()
    ingest_document(store, zh_document())
    for name in ("zh_civil_code_book2_ch6_building_ownership.md", "zh_work_safety_law.md"):
        ingest_document(store, extract.extract_path(corpus_dir / name))
    return store


@pytest.fixture(scope="module")
def client(store):
    with TestClient(create_app(Settings(), store)) as c:
        yield c


def test_the_actor_list_page_lists_filters_and_suggests_names(client):
    every = client.get("/view/actors")
    assert every.status_code == 200 and 'href="/view/actors/%E8%A1%97%E9%81%93%E5%8A%9E%E4%BA%8B%E5%A4%84' in every.text
    street = client.get("/view/actors", params={"q": "街道"}).text
    assert "街道办事处" in street and "生产经营单位" not in street
    typo = client.get("/view/actors", params={"q": "街道办室", "lang": "zh"}).text
    assert "您是否要找" in typo and "街道办事处" in typo
    assert 'href="/view/actors?lang=en"' in client.get("/").text       # reachable from every page


def test_unknown_page_addresses_answer_an_html_404_and_the_api_stays_json(client):
    for path in ("/view/nothing", "/view/documents/no-such-doc", "/view/actors/no-such-actor"):
        page = client.get(path, params={"lang": "zh"})
        assert page.status_code == 404 and page.headers["content-type"].startswith("text/html"), path
        assert "未找到" in page.text and '{"detail"' not in page.text, path
    api = client.get("/no-such-resource")
    assert api.status_code == 404 and api.headers["content-type"] == "application/json"


def test_a_topic_is_found_in_the_clause_not_only_in_the_action(store):
    found = [n for r in queries.responsible_for(store, "维修资金") for n in r.norms]
    assert any("维修资金" not in n.action and "维修资金" in n.text for n in found)   # 维修资金的筹集…应当定期公布
    assert all("维修资金" in n.action + n.text for n in found)
    plans = [n for r in queries.responsible_for(store, "应急预案") for n in r.norms]
    assert any("应急救援预案" in n.text for n in plans)                              # a compound found by its halves


def test_the_matrix_names_the_row_of_duties_with_no_bearer(client):
    rows = client.get("/matrix", params={"topics": "物业管理,维修资金"}).json()["rows"]
    nobody = [r for r in rows if r["actor"] == ""]
    assert nobody and nobody[0]["label"] == queries.NO_BEARER
    assert "(no bearer / 未指明承担者)" in client.get("/matrix", params={"topics": "物业管理", "format": "csv"}).text


def test_each_article_heading_is_shown_once_on_the_document_page(client):
    page = client.get("/view/documents/zh_work_safety_law").text
    first = re.search(r'<article class="provision" id="p-第一章/第一条">(.*?)</article>', page, re.S).group(1)
    assert first.count("第一条") == 1 and '<strong class="heading">第一条</strong>' in first
    second = re.search(r'<article class="provision" id="p-第一章/第二条">(.*?)</article>', page, re.S).group(1)
    assert second.count("第二条") == 1


def test_example_queries_are_named_in_the_page_language(client):
    html = {"Accept": "text/html"}
    zh = client.get("/sparql", params={"lang": "zh"}, headers=html).text
    assert "某主体的规范" in zh and "缺口：无承担者的义务" in zh and '<html lang="zh-Hans">' in zh
    en = client.get("/sparql", headers=html).text
    assert "Norms of an actor" in en and "What must the controller do" in en and "某主体的规范" not in en


# ---- the command line --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def disk_store(tmp_path_factory):
    location = tmp_path_factory.mktemp("first-use") / "store"
    opened = open_store(str(location))
    ingest_document(opened, zh_document())
    opened.close()
    del opened
    gc.collect()
    return location


def _govkg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*GOVKG, *args], capture_output=True, text=True, timeout=120)


def test_the_command_says_its_version():
    done = _govkg("--version")
    assert done.returncode == 0 and done.stdout.strip() == f"govkg {importlib.metadata.version('govkg')}"


def test_a_busy_port_is_one_line_that_names_it_and_the_option(disk_store):
    port = free_port()
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", port))
        holder.listen()
        for command in ("serve", "up"):
            done = _govkg(command, "--port", str(port), "--store", str(disk_store))
            assert done.returncode == 1, command
            lines = done.stderr.strip().splitlines()
            assert len(lines) == 1 and str(port) in lines[0] and "--port" in lines[0], done.stderr
            assert "serving" not in done.stderr and "ingested" not in done.stderr and "Traceback" not in done.stderr


def test_an_actor_that_is_not_there_gets_the_names_it_may_mean(disk_store):
    part = _govkg("norms", "--actor", "街道", "--store", str(disk_store))
    assert part.returncode == 0 and "no actor named '街道'" in part.stderr and "街道办事处" in part.stderr
    typo = _govkg("norms", "--actor", "居民委员汇", "--store", str(disk_store))
    assert "居民委员会" in typo.stderr
    by_name = _govkg("norms", "--actor", "街道办事处", "--format", "json", "--store", str(disk_store))
    assert "共同开展安全检查" in by_name.stdout
    listed = _govkg("actors", "--format", "csv", "--store", str(disk_store))
    assert listed.returncode == 0 and listed.stdout.splitlines()[0] == "actor,id,norms,documents,types"
    assert any(line.startswith("街道办事处,") for line in listed.stdout.splitlines())
