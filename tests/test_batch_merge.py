"""The merge step of a batch: with a store, reports merge with those of earlier runs."""

from __future__ import annotations

from datetime import date

from sitrep.batch import run_batch
from sitrep.merging import RevisionAction
from sitrep.records import RawInput
from sitrep.settings import Settings
from sitrep.store import open_store

FIRST = RawInput(id="a", source="a.txt", outlet="Lake Chad Herald", published=date(2021, 6, 8),
                 text="Gunmen shot dead three villagers in Maiduguri on Monday, police said.")
LATER = RawInput(id="b", source="b.txt", outlet="Sahel Daily", published=date(2021, 6, 9),
                 text="Three villagers were killed by gunmen in Maiduguri on Monday, a police spokesman said "
                      "on Wednesday.")


def test_batch_merge_joins_a_report_of_an_earlier_run_keeping_its_id(settings: Settings, resources) -> None:  # type: ignore[no-untyped-def]
    with open_store(settings.db) as store:
        (first,) = run_batch([FIRST], settings=settings, resources=resources, store=store).events
        (joined,) = run_batch([LATER], settings=settings, resources=resources, store=store).events
        assert (joined.event_id, joined.documents, joined.sources) == (first.event_id, ("a", "b"),
                                                                       ("Lake Chad Herald", "Sahel Daily"))
        assert [r.action for r in store.revisions(first.event_id)] == [RevisionAction.CREATED,
                                                                       RevisionAction.UPDATED]


def test_batch_merge_without_a_store_merges_the_batch(settings: Settings, resources) -> None:  # type: ignore[no-untyped-def]
    (merged,) = run_batch([FIRST, LATER], settings=settings, resources=resources, store=None).events
    assert merged.documents == ("a", "b")
