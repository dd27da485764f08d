"""`sitrep merge`: merge the stored reports again (after the merging rules changed)."""

from __future__ import annotations

import json
from collections import Counter

import typer

from sitrep.cli.common import ConfigOption, DbOption, fail
from sitrep.errors import SitrepError
from sitrep.merging import RevisionAction
from sitrep.settings import load_settings
from sitrep.store import open_store


def merge(db: DbOption = None, config: ConfigOption = None) -> None:
    """Re-merge every document's stored reports into events; print the events created, updated
    and deleted (each change is kept in the revision history) and the events stored, as JSON."""
    try:
        with open_store(load_settings(config, db=db).db) as store:
            changes = Counter(r.action.value for r in store.remerge())
            events = store.counts().events
    except SitrepError as err:
        raise fail(err) from err
    typer.echo(json.dumps({**{a.value: changes[a.value] for a in RevisionAction}, "events": events}))
