"""Scale-out runners: documents go to workers in chunks, a bounded number at a time, and come back
in input order with the results of a single-process run (the whole-batch comparison over the
examples, pool and Dask, is in test_batch.py)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from typing import Any

from sitrep.batch import run_batch
from sitrep.checkpoint import open_checkpoint
from sitrep.pipeline import run
from sitrep.records import DocumentResult, RawInput, Status, UnreadableInput
from sitrep.scaleout import chunks
from sitrep.settings import Settings
from sitrep.store import open_store

STORY = ("Militia fighters raided a cattle camp outside Bor on Friday, killing three herders and "
         "driving off hundreds of cows, a county commissioner said.\n\nThe raiders escaped on foot.")
ARTICLE = RawInput(id="bor", source="bor.txt", published=date(2023, 6, 2), language="en", text=STORY)
INPUTS = [ARTICLE, UnreadableInput(id="unreadable", source="x.bin", error="binary file"),
          replace(ARTICLE, id="second"), replace(ARTICLE, id="blank", text="  "),
          replace(ARTICLE, id="french", language="fr"), replace(ARTICLE, id="third", text=STORY.upper()),
          replace(ARTICLE, id="last")]


def test_scaleout_chunks_keep_order_and_shrink_once_the_input_ends() -> None:
    parts = list(chunks(range(40), size=8, workers=2))
    assert [len(p) for p in parts] == [8, 8, 8, 8, 4, 2, 1, 1]
    assert [i for p in parts for i in p] == list(range(40))
    assert [len(p) for p in chunks(range(5), size=8, workers=1)] == [5]
    assert list(chunks([], size=8, workers=2)) == []


def test_scaleout_chunks_read_a_bounded_way_ahead() -> None:
    taken: list[int] = []

    def endless() -> Iterator[int]:
        while True:
            taken.append(len(taken))
            yield taken[-1]

    first = next(chunks(endless(), size=4, workers=3))
    assert first == [0, 1, 2, 3] and len(taken) == 12


def test_scaleout_pool_batch_keeps_order_isolates_failures_and_checkpoints_each_document(
        settings: Settings, resources: Any) -> None:
    single = list(run(INPUTS, settings=settings, resources=resources))
    store = open_store(settings.db)
    checkpoint = open_checkpoint(store, inputs=INPUTS, settings=settings)
    checkpoint.mark(2, single[2])  # done before: the pool gets the other six, in chunks of 3, 2 and 1
    seen: list[tuple[DocumentResult, int]] = []  # each result, and the documents checkpointed when it came
    run_batch(INPUTS, settings=settings.model_copy(update={"workers": 2}), resources=None, store=store,
              on_document=lambda r: seen.append((r, checkpoint.count())), checkpoint=checkpoint)
    assert [r for r, _ in seen] == single
    assert [r.status for r in single] == [Status.OK, Status.FAILED, Status.OK, Status.SKIPPED, Status.SKIPPED,
                                          Status.OK, Status.OK] and single[0].events
    assert [count for _, count in seen] == [2, 3, 3, 4, 5, 6, 7]
    assert checkpoint.count() == 0  # a finished batch forgets its checkpoint
