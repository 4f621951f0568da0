"""Which gap findings a revision closed and which it opened, kind by kind.

    gap_changes(old_findings, new_findings, pairs) -> [{"kind", "label_en", "label_zh", "kept",
                                                       "closed": [...], "opened": [...]}, …]

The findings are those of the document-local kinds (no bearer, vague bearer, several bearers and
no lead, no sanction), computed on each version alone. A finding stays open when the other version
has one of the same kind, bearer and matter (``Finding.group``), wherever it stands; or, failing
that, one of the same kind in the article aligned with its own and with the same bearer (the matter
reworded) or a matter alike (≥ ``MATTER_ALIKE``: the bearer renamed, an unpunished duty of 公司、企业
that became one of 各单位 is still unpunished, even with a word of it changed).
The others were closed (only in the old version) or opened (only in the new one).
"""
from __future__ import annotations

import re
from collections import defaultdict

from govkg.ingest.records import Document
from govkg.kg.alignment import similarity
from govkg.kg.gap_findings import Finding
from govkg.kg.kept_findings import LOCAL_KINDS
from govkg.ontology.gap_kinds import gap_kind

MATTER_ALIKE = 0.75        # as govkg.kg.named_below's matters
_ARTICLE = re.compile(r"^(第[零一二三四五六七八九十百千〇\d]+条(?:之[一二三四五六七八九十]+)?|Article \d+[A-Za-z]*)")


def findings_of_document(document: Document) -> list[Finding]:
    """The local findings of an extracted document that is not stored: it is written to a store
    in memory of its own, which is then dropped."""
    from govkg.kg.documents import ingest_document
    from govkg.kg.gaps import document_findings
    from govkg.kg.oxigraph_store import OxigraphStore
    store = OxigraphStore(None)
    ingest_document(store, document)
    return document_findings(store, document.doc)


def article_of_label(label: str) -> str:
    """The article part of a provision's whole label: 第六十五条第1款（三） -> 第六十五条."""
    m = _ARTICLE.match(label)
    return m.group(1) if m else label


def gap_changes(old: list[Finding], new: list[Finding], pairs: list[dict]) -> list[dict]:
    """Per local kind, the findings closed and opened, and how many stayed."""
    aligned = {p["old"]: p["new"] for p in pairs if p["old"] and p["new"]}
    out = []
    for kind in LOCAL_KINDS:
        closed, opened = _unanswered([f for f in old if f.kind == kind], [f for f in new if f.kind == kind], aligned)
        entry = gap_kind(kind)
        out.append({"kind": kind, "label_en": entry.label_en, "label_zh": entry.label_zh,
                    "kept": sum(f.kind == kind for f in old) - len(closed),
                    "closed": [_brief(f) for f in closed], "opened": [_brief(f) for f in opened]})
    return out


def _unanswered(old: list[Finding], new: list[Finding], aligned: dict[str, str]) -> tuple[list, list]:
    """The old findings no new one answers, and the new ones no old one answers."""
    pool: dict[str, list[Finding]] = defaultdict(list)
    for f in new:
        pool[f.group].append(f)
    left_old = [f for f in old if not (pool.get(f.group) and pool[f.group].pop())]
    left_new = [f for fs in pool.values() for f in fs]
    closed = []
    for f in left_old:
        place = aligned.get(article_of_label(f.article))
        match = next((g for g in left_new if article_of_label(g.article) == place
                      and (g.actor == f.actor or similarity(_matter(g), _matter(f)) >= MATTER_ALIKE)), None)
        if match is None:
            closed.append(f)
        else:
            left_new.remove(match)
    order = {id(f): i for i, f in enumerate(new)}
    return closed, sorted(left_new, key=lambda f: order[id(f)])


def _matter(f: Finding) -> str:
    return f.group.split("|", 2)[-1]


def _brief(f: Finding) -> dict:
    return {"article": f.article, "actor": f.actor, "modality": f.modality, "explanation": f.explanation,
            "explanation_zh": f.explanation_zh}
