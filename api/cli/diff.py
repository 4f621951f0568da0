"""Command: ``govkg diff OLD NEW --format json|csv|table`` — what changed between two versions of a law.

Each side is a file (read and extracted, never stored) or the name of a stored document. With
``--gaps`` the answer has a fifth part, ``gaps``: per gap kind, the findings the revision closed and
opened (govkg.kg.gap_diff).
"""
from __future__ import annotations

import csv
import json
import sys
from contextlib import ExitStack
from pathlib import Path
from dataclasses import dataclass
from typing import Annotated, Callable

import typer
from rich.console import Console
from rich.table import Table

from govkg.api.cli import app
from govkg.api.cli.common import DEFAULT_STORE, StoreOpt, UpdateEndpointOpt, cli_errors, fail
from govkg.kg.store import Store
from govkg.kg.versions import Version
from govkg.ontology.errors import NotFound, StoreError

CSV_FIELDS = ("part", "status", "old_article", "new_article", "similarity", "actor", "old_actor", "new_actor",
              "modality", "action", "changes", "kind", "explanation")


@app.command()
@cli_errors
def diff(
    old: Annotated[str, typer.Argument(help="The older version: a file, or a stored document's name.")],
    new: Annotated[str, typer.Argument(help="The newer version: a file, or a stored document's name.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
    gaps: Annotated[bool, typer.Option("--gaps", help="Also the gap findings the revision closed and opened.")] = False,
    store: StoreOpt = DEFAULT_STORE, update_endpoint: UpdateEndpointOpt = None,
) -> None:
    """Compare two versions: articles aligned by content, norms, each actor's gains and losses, clarity."""
    from govkg.kg.diff import diff_versions
    from govkg.kg.gap_diff import gap_changes
    if fmt not in {"table", "json", "csv"}:
        fail(f"unknown format {fmt!r} (table, csv or json)")
    with ExitStack() as stack:
        opener = _StoreOpener(store, update_endpoint, stack)
        before, after = load_side(old, opener), load_side(new, opener)
        result = diff_versions(before.version, after.version)
        if gaps:
            result["gaps"] = gap_changes(before.findings(), after.findings(), result["provisions"])
    {"json": _print_json, "csv": _print_csv, "table": _print_table}[fmt](result)


class _StoreOpener:
    """Opens the store once, and only when a side names a stored document."""

    def __init__(self, location: str, update_endpoint: str | None, stack: ExitStack) -> None:
        self.location, self.update_endpoint, self.stack = location, update_endpoint, stack
        self.store: Store | None = None

    def __call__(self) -> Store:
        if self.store is None:
            from govkg.api.cli.store import _open_reader
            self.store = self.stack.enter_context(_open_reader(self.location, self.update_endpoint))
        return self.store


@dataclass
class Side:
    """One version, and how to get its gap findings (computed only when asked for)."""

    version: Version
    findings: Callable[[], list]


def load_side(side: str, open_store) -> Side:
    """A file's extracted version, or a stored document's."""
    from govkg.kg.gap_diff import findings_of_document
    from govkg.kg.gaps import document_findings
    from govkg.kg.versions import version_from_document, version_from_store
    path = Path(side)
    if path.is_file():
        from govkg.api.settings import get_settings
        from govkg.ingest.extract import extract_path
        document = extract_path(path, limits=get_settings().read_limits())
        return Side(version_from_document(document), lambda: findings_of_document(document))
    try:
        store = open_store()
        return Side(version_from_store(store, side), lambda: document_findings(store, side))
    except (NotFound, StoreError) as exc:
        raise NotFound(f"{side!r} is neither a file nor a stored document ({exc})") from exc


def _print_json(result: dict) -> None:
    sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=1) + "\n")


def csv_rows(result: dict) -> list[dict]:
    """One row per article pair, norm, actor and clarity finding; ``part`` says which."""
    rows = [{"part": "provision", "status": p["status"], "old_article": p["old"] or "",
             "new_article": p["new"] or "", "similarity": p["similarity"]} for p in result["provisions"]]
    for n in result["norms"]:
        side = n["new"] or n["old"]
        rows.append({"part": "norm", "status": n["status"], "old_article": (n["old"] or {}).get("article", ""),
                     "new_article": (n["new"] or {}).get("article", ""), "old_actor": (n["old"] or {}).get("actor", ""),
                     "new_actor": (n["new"] or {}).get("actor", ""), "modality": side["modality"],
                     "action": side["action"], "changes": ";".join(n.get("changes", []))})
    for a in result["actors"]:
        rows += [{"part": "actor", "status": status, "actor": a["actor"], "action": action}
                 for status in ("gained", "lost") for action in a[status]]
    for c in result["clarity"]:
        rows.append({"part": "clarity", "status": c["kind"], "old_article": c["old"]["article"],
                     "new_article": c["new"]["article"], "old_actor": c["old"]["actor"],
                     "new_actor": c["new"]["actor"], "action": c["new"]["action"]})
    for kind in result.get("gaps", []):
        rows += [{"part": "gap", "status": status, "kind": kind["kind"],
                  f"{'old' if status == 'closed' else 'new'}_article": f["article"], "actor": f["actor"],
                  "modality": f["modality"], "explanation": f["explanation"]}
                 for status in ("closed", "opened") for f in kind[status]]
    return rows


def _listed(findings: list[dict]) -> str:
    return "\n".join(f"{f['article']} {f['actor'] or '—'}" for f in findings) or "—"


def _print_csv(result: dict) -> None:
    writer = csv.DictWriter(sys.stdout, fieldnames=CSV_FIELDS, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(csv_rows(result))


def _print_table(result: dict) -> None:
    console = Console(highlight=False, soft_wrap=True)
    articles = Table("old", "new", "status", "similarity", title="articles (unchanged ones left out)")
    for p in result["provisions"]:
        if p["status"] != "unchanged":
            articles.add_row(p["old"] or "—", p["new"] or "—", p["status"], f"{p['similarity']:.2f}")
    console.print(articles)
    actors = Table("actor", "gained", "lost", title="duties and powers per actor")
    for a in result["actors"]:
        actors.add_row(a["actor"], "\n".join(a["gained"]), "\n".join(a["lost"]))
    console.print(actors)
    clear = Table("kind", "article", "old bearer", "new bearer", "action", title="clarity")
    for c in result["clarity"]:
        clear.add_row(c["kind"], c["new"]["article"], c["old"]["actor"] or "—", c["new"]["actor"] or "—",
                      c["new"]["action"][:40])
    console.print(clear)
    if "gaps" in result:
        found = Table("kind", "kept", "closed", "opened", title="gap findings")
        for kind in result["gaps"]:
            found.add_row(kind["kind"], str(kind["kept"]), _listed(kind["closed"]), _listed(kind["opened"]))
        console.print(found)
    counts = {s: sum(p["status"] == s for p in result["provisions"]) for s in ("unchanged", "changed", "moved", "added", "removed")}
    Console(stderr=True).print("articles: " + "  ".join(f"{k} {v}" for k, v in counts.items()))
