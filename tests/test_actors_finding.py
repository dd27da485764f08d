"""Tests for finding actors in a sentence (sitrep.actors.phrases, candidates, unlisted, finding):
aliases, context rules, nationality words, case rules and groups missing from the table."""

from __future__ import annotations

import pytest

from sitrep.records import Entity, Inter
from sitrep.records import SubEventType as S
from tests.actors_factory import ISIL, code, names


@pytest.mark.parametrize("alias", ["ISIS", "IS", "Islamic State", "Daesh", "ISIL", "Isis", "Daech"])
def test_actors_aliases_of_islamic_state_share_one_name(alias: str) -> None:
    result = code(f"{alias} fighters attacked army posts near Raqqa.", "attacked", S.ARMED_CLASH, "Syria")
    assert names(result) == (ISIL, "Military Forces of Syria")


@pytest.mark.parametrize(("text", "trigger", "country", "expected"), [
    ("Regime forces shelled the village overnight.", "shelled", "Syria", "Military Forces of Syria"),
    ("Syrian government troops shelled the village.", "shelled", "Syria", "Military Forces of Syria"),
    ("The army shelled the village.", "shelled", "Iraq", "Military Forces of Iraq"),
    ("Iraqi troops shelled the village.", "shelled", "Syria", "Military Forces of Iraq"),
    ("Turkish warplanes bombed the village.", "bombed", "Syria", "Military Forces of Turkey"),
    ("Russian jets bombed the village.", "bombed", "Syria", "Military Forces of Russia"),
    ("A U.S. missile strike hit the airbase.", "strike", "Syria", "Military Forces of the United States"),
    ("US-led coalition aircraft bombed the village.", "bombed", "Syria", "Military Forces of the United States"),
    ("The National Defence Force shelled the village.", "shelled", "Syria", "National Defense Forces (NDF)"),
    ("Pro-regime militiamen shelled the village.", "shelled", "Syria", "National Defense Forces (NDF)"),
    ("Police shelled the village.", "shelled", "El Salvador", "Police Forces of El Salvador"),
    ("Guerrillas shelled the village.", "shelled", "El Salvador", "Farabundo Marti National Liberation Front (FMLN)"),
    ("Guerrillas shelled the village.", "shelled", "Colombia", "Opposition Rebels (Colombia)"),
    ("Islamic State militants shelled the village.", "shelled", "Nigeria",
     "Islamic State West Africa Province (ISWAP)"),
    ("Al-Qaeda militants shelled the village.", "shelled", "Yemen", "Al Qaeda in the Arabian Peninsula (AQAP)"),
    ("Gunmen shelled the village.", "shelled", "Mexico", "Unidentified Armed Group (Mexico)"),
    ("The Sawaiq al-Sahel Brigade shelled the village.", "shelled", "Syria", "Sawaiq al-Sahel Brigade"),
])
def test_actors_context_rules_name_the_initiator(text: str, trigger: str, country: str, expected: str) -> None:
    assert names(code(text, trigger, S.SHELLING, country))[0] == expected


@pytest.mark.parametrize(("text", "country", "inter"), [
    ("Russian jets bombed the village.", "Syria", Inter.EXTERNAL_FORCES),
    ("Syrian jets bombed the village.", "Syria", Inter.STATE_FORCES),
    ("US-led coalition aircraft bombed the village.", "Syria", Inter.EXTERNAL_FORCES),
    ("Rebels bombed the village.", "Syria", Inter.REBEL_GROUPS),
    ("The National Defense Forces bombed the village.", "Syria", Inter.POLITICAL_MILITIAS),
])
def test_actors_inter_codes_and_foreign_state_forces(text: str, country: str, inter: Inter) -> None:
    result = code(text, "bombed", S.AIR_DRONE_STRIKE, country)
    assert result.actor1 is not None and result.actor1.inter is inter


@pytest.mark.parametrize("text", [
    "The town is under siege and the army shelled it on Sunday.",
    "It is said that the army shelled the town, which is near the border.",
    "THE ARMY SHELLED THE TOWN, WHICH IS NEAR THE BORDER, AND IS STILL THERE.",
])
def test_actors_the_verb_is_never_names_islamic_state(text: str) -> None:
    trigger = "shelled" if "shelled" in text else "SHELLED"
    result = code(text, trigger, S.SHELLING, "Syria")
    found = [a.name for a in (result.actor1, result.actor2, *result.assoc_actor_1, *result.assoc_actor_2) if a]
    assert ISIL not in found


def test_actors_upper_case_wire_text() -> None:
    text = "FIFTY PEASANTS HAVE BEEN KIDNAPPED BY TERRORISTS OF THE FARABUNDO MARTI NATIONAL LIBERATION FRONT."
    result = code(text, "KIDNAPPED", S.ABDUCTION, "El Salvador")
    assert names(result) == ("Farabundo Marti National Liberation Front (FMLN)", "Civilians (El Salvador)")


def test_actors_entity_spans_name_groups_missing_from_the_table() -> None:
    text = "The Liwa al-Fath militia shelled the village."
    start = text.index("Liwa")
    entity = Entity(text="Liwa al-Fath militia", label="ORG", start=start, end=start + 20)
    result = code(text, "shelled", S.SHELLING, "Syria", entities=[entity])
    assert result.actor1 is not None and result.actor1.name == "Liwa al-Fath militia"
    assert result.actor1.inter is Inter.POLITICAL_MILITIAS

