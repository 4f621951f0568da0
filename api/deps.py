"""Dependencies shared by the routers: the store, the settings, the write token."""
from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from govkg.api.settings import Settings
from govkg.kg.store import Store


def get_store(request: Request) -> Store:
    return request.app.state.store


def get_app_settings(request: Request) -> Settings:
    return request.app.state.settings


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]


def token_ok(settings: Settings, authorization: str | None) -> bool:
    """Whether an Authorization header carries the write token (compared in constant time)."""
    if not settings.write_token or not authorization:
        return False
    scheme, _, presented = authorization.partition(" ")
    if scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(presented.strip().encode(), settings.write_token.encode())


def require_write_token(request: Request, settings: SettingsDep) -> None:
    """Refuse a write unless the request proves the write token."""
    if not settings.write_token:
        raise HTTPException(403, "this service is read-only: no write token is configured")
    if not token_ok(settings, request.headers.get("authorization")):
        raise HTTPException(401, "a valid 'Authorization: Bearer <token>' is needed to write",
                            headers={"WWW-Authenticate": "Bearer"})


WriteAccess = Annotated[None, Depends(require_write_token)]
