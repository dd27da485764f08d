"""The two sides coded as ActorRefs, with ACLED's defaults for the sides still unnamed.

Civilians are the victims, unidentified armed groups the attackers, protesters and rioters the
crowd; defaults carry no evidence, which is how later stages tell them from actors named in the
text. Associated actors are the other members of each side.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from sitrep.actors.candidates import ARMED, Candidate, fill
from sitrep.actors.sentence import Context, char_span
from sitrep.actors.sides import VIOLENT, Sides
from sitrep.records import ActorRef, EventActors, EventType, Evidence, Inter, Mention, SubEventType

_CIVILIAN_DEFAULT = frozenset({SubEventType.SUICIDE_BOMB, SubEventType.REMOTE_EXPLOSIVE, SubEventType.GRENADE})
_POLICE_DEFAULT = frozenset({SubEventType.PROTEST_WITH_INTERVENTION, SubEventType.EXCESSIVE_FORCE})

_UNIDENTIFIED = ("Unidentified Armed Group ({country})", Inter.POLITICAL_MILITIAS)
_CIVILIANS = ("Civilians ({country})", Inter.CIVILIANS)
_PROTESTERS = ("Protesters ({country})", Inter.PROTESTERS)
_RIOTERS = ("Rioters ({country})", Inter.RIOTERS)
_POLICE = ("Police Forces of {of}", Inter.STATE_FORCES)


def code_sides(ctx: Context, mention: Mention, sides: Sides) -> EventActors:
    """The two sides as ActorRefs, with the defaults of the event type."""
    if mention.event_type in VIOLENT:
        one, two = _violent(ctx, mention, sides)
    elif mention.event_type in (EventType.PROTESTS, EventType.RIOTS):
        one, two = _demonstration(ctx, mention, sides)
        return EventActors(actor1=one, actor2=two)
    else:
        one, two = _strategic(ctx, mention, sides)
    mains = (one, two)
    return EventActors(
        actor1=one,
        actor2=two,
        assoc_actor_1=_associates(ctx, mention, [*sides.side1[1:], *sides.helpers], mains),
        assoc_actor_2=_associates(ctx, mention, sides.side2[1:], mains),
    )


def _violent(ctx: Context, mention: Mention, sides: Sides) -> tuple[ActorRef | None, ActorRef | None]:
    """Battles, explosions and violence against civilians: an unnamed attacker is an unidentified
    armed group, a victim named as a person is a civilian, and unnamed victims default by type."""
    one, two = _lead(ctx, mention, sides.side1), _lead(ctx, mention, sides.side2)
    if one is not None and one.inter is Inter.CIVILIANS:
        one = ActorRef(name=_default(ctx, *_UNIDENTIFIED).name, inter=_UNIDENTIFIED[1], evidence=one.evidence)
    if one is None:
        one = _default(ctx, *_UNIDENTIFIED)
    two = _distinct(one, two)
    if two is None:
        if mention.event_type is EventType.VIOLENCE_AGAINST_CIVILIANS or mention.sub_event_type in _CIVILIAN_DEFAULT:
            two = _default(ctx, *_CIVILIANS)
        elif mention.event_type is EventType.BATTLES and not one.name.startswith("Unidentified"):
            two = _default(ctx, *_UNIDENTIFIED)
    return one, two


def _demonstration(ctx: Context, mention: Mention, sides: Sides) -> tuple[ActorRef | None, ActorRef | None]:
    """Protests and riots: the protesters (or rioters) first, the force that met them second."""
    everyone = [*sides.side1, *sides.side2, *sides.helpers]
    crowd = frozenset({Inter.PROTESTERS, Inter.RIOTERS})
    if mention.event_type is EventType.PROTESTS:
        one = _first(ctx, mention, everyone, frozenset({Inter.PROTESTERS})) or _default(ctx, *_PROTESTERS)
        two = None
        if mention.sub_event_type in _POLICE_DEFAULT:
            two = _first(ctx, mention, everyone, ARMED) or _default(ctx, *_POLICE)
        return one, two
    rioters = _first(ctx, mention, everyone, crowd)
    one = _default(ctx, *_RIOTERS)
    if rioters is not None:
        one = replace(one, evidence=rioters.evidence)
    others = frozenset(Inter) - crowd
    return one, _first(ctx, mention, everyone, others)


def _strategic(ctx: Context, mention: Mention, sides: Sides) -> tuple[ActorRef | None, ActorRef | None]:
    """Strategic developments: the sides as found; arrests are made by the police when unnamed."""
    one, two = _lead(ctx, mention, sides.side1), _lead(ctx, mention, sides.side2)
    if one is None and mention.sub_event_type is SubEventType.ARRESTS:
        one = _default(ctx, *_POLICE)
    return one, _distinct(one, two)


def _lead(ctx: Context, mention: Mention, side: Sequence[Candidate]) -> ActorRef | None:
    """The main actor of a side, or None when the side is empty."""
    return _ref(ctx, mention, side[0]) if side else None


def _distinct(one: ActorRef | None, two: ActorRef | None) -> ActorRef | None:
    """The other side, unless it is the initiator again."""
    return None if two is not None and one is not None and two.name == one.name else two


def _first(ctx: Context, mention: Mention, found: Iterable[Candidate], inters: frozenset[Inter]) -> ActorRef | None:
    """The first actor of one of these classes, or None."""
    c = next((c for c in found if c.inter in inters), None)
    return _ref(ctx, mention, c) if c is not None else None


def _associates(ctx: Context, mention: Mention, found: Iterable[Candidate],
                exclude: Iterable[ActorRef | None]) -> tuple[ActorRef, ...]:
    """Associated actors: distinct from the main ones, civilians only beside civilians."""
    seen = {a.name for a in exclude if a is not None}
    victims = any(a is not None and a.inter is Inter.CIVILIANS for a in exclude)
    out = []
    for c in found:
        if c.name not in seen and (c.inter is not Inter.CIVILIANS or victims):
            seen.add(c.name)
            out.append(_ref(ctx, mention, c))
    return tuple(out)


def _ref(ctx: Context, mention: Mention, c: Candidate) -> ActorRef:
    """A candidate as an ActorRef with its evidence span."""
    start, end = c.span or char_span(ctx.s, c.first, c.last)
    evidence = Evidence(document_id=mention.document_id, start=start, end=end, text=ctx.s.original[start:end])
    return ActorRef(name=c.name, inter=c.inter, evidence=evidence)


def _default(ctx: Context, template: str, inter: Inter) -> ActorRef:
    """An actor the text leaves unnamed: rendered for the document's country, without evidence."""
    return ActorRef(name=fill(template, ctx.nation, ctx.country), inter=inter)
