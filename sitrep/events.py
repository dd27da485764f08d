"""Coded mentions of one document -> events (ACLED's unit: same day, place, type and actors).

Mentions of one type on one day at one place are one event; a mention with no place joins an
event of its type and day when there is one. The heaviest mention gives the sub-type and actors.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sitrep.counts import summarise_counts
from sitrep.ids import stable_id
from sitrep.records import (
    ActorRef,
    ClaimKind,
    CodedMention,
    DateResolution,
    Document,
    Event,
    EventActors,
    EventLocation,
    EventType,
    Evidence,
    Informant,
    Inter,
)

_GroupKey = tuple[EventType, date | None, object]


def assemble_events(
    coded: Sequence[CodedMention], *, document: Document, informants: Sequence[Informant]
) -> tuple[Event, ...]:
    """One event per group of mentions that report the same thing in this document."""
    groups: dict[_GroupKey, list[CodedMention]] = {}
    for item in sorted(coded, key=lambda c: c.location is None):
        groups.setdefault(_key(item, groups), []).append(item)
    events = [_event(group, document=document, informants=informants) for group in groups.values()]
    return tuple(sorted(events, key=lambda e: e.evidence[0].start))


def _place_key(location: EventLocation | None) -> object:
    if location is None:
        return None
    return location.geonameid or (location.location, location.country)


def _key(item: CodedMention, groups: dict[_GroupKey, list[CodedMention]]) -> _GroupKey:
    kind, day = item.mention.event_type, item.date.date
    if item.location is None:
        for key in groups:
            if key[0] == kind and key[1] == day:
                return key
    return kind, day, _place_key(item.location)


def _primary(group: Sequence[CodedMention]) -> CodedMention:
    return max(group, key=lambda c: (c.weight, -c.mention.sentence.start))


def _named(ref: ActorRef | None) -> bool:
    return ref is not None and ref.evidence is not None


def _actors(group: Sequence[CodedMention], primary: CodedMention) -> EventActors:
    """The primary mention's actors, with unnamed sides filled from the group's other mentions."""
    actors = primary.actors
    others = [c.actors for c in group if c is not primary]
    if not _named(actors.actor1):
        named = next((a for a in others if _named(a.actor1) and a.actor1 != actors.actor2), None)
        if named is not None:
            actors = EventActors(actor1=named.actor1, actor2=actors.actor2 or named.actor2,
                                 assoc_actor_1=named.assoc_actor_1, assoc_actor_2=actors.assoc_actor_2)
    if not _named(actors.actor2):
        named = next((a for a in others if _named(a.actor2) and a.actor2 != actors.actor1), None)
        if named is not None:
            actors = EventActors(actor1=actors.actor1, actor2=named.actor2,
                                 assoc_actor_1=actors.assoc_actor_1, assoc_actor_2=named.assoc_actor_2)
    return actors


def _location(group: Sequence[CodedMention]) -> EventLocation | None:
    placed = [c.location for c in group if c.location is not None]
    return min(placed, key=lambda loc: int(loc.geo_precision)) if placed else None


def _date(group: Sequence[CodedMention]) -> DateResolution:
    return min((c.date for c in group), key=lambda d: (d.evidence is None, d.precision or 9))


def _evidence(group: Sequence[CodedMention], document_id: str) -> tuple[Evidence, ...]:
    spans = sorted({(c.mention.sentence.start, c.mention.sentence.end, c.mention.sentence.text) for c in group})
    return tuple(Evidence(document_id=document_id, start=s, end=e, text=t) for s, e, t in spans)


def _informants(group: Sequence[CodedMention], informants: Sequence[Informant]) -> tuple[Informant, ...]:
    """Informants quoted in the event's sentences or credited with one of its claims."""
    spans = [(c.mention.sentence.start, c.mention.sentence.end) for c in group]
    claimants = {c.claimed_by for m in group for c in m.claims if c.claimed_by}
    return tuple(
        i for i in informants
        if i.name in claimants
        or (i.evidence is not None and any(s <= i.evidence.start < e for s, e in spans))
    )


def _confidence(group: Sequence[CodedMention]) -> float:
    doubt = 1.0
    for item in group:
        doubt *= 1.0 - 0.5 * min(item.weight, 1.0)
    return round(min(0.99, max(0.05, 1.0 - doubt)), 3)


def _event(group: Sequence[CodedMention], *, document: Document, informants: Sequence[Informant]) -> Event:
    primary = _primary(group)
    actors = _actors(group, primary)
    location = _location(group)
    when = _date(group)
    claims = tuple(sorted({c for m in group for c in m.claims}, key=lambda c: c.start))
    mention = primary.mention
    victims = actors.actor2 is not None and actors.actor2.inter is Inter.CIVILIANS
    evidence = _evidence(group, document.id)
    event = Event(
        event_id=stable_id(document.id, mention.event_type.value, when.date, _place_key(location), prefix="ev-"),
        event_type=mention.event_type,
        sub_event_type=mention.sub_event_type,
        date=when,
        actors=actors,
        location=location,
        claims=claims,
        informants=_informants(group, informants),
        sources=(document.outlet,) if document.outlet else (),
        documents=(document.id,),
        evidence=evidence,
        notes="",
        confidence=_confidence(group),
        civilian_targeting=victims,
    )
    return _with_notes(event)


def _with_notes(event: Event) -> Event:
    from dataclasses import replace

    return replace(event, notes=describe(event))


def describe(event: Event) -> str:
    """ACLED-style notes: who did what where and when, and the reported toll with disputes."""
    when = event.date.date.isoformat() if event.date.date else "an unknown date"
    where = f" in {event.location.location} ({event.location.country})" if event.location else ""
    a1 = event.actors.actor1.name if event.actors.actor1 else "An unidentified actor"
    a2 = f" against {event.actors.actor2.name}" if event.actors.actor2 else ""
    text = f"On {when}, {a1}: {event.sub_event_type.value.lower()}{a2}{where}."
    killed = summarise_counts(event.claims, ClaimKind.KILLED)
    if killed.best is not None:
        text += f" {killed.conservative} reported fatalities"
        if killed.low != killed.high:
            text += f" (reports range from {killed.low} to {killed.high})"
        text += "."
    return text
