from __future__ import annotations

import itertools
from dataclasses import replace

from sitrep.dedup import merge_events
from sitrep.export import event_record
from sitrep.records import EventLocation, GeoPrecision
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


def test_dedup_reports_without_place_or_date_merge_only_as_copies() -> None:
    unplaced = [replace(_event(doc), location=None) for doc in ("a", "b")]
    assert len(merge_events(unplaced)) == 1  # the same sentence: a syndicated copy
    other = replace(unplaced[1], evidence=(replace(unplaced[1].evidence[0], text="Police arrested two men."),))
    assert len(merge_events([unplaced[0], other])) == 2
