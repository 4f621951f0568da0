"""Every gap kind of the registry reaches every place that shows kinds: a colour on the network
page and its legend, labels in both languages on the pages, an option in the filters."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from govkg.api.app import create_app
from govkg.api.network import GAP_PRIORITY, gap_color, legend
from govkg.api.routers.pages import messages
from govkg.api.settings import Settings
from govkg.kg.documents import ingest_document
from govkg.kg.oxigraph_store import OxigraphStore
from govkg.ontology.gap_kinds import GAP_KINDS
from tests.api_rest.sample import zh_document


@pytest.fixture
def client():
    store = OxigraphStore()
    ingest_document(store, zh_document())
    with TestClient(create_app(Settings(), store)) as c:
        yield c


def test_no_kind_lacks_a_colour_on_the_network_page():
    shown = legend()
    assert set(GAP_PRIORITY) == set(GAP_KINDS) and len(shown["gaps"]) <= 5
    for code in GAP_KINDS:      # a serious kind has its own colour in the legend, the others the minor grey
        assert gap_color(code).startswith("#")
        assert shown["gaps"].get(code, shown["minor"]) == gap_color(code)


def test_the_pages_label_every_kind_in_both_languages():
    table = messages()
    for kind in GAP_KINDS.values():
        assert table[f"gap_{kind.code}"] == [kind.label_en, kind.label_zh]


def test_the_gap_page_offers_every_kind_and_explains_in_its_language(client):
    zh = client.get("/view/gaps", params={"lang": "zh"}).text
    en = client.get("/view/gaps", params={"lang": "en"}).text
    assert all(f'value="{code}"' in zh for code in GAP_KINDS)
    assert "未指明由谁应当" in zh and "nobody is named who must" not in zh
    assert "nobody is named who must" in en
    first = client.get("/gaps", params={"limit": 1}).json()["findings"][0]
    assert first["severity"] == max(f["severity"] for f in client.get("/gaps").json()["findings"])
