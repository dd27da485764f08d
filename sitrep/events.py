"""Coded mentions of one document -> events (ACLED's unit: same day, place, type and actors).

A mention joins a group of its type unless the dates or places its own sentence states clash
with a member's; a bare casualty sentence right after a stronger mention is that event's toll;
groups told only in generic words fold into a fitting specific event. The heaviest mention gives
the sub-type and actors. Background incidents and side strategic developments are left out.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from sitrep.counts import in_report_order, summarise_counts
from sitrep.ids import stable_id
from sitrep.mentions import GENERIC_WEIGHT
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
    GeoPrecision,
    Informant,
    Inter,
)

_NEAR_KM = 30.0
CONSEQUENCE_WEIGHT = 0.5  # mention weight of a bare casualty report ("were killed")
BACKGROUND_DAYS = 60  # an incident this much older than its report is background
_PAST_YEAR = re.compile(r"\b(?:since|in|early|late|mid-?|until|during|of|by)\s+((?:19|20)\d\d)\b", re.IGNORECASE)


def assemble_events(
    coded: Sequence[CodedMention], *, document: Document, informants: Sequence[Informant]
) -> tuple[Event, ...]:
    """One event per group of mentions that report the same thing in this document."""
    groups = _group(sorted(coded, key=lambda c: c.mention.sentence.start), text=document.text)
    events = [_event(group, document=document, informants=informants) for group in groups]
    return tuple(sorted(_reportable(events, published=document.published), key=lambda e: e.evidence[0].start))


def _group(ordered: Sequence[CodedMention], *, text: str) -> list[list[CodedMention]]:
    """Mentions in text order into groups: a weak casualty mention right after a stronger one is
    that event's toll; any other joins the first group it is compatible with."""
    groups: list[list[CodedMention]] = []
    previous: list[CodedMention] | None = None
    for item in ordered:
        if previous is not None and _is_consequence(item, of=previous[-1], text=text):
            home: list[CodedMention] | None = previous
        else:
            home = next((g for g in groups if _joins(item, g)), None)
        if home is None:
            home = []
            groups.append(home)
        home.append(item)
        previous = home
    return _fold_generic(groups)


def _strength(group: Sequence[CodedMention]) -> float:
    return max(c.mention.weight for c in group)


def _fold_generic(groups: list[list[CodedMention]]) -> list[list[CodedMention]]:
    """A group told only in generic words ("killed", "attack", "fighting") that fits the day and
    place of a specifically reported violent event is a retelling of it."""
    strong = [g for g in groups if _strength(g) >= GENERIC_WEIGHT
              and g[0].mention.event_type is not EventType.STRATEGIC_DEVELOPMENTS]
    kept = []
    for group in groups:
        if _strength(group) >= GENERIC_WEIGHT:
            kept.append(group)
            continue
        host = max((g for g in strong if _fits(group, g)), key=_strength, default=None)
        if host is None:
            kept.append(group)
        else:
            host.extend(group)
    return kept


def _fits(group: Sequence[CodedMention], host: Sequence[CodedMention]) -> bool:
    """No clash of stated dates or places between a group and a possible host."""
    return all(consistent(a, b) for a in group for b in host)


def _is_consequence(item: CodedMention, *, of: CodedMention, text: str) -> bool:
    """'Mortars hit the base. Thirty soldiers were killed.': the second sentence is the toll."""
    if item.mention.weight > CONSEQUENCE_WEIGHT or of.mention.weight <= item.mention.weight:
        return False
    gap = text[of.mention.sentence.end : item.mention.sentence.start]
    return of.mention.sentence.start == item.mention.sentence.start or (
        len(gap) <= 3 and "\n\n" not in gap and not _places_differ(_stated_place(item), _stated_place(of)))


def _reportable(events: Sequence[Event], *, published: date | None) -> list[Event]:
    """ACLED's scope within one report: background incidents long before the report and strategic
    developments told beside violence are left out, unless nothing else is reported."""
    if not events:
        return []
    current = [e for e in events if not _background(e, published)] or list(events)
    violent = [e for e in current if e.event_type is not EventType.STRATEGIC_DEVELOPMENTS]
    return violent or current


def _background(event: Event, published: date | None) -> bool:
    """Long before the report: dated so, or told only in sentences set in an earlier year
    ("the war began in 2011 when ...")."""
    day = event.date.date
    if day and published and (published - day).days > BACKGROUND_DAYS:
        return True
    return published is not None and all(_earlier_year(e.text, published) for e in event.evidence)


def _earlier_year(sentence: str, published: date) -> bool:
    years = [int(m.group(1)) for m in _PAST_YEAR.finditer(sentence)]
    return bool(years) and max(years) < published.year


def _inside(evidence: Evidence | None, start: int, end: int) -> bool:
    """The evidence begins within the span [start, end)."""
    return evidence is not None and start <= evidence.start < end


def _stated_date(item: CodedMention) -> date | None:
    """The date the mention's own sentence states (not one carried from elsewhere)."""
    sentence = item.mention.sentence
    return item.date.date if _inside(item.date.evidence, sentence.start, sentence.end) else None


def _stated_place(item: CodedMention) -> EventLocation | None:
    """The place the mention's own sentence names (not one inherited from elsewhere)."""
    location, sentence = item.location, item.mention.sentence
    if location is None or not _inside(location.evidence, sentence.start, sentence.end):
        return None
    return location


def distance_km(a: EventLocation, b: EventLocation) -> float:
    """Great-circle distance between two event locations."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _places_differ(a: EventLocation | None, b: EventLocation | None) -> bool:
    if a is None or b is None:
        return False
    if a.country != b.country:
        return True
    precise = a.geo_precision is GeoPrecision.PLACE and b.geo_precision is GeoPrecision.PLACE
    if precise:
        return distance_km(a, b) > _NEAR_KM
    return bool(a.admin1 and b.admin1 and a.admin1 != b.admin1)


def _joins(item: CodedMention, group: Sequence[CodedMention]) -> bool:
    """A mention joins a group of its own event type when it agrees with every member."""
    return item.mention.event_type is group[0].mention.event_type and all(consistent(item, g) for g in group)


def consistent(a: CodedMention, b: CodedMention) -> bool:
    """Could two mentions of one document report the same event: no clash of stated dates and no
    clash of places (ACLED splits events on time, place and type)."""
    day_a, day_b = _stated_date(a), _stated_date(b)
    if day_a and day_b and day_a != day_b:
        return False
    if a.date.date and b.date.date and abs((a.date.date - b.date.date).days) > 7:
        return False
    return not _places_differ(_stated_place(a), _stated_place(b))


def _place_key(location: EventLocation | None) -> object:
    if location is None:
        return None
    return location.geonameid or (location.location, location.country)


def _primary(group: Sequence[CodedMention]) -> CodedMention:
    return max(group, key=lambda c: (c.mention.weight, -c.mention.sentence.start))


def _named(ref: ActorRef | None) -> bool:
    return ref is not None and ref.evidence is not None


def _name(ref: ActorRef | None) -> str | None:
    return ref.name if ref else None


def _actors(group: Sequence[CodedMention], primary: CodedMention) -> EventActors:
    """The primary mention's actors, with unnamed sides filled from the group's other mentions."""
    actors = primary.actors
    others = [c.actors for c in group if c is not primary]
    if not _named(actors.actor1):
        named = next((a for a in others if _named(a.actor1) and _name(a.actor1) != _name(actors.actor2)), None)
        if named is not None:
            actors = EventActors(actor1=named.actor1, actor2=actors.actor2 or named.actor2,
                                 assoc_actor_1=named.assoc_actor_1, assoc_actor_2=actors.assoc_actor_2)
    if not _named(actors.actor2):
        named = next((a for a in others if _named(a.actor2) and _name(a.actor2) != _name(actors.actor1)), None)
        if named is not None:
            actors = EventActors(actor1=actors.actor1, actor2=named.actor2,
                                 assoc_actor_1=actors.assoc_actor_1, assoc_actor_2=named.assoc_actor_2)
    return actors


def _location(group: Sequence[CodedMention]) -> EventLocation | None:
    """The most precise place, the earliest mentioned among equals."""
    placed = [c.location for c in group if c.location is not None]
    return min(placed, key=lambda loc: int(loc.geo_precision)) if placed else None


def _date(group: Sequence[CodedMention]) -> DateResolution:
    """A date stated by one of the group's own sentences, else the group's first date."""
    stated = [c.date for c in group if _stated_date(c) is not None]
    return min(stated or [c.date for c in group], key=lambda d: d.precision or 9)


def _evidence(group: Sequence[CodedMention], document_id: str) -> tuple[Evidence, ...]:
    spans = sorted({(m.sentence.start, m.sentence.end, m.sentence.text) for m in (c.mention for c in group)})
    return tuple(Evidence(document_id=document_id, start=s, end=e, text=t) for s, e, t in spans)


def _informants(group: Sequence[CodedMention], informants: Sequence[Informant]) -> tuple[Informant, ...]:
    """Informants quoted in the event's sentences or credited with one of its claims."""
    spans = [(c.mention.sentence.start, c.mention.sentence.end) for c in group]
    claimants = {c.claimed_by for m in group for c in m.claims if c.claimed_by}
    return tuple(
        i for i in informants
        if i.name in claimants
        or any(_inside(i.evidence, s, e) for s, e in spans)
    )


def _confidence(group: Sequence[CodedMention]) -> float:
    doubt = 1.0
    for item in group:
        doubt *= 1.0 - 0.5 * min(item.mention.weight, 1.0)
    return round(min(0.99, max(0.05, 1.0 - doubt)), 3)


def _event(group: Sequence[CodedMention], *, document: Document, informants: Sequence[Informant]) -> Event:
    primary = _primary(group)
    actors = _actors(group, primary)
    location = _location(group)
    when = _date(group)
    claims = in_report_order(c for m in group for c in m.claims)
    mention = primary.mention
    victims = actors.actor2 is not None and actors.actor2.inter is Inter.CIVILIANS
    evidence = _evidence(group, document.id)
    event = Event(
        event_id=stable_id(document.id, mention.event_type.value, when.date, _place_key(location),
                           evidence[0].start, prefix="ev-"),
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
