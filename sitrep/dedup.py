"""Events of many documents -> one event per real-world event (cross-document merging).

Candidates lie in one country, within a date window and a reach in latitude (reports often
disagree on the type of one event, so a type clash only costs score). A pair is merged when its
score — place, date, type, actor and casualty-count agreement, the word-shingle similarity of
the evidence text and the names both evidence texts mention — passes a threshold; a dated report
without a place needs a higher score, as it cannot earn the place's share. Merging is the
connected components of the merged pairs, so the result does not depend on input order. The
merged event keeps every document, source, claim and evidence span; its counts are reconciled by
`sitrep.counts`, and its notes name the reports that disagree.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sitrep.counts import disputes, in_report_order, summarise_counts
from sitrep.events import describe, distance_km
from sitrep.records import ActorRef, ClaimKind, Event, EventActors, EventLocation, EventType, GeoPrecision

DATE_WINDOW_DAYS = 2
_WINDOW = range(-DATE_WINDOW_DAYS, DATE_WINDOW_DAYS + 1)
MERGE_SCORE = 1.0
UNPLACED_SCORE = 2.0  # two dated reports, one without a place, merge at this (no place score to earn)
TYPE_CLASH = -0.6  # two violent types; twice that when a protest or strategic development is involved
TELLING_TOLL = 2  # the least shared number killed (or wounded) that bridges a disagreement on the type
TYPE_UNBRIDGED = -10.0  # two types at a place less exact than a town, and different tolls, never merge
_VIOLENT = frozenset({EventType.BATTLES, EventType.EXPLOSIONS, EventType.VIOLENCE_AGAINST_CIVILIANS, EventType.RIOTS})
_FAR_KM = 180.0  # further apart than this, or in another country, two places never merge
_LAT_REACH = _FAR_KM / 111.19  # the same distance as degrees of latitude
COPY_SIMILARITY = 0.6  # reports without a place or date merge only when their evidence is this alike
_SHINGLE = 3
_WORD = re.compile(r"\w+")
_NAME = re.compile(r"(?<=[a-z,] )[A-Z][a-z]+(?: (?:(?:for|of|the) )?[A-Z][a-z]+)+")  # two or more capitalised words


@dataclass(frozen=True, slots=True)
class _Features:
    """What one event is compared on, computed once."""

    event: Event
    day: date | None
    shingles: frozenset[int]
    killed: int | None
    wounded: int | None
    actors: frozenset[str]
    names: frozenset[str]  # capitalised words inside the evidence sentences: people, streets, places


def merge_events(events: Iterable[Event], *, published: Mapping[str, date | None] | None = None) -> list[Event]:
    """One event per cluster of reports of the same event, ordered by date then id.

    `published` (document id -> publication date) names each merged event after its first
    published report, so a later report joining it leaves its id unchanged; without it, after the
    smallest report id."""
    merged = [combine(members, published=published) for members in cluster_events(events)]
    return sorted(merged, key=lambda e: (e.date.date or date.min, e.event_id))


def cluster_events(events: Iterable[Event]) -> list[list[Event]]:
    """The reports grouped by the event they report: connected components of the merged pairs,
    so the grouping does not depend on input order. Members are ordered by id."""
    features = sorted((_features(e) for e in events), key=lambda f: f.event.event_id)
    parent = list(range(len(features)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in _candidate_pairs(features):
        if find(i) != find(j) and same_event(features[i], features[j]):
            parent[max(find(i), find(j))] = min(find(i), find(j))
    clusters: dict[int, list[Event]] = defaultdict(list)
    for i, f in enumerate(features):
        clusters[find(i)].append(f.event)
    return list(clusters.values())


def _features(event: Event) -> _Features:
    words = [w.lower() for e in event.evidence for w in _WORD.findall(e.text)]
    shingles = frozenset(hash(" ".join(words[k : k + _SHINGLE])) for k in range(max(len(words) - _SHINGLE + 1, 0)))
    actors = frozenset(a.name for a in (event.actors.actor1, event.actors.actor2) if a and a.evidence)
    names = frozenset(m.group(0) for e in event.evidence for m in _NAME.finditer(e.text) if m.start() > 0)
    return _Features(
        event=event, day=event.date.date, shingles=shingles, actors=actors, names=names,
        killed=summarise_counts(event.claims, ClaimKind.KILLED).best,
        wounded=summarise_counts(event.claims, ClaimKind.WOUNDED).best,
    )


def _anchored(f: _Features) -> bool:
    return f.event.location is not None and f.day is not None


def _candidate_pairs(features: Sequence[_Features]) -> Iterable[tuple[int, int]]:
    """Every pair that could merge, each once: placed and dated reports of one country whose dates
    lie within the window and latitudes within reach (blocked by country and day, then swept by
    latitude); any other report against every report of its type in the window."""
    by_day: dict[tuple[str, date | None], list[int]] = defaultdict(list)
    placed: dict[tuple[str, date], list[int]] = defaultdict(list)
    for i, f in enumerate(features):
        by_day[(f.event.event_type.value, f.day)].append(i)
        if _anchored(f) and f.event.location and f.day:
            placed[(f.event.location.country, f.day)].append(i)
    for members in placed.values():
        members.sort(key=lambda i: _latitude(features[i]))
    for (country, day), members in placed.items():
        for delta in range(DATE_WINDOW_DAYS + 1):
            later = members if delta == 0 else placed.get((country, day + timedelta(days=delta)), [])
            yield from _within_reach(features, members, later, same=delta == 0)
    for i, f in enumerate(features):
        if _anchored(f):
            continue
        days: list[date | None] = [None] if f.day is None else [f.day + timedelta(days=d) for d in _WINDOW]
        for near in days:
            for j in by_day.get((f.event.event_type.value, near), []):
                if j != i and (j > i or _anchored(features[j])):
                    yield min(i, j), max(i, j)


def _latitude(f: _Features) -> float:
    return f.event.location.latitude if f.event.location else 0.0


def _within_reach(features: Sequence[_Features], left: Sequence[int], right: Sequence[int], *,
                  same: bool) -> Iterable[tuple[int, int]]:
    """Pairs of two latitude-sorted lists no further apart in latitude than a merge can span."""
    start = 0
    for n, a in enumerate(left):
        lat = _latitude(features[a])
        while start < len(right) and _latitude(features[right[start]]) < lat - _LAT_REACH:
            start += 1
        for b in right[n + 1 :] if same else right[start:]:
            if _latitude(features[b]) > lat + _LAT_REACH:
                break
            yield min(a, b), max(a, b)


def _place_score(a: EventLocation | None, b: EventLocation | None) -> float:
    if a is None or b is None:
        return 0.0
    if a.country != b.country:
        return -5.0
    distance = distance_km(a, b)
    reach = 30.0 if max(a.geo_precision, b.geo_precision) == 1 else 60.0
    if distance <= reach or (distance <= 2 * reach and a.admin2 is not None and a.admin2 == b.admin2):
        return 1.0  # a town and its suburb or neighbourhood, one county's seat and one of its villages
    return -0.5 if distance <= min(3 * reach, _FAR_KM) else -5.0


def _too_far(a: EventLocation | None, b: EventLocation | None) -> bool:
    return a is not None and b is not None and (a.country != b.country or distance_km(a, b) > _FAR_KM)


def _day_score(days: int) -> float:
    """The same day agrees; each day apart counts against."""
    return 0.5 if days == 0 else 0.2 - 0.4 * days


def _type_score(a: _Features, b: _Features) -> float:
    """Reports of one event often disagree on its type (a shooting told as a clash or a riot); only
    a shared exact place or the same toll bridges that, as a town or province sees events of
    several types a day."""
    x, y = a.event.event_type, b.event.event_type
    if x is y:
        return 0.0
    if not (_exact(a.event.location) and _exact(b.event.location)) and not _same_toll(a, b):
        return TYPE_UNBRIDGED
    return TYPE_CLASH if x in _VIOLENT and y in _VIOLENT else 2 * TYPE_CLASH


def _same_toll(a: _Features, b: _Features) -> bool:
    """Both reports give the same number killed, or the same number wounded, and it is telling: a
    lone death or injury is too common a toll to tie two reports together."""
    pairs = ((a.killed, b.killed), (a.wounded, b.wounded))
    return any(x is not None and x == y and x >= TELLING_TOLL for x, y in pairs)


def _exact(location: EventLocation | None) -> bool:
    return location is not None and location.geo_precision is GeoPrecision.PLACE


def _count_score(x: int | None, y: int | None) -> float:
    if x is None or y is None:
        return 0.0
    if x == y:
        return 0.5 if x else 0.2
    return -0.3 if min(x, y) and max(x, y) <= 2 * min(x, y) + 2 else -1.0


def _place_words(event: Event) -> list[str]:
    loc = event.location
    names = (loc.location, loc.admin1, loc.admin2, loc.country) if loc else ()
    return [w for n in names if n for w in _WORD.findall(n) if len(w) > 2]


def _shared_names(a: _Features, b: _Features) -> bool:
    """The two reports name the same person, street or building: a name of two or more words
    that is not about the event's place ("Syrian ...", "Deir ...") nor one of its actors' or
    sources' names (a monitor, a ministry)."""
    places = _place_words(a.event) + _place_words(b.event)
    quoted = " ".join([*(i.name for f in (a, b) for i in f.event.informants),
                       *(c.claimed_by or "" for f in (a, b) for c in f.event.claims),
                       *(r.name for f in (a, b) for r in (f.event.actors.actor1, f.event.actors.actor2) if r)])
    return any(name not in quoted and not any(w.startswith(p) for w in name.split() for p in places)
               for name in a.names & b.names)


def _similarity(a: frozenset[int], b: frozenset[int]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def pair_score(a: _Features, b: _Features) -> float:
    """Evidence that two reports describe one event; merged at MERGE_SCORE and above."""
    score = _place_score(a.event.location, b.event.location) + _type_score(a, b)
    if a.day and b.day:
        score += _day_score(abs((a.day - b.day).days))
    if a.actors and b.actors:  # shared actors say little when the reports disagree on what they did
        score += (0.3 if a.event.event_type is b.event.event_type else 0.0) if a.actors & b.actors else -0.3
    score += _count_score(a.killed, b.killed) + _count_score(a.wounded, b.wounded)
    score += 2.0 * _similarity(a.shingles, b.shingles)
    if _shared_names(a, b):
        score += 0.5
    return score


def same_event(a: _Features, b: _Features) -> bool:
    """Two reports of one event; never two events of one document (those were split on purpose).
    Reports with no place or no date merge when their evidence is nearly the same text, or, dated
    and of one type, on a score high enough without a place (see `_candidate_pairs`)."""
    if set(a.event.documents) & set(b.event.documents):
        return False
    if a.day and b.day and abs((a.day - b.day).days) > DATE_WINDOW_DAYS:
        return False  # what the blocking in _candidate_pairs relies on
    if not (_anchored(a) and _anchored(b)):
        return _similarity(a.shingles, b.shingles) >= COPY_SIMILARITY or _strong_unplaced(a, b)
    if _too_far(a.event.location, b.event.location):
        return False  # what the blocking in _candidate_pairs relies on
    return pair_score(a, b) >= MERGE_SCORE


def _strong_unplaced(a: _Features, b: _Features) -> bool:
    """Dated reports of one type, one of them without a place, that agree on enough else."""
    return (a.day is not None and b.day is not None and a.event.event_type is b.event.event_type
            and pair_score(a, b) >= UNPLACED_SCORE)


def _best_actor(refs: Sequence[ActorRef | None]) -> ActorRef | None:
    named = [r for r in refs if r is not None and r.evidence is not None]
    pool = named or [r for r in refs if r is not None]
    if not pool:
        return None
    counts = Counter(r.name for r in pool)
    return next(r for r in pool if counts[r.name] == max(counts.values()))


def _actors(members: Sequence[Event]) -> EventActors:
    first = members[0].actors
    return EventActors(
        actor1=_best_actor([m.actors.actor1 for m in members]),
        actor2=_best_actor([m.actors.actor2 for m in members]),
        assoc_actor_1=first.assoc_actor_1,
        assoc_actor_2=first.assoc_actor_2,
    )


def _location(ranked: Sequence[Event]) -> EventLocation | None:
    """The most precise place; among equals the one the reports' evidence names most often, then
    the most confident report's."""
    placed = [m.location for m in ranked if m.location is not None]
    told = " ".join(e.text for m in ranked for e in m.evidence)
    names = {loc.location for loc in placed}

    def named(name: str) -> int:  # "Oliver" inside "Mount Oliver" is not a mention of Oliver
        return told.count(name) - sum(told.count(longer) for longer in names if name in longer and name != longer)

    return min(placed, key=lambda loc: (int(loc.geo_precision), -named(loc.location))) if placed else None


def first_report(members: Sequence[Event], published: Mapping[str, date | None]) -> Event:
    """The report published first (by its document's date), the smallest id among equals."""
    def key(e: Event) -> tuple[date, str]:
        days = [d for d in (published.get(doc) for doc in e.documents) if d is not None]
        return (min(days) if days else date.max, e.event_id)
    return min(members, key=key)


def combine(members: Sequence[Event], *, published: Mapping[str, date | None] | None = None) -> Event:
    """One event from several reports of it, named after the first report: the most confident
    report's coding, the union of documents, sources, claims and evidence, and notes that name
    disputed counts."""
    if len(members) == 1:
        return members[0]
    ranked = sorted(members, key=lambda e: (-e.confidence, e.event_id))
    lead = ranked[0]
    days = Counter(m.date.date for m in members if m.date.date)
    common = max(days, key=lambda d: (days[d], d == lead.date.date, d)) if days else None
    when = next((m.date for m in ranked if m.date.date == common), lead.date)
    doubt = math.prod(1.0 - m.confidence for m in members)
    event = replace(
        lead,
        event_id=first_report(members, published or {}).event_id,
        date=when,
        actors=_actors(ranked),
        location=_location(ranked),
        claims=in_report_order(c for m in members for c in m.claims),
        informants=tuple(dict.fromkeys(i for m in members for i in m.informants)),
        sources=tuple(sorted({s for m in members for s in m.sources})),
        documents=tuple(sorted({d for m in members for d in m.documents})),
        evidence=tuple(sorted({e for m in members for e in m.evidence}, key=lambda e: (e.document_id, e.start))),
        confidence=round(min(0.99, 1.0 - doubt), 3),
        civilian_targeting=any(m.civilian_targeting for m in members),
    )
    return replace(event, notes=" ".join(filter(None, [describe(event), *disputes(event.claims)])))
