"""The actor thesaurus is derived from the Turtle, and classify_actor types real corpus bearers."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import RDFS, Literal, URIRef
from rdflib.namespace import SKOS

from govkg.ontology.classtree import actor_classes
from govkg.ontology.namespaces import GOV
from govkg.ontology.source import ontology_graph
from govkg.ontology.thesaurus import ActorTerm, actor_terms, classify_actor

CORPUS = Path(__file__).resolve().parents[2] / "ingest" / "corpus"
VAGUE = URIRef(GOV + "VagueActor")


def _turtle_labels(cls: str, lang: str) -> set[str]:
    graph = ontology_graph()
    node = URIRef(GOV + cls)
    return {str(o) for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
            for o in graph.objects(node, p) if isinstance(o, Literal) and o.language == lang}


def _plural_of_some(label: str, labels: set[str]) -> bool:
    return any(label in (base + "s", base[:-1] + "ies") for base in labels)


def test_every_term_comes_from_the_turtle():
    graph = ontology_graph()
    for term in actor_terms():
        labels = _turtle_labels(term.cls, term.lang)
        assert term.label in labels or (term.lang == "en" and _plural_of_some(term.label, labels)), term
        is_vague = VAGUE in set(graph.transitive_objects(URIRef(GOV + term.cls), RDFS.subClassOf))
        assert term.vague == is_vague, term
        prefs = {str(o) for o in graph.objects(URIRef(GOV + term.cls), SKOS.prefLabel) if o.language == term.lang}
        assert prefs == {term.preferred}, term


def test_every_label_of_a_thesaurus_class_is_a_term():
    known = {(t.label, t.lang) for t in actor_terms()}
    for cls in actor_classes().values():
        if cls.in_thesaurus:
            for lang in ("zh", "en"):
                assert _turtle_labels(cls.name, lang) <= {label for label, l in known if l == lang}, cls.name


def test_terms_are_frozen_cached_and_name_one_class_each():
    terms = actor_terms()
    assert terms is actor_terms()
    assert isinstance(terms[0], ActorTerm)
    with pytest.raises(AttributeError):
        terms[0].label = "x"  # type: ignore[misc]
    keys = [(t.label.casefold(), t.lang) for t in terms]
    assert len(keys) == len(set(keys))


def test_colloquial_forms_and_vague_actors_are_covered():
    by_label = {(t.label, t.lang): t for t in actor_terms()}
    for label, cls in [("居委会", "ResidentsCommittee"), ("村委会", "VillagersCommittee"),
                       ("物业公司", "PropertyServiceEnterprise"), ("街道办", "SubdistrictOffice")]:
        assert by_label[(label, "zh")].cls == cls
        assert by_label[(label, "zh")].preferred == _pref(cls, "zh")
    for label, lang in [("有关部门", "zh"), ("相关部门", "zh"), ("有关单位", "zh"), ("其他有关部门", "zh"),
                        ("有关组织", "zh"), ("relevant authorities", "en"), ("competent authorities", "en"),
                        ("any person", "en")]:
        assert by_label[(label, lang)].vague, label


def _pref(cls: str, lang: str) -> str:
    return actor_classes()[cls].pref[lang]


REAL_BEARERS = [   # (file, bearer as written there, lang, expected class, vague)
    ("zh_work_safety_law.md", "生产经营单位的主要负责人", "zh", "PrincipalOfficer", False),
    ("zh_work_safety_law.md", "负有安全生产监督管理职责的部门", "zh", "WorkSafetySupervisionDepartment", False),
    ("zh_work_safety_law.md", "县级以上地方各级人民政府应急管理部门", "zh", "EmergencyManagementDepartment", False),
    ("zh_work_safety_law.md", "国务院有关部门", "zh", "RelevantDepartment", True),
    ("zh_work_safety_law.md", "生产经营单位的安全生产管理机构", "zh", "Body", False),
    ("zh_work_safety_law.md", "工会", "zh", "TradeUnion", False),
    ("zh_work_safety_law.md", "从业人员", "zh", "Employee", False),
    ("zh_villagers_committee_law.md", "乡、民族乡、镇的人民政府", "zh", "TownshipGovernment", False),
    ("zh_villagers_committee_law.md", "村民委员会成员", "zh", "CommitteeMember", False),
    ("zh_villagers_committee_law.md", "村务监督机构", "zh", "VillageAffairsSupervisoryBody", False),
    ("zh_urban_residents_committee_law.md", "不设区的市、市辖区的人民政府", "zh", "CountyLevelGovernment", False),
    ("zh_urban_residents_committee_law.md", "派出机关", "zh", "DispatchedAgency", False),
    ("zh_civil_code_book2_ch6_building_ownership.md", "物业服务企业或者其他管理人", "zh", "PropertyManager", False),
    ("zh_civil_code_book2_ch6_building_ownership.md", "业主大会", "zh", "OwnersAssembly", False),
    ("zh_multi_actor_governance_paper.txt", "街道办事处", "zh", "SubdistrictOffice", False),
    ("zh_multi_actor_governance_paper.txt", "社区居委会", "zh", "ResidentsCommittee", False),
    ("zh_multi_actor_governance_paper.txt", "代建方", "zh", "ConstructionAgent", False),
    ("en_gdpr_ch4.md", "the supervisory authority", "en", "SupervisoryAuthority", False),
    ("en_gdpr_ch4.md", "The representative", "en", "Representative", False),
    ("en_gdpr_ch4.md", "The data protection officer", "en", "DataProtectionOfficer", False),
    ("en_gdpr_ch4.md", "the national accreditation body", "en", "AccreditationBody", False),
    ("en_gdpr_ch4.md", "Member States", "en", "MemberState", False),
    ("en_gdpr_ch4.md", "the Board", "en", "DataProtectionBoard", False),
    ("en_gdpr_ch4.md", "competent supervisory authorities", "en", "SupervisoryAuthority", False),
    ("zh_work_safety_law.md", "有关单位", "zh", "RelevantUnit", True),
]


@pytest.mark.parametrize(("source", "bearer", "lang", "cls", "vague"), REAL_BEARERS)
def test_classify_actor_on_real_corpus_bearers(source, bearer, lang, cls, vague):
    assert bearer in (CORPUS / source).read_text(encoding="utf-8")
    assert classify_actor(bearer, lang) == (cls, vague)


def test_qualified_head_nouns_become_vague_and_unknown_text_falls_back():
    assert classify_actor("有关行政部门", "zh") == ("RelevantDepartment", True)
    assert classify_actor("the relevant national bodies", "en") == ("RelevantOrganization", True)
    assert classify_actor("月亮", "zh") == ("Actor", False)
    assert classify_actor("the representative of the controller", "en") == ("Representative", False)
    assert classify_actor("有关方面", "zh")[1] is True


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=40), st.sampled_from(["zh", "en"]))
def test_classify_actor_always_names_a_class_of_the_ontology(text, lang):
    cls, vague = classify_actor(text, lang)
    assert cls in actor_classes()
    assert vague == actor_classes()[cls].vague
