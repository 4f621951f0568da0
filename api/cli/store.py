"""Commands on the store: ingest, query, gaps, export, import, documents, delete, and the
analyst questions (norms of an actor, who is responsible for a topic, actor × topic matrix)."""
from __future__ import annotations

import csv
import io
import json
import re
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from govkg.api.cli import app
from govkg.api.cli.common import (
    DEFAULT_STORE,
    StoreOpt,
    UpdateEndpointOpt,
    cli_errors,
    err_console,
    fail,
)
from govkg.kg.store import DocumentInfo, Store
from govkg.ontology.errors import GovKGError, StoreError

SOURCE_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf", ".xml"}
out = Console(highlight=False, soft_wrap=True, markup=False)   # labels and ids are text, never markup


# ---- ingest ---------------------------------------------------------------------------------
def expand_paths(paths: list[Path]) -> list[Path]:
    """Files as given, and the source files inside folders (recursively, sorted)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SOURCE_SUFFIXES
                            and p.name != "SOURCES.md")
        else:
            files.append(path)
    return files


def ingest_paths(store: Store, paths: list[Path], *, console: Console | None = None,
                 workers: int | None = None) -> list[DocumentInfo]:
    """Extract and store every file (folders expanded), with a progress bar on stderr; files
    are extracted in worker processes side by side (``GOVKG_INGEST_WORKERS``) and written here.
    A file that fails gets one line on the console; the others are still ingested."""
    from govkg.api.settings import get_settings
    from govkg.api.cli.ingest_batch import default_workers, prepare_paths

    console = console or err_console
    settings = get_settings()
    files = expand_paths([Path(p) for p in paths])
    workers = workers or settings.ingest_workers or default_workers()
    batch = _Batch(store, settings.ingest_batch_bytes)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("ingesting", total=len(files))
        for file, prepared in prepare_paths(files, limits=settings.read_limits(), workers=workers):
            progress.update(task, description=f"ingesting {file.name}")
            if isinstance(prepared, GovKGError):
                console.print(f"[red]failed[/] {file}: {_one_line(prepared)}", highlight=False, soft_wrap=True)
            else:
                batch.add(prepared, console)
            progress.advance(task)
        batch.flush(console)
    return batch.done


class _Batch:
    """Prepared documents waiting to be written together; a batch the store refuses is
    written one document at a time, so one bad document costs only itself."""

    def __init__(self, store: Store, max_bytes: int) -> None:
        self.store, self.max_bytes, self.waiting, self.size = store, max_bytes, [], 0
        self.done: list[DocumentInfo] = []

    def add(self, prepared, console: Console) -> None:
        self.waiting.append(prepared)
        self.size += len(prepared.content)
        if self.size >= self.max_bytes:
            self.flush(console)

    def flush(self, console: Console) -> None:
        from govkg.kg.documents import store_documents
        waiting, self.waiting, self.size = self.waiting, [], 0
        try:
            self.done += store_documents(self.store, waiting)
            return
        except GovKGError:
            pass
        for prepared in waiting:
            try:
                self.done += store_documents(self.store, [prepared])
            except GovKGError as exc:
                console.print(f"[red]failed[/] {prepared.info.source or prepared.info.doc}: {_one_line(exc)}",
                              highlight=False, soft_wrap=True)


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


@app.command()
@cli_errors
def ingest(paths: Annotated[list[Path], typer.Argument(help="Files or folders to ingest.")],
           store: StoreOpt = DEFAULT_STORE, update_endpoint: UpdateEndpointOpt = None) -> None:
    """Extract norms from files (or folders) and store them, one named graph per document."""
    files = expand_paths(paths)
    with _open(store, update_endpoint) as opened:
        done = ingest_paths(opened, paths)
    for info in done:
        out.print(f"{info.doc}\t{info.norms} norms\t{info.triples} triples")
    failed = len(files) - len(done)
    err_console.print(f"ingested {len(done)} of {len(files)} files" + (f", {failed} failed" if failed else ""))
    if failed or not files:
        raise typer.Exit(1)


# ---- opening ----------------------------------------------------------------------------------
def _open(store: str, update_endpoint: str | None, *, read_only: bool = False) -> Store:
    from govkg.kg import open_store
    return open_store(store, update_endpoint=update_endpoint, read_only=read_only)


def _open_reader(store: str, update_endpoint: str | None) -> Store:
    """Read commands work beside a running ``govkg serve`` (which holds the write lock)."""
    if store.startswith(("http://", "https://")):
        return _open(store, update_endpoint)
    if not Path(store).is_dir():
        raise StoreError(f"no store at {store} (run `govkg ingest FILES --store {store}` first)")
    return _open(store, update_endpoint, read_only=True)


def _open_keeper(store: str, update_endpoint: str | None) -> Store:
    """A reader that may also write what it derives (kept gap findings): the store opened for
    writing where no other process holds it, else read-only."""
    if store.startswith(("http://", "https://")) or not Path(store).is_dir():
        return _open_reader(store, update_endpoint)
    try:
        return _open(store, update_endpoint)
    except StoreError:
        return _open(store, update_endpoint, read_only=True)


FormatOpt = Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")]


# ---- query ------------------------------------------------------------------------------------
_FORM = re.compile(r"^\s*(?:(?:PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>|#[^\n]*)\s*)*(\w+)", re.IGNORECASE)


def query_form(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first keyword after the prologue."""
    m = _FORM.match(sparql)
    return m.group(1).upper() if m else ""


@app.command()
@cli_errors
def query(sparql: Annotated[str, typer.Argument(help="SPARQL text, or @file.rq to read it from a file.")],
          fmt: FormatOpt = "table", store: StoreOpt = DEFAULT_STORE, update_endpoint: UpdateEndpointOpt = None,
          timeout: Annotated[float | None, typer.Option(help="Stop the query after this many seconds.")] = None) -> None:
    """Run a SPARQL query and print its answer."""
    text = _read_query(sparql)
    with _open_reader(store, update_endpoint) as opened:
        form = query_form(text)
        if form in {"CONSTRUCT", "DESCRIBE"}:
            sys.stdout.write(opened.query_serialized(text, "application/n-triples", timeout=timeout).body.decode())
            return
        if form == "ASK":
            out.print(json.dumps({"boolean": opened.ask(text, timeout=timeout)}) if fmt == "json"
                      else str(opened.ask(text, timeout=timeout)).lower())
            return
        if fmt in {"json", "csv"}:
            media = "application/sparql-results+json" if fmt == "json" else "text/csv"
            sys.stdout.write(opened.query_serialized(text, media, timeout=timeout).body.decode())
            return
        _print_rows(opened.select(text, timeout=timeout), "table")


def _read_query(sparql: str) -> str:
    if sparql.startswith("@"):
        path = Path(sparql[1:])
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise StoreError(f"cannot read query file {path}: {exc}") from exc
    return sparql


def _print_rows(rows: list[dict], fmt: str, columns: list[str] | None = None) -> None:
    columns = columns or list(dict.fromkeys(k for row in rows for k in row))
    if fmt == "json":
        out.print(json.dumps(rows, ensure_ascii=False, indent=2), markup=False)
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
        sys.stdout.write(buffer.getvalue())
    elif fmt == "table":
        table = Table(*columns, show_lines=False)
        for row in rows:
            table.add_row(*(str(row.get(c, "")) for c in columns))
        out.print(table)
        err_console.print(f"{len(rows)} rows")
    else:
        fail(f"unknown format {fmt!r} (table, csv or json)")


# ---- gaps -------------------------------------------------------------------------------------
@app.command()
@cli_errors
def gaps(kind: Annotated[list[str] | None, typer.Option("--kind", "-k", help="Gap kind (repeatable).")] = None,
         doc: Annotated[str | None, typer.Option("--doc", help="Only this document.")] = None,
         dismissed: Annotated[bool, typer.Option("--dismissed", help="Show the findings reviewers dismissed too.")] = False,
         min_severity: Annotated[int | None, typer.Option("--min-severity", help="Only findings this serious.")] = None,
         order: Annotated[str, typer.Option("--order", help="rank (most serious groups first) or document.")] = "rank",
         lang: Annotated[str | None, typer.Option("--lang", help="zh or en (default: each document's).")] = None,
         fmt: FormatOpt = "table", store: StoreOpt = DEFAULT_STORE, update_endpoint: UpdateEndpointOpt = None) -> None:
    """Print responsibility gaps, most serious groups first: unassigned duties, vague bearers, no lead, ...
    (as reviewed)"""
    from govkg.kg.gap_rank import at_least
    from govkg.kg.effective import effective_gaps
    from govkg.kg.gaps import GAP_KINDS, findings_csv, findings_json

    if fmt not in {"table", "json", "csv"}:
        fail(f"unknown format {fmt!r} (table, csv or json)")
    if lang not in {None, "zh", "en"}:
        fail(f"unknown language {lang!r} (zh or en)")
    with _open_keeper(store, update_endpoint) as opened:
        report = effective_gaps(opened, kinds=kind or None, doc=doc, show_dismissed=dismissed, order=order)
    findings = at_least(report.findings, min_severity)
    if report.dismissed:
        one = report.dismissed == 1
        err_console.print(f"{report.dismissed} finding{'' if one else 's'} dismissed by reviewers"
                          + ("" if dismissed else f" {'is' if one else 'are'} not shown (--dismissed shows them)"))
    if fmt == "json":
        sys.stdout.write(findings_json(findings, report.dismissed) + "\n")
    elif fmt == "csv":
        sys.stdout.write(findings_csv(findings))
    else:
        rows = [{"kind": f.kind, "severity": f.severity, "doc": f.doc, "article": f.article, "actor": f.actor,
                 "sure": "" if f.confidence is None else f"{f.confidence:.2f}",
                 "explanation": f.explained(lang)} for f in findings]
        _print_rows(rows, "table", ["kind", "severity", "doc", "article", "actor", "sure", "explanation"])
        counts = {k: sum(f.kind == k for f in findings) for k in GAP_KINDS if not kind or k in kind}
        err_console.print("  ".join(f"{k}: {n}" for k, n in counts.items()))


# ---- export / import / documents / delete -----------------------------------------------------
DATASET_MEDIA = {"nquads": "application/n-quads", "trig": "application/trig"}


@app.command()
@cli_errors
def export(fmt: Annotated[str, typer.Option("--format", "-f", help="nquads or trig.")] = "nquads",
           store: StoreOpt = DEFAULT_STORE, update_endpoint: UpdateEndpointOpt = None) -> None:
    """Write the whole dataset (every named graph) to stdout."""
    from govkg.kg.dataset import export_dataset
    if fmt not in DATASET_MEDIA:
        fail(f"unknown format {fmt!r} (nquads or trig)")
    with _open_reader(store, update_endpoint) as opened:
        sys.stdout.buffer.write(export_dataset(opened, DATASET_MEDIA[fmt]))


@app.command(name="import")
@cli_errors
def import_(file: Annotated[Path, typer.Argument(help="An N-Quads or TriG file (from `govkg export`).")],
            fmt: Annotated[str | None, typer.Option("--format", "-f", help="nquads or trig (default: by suffix).")] = None,
            store: StoreOpt = DEFAULT_STORE, update_endpoint: UpdateEndpointOpt = None) -> None:
    """Load an exported dataset; graphs it holds replace the stored ones."""
    from govkg.kg.dataset import import_dataset, media_for_path
    media = DATASET_MEDIA.get(fmt or "", "") or media_for_path(file)
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise StoreError(f"cannot read {file}: {exc.strerror or exc}") from exc
    with _open(store, update_endpoint) as opened:
        graphs = import_dataset(opened, data, media)
    err_console.print(f"imported {graphs} graphs from {file}")


@app.command()
@cli_errors
def documents(fmt: FormatOpt = "table", store: StoreOpt = DEFAULT_STORE,
              update_endpoint: UpdateEndpointOpt = None) -> None:
    """List the stored documents with their norm and triple counts."""
    from dataclasses import asdict

    from govkg.kg.documents import list_documents
    with _open_reader(store, update_endpoint) as opened:
        rows = [asdict(info) for info in list_documents(opened)]
    _print_rows(rows, fmt, ["doc", "title", "lang", "norms", "triples", "ingested"] if fmt == "table" else None)


@app.command()
@cli_errors
def delete(doc: Annotated[str, typer.Argument(help="The document's name (its file stem).")],
           store: StoreOpt = DEFAULT_STORE, update_endpoint: UpdateEndpointOpt = None) -> None:
    """Remove a document and everything stated in it."""
    from govkg.kg.documents import delete_document
    with _open(store, update_endpoint) as opened:
        delete_document(opened, doc)
    err_console.print(f"deleted {doc}")


# ---- analyst questions ------------------------------------------------------------------------
@app.command()
@cli_errors
def norms(actor: Annotated[str, typer.Option("--actor", "-a", help="Actor label or slug.")],
          modality: Annotated[str | None, typer.Option(help="obligation, prohibition or permission.")] = None,
          doc: Annotated[str | None, typer.Option("--doc")] = None,
          words: Annotated[str | None, typer.Option(help="Words the action must contain.")] = None,
          fmt: FormatOpt = "table", store: StoreOpt = DEFAULT_STORE, update_endpoint: UpdateEndpointOpt = None) -> None:
    """The norms an actor bears: what it must, must not, or may do, and where. For a vague bearer
    (有关部门), the last column names who the documents implementing the law name for the matter."""
    from govkg.kg import queries
    from govkg.kg.named_below import named_below_norms
    with _open_reader(store, update_endpoint) as opened:
        actor_id = queries.resolve_actor(opened, actor)
        # an id the store does not know may still be a bearer that reviews named
        rows = queries.norms(opened, actor=actor_id or actor, modality=modality, doc=doc, words=words)
        if not rows:
            _say_why_none(opened, actor, actor_id)
        below = named_below_norms(opened, rows)
    if fmt == "json":
        _print_rows([{**_plain(r), "named_below": below.get(r.id, [])} for r in rows], fmt)
    else:
        lines = [{**_norm_line(view), "shared with": _shared_with(view, actor),
                  "named below": _named(below.get(view.id, []))} for view in rows]
        _print_rows(lines, fmt, [*NORM_COLUMNS, "shared with", "named below"])


def _named(hits: list[dict]) -> str:
    """Who the laws below name: 县级以上人民政府民政部门 (上海市慈善条例 第五条); …"""
    return "; ".join(f"{h['actor']} ({h['doc']} {h['article']})" for h in hits)


@app.command()
@cli_errors
def who(topic: Annotated[str, typer.Argument(help="Topic words in zh or en, e.g. 物业管理 or \"data breach\".")],
        fmt: FormatOpt = "table", store: StoreOpt = DEFAULT_STORE, update_endpoint: UpdateEndpointOpt = None) -> None:
    """Who is responsible for a topic (words matched against actions)."""
    from govkg.kg import queries
    with _open_reader(store, update_endpoint) as opened:
        rows = queries.responsible_for(opened, topic)
    if fmt == "json":
        _print_rows([_plain(r) for r in rows], fmt)
    else:
        lines = [{"bearer": group.label or queries.NO_BEARER, **_norm_line(view)}
                 for group in rows for view in group.norms]
        _print_rows(lines, fmt, ["bearer", *NORM_COLUMNS])


@app.command()
@cli_errors
def matrix(topics: Annotated[str, typer.Option("--topics", help="Comma-separated topics.")],
           store: StoreOpt = DEFAULT_STORE, update_endpoint: UpdateEndpointOpt = None) -> None:
    """An actor × topic responsibility matrix, as CSV on stdout."""
    from govkg.kg import queries
    wanted = [t.strip() for t in topics.split(",") if t.strip()]
    if not wanted:
        fail("give at least one topic, e.g. --topics 物业管理,安全生产")
    from govkg.api.routers.matrix import matrix_csv
    with _open_reader(store, update_endpoint) as opened:
        rows = queries.matrix(opened, wanted)
    sys.stdout.write(matrix_csv(wanted, rows))


def _say_why_none(store, actor: str, actor_id: str | None) -> None:
    """No norms: say whether the actor is unknown (with the names it may have meant) or has none that match."""
    from govkg.kg import queries
    if actor_id:
        err_console.print(f"{actor} bears no norm that matches these filters")
        return
    close = queries.similar_actors(store, actor)
    hint = f"; did you mean {'、'.join(close)}?" if close else "; `govkg actors` lists the actors"
    err_console.print(f"no actor named {actor!r}{hint}")


@app.command()
@cli_errors
def actors(search: Annotated[str | None, typer.Argument(help="Words of the actor's name (optional).")] = None,
           limit: Annotated[int, typer.Option(help="At most this many actors.")] = 100,
           fmt: FormatOpt = "table", store: StoreOpt = DEFAULT_STORE, update_endpoint: UpdateEndpointOpt = None) -> None:
    """The actors, busiest first: their names, number of norms and documents."""
    from govkg.kg import queries
    with _open_reader(store, update_endpoint) as opened:
        found = queries.actors(opened, search=search, limit=limit)
    rows = [{"actor": v.label, "id": v.id, "norms": v.norms_count, "documents": len(v.documents),
             "types": ", ".join(v.types)} for v in found]
    _print_rows(rows, fmt, ["actor", "id", "norms", "documents", "types"])


NORM_COLUMNS = ["modality", "action", "doc", "article", "provision"]


def _norm_line(view) -> dict:
    """One norm as a flat row for a table or CSV."""
    return {"modality": view.modality, "action": view.action, "doc": view.doc,
            "article": view.article, "provision": view.provision_label or view.provision}


def _shared_with(view, actor: str) -> str:
    """The norm's other bearers (who shares this duty), a lead marked as such."""
    others = [b for b in view.bearers if actor not in (b.id, b.label)]
    return "、".join(b.label + (" (lead)" if b.role == "lead" else "") for b in others)


def _plain(row: object) -> dict:
    from dataclasses import asdict, is_dataclass
    if is_dataclass(row):
        return asdict(row)
    return dict(row)  # type: ignore[call-overload]
