"""From a file to norm records: read, clean, split into provisions, extract norms with spaCy.

Public surface (see ``govkg.ingest.extract``):
    extract_path(path) -> Document            raises ReadError / ExtractionError
    extract_text(text, doc, lang=None) -> Document
    extract_paths(paths, n_process=1) -> Iterator[tuple[Path, Document | GovKGError]]
"""
from govkg.ingest.records import MODALITIES, Document, Norm, Provision

__all__ = ["MODALITIES", "Document", "Norm", "Provision"]
