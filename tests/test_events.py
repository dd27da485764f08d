from __future__ import annotations

from dataclasses import replace
from datetime import date

from sitrep.events import assemble_events
from sitrep.records import ClaimKind, Document, EventLocation, Evidence, GeoPrecision, Sentence, SubEventType
from tests.records_factory import TEXT, coded

DOC = Document(id="d1", text=TEXT * 3, outlet="Example Wire", published=date(2021, 3, 6))


def _at(item, start: int, *, location: EventLocation | None = "keep", day: date | None = None):  # type: ignore[no-untyped-def]
    """The same coded mention moved to the sentence starting at `start`."""
    sentence = Sentence(start=start, end=start + len(TEXT), text=TEXT)
    mention = replace(item.mention, sentence=sentence)
    when = item.date if day is None else replace(item.date, date=day, evidence=Evidence(
        document_id="d1", start=start + 37, end=start + 46, text="on Friday"))
    loc = item.location if location == "keep" else location
    if loc is not None and loc.evidence is None:
        loc = replace(loc, evidence=Evidence(document_id="d1", start=start + 31, end=start + 35, text="Homs"))
    return replace(item, mention=mention, date=when, location=loc)


ALEPPO = EventLocation(location="Aleppo", country="Syria", iso3="SYR", admin1="Aleppo", admin2=None,
                       latitude=36.2, longitude=37.16, geo_precision=GeoPrecision.PLACE, geonameid=170063)


def test_events_mentions_of_one_type_place_and_day_are_one_event() -> None:
    first = _at(coded(), 0)
    second = _at(coded(killed=6), len(TEXT) + 1, location=None)
    (event,) = assemble_events([first, second], document=DOC, informants=())
    assert len(event.evidence) == 2
    assert {c.low for c in event.claims if c.kind is ClaimKind.KILLED} == {4, 6}


def test_events_different_stated_dates_or_places_or_types_split() -> None:
    base = _at(coded(), 0)
    other_day = _at(coded(), len(TEXT) + 1, day=date(2021, 3, 1))
    other_place = _at(coded(), 2 * len(TEXT) + 2, location=ALEPPO)
    assert len(assemble_events([base, other_day], document=DOC, informants=())) == 2
    assert len(assemble_events([base, other_place], document=DOC, informants=())) == 2
    clash = _at(coded(sub=SubEventType.ARMED_CLASH), len(TEXT) + 1)
    types = {e.event_type.value for e in assemble_events([base, clash], document=DOC, informants=())}
    assert types == {"Battles", "Explosions/Remote violence"}


def test_events_ids_are_stable_and_notes_name_the_toll() -> None:
    make = lambda: assemble_events([_at(coded(), 0)], document=DOC, informants=())  # noqa: E731
    assert make()[0].event_id == make()[0].event_id
    assert "4 reported fatalities" in make()[0].notes
    assert make()[0].location is not None and make()[0].location.location == "Homs"


def test_events_told_only_in_an_earlier_year_are_background() -> None:
    history = "The war began in 2011 when troops shelled protesters in Homs, killing 4 people."
    text = TEXT + " " + history
    doc = Document(id="d1", text=text, outlet="Example Wire", published=date(2021, 3, 6))
    today = _at(coded(), 0)
    old = _at(coded(sub=SubEventType.ARMED_CLASH), len(TEXT) + 1)
    old = replace(old, mention=replace(old.mention, sentence=Sentence(start=len(TEXT) + 1, end=len(text),
                                                                     text=history)))
    (kept,) = assemble_events([today, old], document=doc, informants=())
    assert kept.event_type.value == "Explosions/Remote violence"
    assert len(assemble_events([old], document=doc, informants=())) == 1  # alone, it is still reported
