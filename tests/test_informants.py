"""Specs for sitrep.informants: who an article quotes, with their roles."""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.analysis import analyse
from sitrep.informants import attributed_sources, find_informants
from sitrep.records import Document, Informant, Sentence


def _sources(text: str) -> list[tuple[str, str | None]]:
    sentence = Sentence(start=0, end=len(text), text=text)
    return [(i.name, i.role) for i in attributed_sources(sentence, text=text, document_id="d")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Regional activist Samir Haddad told the agency that the town fell.",
            [("Samir Haddad", "Regional activist")],
        ),
        ("Police said the victim was 19.", [("Police", None)]),
        ("The victim was 19, police said.", [("police", None)]),
        (
            "The town fell, according to the Observatory for Civil Rights.",
            [("Observatory for Civil Rights", None)],
        ),
        (
            "A border guard officer told reporters the crossing was closed.",
            [("A border guard officer", None)],
        ),
        ("\u201cWe heard the blast,\u201d said Sgt. Laura Price.", [("Laura Price", "Sgt.")]),
        (
            "\u201cWe heard the blast,\u201d said Sgt. Laura Price of the county police.",
            [("Laura Price", "Sgt.")],
        ),
        ("Northern Governor Karim Aziz said the roads were closed.", [("Karim Aziz", "Northern Governor")]),
        (
            "Ines Duarte, a spokeswoman for the Red Cross, said two teams were sent.",
            [("Ines Duarte", "a spokeswoman for the Red Cross")],
        ),
        (
            "A source at Hama Governorate told the agency that shells fell.",
            [("A source at Hama Governorate", None)],
        ),
        ("He said the shelling continued.", []),
        ("The source reported that the road was cut.", []),
        ("Casualties were reported on both sides.", []),
        ("Reporting by Tom Hale and Ana Ruiz", []),
    ],
)
def test_informants_sources_of_one_sentence(sentence: str, expected: list[tuple[str, str | None]]) -> None:
    assert _sources(sentence) == expected


def test_informants_evidence_points_at_the_name() -> None:
    text = "Intro line.\nLocal medic Farid Nouri said four were hurt."
    start = text.index("Local")
    informant = attributed_sources(
        Sentence(start=start, end=len(text), text=text[start:]), text=text, document_id="doc"
    )[0]
    assert informant.evidence is not None
    assert text[informant.evidence.start : informant.evidence.end] == "Farid Nouri"


ARTICLE = (
    "Clashes in the hills\n\n"
    "Rebels attacked an army post on Saturday, local journalist Omar Khalil told Valley News.\n\n"
    "\u201cThe fighting lasted six hours,\u201d Khalil told Valley News.\n\n"
    "A police officer told Valley News that the road was closed.\n\n"
    "\u201cWe pushed them back,\u201d the police officer said.\n\n"
    "Speaking to Valley News, campaign spokesman Idris Haddad said the village was shelled.\n\n"
    "Reporting by: Lina Marsh and Paul Green"
)


@pytest.fixture(scope="module")
def informants(nlp: Any) -> tuple[Informant, ...]:
    document = Document(id="a1", text=ARTICLE, outlet="Valley News")
    return find_informants(analyse(document, nlp=nlp))


def test_informants_lists_each_source_once_with_roles(informants: tuple[Informant, ...]) -> None:
    assert [(i.name, i.role) for i in informants] == [
        ("Omar Khalil", "local journalist"),
        ("A police officer", None),
        ("Idris Haddad", "campaign spokesman"),
    ]


def test_informants_skip_outlet_and_byline(informants: tuple[Informant, ...]) -> None:
    names = {i.name for i in informants}
    assert not names & {"Valley News", "Lina Marsh", "Paul Green"}


def test_informants_resolve_a_surname_to_the_full_name() -> None:
    text = "Aid worker Hana Saleh said the clinic was hit. Later, Saleh said two nurses were wounded."
    second = text.index("Later")
    sentence = Sentence(start=second, end=len(text), text=text[second:])
    assert [i.name for i in attributed_sources(sentence, text=text, document_id="d")] == ["Hana Saleh"]


def test_informants_byline_of_the_document_is_excluded(nlp: Any) -> None:
    text = "Troops retook the town, Dana Cole said. Officials said the town was calm."
    document = Document(id="b", text=text, byline="By Dana Cole")
    assert [i.name for i in find_informants(analyse(document, nlp=nlp))] == ["Officials"]
