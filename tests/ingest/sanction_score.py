"""Score the sanction links of a document against a hand reading (``tests/data/sanctions``).

A link counts as (penalty provision, article of the punished duty): the hand reading names
articles, and one article's duties are often several norms. Run as a script for the figures:

    python -m tests.ingest.sanction_score ingest/corpus/zh_work_safety_law.md
    python -m tests.ingest.sanction_score tests/data/sanctions/corpus/*.md

Besides the links it prints the no-sanction figures of the gap report on the document (ingested
into a temporary embedded store): the share of findings at articles all of whose duties are
punished, and the share of wholly unpunished articles still reported.
"""
from __future__ import annotations

import json
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from govkg.ingest.extract import extract_path
from govkg.ingest.records import Document
from govkg.kg.documents import ingest_document
from govkg.kg.gaps import find_gaps
from govkg.kg.mapping import graph_iri
from govkg.kg.oxigraph_store import OxigraphStore
from govkg.kg.store import Store
from govkg.ontology import terms as T

READINGS = Path(__file__).resolve().parent.parent / "data" / "sanctions"


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    predicted: int
    expected: int
    wrong: tuple[tuple[str, int], ...]
    missed: tuple[tuple[str, int], ...]


def reading(doc: str) -> dict:
    return json.loads((READINGS / f"{doc}.json").read_text(encoding="utf-8"))


def _short(key: str) -> str:
    """"第六章/第九十七条/（一）" -> "第九十七条/（一）": the key without its chapter or section."""
    parts = key.split("/")
    while parts and not parts[0].endswith("条"):
        parts = parts[1:]
    return "/".join(parts) or key


def predicted_pairs(document: Document) -> set[tuple[str, int]]:
    return {(_short(link.penalty), int(link.duty.article)) for link in document.sanctions}


def score(document: Document) -> Score:
    expected = {(penalty, article) for penalty, article, _ in reading(document.doc)["links"]}
    found = predicted_pairs(document)
    hits = found & expected
    return Score(len(hits) / len(found) if found else 0.0, len(hits) / len(expected),
                 len(found), len(expected), tuple(sorted(found - expected)), tuple(sorted(expected - found)))


@dataclass(frozen=True)
class NoSanctionFigures:
    findings: int                  # no-sanction findings in the document
    at_punished: int               # of those, at articles all of whose duties are punished
    unpunished_articles: int       # articles with a duty that no penalty punishes at all
    still_reported: int            # of those, articles with a no-sanction finding

    @property
    def punished_share(self) -> float:
        return self.at_punished / self.findings if self.findings else 0.0

    @property
    def unpunished_reported(self) -> float:
        return self.still_reported / self.unpunished_articles if self.unpunished_articles else 0.0


def no_sanction_figures(doc: str, finding_articles: list[int], duty_articles: set[int]) -> NoSanctionFigures:
    """``finding_articles``: the article of each no-sanction finding; ``duty_articles``: the
    articles that state an obligation or prohibition, penalty articles aside."""
    read = reading(doc)
    fully = set(read["fully_punished"])
    unpunished = duty_articles - fully - set(read["partly_punished"])
    return NoSanctionFigures(len(finding_articles), sum(1 for a in finding_articles if a in fully),
                             len(unpunished), len(unpunished & set(finding_articles)))


def measured_no_sanction(document: Document) -> NoSanctionFigures:
    """The no-sanction figures of ``document``, ingested alone into a temporary embedded store;
    the duties of its penalty articles are left out, as the hand reading leaves them out."""
    by_key = {p.key: p for p in document.provisions}
    penalty_articles = {by_key[k].article for k in document.penalties}
    with tempfile.TemporaryDirectory() as folder:
        store = OxigraphStore(Path(folder) / "store")
        try:
            ingest_document(store, document)
            article = duty_articles(store, document.doc, penalty_articles)
            findings = [f.norm for f in find_gaps(store, ["no-sanction"], doc=document.doc) if f.norm in article]
        finally:
            store.close()
    return no_sanction_figures(document.doc, [article[n] for n in findings], set(article.values()))


def duty_articles(store: Store, doc: str, left_out: set[int]) -> dict[str, int]:
    """Each obligation or prohibition of ``doc`` with its article, those of ``left_out`` aside."""
    rows = store.select(f"""SELECT ?n ?a WHERE {{ GRAPH <{graph_iri(doc)}> {{
        {{ ?n a <{T.Obligation}> }} UNION {{ ?n a <{T.Prohibition}> }}
        ?n <{T.statedIn}> ?p . ?p <{T.articleNumber}> ?a }} }}""")
    return {r["n"]: int(r["a"]) for r in rows if int(r["a"]) not in left_out}


def main(paths: list[str]) -> None:
    for path in paths:
        document = extract_path(path)
        result = score(document)
        figures = measured_no_sanction(document)
        print(f"{document.doc}: links precision {result.precision:.3f} ({result.predicted} links), "
              f"recall {result.recall:.3f} ({result.expected} in the hand reading)")
        print(f"  no-sanction findings {figures.findings}: at wholly punished articles {figures.at_punished} "
              f"({figures.punished_share:.1%}); unpunished articles reported {figures.still_reported} of "
              f"{figures.unpunished_articles} ({figures.unpunished_reported:.1%})")
        print("  wrong:", *result.wrong, sep="\n    ")
        print("  missed:", *result.missed, sep="\n    ")


if __name__ == "__main__":
    main(sys.argv[1:])
