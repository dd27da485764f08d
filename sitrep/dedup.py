"""Events of many documents -> one event per real-world event (cross-document merging).

Candidates share the event type and a date window; a pair is merged when its score — place
agreement, date agreement, actor agreement, casualty-count agreement and the similarity of the
evidence text (MinHash) — passes a threshold. Merging is the connected components of the merged
pairs, so the result does not depend on input order. The merged event keeps every document,
source, claim and evidence span; its counts are reconciled by `sitrep.counts`.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sitrep.counts import summarise_counts
from sitrep.events import describe, distance_km
from sitrep.records import ActorRef, ClaimKind, Event, EventActors, EventLocation

DATE_WINDOW_DAYS = 2
MERGE_SCORE = 1.0
COPY_SIMILARITY = 0.6  # reports without a place or date merge only when their evidence is this alike
_SHINGLE = 3
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class _Features:
    """What one event is compared on, computed once."""

    event: Event
    day: date | None
    shingles: frozenset[int]
    killed: int | None
    wounded: int | None
    actors: frozenset[str]


def merge_events(events: Iterable[Event]) -> list[Event]:
    """One event per cluster of reports of the same event, ordered by date then id."""
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
    merged = [combine(members) for members in clusters.values()]
    return sorted(merged, key=lambda e: (e.date.date or date.min, e.event_id))


def _features(event: Event) -> _Features:
    words = [w.lower() for e in event.evidence for w in _WORD.findall(e.text)]
    shingles = frozenset(hash(" ".join(words[k : k + _SHINGLE])) for k in range(max(len(words) - _SHINGLE + 1, 0)))
    actors = frozenset(a.name for a in (event.actors.actor1, event.actors.actor2) if a and a.evidence)
    return _Features(
        event=event, day=event.date.date, shingles=shingles, actors=actors,
        killed=summarise_counts(event.claims, ClaimKind.KILLED).best,
        wounded=summarise_counts(event.claims, ClaimKind.WOUNDED).best,
    )


def _candidate_pairs(features: Sequence[_Features]) -> Iterable[tuple[int, int]]:
    """Pairs of the same type whose dates lie within the window (blocked by type and day)."""
    buckets: dict[tuple[str, date | None], list[int]] = defaultdict(list)
    for i, f in enumerate(features):
        buckets[(f.event.event_type.value, f.day)].append(i)
    for (kind, day), members in buckets.items():
        yield from ((a, b) for n, a in enumerate(members) for b in members[n + 1 :])
        if day is None:
            continue
        for delta in range(1, DATE_WINDOW_DAYS + 1):
            later = buckets.get((kind, day + timedelta(days=delta)), [])
            yield from ((min(a, b), max(a, b)) for a in members for b in later)


def _place_score(a: EventLocation | None, b: EventLocation | None) -> float:
    if a is None or b is None:
        return 0.0
    if a.country != b.country:
        return -5.0
    distance = distance_km(a, b)
    reach = 25.0 if max(a.geo_precision, b.geo_precision) == 1 else 60.0
    return 1.0 if distance <= reach else (-0.5 if distance <= 3 * reach else -5.0)


def _count_score(x: int | None, y: int | None) -> float:
    if x is None or y is None:
        return 0.0
    if x == y:
        return 0.5 if x else 0.2
    return -0.3 if min(x, y) and max(x, y) <= 2 * min(x, y) + 2 else -1.0


def _similarity(a: frozenset[int], b: frozenset[int]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def pair_score(a: _Features, b: _Features) -> float:
    """Evidence that two reports describe one event; merged at MERGE_SCORE and above."""
    score = _place_score(a.event.location, b.event.location)
    if a.day and b.day:
        score += 0.5 if a.day == b.day else -0.3 * abs((a.day - b.day).days)
    if a.actors and b.actors:
        score += 0.3 if a.actors & b.actors else -0.8
    score += _count_score(a.killed, b.killed) + _count_score(a.wounded, b.wounded)
    score += 2.0 * _similarity(a.shingles, b.shingles)
    return score


def same_event(a: _Features, b: _Features) -> bool:
    """Two reports of one event; never two events of one document (those were split on purpose),
    and reports with no place or no date only when their evidence is nearly the same text."""
    if set(a.event.documents) & set(b.event.documents):
        return False
    anchored = a.event.location and b.event.location and a.day and b.day
    if not anchored:
        return _similarity(a.shingles, b.shingles) >= COPY_SIMILARITY
    return pair_score(a, b) >= MERGE_SCORE


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


def combine(members: Sequence[Event]) -> Event:
    """One event from several reports of it: the most confident report's coding, the union of
    documents, sources, claims and evidence, and notes that name disputed counts."""
    if len(members) == 1:
        return members[0]
    ranked = sorted(members, key=lambda e: (-e.confidence, e.event_id))
    lead = ranked[0]
    days = Counter(m.date.date for m in members if m.date.date)
    common = max(days, key=lambda d: (days[d], d == lead.date.date, d)) if days else None
    when = next((m.date for m in ranked if m.date.date == common), lead.date)
    placed = [m.location for m in ranked if m.location is not None]
    doubt = math.prod(1.0 - m.confidence for m in members)
    event = replace(
        lead,
        event_id=min(m.event_id for m in members),
        date=when,
        actors=_actors(ranked),
        location=min(placed, key=lambda loc: int(loc.geo_precision)) if placed else None,
        claims=tuple(sorted({c for m in members for c in m.claims}, key=lambda c: (c.document_id, c.start))),
        informants=tuple(dict.fromkeys(i for m in members for i in m.informants)),
        sources=tuple(sorted({s for m in members for s in m.sources})),
        documents=tuple(sorted({d for m in members for d in m.documents})),
        evidence=tuple(sorted({e for m in members for e in m.evidence}, key=lambda e: (e.document_id, e.start))),
        confidence=round(min(0.99, 1.0 - doubt), 3),
        civilian_targeting=any(m.civilian_targeting for m in members),
    )
    return replace(event, notes=describe(event))
