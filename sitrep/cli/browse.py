"""`sitrep events`, `export` and `stats`: read what the database holds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from sitrep.cli.common import ConfigOption, DbOption, err_console, fail
from sitrep.errors import SitrepError
from sitrep.export import to_acled_csv, to_geojson, to_jsonl
from sitrep.settings import load_settings
from sitrep.store import open_store


def list_events(
    db: DbOption = None,
    config: ConfigOption = None,
    limit: Annotated[int, typer.Option(help="show at most this many events")] = 50,
) -> None:
    """Print a table of the stored events."""
    try:
        store = open_store(load_settings(config, db=db).db)
        rows = list(store.events())
    except SitrepError as err:
        raise fail(err) from err
    table = Table(title=f"{len(rows)} events")
    for column in ("date", "type", "sub-type", "actor1", "actor2", "location", "fatalities"):
        table.add_column(column)
    for r in rows[:limit]:
        table.add_row(r["event_date"] or "?", r["event_type"], r["sub_event_type"], r["actor1"] or "",
                      r["actor2"] or "", ", ".join(x for x in (r["location"], r["country"]) if x),
                      str(r["fatalities"]))
    Console().print(table)


def export(
    format: Annotated[str, typer.Option("--format", help="acled-csv, geojson or jsonl")] = "jsonl",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="file to write (default: stdout)")] = None,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Export the stored events as ACLED-style CSV, GeoJSON or JSON Lines."""
    writers = {"acled-csv": to_acled_csv, "geojson": to_geojson, "jsonl": to_jsonl}
    if format not in writers:
        err_console.print(f"[red]error:[/red] unknown format {format!r}; choose one of {', '.join(writers)}")
        raise typer.Exit(code=2)
    try:
        text = writers[format](open_store(load_settings(config, db=db).db).events())
    except SitrepError as err:
        raise fail(err) from err
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        typer.echo(text, nl=False)


def stats(db: DbOption = None, config: ConfigOption = None) -> None:
    """Print how many documents and events the database holds, as JSON."""
    try:
        counts = open_store(load_settings(config, db=db).db).counts()
    except SitrepError as err:
        raise fail(err) from err
    typer.echo(json.dumps({"documents": counts.documents, "events": counts.events}))
