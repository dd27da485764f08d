"""`sitrep extract`: pages in, events into the database and JSON Lines files."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from sitrep.batch import run_batch
from sitrep.checkpoint import open_checkpoint
from sitrep.cli.common import ConfigOption, DbOption, err_console, fail, print_summary, progress_bar, writer
from sitrep.errors import InputError, SitrepError
from sitrep.export import document_record, event_record, to_jsonl
from sitrep.feeds import read_url
from sitrep.fetch import Fetcher, fetch_options
from sitrep.profiling import StageTotals
from sitrep.records import DocumentResult, RawInput, UnreadableInput
from sitrep.settings import Settings, load_settings
from sitrep.sources import read_inputs
from sitrep.store import open_store


def extract(
    inputs: Annotated[list[str], typer.Argument(
        help="files, folders, JSON Lines files, .warc/.warc.gz archives, page or feed URLs, or - for standard input",
        show_default=False)] = [],  # noqa: B006 (typer reads the default, never mutates it)
    events: Annotated[Path | None, typer.Option("--events", help="write events as JSON Lines here")] = None,
    documents: Annotated[Path | None, typer.Option("--documents", help="write documents as JSON Lines here")] = None,
    db: DbOption = None,
    published: Annotated[str | None, typer.Option(help="publication date (YYYY-MM-DD) for inputs stating none")] = None,
    config: ConfigOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", help="no progress bar")] = False,
    feed: Annotated[list[str], typer.Option("--feed", help="an RSS or Atom feed URL whose pages to extract",
                                            show_default=False)] = [],  # noqa: B006
    workers: Annotated[int | None, typer.Option("--workers", min=1, help="worker processes [default: 1]")] = None,
    dask: Annotated[str | None, typer.Option("--dask", help="Dask scheduler address, or 'local' for a local "
                                             "cluster of --workers workers")] = None,
    resume: Annotated[bool, typer.Option("--resume/--no-resume",
                                         help="take up an interrupted run of the same batch where it stopped")] = True,
    profile: Annotated[bool, typer.Option("--profile", help="print the time each pipeline stage took")] = False,
) -> None:
    """Extract events from news pages into the database and, optionally, JSON Lines files."""
    try:
        settings = load_settings(config, db=db, published=date.fromisoformat(published) if published else None,
                                 workers=workers, dask=dask)
        store = open_store(settings.db)
        items = _read_all(inputs, feeds=feed, settings=settings)
        checkpoint = open_checkpoint(store, inputs=items, settings=settings)
        if not resume:
            checkpoint.clear()
        elif finished := checkpoint.count():
            err_console.print(f"resuming: {finished} of {len(items)} documents already done")
    except SitrepError as err:
        raise fail(err) from err
    except ValueError as err:
        err_console.print(f"[red]error:[/red] --published must be YYYY-MM-DD: {err}")
        raise typer.Exit(code=2) from err
    totals = StageTotals()
    with writer(documents) as write_document, progress_bar(quiet) as progress:
        task = progress.add_task("extracting", total=len(items))

        def done(result: DocumentResult) -> None:
            write_document(to_jsonl([document_record(result)]))
            totals.add(result)
            progress.advance(task)

        try:
            batch = run_batch(items, settings=settings, resources=None, store=store, on_document=done,
                              checkpoint=checkpoint)
        except SitrepError as err:
            raise fail(err) from err
    with writer(events) as write_events:
        write_events(to_jsonl(event_record(e) for e in batch.events))
    print_summary(batch.statuses, Counter(e.event_type.value for e in batch.events))
    if profile:
        err_console.print("\n".join(totals.table()), highlight=False)


def _read_all(inputs: list[str], *, feeds: list[str], settings: Settings) -> list[RawInput | UnreadableInput]:
    """Every input document, fetching URLs and feeds with one polite client."""
    if not inputs and not feeds:
        raise InputError("nothing to extract: give files, folders, URLs, - or --feed URL")
    with Fetcher(fetch_options(settings)) as fetcher:
        items = list(read_inputs(inputs, max_bytes=settings.max_bytes, fetcher=fetcher))
        for url in feeds:
            items.extend(read_url(url, fetcher=fetcher, feed=True))
    return items
