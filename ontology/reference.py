"""The human-readable reference page of the ontology, generated from the Turtle: header,
diagrams (inline SVG), classes, properties and gap kinds with zh/en labels, definitions and
alignments. Every text from the Turtle is escaped; the page needs no network."""
from __future__ import annotations

from functools import lru_cache
from html import escape

from rdflib import OWL, RDF, RDFS, BNode, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from govkg.ontology.classtree import local_name
from govkg.ontology.diagrams import class_tree_svg, hierarchy_svg, relations_svg
from govkg.ontology.namespaces import GOV, ONTOLOGY_IRI, PREFIXES
from govkg.ontology.source import ontology_graph

GAP_KIND = URIRef(GOV + "GapKind")
HEAD_NOUN = URIRef(GOV + "headNoun")
GAP_CODE = URIRef(GOV + "gapCode")
PROPERTY_KINDS = ((OWL.ObjectProperty, "object property"), (OWL.DatatypeProperty, "datatype property"),
                  (OWL.AnnotationProperty, "annotation property"))

CSS = """
body{font-family:system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:1rem 2rem;color:#222;line-height:1.45}
h1{margin-bottom:.2rem} h2{border-bottom:2px solid #1f4e99;padding-bottom:.2rem;margin-top:2.5rem}
.meta{color:#555} code{background:#f3f3f3;padding:0 .25rem;border-radius:3px}
nav a{margin-right:1rem} table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{border:1px solid #ddd;padding:.3rem .5rem;vertical-align:top;text-align:left}
th{background:#eef3fb} .term{scroll-margin-top:1rem} .vague{color:#b3261e}
.figure{overflow-x:auto;border:1px solid #ddd;padding:.5rem;margin:.5rem 0 1rem}
.small{color:#666;font-size:.85rem}
"""


@lru_cache(maxsize=1)
def reference_html() -> str:
    """The whole reference page."""
    graph = ontology_graph()
    sections = [_header(graph), _nav(), _diagrams(), _class_section(graph),
                _property_section(graph), _gap_section(graph)]
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{escape(_text(graph, URIRef(ONTOLOGY_IRI), DCTERMS.title, 'en'))}</title>"
            f"<style>{CSS}</style></head><body>\n" + "\n".join(sections) + "\n</body></html>")


def _header(graph) -> str:
    onto = URIRef(ONTOLOGY_IRI)
    version = graph.value(onto, OWL.versionIRI)
    licence = graph.value(onto, DCTERMS.license)
    return (f"<header><h1>{escape(_text(graph, onto, DCTERMS.title, 'en'))}</h1>"
            f"<p class=\"meta\">{escape(_text(graph, onto, DCTERMS.title, 'zh'))}</p>"
            f"<p>{escape(_text(graph, onto, DCTERMS.description, 'en'))}</p>"
            f"<p>{escape(_text(graph, onto, DCTERMS.description, 'zh'))}</p>"
            "<table><tr><th>IRI</th><td><code>" + escape(ONTOLOGY_IRI) + "</code></td></tr>"
            f"<tr><th>version</th><td><code>{escape(str(version or ''))}</code></td></tr>"
            f"<tr><th>licence</th><td>{_link(licence)}</td></tr>"
            "<tr><th>formats</th><td><a href=\"?format=ttl\">Turtle</a> · <a href=\"?format=jsonld\">JSON-LD</a>"
            " · <code>Accept: text/turtle</code></td></tr>"
            "<tr><th>prefixes</th><td>" + " ".join(
                f"<code>{escape(p)}: &lt;{escape(iri)}&gt;</code>" for p, iri in PREFIXES.items()) +
            "</td></tr></table></header>")


def _nav() -> str:
    return ("<nav><a href=\"#diagrams\">Diagrams</a><a href=\"#classes\">Classes</a>"
            "<a href=\"#properties\">Properties</a><a href=\"#gap-kinds\">Gap kinds</a></nav>")


def _diagrams() -> str:
    return ("<section id=\"diagrams\"><h2>Diagrams 关系图</h2>"
            "<h3>Main relations 主要关系</h3><p class=\"small\">Domain → range of each object property.</p>"
            f"<div class=\"figure\">{relations_svg()}</div>"
            "<h3>Who is under, guides or supervises whom 主体层级</h3>"
            "<p class=\"small\">Class-level restrictions <code>C ⊑ ∃p.D</code>: "
            "<span style=\"color:#8a3b12\">subordinateTo</span>, <span style=\"color:#2e7d32\">guides</span>, "
            "<span style=\"color:#1f4e99\">supervises</span>.</p>"
            f"<div class=\"figure\">{hierarchy_svg()}</div>"
            "<h3>Actor classes 主体类</h3><p class=\"small\">Vague actors in <span class=\"vague\">red</span>.</p>"
            f"<div class=\"figure\">{class_tree_svg()}</div></section>")


def _class_section(graph) -> str:
    classes = sorted((c for c in graph.subjects(RDF.type, OWL.Class)
                      if isinstance(c, URIRef) and str(c).startswith(GOV)), key=str)
    rows = [_class_row(graph, cls) for cls in classes]
    return ("<section id=\"classes\"><h2>Classes 类</h2><table><tr><th>class</th><th>labels</th>"
            "<th>definition</th><th>superclasses &amp; alignment</th></tr>" + "".join(rows) + "</table></section>")


def _class_row(graph, cls: URIRef) -> str:
    name = local_name(str(cls))
    supers = [_ref(o) for o in graph.objects(cls, RDFS.subClassOf) if isinstance(o, URIRef)]
    restrictions = [_restriction(graph, o) for o in graph.objects(cls, RDFS.subClassOf) if isinstance(o, BNode)]
    close = [_ref(o) for o in graph.objects(cls, SKOS.closeMatch)]
    heads = ", ".join(escape(str(h)) for h in sorted(graph.objects(cls, HEAD_NOUN), key=str))
    align = ("⊑ " + ", ".join(sorted(supers)) if supers else "") + \
        ("<br>" + "<br>".join(r for r in restrictions if r) if restrictions else "") + \
        ("<br>≈ " + ", ".join(sorted(close)) if close else "") + \
        (f"<br><span class=\"small\">head nouns: {heads}</span>" if heads else "")
    return (f"<tr class=\"term\" id=\"{escape(name)}\"><td><code>gov:{escape(name)}</code></td>"
            f"<td>{_labels(graph, cls)}</td><td>{_definitions(graph, cls)}</td><td>{align}</td></tr>")


def _property_section(graph) -> str:
    rows = []
    for kind, title in PROPERTY_KINDS:
        for prop in sorted((p for p in graph.subjects(RDF.type, kind) if str(p).startswith(GOV)), key=str):
            rows.append(_property_row(graph, prop, title))
    return ("<section id=\"properties\"><h2>Properties 属性</h2><table><tr><th>property</th><th>labels</th>"
            "<th>definition</th><th>domain → range</th></tr>" + "".join(rows) + "</table></section>")


def _property_row(graph, prop: URIRef, title: str) -> str:
    name = local_name(str(prop))
    domain = _class_expr(graph, graph.value(prop, RDFS.domain))
    range_ = _class_expr(graph, graph.value(prop, RDFS.range))
    supers = [_ref(o) for o in graph.objects(prop, RDFS.subPropertyOf)]
    close = [_ref(o) for o in graph.objects(prop, SKOS.closeMatch)]
    extra = ("<br>⊑ " + ", ".join(supers) if supers else "") + ("<br>≈ " + ", ".join(close) if close else "")
    return (f"<tr class=\"term\" id=\"{escape(name)}\"><td><code>gov:{escape(name)}</code>"
            f"<br><span class=\"small\">{escape(title)}</span></td><td>{_labels(graph, prop)}</td>"
            f"<td>{_definitions(graph, prop)}</td><td>{domain or '—'} → {range_ or '—'}{extra}</td></tr>")


def _gap_section(graph) -> str:
    rows = []
    for kind in sorted(graph.subjects(RDF.type, GAP_KIND), key=str):
        name = local_name(str(kind))
        rows.append(f"<tr class=\"term\" id=\"{escape(name)}\"><td><code>{escape(str(graph.value(kind, GAP_CODE) or ''))}"
                    f"</code><br><code>gov:{escape(name)}</code></td><td>{_labels(graph, kind)}</td>"
                    f"<td>{_definitions(graph, kind)}</td></tr>")
    return ("<section id=\"gap-kinds\"><h2>Gap kinds 权责缺口类型</h2><table><tr><th>code</th><th>labels</th>"
            "<th>definition</th></tr>" + "".join(rows) + "</table></section>")


def _labels(graph, node) -> str:
    pref = " / ".join(escape(_text(graph, node, SKOS.prefLabel, lang)) for lang in ("zh", "en"))
    alts = sorted({str(o) for p in (SKOS.altLabel, SKOS.hiddenLabel) for o in graph.objects(node, p)})
    more = f"<br><span class=\"small\">{escape('; '.join(alts))}</span>" if alts else ""
    return f"<strong>{pref}</strong>{more}"


def _definitions(graph, node) -> str:
    return "<br>".join(escape(_text(graph, node, SKOS.definition, lang)) for lang in ("en", "zh"))


def _text(graph, node, prop, lang: str) -> str:
    for value in graph.objects(node, prop):
        if isinstance(value, Literal) and value.language == lang:
            return str(value)
    return ""


def _class_expr(graph, node) -> str:
    if node is None:
        return ""
    if isinstance(node, URIRef):
        return _ref(node)
    union = graph.value(node, OWL.unionOf)
    if union is not None:
        from rdflib.collection import Collection
        return " ⊔ ".join(_class_expr(graph, m) for m in Collection(graph, union))
    return ""


def _restriction(graph, node) -> str:
    prop, target = graph.value(node, OWL.onProperty), graph.value(node, OWL.someValuesFrom)
    if prop is None or target is None:
        return ""
    return f"⊑ ∃{_ref(prop)}.{_class_expr(graph, target)}"


def _ref(node) -> str:
    iri = str(node)
    if iri.startswith(GOV):
        name = local_name(iri)
        return f"<a href=\"#{escape(name)}\"><code>gov:{escape(name)}</code></a>"
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns):
            return f"<code title=\"{escape(iri)}\">{escape(prefix)}:{escape(iri[len(ns):])}</code>"
    return f"<code>{escape(iri)}</code>"


def _link(node) -> str:
    return f"<a href=\"{escape(str(node))}\">{escape(str(node))}</a>" if node is not None else ""
