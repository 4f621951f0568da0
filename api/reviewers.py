"""Who a review request comes from: each reviewer token maps to a person's name.

``GOVKG_REVIEWERS`` names a file of ``name sha256-hex-of-token`` lines (``#`` starts a comment), or
a JSON object ``{"name": "sha256-hex"}``; only hashes are kept, so the file reveals no token. The
write token may review too: its holder then says who they are in the request's ``reviewer``.
"""
from __future__ import annotations

import hashlib
import hmac
import json
from functools import lru_cache
from pathlib import Path
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from govkg.api.deps import SettingsDep, token_ok
from govkg.api.settings import Settings
from govkg.ontology.errors import GovKGError


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@lru_cache(maxsize=8)
def reviewer_table(path: str, mtime: float) -> dict[str, str]:
    """hash -> name, read from the reviewers file (re-read when it changes)."""
    text = Path(path).read_text(encoding="utf-8")
    if text.lstrip().startswith("{"):
        pairs = json.loads(text).items()
    else:
        pairs = [line.split("#", 1)[0].rsplit(None, 1) for line in text.splitlines()]
        pairs = [pair for pair in pairs if len(pair) == 2]
    return {digest.strip().lower(): name.strip() for name, digest in pairs}


def reviewers(settings: Settings) -> dict[str, str]:
    if not settings.reviewers:
        return {}
    path = Path(settings.reviewers)
    try:
        return reviewer_table(str(path), path.stat().st_mtime)
    except (OSError, ValueError) as exc:
        raise GovKGError(f"cannot read the reviewers file {path}: {exc}") from exc


def reviewer_of(settings: Settings, authorization: str | None) -> str | None:
    """The reviewer a bearer token belongs to; "" for the write token (the request names the person);
    None when the token is nobody's."""
    scheme, _, presented = (authorization or "").partition(" ")
    presented = presented.strip()
    if scheme.lower() != "bearer" or not presented:
        return None
    digest = token_hash(presented)
    for known, name in reviewers(settings).items():
        if hmac.compare_digest(known, digest):
            return name
    return "" if token_ok(settings, authorization) else None


def require_reviewer(request: Request, settings: SettingsDep) -> str:
    """The name a review is recorded under; 401 without a reviewer's (or the write) token."""
    if not settings.write_token and not settings.reviewers:
        raise HTTPException(403, "this service is read-only: no reviewers and no write token are configured")
    name = reviewer_of(settings, request.headers.get("authorization"))
    if name is None:
        raise HTTPException(401, "a reviewer's 'Authorization: Bearer <token>' is needed to review",
                            headers={"WWW-Authenticate": "Bearer"})
    return name


ReviewerDep = Annotated[str, Depends(require_reviewer)]
