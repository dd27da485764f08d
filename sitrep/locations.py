"""Locations: where an event happened, from the document's places and the event's sentences.

The most specific place named in the event's sentences wins (town over district over province
over country); failing that, the nearest place named before them; failing that, the document's
focus (its dateline place, else its most-mentioned town). ACLED's geo_precision follows what the
text says: 1 the town itself; 2 near it, on its outskirts, or a part of it the gazetteer does not
know ("the Joura district of Deir ez-Zor"); 3 a province alone (coded to its capital) or a
country alone (its most-mentioned town in the document, else its centre point).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from sitrep.gazetteer import Gazetteer
from sitrep.gazetteer.normalise import strict_key
from sitrep.records import EventLocation, Evidence, GazetteerEntry, GeoPrecision, Place, Sentence

IMPLEMENTATION = "sitrep.locations.v1"
_NEAR = re.compile(
    r"(?:\bnear|\boutside|\boutskirts of|\bsuburbs? of|\bcountryside of|\bvicinity of|\bperiphery of"
    r"|\b(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?(?: part)? of"
    r"|\b(?:km|kilometres?|kilometers?|miles?) (?:\w+ )?(?:of|from)"
    r"|\b(?:district|neighbou?rhood|quarter|village|town|area|camp|part|countryside) (?:of|in|near)"
    r"|\bdistricts? of|\bvillages? (?:of|in|near|around)|\baround)"
    r"\s+(?:the\s+)?(?:city\s+of\s+|town\s+of\s+|province\s+of\s+)?$",
    re.IGNORECASE,
)
_FOCUS_WINDOW = 120  # characters from the start of the text where a dateline place sits


def _rank(place: Place) -> int:
    """Smaller is more specific: town, district, province, country, demonym, wider region."""
    feature = place.entry.feature
    if feature.startswith("P."):
        return 0
    if feature == "A.ADM2":
        return 1
    if feature == "A.ADM1":
        return 2
    if feature.startswith("A.PCL"):
        return 4 if _is_demonym(place) else 3
    return 5


def _is_demonym(place: Place) -> bool:
    """'Syrian' for Syria: a country named by an adjective."""
    return strict_key(place.text) != strict_key(place.entry.name) and place.text.lower().endswith(
        ("an", "ian", "ese", "ish", "i", "ic", "ch", "ns", "is"))


def _in(place: Place, sentences: Sequence[Sentence]) -> bool:
    return any(s.start <= place.start and place.end <= s.end for s in sentences)


def _pick(candidates: Sequence[Place]) -> Place | None:
    """The most specific place, the earliest among equals."""
    usable = [p for p in candidates if _rank(p) < 5]
    return min(usable, key=lambda p: (_rank(p), p.start)) if usable else None


def _preceding(places: Sequence[Place], sentences: Sequence[Sentence]) -> Place | None:
    """The place named last before the event's first sentence, a province or finer."""
    first = min((s.start for s in sentences), default=0)
    before = [p for p in places if p.end <= first and _rank(p) <= 2]
    return max(before, key=lambda p: p.start) if before else None


def _focus(places: Sequence[Place]) -> Place | None:
    """The document's own place: its dateline, else its most-mentioned town, else province."""
    towns = [p for p in places if _rank(p) == 0]
    dateline = [p for p in towns if p.start < _FOCUS_WINDOW]
    if dateline:
        return min(dateline, key=lambda p: p.start)
    for rank in (0, 1, 2, 3):
        counts = Counter(p.entry.geonameid for p in places if _rank(p) == rank)
        if counts:
            top = counts.most_common(1)[0][0]
            return next(p for p in places if p.entry.geonameid == top)
    return None


def _near(text: str, place: Place) -> bool:
    """'near X', 'the outskirts of X', 'the Joura district of X', '10 km north of X'."""
    return _NEAR.search(text[max(0, place.start - 40):place.start]) is not None


def _country_town(places: Sequence[Place], country_code: str) -> GazetteerEntry | None:
    """The most-mentioned town of a country in the document."""
    counts = Counter(p.entry.geonameid for p in places
                     if _rank(p) == 0 and p.entry.country_code == country_code)
    if not counts:
        return None
    top = counts.most_common(1)[0][0]
    return next(p.entry for p in places if p.entry.geonameid == top)


def _coded(place: Place, places: Sequence[Place], text: str,
           gazetteer: Gazetteer) -> tuple[GazetteerEntry, GeoPrecision]:
    """The entry whose point codes the event, and the precision it has."""
    e, rank = place.entry, _rank(place)
    if rank == 0:
        return e, GeoPrecision.NEAR_OR_PART if _near(text, place) else GeoPrecision.PLACE
    if rank == 1:
        return e, GeoPrecision.REGION
    if rank == 2:
        seat = gazetteer.seat(e.country_code, e.admin1) if e.admin1 else None
        return seat or e, GeoPrecision.REGION
    town = _country_town(places, e.country_code)
    return town or e, GeoPrecision.REGION


def _location(place: Place, places: Sequence[Place], text: str, document_id: str,
              gazetteer: Gazetteer) -> EventLocation | None:
    entry, precision = _coded(place, places, text, gazetteer)
    cc = entry.country_code
    if not cc:
        return None
    admin1 = gazetteer.admin1_name(cc, entry.admin1) if entry.admin1 else None
    admin2 = gazetteer.admin2_name(cc, entry.admin1, entry.admin2) if entry.admin1 and entry.admin2 else None
    name = entry.name if entry.feature != "A.ADM1" else (admin1 or entry.name)
    return EventLocation(
        location=name, country=gazetteer.country_name(cc) or place.country,
        iso3=gazetteer.iso3(cc) or place.iso3,
        admin1=admin1, admin2=admin2, latitude=entry.latitude, longitude=entry.longitude,
        geo_precision=precision, geonameid=entry.geonameid if entry.geonameid > 0 else None,
        evidence=Evidence(document_id=document_id, start=place.start, end=place.end,
                          text=text[place.start:place.end]),
    )


def locate_event(places: Sequence[Place], *, sentences: Sequence[Sentence], text: str, document_id: str,
                 gazetteer: Gazetteer) -> EventLocation | None:
    """Where the event reported in `sentences` happened, or None when the document names no place."""
    place = (_pick([p for p in places if _in(p, sentences)])
             or _preceding(places, sentences)
             or _focus(places))
    if place is None:
        return None
    return _location(place, places, text, document_id, gazetteer)
