"""Routes: documents — list, one document, upload and ingest (write token), delete (write token)."""
from __future__ import annotations

import re
import tempfile
import threading
from pathlib import Path, PurePosixPath
from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, Request, Response, UploadFile
from starlette.concurrency import run_in_threadpool

from govkg.api.deps import SettingsDep, StoreDep, WriteAccess
from govkg.api.light import light_answer
from govkg.api.models import DocumentDetail, DocumentList, ProvisionSummary
from govkg.ingest.readers import Limits
from govkg.kg import documents as kg_documents
from govkg.kg import provisions as kg_provisions
from govkg.kg import queries
from govkg.kg.store import DocumentInfo
from govkg.ontology.errors import ReadError

router = APIRouter(tags=["documents"])
SUFFIXES = {".txt", ".md", ".html", ".htm", ".docx", ".pdf", ".xml"}
_UNSAFE_NAME = re.compile(r"[^\w\-.]+")


def document_name(filename: str, override: str | None = None) -> tuple[str, str]:
    """A safe document name and suffix from an uploaded file name: never a path. A file name
    that holds a folder is refused unless ``override`` names the document: ``../../etc/passwd.txt``
    and ``/etc/passwd.txt`` would otherwise both become ``passwd`` and replace each other."""
    plain = (filename or "").replace("\\", "/")
    if "/" in plain and not override:
        raise ReadError(f"the file name {filename[:200]!r} holds a folder: upload the file under its own name, "
                        "or pass 'doc' to name the document")
    base = PurePosixPath(plain).name
    suffix = PurePosixPath(base).suffix.lower()
    if suffix not in SUFFIXES:
        raise ReadError(f"cannot read {suffix or 'files without a suffix'}: upload one of {', '.join(sorted(SUFFIXES))}")
    stem = _UNSAFE_NAME.sub("-", override or base[: -len(suffix)]).strip("-.")[:120]
    if not stem:
        raise ReadError("the document needs a name: give the file a name or pass 'doc'")
    return stem, suffix


@router.get("/documents", response_model=DocumentList, summary="Every ingested document with its counts")
async def list_documents(request: Request) -> DocumentList:
    store = request.app.state.store            # no sync dependency: see govkg.api.light

    def compute() -> DocumentList:
        return DocumentList.model_validate({"documents": kg_documents.list_documents(store)}, from_attributes=True)
    return await light_answer(request, store, compute)


@router.get("/documents/{doc}", response_model=DocumentDetail, summary="One document: counts, provisions, norms by modality")
def get_document(doc: str, store: StoreDep) -> DocumentDetail:
    info = kg_documents.get_document(store, doc)
    modalities = queries.modality_counts(store, doc)
    return DocumentDetail(document=info,
                          provisions=[ProvisionSummary(**p) for p in kg_provisions.provisions(store, doc)],
                          modalities=modalities)


@router.post("/documents", response_model=DocumentInfo, status_code=201,
             summary="Upload a file (txt, md, html, docx, pdf, Akoma Ntoso xml), extract its norms and ingest it")
async def upload_document(_: WriteAccess, store: StoreDep, settings: SettingsDep,
                          file: Annotated[UploadFile, File(description="The document")],
                          doc: Annotated[str | None, Form(description="Name to store it under (default: file stem)")] = None
                          ) -> DocumentInfo:
    name, suffix = document_name(file.filename or "", doc)
    data = await file.read(settings.max_upload_bytes + 1)
    if len(data) > settings.max_upload_bytes:
        raise HTTPException(413, f"the file is larger than {settings.max_upload_bytes} bytes")
    with tempfile.TemporaryDirectory(prefix="govkg-upload-") as folder:
        path = Path(folder) / f"{name}{suffix}"
        path.write_bytes(data)
        document = await run_in_threadpool(_extract, path, settings.read_limits())     # off the event loop: readers go on
    document.source = file.filename or document.source
    info = await run_in_threadpool(kg_documents.ingest_document, store, document)
    return info


_extracting = threading.Lock()


def _extract(path: Path, limits: Limits):
    """One extraction at a time: the spaCy pipelines are shared by the whole process."""
    from govkg.ingest.extract import extract_path
    with _extracting:
        return extract_path(path, limits=limits)


@router.delete("/documents/{doc}", status_code=204, summary="Delete a document and everything extracted from it")
def delete_document(doc: str, _: WriteAccess, store: StoreDep) -> Response:
    kg_documents.delete_document(store, doc)
    return Response(status_code=204)
