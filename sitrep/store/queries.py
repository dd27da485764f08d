"""Read-side queries over the store: filtered, paged event lists, one event or document with its
provenance, and counts. Every value reaches the database as a bound parameter (SQLAlchemy Core)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Connection, Select, String, and_, func, or_, select, type_coerce

from sitrep.store import tables
from sitrep.store.text_index import matches_text

_E = tables.events


@dataclass(frozen=True, slots=True, kw_only=True)
class BoundingBox:
    """West, south, east, north in degrees; west > east crosses the antimeridian."""

    west: float
    south: float
    east: float
    north: float


@dataclass(frozen=True, slots=True, kw_only=True)
class EventFilter:
    """Which events to return; unset fields do not filter. Text matches are case-insensitive substrings."""

    start: date | None = None
    end: date | None = None
    country: str | None = None
    admin1: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    bbox: BoundingBox | None = None
    min_fatalities: int | None = None
    text: str | None = None


class SortKey(StrEnum):
    """Orders of an event list; a leading '-' is descending."""

    DATE = "event_date"
    DATE_DESC = "-event_date"
    FATALITIES = "fatalities"
    FATALITIES_DESC = "-fatalities"
    COUNTRY = "country"
    COUNTRY_DESC = "-country"


@dataclass(frozen=True, slots=True, kw_only=True)
class EventPage:
    """One page of matching event records, as stored (JSON text); `total` only when counting was asked for."""

    records: list[str]
    has_more: bool
    total: int | None = None

    @property
    def items(self) -> list[dict[str, Any]]:
        """The records parsed."""
        return [json.loads(r) for r in self.records]


class EventPoint(NamedTuple):
    """The few columns a map, a timeline and a table need of one event (a tuple: built per row, fast)."""

    event_id: str
    event_date: str | None  # ISO date
    event_type: str
    sub_event_type: str | None
    actor1: str | None
    actor2: str | None
    country: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    fatalities: int | None


@dataclass(frozen=True, slots=True, kw_only=True)
class EventStats:
    """Counts of the matching events by day, type, country and actor (either side)."""

    total: int
    by_day: list[tuple[date, int]]
    by_type: list[tuple[str, int]]
    by_country: list[tuple[str, int]]
    by_actor: list[tuple[str, int]]


def _conditions(conn: Connection, f: EventFilter, *, page: bool) -> list[ColumnElement[bool]]:
    exact = ((_E.c.country, f.country), (_E.c.admin1, f.admin1), (_E.c.event_type, f.event_type),
             (_E.c.sub_event_type, f.sub_event_type))
    out: list[ColumnElement[bool]] = [col == value for col, value in exact if value is not None]
    if f.start is not None:
        out.append(_E.c.event_date >= f.start)
    if f.end is not None:
        out.append(_E.c.event_date <= f.end)
    if f.min_fatalities is not None:
        out.append(_E.c.fatalities >= f.min_fatalities)
    if f.actor:
        out.append(or_(_E.c.actor1.icontains(f.actor, autoescape=True),
                       _E.c.actor2.icontains(f.actor, autoescape=True)))
    if f.bbox is not None:
        out.append(_in_box(f.bbox))
    if f.text:
        out.append(matches_text(conn, f.text, narrowed=page or bool(out)))
    return out


def _in_box(box: BoundingBox) -> ColumnElement[bool]:
    lat = _E.c.latitude.between(box.south, box.north)
    if box.west <= box.east:
        return and_(lat, _E.c.longitude.between(box.west, box.east))
    return and_(lat, or_(_E.c.longitude >= box.west, _E.c.longitude <= box.east))


def _where(conn: Connection, query: Select[Any], f: EventFilter, *, page: bool = False) -> Select[Any]:
    """`query` filtered by `f`; a `page` is a query for the first rows in some order (a LIMIT)."""
    return query.where(*_conditions(conn, f, page=page))


def _order(sort: SortKey) -> list[Any]:
    column = _E.c[sort.value.lstrip("-")]
    first = column.desc() if sort.value.startswith("-") else column.asc()
    tie = _E.c.event_id.desc() if sort.value.startswith("-") else _E.c.event_id.asc()
    return [first.nulls_last(), tie]


def count_events(conn: Connection, f: EventFilter) -> int:
    """How many events match (a scan of every match: cost grows with the table)."""
    return conn.scalar(_where(conn, select(func.count()).select_from(_E), f)) or 0


def find_events(conn: Connection, f: EventFilter, *, sort: SortKey = SortKey.DATE_DESC, limit: int = 100,
                offset: int = 0, count: bool = False) -> EventPage:
    """One page of the matching event records (the output contract's objects), and the total if
    `count`. The page's ids are found first (on indexes alone when they cover the filters), then
    only their records are read."""
    ids_query = (_where(conn, select(_E.c.event_id), f, page=True).order_by(*_order(sort))
                 .limit(limit + 1).offset(offset))
    ids = list(conn.scalars(ids_query))
    rows = conn.execute(select(_E.c.event_id, _E.c.record).where(_E.c.event_id.in_(ids[:limit])))
    records = {event_id: record for event_id, record in rows}
    return EventPage(records=[records[i] for i in ids[:limit]], has_more=len(ids) > limit,
                     total=count_events(conn, f) if count else None)


def iter_events(conn: Connection, f: EventFilter, *, sort: SortKey = SortKey.DATE) -> Iterator[dict[str, Any]]:
    """Every matching event record, streamed (for exports)."""
    query = _where(conn, select(_E.c.record), f).order_by(*_order(sort))
    for record in conn.execution_options(yield_per=1000).scalars(query):
        yield json.loads(record)


def find_points(conn: Connection, f: EventFilter, *, limit: int) -> list[EventPoint]:
    """The matching events as map points, newest first, at most `limit` of them."""
    columns: list[ColumnElement[Any]] = [_E.c[name] for name in EventPoint._fields]
    columns[1] = type_coerce(_E.c.event_date, String).label("event_date")  # ISO text as stored: no parsing
    query = _where(conn, select(*columns), f, page=True).order_by(*_order(SortKey.DATE_DESC)).limit(limit)
    return [EventPoint._make(row) for row in conn.execute(query).all()]


def get_event(conn: Connection, event_id: str) -> dict[str, Any] | None:
    """One event record with its documents' metadata under `document_details`, or None."""
    record = conn.scalar(select(_E.c.record).where(_E.c.event_id == event_id))
    if record is None:
        return None
    event: dict[str, Any] = json.loads(record)
    d = tables.documents
    query = (select(d.c.id, d.c.url, d.c.outlet, d.c.title, d.c.published)
             .join(tables.event_documents, tables.event_documents.c.document_id == d.c.id)
             .where(tables.event_documents.c.event_id == event_id).order_by(d.c.id))
    event["document_details"] = [
        {**row._mapping, "published": row.published.isoformat() if row.published else None}
        for row in conn.execute(query)
    ]
    return event


def get_document(conn: Connection, document_id: str) -> dict[str, Any] | None:
    """One document record with `spans`: every evidence and claim span in its text, by event, or None."""
    record = conn.scalar(select(tables.documents.c.record).where(tables.documents.c.id == document_id))
    if record is None:
        return None
    document: dict[str, Any] = json.loads(record)
    spans = []
    for table, kind in ((tables.evidence, "evidence"), (tables.claims, "claim")):
        query = select(table).where(table.c.document_id == document_id)
        for row in conn.execute(query):
            spans.append({"event_id": row.event_id, "kind": kind, "start": row.start, "end": row.end,
                          "text": row.text, "claim": row.kind if kind == "claim" else None,
                          "claimed_by": row.claimed_by if kind == "claim" else None})
    document["spans"] = sorted(spans, key=lambda s: (s["start"], s["end"], s["event_id"]))
    return document


def _grouped(conn: Connection, column: Any, f: EventFilter, *, limit: int | None) -> list[tuple[Any, int]]:
    count = func.count().label("n")
    query = _where(conn, select(column, count), f).where(column.is_not(None)).group_by(column)
    query = query.order_by(column) if limit is None else query.order_by(count.desc(), column).limit(limit)
    return [(value, n) for value, n in conn.execute(query)]


def event_stats(conn: Connection, f: EventFilter, *, top: int = 20) -> EventStats:
    """Counts by day (every day with events), by type, and the `top` countries and actors."""
    actor_rows = [_where(conn, select(col.label("actor")), f).where(col.is_not(None))
                  for col in (_E.c.actor1, _E.c.actor2)]
    actors = actor_rows[0].union_all(actor_rows[1]).subquery()
    count = func.count().label("n")
    by_actor = conn.execute(select(actors.c.actor, count).group_by(actors.c.actor)
                            .order_by(count.desc(), actors.c.actor).limit(top))
    return EventStats(
        total=count_events(conn, f),
        by_day=_grouped(conn, _E.c.event_date, f, limit=None),
        by_type=_grouped(conn, _E.c.event_type, f, limit=top),
        by_country=_grouped(conn, _E.c.country, f, limit=top),
        by_actor=[(a, n) for a, n in by_actor],
    )
