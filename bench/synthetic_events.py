"""Synthetic reports of synthetic incidents, for the merge and store benchmarks.

Each incident (a date, a place in one of 30 countries, a type, a toll) is reported by one to four
documents; a report may date it a day later, place it a few kilometres off, miss its toll, and
words its sentence in its own way around the incident's distinctive words.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from sitrep.records import (
    EVENT_TYPE_OF,
    ActorRef,
    Claim,
    ClaimKind,
    DateResolution,
    Event,
    EventActors,
    EventLocation,
    Evidence,
    GeoPrecision,
    Inter,
    SubEventType,
    TimePrecision,
)

_WORDS = ("market", "checkpoint", "convoy", "village", "road", "bridge", "school", "clinic", "mosque",
          "church", "base", "camp", "station", "farm", "river", "hill", "district", "border", "square",
          "bus", "truck", "patrol", "night", "morning", "gunmen", "soldiers", "police", "rebels", "militia",
          "residents", "witnesses", "officials")
_SUBTYPES = (SubEventType.ARMED_CLASH, SubEventType.ATTACK, SubEventType.SHELLING, SubEventType.AIR_DRONE_STRIKE,
             SubEventType.PEACEFUL_PROTEST, SubEventType.ARRESTS)


@dataclass(frozen=True, slots=True)
class Incident:
    """What really happened, which the reports retell."""

    key: int
    day: date
    country: str
    latitude: float
    longitude: float
    sub: SubEventType
    killed: int
    words: tuple[str, ...]


def incidents(count: int, rng: random.Random) -> list[Incident]:
    """`count` incidents over two years in 30 countries."""
    centres = [(f"Country {n}", rng.uniform(-30, 50), rng.uniform(-20, 100)) for n in range(30)]
    out = []
    for key in range(count):
        country, lat, lon = rng.choice(centres)
        out.append(Incident(
            key=key, day=date(2024, 1, 1) + timedelta(days=rng.randrange(730)), country=country,
            latitude=lat + rng.uniform(-4, 4), longitude=lon + rng.uniform(-4, 4), sub=rng.choice(_SUBTYPES),
            killed=rng.choice((0, 0, 1, 2, 3, 5, 12)), words=(*rng.sample(_WORDS, 6), f"name{key}"),
        ))
    return out


def report(incident: Incident, document_id: str, rng: random.Random) -> Event:
    """One document's report of the incident, with its own small errors and wording."""
    words = list(incident.words) + rng.sample(_WORDS, 4)
    rng.shuffle(words)
    text = " ".join(words[:5]) + f" killed {incident.killed} " + " ".join(words[5:]) + "."
    evidence = Evidence(document_id=document_id, start=0, end=len(text), text=text)
    place = EventLocation(
        location=f"Town {incident.key % 997}", country=incident.country, iso3="XXX", admin1=None, admin2=None,
        latitude=incident.latitude + rng.uniform(-0.05, 0.05), longitude=incident.longitude + rng.uniform(-0.05, 0.05),
        geo_precision=GeoPrecision.PLACE)
    day = incident.day + timedelta(days=rng.random() < 0.2)
    claims = () if incident.killed == 0 or rng.random() < 0.3 else (
        Claim(kind=ClaimKind.KILLED, low=incident.killed, high=incident.killed, text=f"killed {incident.killed}",
              document_id=document_id, start=0, end=1),)
    return Event(
        event_id=f"ev-{document_id}", event_type=EVENT_TYPE_OF[incident.sub], sub_event_type=incident.sub,
        date=DateResolution(date=day, precision=TimePrecision.DAY), location=place, claims=claims,
        actors=EventActors(actor1=ActorRef(name="Unidentified Armed Group", inter=Inter.POLITICAL_MILITIAS,
                                           evidence=evidence), actor2=None),
        informants=(), sources=("Synthetic Wire",), documents=(document_id,), evidence=(evidence,), notes="",
        confidence=round(rng.uniform(0.3, 0.95), 3),
    )


def reports(count: int, *, seed: int = 7) -> tuple[list[Event], dict[str, int]]:
    """`count` reports of incidents told 2.5 times on average, and the incident each report tells."""
    rng = random.Random(seed)
    made: list[Event] = []
    truth: dict[str, int] = {}
    for incident in incidents(count // 2 + 1, rng):
        for _ in range(rng.choice((1, 1, 2, 3, 4, 4))):
            if len(made) == count:
                return made, truth
            doc = f"d{len(made):06d}"
            made.append(report(incident, doc, rng))
            truth[doc] = incident.key
    return made, truth
