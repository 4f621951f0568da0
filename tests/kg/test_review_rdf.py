"""Reviews are RDF under the ontology's terms, in a graph of their own: a ``gov:Review`` with PROV
agent and time, a correction a ``gov:NormRevision`` that ``prov:wasRevisionOf`` the extracted norm,
which stays as it was. ``reviewed=`` picks the reviewed or the unreviewed norms and findings. On
both stores."""
from __future__ import annotations

import pyoxigraph as ox

from govkg.kg import reviews
from govkg.kg.documents import ingest_document
from govkg.kg.effective import effective_gaps, review_norm_as_seen
from govkg.kg.mapping import graph_iri
from govkg.kg.queries import norms
from govkg.ontology import terms as T

from .conftest import residents_law

PROV, XSD = reviews.PROV, reviews.XSD


def triples(store, graph: str) -> set[str]:
    return {str(t) for t in ox.parse(store.graph_get(graph, "application/n-triples"), format=ox.RdfFormat.N_TRIPLES)}


def test_a_correction_is_a_revision_of_the_untouched_extracted_norm(store):
    ingest_document(store, residents_law())
    extracted = triples(store, graph_iri("residents"))
    norm = next(v for v in norms(store, doc="residents") if v.action == "予以指导")
    revision = reviews.Revision("obligation", "予以指导", ["民政部门"])
    made = review_norm_as_seen(store, norm.id, "corrected", "王律师", "有关部门即民政部门", revision)
    graph = reviews.REVIEWS_GRAPH
    assert store.ask(f"""ASK {{ GRAPH <{graph}> {{
      <{reviews.REVIEW_NS}{made.id}> a <{T.Review}> ; <{T.verdict}> "corrected" ; <{T.reason}> "有关部门即民政部门" ;
        <{PROV}wasAttributedTo> ?who ; <{PROV}generatedAtTime> ?at ; <{T.revision}> ?v .
      ?who a <{PROV}Agent> ; <http://www.w3.org/2000/01/rdf-schema#label> "王律师" .
      ?v a <{T.NormRevision}> ; <{PROV}wasRevisionOf> <{norm.iri}> ; <{T.revisedBearer}> "民政部门" .
      FILTER(DATATYPE(?at) = <{XSD}dateTime>) }} }}""")
    assert triples(store, graph_iri("residents")) == extracted          # the extracted norm is never changed
    assert not store.ask(f"ASK {{ GRAPH <{graph_iri('residents')}> {{ ?s a <{T.Review}> }} }}")


def test_reviewed_picks_the_reviewed_or_the_unreviewed(store):
    ingest_document(store, residents_law())
    every = norms(store, doc="residents")
    review_norm_as_seen(store, every[0].id, "confirmed", "王律师")
    assert [v.id for v in norms(store, doc="residents", reviewed=True)] == [every[0].id]
    assert {v.id for v in norms(store, doc="residents", reviewed=False)} == {v.id for v in every[1:]}
    finding = effective_gaps(store).findings[0]
    reviews.review_finding(store, finding.kind, finding.norm, "confirmed", "王律师")
    picked = effective_gaps(store, reviewed=True).findings
    assert finding._replace(review="confirmed") in picked
    assert all(f.review for f in picked) and not any(f.review for f in effective_gaps(store, reviewed=False).findings)
