"""Routes: the actor × topic responsibility matrix, as JSON or CSV."""
from __future__ import annotations

import csv
import io
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from govkg.api.deps import SettingsDep, StoreDep
from govkg.api.models import MatrixOut
from govkg.api.search_terms import check_search
from govkg.kg import queries

router = APIRouter(tags=["matrix"])


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet reads as the start of a formula (``=HYPERLINK(...)`` in a topic or a label)."""


def inert(value: object) -> object:
    """A CSV cell no spreadsheet runs: text that would start a formula gets a leading ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def matrix_csv(topics: list[str], rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    columns = ["actor", "label", *topics]
    writer.writerow([inert(c) for c in columns])
    writer.writerows([inert(row.get(c, "")) for c in columns] for row in rows)
    return buffer.getvalue()


@router.get("/matrix", response_model=MatrixOut, responses={200: {"content": {"text/csv": {}}}},
            summary="How many norms on each topic each actor bears (empty actor = nobody)")
def get_matrix(store: StoreDep, settings: SettingsDep,
               topics: Annotated[str, Query(description="Comma-separated topics, e.g. 物业管理,report")],
               format: Annotated[str, Query(pattern="^(json|csv)$")] = "json"):
    check_search(settings, "topics", topics)
    names = [t.strip() for t in topics.replace("，", ",").split(",") if t.strip()]
    rows = queries.matrix(store, names)
    if format == "csv":
        return Response(matrix_csv(names, rows), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="matrix.csv"'})
    return MatrixOut(topics=names, rows=rows)
