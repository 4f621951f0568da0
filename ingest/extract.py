"""From a file or a text to a Document with provisions and norms.

    extract_path(path) -> Document            raises ReadError / ExtractionError
    extract_text(text, doc, lang=None) -> Document
    extract_paths(paths, n_process=1) -> Iterator[tuple[Path, Document | GovKGError]]
"""
from __future__ import annotations

import functools
import gc
import re
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from govkg.ingest import dotted, readers
from govkg.ingest.clean import clean_pdf_layer, looks_like_pdf_layer, spaced_title
from govkg.ingest.confidence import calibrate_document
from govkg.ingest.definitions import apply_definitions
from govkg.ingest.norms import make_norm
from govkg.ingest.pipeline import build_pipeline
from govkg.ingest.bounds import check_bounds
from govkg.ingest.language import unread_language
from govkg.ingest.readers import DEFAULT_LIMITS, Limits
from govkg.ingest.standing import read_standing
from govkg.ingest.sanctions import link_sanctions
from govkg.ingest.records import Document, Norm
from govkg.ingest.structure import Unit, published_structure, split_document
from govkg.ingest.zh_policy import PolicyContext
from govkg.ingest.zh_policy import context_at as policy_context
from govkg.ontology.errors import ExtractionError, GovKGError, ReadError

_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
BATCH_SIZE = 64


def detect_lang(text: str) -> str:
    """"zh" when Chinese characters make up a tenth of the letters, else "en"."""
    sample = text[:20000]
    cjk, latin = len(_CJK.findall(sample)), len(_LATIN.findall(sample))
    return "zh" if cjk >= 0.1 * max(1, cjk + latin / 5) else "en"


def extract_path(path: Path | str, *, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read, clean, split and extract one file."""
    path = Path(path)
    document = _prepare(path, limits)
    return _finish([document], limits=limits)[0]


def extract_text(text: str, doc: str, lang: str | None = None, *, source: str = "") -> Document:
    """Extract the norms of a text already in memory (``doc`` names it)."""
    document = Document(doc=doc, text=text, lang=lang or detect_lang(text), source=source)
    _clean(document)
    return _finish([document])[0]


def extract_paths(paths: Iterable[Path | str], n_process: int = 1, *,
                  limits: Limits = DEFAULT_LIMITS) -> Iterator[tuple[Path, Document | GovKGError]]:
    """Extract many files, batching their articles through ``nlp.pipe``; errors are yielded."""
    prepared: list[tuple[Path, Document | GovKGError]] = []
    for p in paths:
        path = Path(p)
        try:
            prepared.append((path, _prepare(path, limits)))
        except GovKGError as exc:
            prepared.append((path, exc))
    documents = [d for _, d in prepared if isinstance(d, Document)]
    try:
        _finish(documents, n_process=n_process, limits=limits)
    except GovKGError as exc:
        prepared = [(p, exc if isinstance(d, Document) else d) for p, d in prepared]
    yield from prepared


def _prepare(path: Path, limits: Limits) -> Document:
    source = readers.read_source(path, limits=limits)
    document = Document(doc=_stem(path), text=source.text, lang=detect_lang(source.text), source=path.name,
                        media_type=source.media_type, encoding=source.encoding, sha256=source.sha256)
    if source.parts:
        published_structure(document, source.parts)
    else:
        _clean(document)
    check_bounds(document, max_provisions=limits.max_provisions, max_provision_chars=limits.max_provision_chars)
    _warn_language(document)
    return document


def _warn_language(document: Document) -> None:
    """Say so (stderr, ``metadata["warnings"]``) when a text read as English does not read as English."""
    warning = unread_language(document.text) if document.lang == "en" else None
    if warning:
        document.metadata.setdefault("warnings", []).append(warning)
        print(f"govkg: {document.source or document.doc}: {warning}", file=sys.stderr)


def _stem(path: Path) -> str:
    """The document's name: the file name without its extension ("x.akn.xml" -> "x")."""
    name = path.name
    return name[: -len(".akn.xml")] if name.lower().endswith(".akn.xml") else path.stem


def _clean(document: Document) -> None:
    text = document.text.replace("\r\n", "\n").replace("\r", "\n")
    document.text = text
    title = ""
    if (looks_like_pdf_layer(text) and not dotted.looks_dotted(text)) or document.media_type == "application/pdf":
        document.text, document.offsets = clean_pdf_layer(text)
        title = spaced_title(text)
    if not document.text.strip():
        raise ReadError(f"{document.source or document.doc}: no text after cleaning")
    first_line = next((line.strip("# \t") for line in document.text.split("\n") if line.strip()), "")
    document.title = (title or first_line)[:200]


@dataclass
class _Group:
    document: Document
    start: int
    end: int
    units: list[Unit]


def _finish(documents: list[Document], n_process: int = 1, limits: Limits = DEFAULT_LIMITS) -> list[Document]:
    """Split each document and run its articles through the pipeline of its language."""
    with _collector_spared():
        return _extract(documents, n_process, limits)


@contextmanager
def _collector_spared() -> Iterator[None]:
    """Extraction makes and drops many small objects, and each full pass of the cyclic collector
    would walk every object the process holds (the pipeline, its vocab, jieba's tables, the
    caches): what exists before is set aside (``gc.freeze``) until extraction ends. A process
    that has set objects aside itself (an ingest worker, once its pipeline is built) keeps them
    so: its freeze is not undone."""
    ours = not _frozen_before()
    if ours:
        gc.freeze()
    try:
        yield
    finally:
        if ours:
            gc.unfreeze()


@functools.cache
def _frozen_before() -> bool:
    """Had the process set objects aside itself before its first extraction? Asked once: the
    count walks every object set aside (a hundred thousand in an ingest worker)."""
    return gc.get_freeze_count() > 0


def _extract(documents: list[Document], n_process: int, limits: Limits) -> list[Document]:
    groups_by_lang: dict[str, list[_Group]] = {}
    for document in documents:
        units = split_document(document)
        for group in _group_units(document, units):
            groups_by_lang.setdefault(document.lang, []).append(group)
    for lang, groups in groups_by_lang.items():
        _run(lang, groups, n_process, limits.max_seconds)
    for document in documents:
        document.norms.sort(key=lambda n: (n.start, n.end))
        apply_definitions(document)
        calibrate_document(document)
        document.metadata["standing"] = read_standing(document).to_json()
        link_sanctions(document)
    return documents


def _group_units(document: Document, units: list[Unit]) -> Iterator[_Group]:
    """One group (one spaCy Doc) per article, or per paragraph of a text without articles."""
    current: list[Unit] = []
    for unit in units:
        if current and (unit.article != current[0].article or unit.article in (None, 0)):
            yield _Group(document, current[0].start, current[-1].end, current)
            current = []
        current.append(unit)
    if current:
        yield _Group(document, current[0].start, current[-1].end, current)


def _run(lang: str, groups: list[_Group], n_process: int, max_seconds: float) -> None:
    nlp = build_pipeline(lang)
    items = []
    with_articles: dict[int, bool] = {}     # per document: a scan of its provisions per article is quadratic
    for index, group in enumerate(groups):
        units = [{"kind": u.kind, "start": u.start - group.start, "end": u.end - group.start} for u in group.units]
        key = id(group.document)
        if key not in with_articles:
            with_articles[key] = any(p.article for p in group.document.provisions)
        has_articles = with_articles[key]
        text = group.document.text[group.start:group.end]
        context = {"units": units, "group": index, "with_articles": has_articles, "text": text}
        if lang == "zh" and not has_articles:
            context["policy"] = policy_context(group.document.title, group.document.text, group.end)
        items.append((text, context))
    try:
        clock = _DocumentClock(max_seconds)
        for doc, context in nlp.pipe(items, as_tuples=True, batch_size=BATCH_SIZE, n_process=n_process):
            group = groups[context["group"]]
            clock.check(group.document)
            policy = context.get("policy") or PolicyContext()
            group.document.norms.extend(_norms(group, doc._.norms or [], context["with_articles"],
                                               policy.policy))
    except GovKGError:
        raise
    except (ValueError, RuntimeError, KeyError, IndexError) as exc:
        raise ExtractionError(f"norm extraction failed: {type(exc).__name__}: {exc}") from exc


class _DocumentClock:
    """Stops a document whose articles take longer than ``max_seconds`` in all (checked
    between articles, so one runaway text cannot hold the others back for ever)."""

    def __init__(self, max_seconds: float) -> None:
        self.max_seconds = max_seconds
        self.current: str | None = None
        self.started = time.monotonic()

    def check(self, document: Document) -> None:
        if document.doc != self.current:
            self.current, self.started = document.doc, time.monotonic()
        elif time.monotonic() - self.started > self.max_seconds:
            raise ExtractionError(f"{document.source or document.doc}: extraction took longer than "
                                  f"{self.max_seconds:g} s (limit)")


def _norms(group: _Group, drafts: list[dict], with_articles: bool, policy: bool = False) -> Iterator[Norm]:
    for draft in drafts:
        if not with_articles and not policy and not draft["actor"]:
            continue          # a paper's impersonal 需要/应 is the author's advice, not a duty
        unit = group.units[draft["unit"]]
        if with_articles and unit.article is None:
            continue          # recitals and front matter of a law state no norms
        yield make_norm(group.document, unit, draft, group.start)
