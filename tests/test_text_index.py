"""The free-text index on every backend: the same answers as the LIKE scan, used where it serves,
kept in step with events rewritten by merges, and built for events stored before it existed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Connection, create_engine, select, text, update

from sitrep.store import open_store, tables
from sitrep.store import queries as q
from sitrep.store.migrations import MIGRATIONS, migrate
from sitrep.store.text_index import FEW_HITS, FTS_TABLE, TRIGRAM_INDEX, matches_text, text_scan
from tests.records_factory import document_result
from tests.store_backends import BACKENDS, database_url
from tests.store_seed import seed_synthetic

NOTES = (  # written for these tests: wildcards, quotes, and letters outside ASCII
    "Shops at 100% capacity reopened after the raid_alert was lifted.",
    'A commander said "hold the bridge" before the shelling.',
    "O'Brien's patrol was ambushed near the école in Épinay.",
    "ÉCOLE NORMALE students marched through Zürich and the Straße.",
    "Δήμος officials reported gunfire; 日本語 reporters were present.",
    "Residents found a%b_c painted on the wall.",
)
QUERIES = (
    "%", "_", "100%", "d_a", "a%b_c", "'", "O'Brien", '"', '"hold the bridge"', "é", "école", "ÉCOLE", "Éco",
    "zürich", "ZÜRICH", "strasse", "Straße", "Δήμ", "δήμος", "日本", "日本語", "mogadishu", "MOGADISHU", "mo", "zz",
    "Timbuktu", "killing 1", "report 3,", " ", "river valley militia", "Syria",
    "NEAR(river valley)", "Valley OR Hill", "^Mog", "Mogadishu*", "notes:raid", "(Homs)",  # FTS5 query syntax
)


@pytest.fixture(scope="module", params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    url = database_url(str(request.param), tmp_path_factory.mktemp("text"))
    store = seed_synthetic(url, 200, per_document=50)
    with store.engine.begin() as conn:
        conn.execute(tables.events.insert(), [
            {"event_id": f"odd-{n}", "event_date": date(2024, 5, n + 1), "event_type": "Battles", "notes": note,
             "location": "Épinay" if n % 2 else None, "record": json.dumps({"event_id": f"odd-{n}"})}
            for n, note in enumerate(NOTES)])
    store.close()
    return url


@pytest.fixture()
def conn(db: str) -> Iterator[Connection]:
    with open_store(db) as store, store.engine.connect() as connection:
        yield connection


def _scanned(conn: Connection, query: str) -> set[str]:
    """The ids the plain LIKE scan selects (on PostgreSQL with its indexes turned off)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SET enable_bitmapscan = off"))
        conn.execute(text("SET enable_indexscan = off"))
    try:
        return set(conn.scalars(select(tables.events.c.event_id).where(text_scan(query))))
    finally:
        if conn.dialect.name == "postgresql":
            conn.execute(text("RESET enable_bitmapscan"))
            conn.execute(text("RESET enable_indexscan"))


def _plan(conn: Connection, query: str) -> str:
    """The plan of the count of `query`'s matches (on PostgreSQL with sequential scans discouraged, since
    the test table is small enough to read whole)."""
    sql = str(q._where(conn, select(tables.events.c.event_id), q.EventFilter(text=query))
              .compile(conn, compile_kwargs={"literal_binds": True}))
    if conn.dialect.name == "sqlite":
        return " ".join(str(row[-1]) for row in conn.execute(text("EXPLAIN QUERY PLAN " + sql)))
    conn.execute(text("SET enable_seqscan = off"))
    try:
        return " ".join(row[0] for row in conn.execute(text("EXPLAIN " + sql.replace("%", "%%"))))
    finally:
        conn.execute(text("RESET enable_seqscan"))


@pytest.mark.parametrize("query", QUERIES)
def test_text_index_answers_like_the_scan(conn: Connection, query: str) -> None:
    expected = _scanned(conn, query)
    f = q.EventFilter(text=query)
    assert {e["event_id"] for e in q.find_events(conn, f, limit=1000).items} == expected
    assert q.count_events(conn, f) == len(expected)
    assert {p.event_id for p in q.find_points(conn, f, limit=1000)} == expected


@pytest.mark.parametrize("query", ["Mogadishu\0", "Mog\0adishu", "\0\0\0"])
def test_text_index_leaves_a_query_with_nul_to_the_scan(conn: Connection, query: str) -> None:
    if conn.dialect.name != "sqlite":
        pytest.skip("SQLite only: PostgreSQL refuses NUL in text")
    assert {p.event_id for p in q.find_points(conn, q.EventFilter(text=query), limit=1000)} == _scanned(conn, query)


def test_text_index_finds_more_than_the_scan_and_the_scan_decides(conn: Connection) -> None:
    if conn.dialect.name != "sqlite":
        pytest.skip("SQLite only: its trigram index folds Unicode case, its LIKE folds ASCII only")
    odd = select(tables.events.c.event_id).where(tables.events.c.event_id.like("odd-%"))
    indexed = set(conn.scalars(odd.where(text(f"rowid IN (SELECT rowid FROM {FTS_TABLE} "
                                              f"WHERE {FTS_TABLE} MATCH '\"école\"')"))))
    assert indexed == {"odd-2", "odd-3"}
    assert {p.event_id for p in q.find_points(conn, q.EventFilter(text="école"), limit=10)} == {"odd-2"}


@pytest.mark.parametrize(("query", "indexed"), [("Timbuktu", True), ("100%", True), ("Syria", True), ("zz", False)])
def test_text_index_serves_queries_of_three_characters_or_more(conn: Connection, query: str, indexed: bool) -> None:
    plan = _plan(conn, query)
    assert ((FTS_TABLE if conn.dialect.name == "sqlite" else TRIGRAM_INDEX) in plan) is indexed, plan


@pytest.mark.parametrize("backend", BACKENDS)
def test_text_index_follows_events_rewritten_by_merges(backend: str, tmp_path: Path) -> None:
    with open_store(database_url(backend, tmp_path)) as store:
        for n in range(6):
            store.save(document_result(f"d{n}", day=date(2021, 3, 1) + timedelta(days=4 * (n % 3)), killed=n + 1))
        store.save(document_result("d0", day=date(2021, 5, 1), killed=9))  # re-processed: its events move
        with store.engine.begin() as conn:  # and one edited in place
            edited = conn.scalar(select(tables.events.c.event_id).order_by(tables.events.c.event_id).limit(1))
            conn.execute(update(tables.events).where(tables.events.c.event_id == edited)
                         .values(notes="Edited by hand: Timbuktu."))
        with store.engine.connect() as conn:
            found = {query: {p.event_id for p in q.find_points(conn, q.EventFilter(text=query), limit=100)}
                     for query in ("Homs", "2021-05-01", "2021-03-01", "4 reported", "9 reported", "Timbuktu")}
            assert found == {query: _scanned(conn, query) for query in found}
            assert found["Timbuktu"] == {edited} and found["9 reported"] and found["Homs"]
            if backend == "sqlite":  # the index against the rows it was built from
                conn.execute(text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('integrity-check', 1)"))


@pytest.mark.parametrize("backend", BACKENDS)
def test_text_index_migration_indexes_events_stored_before_it(backend: str, tmp_path: Path) -> None:
    url = database_url(backend, tmp_path)
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1) if "://" in url
                           else f"sqlite:///{url}")
    with engine.begin() as conn:
        tables.schema_migrations.create(conn)
        for name, step in MIGRATIONS[:3]:
            step(conn)
            conn.execute(tables.schema_migrations.insert().values(name=name))
        conn.execute(tables.events.insert(), [
            {"event_id": f"old-{n}", "notes": f"Stored before the index, number {n}.", "record": "{}"}
            for n in range(5)])
        assert migrate(conn) == ["0004_text_index"]
        assert _scanned(conn, "before the index") == {f"old-{n}" for n in range(5)}
        assert q.count_events(conn, q.EventFilter(text="number 3")) == 1
        assert (FTS_TABLE if backend == "sqlite" else TRIGRAM_INDEX) in _plan(conn, "number 3")
    engine.dispose()


def _uses_index(conn: Connection, query: str, *, narrowed: bool) -> bool:
    return FTS_TABLE in str(select(tables.events.c.event_id).where(matches_text(conn, query, narrowed=narrowed)))


def test_text_index_leaves_a_common_text_to_the_scan_when_the_query_is_narrowed(tmp_path: Path) -> None:
    with seed_synthetic(str(tmp_path / "common.db"), FEW_HITS + 50, per_document=250) as store, \
            store.engine.connect() as conn:
        assert _uses_index(conn, "clashed", narrowed=False) and not _uses_index(conn, "clashed", narrowed=True)
        assert _uses_index(conn, "report 7,", narrowed=True)
        common = q.EventFilter(text="clashed")
        assert q.count_events(conn, common) == FEW_HITS + 50
        newest = [e["event_id"] for e in q.find_events(conn, q.EventFilter(), limit=20).items]
        assert [e["event_id"] for e in q.find_events(conn, common, limit=20).items] == newest


def test_text_index_absent_leaves_the_filter_to_the_scan(tmp_path: Path) -> None:
    with seed_synthetic(str(tmp_path / "old.db"), 60, per_document=30) as store, store.engine.begin() as conn:
        for name in (f"{FTS_TABLE}_ai", f"{FTS_TABLE}_ad", f"{FTS_TABLE}_au"):
            conn.execute(text(f"DROP TRIGGER {name}"))
        conn.execute(text(f"DROP TABLE {FTS_TABLE}"))
        assert not _uses_index(conn, "Mogadishu", narrowed=False)
        found = {p.event_id for p in q.find_points(conn, q.EventFilter(text="Mogadishu"), limit=100)}
        assert found == _scanned(conn, "Mogadishu") != set()
