"""The govkg OWL ontology, its SHACL shapes and the actor thesaurus derived from it."""
from govkg.ontology.errors import GovKGError
from govkg.ontology.namespaces import GOV, ID, ONTOLOGY_IRI

__all__ = ["GOV", "ID", "ONTOLOGY_IRI", "GovKGError"]
