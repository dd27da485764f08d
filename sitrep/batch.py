"""A batch: run the pipeline over inputs, store each document, then merge events across documents."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from sitrep.checkpoint import Checkpoint
from sitrep.dedup import merge_events
from sitrep.pipeline import Resources
from sitrep.records import DocumentResult, Event, RawInput, UnreadableInput
from sitrep.scaleout import open_runner
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
    resources: Resources | None,
    store: Store | None,
    on_document: Callable[[DocumentResult], None] = lambda _result: None,
    checkpoint: Checkpoint | None = None,
) -> BatchResult:
    """Every document through the pipeline (stored and checkpointed as it is done; in worker
    processes or on Dask when the settings say so), then one merge of the batch's events, so
    reports of one event in several documents become one event. `resources` are used when the
    documents run in this process (loaded when None); a `checkpoint` makes the batch resumable."""
    batch = BatchResult()
    reported: list[Event] = []
    results = _document_results(inputs, settings=settings, resources=resources, store=store, checkpoint=checkpoint)
    for result in results:
        batch.statuses[result.status.value] += 1
        reported.extend(result.events)
        on_document(result)
    if store is None:
        batch.events = merge_events(reported)
    else:  # merged as each document was saved, with the events stored before
        batch.events = store.merged_events({d for e in reported for d in e.documents})
    if checkpoint is not None:
        checkpoint.clear()
    return batch


def _document_results(
    inputs: Iterable[RawInput | UnreadableInput], *, settings: Settings, resources: Resources | None,
    store: Store | None, checkpoint: Checkpoint | None,
) -> Iterator[DocumentResult]:
    """Each input's result, in input order: the checkpointed one when already done, else a fresh
    one from the runner, stored and then checkpointed (a crash in between only redoes it)."""
    items = list(inputs)
    done = checkpoint.done() if checkpoint is not None else {}
    with open_runner(settings, resources=resources) as runner:
        fresh = runner(item for position, item in enumerate(items) if position not in done)
        for position in range(len(items)):
            if position in done:
                yield done[position]
                continue
            result = next(fresh)
            if store is not None:
                store.save(result)
            if checkpoint is not None:
                checkpoint.mark(position, result)
            yield result
