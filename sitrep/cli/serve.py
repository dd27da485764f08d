"""`sitrep serve`: the HTTP API and the dashboard over a database."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from sitrep.cli.common import ConfigOption, DbOption, err_console, fail
from sitrep.errors import SitrepError
from sitrep.settings import load_settings


def serve(
    db: DbOption = None,
    config: ConfigOption = None,
    host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port to listen on")] = 8000,
    rate: Annotated[float | None, typer.Option(help="requests a second per client; 0: no limit [default: 50]")]
    = None,
    workers: Annotated[int, typer.Option(min=1, help="server processes sharing the port (one a core); "
                                                     "the rate limit is counted in each process")] = 1,
) -> None:
    """Serve the API (/events, /stats, /export, /docs) and the dashboard (/) over the database.
    POST /documents needs SITREP_API_TOKEN (16+ characters) set; without it writes are off.
    With --workers N, N processes answer on the same port: each keeps its own rate-limit counts,
    so a client may get up to N times --rate."""
    import uvicorn

    from sitrep.api import create_app, load_api_settings, serving_environment

    try:
        settings, api = load_settings(config, db=db), load_api_settings(rate=rate)
        app = create_app(settings, api=api)  # checks the settings and migrates the database before any worker starts
    except SitrepError as err:
        raise fail(err) from err
    err_console.print(f"sitrep: serving on http://{host}:{port}/ (API docs at /docs)"
                      + (f" with {workers} worker processes" if workers > 1 else ""))
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    os.environ.update(serving_environment(settings, api))
    uvicorn.run("sitrep.api.app:app_from_environment", factory=True, workers=workers, host=host, port=port,
                log_level="warning")
