"""Records -> output rows and text: the JSON Lines contract, ACLED-style CSV and GeoJSON."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from sitrep.counts import summarise_counts
from sitrep.records import ActorRef, ClaimKind, DocumentResult, Event, EventType, Evidence, Inter

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)
DISORDER_TYPE = {
    EventType.BATTLES: "Political violence",
    EventType.EXPLOSIONS: "Political violence",
    EventType.VIOLENCE_AGAINST_CIVILIANS: "Political violence",
    EventType.RIOTS: "Political violence",
    EventType.PROTESTS: "Demonstrations",
    EventType.STRATEGIC_DEVELOPMENTS: "Strategic developments",
}


def _evidence(e: Evidence) -> dict[str, Any]:
    return {"document": e.document_id, "start": e.start, "end": e.end, "text": e.text}


def _name(ref: ActorRef | None) -> str | None:
    return ref.name if ref else None


def _inter(ref: ActorRef | None) -> int | None:
    return int(ref.inter) if ref else None


def interaction(a: Inter | None, b: Inter | None) -> int | None:
    """ACLED's interaction code: the two actor classes, lower first ('13'); one side alone ('10')."""
    codes = sorted(int(x) for x in (a, b) if x is not None)
    if not codes:
        return None
    return codes[0] * 10 + (codes[1] if len(codes) > 1 else 0)


def event_record(event: Event) -> dict[str, Any]:
    """The output contract's event object (see DESIGN.md)."""
    killed = summarise_counts(event.claims, ClaimKind.KILLED)
    wounded = summarise_counts(event.claims, ClaimKind.WOUNDED)
    loc, actors = event.location, event.actors
    return {
        "event_id": event.event_id,
        "event_date": event.date.date.isoformat() if event.date.date else None,
        "date_precision": int(event.date.precision) if event.date.precision else None,
        "date_warning": event.date.warning,
        "event_type": event.event_type.value,
        "sub_event_type": event.sub_event_type.value,
        "disorder_type": DISORDER_TYPE[event.event_type],
        "actor1": _name(actors.actor1),
        "assoc_actor_1": [a.name for a in actors.assoc_actor_1],
        "actor2": _name(actors.actor2),
        "assoc_actor_2": [a.name for a in actors.assoc_actor_2],
        "inter1": _inter(actors.actor1),
        "inter2": _inter(actors.actor2),
        "interaction": interaction(actors.actor1.inter if actors.actor1 else None,
                                   actors.actor2.inter if actors.actor2 else None),
        "civilian_targeting": event.civilian_targeting,
        "country": loc.country if loc else None,
        "iso3": loc.iso3 if loc else None,
        "admin1": loc.admin1 if loc else None,
        "admin2": loc.admin2 if loc else None,
        "location": loc.location if loc else None,
        "latitude": loc.latitude if loc else None,
        "longitude": loc.longitude if loc else None,
        "geo_precision": int(loc.geo_precision) if loc else None,
        "geonameid": loc.geonameid if loc else None,
        "fatalities": killed.conservative,
        "fatalities_low": killed.low,
        "fatalities_best": killed.best,
        "fatalities_high": killed.high,
        "wounded_low": wounded.low,
        "wounded_best": wounded.best,
        "wounded_high": wounded.high,
        "claims": [
            {"kind": c.kind.value, "low": c.low, "high": c.high, "text": c.text, "claimed_by": c.claimed_by,
             "document": c.document_id, "start": c.start, "end": c.end}
            for c in event.claims
        ],
        "sources": list(event.sources),
        "informants": [{"name": i.name, "role": i.role} for i in event.informants],
        "documents": list(event.documents),
        "evidence": [_evidence(e) for e in event.evidence],
        "notes": event.notes,
        "confidence": event.confidence,
    }


def document_record(result: DocumentResult) -> dict[str, Any]:
    """The output contract's document object."""
    doc = result.document
    return {
        "id": doc.id,
        "url": doc.url,
        "outlet": doc.outlet,
        "title": doc.title,
        "published": doc.published.isoformat() if doc.published else None,
        "language": doc.language,
        "byline": doc.byline,
        "text": doc.text,
        "places": [
            {"text": p.text, "start": p.start, "end": p.end, "name": p.entry.name, "feature": p.entry.feature,
             "country": p.country, "admin1": p.admin1, "latitude": p.entry.latitude,
             "longitude": p.entry.longitude, "geonameid": p.entry.geonameid}
            for p in result.places
        ],
        "status": result.status.value,
        "error": result.error,
    }


def to_jsonl(rows: Iterable[dict[str, Any]]) -> str:
    """One JSON object a line."""
    return "".join(iter_jsonl(rows))


def acled_row(event: dict[str, Any]) -> dict[str, Any]:
    """One event record as a row of ACLED's 2023 column layout."""
    day = event.get("event_date") or ""
    return {
        "event_id_cnty": event["event_id"],
        "event_date": day,
        "year": day[:4],
        "time_precision": event.get("date_precision") or "",
        "disorder_type": event["disorder_type"],
        "event_type": event["event_type"],
        "sub_event_type": event["sub_event_type"],
        "actor1": event.get("actor1") or "",
        "assoc_actor_1": "; ".join(event.get("assoc_actor_1") or []),
        "inter1": event.get("inter1") or "",
        "actor2": event.get("actor2") or "",
        "assoc_actor_2": "; ".join(event.get("assoc_actor_2") or []),
        "inter2": event.get("inter2") or "",
        "interaction": event.get("interaction") or "",
        "civilian_targeting": "Civilian targeting" if event.get("civilian_targeting") else "",
        "iso": event.get("iso3") or "",
        "region": event.get("region") or "",
        "country": event.get("country") or "",
        "admin1": event.get("admin1") or "",
        "admin2": event.get("admin2") or "",
        "admin3": "",
        "location": event.get("location") or "",
        "latitude": "" if event.get("latitude") is None else event["latitude"],
        "longitude": "" if event.get("longitude") is None else event["longitude"],
        "geo_precision": event.get("geo_precision") or "",
        "source": "; ".join(event.get("sources") or []),
        "source_scale": "",
        "notes": event.get("notes") or "",
        "fatalities": event.get("fatalities") or 0,
        "tags": "",
        "timestamp": event.get("timestamp") or "",
    }


def iter_acled_csv(events: Iterable[dict[str, Any]]) -> Iterator[str]:
    """ACLED's CSV layout (2023 columns, in order), the header then one chunk per event."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for event in events:
        writer.writerow(acled_row(event))
        yield out.getvalue()
        out.seek(0)
        out.truncate()
    yield out.getvalue()


def to_acled_csv(events: Iterable[dict[str, Any]]) -> str:
    """ACLED's CSV layout (2023 columns, in order)."""
    return "".join(iter_acled_csv(events))


def geojson_feature(event: dict[str, Any]) -> dict[str, Any]:
    """One placed event as an RFC 7946 Point Feature (longitude first); the flat fields as properties."""
    return {
        "type": "Feature",
        "id": event["event_id"],
        "geometry": {"type": "Point", "coordinates": [event["longitude"], event["latitude"]]},
        "properties": {k: v for k, v in event.items() if k not in _NOT_PROPERTIES},
    }


_NOT_PROPERTIES = frozenset({"latitude", "longitude", "evidence", "claims"})


def iter_geojson(events: Iterable[dict[str, Any]]) -> Iterator[str]:
    """An RFC 7946 FeatureCollection of the placed events, in chunks; unplaced events are left out."""
    yield '{"type": "FeatureCollection", "features": ['
    separator = ""
    for event in events:
        if event.get("latitude") is None or event.get("longitude") is None:
            continue
        yield separator + json.dumps(geojson_feature(event), ensure_ascii=False)
        separator = ", "
    yield "]}"


def to_geojson(events: Iterable[dict[str, Any]]) -> str:
    """An RFC 7946 FeatureCollection of the placed events (longitude first)."""
    return "".join(iter_geojson(events))


def iter_jsonl(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """One JSON object a line, one chunk per line."""
    for row in rows:
        yield json.dumps(row, ensure_ascii=False) + "\n"
