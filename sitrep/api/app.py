"""The application factory: `create_app(settings)` -> a FastAPI app serving the API and the dashboard."""

from __future__ import annotations

import json
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
from sitrep.api.cache import CacheMiddleware, ResponseCache, data_version
from sitrep.api.guards import RateLimitMiddleware, TokenBucket
from sitrep.api.routes import Context, router
from sitrep.dashboard import mount_dashboard
from sitrep.errors import ConfigError, ExtractionError, GazetteerError, InputError, SitrepError, StoreError
from sitrep.pipeline import Resources
from sitrep.settings import Settings
from sitrep.store import open_store

log = logging.getLogger(__name__)
API_ENV_PREFIX = "SITREP_API_"
SERVE_ENV = "SITREP_SERVE_SETTINGS"  # validated settings handed to `sitrep serve --workers N` worker processes


class ApiSettings(BaseModel):
    """How the server guards itself; read from SITREP_API_* variables, then flags."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    token: str | None = Field(default=None, min_length=16, description="bearer token of write endpoints; none: off")
    max_body_bytes: int = Field(default=5_000_000, gt=0, description="larger request bodies get 413")
    rate: float = Field(default=50.0, ge=0, description="requests a second per client address; 0: no limit")
    burst: int = Field(default=200, gt=0, description="requests a client may make at once before the rate applies")
    cors_origins: tuple[str, ...] = Field(default=(), description="origins allowed by CORS; none: CORS off")
    max_points: int = Field(default=50_000, gt=0, description="most events /points returns at once")
    cache_bytes: int = Field(default=32_000_000, ge=0, description="GET answers kept per process until the "
                             "SQLite database changes; 0: no cache")


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
    resources) are loaded on the first ingested page when not given. On SQLite, repeated GETs are
    answered from a cache (`api.cache_bytes`) until the database changes."""
    api = api or ApiSettings()
    app = FastAPI(title="sitrep", version=__version__, docs_url=None, redoc_url=None,
                  max_body_size=api.max_body_bytes,
                  description="Conflict events extracted from news reports, with the evidence behind each field.")
    store = open_store(settings.db)
    app.state.context = Context(settings=settings, store=store, token=api.token, max_points=api.max_points,
                                resources=resources)
    app.include_router(router)
    mount_dashboard(app)
    app.add_exception_handler(SitrepError, _sitrep_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(Exception, _unexpected)
    if api.cache_bytes and (generation := data_version(store.engine)) is not None:
        app.state.response_cache = ResponseCache(max_bytes=api.cache_bytes)
        app.add_middleware(CacheMiddleware, cache=app.state.response_cache, generation=generation)
    if api.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(api.cors_origins), allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"])
    if api.rate > 0:
        app.add_middleware(RateLimitMiddleware, bucket=TokenBucket(rate=api.rate, burst=api.burst))
    return app


def serving_environment(settings: Settings, api: ApiSettings) -> dict[str, str]:
    """The environment variable from which `app_from_environment` rebuilds the app in a worker process."""
    given = {"settings": settings.model_dump(mode="json"), "api": api.model_dump(mode="json")}
    return {SERVE_ENV: json.dumps(given)}


def app_from_environment() -> FastAPI:
    """The app factory each `sitrep serve --workers N` process runs: the settings its parent validated
    (see `serving_environment`), each process with its own store connections and rate limit."""
    try:
        given = json.loads(os.environ[SERVE_ENV])
        settings, api = Settings.model_validate(given["settings"]), ApiSettings.model_validate(given["api"])
    except (KeyError, TypeError, ValueError) as err:
        raise ConfigError(f"a server worker needs the settings its parent sets in {SERVE_ENV}: {err}",
                          source=SERVE_ENV) from err
    return create_app(settings, api=api)
