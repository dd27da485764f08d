"""`sitrep extract`: pages in, events into the database and JSON Lines files."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from sitrep.batch import run_batch
from sitrep.cli.common import ConfigOption, DbOption, err_console, fail, print_summary, progress_bar, writer
from sitrep.errors import SitrepError
from sitrep.export import document_record, event_record, to_jsonl
from sitrep.pipeline import load_resources
from sitrep.records import DocumentResult
from sitrep.settings import load_settings
from sitrep.sources import read_inputs
from sitrep.store import open_store


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
        raise fail(err) from err
    except ValueError as err:
        err_console.print(f"[red]error:[/red] --published must be YYYY-MM-DD: {err}")
        raise typer.Exit(code=2) from err
    with writer(documents) as write_document, progress_bar(quiet) as progress:
        task = progress.add_task("extracting", total=len(items))

        def done(result: DocumentResult) -> None:
            write_document(to_jsonl([document_record(result)]))
            progress.advance(task)

        try:
            batch = run_batch(items, settings=settings, resources=resources, store=store, on_document=done)
        except SitrepError as err:
            raise fail(err) from err
    with writer(events) as write_events:
        write_events(to_jsonl(event_record(e) for e in batch.events))
    print_summary(batch.statuses, Counter(e.event_type.value for e in batch.events))
