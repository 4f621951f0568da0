"""The network picture: a pyvis graph of documents, norms and actors, gaps in colour.

pyvis builds the nodes, edges and options; the page around them is our own template (the legend,
filters, search box, side panel, PNG button), with vis-network inlined from pyvis' package so the
page loads nothing from elsewhere. Everything from documents reaches the browser as JSON data
(escaped for a <script> element), as canvas text, or through ``textContent``: never as markup.

Large graphs stay responsive: the page shows one document unless asked for all, at most
``MAX_NORMS`` norm nodes (those with gaps first), and physics stops after a bounded stabilisation.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup
from pyvis.network import Network

from govkg.kg.queries import NormView
from govkg.ontology.terms import GAP_KINDS

MAX_NORMS = 400
VIS_DIR = Path(__import__("pyvis").__file__).parent / "templates" / "lib" / "vis-9.1.2"
NODE_STYLE = {
    "document": {"shape": "box", "color": "#475569"},
    "actor": {"shape": "dot", "color": "#2563eb"},
    "vague-actor": {"shape": "dot", "color": "#93c5fd"},
}
MODALITY_STYLE = {
    "obligation": {"shape": "diamond", "color": "#0891b2"},
    "prohibition": {"shape": "triangleDown", "color": "#7c3aed"},
    "permission": {"shape": "triangle", "color": "#16a34a"},
}
SERIOUS_GAP_COLOR = {  # Okabe–Ito: told apart with every common colour-vision deficiency
    "unassigned": "#D55E00", "vague-actor": "#E69F00", "shared-no-lead": "#CC79A7",
    "conflict": "#000000", "information-gap": "#56B4E9",
}
MINOR_GAP_COLOR = "#8c8c8c"   # no-sanction, no-oversight, power-imbalance, overlap: one grey, behind a filter
GAP_PRIORITY = list(SERIOUS_GAP_COLOR) + [k for k in GAP_KINDS if k not in SERIOUS_GAP_COLOR]


def gap_colors() -> dict[str, str]:
    """The colour of each serious gap kind (at most five); every other kind is drawn in ``MINOR_GAP_COLOR``.
    The one place the pages read gap colours from."""
    return dict(SERIOUS_GAP_COLOR)


def gap_color(kind: str) -> str:
    return gap_colors().get(kind, MINOR_GAP_COLOR)


ROLE_COLOR = {"sole": "#64748b", "lead": "#1d4ed8", "joint": "#0d9488", "support": "#94a3b8"}
EDGE_COLOR = {"informs": "#db2777", "stated-in": "#cbd5e1"}   # a norm to whom it informs, to its document
_EXTERNAL = re.compile(r"""<[a-z][^<>]*?\s(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.I)  # in a tag, not in text


def external_sources(html: str) -> list[str]:
    """``src``/``href`` attributes that would load something from another host."""
    return [m.group(0) for m in _EXTERNAL.finditer(html)]


@lru_cache(maxsize=1)
def vis_assets() -> tuple[Markup, Markup]:
    """vis-network's script and stylesheet from pyvis' package, to inline into the page."""
    js = (VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8").replace("</script", "<\\/script")
    css = (VIS_DIR / "vis-network.css").read_text(encoding="utf-8").replace("</style", "<\\/style")
    return Markup(js), Markup(css)


def _short(text: str, size: int = 18) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def _gap_kinds(findings: list) -> list[str]:
    kinds = {f.kind for f in findings}
    return [k for k in GAP_PRIORITY if k in kinds]


def _findings_json(findings: list, lang: str) -> list[dict]:
    return [{"kind": f.kind, "explanation": f.explained(lang)} for f in findings]


def pick_norms(norms: list[NormView], norm_gaps: dict, cap: int = MAX_NORMS) -> list[NormView]:
    """At most ``cap`` norms, those with the most serious gaps first, then in text order."""
    if len(norms) <= cap:
        return norms

    def rank(view: NormView) -> int:
        kinds = _gap_kinds(norm_gaps.get(view.id, []))
        return GAP_PRIORITY.index(kinds[0]) if kinds else len(GAP_PRIORITY)
    chosen = {v.id for v in sorted(norms, key=rank)[:cap]}
    return [v for v in norms if v.id in chosen]


def build_network(data: dict, cap: int = MAX_NORMS, lang: str = "en") -> tuple[Network, dict]:
    """The pyvis network for ``govkg.kg.queries.network`` data, and counts for the page; the gaps' explanations
    in ``lang``."""
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    shown = pick_norms(data["norms"], data["norm_gaps"], cap)
    for doc, title in data["documents"].items():
        _add_document(net, doc, title)
    for view in shown:
        _add_norm(net, view, data["norm_gaps"].get(view.id, []), lang)
        for bearer in view.bearers:
            _add_actor(net, bearer.id, bearer.label, data, lang)
            net.add_edge(f"a:{bearer.id}", f"n:{view.id}", color=ROLE_COLOR.get(bearer.role, "#64748b"),
                         title=f"{bearer.label} — {bearer.role}", kind="bears", role=bearer.role, norm=view.id,
                         label="" if bearer.role == "sole" else bearer.role, font={"size": 10})
        for recipient in view.recipients:
            _add_actor(net, recipient.id, recipient.label, data, lang)
            net.add_edge(f"n:{view.id}", f"a:{recipient.id}", dashes=True, color=EDGE_COLOR["informs"], kind="informs",
                         norm=view.id, title=f"→ {recipient.label}")
        net.add_edge(f"n:{view.id}", f"d:{view.doc}", color=EDGE_COLOR["stated-in"], kind="stated-in", norm=view.id,
                     title=view.provision_label or view.provision, arrows="")
    net.options = _options(len(net.nodes))
    return net, {"norms_total": len(data["norms"]), "norms_shown": len(shown),
                 "nodes": len(net.nodes), "edges": len(net.edges)}


def _add_document(net: Network, doc: str, title: str) -> None:
    net.add_node(f"d:{doc}", label=_short(title, 24), title=title, kind="document", doc=doc,
                 font={"color": "#ffffff"}, **NODE_STYLE["document"])


def _add_norm(net: Network, view: NormView, findings: list, lang: str) -> None:
    style = MODALITY_STYLE.get(view.modality, MODALITY_STYLE["obligation"])
    kinds = _gap_kinds(findings)
    color = {"background": gap_color(kinds[0]), "border": "#450a0a"} if kinds else style["color"]
    label = f"{view.provision_label or view.article or ''} {_short(view.action)}".strip()
    net.add_node(f"n:{view.id}", label=label, title=f"{view.modality}: {view.action}", shape=style["shape"],
                 color=color, borderWidth=3 if kinds else 1, size=14, kind="norm", norm=view.id,
                 doc=view.doc, provision=view.provision, provision_label=view.provision_label,
                 modality=view.modality, action=view.action, clause=view.text,
                 bearers=[b.label for b in view.bearers], gaps=_findings_json(findings, lang), gap=kinds[0] if kinds else "")


def _add_actor(net: Network, actor_id: str, label: str, data: dict, lang: str) -> None:
    node_id = f"a:{actor_id}"
    if node_id in net.node_ids:
        return
    types = data["actor_types"].get(actor_id, ["Actor"])
    findings = data["actor_gaps"].get(actor_id, [])
    kinds = _gap_kinds(findings)
    style = NODE_STYLE["vague-actor" if "VagueActor" in types else "actor"]
    color = {"background": style["color"], "border": gap_color(kinds[0])} if kinds else style["color"]
    net.add_node(node_id, label=_short(label, 20), title=label, shape=style["shape"], color=color,
                 borderWidth=4 if kinds else 1, size=18, kind="actor", actor=actor_id, types=types,
                 gaps=_findings_json(findings, lang), gap=kinds[0] if kinds else "")


def _options(node_count: int) -> dict:
    """Bounded physics: a short stabilisation, then the page switches physics off."""
    return {
        "physics": {"solver": "barnesHut", "stabilization": {"enabled": True, "iterations": 150, "fit": True},
                    "barnesHut": {"gravitationalConstant": -6000, "springLength": 110, "avoidOverlap": 0.2}},
        "layout": {"improvedLayout": node_count <= 150},
        "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False, "hideEdgesOnDrag": node_count > 300},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}, "smooth": False},
        "nodes": {"font": {"size": 12, "face": "sans-serif"}},
    }


def network_json(net: Network) -> dict:
    """Nodes, edges and options as plain data for the page's JSON block."""
    nodes, edges, _, _, _, options = net.get_network_data()
    import json
    return {"nodes": nodes, "edges": edges, "options": json.loads(options)}


def legend() -> dict:
    """What each colour and shape means, for the page's legend."""
    return {"nodes": NODE_STYLE, "modalities": MODALITY_STYLE, "gaps": gap_colors(), "minor": MINOR_GAP_COLOR,
            "roles": ROLE_COLOR, "edges": EDGE_COLOR}
