"""Precision and recall of the stored actor relations against a hand-read reference.

A reference line is (from, relation, to, article). A found relation counts once per article of
its clauses. An actor matches when one of its labels (preferred or as written) and the reference
name end alike — one is a suffix of the other ("它的派出机关" and "派出机关", "人民政府" and
"市辖区的人民政府"): head-final names keep the head. "shares" is unordered. Each reference line
and each found one is matched at most once."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from govkg.kg.relations import relations
from govkg.kg.sparql_terms import actor_iri_of
from govkg.kg.store import Store
from govkg.ontology.namespaces import PREFIXES


@dataclass
class Score:
    matched: int
    predicted: int
    expected: int

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 0.0


def read_reference(path: Path) -> list[tuple[str, str, str, int]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            source, kind, target, article = line.split("\t")
            rows.append((source, kind, target, int(article)))
    return rows


def _labels(store: Store, actor_id: str) -> set[str]:
    rows = store.select(f"""SELECT ?l WHERE {{ GRAPH ?g {{ <{actor_iri_of(actor_id)}>
      <{PREFIXES['skos']}prefLabel>|<{PREFIXES['skos']}altLabel> ?l }} }}""")
    return {r["l"] for r in rows} | {actor_id}


def _same(labels: set[str], name: str) -> bool:
    return any(label.endswith(name) or name.endswith(label) for label in labels)


def found_rows(store: Store) -> list[tuple[set[str], str, set[str], int]]:
    """(labels of from, kind, labels of to, article) of every stored relation and clause article."""
    rows = []
    for view in relations(store):
        articles = sorted({c.article for c in view.clauses if c.article is not None})
        rows += [(_labels(store, view.source), view.kind, _labels(store, view.target), a) for a in articles]
    return rows


def _fits(found: tuple, expected: tuple) -> bool:
    source, kind, target, article = found
    e_source, e_kind, e_target, e_article = expected
    if kind != e_kind or article != e_article:
        return False
    forward = _same(source, e_source) and _same(target, e_target)
    return forward or (kind == "shares" and _same(source, e_target) and _same(target, e_source))


def score(store: Store, reference: list[tuple[str, str, str, int]]) -> Score:
    found, left = found_rows(store), list(reference)
    matched = 0
    for row in found:
        hit = next((e for e in left if _fits(row, e)), None)
        if hit is not None:
            left.remove(hit)
            matched += 1
    return Score(matched, len(found), len(reference))
