"""Writes and reads over the store's tables: documents, their reports, merged events, revisions.

Every document keeps its own reported events (`reports`); the merged events are recomputed from
their member reports whenever a document is saved, so one write is one transaction: the document,
its copies and versions, its reports and every merged event they touch, with a revision row per
change. A crash leaves the state before or after the document, never half of it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, and_, create_engine, delete, event, func, or_, select, text, update
from sqlalchemy.exc import SQLAlchemyError

from sitrep import copies
from sitrep.dedup import DATE_WINDOW_DAYS, combine
from sitrep.errors import StoreError
from sitrep.export import document_record, event_record
from sitrep.merging import Cause, MergePlan, Revision, RevisionAction, plan_merge
from sitrep.records import DocumentResult, Event, Status
from sitrep.store import tables
from sitrep.store.codec import dump_event, load_event
from sitrep.store.migrations import migrate

_CHUNK = 500  # ids per IN (...) list
_MERGE_LOCK = 4_202_604  # PostgreSQL advisory lock: one merge at a time


def _url(db: str) -> str:
    if db.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + db.split("://", 1)[1]
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
    """A migrated database; every write is one transaction."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def close(self) -> None:
        """Close the pooled connections (the store can still be used; it reconnects)."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def _writing(self, what: str, document_id: str | None = None) -> Iterator[Connection]:
        try:
            with self.engine.begin() as conn:
                if conn.dialect.name == "postgresql":
                    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MERGE_LOCK})
                yield conn
        except SQLAlchemyError as err:
            raise StoreError(f"cannot {what}: {err}", document_id=document_id, source=str(self.engine.url)) from err

    def save(self, result: DocumentResult, *, at: datetime | None = None) -> None:
        """Upsert one document, mark its copies and older versions, and merge its reports with the
        stored ones, recording a revision for every merged event that changes."""
        doc = result.document
        with self._writing("save document", doc.id) as conn:
            existed = _upsert_document(conn, result)
            _mark_copies(conn, doc.id, copies.fingerprint(doc.text) if result.status is Status.OK else ())
            replaced, newer = _versions(conn, result)
            reason = f"document {doc.id} {'re-processed' if existed else 'saved'}"
            if newer:
                reason += f"; superseded by {newer} at the same URL"
            elif replaced:
                reason += f"; supersedes {', '.join(replaced)} at the same URL"
            cause = Cause(reason=reason, at=at or datetime.now(UTC), document_id=doc.id)
            reports = () if newer else result.events
            _merge_around(conn, withdrawn=[doc.id, *replaced], reports=reports, cause=cause)

    def remerge(self, *, at: datetime | None = None) -> list[Revision]:
        """Merge every stored report again (after the merging rules changed); the revisions made."""
        with self._writing("re-merge") as conn:
            rows = conn.execute(select(tables.reports.c.report_id, tables.reports.c.merged_into,
                                       tables.reports.c.report)).all()
            was = {r.report_id: r.merged_into for r in rows}
            cause = Cause(reason="re-merge of the stored reports", at=at or datetime.now(UTC))
            plan = plan_merge([load_event(r.report) for r in rows], published=_published(conn, None),
                              before=_records(conn, set(was.values())), was=was, cause=cause)
            _apply(conn, plan, was=was)
        return list(plan.revisions)

    def merged_events(self, documents: Iterable[str]) -> list[Event]:
        """The merged events reported by any of these documents, by date then id."""
        r = tables.reports
        with self.engine.connect() as conn:
            ids = {m for chunk in _chunks(documents) for m in conn.scalars(
                select(r.c.merged_into).where(r.c.document_id.in_(chunk)).distinct())}
            members = [(row.merged_into, load_event(row.report)) for chunk in _chunks(ids) for row in conn.execute(
                select(r.c.merged_into, r.c.report).where(r.c.merged_into.in_(chunk)))]
            clusters: dict[str, list[Event]] = defaultdict(list)
            for merged_id, report in members:
                clusters[merged_id].append(report)
            published = _published(conn, {d for _, e in members for d in e.documents})
        merged = [combine(sorted(c, key=lambda e: e.event_id), published=published) for c in clusters.values()]
        return sorted(merged, key=lambda e: (e.date.date or date.min, e.event_id))

    def events(self) -> Iterator[dict[str, Any]]:
        """Every stored event record, by date then id."""
        query = select(tables.events.c.record).order_by(tables.events.c.event_date, tables.events.c.event_id)
        with self.engine.connect() as conn:
            for (record,) in conn.execute(query):
                yield json.loads(record)

    def revisions(self, event_id: str | None = None) -> list[Revision]:
        """The revision history of one merged event (or of all), oldest first."""
        v = tables.revisions
        query = select(v).order_by(v.c.id)
        if event_id is not None:
            query = query.where(v.c.event_id == event_id)
        with self.engine.connect() as conn:
            return [_revision(row) for row in conn.execute(query)]

    def deletions(self) -> list[Revision]:
        """Every deleted merged event, with why and where its reports went, oldest first."""
        return [r for r in self.revisions() if r.action is RevisionAction.DELETED]

    def duplicates(self) -> dict[str, str]:
        """Document id -> the document it is a syndicated copy of."""
        d = tables.documents
        with self.engine.connect() as conn:
            return dict(conn.execute(select(d.c.id, d.c.duplicate_of).where(d.c.duplicate_of.is_not(None))).all())

    def superseded(self) -> dict[str, str]:
        """Document id -> the later version of the article at the same URL that replaced it."""
        d = tables.documents
        with self.engine.connect() as conn:
            return dict(conn.execute(select(d.c.id, d.c.superseded_by).where(d.c.superseded_by.is_not(None))).all())

    def counts(self) -> StoreCounts:
        """Row counts of documents and events."""
        with self.engine.connect() as conn:
            docs = conn.scalar(select(func.count()).select_from(tables.documents)) or 0
            evs = conn.scalar(select(func.count()).select_from(tables.events)) or 0
        return StoreCounts(documents=docs, events=evs)


def _chunks(ids: Iterable[str]) -> Iterator[list[str]]:
    items = sorted(set(ids))
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _revision(row: Any) -> Revision:
    at = row.at if row.at.tzinfo else row.at.replace(tzinfo=UTC)
    return Revision(event_id=row.event_id, action=RevisionAction(row.action), at=at, reason=row.reason,
                    changed=tuple(filter(None, row.changed.split(","))), document_id=row.document_id,
                    replaced_by=row.replaced_by)


def _upsert_document(conn: Connection, result: DocumentResult) -> bool:
    """Write the document row (an update keeps the rows that refer to it); True when it existed."""
    doc = document_record(result)
    d = tables.documents
    row = {"url": doc["url"], "outlet": doc["outlet"], "title": doc["title"], "published": _day(doc["published"]),
           "language": doc["language"], "status": doc["status"], "error": doc["error"],
           "record": json.dumps(doc, ensure_ascii=False)}
    if conn.execute(update(d).where(d.c.id == doc["id"]).values(**row)).rowcount:
        return True
    conn.execute(d.insert().values(id=doc["id"], **row))
    return False


def _mark_copies(conn: Connection, document_id: str, signature: tuple[int, ...]) -> None:
    """Store the document's fingerprint and point every copy of its text at the smallest id."""
    f, b, d = tables.fingerprints, tables.fingerprint_bands, tables.documents
    conn.execute(delete(b).where(b.c.document_id == document_id))
    conn.execute(delete(f).where(f.c.document_id == document_id))
    conn.execute(update(d).where(d.c.id == document_id).values(duplicate_of=None))
    if not signature:
        return
    keys = copies.band_keys(signature)
    near = set(conn.scalars(select(b.c.document_id).where(b.c.band.in_(keys)).distinct()))
    found = [row.document_id for row in conn.execute(select(f).where(f.c.document_id.in_(sorted(near))))
             if copies.is_copy(signature, json.loads(row.signature))]
    conn.execute(f.insert().values(document_id=document_id, signature=json.dumps(signature)))
    conn.execute(b.insert(), [{"band": k, "document_id": document_id} for k in keys])
    if not found:
        return
    roots = set(conn.scalars(select(d.c.duplicate_of).where(d.c.id.in_(found), d.c.duplicate_of.is_not(None))))
    group = {document_id, *found, *roots}
    first = min(group)
    conn.execute(update(d).where(d.c.id.in_(sorted(group - {first}))).values(duplicate_of=first))
    conn.execute(update(d).where(d.c.id == first).values(duplicate_of=None))


def _versions(conn: Connection, result: DocumentResult) -> tuple[list[str], str | None]:
    """Older versions at the same URL this document replaces, and a newer one replacing it."""
    doc, d = result.document, tables.documents
    if not doc.url or result.status is not Status.OK:
        return [], None
    others = conn.execute(select(d.c.id, d.c.published).where(d.c.url == doc.url, d.c.id != doc.id,
                                                              d.c.status == Status.OK.value)).all()
    mine = doc.published or date.min
    newer = sorted(row.id for row in others if (row.published or date.min) > mine)
    if newer:
        conn.execute(update(d).where(d.c.id == doc.id).values(superseded_by=newer[-1]))
        return [], newer[-1]
    replaced = sorted(row.id for row in others)
    conn.execute(update(d).where(d.c.id == doc.id).values(superseded_by=None))
    if replaced:
        conn.execute(update(d).where(d.c.id.in_(replaced)).values(superseded_by=doc.id))
    return replaced, None


def _candidates(conn: Connection, reports: Sequence[Event], *, exclude: Sequence[str]) -> set[str]:
    """Merged events holding a stored report that could pair with one of `reports` (the blocking
    of `sitrep.dedup`: the same country in the date window, or the same type for unplaced ones)."""
    r = tables.reports
    found: set[str] = set()
    for report in reports:
        day, kind = report.date.date, report.event_type.value
        if day is None:
            where = and_(r.c.event_date.is_(None), r.c.event_type == kind)
        else:
            reach = timedelta(days=DATE_WINDOW_DAYS)
            window = r.c.event_date.between(day - reach, day + reach)
            loose = and_(r.c.event_type == kind, r.c.country.is_(None))
            if report.location is None:
                where = and_(window, r.c.event_type == kind)
            else:
                where = and_(window, or_(r.c.country == report.location.country, loose))
        found.update(conn.scalars(select(r.c.merged_into).where(where, r.c.document_id.not_in(exclude)).distinct()))
    return found


def _merge_around(conn: Connection, *, withdrawn: Sequence[str], reports: Sequence[Event], cause: Cause) -> None:
    """Replace the reports of the `withdrawn` documents by `reports` and re-merge every merged
    event either touches."""
    r = tables.reports
    old = dict(conn.execute(select(r.c.report_id, r.c.merged_into).where(r.c.document_id.in_(withdrawn))).all())
    affected = set(old.values()) | _candidates(conn, reports, exclude=withdrawn)
    rows = [row for chunk in _chunks(affected) for row in conn.execute(
        select(r.c.report_id, r.c.merged_into, r.c.report).where(r.c.merged_into.in_(chunk),
                                                                   r.c.document_id.not_in(withdrawn)))]
    kept = [load_event(row.report) for row in rows]
    was = old | {row.report_id: row.merged_into for row in rows}
    members = [*kept, *reports]
    plan = plan_merge(members, published=_published(conn, {d for e in members for d in e.documents}),
                      before=_records(conn, affected), was=was, cause=cause)
    conn.execute(delete(r).where(r.c.document_id.in_(withdrawn)))
    _insert_reports(conn, reports, plan)
    _apply(conn, plan, was={k: v for k, v in was.items() if k not in old})


def _insert_reports(conn: Connection, reports: Sequence[Event], plan: MergePlan) -> None:
    if reports:
        conn.execute(tables.reports.insert(), [{
            "report_id": e.event_id, "document_id": e.documents[0], "event_type": e.event_type.value,
            "event_date": e.date.date, "country": e.location.country if e.location else None,
            "merged_into": plan.members[e.event_id], "report": dump_event(e)} for e in reports])


def _apply(conn: Connection, plan: MergePlan, *, was: dict[str, str]) -> None:
    """Write a merge plan: memberships that moved, deleted and changed events, revisions."""
    r, v = tables.reports, tables.revisions
    for report_id, merged_id in plan.members.items():
        if report_id in was and was[report_id] != merged_id:
            conn.execute(update(r).where(r.c.report_id == report_id).values(merged_into=merged_id))
    for chunk in _chunks(plan.delete):
        conn.execute(delete(tables.events).where(tables.events.c.event_id.in_(chunk)))
    for merged in plan.write:
        _insert_event(conn, event_record(merged))
    if plan.revisions:
        conn.execute(v.insert(), [{
            "event_id": x.event_id, "action": x.action.value, "at": x.at, "changed": ",".join(x.changed),
            "reason": x.reason, "document_id": x.document_id, "replaced_by": x.replaced_by} for x in plan.revisions])


def _published(conn: Connection, documents: set[str] | None) -> dict[str, date | None]:
    """Publication dates of these documents (of all when None)."""
    d = tables.documents
    if documents is None:
        return dict(conn.execute(select(d.c.id, d.c.published)).all())
    return {k: p for chunk in _chunks(documents)
            for k, p in conn.execute(select(d.c.id, d.c.published).where(d.c.id.in_(chunk)))}


def _records(conn: Connection, event_ids: set[str]) -> dict[str, dict[str, Any]]:
    e = tables.events
    return {k: json.loads(rec) for chunk in _chunks(event_ids)
            for k, rec in conn.execute(select(e.c.event_id, e.c.record).where(e.c.event_id.in_(chunk)))}


def _insert_event(conn: Connection, row: dict[str, Any]) -> None:
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


def _insert_children(conn: Connection, table: Any, event_id: str, items: Iterable[dict[str, Any]],
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
    except ImportError as err:
        raise StoreError(f"PostgreSQL needs psycopg: pip install 'sitrep[postgres]' ({err})", source=db) from err
    except SQLAlchemyError as err:
        raise StoreError(f"cannot open database: {err}", source=db) from err
    return Store(engine)
