"""The API's routes: parse the request, call one library function, shape the answer."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import chain, islice
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response, StreamingResponse
from sqlalchemy import Connection

from sitrep.api.guards import token_matches
from sitrep.api.schemas import (
    Count,
    DocumentIn,
    DocumentOut,
    ErrorOut,
    EventDetail,
    EventList,
    IngestResult,
    PointTable,
    StatsOut,
)
from sitrep.batch import run_batch
from sitrep.export import iter_acled_csv, iter_geojson, iter_jsonl
from sitrep.pipeline import Resources, load_resources
from sitrep.records import DocumentResult, EventType, SubEventType
from sitrep.settings import Settings
from sitrep.store import Store
from sitrep.store import queries as q


@dataclass(slots=True, kw_only=True)
class Context:
    """What the routes share: settings, the store, the write token, and the pipeline loaded on first use."""

    settings: Settings
    store: Store
    token: str | None
    max_points: int
    resources: Resources | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def ingest(self, document: DocumentIn) -> IngestResult:
        """Run one page through the pipeline into the store (one ingestion at a time)."""
        results: list[DocumentResult] = []
        with self._lock:
            if self.resources is None:
                self.resources = load_resources(self.settings)
            in_process = self.settings.model_copy(update={"workers": 1, "dask": None})  # one page: no pool
            batch = run_batch([document.to_raw_input()], settings=in_process, resources=self.resources,
                              store=self.store, on_document=results.append)
        (result,) = results
        return IngestResult(id=result.document.id, status=result.status.value, error=result.error,
                            events=[e.event_id for e in batch.events])


# Dependencies that only parse are `async def`: FastAPI runs them on the event loop, where a sync one
# would cost a hop to the thread pool. Each sync route opens its connection itself, so a request
# makes one hop in all.

async def _context(request: Request) -> Context:
    context: Context = request.app.state.context
    return context


Ctx = Annotated[Context, Depends(_context)]


def _bbox(value: str | None) -> q.BoundingBox | None:
    if value is None:
        return None
    try:
        west, south, east, north = (float(v) for v in value.split(","))
    except ValueError as err:
        raise HTTPException(422, "bbox must be four numbers: west,south,east,north") from err
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise HTTPException(422, "bbox out of range: longitudes -180..180, latitudes -90..90, south <= north")
    return q.BoundingBox(west=west, south=south, east=east, north=north)


async def event_filter(
    start: Annotated[date | None, Query(description="first event date (inclusive)")] = None,
    end: Annotated[date | None, Query(description="last event date (inclusive)")] = None,
    country: Annotated[str | None, Query(max_length=100, description="country name, exactly")] = None,
    admin1: Annotated[str | None, Query(max_length=100, description="admin1 name, exactly")] = None,
    event_type: Annotated[EventType | None, Query(description="ACLED event type")] = None,
    sub_event_type: Annotated[SubEventType | None, Query(description="ACLED sub-event type")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="part of actor1 or actor2")] = None,
    bbox: Annotated[str | None, Query(max_length=100, description="west,south,east,north in degrees")] = None,
    min_fatalities: Annotated[int | None, Query(ge=0, le=10_000_000)] = None,
    q_: Annotated[str | None, Query(alias="q", max_length=200, description="free text in notes, actors, places")]
    = None,
) -> q.EventFilter:
    """The filters every event route takes, from the query string."""
    return q.EventFilter(start=start, end=end, country=country, admin1=admin1,
                         event_type=event_type.value if event_type else None,
                         sub_event_type=sub_event_type.value if sub_event_type else None,
                         actor=actor, bbox=_bbox(bbox), min_fatalities=min_fatalities, text=q_)


async def require_token(request: Request, ctx: Ctx) -> None:
    """403 when no token is configured (writes disabled), 401 when the request lacks it."""
    if not ctx.token:
        raise HTTPException(403, "write endpoints are disabled: no API token is configured (SITREP_API_TOKEN)")
    if not token_matches(request.headers.get("authorization"), ctx.token):
        raise HTTPException(401, "missing or wrong token: send 'Authorization: Bearer <token>'",
                            headers={"WWW-Authenticate": "Bearer"})


Filter = Annotated[q.EventFilter, Depends(event_filter)]
_ERRORS: dict[int | str, dict[str, Any]] = {code: {"model": ErrorOut} for code in (404, 422, 429, 503)}
router = APIRouter(responses=_ERRORS)


@router.get("/events", response_model=EventList, tags=["events"])
def list_events(ctx: Ctx, f: Filter, sort: q.SortKey = q.SortKey.DATE_DESC,
                limit: Annotated[int, Query(ge=1, le=1000)] = 100,
                offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
                count: Annotated[bool, Query(description="also count every match (slower on large tables)")]
                = False) -> Response:
    """Events matching the filters, one page at a time; follow `next_offset` for the next page."""
    with ctx.store.engine.connect() as conn:
        page = q.find_events(conn, f, sort=sort, limit=limit, offset=offset, count=count)
    head = json.dumps({"limit": limit, "offset": offset, "next_offset": offset + limit if page.has_more else None,
                       "total": page.total})
    # the stored records are the contract's JSON objects already: spliced in, not parsed and re-encoded
    return Response(f'{head[:-1]}, "items": [{", ".join(page.records)}]}}', media_type="application/json")


@router.get("/points", response_model=PointTable, tags=["events"])
def list_points(ctx: Ctx, f: Filter,
                limit: Annotated[int | None, Query(ge=1)] = None) -> Response:
    """Every matching event as a compact map point, newest first (for the dashboard)."""
    cap = min(limit or ctx.max_points, ctx.max_points)
    with ctx.store.engine.connect() as conn:
        points = q.find_points(conn, f, limit=cap + 1)
    body = json.dumps({"truncated": len(points) > cap, "columns": q.EventPoint._fields, "rows": points[:cap]},
                      ensure_ascii=False)
    return Response(body, media_type="application/json")


def _one(ctx: Context, find: Callable[[Connection, str], dict[str, Any] | None], key: str, what: str) -> dict[str, Any]:
    """The record `find` reads for `key`, or a 404 naming what is missing."""
    with ctx.store.engine.connect() as conn:
        found = find(conn, key)
    if found is None:
        raise HTTPException(404, f"no {what} {key!r}")
    return found


@router.get("/events/{event_id}", response_model=EventDetail, tags=["events"])
def show_event(event_id: str, ctx: Ctx) -> dict[str, Any]:
    """One event with its claims (who said what), evidence and documents."""
    return _one(ctx, q.get_event, event_id, "event")


@router.get("/documents/{document_id:path}", response_model=DocumentOut, tags=["documents"])
def show_document(document_id: str, ctx: Ctx) -> dict[str, Any]:
    """One document's clean text, with the evidence and claim spans that back events."""
    return _one(ctx, q.get_document, document_id, "document")


@router.get("/stats", response_model=StatsOut, tags=["events"])
def show_stats(ctx: Ctx, f: Filter, top: Annotated[int, Query(ge=1, le=500)] = 20) -> StatsOut:
    """Counts of the matching events by day, event type, country and actor."""
    with ctx.store.engine.connect() as conn:
        stats = q.event_stats(conn, f, top=top)
    return StatsOut(total=stats.total, by_day=_counts(stats.by_day), by_type=_counts(stats.by_type),
                    by_country=_counts(stats.by_country), by_actor=_counts(stats.by_actor))


def _counts(pairs: Iterable[tuple[Any, int]]) -> list[Count]:
    return [Count(value=str(value), count=n) for value, n in pairs]


Writer = Callable[[Iterable[dict[str, Any]]], Iterator[str]]
_EXPORTS: dict[str, tuple[Writer, str]] = {
    "csv": (iter_acled_csv, "text/csv; charset=utf-8"),
    "geojson": (iter_geojson, "application/geo+json"),
    "jsonl": (iter_jsonl, "application/x-ndjson"),
}


def _streamed(store: Store, f: q.EventFilter, write: Writer, *, chunk_chars: int = 1 << 16) -> Iterator[str]:
    """The export's text in pieces of about `chunk_chars` (each piece is one hop to the server's loop)."""
    with store.engine.connect() as conn:
        pending: list[str] = []
        size = 0
        for text in write(q.iter_events(conn, f)):
            pending.append(text)
            size += len(text)
            if size >= chunk_chars:
                yield "".join(pending)
                pending, size = [], 0
        yield "".join(pending)


@router.get("/export/events.{fmt}", tags=["export"], response_class=StreamingResponse,
            responses={200: {"content": {t: {} for _, t in _EXPORTS.values()}}})
def export_events(fmt: str, f: Filter, ctx: Ctx) -> Response:
    """The matching events as ACLED 2023 CSV (`csv`), RFC 7946 GeoJSON (`geojson`) or JSON Lines (`jsonl`)."""
    if fmt not in _EXPORTS:
        raise HTTPException(404, f"no export format {fmt!r}; choose one of {', '.join(_EXPORTS)}")
    write, media_type = _EXPORTS[fmt]
    headers = {"content-disposition": f'attachment; filename="events.{fmt}"'}
    pieces = _streamed(ctx.store, f, write)
    head = list(islice(pieces, 2))  # a small export is whole by now: one answer, no more hops to the thread pool
    if len(head) == 1:
        return Response(head[0], media_type=media_type, headers=headers)
    return StreamingResponse(chain(head, pieces), media_type=media_type, headers=headers)


@router.post("/documents", response_model=IngestResult, status_code=201, tags=["documents"],
             dependencies=[Depends(require_token)], responses={401: {"model": ErrorOut}, 403: {"model": ErrorOut}})
def ingest_document(document: DocumentIn, ctx: Ctx) -> IngestResult:
    """Run a page (html or text) through the pipeline and store it and its events. Needs the API token."""
    return ctx.ingest(document)
