"""The `sitrep` command line: thin commands over the library; SitrepError -> exit code 2."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from sitrep.batch import run_batch
from sitrep.errors import SitrepError
from sitrep.export import document_record, event_record, to_acled_csv, to_geojson, to_jsonl
from sitrep.pipeline import load_resources
from sitrep.records import DocumentResult, Status
from sitrep.settings import load_settings
from sitrep.sources import read_inputs
from sitrep.store import open_store

app = typer.Typer(add_completion=False, no_args_is_help=True, help="News reports of armed conflict in, events out.")
err_console = Console(stderr=True)

DbOption = Annotated[str | None, typer.Option("--db", help="SQLite path or postgresql:// URL [default: sitrep.db]")]
ConfigOption = Annotated[Path | None, typer.Option("--config", help="JSON settings file")]


def _fail(err: SitrepError) -> typer.Exit:
    err_console.print(f"[red]error:[/red] {err}")
    return typer.Exit(code=2)


@app.command()
def extract(
    inputs: Annotated[list[str], typer.Argument(help="files, folders, JSON Lines files, or - for standard input")],
    events: Annotated[Path | None, typer.Option("--events", help="write events as JSON Lines here")] = None,
    documents: Annotated[Path | None, typer.Option("--documents", help="write documents as JSON Lines here")] = None,
    db: DbOption = None,
    published: Annotated[str | None, typer.Option(help="publication date (YYYY-MM-DD) for inputs stating none")] = None,
    config: ConfigOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", help="no progress bar")] = False,
) -> None:
    """Extract events from news pages into the database and, optionally, JSON Lines files."""
    try:
        settings = load_settings(config, db=db, published=date.fromisoformat(published) if published else None)
        store = open_store(settings.db)
        resources = load_resources(settings)
        items = list(read_inputs(inputs, max_bytes=settings.max_bytes))
    except SitrepError as err:
        raise _fail(err) from err
    except ValueError as err:
        err_console.print(f"[red]error:[/red] --published must be YYYY-MM-DD: {err}")
        raise typer.Exit(code=2) from err
    with _writer(documents) as write_document, _progress(quiet) as progress:
        task = progress.add_task("extracting", total=len(items))

        def done(result: DocumentResult) -> None:
            write_document(to_jsonl([document_record(result)]))
            progress.advance(task)

        try:
            batch = run_batch(items, settings=settings, resources=resources, store=store, on_document=done)
        except SitrepError as err:
            raise _fail(err) from err
    with _writer(events) as write_events:
        write_events(to_jsonl(event_record(e) for e in batch.events))
    _summary(batch.statuses, Counter(e.event_type.value for e in batch.events))


@contextmanager
def _writer(path: Path | None) -> Iterator[Callable[[str], object]]:
    """A write function for the file at `path`, or one that discards when no path is given."""
    if path is None:
        yield lambda _text: None
        return
    with path.open("w", encoding="utf-8") as handle:
        yield handle.write


def _progress(quiet: bool) -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=err_console, disable=quiet, transient=True)


def _summary(statuses: Counter[str], types: Counter[str]) -> None:
    console = Console(stderr=True)
    console.print(
        f"documents: {statuses[Status.OK.value]} ok, {statuses[Status.SKIPPED.value]} skipped, "
        f"{statuses[Status.FAILED.value]} failed; events: {sum(types.values())}"
    )
    for name, count in types.most_common():
        console.print(f"  {name}: {count}")


@app.command("events")
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
        raise _fail(err) from err
    table = Table(title=f"{len(rows)} events")
    for column in ("date", "type", "sub-type", "actor1", "actor2", "location", "fatalities"):
        table.add_column(column)
    for r in rows[:limit]:
        table.add_row(r["event_date"] or "?", r["event_type"], r["sub_event_type"], r["actor1"] or "",
                      r["actor2"] or "", ", ".join(x for x in (r["location"], r["country"]) if x),
                      str(r["fatalities"]))
    Console().print(table)


@app.command("export")
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
        raise _fail(err) from err
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        typer.echo(text, nl=False)


@app.command("stats")
def stats(db: DbOption = None, config: ConfigOption = None) -> None:
    """Print how many documents and events the database holds, as JSON."""
    try:
        counts = open_store(load_settings(config, db=db).db).counts()
    except SitrepError as err:
        raise _fail(err) from err
    typer.echo(json.dumps({"documents": counts.documents, "events": counts.events}))
