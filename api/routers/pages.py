"""Routes: server-rendered pages (zh and en) — home, search, actor, document, gap report."""
from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from functools import lru_cache
from operator import attrgetter
from pathlib import Path
from urllib.parse import unquote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from govkg.api.deps import SettingsDep, StoreDep
from govkg.api.network import MODALITY_STYLE, gap_color
from govkg.api.routers.provisions import spans_in
from govkg.api.search_terms import check_search
from govkg.kg import documents as kg_documents
from govkg.kg import provisions as kg_provisions
from govkg.kg import queries
from govkg.kg.effective import effective_gaps
from govkg.kg.first_page import CAP as FIRST_PAGE_CAP
from govkg.kg.first_page import first_page
from govkg.kg.gap_rank import at_least, capped_groups
from govkg.kg.mapping import doc_iri
from govkg.kg.sparql_terms import norm_id_of
from govkg.ontology.errors import NotFound
from govkg.ontology import gap_kinds
from govkg.ontology.gap_kinds import GAP_KINDS

router = APIRouter(tags=["pages"], include_in_schema=False)
API_DIR = Path(__file__).resolve().parent.parent
LANGS = ("en", "zh")


@lru_cache(maxsize=1)
def environment() -> Environment:
    """Jinja with autoescape on for every template: text from documents is never markup."""
    env = Environment(loader=FileSystemLoader([API_DIR / "templates", API_DIR / "static"]),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.filters["anchor"] = anchor
    env.globals.update(modality_colors={k: v["color"] for k, v in MODALITY_STYLE.items()}, gap_colors={k: gap_color(k) for k in GAP_KINDS})
    return env


@lru_cache(maxsize=1)
def messages() -> dict[str, list[str]]:
    """The pages' words, ``key: [en, zh]``; the gap kinds' labels come from their registry."""
    table = json.loads((API_DIR / "templates" / "i18n.json").read_text(encoding="utf-8"))
    return {**table, **gap_kinds.labels()}


def anchor(key: str) -> str:
    """The HTML id of a provision on its document page (ids hold no spaces)."""
    return "p-" + re.sub(r"\s+", "_", key)


def page_lang(request: Request) -> str:
    """``?lang=zh|en``, else the first zh or en in Accept-Language, else English."""
    asked = request.query_params.get("lang")
    if asked in LANGS:
        return asked
    for part in request.headers.get("accept-language", "").split(","):
        tag = part.split(";")[0].strip().lower()
        if tag[:2] in LANGS:
            return tag[:2]
    return "en"


def render(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
    lang = page_lang(request)
    table = messages()

    def t(key: str) -> str:
        pair = table.get(key)
        return pair[LANGS.index(lang)] if pair else key
    def review_messages() -> str:
        """The review script's words in the page's language (JSON that cannot close its script)."""
        return json.dumps({k: t(k) for k in REVIEW_WORDS}, ensure_ascii=False).replace("</", "<\\/")
    html = environment().get_template(template).render(lang=lang, t=t, request_path=request.url.path,
                                                      query=dict(request.query_params),
                                                      review_messages=review_messages, **context)
    return HTMLResponse(html, status_code=status)


REVIEW_WORDS = ("confirmed", "corrected", "rejected", "added", "dismissed", "stale", "saved", "no_reviews")


def not_found(request: Request, message: str) -> HTMLResponse:
    return render(request, "error.html", status=404, message=message)


def page_not_found(request: Request) -> HTMLResponse:
    """The 404 of an address under /view that no page answers."""
    return render(request, "error.html", status=404, message_key="page_not_found")


@router.get("/", response_class=HTMLResponse)
def home(request: Request, store: StoreDep) -> HTMLResponse:
    return render(request, "home.html", documents=kg_documents.list_documents(store),
                  actors=queries.actors(store, limit=12), gap_kinds=list(GAP_KINDS))


@router.get("/view/search", response_class=HTMLResponse)
def search(request: Request, store: StoreDep, settings: SettingsDep, q: str = "") -> HTMLResponse:
    check_search(settings, "q", q)
    words = q.strip()
    found = queries.actors(store, search=words, limit=50) if words else []
    responsible = queries.responsible_for(store, words) if words else []
    return render(request, "search.html", q=words, actors=found, responsible=responsible)


ACTORS_PER_PAGE = 200


@router.get("/view/actors", response_class=HTMLResponse)
def actors_page(request: Request, store: StoreDep, settings: SettingsDep, q: str = "", type: str = "") -> HTMLResponse:
    """Every actor, busiest first, filtered by words of its names and by its class."""
    check_search(settings, "q", q)
    words = q.strip()
    types = queries.actor_types(store)
    found = queries.actors(store, search=words or None, actor_type=type if type in types else None,
                           limit=ACTORS_PER_PAGE)
    suggestions = queries.similar_actors(store, words) if words and not found else []
    return render(request, "actors.html", actors=found, q=words, type=type, types=types,
                  suggestions=suggestions, limit=ACTORS_PER_PAGE)


@router.get("/view/actors/{actor_id:path}", response_class=HTMLResponse)
def actor_page(actor_id: str, request: Request, store: StoreDep) -> HTMLResponse:
    try:
        detail = queries.actor(store, actor_id)
    except NotFound as exc:
        return not_found(request, str(exc))
    return render(request, "actor.html", detail=detail)


@router.get("/view/documents/{doc}", response_class=HTMLResponse)
def document_page(doc: str, request: Request, store: StoreDep) -> HTMLResponse:
    try:
        info = kg_documents.get_document(store, doc)
    except NotFound as exc:
        return not_found(request, str(exc))
    provisions = kg_provisions.provisions(store, doc)
    norms = queries.norms(store, doc=doc, limit=1_000_000)
    gap_norms = {norm_id_of(f.norm) for f in effective_gaps(store, doc=doc).findings if f.norm}
    units = document_units(provisions, norms)
    return render(request, "document.html", info=info, units=units, norms=norms, gap_norms=gap_norms)


def display_units(provisions: list[dict]) -> list[dict]:
    """Articles where the text has them, else the provisions that hold no others."""
    articles = [p for p in provisions if p["kind"] == "article"]
    if articles:
        return articles
    # a provision holds others when its key, and "/", starts another key
    parents = {"/".join(parts[:i]) for parts in (p["key"].split("/") for p in provisions) for i in range(1, len(parts))}
    return [p for p in provisions if p["key"] not in parents]


def document_units(provisions: list[dict], norms: list) -> list[dict]:
    """The units a document page shows, each cut into its segments."""
    return _Cutter(provisions, norms).units(display_units(provisions))


class _Cutter:
    """Cuts each provision into segments: plain text, or a norm's clause (coloured by modality),
    with anchors for the sub-provisions that start inside it. Norms and provisions are sorted
    by offset once, and each unit looks up only those inside it (a page of 5,000 articles
    compared every article with every norm and provision: minutes)."""

    def __init__(self, provisions: list[dict], norms: list) -> None:
        self.by_id = {n.id: n for n in norms}
        self.norms = sorted(norms, key=lambda n: n.start)
        self.norm_starts = [n.start for n in self.norms]
        self.longest = max((n.end - n.start for n in norms), default=0)
        self.provisions = sorted(provisions, key=lambda p: p["start"])
        self.provision_starts = [p["start"] for p in self.provisions]

    def units(self, units: list[dict]) -> list[dict]:
        return [self.unit(u) for u in units]

    def unit(self, unit: dict) -> dict:
        start, text = unit["start"], unit["text"]
        end = start + len(text)
        near = self.norms[bisect_left(self.norm_starts, start - self.longest):bisect_left(self.norm_starts, end)]
        spans = spans_in(start, end, near)
        anchors = defaultdict(list)
        inside = self.provisions[bisect_left(self.provision_starts, start):bisect_left(self.provision_starts, end)]
        for p in inside:
            if p["key"].startswith(unit["key"] + "/"):
                anchors[p["start"] - start].append(p["key"])
        head = heading_end(text, unit.get("label", ""))
        cuts = sorted({0, head, len(text), *anchors, *(s.start for s in spans), *(s.end for s in spans)})
        segments = []
        for lo, hi in zip(cuts, cuts[1:]):
            cover = [s for s in spans if s.start <= lo and hi <= s.end]
            norm = self.by_id[cover[-1].norm] if cover else None
            segments.append({"text": text[lo:hi], "norm": norm, "anchors": anchors.get(lo, []),
                             "heading": hi <= head})
        return {**unit, "segments": segments, "heading_in_text": head > 0}


def heading_end(text: str, label: str) -> int:
    """Where the provision's own heading ends when its text starts with it (第一条…, "Article 5"), else 0:
    the page then shows that heading once, as the text has it."""
    lead = len(text) - len(text.lstrip())
    return lead + len(label) if label and text.startswith(label, lead) else 0


@router.get("/view/gaps", response_class=HTMLResponse)
def gaps_page(request: Request, store: StoreDep, kind: str = "", doc: str = "", min_severity: str = "",
              show: str = "") -> HTMLResponse:
    """The gap report, the most serious groups first (a group: one kind, actor and matter)."""
    kinds = [kind] if kind in GAP_KINDS else None
    floor = int(min_severity) if min_severity.isdigit() else None
    if not doc and floor is None and show != "dismissed" and PAGE_FINDINGS_PER_KIND <= FIRST_PAGE_CAP:
        page = first_page(store)        # kept: a fresh server does not read the whole report for it
        asked = kinds or list(GAP_KINDS)
        groups = page.groups_of(asked, PAGE_FINDINGS_PER_KIND)
        counts = Counter({k: page.counts[k] for k in asked if page.counts.get(k)})
        total, hidden = page.total(asked), page.dismissed_of(asked)
    else:
        report = effective_gaps(store, kinds=kinds, doc=doc or None, show_dismissed=show == "dismissed", order="rank")
        findings = at_least(report.findings, floor)
        counts = Counter(map(attrgetter("kind"), findings))
        groups, total, hidden = capped_groups(findings, PAGE_FINDINGS_PER_KIND), len(findings), report.dismissed
    lang = page_lang(request)
    shown = [{"kind": group.kind, "actor": group.actor, "matter": group.matter, "severity": group.severity,
              "size": size, "findings": [{**f.to_json(), "explanation": f.explained(lang),
                                          "key": provision_key(f.doc, f.provision)} for f in group.findings]}
             for group, size in groups]
    capped = {k: n for k, n in counts.items() if n > PAGE_FINDINGS_PER_KIND}
    return render(request, "gaps.html", groups=shown, counts=counts, capped=capped, cap=PAGE_FINDINGS_PER_KIND,
                  total=total, kind=kind, doc=doc, min_severity=floor or "", dismissed=hidden, show=show,
                  gap_kinds=list(GAP_KINDS), documents=kg_documents.list_documents(store))


# A large store has tens of thousands of findings (70,000 at 1 M triples: 55 MB of HTML); the page
# lists this many of each kind and says how to see the rest.
PAGE_FINDINGS_PER_KIND = 300


def provision_key(doc: str, provision_iri: str) -> str:
    """The provision key inside a provision IRI (the part after the document's IRI)."""
    prefix = doc_iri(doc) + "/"
    return unquote(provision_iri[len(prefix):]) if doc and provision_iri.startswith(prefix) else ""
