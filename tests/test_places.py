"""Places: recognition and resolution of place names on the real gazetteer and spaCy model."""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.analysis import analyse
from sitrep.gazetteer import Gazetteer, load_gazetteer
from sitrep.places import resolve_places
from sitrep.records import Document, Place


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer("bundled")


@pytest.fixture(scope="module")
def places_of(nlp: Any, gazetteer: Gazetteer):  # type: ignore[no-untyped-def]
    def run(text: str, **meta: Any) -> tuple[Place, ...]:
        document = Document(id="t", text=text, **meta)
        analysed = analyse(document, nlp=nlp, proper_names=gazetteer.proper_names())
        return resolve_places(analysed, gazetteer=gazetteer)

    return run


def _by_text(places: tuple[Place, ...]) -> dict[str, Place]:
    return {p.text: p for p in places}


@pytest.mark.parametrize("spelling", ["Deir ez-Zor", "Deir Ezzor", "Dayr az-Zawr", "Deir al-Zour", "Deir el-Zour"])
def test_places_resolve_syrian_spellings(places_of: Any, spelling: str) -> None:
    text = f"Shelling hit a market in {spelling} on Tuesday, activists in Syria said."
    found = _by_text(places_of(text))
    assert found[spelling].entry.geonameid == 170794
    assert found[spelling].country == "Syria" and found[spelling].iso3 == "SYR"


@pytest.mark.parametrize(("sentence", "name", "geonameid"), [
    ("Kurdish fighters advanced on Raqqa from the north, officials in Syria said.", "Raqqa", 172955),
    ("Iraqi troops pushed into eastern Mosul on Sunday.", "Mosul", 99072),
    ("Air strikes struck rebel-held districts of Aleppo overnight.", "Aleppo", 170063),
])
def test_places_resolve_conflict_cities(places_of: Any, sentence: str, name: str, geonameid: int) -> None:
    assert _by_text(places_of(sentence))[name].entry.geonameid == geonameid


def test_places_offsets_point_into_the_text(places_of: Any) -> None:
    text = "Clashes were reported in Homs and in Hama, Syria."
    for place in places_of(text):
        assert text[place.start:place.end] == place.text


def test_places_unknown_name_leaves_the_rest_resolved(places_of: Any) -> None:
    text = "Fighters attacked Qzxwarbi at dawn, then moved on to Aleppo and later to Idlib."
    found = _by_text(places_of(text))
    assert found["Aleppo"].country == "Syria" and found["Idlib"].country == "Syria"
    assert "Qzxwarbi" not in found


@pytest.mark.parametrize("phrase", ["the village of Qzxwarbi near Aleppo", "the Qzxwarbi district of Aleppo",
                                    "Qzxwarbi, Aleppo", "Aleppo's crowded Qzxwarbi district",
                                    "Qzxwarbi, a village just north of Aleppo,", "the Aleppo suburb of Qzxwarbi"])
def test_places_unknown_village_falls_back_to_the_place_containing_it(places_of: Any, phrase: str) -> None:
    found = _by_text(places_of(f"Fighters attacked {phrase} on Monday, and later moved on to Idlib."))
    village = found["Qzxwarbi"]
    assert village.contained and village.entry == found["Aleppo"].entry and village.admin1 == "Aleppo"
    assert not found["Idlib"].contained


@pytest.mark.parametrize(("spelling", "geonameid"), [
    ("Fallujah", 99454), ("Falluja", 99454), ("Al-Fallujah", 99454), ("Ramadi", 98717), ("Al-Ramadi", 98717),
    ("Tal Afar", 90393), ("Tall Afar", 90393), ("Baquba", 97990), ("Baqubah", 97990),
])
def test_places_resolve_iraqi_spellings(places_of: Any, spelling: str, geonameid: int) -> None:
    found = _by_text(places_of(f"Iraqi forces came under mortar fire in {spelling} on Friday, officials said."))
    assert found[spelling].entry.geonameid == geonameid and found[spelling].iso3 == "IRQ"


def test_places_list_of_areas_keeps_one_level(places_of: Any) -> None:
    text = "Cases were confirmed in Alberta, Manitoba, Ontario and Quebec, and in Arizona, Utah, Georgia and Ohio."
    found = _by_text(places_of(text))
    assert (found["Ontario"].entry.feature, found["Ontario"].country) == ("A.ADM1", "Canada")
    assert (found["Georgia"].entry.feature, found["Georgia"].country) == ("A.ADM1", "United States")


def test_places_names_joined_by_connectors(places_of: Any) -> None:
    text = ("Floods hit Rio Grande do Sul, and aid went to the Democratic Republic of the Congo, Guinea "
            "and Guinea-Bissau.")
    found = _by_text(places_of(text))
    assert found["Rio Grande do Sul"].entry.feature == "A.ADM1" and found["Rio Grande do Sul"].country == "Brazil"
    assert found["Democratic Republic of the Congo"].iso3 == "COD"
    assert found["Guinea"].iso3 == "GIN" and found["Guinea-Bissau"].iso3 == "GNB"


def test_places_town_missing_from_the_named_area_is_not_taken_abroad(places_of: Any) -> None:
    found = _by_text(places_of("A man was arrested in Stroud, Ontario, Canada, on Friday."))
    assert found["Stroud"].country == "Canada" and found["Stroud"].contained


def test_places_person_names_and_common_words_are_not_places(places_of: Any) -> None:
    text = ("Hassan said the University would stay closed during Ramadan. ARA reported that "
            "fighting continued in Daraa, Syria.")
    found = _by_text(places_of(text))
    assert not {"Hassan", "University", "Ramadan", "ARA"} & set(found)
    assert found["Daraa"].country == "Syria"


@pytest.mark.parametrize(("word", "country"), [("Syrian", "Syria"), ("Turkish", "Turkey"), ("Iraqi", "Iraq")])
def test_places_demonyms_resolve_to_their_country(places_of: Any, word: str, country: str) -> None:
    found = _by_text(places_of(f"The {word} army said its units had come under fire."))
    assert found[word].country == country and found[word].entry.feature == "A.PCLI"


def test_places_us_city_takes_its_state_from_context(places_of: Any) -> None:
    text = ("Police in Elgin said two men were arrested after the shooting. The suburb lies northwest "
            "of Chicago, and Illinois state troopers joined the search.")
    elgin = _by_text(places_of(text))["Elgin"]
    assert elgin.country == "United States" and elgin.admin1 == "Illinois"


def test_places_upper_case_dateline_and_department(places_of: Any) -> None:
    text = ("SAN SALVADOR, 3 JAN 90 -- [TEXT] ARMY UNITS CLASHED WITH REBELS NEAR THE TOWN OF "
            "BERLIN IN USULUTAN DEPARTMENT, A MILITARY SPOKESMAN SAID.")
    found = _by_text(places_of(text))
    assert found["SAN SALVADOR"].country == "El Salvador"
    assert found["USULUTAN"].country == "El Salvador"


def test_places_mixed_case_dateline(places_of: Any) -> None:
    found = places_of("DEIR EZZOR – Militants shelled government positions on Saturday, a monitor said.")
    assert found[0].text == "DEIR EZZOR" and found[0].entry.geonameid == 170794


def test_places_repeated_names_are_all_found(places_of: Any) -> None:
    text = "Aleppo was shelled again. Residents of Aleppo fled west. Aleppo has been divided since 2012."
    assert [p.start for p in places_of(text) if p.text == "Aleppo"] == [0, 39, 57]


def test_places_empty_text_has_no_places(places_of: Any) -> None:
    assert places_of("No places are named in this sentence at all.") == ()


def test_places_small_town_abroad_is_not_taken_for_an_unknown_neighbourhood(places_of: Any) -> None:
    text = ("DEIR EZZOR – Syrian government forces shelled the Joura district of Deir ez-Zor on Saturday, "
            "residents of Joura said.")
    assert all(p.country == "Syria" for p in places_of(text))


@pytest.mark.parametrize("text", [
    "Officer John Rivera said the suspect fled. Rivera, 24, was not hurt, and Rivera said he would recover.",
    "Nadia Jones, 31, was shot outside Nadia's restaurant in Chicago on Friday, police said.",
    "Mr. Greer told reporters that Greer had not seen the gunman in Denver.",
])
def test_places_person_names_are_not_towns(places_of: Any, text: str) -> None:
    assert {p.text for p in places_of(text)} <= {"Chicago", "Denver"}


def test_places_words_inside_longer_names_are_not_places(places_of: Any) -> None:
    text = ("Police in Chicago said the victims were taken to Scott & White Hospital after the shooting on "
            "South Michigan Avenue. The suspect drove a Ford Taurus and worked for Wells Fargo.")
    assert {p.text for p in places_of(text)} == {"Chicago"}


@pytest.mark.parametrize(("outlet", "admin1"), [("stltoday.com", "Missouri"), ("chicagotribune.com", "Illinois")])
def test_places_outlet_home_state_chooses_the_town(places_of: Any, outlet: str, admin1: str) -> None:
    found = _by_text(places_of("Two men were shot in Springfield late on Saturday, police said.", outlet=outlet))
    assert found["Springfield"].admin1 == admin1


def test_places_qualifier_settles_every_mention(places_of: Any) -> None:
    text = "LONDON, Ky. (AP) — London police arrested two men on Sunday. London officers found a gun."
    assert {(p.country, p.admin1) for p in places_of(text) if p.text.lower() == "london"} == {
        ("United States", "Kentucky")}


def test_places_small_town_needs_a_qualifier_to_beat_a_famous_place(places_of: Any) -> None:
    assert _by_text(places_of("Flights to Paris were cancelled in Texas on Monday."))["Paris"].country == "France"
    found = _by_text(places_of("He grew up in Paris, Texas, and moved to Dallas."))
    assert found["Paris"].admin1 == "Texas"


def test_places_neighbourhood_of_the_documents_city_is_not_a_far_city(places_of: Any) -> None:
    text = "CHICAGO — A teenager was shot in the Austin neighborhood on the West Side of Chicago, police said."
    assert all(p.admin1 == "Illinois" for p in places_of(text))


def test_places_name_in_a_list_of_places_is_a_place(places_of: Any) -> None:
    found = _by_text(places_of("Storms cut power in Tamworth, Dubbo, Parkes and Berry in regional New South Wales."))
    assert {found[name].country for name in ("Tamworth", "Dubbo", "Parkes", "Berry")} == {"Australia"}


def test_places_island_of_names_a_place(places_of: Any) -> None:
    found = _by_text(places_of("Ferries to the island of Bohol were suspended on Monday."))
    assert found["Bohol"].country == "Philippines"


def test_places_town_by_another_spelling_after_a_locative(places_of: Any) -> None:
    found = _by_text(places_of("The wounded were brought from Ceylan Pinar on Monday, officials in Turkey said."))
    assert found["Ceylan Pinar"].entry.name == "Ceylanpınar"


def test_places_plural_type_word_marks_every_name_of_its_list(places_of: Any) -> None:
    text = "Rebels shelled the villages of Qzxwarbi and Qzxwarta in Idlib province on Monday."
    found = _by_text(places_of(text))
    assert found["Qzxwarbi"].contained and found["Qzxwarta"].contained
    assert found["Qzxwarbi"].country == found["Qzxwarta"].country == "Syria"


def test_places_town_called_names_a_place(places_of: Any) -> None:
    found = _by_text(places_of("Fish died in central Denmark, in a town called Låsby, on Monday."))
    assert found["Låsby"].country == "Denmark"


def test_places_demonym_before_a_plural_type_word_is_no_town(places_of: Any) -> None:
    found = _by_text(places_of("The chain already has cafes in 130 Chinese cities."))
    assert found["Chinese"].entry.feature == "A.PCLI"


def test_places_abbreviated_qualifier_is_a_place_too(places_of: Any) -> None:
    found = _by_text(places_of("She was born in Churchill, Man. and grew up there."))
    assert found["Churchill"].admin1 == "Manitoba" and found["Man."].entry.name == "Manitoba"
    assert "No." not in _by_text(places_of("The case is U.S. v. Smith, Southern District of Ohio, No. 16-19."))


@pytest.mark.parametrize(("text", "name", "admin1"), [
    ("A boy was hit by a car in Kingston, south of Brisbane, on Sunday.", "Kingston", "Queensland"),
    ("The outbreak may have spread to Warwick in Queensland where horses were kept.", "Warwick", "Queensland"),
])
def test_places_place_named_in_or_near_settles_the_town(places_of: Any, text: str, name: str, admin1: str) -> None:
    assert _by_text(places_of(text))[name].admin1 == admin1


def test_places_abbreviated_saint_meets_the_full_name(places_of: Any) -> None:
    found = _by_text(places_of("Cholera patients crowded the main hospital in St. Marc, Haiti, on Friday."))
    assert found["St. Marc"].entry.name == "Saint-Marc" and found["St. Marc"].country == "Haiti"


def test_places_word_inside_a_joined_name_is_not_a_place_of_its_own(places_of: Any) -> None:
    found = _by_text(places_of("Bird flu was confirmed in Ceamurlia de Jos, in Romania, on Tuesday."))
    assert "Jos" not in found


def test_places_city_named_by_its_own_name_beats_the_area_of_an_alias(places_of: Any) -> None:
    found = _by_text(places_of("Protesters gathered in Giza on Friday, Egyptian officials said."))
    assert found["Giza"].entry.feature.startswith("P")


def test_places_area_name_many_countries_share_stays_in_the_story_country(places_of: Any) -> None:
    text = "Cases rose in Kenya, in the provinces of Nyanza, Rift Valley, North Eastern and Western."
    assert all(p.country in ("Kenya", "") for p in places_of(text))


def test_places_unplaced_village_falls_back_to_the_documents_area(places_of: Any) -> None:
    text = ("Ebola broke out in Kasai-Occidental province. Teams flew to Kananga, and Kananga's hospital "
            "filled up. The village of Qzxwarbi has been quarantined.")
    found = _by_text(places_of(text))
    assert found["Qzxwarbi"].contained and found["Qzxwarbi"].entry.feature == "A.ADM1"
    assert found["Qzxwarbi"].admin1 == found["Kananga"].admin1
    assert "Qzxwarbi" not in _by_text(places_of("The village of Qzxwarbi has been quarantined."))


def test_places_adjective_before_a_plural_type_word_is_no_place(places_of: Any) -> None:
    text = "Coalition jets often strike ISIS-held towns and cities in Syria, including Raqqa and Deir ez-Zor."
    assert "ISIS-held" not in _by_text(places_of(text))


def test_places_acronym_after_a_pattern_name_is_left_out(places_of: Any) -> None:
    text = "In the northeastern city of Hassakeh ISIS suicide bombers detonated a truck, activists in Syria said."
    assert _by_text(places_of(text))["Hassakeh"].country == "Syria"


def test_places_university_of_names_a_place(places_of: Any) -> None:
    found = _by_text(places_of("Researchers at the University of Glasgow said the parasite was found in Uganda."))
    assert found["Glasgow"].country == "United Kingdom"


def test_places_pattern_name_stops_at_a_building_word(places_of: Any) -> None:
    text = "The director of the University of Michigan Center for Computer Security spoke in Detroit."
    found = _by_text(places_of(text))
    assert found["Michigan"].entry.feature == "A.ADM1" and "Michigan Center" not in found
