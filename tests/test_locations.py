"""Locations: the event's place and ACLED geo_precision from its sentences and the document."""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.analysis import analyse
from sitrep.gazetteer import Gazetteer, load_gazetteer
from sitrep.locations import locate_event
from sitrep.places import resolve_places
from sitrep.records import AnalysedText, Document, EventLocation, GeoPrecision


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer("bundled")


@pytest.fixture(scope="module")
def locate(nlp: Any, gazetteer: Gazetteer):  # type: ignore[no-untyped-def]
    def run(text: str, sentence: int = -1) -> EventLocation | None:
        analysed: AnalysedText = analyse(Document(id="d", text=text), nlp=nlp,
                                         proper_names=gazetteer.proper_names())
        places = resolve_places(analysed, gazetteer=gazetteer)
        return locate_event(places, sentences=[analysed.sentences[sentence]], text=text, document_id="d",
                            gazetteer=gazetteer)

    return run


def test_locations_town_in_the_event_sentence(locate: Any) -> None:
    loc = locate("Syria has seen heavy fighting. Rebels shelled Aleppo on Monday, killing five.")
    assert loc is not None and loc.location == "Aleppo" and loc.geo_precision is GeoPrecision.PLACE
    assert loc.country == "Syria" and loc.iso3 == "SYR" and loc.geonameid == 170063
    assert loc.evidence is not None and loc.evidence.text == "Aleppo"


def test_locations_prefers_the_town_over_its_country(locate: Any) -> None:
    loc = locate("In Syria, government jets bombed Idlib city on Friday.")
    assert loc is not None and loc.location == "Idlib" and loc.geo_precision is GeoPrecision.PLACE


@pytest.mark.parametrize("phrase", ["near Aleppo", "on the outskirts of Aleppo",
                                    "in the Qzxwar district of Aleppo"])
def test_locations_near_or_part_of_a_town(locate: Any, phrase: str) -> None:
    loc = locate(f"Clashes broke out {phrase} on Sunday, activists in Syria said.")
    assert loc is not None and loc.location == "Aleppo" and loc.geo_precision is GeoPrecision.NEAR_OR_PART


def test_locations_province_alone_goes_to_its_capital(locate: Any) -> None:
    loc = locate("Air strikes hit several villages in Idlib province on Friday.")
    assert loc is not None and loc.geo_precision is GeoPrecision.REGION
    assert loc.location == "Idlib" and loc.admin1 == "Idlib" and loc.country == "Syria"


def test_locations_falls_back_to_the_nearest_preceding_place(locate: Any) -> None:
    loc = locate("Fighting spread to Mosul, Iraq. Two soldiers were killed there on Monday.")
    assert loc is not None and loc.location == "Mosul" and loc.country == "Iraq"


def test_locations_country_alone_prefers_the_documents_town(locate: Any) -> None:
    loc = locate("Shelling in Homs continued. The army said that rebels in Syria had been defeated.")
    assert loc is not None and loc.location == "Homs" and loc.geo_precision is GeoPrecision.REGION


def test_locations_none_without_places(locate: Any) -> None:
    assert locate("Two people were killed when gunmen opened fire on Monday.") is None


@pytest.mark.parametrize("text", [
    "Kurdish fighters advanced on Raqqa in Syria. U.S. raids on the city killed 12 civilians on Sunday.",
    "Fighting raged in Raqqa, Syria, on Monday. Washington is leading a coalition that struck it overnight.",
])
def test_locations_foreign_capital_or_country_as_actor_is_not_the_place(locate: Any, text: str) -> None:
    loc = locate(text)
    assert loc is not None and loc.country == "Syria" and loc.admin1 == "Ar-Raqqah"


def test_locations_foreign_capital_with_a_preposition_is_the_place(locate: Any) -> None:
    loc = locate("Syria was quiet. Clashes broke out in Moscow on Sunday, and two people were killed.")
    assert loc is not None and loc.location == "Moscow" and loc.country == "Russia"


def test_locations_county_alone_goes_to_the_documents_town_in_it(locate: Any) -> None:
    loc = locate("A man was shot in Cadiz, Kentucky, on Sunday. Deputies in Trigg County said he died.")
    assert loc is not None and loc.location == "Cadiz" and loc.geo_precision is GeoPrecision.REGION


def test_locations_unknown_neighbourhood_goes_to_its_town_near(locate: Any) -> None:
    loc = locate("Rebels shelled the Qzxwarbi district of Aleppo on Monday, killing five.")
    assert loc is not None and loc.location == "Aleppo" and loc.geo_precision is GeoPrecision.NEAR_OR_PART
    assert loc.evidence is not None and loc.evidence.text == "Qzxwarbi"
