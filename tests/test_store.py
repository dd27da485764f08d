from __future__ import annotations

from pathlib import Path

from sitrep.store import open_store
from tests.records_factory import document_result


def test_store_same_input_twice_leaves_database_unchanged(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "s.db"))
    store.save(document_result("d1"))
    first = list(store.events())
    store.save(document_result("d1"))
    assert list(store.events()) == first
    assert (store.counts().documents, store.counts().events) == (1, 1)


def test_store_revised_document_replaces_its_events(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "s.db"))
    store.save(document_result("d1", killed=4))
    store.save(document_result("d1", killed=5))
    (event,) = store.events()
    assert event["fatalities"] == 5


def test_store_reopen_keeps_rows_and_migrations_run_once(tmp_path: Path) -> None:
    path = str(tmp_path / "s.db")
    open_store(path).save(document_result("d1"))
    open_store(path).save(document_result("d2"))
    assert open_store(path).counts().events == 2
