"""Locations: where an event happened, from the document's places and the event's sentences.

The most specific place named in the event's sentences wins (town over district over province
over country), in the document's focus country first; failing that, the nearest place named
before them; failing that, the document's focus (its dateline place, else its most-mentioned
town). A country or capital standing for its government ("Washington is leading a coalition",
"U.S. raids on Raqqa", "Moscow's warplanes") is not where anything happened: a foreign capital or
country without a locative preposition ("in Moscow"), or any capital used as an actor, is skipped.
ACLED's geo_precision follows what the text says: 1 the town itself; 2 near it, on its
outskirts, or a part of it the gazetteer does not know ("the Joura district of Deir ez-Zor");
3 a province alone (coded to its capital) or a county or country alone (its most-mentioned town
in the document, else its centre point).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from sitrep.gazetteer import Gazetteer
from sitrep.gazetteer.normalise import strict_key
from sitrep.records import EventLocation, Evidence, GazetteerEntry, GeoPrecision, Place, Sentence

IMPLEMENTATION = "sitrep.locations.v2"
_NEAR = re.compile(
    r"(?:\bnear|\boutside|\boutskirts of|\bsuburbs? of|\bcountryside of|\bvicinity of|\bperiphery of"
    r"|\b(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?(?: part)? of"
    r"|\b(?:km|kilometres?|kilometers?|miles?) (?:\w+ )?(?:of|from)"
    r"|\b(?:district|neighbou?rhood|quarter|village|town|area|camp|part|countryside) (?:of|in|near)"
    r"|\bdistricts? of|\bvillages? (?:of|in|near|around)|\baround)"
    r"\s+(?:the\s+)?(?:city\s+of\s+|town\s+of\s+|province\s+of\s+)?$",
    re.IGNORECASE,
)
_LOCATIVE = re.compile(
    r"\b(?:in|at|near|outside|inside|into|across|throughout|around|from|to|toward|towards|of|over|on)"
    r"\s+(?:the\s+)?(?:(?:city|capital|town) of\s+)?$", re.IGNORECASE)
_ACTOR = re.compile(
    r"^(?:['’]s?\b|-(?:led|backed|based|sponsored|allied|supported)\b|\s+(?:and\s+\w+\s+)?"
    r"(?:said|says|say|has|have|had|is|are|was|were|will|would|may|accused|announced|denied|warned|claimed|"
    r"launched|sent|insisted|demanded|threatened|urged|vowed|condemned|blamed|backs|backed|leads|led|"
    r"sees|wants|hopes|fears|believes|responded|retaliated|struck|bombed|pledged|agreed|refused|rejected)\b)",
    re.IGNORECASE)
_MODIFIER = re.compile(  # "U.S. air strikes", "Russian-backed forces": the name qualifies a noun
    r"^\.?\s+(?!(?:and|or|on|in|at|to|for|with|by|from|of|the|a|an|as|since|after|before|during|last|this|that|"
    r"which|who|where|when|while|but|is|are|was|were|has|have|had|said|says|near|over|under|until|into|"
    r"late|early|overnight|today|yesterday|earlier|later)\b)[a-z]")
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


def _focus_country(places: Sequence[Place]) -> str | None:
    """ISO2 of the country the document is mostly about: the most named among its places,
    the dateline's on a tie."""
    counts = Counter(p.entry.country_code for p in places if p.entry.country_code)
    if not counts:
        return None
    first = min((p for p in places if p.entry.country_code), key=lambda p: p.start)
    return max(counts, key=lambda cc: (counts[cc], cc == first.entry.country_code))


def _metonymic(place: Place, text: str, focus: str | None) -> bool:
    """A country or capital standing for its government: abroad, unless the text puts something
    in it ("in Moscow", not "in U.S. air strikes"); at home, when it acts ("Damascus accused")."""
    feature = place.entry.feature
    if feature != "P.PPLC" and not feature.startswith("A.PCL"):
        return False
    after = text[place.end:place.end + 40]
    modifier = _MODIFIER.match(after) is not None
    if focus is not None and place.entry.country_code != focus:
        return modifier or not _located(place, text)
    return not _located(place, text) and _ACTOR.match(after) is not None


def _located(place: Place, text: str) -> bool:
    """A locative preposition before the name: "in Moscow", "near the city of Raqqa"."""
    return _LOCATIVE.search(text[max(0, place.start - 30):place.start]) is not None


def _pick(candidates: Sequence[Place], text: str, focus: str | None) -> Place | None:
    """The most specific place, in the focus country (or after "in") first, the earliest among
    equals; metonymic capitals and countries left out."""
    usable = [p for p in candidates if _rank(p) < 5 and not _metonymic(p, text, focus)]

    def key(p: Place) -> tuple[bool, int, int]:
        elsewhere = focus is not None and p.entry.country_code != focus and not _located(p, text)
        return elsewhere, _rank(p), p.start

    return min(usable, key=key) if usable else None


def _preceding(places: Sequence[Place], sentences: Sequence[Sentence], text: str,
               focus: str | None) -> Place | None:
    """The place named last before the event's first sentence, a province or finer."""
    first = min((s.start for s in sentences), default=0)
    before = [p for p in places if p.end <= first and _rank(p) <= 2 and not _metonymic(p, text, focus)]
    return max(before, key=lambda p: p.start) if before else None


def _focus(places: Sequence[Place], text: str, focus: str | None) -> Place | None:
    """The document's own place: its dateline, else its most-mentioned town (in its focus
    country), else province."""
    places = [p for p in places if not _metonymic(p, text, focus)]
    places = [p for p in places if p.entry.country_code == focus] or places
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


def _town_in(places: Sequence[Place], area: GazetteerEntry) -> GazetteerEntry | None:
    """The document's most-mentioned town inside an area: a country, a first-level area or a
    second-level area (a county)."""
    keys = {"A.ADM1": ("country_code", "admin1"), "A.ADM2": ("country_code", "admin1", "admin2")}
    fields = keys.get(area.feature, ("country_code",))
    counts = Counter(p.entry.geonameid for p in places if _rank(p) == 0
                     and all(getattr(p.entry, f) == getattr(area, f) for f in fields))
    if not counts:
        return None
    top = counts.most_common(1)[0][0]
    return next(p.entry for p in places if p.entry.geonameid == top)


def _coded(place: Place, places: Sequence[Place], text: str,
           gazetteer: Gazetteer) -> tuple[GazetteerEntry, GeoPrecision]:
    """The entry whose point codes the event, and the precision it has."""
    e, rank = place.entry, _rank(place)
    if rank == 0:
        return e, GeoPrecision.NEAR_OR_PART if place.contained or _near(text, place) else GeoPrecision.PLACE
    if rank == 1:
        return _town_in(places, e) or e, GeoPrecision.REGION
    if rank == 2:
        seat = gazetteer.seat(e.country_code, e.admin1) if e.admin1 else None
        return seat or e, GeoPrecision.REGION
    return _town_in(places, e) or e, GeoPrecision.REGION


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
    focus = _focus_country(places)
    place = (_pick([p for p in places if _in(p, sentences)], text, focus)
             or _preceding(places, sentences, text, focus)
             or _focus(places, text, focus))
    if place is None:
        return None
    return _location(place, places, text, document_id, gazetteer)
