from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Connection, text

from sitrep.store import queries as q
from tests.store_seed import seed_synthetic

INJECTIONS = ("' OR '1'='1", "x'; DROP TABLE events; --", '" OR 1=1 --', "%", "_", "\\", "Goma' UNION SELECT record "
              "FROM documents --")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("queries") / "s.db")
    seed_synthetic(path, 300, per_document=50)
    return path


@pytest.fixture()
def conn(db: str) -> Iterator[Connection]:
    from sitrep.store import open_store

    with open_store(db).engine.connect() as connection:
        yield connection


def _all(conn: Connection) -> list[dict[str, Any]]:
    return list(q.iter_events(conn, q.EventFilter()))


def _day(e: dict[str, Any]) -> date:
    return date.fromisoformat(e["event_date"])


CASES = [
    (q.EventFilter(country="Syria"), lambda e: e["country"] == "Syria"),
    (q.EventFilter(admin1="Borno"), lambda e: e["admin1"] == "Borno"),
    (q.EventFilter(event_type="Battles"), lambda e: e["event_type"] == "Battles"),
    (q.EventFilter(sub_event_type="Grenade"), lambda e: e["sub_event_type"] == "Grenade"),
    (q.EventFilter(start=date(2024, 1, 1), end=date(2024, 3, 31)),
     lambda e: date(2024, 1, 1) <= _day(e) <= date(2024, 3, 31)),
    (q.EventFilter(actor="valley MILITIA"), lambda e: "River Valley Militia" in (e["actor1"], e["actor2"])),
    (q.EventFilter(min_fatalities=5), lambda e: e["fatalities"] >= 5),
    (q.EventFilter(text="mogadishu"), lambda e: e["location"] == "Mogadishu"),
    (q.EventFilter(bbox=q.BoundingBox(west=25, south=-5, east=40, north=20)),
     lambda e: 25 <= e["longitude"] <= 40 and -5 <= e["latitude"] <= 20),
    (q.EventFilter(bbox=q.BoundingBox(west=60, south=-90, east=-10, north=90)),  # across the antimeridian
     lambda e: e["longitude"] >= 60 or e["longitude"] <= -10),
    (q.EventFilter(country="Iraq", min_fatalities=1, event_type="Protests"),
     lambda e: e["country"] == "Iraq" and e["fatalities"] >= 1 and e["event_type"] == "Protests"),
]


@pytest.mark.parametrize(("f", "keep"), CASES)
def test_queries_filters_select_exactly_the_matching_events(conn: Connection, f: q.EventFilter, keep: Any) -> None:
    expected = {e["event_id"] for e in _all(conn) if keep(e)}
    page = q.find_events(conn, f, limit=1000, count=True)
    assert {e["event_id"] for e in page.items} == expected
    assert page.total == len(expected) > 0 and not page.has_more
    assert {p.event_id for p in q.find_points(conn, f, limit=1000)} == expected


@pytest.mark.parametrize("sort", list(q.SortKey))
def test_queries_sorting_and_paging_cover_every_event_once(conn: Connection, sort: q.SortKey) -> None:
    pages = [q.find_events(conn, q.EventFilter(), sort=sort, limit=70, offset=o) for o in range(0, 300, 70)]
    ids = [e["event_id"] for p in pages for e in p.items]
    assert len(ids) == len(set(ids)) == 300 and [p.has_more for p in pages] == [True] * 4 + [False]
    key = sort.value.lstrip("-")
    values = [e[key] for p in pages for e in p.items]
    assert values == sorted(values, reverse=sort.value.startswith("-"))


@pytest.mark.parametrize("payload", INJECTIONS)
def test_queries_injection_attempts_are_plain_values(conn: Connection, payload: str) -> None:
    for f in (q.EventFilter(country=payload), q.EventFilter(admin1=payload), q.EventFilter(event_type=payload),
              q.EventFilter(sub_event_type=payload), q.EventFilter(actor=payload), q.EventFilter(text=payload)):
        assert q.find_events(conn, f).items == [] and q.count_events(conn, f) == 0
        assert q.event_stats(conn, f).total == 0
    assert q.get_event(conn, payload) is None and q.get_document(conn, payload) is None
    assert q.count_events(conn, q.EventFilter()) == 300


def test_queries_event_has_claims_evidence_and_document_details(conn: Connection) -> None:
    first = q.find_events(conn, q.EventFilter(), limit=1).items[0]
    event = q.get_event(conn, first["event_id"])
    assert event is not None
    assert event["claims"][0]["claimed_by"] == "officials"
    (doc,) = event["document_details"]
    assert doc["id"] == event["documents"][0] and doc["title"].startswith("Synthetic report")


def test_queries_document_spans_point_into_its_text(conn: Connection) -> None:
    document = q.get_document(conn, "syn00000")
    assert document is not None
    kinds = Counter(s["kind"] for s in document["spans"])
    assert kinds == {"evidence": 50, "claim": 50}
    for span in document["spans"]:
        assert document["text"][span["start"]:span["end"]] == span["text"]


def test_queries_stats_count_by_day_type_country_and_actor(conn: Connection) -> None:
    events = _all(conn)
    stats = q.event_stats(conn, q.EventFilter(), top=100)
    assert stats.total == 300 == sum(n for _, n in stats.by_day)
    assert dict(stats.by_type) == Counter(e["event_type"] for e in events)
    assert dict(stats.by_country) == Counter(e["country"] for e in events)
    assert dict(stats.by_actor) == Counter(a for e in events for a in (e["actor1"], e["actor2"]) if a)
    assert [d for d, _ in stats.by_day] == sorted({_day(e) for e in events})


@pytest.mark.parametrize("f", [q.EventFilter(), q.EventFilter(actor="militia", min_fatalities=2),
                               q.EventFilter(bbox=q.BoundingBox(west=0, south=0, east=50, north=50))])
def test_queries_pages_and_points_are_read_from_the_listing_index(conn: Connection, f: q.EventFilter) -> None:
    executed: list[str] = []
    conn.connection.driver_connection.set_trace_callback(executed.append)  # type: ignore[union-attr]
    try:
        q.find_events(conn, f)
        q.find_points(conn, f, limit=1000)
    finally:
        conn.connection.driver_connection.set_trace_callback(None)  # type: ignore[union-attr]
    listings = [sql for sql in executed if "ORDER BY" in sql]
    assert len(listings) == 2
    for sql in listings:
        plan = " ".join(str(row[-1]) for row in conn.execute(text("EXPLAIN QUERY PLAN " + sql)))
        assert "COVERING INDEX ix_events_listing" in plan and "TEMP B-TREE" not in plan, plan


def test_queries_unknown_ids_are_none(conn: Connection) -> None:
    assert q.get_event(conn, "ev-none") is None
    assert q.get_document(conn, "none") is None
