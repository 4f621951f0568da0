"""The collaboration network as vis-network data: actors as nodes, typed relations as edges.

Readable by design: a node's size is its number of duties, a ring per serious gap kind it is
involved in (at most five colours, colour-blind safe, from ``govkg.api.network.gap_colors``); the
minor kinds share one grey ring, shown only when asked for. Labels are capped (full names on
hover); at most ``MAX_ACTORS`` actors are drawn, the most connected and most affected first.
Every relation edge carries its ``relation`` kind and the ``clauses`` it comes from."""
from __future__ import annotations

import math

from govkg.api.network import MINOR_GAP_COLOR, MODALITY_STYLE, gap_colors
from govkg.kg.actor_network import ActorNetwork, ActorSummary
from govkg.kg.queries import NormView

MAX_ACTORS = 60           # drawn by default: readable at the default zoom
MAX_ACTORS_ASKED = 1000   # the most a request may ask for (limit=)
MAX_NORM_NODES = 40
LABEL_CHARS = {"zh": 6, "en": 14}
ACTOR_STYLE = {"actor": "#3b6ea8", "vague-actor": "#a6bddb", "nobody": "#bdbdbd", "duties": "#f0f0f0"}
RELATION_STYLE: dict[str, dict] = {   # colour, dash pattern (False: solid), arrow
    "supervises": {"color": "#1b4f91", "dashes": False, "arrows": "to"},
    "guides": {"color": "#2a7f3e", "dashes": False, "arrows": "to"},
    "assists": {"color": "#2a7f3e", "dashes": [6, 4], "arrows": "to"},
    "informs": {"color": "#6a3d9a", "dashes": [2, 4], "arrows": "to"},
    "leads": {"color": "#1b4f91", "dashes": [10, 4], "arrows": "to"},
    "shares": {"color": "#7f7f7f", "dashes": False, "arrows": ""},
    "sanctions": {"color": "#a50f15", "dashes": [8, 3, 2, 3], "arrows": "to"},
}
BEARS_STYLE = {"color": "#c7c7c7", "dashes": False, "arrows": "to"}


def short(text: str, lang: str) -> str:
    """A label capped to what stays readable at the default zoom; the full name is the tooltip."""
    size = LABEL_CHARS["en" if text.isascii() else "zh"]
    if lang == "en" and text.isascii():
        size = LABEL_CHARS["en"]
    return text if len(text) <= size else text[: size - 1] + "…"


def _rings(gaps: dict[str, int], minor: bool) -> list[str]:
    serious = [k for k in gap_colors() if gaps.get(k)]
    return serious + (["minor"] if minor and any(k not in gap_colors() for k in gaps) else [])


def _name(summary: ActorSummary, lang: str) -> tuple[str, str]:
    """The label in the page's language where known, and both names for the tooltip."""
    label = summary.labels.get(lang) or summary.label
    both = " · ".join(dict.fromkeys(v for v in (summary.labels.get("zh"), summary.labels.get("en"), summary.label) if v))
    return label, both


def _score(summary: ActorSummary, degree: dict[str, int]) -> float:
    return 3 * degree.get(summary.id, 0) + summary.duties + 4 * sum(1 for k in gap_colors() if summary.gaps.get(k))


def pick_actors(net: ActorNetwork, cap: int = MAX_ACTORS) -> list[ActorSummary]:
    """At most ``cap`` actors: the focus, then the most related and most affected."""
    degree: dict[str, int] = {}
    for r in net.relations:
        for a in (r.source, r.target):
            degree[a] = degree.get(a, 0) + len(r.clauses)
    ranked = sorted(net.actors.values(), key=lambda s: (s.id != net.focus, -_score(s, degree), s.label))
    return ranked[:cap]


def actor_node(summary: ActorSummary, lang: str, minor: bool) -> dict:
    label, both = _name(summary, lang)
    vague = "VagueActor" in summary.types
    return {"id": f"a:{summary.id}", "kind": "actor", "actor": summary.id, "label": short(label, lang),
            "title": both, "full": label, "shape": "dot", "size": round(10 + 4 * math.sqrt(summary.duties), 1),
            "color": ACTOR_STYLE["vague-actor" if vague else "actor"], "duties": summary.duties,
            "norms": summary.norms, "types": summary.types, "gaps": summary.gaps, "rings": _rings(summary.gaps, minor)}


def relation_edge(relation) -> dict:
    style = RELATION_STYLE[relation.kind]
    by_provision: dict[str, object] = {}
    for clause in relation.clauses:   # one clause per provision (several norms of one clause state the same)
        by_provision.setdefault(clause.provision, clause)
    clauses = [{"doc": c.doc, "provision": c.provision, "path": c.path, "label": c.label, "norm": c.norm,
                "article": c.article} for c in by_provision.values()]
    return {"id": f"r:{relation.kind}:{relation.source}:{relation.target}", "from": f"a:{relation.source}",
            "to": f"a:{relation.target}", "kind": "relation", "relation": relation.kind, "clauses": clauses,
            "value": len(clauses), "width": round(1.5 + math.log2(len(clauses)), 1), "color": style["color"],
            "dashes": style["dashes"], "arrows": style["arrows"]}


def norm_node(view: NormView, findings: list, lang: str, minor: bool) -> dict:
    gaps: dict[str, int] = {}
    for f in findings:
        gaps[f.kind] = gaps.get(f.kind, 0) + 1
    style = MODALITY_STYLE.get(view.modality, MODALITY_STYLE["obligation"])
    head = view.provision_label or str(view.article or "")
    return {"id": f"n:{view.id}", "kind": "norm", "norm": view.id, "label": short(head, lang), "title": view.action,
            "shape": style["shape"], "color": style["color"], "size": 10, "doc": view.doc,
            "provision": view.provision, "provision_label": view.provision_label, "modality": view.modality,
            "action": view.action, "clause": view.text, "bearers": [b.label for b in view.bearers],
            "gaps": [{"kind": f.kind, "explanation": f.explanation} for f in findings], "rings": _rings(gaps, minor)}


def _norm_summary(view: NormView, findings: list) -> dict:
    return {"norm": view.id, "doc": view.doc, "provision": view.provision, "label": view.provision_label,
            "action": view.action, "clause": view.text, "gaps": sorted({f.kind for f in findings})}


def build_actor_network(net: ActorNetwork, lang: str = "en", *, minor: bool = False, cap: int = MAX_ACTORS) -> dict:
    """vis-network nodes, edges and options for an actor network, and counts for the page."""
    shown = pick_actors(net, cap)
    ids = {s.id for s in shown}
    nodes = [actor_node(s, lang, minor) for s in shown]
    edges = [relation_edge(r) for r in net.relations if r.source in ids and r.target in ids]
    _add_norms(nodes, edges, net, ids, lang, minor)
    _add_duty_groups(nodes, edges, net, lang)
    return {"nodes": nodes, "edges": edges, "options": options(len(nodes)),
            "counts": {"actors_total": len(net.actors), "actors_shown": len(shown), "nodes": len(nodes),
                       "edges": len(edges), "unassigned": net.unassigned_count()}}


def _add_norms(nodes: list, edges: list, net: ActorNetwork, ids: set[str], lang: str, minor: bool) -> None:
    """Norm nodes of a topic or of duties with no bearer, linked to their bearers (or to nobody)."""
    if net.unassigned and not net.focus:
        nodes.append({"id": "nobody", "kind": "nobody", "label": "∅", "title": "", "shape": "dot",
                      "size": round(10 + 4 * math.sqrt(net.unassigned_count()), 1), "color": ACTOR_STYLE["nobody"],
                      "duties": net.unassigned_count(), "rings": ["unassigned"]})
    for view in net.norms[:MAX_NORM_NODES]:
        nodes.append(norm_node(view, net.norm_gaps.get(view.id, []), lang, minor))
        bearers = [b.id for b in view.bearers if b.id in ids] or (["nobody"] if not view.bearers else [])
        for bearer in bearers:
            edges.append({"id": f"b:{bearer}:{view.id}", "from": "nobody" if bearer == "nobody" else f"a:{bearer}",
                          "to": f"n:{view.id}", "kind": "bears", "norm": view.id, **BEARS_STYLE})


def _add_duty_groups(nodes: list, edges: list, net: ActorNetwork, lang: str) -> None:
    """The ego actor's norms grouped by modality: one node per modality, its norms listed on click."""
    for modality in ("obligation", "prohibition", "permission"):
        own = [v for v in net.own if v.modality == modality]
        if not own:
            continue
        gaps = {f.kind: 1 for v in own for f in net.norm_gaps.get(v.id, [])}
        nodes.append({"id": f"m:{modality}", "kind": "duties", "modality": modality, "label": f"{len(own)}",
                      "title": modality, "shape": MODALITY_STYLE[modality]["shape"],
                      "color": MODALITY_STYLE[modality]["color"], "size": round(8 + 3 * math.sqrt(len(own)), 1),
                      "rings": [k for k in gap_colors() if k in gaps],
                      "items": [_norm_summary(v, net.norm_gaps.get(v.id, [])) for v in own]})
        edges.append({"id": f"g:{modality}", "from": f"a:{net.focus}", "to": f"m:{modality}", "kind": "duties",
                      **BEARS_STYLE})


def options(node_count: int) -> dict:
    """Strong repulsion and room for labels; physics stops after a bounded stabilisation. A large
    network (someone asked for hundreds of actors) gets the cheaper Barnes–Hut solver and fewer
    iterations, so the page settles within seconds."""
    if node_count <= 150:
        physics = {"solver": "forceAtlas2Based", "stabilization": {"enabled": True, "iterations": 300, "fit": True},
                   "forceAtlas2Based": {"gravitationalConstant": -90, "springLength": 100,
                                        "centralGravity": 0.015, "avoidOverlap": 1}}
    else:
        physics = {"solver": "barnesHut", "stabilization": {"enabled": True, "iterations": 60, "fit": True},
                   "barnesHut": {"gravitationalConstant": -4000, "springLength": 120, "avoidOverlap": 0, "theta": 0.8}}
    return {
        "physics": physics,
        "layout": {"improvedLayout": node_count <= 100, "randomSeed": 7},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": node_count > 300},
        "edges": {"smooth": False, "arrows": {"to": {"scaleFactor": 0.5}}},
        "nodes": {"font": {"size": 22, "face": "sans-serif", "strokeWidth": 4, "strokeColor": "#ffffff"}},
    }


def legend_entries() -> dict:
    """Every colour, ring and edge style the actor network may draw, for the legend."""
    return {"actors": ACTOR_STYLE, "modalities": MODALITY_STYLE, "gaps": gap_colors(), "minor": MINOR_GAP_COLOR,
            "relations": RELATION_STYLE, "bears": BEARS_STYLE}
