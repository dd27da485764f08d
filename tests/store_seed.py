"""Databases for the API, dashboard and benchmark: the examples run through the real pipeline, or
many synthetic events saved through the Store (for speed measurements)."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sitrep.batch import run_batch
from sitrep.export import event_record
from sitrep.pipeline import Resources
from sitrep.records import (
    EVENT_TYPE_OF,
    ActorRef,
    Claim,
    ClaimKind,
    DateResolution,
    Document,
    DocumentResult,
    Event,
    EventActors,
    EventLocation,
    Evidence,
    GeoPrecision,
    Inter,
    Status,
    SubEventType,
    TimePrecision,
)
from sitrep.settings import load_settings
from sitrep.sources import read_inputs
from sitrep.store import Store, open_store, tables

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

PLACES = (
    ("Aleppo", "Syria", "Aleppo", 36.20, 37.16), ("Kharkiv", "Ukraine", "Kharkivska", 49.99, 36.23),
    ("Maiduguri", "Nigeria", "Borno", 11.85, 13.16), ("Mogadishu", "Somalia", "Banaadir", 2.04, 45.34),
    ("Goma", "Democratic Republic of the Congo", "Nord Kivu", -1.67, 29.23),
    ("Mopti", "Mali", "Mopti", 14.49, -4.20), ("Kandahar", "Afghanistan", "Kandahar", 31.61, 65.71),
    ("Khartoum", "Sudan", "Khartoum", 15.55, 32.53), ("Mosul", "Iraq", "Ninawa", 36.34, 43.13),
    ("Quetta", "Pakistan", "Balochistan", 30.18, 66.99),
)
SUB_TYPES = tuple(SubEventType)
ACTORS = (
    ("Northern Hill Brigade", Inter.REBEL_GROUPS), ("River Valley Militia", Inter.IDENTITY_MILITIAS),
    ("Coastal Defence Forces", Inter.STATE_FORCES), ("Unidentified Armed Group", Inter.POLITICAL_MILITIAS),
    ("Civilians", Inter.CIVILIANS), ("Protesters", Inter.PROTESTERS),
)


def seed_examples(db: str, resources: Resources) -> Store:
    """The repository's examples/ run through the real pipeline into the database at `db`."""
    settings = load_settings(db=db)
    store = open_store(db)
    inputs = read_inputs([str(EXAMPLES)], max_bytes=settings.max_bytes)
    run_batch(inputs, settings=settings, resources=resources, store=store)
    return store


def _event(doc_id: str, n: int, *, at: int, rng: random.Random) -> tuple[str, Event]:
    """One synthetic one-sentence report starting at offset `at` of its document, and its event."""
    sub = rng.choice(SUB_TYPES)
    place, country, admin1, lat, lon = rng.choice(PLACES)
    (a1, i1), (a2, i2) = rng.sample(ACTORS, 2)
    killed = int(rng.expovariate(0.3)) if rng.random() < 0.6 else 0
    said = f"killing {killed} people"
    sentence = f"{a1} clashed with {a2} near {place} in report {n}, {said}, officials said."
    claim_at = at + sentence.index(said)
    return sentence + " ", Event(
        event_id=f"syn-{doc_id}-{n}", event_type=EVENT_TYPE_OF[sub], sub_event_type=sub,
        date=DateResolution(date=date(2023, 1, 1) + timedelta(days=rng.randrange(730)), precision=TimePrecision.DAY),
        actors=EventActors(actor1=ActorRef(name=a1, inter=i1), actor2=ActorRef(name=a2, inter=i2)),
        location=EventLocation(location=place, country=country, iso3="", admin1=admin1, admin2=None,
                               latitude=lat + rng.uniform(-1, 1), longitude=lon + rng.uniform(-1, 1),
                               geo_precision=GeoPrecision.PLACE),
        claims=(Claim(kind=ClaimKind.KILLED, low=killed, high=killed, text=said, document_id=doc_id,
                      start=claim_at, end=claim_at + len(said), claimed_by="officials"),),
        informants=(), sources=("Synthetic Wire",), documents=(doc_id,),
        evidence=(Evidence(document_id=doc_id, start=at, end=at + len(sentence), text=sentence),),
        notes=sentence, confidence=0.5,
    )


def synthetic_document(doc_id: str, events: int, rng: random.Random) -> DocumentResult:
    """A document of `events` one-sentence reports, each an event with its evidence and claim spans."""
    text, made = "", []
    for n in range(events):
        sentence, event = _event(doc_id, n, at=len(text), rng=rng)
        text += sentence
        made.append(event)
    document = Document(id=doc_id, text=text, outlet="Synthetic Wire", title=f"Synthetic report {doc_id}",
                        published=date(2025, 1, 1), language="en")
    return DocumentResult(document=document, status=Status.OK, events=tuple(made))


def seed_synthetic(db: str, events: int, *, per_document: int = 100, seed: int = 7) -> Store:
    """`events` synthetic events over documents of `per_document` each. Documents go through
    `Store.save`; their events are then bulk-inserted in one transaction, since saving them one
    statement at a time takes minutes for 100,000 (the rows are the ones `Store.save` writes)."""
    rng = random.Random(seed)
    store = open_store(db)
    results = [synthetic_document(f"syn{d // per_document:05d}", min(per_document, events - d), rng)
               for d in range(0, events, per_document)]
    for result in results:
        store.save(DocumentResult(document=result.document, status=result.status))
    records = [event_record(e) for r in results for e in r.events]
    with store.engine.begin() as conn:
        conn.execute(tables.events.insert(), [_event_row(r) for r in records])
        conn.execute(tables.event_documents.insert(),
                     [{"event_id": r["event_id"], "document_id": d} for r in records for d in r["documents"]])
        conn.execute(tables.claims.insert(), [
            {"event_id": r["event_id"], "seq": n, "kind": c["kind"], "low": c["low"], "high": c["high"],
             "claimed_by": c["claimed_by"], "document_id": c["document"], "start": c["start"], "end": c["end"],
             "text": c["text"]} for r in records for n, c in enumerate(r["claims"])])
        conn.execute(tables.evidence.insert(), [
            {"event_id": r["event_id"], "seq": n, "document_id": e["document"], "start": e["start"],
             "end": e["end"], "text": e["text"]} for r in records for n, e in enumerate(r["evidence"])])
    return store


_EVENT_COLUMNS = ("event_id", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1", "location",
                  "latitude", "longitude", "fatalities", "notes")


def _event_row(record: dict[str, Any]) -> dict[str, Any]:
    day = record["event_date"]
    return {**{c: record[c] for c in _EVENT_COLUMNS}, "event_date": date.fromisoformat(day) if day else None,
            "record": json.dumps(record, ensure_ascii=False)}
