"""The store on every backend: idempotent saves, incremental merging, revisions, copies, versions."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select

from sitrep.dedup import merge_events
from sitrep.errors import StoreError
from sitrep.export import event_record
from sitrep.merging import RevisionAction
from sitrep.records import DocumentResult
from sitrep.store import Store, open_store, tables
from sitrep.store.migrations import MIGRATIONS, migrate
from tests.records_factory import document_result
from tests.store_backends import BACKENDS, database_url, fresh_store

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture()
def store(backend: str, tmp_path: Path) -> Iterator[Store]:
    with fresh_store(backend, tmp_path) as opened:
        yield opened


def _ids(store: Store) -> list[tuple[str, tuple[str, ...]]]:
    return [(e["event_id"], tuple(e["documents"])) for e in store.events()]


def _report(doc: str, n: int) -> DocumentResult:
    """The n-th of a run of reports: one event a day over ten days, two reports a day."""
    return document_result(doc, day=date(2021, 3, 1) + timedelta(days=3 * (n % 10)), killed=n % 3 + 1)


def test_store_same_input_twice_leaves_database_unchanged(store: Store) -> None:
    store.save(document_result("d1"))
    first, history = list(store.events()), store.revisions()
    store.save(document_result("d1"))
    assert list(store.events()) == first
    assert store.revisions() == history
    assert (store.counts().documents, store.counts().events) == (1, 1)


def test_store_revised_document_revises_its_event(store: Store) -> None:
    store.save(document_result("d1", killed=4))
    store.save(document_result("d1", killed=5))
    (event,) = store.events()
    assert event["fatalities"] == 5
    created, updated = store.revisions(event["event_id"])
    assert (created.action, updated.action) == (RevisionAction.CREATED, RevisionAction.UPDATED)
    assert "fatalities" in updated.changed and "d1 re-processed" in updated.reason


def test_store_reports_in_two_documents_merge_and_reprocessing_one_keeps_the_other(store: Store) -> None:
    store.save(document_result("d1", killed=4))
    store.save(document_result("d2", killed=6))
    (merged,) = store.events()
    assert (merged["documents"], merged["fatalities"], merged["fatalities_high"]) == (["d1", "d2"], 4, 6)
    assert "Reports disagree on the number killed: d1 4; d2 6." in merged["notes"]
    store.save(document_result("d1", killed=4))
    assert [e["documents"] for e in store.events()] == [["d1", "d2"]]
    store.save(replace(document_result("d1"), events=()))
    (left,) = store.events()
    assert left["documents"] == ["d2"] and left["fatalities"] == 6


def test_store_deleted_events_are_recorded_with_where_their_reports_went(store: Store) -> None:
    store.save(document_result("b"))
    store.save(document_result("a"))  # same published date: the smaller report id names the event
    (event,) = store.events()
    gone = [r for r in store.deletions() if r.event_id != event["event_id"]]
    assert len(gone) == 1 and gone[0].replaced_by == event["event_id"] and "merged into" in gone[0].reason
    store.save(replace(document_result("a"), events=()))
    store.save(replace(document_result("b"), events=()))
    assert store.counts().events == 0
    assert {r.reason.split("; ")[-1] for r in store.deletions()} >= {"no report of it remains"}


def test_store_merges_like_the_batch_whatever_the_order(backend: str, tmp_path: Path) -> None:
    results = [_report(f"doc{n:02d}", n) for n in range(20)]
    batch = {(e.event_id, e.documents) for e in merge_events([e for r in results for e in r.events])}
    seen = set()
    for k in range(3):
        order = list(results)
        random.Random(k).shuffle(order)
        (tmp_path / str(k)).mkdir()
        with fresh_store(backend, tmp_path / str(k)) as store:
            for result in order:
                store.save(result)
            seen.add(tuple(_ids(store)))
    assert len(seen) == 1
    assert set(seen.pop()) == batch


def test_store_same_input_three_times_keeps_every_id(store: Store) -> None:
    results = [_report(f"doc{n:02d}", n) for n in range(12)]
    runs = []
    for _ in range(3):
        for result in results:
            store.save(result)
        runs.append(_ids(store))
    assert runs[0] == runs[1] == runs[2] and len(runs[0]) == 10


def test_store_event_id_stays_when_a_later_report_joins(store: Store) -> None:
    early = document_result("zz-first")
    later = replace(document_result("aa-later"), document=replace(early.document, id="aa-later",
                                                                   published=date(2021, 3, 9)))
    store.save(early)
    (before,) = _ids(store)
    store.save(later)
    (after,) = _ids(store)
    assert after[0] == before[0] and after[1] == ("aa-later", "zz-first")


def test_store_syndicated_copies_point_at_the_first(store: Store) -> None:
    for doc in ("c", "b", "a"):
        store.save(document_result(doc))
    assert store.duplicates() == {"b": "a", "c": "a"}


def test_store_updated_article_at_the_same_url_replaces_its_events(store: Store) -> None:
    first = document_result("v1", killed=4)
    first = replace(first, document=replace(first.document, url="https://news.example/a/1"))
    second = document_result("v2", killed=7)
    second = replace(second, document=replace(first.document, id="v2", published=date(2021, 3, 8)),
                     events=second.events)
    for result in (second, first):  # the older version arriving later changes nothing
        store.save(result)
    (event,) = store.events()
    assert (event["documents"], event["fatalities"]) == (["v2"], 7)
    assert store.superseded() == {"v1": "v2"}
    store.save(first)
    assert [e["documents"] for e in store.events()] == [["v2"]]


def test_store_remerge_changes_nothing_when_rules_did_not_change(store: Store) -> None:
    for n in range(8):
        store.save(_report(f"doc{n}", n))
    before = list(store.events())
    assert store.remerge() == []
    assert list(store.events()) == before


def test_store_migrates_an_older_database(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        tables.schema_migrations.create(conn)
        MIGRATIONS[0][1](conn)
        conn.execute(tables.schema_migrations.insert().values(name=MIGRATIONS[0][0]))
        assert migrate(conn) == [name for name, _step in MIGRATIONS[1:]]
    with open_store(str(path)) as store:
        store.save(document_result("d1"))
    with open_store(str(path)) as store:
        assert store.counts().events == 1


_WRITER = """
import sys
from tests.test_store import _report
from sitrep.store import open_store
store = open_store(sys.argv[1])
for n in range(60):
    store.save(_report(f"doc{n:03d}", n))
"""


def _consistent(db: str) -> None:
    """Every report belongs to a stored event, every event has reports, and its documents are theirs."""
    with open_store(db) as store, store.engine.connect() as conn:
        members: dict[str, set[str]] = {}
        for merged, doc in conn.execute(select(tables.reports.c.merged_into, tables.reports.c.document_id)):
            members.setdefault(merged, set()).add(doc)
        events = {e["event_id"]: set(e["documents"]) for e in store.events()}
    assert members == events


def test_store_merge_killed_midway_leaves_a_consistent_database(backend: str, tmp_path: Path) -> None:
    db = database_url(backend, tmp_path)
    open_store(db).close()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    writer = subprocess.Popen([sys.executable, "-c", _WRITER, db], cwd=ROOT, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and writer.poll() is None:
        time.sleep(0.2)
        if _count(db) >= 5:
            break
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    _consistent(db)
    with open_store(db) as store:
        for n in range(60):
            store.save(_report(f"doc{n:03d}", n))
        assert store.counts().events == 10
        assert len({json.dumps(e["documents"]) for e in store.events()}) == 10
    _consistent(db)


def _count(db: str) -> int:
    try:
        with open_store(db) as store:
            return store.counts().documents
    except StoreError:  # the writer may hold the database
        return 0


def test_store_event_rows_match_the_output_contract(store: Store) -> None:
    result = document_result("d1")
    store.save(result)
    (stored,) = store.events()
    assert stored == event_record(result.events[0])
