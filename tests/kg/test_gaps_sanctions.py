"""no-sanction reads the links from penalty provisions to the duties they punish: on the work
safety law and on two chapters the linking was not tuned on, findings at articles whose duties are
all punished (by a hand reading of each 法律责任 chapter) are few, and the articles nobody
punishes are still reported."""
from __future__ import annotations

import pytest

from govkg.ingest.extract import extract_path
from govkg.kg.documents import ingest_document
from govkg.kg.gaps import find_gaps
from govkg.kg.oxigraph_store import OxigraphStore
from govkg.ontology import terms as T
from tests.conftest import CORPUS
from tests.ingest.sanction_score import READINGS, duty_articles, measured_no_sanction, no_sanction_figures

DOC = "zh_work_safety_law"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    opened = OxigraphStore(tmp_path_factory.mktemp("sanctions") / "store")
    ingest_document(opened, extract_path(CORPUS / f"{DOC}.md"))
    yield opened
    opened.close()


def test_no_sanction_spares_punished_articles_and_keeps_unpunished_ones(store):
    article = duty_articles(store, DOC, left_out=set(range(90, 117)))     # the 法律责任 chapter aside
    findings = [f for f in find_gaps(store, ["no-sanction"], doc=DOC) if f.norm in article]
    figures = no_sanction_figures(DOC, [article[f.norm] for f in findings], set(article.values()))
    assert figures.findings > 20
    assert figures.punished_share <= 0.15, figures
    assert figures.unpunished_reported >= 0.8, figures


def test_a_punished_duty_is_not_reported(store):
    punished = {r["n"] for r in store.select(f"SELECT ?n WHERE {{ GRAPH ?g {{ ?p <{T.punishes}> ?n }} }}")}
    reported = {f.norm for f in find_gaps(store, ["no-sanction"], doc=DOC)}
    assert len(punished) > 50 and reported and not punished & reported


@pytest.mark.parametrize("text", ["zh_admin_production_safety_emergency_regulations.md", "zh_law_cryptography.md"])
def test_no_sanction_on_chapters_read_before_the_rules_saw_them(text):
    figures = measured_no_sanction(extract_path(READINGS / "corpus" / text))
    assert figures.findings > 10
    assert figures.punished_share <= 0.15, figures
    assert figures.unpunished_reported >= 0.8, figures
