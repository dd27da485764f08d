"""The stage: a mention's actors, from its sentence and the text just before it.

Text before the sentence fills in "the group" or "it", an attack whose perpetrator the sentence
leaves unnamed (unless the document says nobody claimed it) and a battle's missing side.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sitrep.actors.candidates import ARMED, Candidate
from sitrep.actors.coding import code_sides
from sitrep.actors.finding import find_candidates
from sitrep.actors.roles import find_chains
from sitrep.actors.sentence import Context, char_span, prepare
from sitrep.actors.sides import VIOLENT, Sides, find_sides
from sitrep.actors.table import ActorTable, Kind
from sitrep.actors.text import fold, squash
from sitrep.actors.trigger import is_anaphor, trigger_tokens
from sitrep.records import Entity, EventActors, EventType, Mention

ANTECEDENT_CHARS = 600  # how far back "the group" or "it" looks for the actor it names


def resolve_actors(
    mention: Mention,
    *,
    text: str,
    country: str | None,
    table: ActorTable,
    entities: Sequence[Entity] = (),
) -> EventActors:
    """The actors of a mention, found in its sentence: initiator, other side and their associates.

    `text` is the document's clean text (the mention's offsets point into it), `country` the
    document's focus country as the gazetteer names it (it names unnamed and generic actors:
    "troops" in Syria are "Military Forces of Syria"), `entities` the NER entities of the document.
    """
    sentence = mention.sentence
    country_key = squash(country or "")
    ctx = Context(table=table, s=prepare(text, sentence.start, sentence.end), country=country,
                  country_key=country_key, nation=table.nations.get(country_key))
    trigger = trigger_tokens(ctx.s, mention.trigger)
    chains = find_chains(ctx, find_candidates(ctx, entities), trigger)
    sides = _from_earlier_text(ctx, mention, find_sides(ctx, mention, chains, trigger), trigger, text)
    return code_sides(ctx, mention, sides)


def _from_earlier_text(ctx: Context, mention: Mention, sides: Sides, trigger: tuple[int, int], text: str) -> Sides:
    """Sides the sentence leaves unnamed, filled from the text just before it: the doer that "the
    group" or an unclaimed attack stands for, and the other side of a battle."""
    start = mention.sentence.start
    if not sides.side1 and (is_anaphor(ctx, trigger) or (mention.event_type in VIOLENT and not _unclaimed(ctx, text))):
        sides = replace(sides, side1=_antecedent(ctx, start, text, named=True,
                                                 other_than=sides.side2[0].name if sides.side2 else None))
    if sides.side1 and not sides.side2 and mention.event_type is EventType.BATTLES:
        sides = replace(sides, side2=_antecedent(ctx, start, text, named=False, other_than=sides.side1[0].name))
    return sides


def _unclaimed(ctx: Context, text: str) -> bool:
    """True when the document says nobody claimed the attack ("no group has claimed responsibility")."""
    lowered = " ".join(fold(text).lower().split())
    return any(phrase in lowered for phrase in ctx.table.unclaimed)


def _antecedent(ctx: Context, start: int, text: str, *, named: bool,
                other_than: str | None) -> tuple[Candidate, ...]:
    """The last armed actor (a named one when `named`) in the text just before the sentence: whom
    "the group" stands for, or the other side of a battle the sentence names one side of. Its
    offsets point into the earlier text."""
    before = replace(ctx, s=prepare(text, max(0, start - ANTECEDENT_CHARS), start))
    found = [c for c in find_candidates(before, ()) if c.inter in ARMED and c.name != other_than and not c.holder
             and (c.kind is Kind.NAMED or not named)
             and not (c.kind is Kind.AIRCRAFT and not c.bound)]
    if not found:
        return ()
    c = found[-1]
    return (replace(c, span=char_span(before.s, c.first, c.last)),)
