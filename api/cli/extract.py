"""Command: ``govkg extract FILE... --format jsonl|table|csv`` — norms of files, no store."""
from __future__ import annotations

import csv
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from govkg.api.cli import app
from govkg.api.cli.common import cli_errors, print_error
from govkg.ontology.errors import GovKGError

CSV_FIELDS = ("doc", "article", "provision", "actor", "modality", "action", "vague_actor", "role",
              "actor_type", "condition", "recipient", "references", "tags", "start", "end", "confidence")


class Format(str, Enum):
    jsonl = "jsonl"
    table = "table"
    csv = "csv"


@app.command()
@cli_errors
def extract(
    files: Annotated[list[Path], typer.Argument(help="Law or policy files (.txt .md .html .docx .pdf, Akoma Ntoso .xml).")],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.jsonl,
    n_process: Annotated[int, typer.Option("--n-process", min=1, help="Worker processes for spaCy.")] = 1,
    reviews: Annotated[Path | None, typer.Option(
        "--reviews", help="Score the extraction against reviewed norms (`govkg review export` output) instead of "
                          "printing it.")] = None,
) -> None:
    """Extract norms (who must, must not, may do what) from files and print them."""
    from govkg.api.settings import get_settings
    from govkg.ingest.extract import extract_paths
    failed = 0
    writer = _Scorer(reviews) if reviews else _writer(fmt)
    with _progress(len(files)) as progress:
        task = progress.add_task("extracting", total=len(files))
        for path, result in extract_paths(files, n_process=n_process,
                                                  limits=get_settings().read_limits()):
            progress.advance(task)
            if isinstance(result, Exception):
                failed += 1
                message = str(result) if path.name in str(result) else f"{path.name}: {result}"
                print_error(message)
                continue
            writer.write(result.norms)
    writer.close()
    if failed:
        raise typer.Exit(1)


def _progress(total: int) -> Progress:
    """A progress bar on stderr, shown only for several files on a terminal."""
    console = Console(stderr=True)
    return Progress(TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
                    console=console, transient=True, disable=total < 3 or not console.is_terminal)


def _writer(fmt: Format):
    return {Format.jsonl: _Jsonl, Format.csv: _Csv, Format.table: _Table}[fmt]()


class _Scorer:
    """Collects the norms and prints how they score against reviewed records."""

    def __init__(self, path: Path) -> None:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
            self.records = [json.loads(line) for line in lines if line.strip()]
        except (OSError, ValueError) as exc:
            raise GovKGError(f"cannot read the reviews {path}: {exc}") from exc
        self.predictions: list[dict] = []

    def write(self, norms) -> None:
        self.predictions += [n.to_json() for n in norms]

    def close(self) -> None:
        from govkg.kg.review_export import score
        result = score(self.records, self.predictions)
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")


class _Jsonl:
    def write(self, norms) -> None:
        for norm in norms:
            sys.stdout.write(json.dumps(norm.to_json(), ensure_ascii=False) + "\n")
        sys.stdout.flush()

    def close(self) -> None:
        pass


class _Csv:
    def __init__(self) -> None:
        self.out = csv.DictWriter(sys.stdout, fieldnames=CSV_FIELDS, extrasaction="ignore")
        self.out.writeheader()

    def write(self, norms) -> None:
        for norm in norms:
            row = norm.to_json()
            row["references"] = ";".join(row["references"])
            row["tags"] = ";".join(row["tags"])
            self.out.writerow(row)

    def close(self) -> None:
        sys.stdout.flush()


class _Table:
    def __init__(self) -> None:
        self.table = Table("doc", "art.", "actor", "modality", "action", "role", "tags", show_lines=False)
        self.table.columns[2].min_width = 10      # a bearer's name stays readable in 80 columns
        self.table.columns[6].max_width = 7

    def write(self, norms) -> None:
        for n in norms:
            actor = (n.actor or "—") + (" (vague)" if n.vague_actor else "")
            self.table.add_row(n.doc, str(n.article), actor, n.modality, n.action[:60], n.role, ",".join(n.tags))

    def close(self) -> None:
        Console().print(self.table)
