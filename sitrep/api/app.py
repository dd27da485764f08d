"""The application factory: `create_app(settings)` -> a FastAPI app serving the API and the dashboard."""

from __future__ import annotations

import logging
import os
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.exceptions import HTTPException
from starlette.status import HTTP_422_UNPROCESSABLE_CONTENT

from sitrep import __version__
from sitrep.api.guards import RateLimitMiddleware, TokenBucket
from sitrep.api.routes import Context, router
from sitrep.dashboard import mount_dashboard
from sitrep.errors import ConfigError, ExtractionError, GazetteerError, InputError, SitrepError, StoreError
from sitrep.pipeline import Resources
from sitrep.settings import Settings
from sitrep.store import open_store

log = logging.getLogger(__name__)
API_ENV_PREFIX = "SITREP_API_"


class ApiSettings(BaseModel):
    """How the server guards itself; read from SITREP_API_* variables, then flags."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    token: str | None = Field(default=None, min_length=16, description="bearer token of write endpoints; none: off")
    max_body_bytes: int = Field(default=5_000_000, gt=0, description="larger request bodies get 413")
    rate: float = Field(default=50.0, ge=0, description="requests a second per client address; 0: no limit")
    burst: int = Field(default=200, gt=0, description="requests a client may make at once before the rate applies")
    cors_origins: tuple[str, ...] = Field(default=(), description="origins allowed by CORS; none: CORS off")
    max_points: int = Field(default=50_000, gt=0, description="most events /points returns at once")


def load_api_settings(**overrides: Any) -> ApiSettings:
    """Defaults, then SITREP_API_* environment variables (CORS origins comma-separated), then overrides."""
    values: dict[str, Any] = {}
    for name in ApiSettings.model_fields:
        if (value := os.environ.get(API_ENV_PREFIX + name.upper())) is not None:
            values[name] = tuple(v for v in value.split(",") if v) if name == "cors_origins" else value
    values.update({k: v for k, v in overrides.items() if v is not None})
    try:
        return ApiSettings(**values)
    except ValidationError as err:
        raise ConfigError(f"invalid API settings: {err}", source="SITREP_API_*") from err


_STATUS: tuple[tuple[type[SitrepError], int], ...] = (
    (InputError, 422), (ExtractionError, 422), (StoreError, 503), (GazetteerError, 503), (ConfigError, 500),
)


def _error(status: int, error: str, detail: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": error, "detail": detail}, status_code=status, headers=headers)


async def _sitrep_error(_request: Request, exc: Exception) -> JSONResponse:
    status = next((code for kind, code in _STATUS if isinstance(exc, kind)), 500)
    message = exc.message if isinstance(exc, SitrepError) else str(exc)
    return _error(status, type(exc).__name__, message)


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    return _error(exc.status_code, HTTPStatus(exc.status_code).phrase.lower(), str(exc.detail), dict(exc.headers or {}))


async def _invalid_request(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
    return _error(HTTP_422_UNPROCESSABLE_CONTENT, "invalid request", problems)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return _error(500, "internal error", "the server failed on this request; the details are in its log")


def create_app(settings: Settings, *, api: ApiSettings | None = None, resources: Resources | None = None) -> FastAPI:
    """The API and dashboard over the store in `settings.db`; `resources` (the pipeline's heavy
    resources) are loaded on the first ingested page when not given."""
    api = api or ApiSettings()
    app = FastAPI(title="sitrep", version=__version__, docs_url=None, redoc_url=None,
                  max_body_size=api.max_body_bytes,
                  description="Conflict events extracted from news reports, with the evidence behind each field.")
    app.state.context = Context(settings=settings, store=open_store(settings.db), token=api.token,
                                max_points=api.max_points, resources=resources)
    app.include_router(router)
    mount_dashboard(app)
    app.add_exception_handler(SitrepError, _sitrep_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(Exception, _unexpected)
    if api.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(api.cors_origins), allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"])
    if api.rate > 0:
        app.add_middleware(RateLimitMiddleware, bucket=TokenBucket(rate=api.rate, burst=api.burst))
    return app
