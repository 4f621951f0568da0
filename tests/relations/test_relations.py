"""Relations between actors: read from norms by the real pipeline, kept as RDF in the document's
graph, and scored against one law read by hand."""
from __future__ import annotations

from pathlib import Path

import pytest

from govkg.ingest.extract import extract_text
from govkg.ingest.norms import tags
from govkg.ingest.relations import RelationReader
from govkg.kg.documents import delete_document, ingest_document
from govkg.kg.oxigraph_store import OxigraphStore
from govkg.kg.queries import supervisors
from govkg.kg.relations import relations
from govkg.ontology.namespaces import ID
from tests.relations.scoring import read_reference, score

ROOT = Path(__file__).resolve().parents[2]
LAW = ROOT / "ingest" / "corpus" / "zh_urban_residents_committee_law.md"
REFERENCE = ROOT / "tests" / "data" / "relations" / "zh_urban_residents_committee_law.tsv"


def read(text: str, lang: str) -> set[tuple[str, str, str]]:
    """(source, kind, target) of every relation the norms of ``text`` state."""
    document = extract_text(text, "t", lang)
    reader, groups = RelationReader(document), {}
    for norm in document.norms:
        groups.setdefault((norm.start, norm.modality, norm.action), []).append(norm)
    return {(r.source, r.kind, r.target) for norms in groups.values() for r in reader(norms)}


@pytest.mark.parametrize("text, expected", [
    ("第一条 居民委员会应当协助街道办事处开展工作。", ("居民委员会", "assists", "街道办事处")),
    ("第一条 县级以上人民政府应急管理部门对生产经营单位进行监督检查。", ("县级以上人民政府应急管理部门", "supervises", "生产经营单位")),
    ("第一条 物业服务企业应当向业主委员会报告维修资金的使用情况。", ("物业服务企业", "informs", "业主委员会")),
    ("第一条 业主委员会应当接受业主的监督。", ("业主", "supervises", "业主委员会")),
    ("第一条 乡、民族乡、镇的人民政府对村民委员会的工作给予指导、支持和帮助。", ("乡、民族乡、镇的人民政府", "guides", "村民委员会")),
])
def test_a_zh_clause_states_a_relation(text, expected):
    assert expected in read(text, "zh")


def test_an_en_clause_states_a_relation():
    found = read("Article 1\nThe processor shall assist the controller in ensuring compliance. "
                 "The controller shall notify the supervisory authority without undue delay.", "en")
    kinds = {(kind, target.lower().removeprefix("the ")) for _, kind, target in found}
    assert ("assists", "controller") in kinds and ("informs", "supervisory authority") in kinds


def test_a_norm_without_another_actor_states_no_relation():
    assert read("第一条 居民委员会应当调解民间纠纷。", "zh") == set()


def test_joint_bearers_share_and_the_lead_leads():
    shared = read("第一条 街道办事处和居民委员会应当共同开展安全检查。", "zh")
    assert ("街道办事处", "shares", "居民委员会") in shared
    led = read("第一条 应急管理部门会同公安机关开展联合检查。", "zh")
    assert ("应急管理部门", "leads", "公安机关") in led


def test_relations_live_in_the_documents_graph_with_their_clauses(tmp_path):
    store = OxigraphStore(tmp_path / "store")
    ingest_document(store, extract_text(LAW.read_text(encoding="utf-8"), "law", "zh"))
    found = relations(store)
    assert found and all(view.clauses and view.clauses[0].provision.startswith("http") for view in found)
    assert {v.kind for v in found} >= {"guides", "assists", "informs", "supervises", "shares"}
    assert relations(store, doc="law", kinds=["guides"]) and all(v.kind == "guides" for v in relations(store, kinds=["guides"]))
    delete_document(store, "law")
    assert relations(store) == []


def test_relation_extraction_scores_on_the_hand_read_law(tmp_path):
    store = OxigraphStore(tmp_path / "store")
    ingest_document(store, extract_text(LAW.read_text(encoding="utf-8"), LAW.stem, "zh"))
    result = score(store, read_reference(REFERENCE))
    print(f"\nrelations of {LAW.name}: precision {result.precision:.2f} recall {result.recall:.2f} "
          f"({result.matched} matched, {result.predicted} found, {result.expected} by hand)")
    assert result.precision >= PRECISION_FLOOR and result.recall >= RECALL_FLOOR


PRECISION_FLOOR, RECALL_FLOOR = 0.65, 0.65   # measured: 0.67 and 0.67 (14 of 21 found, 14 of 21 by hand)


GDPR = ROOT / "ingest" / "corpus" / "en_gdpr_ch4.md"


@pytest.mark.parametrize("action, lang, oversight", [
    ("cooperate, on request, with the supervisory authority in the performance of its tasks", "en", False),
    ("make the record available to the supervisory authority on request", "en", False),
    ("allow for and contribute to audits, including inspections, conducted by the controller", "en", False),
    ("monitor compliance with this Regulation", "en", True),
    ("向负有安全生产监督管理职责的部门报告", "zh", False),
    ("接受居民的监督", "zh", False),
    ("对生产经营单位进行监督检查", "zh", True),
])
def test_oversight_is_what_the_bearer_does_not_a_name_or_what_it_undergoes(action, lang, oversight):
    assert ("oversight" in tags(action, action, "obligation", lang)) is oversight


def test_the_controller_is_not_shown_supervised_by_the_processor(tmp_path):
    store = OxigraphStore(tmp_path / "store")
    ingest_document(store, extract_text(GDPR.read_text(encoding="utf-8"), GDPR.stem, "en"))
    controller, processor = (f"{ID}actor/{name}" for name in ("controller", "processor"))
    over_controller = {b.label for b in supervisors(store, controller)}
    assert "processor" not in over_controller and "controller" not in {b.label for b in supervisors(store, processor)}
    assert "data protection officer" in over_controller      # who monitors compliance still does
