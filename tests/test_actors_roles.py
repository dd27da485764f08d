"""Tests for the roles and sides of an event (sitrep.actors.roles, trigger, sides): active and
passive triggers, cues, coordination, helpers, and actors that are not participants."""

from __future__ import annotations

import pytest

from sitrep.records import Inter, SubEventType
from sitrep.records import SubEventType as S
from tests.actors_factory import ISIL, code, names


@pytest.mark.parametrize(("text", "trigger", "sub", "expected"), [
    ("Rebels attacked an army checkpoint near Hama.", "attacked", S.ARMED_CLASH,
     ("Opposition Rebels (Syria)", "Military Forces of Syria")),
    ("Five soldiers were killed by Nusra Front fighters in Idlib.", "killed", S.ARMED_CLASH,
     ("Al-Nusra Front (Jabhat al-Nusra)", "Military Forces of Syria")),
    ("Clashes between the Syrian army and Islamic State erupted near Palmyra.", "Clashes", S.ARMED_CLASH,
     ("Military Forces of Syria", ISIL)),
    ("Hezbollah and the Nusra Front clashed in the mountains.", "clashed", S.ARMED_CLASH,
     ("Hezbollah", "Al-Nusra Front (Jabhat al-Nusra)")),
    ("Regime helicopters dropped barrel bombs on a market, killing 12 civilians.", "dropped", S.AIR_DRONE_STRIKE,
     ("Military Forces of Syria", "Civilians (Syria)")),
    ("An Islamic State attack on the town was repelled by Kurdish fighters.", "attack", S.ARMED_CLASH,
     (ISIL, "Syrian Democratic Forces (SDF)")),
    ("Activists said regime forces shelled the rebel-held town.", "shelled", S.SHELLING,
     ("Military Forces of Syria", "Opposition Rebels (Syria)")),
    ("The army said it killed 20 Islamic State militants near Deir ez-Zor.", "killed", S.ARMED_CLASH,
     ("Military Forces of Syria", ISIL)),
    ("A suicide bomber blew himself up at a bakery in Hasakeh.", "blew himself up", S.SUICIDE_BOMB,
     ("Unidentified Armed Group (Syria)", "Civilians (Syria)")),
    ("Two soldiers killed in an ambush by militants near Homs.", "killed", S.ARMED_CLASH,
     ("Opposition Rebels (Syria)", "Military Forces of Syria")),
])
def test_actors_roles_in_active_passive_and_between_sentences(text: str, trigger: str, sub: SubEventType,
                                                             expected: tuple[str, str]) -> None:
    assert names(code(text, trigger, sub, "Syria")) == expected


@pytest.mark.parametrize(("text", "trigger", "sub", "country", "expected"), [
    ("Iraqi forces repelled an Islamic State attack on the dam.", "repelled", S.ARMED_CLASH, "Iraq",
     (ISIL, "Military Forces of Iraq")),
    ("Police are investigating a shooting that killed two men.", "shooting", S.ATTACK, "United States",
     ("Unidentified Armed Group (United States)", "Civilians (United States)")),
    ("Four policemen were kidnapped by the Army of National Liberation near the border.", "kidnapped",
     S.ABDUCTION, "Colombia", ("National Liberation Army (ELN)", "Police Forces of Colombia")),
    ("Russian and Syrian planes bombed the town.", "bombed", S.AIR_DRONE_STRIKE, "Syria",
     ("Military Forces of Syria", None)),
    ("The FSAs fighters attacked a checkpoint of the Nusra Front.", "attacked", S.ARMED_CLASH, "Syria",
     ("Free Syrian Army", "Al-Nusra Front (Jabhat al-Nusra)")),
    ("Salvadoran guerrillas bombed the embassy.", "bombed", S.REMOTE_EXPLOSIVE, "United States",
     ("Farabundo Marti National Liberation Front (FMLN)", "Civilians (United States)")),
    ("KHARKIV – Russian missiles struck a residential area in Kharkiv.", "missiles", S.SHELLING, "Ukraine",
     ("Military Forces of Russia", "Civilians (Ukraine)")),
    ("Sicarios of the Medellín cartel shot a judge in Medellín.", "shot", S.ATTACK, "Colombia",
     ("Medellin Cartel", "Civilians (Colombia)")),
    ("Ukrainian artillery shelled Russian positions near Bakhmut.", "shelled", S.SHELLING, "Ukraine",
     ("Military Forces of Ukraine", "Military Forces of Russia")),
    ("Air strikes hit a residential area of Kharkiv.", "hit", S.AIR_DRONE_STRIKE, "Ukraine",
     ("Military Forces of Russia", "Civilians (Ukraine)")),
    ("Let us say that gunmen attacked the village.", "attacked", S.ATTACK, "India",
     ("Unidentified Armed Group (India)", "Civilians (India)")),
    ("The governments of El Salvador and Guatemala condemned the attack by gunmen.", "attack", S.ATTACK,
     "El Salvador", ("Unidentified Armed Group (El Salvador)", "Civilians (El Salvador)")),
])
def test_actors_cues_and_readings(text: str, trigger: str, sub: SubEventType, country: str,
                                  expected: tuple[str, str | None]) -> None:
    """Defence verbs swap the sides, investigators are not participants, the longest phrase wins,
    a country's own forces lead its allies, short aliases keep their case, places are not actors."""
    assert names(code(text, trigger, sub, country)) == expected


def test_actors_russian_ally_is_associated() -> None:
    result = code("Russian and Syrian planes bombed the town.", "bombed", S.AIR_DRONE_STRIKE, "Syria")
    assert [(a.name, a.inter) for a in result.assoc_actor_1] == [("Military Forces of Russia", Inter.EXTERNAL_FORCES)]


def test_actors_helpers_become_associated_actors() -> None:
    result = code("The army, with the help of the National Defense Forces, recaptured the village "
                  "from Daesh.", "recaptured", S.GOVERNMENT_REGAINS_TERRITORY, "Syria")
    assert names(result) == ("Military Forces of Syria", ISIL)
    assert [a.name for a in result.assoc_actor_1] == ["National Defense Forces (NDF)"]


def test_actors_coordinated_initiators_share_a_side() -> None:
    result = code("Government forces and Hezbollah seized the plain outside the town.", "seized",
                  S.GOVERNMENT_REGAINS_TERRITORY, "Syria")
    assert result.actor1 is not None and result.actor1.name == "Military Forces of Syria"
    assert [a.name for a in result.assoc_actor_1] == ["Hezbollah"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Warplanes bombed villages of northern Syria near the border with Turkey.", ("Military Forces of Syria", None)),
    ("Anti-IS activists said warplanes bombed the villages.", ("Military Forces of Syria", None)),
    ("Warplanes bombed rebel-held villages near the border.",
     ("Military Forces of Syria", "Opposition Rebels (Syria)")),
    ("Warplanes bombed villages controlled by Islamic State, killing 5 civilians.",
     ("Military Forces of Syria", "Civilians (Syria)")),
])
def test_actors_places_and_qualifiers_are_not_participants(text: str, expected: tuple[str, str | None]) -> None:
    """Countries named as places are not actors; an actor holding the place hit is the other side
    only when no victims are named."""
    assert names(code(text, "bombed", S.AIR_DRONE_STRIKE, "Syria")) == expected
