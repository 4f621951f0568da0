"""REST resources and pages through the real app (TestClient) over a real in-memory Oxigraph store."""
from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient

from govkg.api.app import create_app
from govkg.api.network import external_sources
from govkg.ingest.records import RELATION_KINDS
from govkg.api.settings import Settings
from govkg.kg.documents import ingest_document
from govkg.kg.oxigraph_store import OxigraphStore
from tests.api_rest.sample import EVIL, zh_document

TOKEN = "s3cret"


@pytest.fixture
def client():
    store = OxigraphStore()
    ingest_document(store, zh_document())
    with TestClient(create_app(Settings(write_token=TOKEN, max_upload_bytes=2000), store)) as c:
        yield c


def _actor_id(client, label_part: str) -> str:
    actors = client.get("/actors", params={"q": label_part}).json()["actors"]
    assert actors, label_part
    return actors[0]["id"]


def test_actors_are_listed_searched_and_filtered_by_type(client):
    every = client.get("/actors").json()["actors"]
    assert {a["label"] for a in every} >= {"街道办事处", "有关部门", EVIL}
    found = client.get("/actors", params={"q": "街道"}).json()["actors"]
    assert [a["label"] for a in found] == ["街道办事处"]
    vague = client.get("/actors", params={"type": "VagueActor"}).json()["actors"]
    assert [a["label"] for a in vague] == ["有关部门"]
    bad = client.get("/actors", params={"type": "x y"})
    assert bad.status_code == 400 and "actor type" in bad.json()["error"]


def test_one_actor_has_norms_powers_supervisors_and_documents(client):
    street = client.get("/actors/街道办事处").json()
    assert street["actor"]["documents"] == ["sample_zh"]
    assert {n["action"] for n in street["norms"]} == {"共同开展安全检查", "对居民委员会的工作进行监督"}
    assert [p["action"] for p in street["powers"]] == ["对居民委员会的工作进行监督"]
    committee = client.get(f"/actors/{_actor_id(client, '居民委员会')}").json()
    assert [s["label"] for s in committee["supervisors"]] == ["街道办事处"]
    norms = client.get("/actors/街道办事处/norms", params={"modality": "permission"}).json()["norms"]
    assert [n["modality"] for n in norms] == ["permission"]
    missing = client.get("/actors/nobody-at-all")
    assert missing.status_code == 404 and "nobody-at-all" in missing.json()["error"]


def test_norms_filter_by_words_modality_document_and_share_a_duty(client):
    by_words = client.get("/norms", params={"q": "物业管理"}).json()["norms"]
    assert {n["action"] for n in by_words} == {"协助人民政府做好物业管理工作", "报告物业管理情况", "公开物业管理费用"}
    assert client.get("/norms", params={"modality": "prohibition"}).json()["norms"] == []
    assert client.get("/norms", params={"doc": "other"}).json()["norms"] == []
    shared = next(n for n in client.get("/norms", params={"q": "安全检查"}).json()["norms"])
    assert {b["role"] for b in shared["bearers"]} == {"joint"} and len(shared["bearers"]) == 2
    bearers = client.get(f"/norms/{shared['id']}/bearers").json()
    assert sorted(b["label"] for b in bearers) == sorted(b["label"] for b in shared["bearers"])
    assert client.get("/norms", params={"modality": "maybe"}).status_code == 400


def test_a_quote_in_a_search_cannot_change_the_query(client):
    for hostile in ['") } UNION { ?a ?b ?c } #', "\\u0022 ) }", "' OR 1=1"]:
        assert client.get("/actors", params={"q": hostile}).json()["actors"] == []
        assert client.get("/norms", params={"q": hostile}).json()["norms"] == []


def test_responsible_for_a_topic_lists_bearers_and_nobody_last(client):
    answer = client.get("/responsible", params={"topic": "物业管理"}).json()["responsible"]
    assert answer[-1]["actor"] is None
    assert answer[-1]["norms"][0]["action"] == "公开物业管理费用"


def test_documents_list_and_detail(client):
    docs = client.get("/documents").json()["documents"]
    assert [d["doc"] for d in docs] == ["sample_zh"] and docs[0]["norms"] == 6
    detail = client.get("/documents/sample_zh").json()
    assert [p["key"] for p in detail["provisions"]] == ["第一条", "第二条", "第三条", "第四条", "第五条"]
    assert detail["modalities"] == {"obligation": 5, "permission": 1}
    assert client.get("/documents/none").status_code == 404


def test_provision_text_comes_with_spans_of_its_norms(client):
    body = client.get("/provisions/sample_zh/第三条").json()
    assert body["text"].startswith("第三条")
    clauses = {body["text"][s["start"]:s["end"]] for s in body["spans"]}
    assert clauses == {"街道办事处和居民委员会应当共同开展安全检查", "街道办事处对居民委员会的工作进行监督"}
    assert client.get("/provisions/sample_zh/第九条").status_code == 404


def test_gaps_as_json_and_csv_filtered_by_kind(client):
    findings = client.get("/gaps", params={"kind": "unassigned"}).json()["findings"]
    assert [(f["kind"], f["article"]) for f in findings] == [("unassigned", "第五条")]
    rows = list(csv.DictReader(io.StringIO(client.get("/gaps", params={"format": "csv"}).text)))
    assert {r["kind"] for r in rows} >= {"unassigned", "vague-actor", "shared-no-lead"}
    bad = client.get("/gaps", params={"kind": "nonsense"})
    assert bad.status_code == 400 and "nonsense" in bad.json()["error"]


def test_matrix_as_json_and_csv(client):
    body = client.get("/matrix", params={"topics": "物业管理,安全检查"}).json()
    street = next(r for r in body["rows"] if r["label"] == "街道办事处")
    assert (street["物业管理"], street["安全检查"]) == (0, 1)
    rows = list(csv.reader(io.StringIO(client.get("/matrix", params={"topics": "安全检查", "format": "csv"}).text)))
    assert rows[0] == ["actor", "label", "安全检查"]
    assert sorted(r[1] for r in rows[1:] if r[2] != "0") == sorted(["街道办事处", client.get(
        f"/actors/{_actor_id(client, '居民委员会')}").json()["actor"]["label"]])
    assert client.get("/matrix", params={"topics": " , "}).status_code == 400


def test_writes_need_the_token_and_bad_uploads_are_refused(client):
    assert client.delete("/documents/sample_zh").status_code == 401
    files = {"file": ("../../etc/x.exe", b"hello", "application/octet-stream")}
    refused = client.post("/documents", files=files, headers={"Authorization": f"Bearer {TOKEN}"})
    assert refused.status_code == 422 and ".exe" in refused.json()["error"]
    big = {"file": ("big.txt", b"x" * 3000, "text/plain")}
    too_big = client.post("/documents", files=big, headers={"Authorization": f"Bearer {TOKEN}"})
    assert too_big.status_code == 413
    assert client.get("/documents").json()["documents"][0]["norms"] == 6
    assert client.delete("/documents/sample_zh", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 204
    assert client.get("/documents").json()["documents"] == []
    assert client.delete("/documents/sample_zh", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 404


@pytest.mark.parametrize("path", ["/", "/view/actors/街道办事处", "/view/documents/sample_zh", "/view/gaps",
                                  "/view/search?q=物业管理", "/network?doc=sample_zh",
                                  "/network?view=norms&doc=sample_zh&article=4"])
def test_pages_escape_document_text(client, path):
    page = client.get(path)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "<script>window.__pwned" not in page.text
    assert "onerror=\"window" not in page.text
    assert external_sources(page.text) == []


def test_pages_speak_zh_and_en(client):
    zh = client.get("/view/gaps", params={"lang": "zh"}).text
    en = client.get("/view/gaps", headers={"Accept-Language": "en-GB,en;q=0.8"}).text
    assert "责任缺口报告" in zh and "Gap report" in en
    assert "责任缺口报告" in client.get("/view/gaps", headers={"Accept-Language": "zh-CN,zh;q=0.9"}).text


def test_document_page_highlights_norms_by_modality_with_anchors(client):
    html = client.get("/view/documents/sample_zh").text
    assert html.count('<mark class="norm') == 6
    assert 'id="p-第三条"' in html and "#16a34a" in html   # permission colour on the oversight clause


def test_unknown_pages_are_404_pages(client):
    page = client.get("/view/actors/none-such")
    assert page.status_code == 404 and "none-such" in page.text


def test_network_default_is_actors_with_typed_relations_to_their_clauses(client):
    data = client.get("/network.json").json()
    assert data["view"] == "actors" and all(n["kind"] for n in data["nodes"])
    kinds = {n["id"]: n["kind"] for n in data["nodes"]}
    between = [e for e in data["edges"] if kinds[e["from"]] == kinds[e["to"]] == "actor"]
    assert between and all(e["relation"] in RELATION_KINDS and e["clauses"] for e in between)
    found = {(e["from"], e["relation"], e["to"]) for e in between}
    assert ("a:街道办事处", "supervises", "a:居民委员会") in found and ("a:居民委员会", "assists", "a:人民政府") in found
    clause = next(e for e in between if e["relation"] == "supervises")["clauses"][0]
    assert client.get(f"/provisions/{clause['doc']}/{clause['path']}").json()["label"] == "第三条"
    nobody = [n for n in data["nodes"] if n["kind"] == "nobody"]
    assert nobody and nobody[0]["rings"] == ["unassigned"]


def test_network_views_start_from_a_question(client):
    ego = client.get("/network.json", params={"actor": "居民委员会"}).json()
    assert {n["kind"] for n in ego["nodes"]} >= {"actor", "duties"}
    assert all("a:居民委员会" in (e["from"], e["to"]) for e in ego["edges"])
    topic = client.get("/network.json", params={"topic": "物业管理"}).json()
    assert {n["action"] for n in topic["nodes"] if n["kind"] == "norm"} >= {"协助人民政府做好物业管理工作"}
    vague = client.get("/network.json", params={"gap": "vague-actor"}).json()
    assert [n["actor"] for n in vague["nodes"] if n["kind"] == "actor"] == ["有关部门"]
    assert client.get("/network.json", params={"gap": "bogus"}).status_code == 400
    assert client.get("/network.json", params={"actor": "街道"}).status_code == 404
    assert "街道办事处" in client.get("/network", params={"actor": "街道"}).text


def test_norm_view_draws_one_article_or_actor_never_a_whole_law(client):
    data = client.get("/network.json", params={"view": "norms", "doc": "sample_zh", "article": 5}).json()
    unassigned = [n for n in data["nodes"] if n.get("gap") == "unassigned"]
    assert [n["clause"] for n in unassigned] == ["应当公开物业管理费用"]
    own = client.get("/network.json", params={"view": "norms", "actor": "有关部门"}).json()
    assert [n["action"] for n in own["nodes"] if n["kind"] == "norm"] == ["及时处理居民的投诉"]
    assert client.get("/network.json", params={"view": "norms", "doc": "sample_zh"}).status_code == 400


def test_gap_page_lists_a_bounded_number_of_each_kind(client, monkeypatch):
    from govkg.api.routers import pages
    report = client.get("/gaps").json()["findings"]
    kind = max({f["kind"] for f in report}, key=lambda k: sum(f["kind"] == k for f in report))
    count = sum(f["kind"] == kind for f in report)
    assert count >= 2
    monkeypatch.setattr(pages, "PAGE_FINDINGS_PER_KIND", 1)
    page = client.get("/view/gaps", params={"kind": kind, "lang": "en"}).text
    assert page.count('class="finding"') == 1
    assert f"The first 1 of {count} are shown" in page
    monkeypatch.setattr(pages, "PAGE_FINDINGS_PER_KIND", count)
    page = client.get("/view/gaps", params={"kind": kind, "lang": "en"}).text
    assert page.count('class="finding"') == count and "are shown" not in page


def test_gaps_come_in_pages_with_the_total(client):
    whole = client.get("/gaps").json()
    assert whole["total"] == len(whole["findings"]) >= 4
    pages = [client.get("/gaps", params={"offset": start, "limit": 3}) for start in range(0, whole["total"], 3)]
    assert all(p.headers["X-Total-Count"] == str(whole["total"]) for p in pages)
    assert [f for p in pages for f in p.json()["findings"]] == whole["findings"]
    rows = list(csv.DictReader(io.StringIO(client.get("/gaps", params={"format": "csv", "offset": 1, "limit": 2}).text)))
    assert [r["norm"] for r in rows] == [f["norm"] for f in whole["findings"][1:3]]
    assert client.get("/gaps", params={"limit": 0}).status_code == 422
    assert client.get("/gaps", params={"offset": whole["total"]}).json() == {"findings": [], "total": whole["total"], "dismissed": 0}


def test_akoma_ntoso_upload_is_ingested_and_bad_xml_is_refused(client):
    akn = (b'<?xml version="1.0"?><akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act><body>'
           b'<article eId="art_1"><num>Article 1</num><paragraph eId="art_1__para_1"><num>1.</num><content>'
           b'<p>The controller shall keep a record.</p></content></paragraph></article></body></act></akomaNtoso>')
    auth = {"Authorization": f"Bearer {TOKEN}"}
    stored = client.post("/documents", files={"file": ("law.akn.xml", akn, "application/xml")}, headers=auth)
    assert stored.status_code == 201 and stored.json()["doc"] == "law" and stored.json()["norms"] == 1
    bad = client.post("/documents", files={"file": ("bad.xml", akn[:-20], "application/xml")}, headers=auth)
    assert bad.status_code == 422 and "not well-formed XML" in bad.json()["error"]
