"""`sitrep watch`: poll feeds, extract the pages of new entries into the database."""

from __future__ import annotations

import time
from collections import Counter
from typing import Annotated

import typer

from sitrep.batch import run_batch
from sitrep.checkpoint import SeenUrls
from sitrep.cli.common import ConfigOption, DbOption, err_console, fail, print_summary
from sitrep.errors import SitrepError
from sitrep.feeds import poll_feeds
from sitrep.fetch import Fetcher, fetch_options
from sitrep.pipeline import Resources, load_resources
from sitrep.records import DocumentResult, Status
from sitrep.settings import Settings, load_settings
from sitrep.store import Store, open_store


def watch(
    feeds: Annotated[list[str], typer.Argument(help="RSS or Atom feed URLs", show_default=False)],
    interval: Annotated[float, typer.Option("--interval", min=1, help="seconds between polls")] = 900,
    once: Annotated[bool, typer.Option("--once", help="poll once and stop")] = False,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Poll feeds and extract the pages of entries not seen before into the database.

    Seen URLs are kept in the database, so a restarted watch goes on where it was; pages that
    failed to fetch are tried again at the next poll."""
    try:
        settings = load_settings(config, db=db)
        store = open_store(settings.db)
        seen = SeenUrls(store)
        resources = load_resources(settings)
        with Fetcher(fetch_options(settings)) as fetcher:
            while True:
                _poll(feeds, settings=settings, resources=resources, store=store, fetcher=fetcher, seen=seen)
                if once:
                    break
                time.sleep(interval)
    except SitrepError as err:
        raise fail(err) from err
    except KeyboardInterrupt:
        err_console.print("stopped")


def _poll(feeds: list[str], *, settings: Settings, resources: Resources, store: Store, fetcher: Fetcher,
          seen: SeenUrls) -> None:
    """One poll: the new entries' pages through a batch; every URL that did not fail becomes seen."""
    items = list(poll_feeds(feeds, fetcher=fetcher, seen=seen))
    taken: list[str] = []

    def done(result: DocumentResult) -> None:
        if result.status is not Status.FAILED:
            taken.append(result.document.id)

    batch = run_batch(items, settings=settings, resources=resources, store=store, on_document=done)
    seen.add(taken)
    err_console.print(f"{time.strftime('%Y-%m-%d %H:%M:%S')}: {len(items)} new pages")
    print_summary(batch.statuses, Counter(e.event_type.value for e in batch.events))
