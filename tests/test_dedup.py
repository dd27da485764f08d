from __future__ import annotations

import itertools
import random
from dataclasses import replace
from datetime import date

from sitrep.dedup import COPY_SIMILARITY, _features, _similarity, cluster_events, merge_events, same_event
from sitrep.export import event_record
from sitrep.records import Event, EventLocation, GeoPrecision, SubEventType
from tests.records_factory import document_result

ALEPPO = EventLocation(location="Aleppo", country="Syria", iso3="SYR", admin1="Aleppo", admin2=None,
                       latitude=36.2, longitude=37.16, geo_precision=GeoPrecision.PLACE, geonameid=170063)


def _event(doc: str, **kwargs: object):  # type: ignore[no-untyped-def]
    return document_result(doc, **kwargs).events[0]


def test_dedup_reports_of_one_event_in_two_documents_become_one() -> None:
    (merged,) = merge_events([_event("a", killed=4), _event("b", killed=5)])
    assert merged.documents == ("a", "b")
    record = event_record(merged)
    assert (record["fatalities"], record["fatalities_low"], record["fatalities_high"]) == (4, 4, 5)
    assert "reports range from 4 to 5" in merged.notes


def test_dedup_keeps_events_apart_by_place_and_document() -> None:
    elsewhere = replace(_event("b"), location=ALEPPO)
    assert len(merge_events([_event("a"), elsewhere])) == 2
    first = _event("a")
    assert len(merge_events([first, replace(first, event_id="ev-other")])) == 2


def test_dedup_result_does_not_depend_on_input_order() -> None:
    events = [_event("a", killed=4), _event("b", killed=4), _event("c", killed=4),
              replace(_event("d"), location=ALEPPO)]
    results = {tuple((e.event_id, e.documents) for e in merge_events(list(order)))
               for order in itertools.permutations(events)}
    assert len(results) == 1


def _told(event: Event, text: str) -> Event:
    """The event with its evidence replaced by one sentence."""
    return replace(event, evidence=(replace(event.evidence[0], text=text),))


def test_dedup_reports_without_place_or_date_merge_only_as_copies() -> None:
    unplaced = [replace(_event(doc), location=None) for doc in ("a", "b")]
    assert len(merge_events(unplaced)) == 1  # the same sentence: a syndicated copy
    other = _told(unplaced[1], "Police arrested two men.")
    assert len(merge_events([unplaced[0], other])) == 2
    undated = replace(other, date=replace(other.date, date=None))
    assert len(merge_events([unplaced[0], undated])) == 2


def test_dedup_a_dated_report_without_a_place_merges_on_strong_evidence() -> None:
    placed = _told(_event("a"), "Four people were killed at the market on Friday, said Omar Haddad, a trader.")
    unplaced = _told(replace(_event("b"), location=None),
                     "Four people were killed at the market on Friday, Omar Haddad told reporters.")
    assert _similarity(_features(placed).shingles, _features(unplaced).shingles) < COPY_SIMILARITY
    assert len(merge_events([placed, unplaced])) == 1  # same day, type, actors, toll, witness and words
    other_toll = _told(replace(_event("c", killed=9), location=None), "Nine people died in an attack.")
    assert len(merge_events([placed, other_toll])) == 2


def test_dedup_places_in_one_district_a_little_apart_are_one_place() -> None:
    def at(doc: str, lat: float, district: str) -> Event:
        event = _told(_event(doc, killed=None), f"Report {doc}: shelling hit the area.")
        assert event.location is not None
        return replace(event, location=replace(event.location, latitude=lat, admin2=district))

    assert len(merge_events([at("a", 34.73, "Homs District"), at("b", 35.13, "Homs District")])) == 1
    assert len(merge_events([at("a", 34.73, "Homs District"), at("b", 35.13, "Hama District")])) == 2


def test_dedup_the_same_toll_bridges_a_type_clash_at_an_inexact_place() -> None:
    def region(event: Event) -> Event:
        assert event.location is not None
        return replace(event, location=replace(event.location, geo_precision=GeoPrecision.REGION))

    shelling = region(_event("a", killed=4))
    assert len(merge_events([shelling, region(_event("b", sub=SubEventType.ARMED_CLASH, killed=4))])) == 1
    assert len(merge_events([shelling, region(_event("b", sub=SubEventType.ARMED_CLASH, killed=9))])) == 2
    lone_death = region(_event("a", killed=1))  # too common a toll to tell two reports are one
    assert len(merge_events([lone_death, region(_event("b", sub=SubEventType.ARMED_CLASH, killed=1))])) == 2


def _placed(doc: str, *, lat: float, day: int, kind: SubEventType = SubEventType.SHELLING) -> Event:
    event = _event(doc, day=date(2021, 3, day), sub=kind)
    assert event.location is not None
    return replace(event, location=replace(event.location, latitude=lat, longitude=36.7))


def test_dedup_blocking_finds_every_pair_a_full_comparison_finds() -> None:
    rng = random.Random(3)
    events = [_placed(f"d{n:02d}", lat=34.0 + rng.uniform(0, 4), day=rng.randrange(1, 12),
                      kind=rng.choice((SubEventType.SHELLING, SubEventType.ARMED_CLASH))) for n in range(60)]
    events += [replace(_event(f"u{n}"), location=None) for n in range(3)]
    features = [_features(e) for e in sorted(events, key=lambda e: e.event_id)]
    parent = list(range(len(features)))

    def find(i: int) -> int:
        return i if parent[i] == i else find(parent[i])

    for i, j in itertools.combinations(range(len(features)), 2):
        if same_event(features[i], features[j]):
            parent[find(j)] = find(i)
    expected = {frozenset(f.event.event_id for k, f in enumerate(features) if find(k) == root)
                for root in {find(k) for k in range(len(features))}}
    assert {frozenset(e.event_id for e in c) for c in cluster_events(events)} == expected


def test_dedup_a_type_clash_costs_but_does_not_forbid_a_merge() -> None:
    clash = _event("b", sub=SubEventType.ARMED_CLASH, killed=4)
    assert clash.event_type is not _event("a").event_type
    assert len(merge_events([_event("a", killed=4), clash])) == 1
    far_day = _event("c", sub=SubEventType.ARMED_CLASH, killed=9, day=date(2021, 3, 7))
    far_day = replace(far_day, evidence=(replace(far_day.evidence[0], text="Fighting went on near a bridge."),))
    assert len(merge_events([_event("a", killed=4), far_day])) == 2


def test_dedup_merged_event_is_named_after_the_first_published_report() -> None:
    a, b = _event("a"), _event("b")
    first = max((a, b), key=lambda e: e.event_id)  # the larger id, published earlier
    published = {first.documents[0]: date(2021, 3, 5), min((a, b), key=lambda e: e.event_id).documents[0]:
                 date(2021, 3, 9)}
    (merged,) = merge_events([a, b], published=published)
    assert merged.event_id == first.event_id
    (unnamed,) = merge_events([a, b])
    assert unnamed.event_id == min(a.event_id, b.event_id)
