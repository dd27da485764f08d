"""Upserts and queries over the store's tables."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Engine, create_engine, delete, event, func, select
from sqlalchemy.exc import SQLAlchemyError

from sitrep.errors import StoreError
from sitrep.export import document_record, event_record
from sitrep.records import DocumentResult, Event
from sitrep.store import tables
from sitrep.store.migrations import migrate


def _url(db: str) -> str:
    return db if "://" in db else f"sqlite:///{db}"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


@dataclass(frozen=True, slots=True)
class StoreCounts:
    """How many rows the store holds."""

    documents: int
    events: int


class Store:
    """A migrated database; every write is one transaction per document."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def save(self, result: DocumentResult) -> None:
        """Upsert one document and replace the events it alone reported."""
        doc = document_record(result)
        rows = [event_record(e) for e in result.events]
        try:
            with self.engine.begin() as conn:
                _replace(conn, tables.documents, "id", doc["id"], {
                    "id": doc["id"], "url": doc["url"], "outlet": doc["outlet"], "title": doc["title"],
                    "published": _day(doc["published"]), "language": doc["language"], "status": doc["status"],
                    "error": doc["error"], "record": json.dumps(doc, ensure_ascii=False),
                })
                old = select(tables.event_documents.c.event_id).where(
                    tables.event_documents.c.document_id == doc["id"])
                conn.execute(delete(tables.events).where(tables.events.c.event_id.in_(old)))
                for row in rows:
                    _insert_event(conn, row)
        except SQLAlchemyError as err:
            raise StoreError(f"cannot save document: {err}", document_id=doc["id"],
                             source=str(self.engine.url)) from err

    def save_merged(self, merged: Sequence[Event], *, replacing: Iterable[str]) -> None:
        """Replace the per-document events `replacing` by the merged events, in one transaction."""
        rows = [event_record(e) for e in merged]
        try:
            with self.engine.begin() as conn:
                conn.execute(delete(tables.events).where(tables.events.c.event_id.in_(list(replacing))))
                for row in rows:
                    _insert_event(conn, row)
        except SQLAlchemyError as err:
            raise StoreError(f"cannot save merged events: {err}", source=str(self.engine.url)) from err

    def events(self) -> Iterator[dict[str, Any]]:
        """Every stored event record, by date then id."""
        query = select(tables.events.c.record).order_by(tables.events.c.event_date, tables.events.c.event_id)
        with self.engine.connect() as conn:
            for (record,) in conn.execute(query):
                yield json.loads(record)

    def counts(self) -> StoreCounts:
        """Row counts of documents and events."""
        with self.engine.connect() as conn:
            docs = conn.scalar(select(func.count()).select_from(tables.documents)) or 0
            evs = conn.scalar(select(func.count()).select_from(tables.events)) or 0
        return StoreCounts(documents=docs, events=evs)


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _replace(conn: Any, table: Any, key: str, value: str, row: dict[str, Any]) -> None:
    conn.execute(delete(table).where(table.c[key] == value))
    conn.execute(table.insert().values(**row))


def _insert_event(conn: Any, row: dict[str, Any]) -> None:
    event_id = row["event_id"]
    conn.execute(delete(tables.events).where(tables.events.c.event_id == event_id))
    conn.execute(tables.events.insert().values(
        event_id=event_id, event_date=_day(row["event_date"]), event_type=row["event_type"],
        sub_event_type=row["sub_event_type"], actor1=row["actor1"], actor2=row["actor2"],
        country=row["country"], admin1=row["admin1"], location=row["location"], latitude=row["latitude"],
        longitude=row["longitude"], fatalities=row["fatalities"], notes=row["notes"],
        record=json.dumps(row, ensure_ascii=False),
    ))
    conn.execute(tables.event_documents.insert(), [
        {"event_id": event_id, "document_id": d} for d in row["documents"]])
    _insert_children(conn, tables.claims, event_id, row["claims"], ("kind", "low", "high", "claimed_by",
                                                                     "document", "start", "end", "text"))
    _insert_children(conn, tables.evidence, event_id, row["evidence"], ("document", "start", "end", "text"))


def _insert_children(conn: Any, table: Any, event_id: str, items: Iterable[dict[str, Any]],
                     fields: tuple[str, ...]) -> None:
    rows = [
        {"event_id": event_id, "seq": n, **{("document_id" if f == "document" else f): item[f] for f in fields}}
        for n, item in enumerate(items)
    ]
    if rows:
        conn.execute(table.insert(), rows)


def open_store(db: str) -> Store:
    """Open (creating and migrating) the database at a path or URL."""
    try:
        engine = create_engine(_url(db))
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        with engine.begin() as conn:
            migrate(conn)
    except SQLAlchemyError as err:
        raise StoreError(f"cannot open database: {err}", source=db) from err
    return Store(engine)
