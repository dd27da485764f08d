"""The dashboard: static assets built from web/ by esbuild, and the routes serving them with no
network access (the dashboard at `/`, its assets under `/static`, the OpenAPI browser at `/docs`)."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).resolve().parent / "static"


def mount_dashboard(app: FastAPI) -> None:
    """Add `/` (the dashboard), `/static/*` (its assets) and `/docs` (Swagger UI from those assets)."""

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title="sitrep API",
                                   swagger_js_url="/static/swagger/swagger-ui-bundle.js",
                                   swagger_css_url="/static/swagger/swagger-ui.css",
                                   swagger_favicon_url="/static/favicon.svg",
                                   swagger_ui_parameters={"validatorUrl": None})  # no badge from swagger.io

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
