"""Tests for sitrep.actors: alias normalisation, context rules, roles and ACLED defaults.

Sentences are written for these tests; mentions are built by hand (the trigger extractor is not
under test here). The table is the packaged one.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from sitrep.actors import ActorTable, Kind, load_actor_table, proper_names, resolve_actors
from sitrep.errors import ConfigError
from sitrep.records import (
    EVENT_TYPE_OF,
    Entity,
    EventActors,
    Evidence,
    Inter,
    Mention,
    Sentence,
    SubEventType,
)

SHARED = Path(__file__).resolve().parents[2] / "shared"
S = SubEventType


@pytest.fixture(scope="module")
def table() -> ActorTable:
    return load_actor_table()


def mention(text: str, trigger: str, sub: SubEventType, *, prefix: str = "") -> tuple[Mention, str]:
    """A mention of the sentence `text` (after an optional earlier sentence), triggered by `trigger`."""
    full = prefix + text
    start = len(prefix) + text.index(trigger)
    m = Mention(
        document_id="doc",
        sentence=Sentence(start=len(prefix), end=len(full), text=text),
        trigger=Evidence(document_id="doc", start=start, end=start + len(trigger), text=trigger),
        event_type=EVENT_TYPE_OF[sub],
        sub_event_type=sub,
        implementation="test",
    )
    return m, full


def actors(table: ActorTable, text: str, trigger: str, sub: SubEventType, country: str | None,
           **kwargs: object) -> EventActors:
    m, full = mention(text, trigger, sub)
    return resolve_actors(m, text=full, country=country, table=table, **kwargs)  # type: ignore[arg-type]


def names(result: EventActors) -> tuple[str | None, str | None]:
    return (result.actor1.name if result.actor1 else None, result.actor2.name if result.actor2 else None)


ISIL = "Islamic State in Iraq and the Levant (ISIL)"


@pytest.mark.parametrize("alias", ["ISIS", "IS", "Islamic State", "Daesh", "ISIL", "Isis", "Daech"])
def test_actors_aliases_of_islamic_state_share_one_name(table: ActorTable, alias: str) -> None:
    result = actors(table, f"{alias} fighters attacked army posts near Raqqa.", "attacked", S.ARMED_CLASH, "Syria")
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
def test_actors_context_rules_name_the_initiator(table: ActorTable, text: str, trigger: str, country: str,
                                                expected: str) -> None:
    assert names(actors(table, text, trigger, S.SHELLING, country))[0] == expected


@pytest.mark.parametrize(("text", "country", "inter"), [
    ("Russian jets bombed the village.", "Syria", Inter.EXTERNAL_FORCES),
    ("Syrian jets bombed the village.", "Syria", Inter.STATE_FORCES),
    ("US-led coalition aircraft bombed the village.", "Syria", Inter.EXTERNAL_FORCES),
    ("Rebels bombed the village.", "Syria", Inter.REBEL_GROUPS),
    ("The National Defense Forces bombed the village.", "Syria", Inter.POLITICAL_MILITIAS),
])
def test_actors_inter_codes_and_foreign_state_forces(table: ActorTable, text: str, country: str, inter: Inter) -> None:
    result = actors(table, text, "bombed", S.AIR_DRONE_STRIKE, country)
    assert result.actor1 is not None and result.actor1.inter is inter


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
def test_actors_roles_in_active_passive_and_between_sentences(table: ActorTable, text: str, trigger: str,
                                                             sub: SubEventType, expected: tuple[str, str]) -> None:
    assert names(actors(table, text, trigger, sub, "Syria")) == expected


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
def test_actors_cues_and_readings(table: ActorTable, text: str, trigger: str, sub: SubEventType, country: str,
                                  expected: tuple[str, str | None]) -> None:
    """Defence verbs swap the sides, investigators are not participants, the longest phrase wins,
    a country's own forces lead its allies, short aliases keep their case, places are not actors."""
    assert names(actors(table, text, trigger, sub, country)) == expected


def test_actors_russian_ally_is_associated(table: ActorTable) -> None:
    result = actors(table, "Russian and Syrian planes bombed the town.", "bombed", S.AIR_DRONE_STRIKE, "Syria")
    assert [(a.name, a.inter) for a in result.assoc_actor_1] == [("Military Forces of Russia", Inter.EXTERNAL_FORCES)]


@pytest.mark.parametrize(("before", "text", "trigger", "sub", "expected"), [
    ("Hezbollah fighters moved into the valley on Monday. ", "The group also shelled two villages.", "shelled",
     S.SHELLING, ("Hezbollah", None)),
    ("Shining Path guerrillas have stepped up their campaign. ", "A bomb exploded at a bank in Lima.", "exploded",
     S.REMOTE_EXPLOSIVE, ("Shining Path (Sendero Luminoso)", "Civilians (Peru)")),
    ("Rebels hold the hills around the town. ", "Government troops attacked at dawn.", "attacked",
     S.ARMED_CLASH, ("Military Forces of Peru", "Shining Path (Sendero Luminoso)")),
])
def test_actors_earlier_sentences_fill_unnamed_sides(table: ActorTable, before: str, text: str, trigger: str,
                                                     sub: SubEventType, expected: tuple[str, str | None]) -> None:
    """'The group' names the last armed group before it; an attack with no named perpetrator takes
    the named group the text was just about; a battle's missing side is the last other armed actor."""
    m, full = mention(text, trigger, sub, prefix=before)
    result = resolve_actors(m, text=full, country="Peru", table=table)
    assert names(result) == expected
    assert result.actor1 is not None and result.actor1.evidence is not None
    assert full[result.actor1.evidence.start:result.actor1.evidence.end] == result.actor1.evidence.text


def test_actors_helpers_become_associated_actors(table: ActorTable) -> None:
    result = actors(table, "The army, with the help of the National Defense Forces, recaptured the village "
                    "from Daesh.", "recaptured", S.GOVERNMENT_REGAINS_TERRITORY, "Syria")
    assert names(result) == ("Military Forces of Syria", ISIL)
    assert [a.name for a in result.assoc_actor_1] == ["National Defense Forces (NDF)"]


def test_actors_coordinated_initiators_share_a_side(table: ActorTable) -> None:
    result = actors(table, "Government forces and Hezbollah seized the plain outside the town.", "seized",
                    S.GOVERNMENT_REGAINS_TERRITORY, "Syria")
    assert result.actor1 is not None and result.actor1.name == "Military Forces of Syria"
    assert [a.name for a in result.assoc_actor_1] == ["Hezbollah"]


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
def test_actors_defaults_fill_unnamed_sides(table: ActorTable, text: str, trigger: str, sub: SubEventType,
                                           country: str | None, expected: tuple[str, str | None]) -> None:
    assert names(actors(table, text, trigger, sub, country)) == expected


def test_actors_defaults_carry_no_evidence_and_named_actors_do(table: ActorTable) -> None:
    m, full = mention("Gunmen attacked a village.", "attacked", S.ATTACK, prefix="Earlier news. ")
    result = resolve_actors(m, text=full, country="Mali", table=table)
    assert result.actor1 is not None and result.actor1.evidence is not None
    assert full[result.actor1.evidence.start:result.actor1.evidence.end] == "Gunmen"
    assert result.actor2 is not None and result.actor2.evidence is None


@pytest.mark.parametrize("text", [
    "The town is under siege and the army shelled it on Sunday.",
    "It is said that the army shelled the town, which is near the border.",
    "THE ARMY SHELLED THE TOWN, WHICH IS NEAR THE BORDER, AND IS STILL THERE.",
])
def test_actors_the_verb_is_never_names_islamic_state(table: ActorTable, text: str) -> None:
    trigger = "shelled" if "shelled" in text else "SHELLED"
    result = actors(table, text, trigger, S.SHELLING, "Syria")
    found = [a.name for a in (result.actor1, result.actor2, *result.assoc_actor_1, *result.assoc_actor_2) if a]
    assert ISIL not in found


def test_actors_upper_case_wire_text(table: ActorTable) -> None:
    text = "FIFTY PEASANTS HAVE BEEN KIDNAPPED BY TERRORISTS OF THE FARABUNDO MARTI NATIONAL LIBERATION FRONT."
    result = actors(table, text, "KIDNAPPED", S.ABDUCTION, "El Salvador")
    assert names(result) == ("Farabundo Marti National Liberation Front (FMLN)", "Civilians (El Salvador)")


@pytest.mark.parametrize(("text", "expected"), [
    ("Warplanes bombed villages of northern Syria near the border with Turkey.", ("Military Forces of Syria", None)),
    ("Anti-IS activists said warplanes bombed the villages.", ("Military Forces of Syria", None)),
    ("Warplanes bombed rebel-held villages near the border.",
     ("Military Forces of Syria", "Opposition Rebels (Syria)")),
    ("Warplanes bombed villages controlled by Islamic State, killing 5 civilians.",
     ("Military Forces of Syria", "Civilians (Syria)")),
])
def test_actors_places_and_qualifiers_are_not_participants(table: ActorTable, text: str,
                                                           expected: tuple[str, str | None]) -> None:
    """Countries named as places are not actors; an actor holding the place hit is the other side
    only when no victims are named."""
    assert names(actors(table, text, "bombed", S.AIR_DRONE_STRIKE, "Syria")) == expected


def test_actors_entity_spans_name_groups_missing_from_the_table(table: ActorTable) -> None:
    text = "The Liwa al-Fath militia shelled the village."
    start = text.index("Liwa")
    entity = Entity(text="Liwa al-Fath militia", label="ORG", start=start, end=start + 20)
    result = actors(table, text, "shelled", S.SHELLING, "Syria", entities=[entity])
    assert result.actor1 is not None and result.actor1.name == "Liwa al-Fath militia"
    assert result.actor1.inter is Inter.POLITICAL_MILITIAS


def test_actors_proper_names_for_recasing(table: ActorTable) -> None:
    words = proper_names(table)
    assert {"fmln", "farabundo", "hezbollah", "salvadoran"} <= words
    assert not {"national", "front", "army"} & words


def test_actors_table_has_one_reading_per_phrase_and_country(table: ActorTable) -> None:
    """No phrase names two actors in the same place: two unrestricted named actors, two generic
    templates, a named actor and a generic one, or two rows restricted to the same country."""
    ambiguous = []
    for key, rules in table.phrases.items():
        named = {r.template for r in rules if not r.only_in and r.kind is Kind.NAMED}
        generic = {r.template for r in rules if not r.only_in and r.kind not in (Kind.NAMED, Kind.NATION)}
        countries = [c for r in rules for c in r.only_in]
        local = {c for c in countries if len({r.template for r in rules if c in r.only_in}) > 1}
        if len(named) > 1 or len(generic) > 1 or (named and generic) or local:
            ambiguous.append(key)
    assert not ambiguous


def test_actors_bad_table_raises_config_error(tmp_path: Path) -> None:
    aliases = tmp_path / "actor_aliases.tsv"
    aliases.write_text("Some Group\t2\n", encoding="utf-8")
    (tmp_path / "actor_context.tsv").write_text("", encoding="utf-8")
    with pytest.raises(ConfigError, match="columns"):
        load_actor_table(aliases)


def _norm(s: str) -> str:
    folded = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return " ".join(folded.lower().split())


def _name_ok(pred: str, aliases: list[str]) -> bool:
    """The scorer's rule: the predicted name contains an alias (whole words for short ones)."""
    p = _norm(pred)
    return any(p == a or (len(a) > 3 and a in p) or re.search(rf"(?<![a-z0-9]){re.escape(a)}(?![a-z0-9])", p)
               for a in map(_norm, aliases))


def _resolves(table: ActorTable, alias: str, aliases: list[str]) -> bool:
    """An alias, written as a name in a plain sentence, resolves to a name the gold accepts, as the
    attacker or as the victim."""
    written = " ".join(w[:1].upper() + w[1:] for w in alias.split(" ")) if alias.islower() else alias
    one = actors(table, f"Later {written} attacked the town.", "attacked", S.ARMED_CLASH, "Syria").actor1
    two = actors(table, f"Gunmen attacked the {alias} near the town.", "attacked", S.ATTACK, "Syria").actor2
    return any(a is not None and _name_ok(a.name, aliases) for a in (one, two))


@pytest.mark.corpus
@pytest.mark.skipif(not (SHARED / "gold" / "dev" / "fakes-rich.jsonl").exists(),
                    reason="needs ../shared/gold (the dev gold), absent from a plain clone")
def test_actors_canonical_names_match_gold_aliases(table: ActorTable) -> None:
    """Every gold actor of the dev gold has an alias that resolves to a name the scorer accepts."""
    lists = set()
    for line in (SHARED / "gold" / "dev" / "fakes-rich.jsonl").read_text(encoding="utf-8").splitlines():
        for event in json.loads(line)["events"]:
            lists.update(tuple(event[k]) for k in ("actor1", "actor2") if k in event)
    missed = [aliases[0] for aliases in sorted(lists)
              if not any(_resolves(table, alias, list(aliases)) for alias in aliases)]
    assert not missed
