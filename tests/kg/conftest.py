"""The stores for the contract suite: embedded Oxigraph in tmp_path, a live `oxigraph serve` and
a live Virtuoso (one server for the session, emptied after each test)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from govkg.ingest.records import Document, Norm, Provision, SanctionLink
from govkg.kg.oxigraph_store import OxigraphStore
from govkg.kg.server_store import ServerStore

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from conftest import free_port, running_server  # noqa: E402  (the root tests/conftest.py)
from virtuoso_support import MISSING, VIRTUOSO, running_virtuoso  # noqa: E402

OXIGRAPH = str(Path(sys.executable).parent / "oxigraph")


@pytest.fixture
def oxigraph_server(tmp_path):
    """A real `oxigraph serve` process on a free port; yields its base URL."""
    port = free_port()
    args = [OXIGRAPH, "serve", "--location", str(tmp_path / "server"), "--bind", f"127.0.0.1:{port}"]
    with running_server(args, port, ready_path="/query?query=ASK%7B%7D") as base:
        yield base


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory):
    """A real Virtuoso (``virtuoso-t``) for the whole session; skipped where it is not installed."""
    if VIRTUOSO is None:
        pytest.skip(MISSING)
    with running_virtuoso(tmp_path_factory.mktemp("virtuoso")) as server:
        yield server


@pytest.fixture(scope="module")
def fresh_virtuoso(tmp_path_factory):
    """A Virtuoso of the module's own that has held no other data: after a graph is loaded and
    dropped, Virtuoso 7.2 answers some one-document gap queries differently (README, "On a
    SPARQL server"), so the tests that compare findings across engines start from a new one."""
    if VIRTUOSO is None:
        pytest.skip(MISSING)
    with running_virtuoso(tmp_path_factory.mktemp("virtuoso-fresh")) as server:
        yield server


@pytest.fixture
def virtuoso(virtuoso_server):
    """The session's Virtuoso, emptied of what the test wrote."""
    yield virtuoso_server
    virtuoso_server.clear()


@pytest.fixture(params=["embedded", "server", "virtuoso"])
def store(request, tmp_path):
    if request.param == "embedded":
        opened = OxigraphStore(tmp_path / "store")
    elif request.param == "server":
        opened = ServerStore(request.getfixturevalue("oxigraph_server") + "/query")
    else:
        opened = ServerStore(request.getfixturevalue("virtuoso").endpoint)
    yield opened
    opened.close()


# ---- small documents built by hand (tests that must not depend on the extractor) ----

ART10 = "第十条 居民委员会应当向街道办事处报告工作。有关部门应当予以指导。"
ART11 = "第十一条 居民委员会和业主委员会应当共同维护公共秩序。"
ART12 = "第十二条 违反本法第十条规定的，由街道办事处责令改正。"


def residents_law(doc: str = "residents") -> Document:
    """Three articles: an information duty, a vague bearer, a shared duty, a sanction on 第十条."""
    text = "\n".join((ART10, ART11, ART12))
    s11, s12 = len(ART10) + 1, len(ART10) + len(ART11) + 2
    provisions = [
        Provision(doc, ("第十条",), 10, "第十条", ART10, 0, len(ART10)),
        Provision(doc, ("第十一条",), 11, "第十一条", ART11, s11, s11 + len(ART11)),
        Provision(doc, ("第十二条",), 12, "第十二条", ART12, s12, s12 + len(ART12)),
    ]
    norms = [
        Norm(doc, 10, "居民委员会", "obligation", "报告工作", start=4, end=21, provision="第十条",
             recipient="街道办事处", tags=("information",), actor_type="ResidentsCommittee"),
        Norm(doc, 10, "有关部门", "obligation", "予以指导", vague_actor=True, start=22, end=32, provision="第十条"),
        Norm(doc, 11, "居民委员会", "obligation", "维护公共秩序", start=s11 + 5, end=s11 + 25,
             provision="第十一条", role="joint"),
        Norm(doc, 11, "业主委员会", "obligation", "维护公共秩序", start=s11 + 5, end=s11 + 25,
             provision="第十一条", role="joint"),
        Norm(doc, 12, "街道办事处", "obligation", "责令改正", start=s12 + 5, end=s12 + 30, provision="第十二条",
             references=("第十条",), tags=("sanction",)),
    ]
    punished = [SanctionLink("第十二条", norm, "reference") for norm in norms[:2]]   # 违反本法第十条规定的
    return Document(doc=doc, text=text, lang="zh", title="居民委员会测试法", source=f"{doc}.md",
                    sha256="0" * 64, provisions=provisions, norms=norms, penalties=["第十二条"], sanctions=punished)


def gdpr_like(doc: str = "gdpr") -> Document:
    text = "Article 33\n1. The controller shall notify the supervisory authority of a breach."
    provisions = [Provision(doc, ("Article 33",), 33, "Article 33", text, 0, len(text)),
                  Provision(doc, ("Article 33", "1"), 33, "Article 33(1)", text[11:], 11, len(text))]
    norms = [Norm(doc, 33, "The controller", "obligation", "notify the supervisory authority of a breach",
                  start=14, end=len(text), provision="Article 33/1", recipient="supervisory authority",
                  tags=("information",))]
    return Document(doc=doc, text=text, lang="en", title="GDPR excerpt", source=f"{doc}.md",
                    provisions=provisions, norms=norms)


@pytest.fixture
def residents() -> Document:
    return residents_law()


@pytest.fixture
def gdpr() -> Document:
    return gdpr_like()
