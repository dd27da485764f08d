"""Tests for sitrep.actors.coding and sitrep.actors.resolve: ACLED's defaults for unnamed sides,
evidence on named actors only, and sides filled from the text before the sentence."""

from __future__ import annotations

import pytest

from sitrep.actors import load_actor_table, resolve_actors
from sitrep.records import SubEventType
from sitrep.records import SubEventType as S
from tests.actors_factory import code, mention, names


@pytest.mark.parametrize(("text", "trigger", "sub", "country", "expected"), [
    ("Unknown attackers killed a shopkeeper in the market.", "killed", S.ATTACK, "Iraq",
     ("Unidentified Armed Group (Iraq)", "Civilians (Iraq)")),
    ("A gunman opened fire at a bar, killing two men.", "opened fire", S.ATTACK, "United States",
     ("Unidentified Armed Group (United States)", "Civilians (United States)")),
    ("A 25-year-old man was shot and killed on Main Street, police said.", "shot", S.ATTACK, "United States",
     ("Unidentified Armed Group (United States)", "Civilians (United States)")),
    ("A bomb exploded near the bus station.", "exploded", S.REMOTE_EXPLOSIVE, "Pakistan",
     ("Unidentified Armed Group (Pakistan)", "Civilians (Pakistan)")),
    ("Hundreds marched through the capital to demand reforms.", "marched", S.PEACEFUL_PROTEST, "Kenya",
     ("Protesters (Kenya)", None)),
    ("Police fired tear gas at demonstrators in the capital.", "fired tear gas", S.PROTEST_WITH_INTERVENTION,
     "Kenya", ("Protesters (Kenya)", "Police Forces of Kenya")),
    ("Crowds set fire to shops in the capital.", "set fire", S.VIOLENT_DEMONSTRATION, "Kenya",
     ("Rioters (Kenya)", None)),
    ("Villagers were abducted from their homes.", "abducted", S.ABDUCTION, None,
     ("Unidentified Armed Group", "Civilians")),
])
def test_actors_defaults_fill_unnamed_sides(text: str, trigger: str, sub: SubEventType, country: str | None,
                                           expected: tuple[str, str | None]) -> None:
    assert names(code(text, trigger, sub, country)) == expected


def test_actors_defaults_carry_no_evidence_and_named_actors_do() -> None:
    m, full = mention("Gunmen attacked a village.", "attacked", S.ATTACK, prefix="Earlier news. ")
    result = resolve_actors(m, text=full, country="Mali", table=load_actor_table())
    assert result.actor1 is not None and result.actor1.evidence is not None
    assert full[result.actor1.evidence.start:result.actor1.evidence.end] == "Gunmen"
    assert result.actor2 is not None and result.actor2.evidence is None


@pytest.mark.parametrize(("before", "text", "trigger", "sub", "expected"), [
    ("Hezbollah fighters moved into the valley on Monday. ", "The group also shelled two villages.", "shelled",
     S.SHELLING, ("Hezbollah", None)),
    ("Shining Path guerrillas have stepped up their campaign. ", "A bomb exploded at a bank in Lima.", "exploded",
     S.REMOTE_EXPLOSIVE, ("Shining Path (Sendero Luminoso)", "Civilians (Peru)")),
    ("Rebels hold the hills around the town. ", "Government troops attacked at dawn.", "attacked",
     S.ARMED_CLASH, ("Military Forces of Peru", "Shining Path (Sendero Luminoso)")),
])
def test_actors_earlier_sentences_fill_unnamed_sides(before: str, text: str, trigger: str, sub: SubEventType,
                                                     expected: tuple[str, str | None]) -> None:
    """'The group' names the last armed group before it; an attack with no named perpetrator takes
    the named group the text was just about; a battle's missing side is the last other armed actor."""
    m, full = mention(text, trigger, sub, prefix=before)
    result = resolve_actors(m, text=full, country="Peru", table=load_actor_table())
    assert names(result) == expected
    assert result.actor1 is not None and result.actor1.evidence is not None
    assert full[result.actor1.evidence.start:result.actor1.evidence.end] == result.actor1.evidence.text
