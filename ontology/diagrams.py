"""Inline SVG diagrams of the ontology, drawn from the Turtle: the main relations between
classes, the actor class tree, and who is under, guides or supervises whom."""
from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from rdflib import OWL, RDF, RDFS, BNode, URIRef
from rdflib.collection import Collection

from govkg.ontology.classtree import actor_classes, local_name
from govkg.ontology.namespaces import GOV
from govkg.ontology.source import ontology_graph

NODE_W, NODE_H = 150, 30
HIERARCHY_PROPS = ("subordinateTo", "guides", "supervises")
EDGE_COLOR = {"subordinateTo": "#8a3b12", "guides": "#2e7d32", "supervises": "#1f4e99"}


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str


def relation_edges() -> list[Edge]:
    """domain -> range of every gov: object property that is no sub-property of another,
    unions expanded (statedIn: Norm -> Provision)."""
    graph = ontology_graph()
    edges = []
    for prop in sorted(graph.subjects(RDF.type, OWL.ObjectProperty)):
        if not str(prop).startswith(GOV) or any(
                str(sup).startswith(GOV) for sup in graph.objects(prop, RDFS.subPropertyOf)):
            continue   # sub-properties (hasLeadBearer ...) are drawn by their parent
        for domain in _named(graph, graph.value(prop, RDFS.domain)):
            for range_ in _named(graph, graph.value(prop, RDFS.range)):
                edges.append(Edge(domain, range_, local_name(str(prop))))
    return edges


def hierarchy_edges() -> list[Edge]:
    """Class-level ``C ⊑ ∃p.D`` for p in subordinateTo / guides / supervises."""
    graph = ontology_graph()
    edges = []
    for cls, restriction in graph.subject_objects(RDFS.subClassOf):
        if not isinstance(restriction, BNode):
            continue
        prop = graph.value(restriction, OWL.onProperty)
        target = graph.value(restriction, OWL.someValuesFrom)
        if prop is not None and local_name(str(prop)) in HIERARCHY_PROPS and isinstance(target, URIRef):
            edges.append(Edge(local_name(str(cls)), local_name(str(target)), local_name(str(prop))))
    return sorted(edges, key=lambda e: (e.label, e.source, e.target))


def relations_svg(edges: list[Edge] | None = None, colors: dict[str, str] | None = None,
                  ident: str = "relations") -> str:
    """Classes on a circle, one arrow per relation, labelled with the property."""
    edges = relation_edges() if edges is None else edges
    nodes = sorted({e.source for e in edges} | {e.target for e in edges})
    radius = max(180, 28 * len(nodes))
    size = 2 * radius + NODE_W + 40
    center = size / 2
    pos = {name: (center + radius * math.cos(2 * math.pi * i / len(nodes) - math.pi / 2),
                  center + radius * math.sin(2 * math.pi * i / len(nodes) - math.pi / 2))
           for i, name in enumerate(nodes)}
    parts = [_svg_open(size, size, ident)]
    for i, edge in enumerate(edges):
        parts.append(_arrow(pos[edge.source], pos[edge.target], edge.label, i,
                            (colors or {}).get(edge.label, "#555"), ident))
    parts += [_box(name, *pos[name]) for name in nodes]
    parts.append("</svg>")
    return "\n".join(parts)


def hierarchy_svg() -> str:
    """Who is under (subordinateTo), guides or supervises whom, by class: superiors on top."""
    edges = hierarchy_edges()
    ranks = _ranks(edges)
    levels: dict[int, list[str]] = {}
    for name in sorted(ranks):
        levels.setdefault(ranks[name], []).append(name)
    width = max(len(row) for row in levels.values()) * (NODE_W + 30) + 40
    height = len(levels) * 90 + 40
    pos = {name: (20 + (NODE_W + 30) * (i + 0.5) + (width - 40 - len(row) * (NODE_W + 30)) / 2, 40 + 90 * rank)
           for rank, row in levels.items() for i, name in enumerate(row)}
    parts = [_svg_open(width, height, "hierarchy")]
    parts += [_arrow(pos[e.source], pos[e.target], e.label, i, EDGE_COLOR.get(e.label, "#555"), "hierarchy")
              for i, e in enumerate(edges)]
    parts += [_box(name, *pos[name]) for name in pos]
    parts.append("</svg>")
    return "\n".join(parts)


def _ranks(edges: list[Edge]) -> dict[str, int]:
    """Rank 0 for classes above nobody; a subordinate (or the guided, the supervised) one
    rank below its superior, by the longest chain."""
    below = [(e.target, e.source) if e.label == "subordinateTo" else (e.source, e.target) for e in edges]
    ranks = {name: 0 for pair in below for name in pair}
    for _ in range(len(ranks)):
        changed = False
        for upper, lower in below:
            if upper != lower and ranks[lower] < ranks[upper] + 1:
                ranks[lower], changed = ranks[upper] + 1, True
        if not changed:
            break
    return ranks


def class_tree_svg(root: str = "Actor") -> str:
    """The actor class tree as an indented outline (a class under several parents is drawn
    under each)."""
    classes = actor_classes()
    children: dict[str, list[str]] = {}
    for cls in classes.values():
        for parent in cls.parents:
            children.setdefault(parent, []).append(cls.name)
    rows: list[tuple[int, str]] = []
    _walk(root, 0, children, rows, set())
    height = 22 * len(rows) + 20
    parts = [_svg_open(760, height, "actor-tree")]
    for i, (depth, name) in enumerate(rows):
        x, y = 10 + 22 * depth, 20 + 22 * i
        zh = classes[name].pref.get("zh", "")
        color = "#b3261e" if classes[name].vague else "#222"
        parts.append(f'<a href="#{escape(name)}"><text x="{x}" y="{y}" fill="{color}">'
                     f'{escape(name)} <tspan fill="#666">{escape(zh)}</tspan></text></a>')
        if depth:
            parts.append(f'<path d="M{x - 16},{y - 14} v10 h10" fill="none" stroke="#bbb"/>')
    parts.append("</svg>")
    return "\n".join(parts)


def _walk(name: str, depth: int, children: dict[str, list[str]], rows: list, path: set) -> None:
    rows.append((depth, name))
    for child in sorted(children.get(name, ())):
        if child not in path:
            _walk(child, depth + 1, children, rows, path | {name})


def _named(graph, node) -> list[str]:
    if node is None:
        return []
    if isinstance(node, URIRef):
        return [local_name(str(node))] if str(node).startswith(GOV) else []
    union = graph.value(node, OWL.unionOf)
    return [m for item in Collection(graph, union) for m in _named(graph, item)] if union else []


def _svg_open(width: float, height: float, ident: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" id="svg-{ident}" role="img" '
            f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}" '
            f'font-family="sans-serif" font-size="12">'
            '<defs><marker id="arrow-' + ident + '" viewBox="0 0 10 10" refX="10" refY="5" '
            'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
            '<path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>')


def _box(name: str, x: float, y: float) -> str:
    return (f'<a href="#{escape(name)}"><rect x="{x - NODE_W / 2:.1f}" y="{y - NODE_H / 2:.1f}" '
            f'width="{NODE_W}" height="{NODE_H}" rx="6" fill="#eef3fb" stroke="#1f4e99"/>'
            f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle">{escape(name)}</text></a>')


def _arrow(start: tuple[float, float], end: tuple[float, float], label: str, index: int,
           color: str, ident: str) -> str:
    (x1, y1), (x2, y2) = start, end
    if (x1, y1) == (x2, y2):   # a relation of a class to itself: a loop above the box
        return (f'<path d="M{x1 - 20:.1f},{y1 - NODE_H / 2:.1f} c-10,-40 50,-40 40,0" fill="none" '
                f'stroke="{color}" marker-end="url(#arrow-{ident})"/>'
                f'<text x="{x1:.1f}" y="{y1 - NODE_H / 2 - 32:.1f}" text-anchor="middle" fill="{color}">'
                f'{escape(label)}</text>')
    x1, y1 = _edge_point(x1, y1, x2, y2)
    x2, y2 = _edge_point(x2, y2, x1, y1)
    bend = 18 + 10 * (index % 3)
    mx, my = (x1 + x2) / 2, (y1 + y2) / 2
    length = math.hypot(x2 - x1, y2 - y1) or 1
    cx, cy = mx - bend * (y2 - y1) / length, my + bend * (x2 - x1) / length
    return (f'<path d="M{x1:.1f},{y1:.1f} Q{cx:.1f},{cy:.1f} {x2:.1f},{y2:.1f}" fill="none" '
            f'stroke="{color}" stroke-width="1.2" marker-end="url(#arrow-{ident})"/>'
            f'<text x="{(mx + cx) / 2:.1f}" y="{(my + cy) / 2:.1f}" text-anchor="middle" '
            f'fill="{color}" font-size="11">{escape(label)}</text>')


def _edge_point(x: float, y: float, tx: float, ty: float) -> tuple[float, float]:
    """Where the line from the centre (x, y) towards (tx, ty) leaves the node's box."""
    dx, dy = tx - x, ty - y
    if dx == 0 and dy == 0:
        return x, y
    scale = min((NODE_W / 2) / abs(dx) if dx else math.inf, (NODE_H / 2) / abs(dy) if dy else math.inf)
    return x + dx * scale, y + dy * scale
