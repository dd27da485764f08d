"""`sitrep serve`: the HTTP API and the dashboard over a database."""

from __future__ import annotations

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
) -> None:
    """Serve the API (/events, /stats, /export, /docs) and the dashboard (/) over the database.
    POST /documents needs SITREP_API_TOKEN (16+ characters) set; without it writes are off."""
    import uvicorn

    from sitrep.api import create_app, load_api_settings

    try:
        app = create_app(load_settings(config, db=db), api=load_api_settings(rate=rate))
    except SitrepError as err:
        raise fail(err) from err
    err_console.print(f"sitrep: serving on http://{host}:{port}/ (API docs at /docs)")
    uvicorn.run(app, host=host, port=port, log_level="warning")
