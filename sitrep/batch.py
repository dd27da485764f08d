"""A batch: run the pipeline over inputs, store each document, then merge events across documents."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sitrep.dedup import merge_events
from sitrep.pipeline import Resources, run
from sitrep.records import DocumentResult, Event, RawInput, UnreadableInput
from sitrep.settings import Settings
from sitrep.store import Store


@dataclass(slots=True)
class BatchResult:
    """What a batch produced: the merged events and how each document ended."""

    events: list[Event] = field(default_factory=list)
    statuses: Counter[str] = field(default_factory=Counter)


def run_batch(
    inputs: Iterable[RawInput | UnreadableInput],
    *,
    settings: Settings,
    resources: Resources,
    store: Store | None,
    on_document: Callable[[DocumentResult], None] = lambda _result: None,
) -> BatchResult:
    """Every document through the pipeline (stored as it is done), then one merge of the batch's
    events, so reports of one event in several documents become one event."""
    batch = BatchResult()
    reported: list[Event] = []
    for result in run(inputs, settings=settings, resources=resources):
        if store is not None:
            store.save(result)
        batch.statuses[result.status.value] += 1
        reported.extend(result.events)
        on_document(result)
    batch.events = merge_events(reported)
    if store is not None:
        store.save_merged(batch.events, replacing=[e.event_id for e in reported])
    return batch
