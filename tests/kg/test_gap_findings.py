"""Findings a reader can take at face value: explanations that follow the modality in zh and en,
the whole provision label, a severity that puts prohibitions and sanctioned duties before
principles, and groups ranked most serious first."""
from __future__ import annotations

import json
import os
import subprocess

import pytest
from conftest import GOVKG

from govkg.ingest.records import Document, Norm, Provision
from govkg.kg.documents import ingest_document
from govkg.kg.gap_rank import capped_groups, groups, ordered, ranked
from govkg.kg.gaps import find_gaps
from govkg.kg.oxigraph_store import OxigraphStore
from govkg.ontology.errors import QueryError

ART1 = "第一条 应当坚持以人为本。"
ART5 = "第五条 检查应当依法进行：\n（三）不得影响被检查单位的正常生产经营活动；"
ART6 = "第六条 应当建立安全生产责任制。"
ART9 = "第九条 违反本法第六条规定的，由有关部门责令改正。"


def inspection_law(doc: str = "inspection") -> Document:
    """No bearer anywhere: a principle in 第一章, a prohibition in an item of 第五条, a duty in
    第六条 that 第九条 sanctions."""
    text = "\n".join((ART1, ART5, ART6, ART9))
    s5 = len(ART1) + 1
    item = s5 + ART5.index("（三）")
    s6 = s5 + len(ART5) + 1
    s9 = s6 + len(ART6) + 1
    provisions = [
        Provision(doc, ("第一章", "第一条"), 1, "第一条", ART1, 0, len(ART1)),
        Provision(doc, ("第二章", "第五条"), 5, "第五条", ART5, s5, s5 + len(ART5)),
        Provision(doc, ("第二章", "第五条", "第1款"), 5, "第五条第1款", ART5, s5, s5 + len(ART5)),
        Provision(doc, ("第二章", "第五条", "第1款", "（三）"), 5, "第1款（三）", ART5[item - s5:], item, s5 + len(ART5)),
        Provision(doc, ("第二章", "第六条"), 6, "第六条", ART6, s6, s6 + len(ART6)),
        Provision(doc, ("第三章", "第九条"), 9, "第九条", ART9, s9, s9 + len(ART9)),
    ]
    norms = [
        Norm(doc, 1, "", "obligation", "坚持以人为本", start=4, end=len(ART1), provision="第一章/第一条"),
        Norm(doc, 5, "", "prohibition", "影响被检查单位的正常生产经营活动", start=item + 3, end=s5 + len(ART5),
             provision="第二章/第五条/第1款/（三）"),
        Norm(doc, 6, "", "obligation", "建立安全生产责任制", start=s6 + 4, end=s6 + len(ART6), provision="第二章/第六条"),
        Norm(doc, 9, "有关部门", "obligation", "责令改正", vague_actor=True, start=s9 + 5, end=s9 + len(ART9),
             provision="第三章/第九条", references=("第六条",), tags=("sanction",)),
    ]
    return Document(doc=doc, text=text, lang="zh", title="检查测试法", source=f"{doc}.md",
                    sha256="2" * 64, provisions=provisions, norms=norms)


@pytest.fixture
def inspected(tmp_path):
    store = OxigraphStore(tmp_path / "store")
    ingest_document(store, inspection_law())
    yield store
    store.close()


def _unassigned(store) -> dict[str, object]:
    return {f.modality + ":" + f.article: f for f in find_gaps(store, ["unassigned"])}


def test_a_prohibition_is_explained_as_one_with_its_whole_provision_label(inspected):
    found = _unassigned(inspected)
    item = found["prohibition:第五条第1款（三）"]
    assert item.explanation_zh == "第五条第1款（三）：未指明由谁不得影响被检查单位的正常生产经营活动。"
    assert item.explanation == "第五条第1款（三）: nobody is named who must not 影响被检查单位的正常生产经营活动."
    assert item.explained() == item.explanation_zh and item.explained("en") == item.explanation
    assert found["obligation:第六条"].explanation_zh == "第六条：未指明由谁应当建立安全生产责任制。"


def test_prohibitions_and_sanctioned_duties_outrank_principles(inspected):
    found = _unassigned(inspected)
    principle, prohibition, sanctioned = (found[k] for k in ("obligation:第一条", "prohibition:第五条第1款（三）",
                                                             "obligation:第六条"))
    assert prohibition.severity > principle.severity and sanctioned.severity > principle.severity
    assert [f.article for f in ranked(found.values())][-1] == "第一条"


def test_groups_gather_one_kind_actor_and_matter_most_serious_first(inspected, tmp_path):
    ingest_document(inspected, inspection_law("inspection-copy"))
    report = find_gaps(inspected)
    built = groups(report)
    assert [g.severity for g in built] == sorted((g.severity for g in built), reverse=True)
    twice = [g for g in built if g.kind == "unassigned" and g.matter == "建立安全生产责任制"]
    assert len(twice) == 1 and {f.doc for f in twice[0].findings} == {"inspection", "inspection-copy"}
    assert sorted(ordered(report, "document")) == sorted(report) and ordered(report) == ranked(report)
    assert find_gaps(inspected, order="rank") == ranked(report) == ranked(reversed(report))
    assert [g.key for g in groups(ranked(report), already_ranked=True)] == [g.key for g in built]
    with pytest.raises(QueryError):
        ordered(report, "nonsense")


@pytest.mark.parametrize("cap", [1, 2, 3, 100])
def test_a_page_lists_the_first_groups_of_each_kind_up_to_its_cap(inspected, cap):
    for copy in ("a", "b"):
        ingest_document(inspected, inspection_law(f"inspection-{copy}"))
    report = find_gaps(inspected, order="rank")
    expected, listed = [], {}
    for group in groups(report, already_ranked=True):          # every group, each kind counted
        room = cap - listed.get(group.kind, 0)
        if room > 0:
            expected.append((group._replace(findings=group.findings[:room]), len(group.findings)))
            listed[group.kind] = listed.get(group.kind, 0) + min(room, len(group.findings))
    assert capped_groups(report, cap) == expected
    assert cap != 2 or any(size > len(group.findings) for group, size in expected)   # a group of 3 copies is cut


def test_the_cli_explains_a_chinese_document_in_chinese(tmp_path):
    store = OxigraphStore(tmp_path / "store")
    ingest_document(store, inspection_law())
    store.close()
    run = subprocess.run([*GOVKG, "gaps", "--store", str(tmp_path / "store"), "--kind", "unassigned"],
                         capture_output=True, text=True, timeout=300, env={**os.environ, "COLUMNS": "250"})
    assert run.returncode == 0, run.stderr
    lines = [line for line in run.stdout.splitlines() if "第五条第1款（三）" in line]
    assert lines and "未指明由谁不得" in lines[0]
    assert run.stdout.index("第五条第1款（三）") < run.stdout.index("第一条")      # the most serious first
    as_json = subprocess.run([*GOVKG, "gaps", "--store", str(tmp_path / "store"), "--format", "json",
                              "--min-severity", "5"], capture_output=True, text=True, timeout=300)
    findings = json.loads(as_json.stdout)["findings"]
    assert findings and all(f["severity"] >= 5 for f in findings) and "第一条" not in {f["article"] for f in findings}
