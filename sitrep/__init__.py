"""sitrep: news reports of armed conflict in, ACLED-style events out.

    >>> from sitrep import extract
    >>> results = extract(["examples/"])          # one DocumentResult per input document
    >>> [e.event_type for r in results for e in r.events]
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from sitrep.errors import ConfigError, ExtractionError, GazetteerError, InputError, SitrepError, StoreError
from sitrep.records import DocumentResult, Event, EventType, SubEventType
from sitrep.settings import Settings, load_settings

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())


def extract(paths: Sequence[str], *, settings: Settings | None = None) -> list[DocumentResult]:
    """Run the pipeline over files, folders or JSON Lines documents: one result per document,
    with that document's own events (no database write, no merging across documents)."""
    from sitrep.pipeline import load_resources, run
    from sitrep.sources import read_inputs

    settings = settings or load_settings()
    inputs = read_inputs(paths, max_bytes=settings.max_bytes)
    return list(run(inputs, settings=settings, resources=load_resources(settings)))


__all__ = [
    "ConfigError",
    "DocumentResult",
    "Event",
    "EventType",
    "ExtractionError",
    "GazetteerError",
    "InputError",
    "Settings",
    "SitrepError",
    "StoreError",
    "SubEventType",
    "__version__",
    "extract",
    "load_settings",
]
