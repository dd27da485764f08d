"""The two sides of an event from the roles of the actors around its trigger.

The initiator (side 1) is the agent after a passive "by", the actor right before a weapon noun
("regime air strikes"), or the nearest actor before an active trigger; the other side is the
nearest actor after the trigger, the subject of a passive one, or the victims named in the
sentence. "backed by X" and coordination ("X and Y") add associated actors; "between X and Y"
names both sides; a defence trigger ("X repelled Y's attack") swaps them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from sitrep.actors.candidates import ARMED, Candidate
from sitrep.actors.roles import Chain, Role
from sitrep.actors.sentence import Context, cue_before, word_is_cue
from sitrep.actors.table import Kind
from sitrep.actors.trigger import clause_span, is_defence, is_passive, is_symmetric, passive_between
from sitrep.records import EventType, Inter, Mention, SubEventType

VIOLENT = frozenset({EventType.BATTLES, EventType.EXPLOSIONS, EventType.VIOLENCE_AGAINST_CIVILIANS})
_TERRITORY = frozenset({SubEventType.GOVERNMENT_REGAINS_TERRITORY, SubEventType.NON_STATE_ACTOR_OVERTAKES_TERRITORY,
                        SubEventType.NON_VIOLENT_TRANSFER})
_STARTERS = frozenset({Role.AGENT, Role.SUBJECT})
_PASSIVE_ROLES = frozenset({Role.HELPER, Role.SOURCE, Role.BYSTANDER, Role.WITNESS})


@dataclass(frozen=True, slots=True)
class Sides:
    """The actors of each side, first the main one, and those around them."""

    side1: tuple[Candidate, ...] = ()
    side2: tuple[Candidate, ...] = ()
    helpers: tuple[Candidate, ...] = ()
    sources: tuple[Candidate, ...] = ()
    holders: tuple[Candidate, ...] = ()  # actors holding the place hit: a last-resort other side


def find_sides(ctx: Context, mention: Mention, chains: Sequence[Chain], trigger: tuple[int, int]) -> Sides:
    """The two sides of the mention's event, from the chains around its trigger (token range)."""
    territory = mention.sub_event_type in _TERRITORY
    return _adjust(ctx, mention, chains, _sides(ctx, chains, trigger, territory=territory), trigger)


def _sides(ctx: Context, chains: Sequence[Chain], trigger: tuple[int, int], *, territory: bool) -> Sides:
    """The two sides of the event from the roles of the chains around the trigger."""
    helpers, sources, holders = (_members(chains, role) for role in (Role.HELPER, Role.SOURCE, Role.BYSTANDER))
    explicit = _between(ctx, chains)
    if explicit is not None:
        return replace(explicit, helpers=helpers, sources=sources, holders=holders)
    active = [ch for ch in chains if ch.role not in _PASSIVE_ROLES]
    passive = is_passive(ctx, trigger, active)
    ones = _initiators(ctx, active, trigger, passive=passive)
    strong = next((ch for ch in ones if not _weak(ch) and not _victims(ch)), None)
    one = strong or _pronoun_subject(ctx, chains, trigger) or _air_power(chains) or (ones[0] if ones else None)
    if one is None and helpers:
        one, helpers = Chain(members=helpers[:1], role=Role.AGENT), helpers[1:]
    name = one.members[0].name if one else None
    two = next((ch for ch in _targets(ctx, active, trigger, passive=passive)
                if ch is not one and ch.members[0].name != name), None)
    if one is None and is_symmetric(ctx, trigger):
        one, two = _two_sides(active)
    if is_defence(ctx, trigger) and not territory:
        one, two = two, one
    return Sides(side1=one.members if one else (), side2=two.members if two else (),
                 helpers=helpers, sources=sources, holders=holders)


def _members(chains: Sequence[Chain], role: Role) -> tuple[Candidate, ...]:
    """The actors of the chains of one role, in order."""
    return tuple(c for ch in chains if ch.role is role for c in ch.members)


def _adjust(ctx: Context, mention: Mention, chains: Sequence[Chain], sides: Sides,
            trigger: tuple[int, int]) -> Sides:
    """Two sides named together by a symmetric trigger ("X and Y clashed") are split; victims named
    anywhere in the sentence become the other side of a violent event that has none."""
    if not sides.side2 and len(sides.side1) >= 2 and is_symmetric(ctx, trigger):
        sides = replace(sides, side1=sides.side1[:1], side2=sides.side1[1:2])
    if sides.side2 or mention.event_type not in VIOLENT:
        return sides
    taken = {id(c) for c in (*sides.side1, *sides.helpers, *sides.sources)}
    victims = [c for ch in chains for c in ch.members if c.inter is Inter.CIVILIANS and id(c) not in taken]
    if victims:
        return replace(sides, side2=tuple(victims[:1]))
    one = sides.side1[0].name if sides.side1 else None
    holders = [c for c in sides.holders if c.name != one and c.inter in ARMED]
    if holders and mention.event_type is not EventType.VIOLENCE_AGAINST_CIVILIANS:
        return replace(sides, side2=tuple(holders[:1]))
    return sides


def _by_distance(chains: Iterable[Chain], trigger: tuple[int, int], *, before: bool) -> list[Chain]:
    """Chains on one side of the trigger, nearest first."""
    if before:
        return sorted((c for c in chains if c.first < trigger[1]), key=lambda c: -c.first)
    return sorted((c for c in chains if c.first >= trigger[1]), key=lambda c: c.first)


def _between(ctx: Context, chains: Sequence[Chain]) -> Sides | None:
    """ "clashes between X and Y": the first two members of a chain after "between"."""
    for chain in chains:
        if len(chain.members) >= 2 and cue_before(ctx.table, ctx.s, chain.first, "between"):
            return Sides(side1=chain.members[:1], side2=chain.members[1:2])
    return None


def _weak(chain: Chain) -> bool:
    """Aircraft and air strikes of no named state name the document's state only when nothing
    else is named."""
    return all(c.kind is Kind.AIRCRAFT and not c.bound for c in chain.members)


def _ranked(chains: Iterable[Chain]) -> list[Chain]:
    """Chains in order, named actors before weak ones, victims last."""
    chains = list(chains)
    strong = [ch for ch in chains if not _weak(ch) and not _victims(ch)]
    return strong + [ch for ch in chains if _weak(ch)] + [ch for ch in chains if _victims(ch) and not _weak(ch)]


def _victims(chain: Chain) -> bool:
    """True when the chain names only civilians."""
    return all(c.inter is Inter.CIVILIANS for c in chain.members)


def _initiators(ctx: Context, active: Sequence[Chain], trigger: tuple[int, int], *, passive: bool) -> list[Chain]:
    """Chains that may start the event, best first: agents in the clause, then the subject (or,
    for a passive trigger, an armed actor after it), then weak and pronoun-linked ones."""
    start, end = clause_span(ctx, trigger)
    agents = [ch for ch in active if ch.role is Role.AGENT and start <= ch.first < end
              and not passive_between(ctx, trigger[1], ch.first)]
    if passive:
        others = [ch for ch in _by_distance(active, trigger, before=False)
                  if ch.role is Role.OBJECT and not _victims(ch)]
    else:
        before = [ch for ch in _by_distance(active, trigger, before=True) if ch.role is Role.SUBJECT]
        others = [ch for ch in before if ch.first >= start]
        if not others:
            others = before  # "X then started bombing ...", "X entered the town after launching an offensive"
    modifier = [] if passive else [ch for ch in active if ch.last == trigger[0] and ch.role in _STARTERS]
    return _ranked([*modifier, *_by_distance(agents, trigger, before=False),
                    *_by_distance(agents, trigger, before=True), *others])


def _targets(ctx: Context, active: Sequence[Chain], trigger: tuple[int, int], *, passive: bool) -> list[Chain]:
    """Chains that may be the other side, best first: the passive subject, objects in the clause,
    then objects and subjects elsewhere in the sentence."""
    _, end = clause_span(ctx, trigger)
    subjects = _by_distance([ch for ch in active if ch.role is Role.SUBJECT], trigger, before=True)
    objects = [ch for ch in active if ch.role is Role.OBJECT]
    near = [ch for ch in _by_distance(objects, trigger, before=False) if ch.first < end]
    agents = [ch for ch in active if ch.role is Role.AGENT]
    ranked = [*(subjects if passive else []), *near, *_by_distance(objects, trigger, before=True), *subjects,
              *agents]
    return [ch for ch in ranked if not _weak(ch)] + [ch for ch in ranked if _weak(ch)]


def _two_sides(chains: Sequence[Chain]) -> tuple[Chain | None, Chain | None]:
    """ "A battle broke out when rebels stormed regime positions": the first two armed actors
    named anywhere in the sentence, in order."""
    armed = [ch for ch in sorted(chains, key=lambda ch: ch.first) if not _victims(ch) and not _weak(ch)]
    two = next((ch for ch in armed[1:] if armed[0].members[0].name != ch.members[0].name), None)
    return (armed[0] if armed else None), two


def _air_power(chains: Sequence[Chain]) -> Chain | None:
    """For air strikes of no named state: a state's forces named elsewhere in the sentence, a
    foreign one first ("the US military is investigating reports that air strikes killed ...")."""
    if not any(_weak(ch) for ch in chains):
        return None
    states = [c for ch in chains if ch.role is not Role.BYSTANDER for c in ch.members
              if c.inter in (Inter.STATE_FORCES, Inter.EXTERNAL_FORCES) and not _weak(Chain((c,), ch.role))]
    states.sort(key=lambda c: c.inter is not Inter.EXTERNAL_FORCES)
    return Chain(members=(states[0],), role=Role.AGENT) if states else None


def _pronoun_subject(ctx: Context, chains: Sequence[Chain], trigger: tuple[int, int]) -> Chain | None:
    """An armed actor a pronoun refers back to: "the army said it killed 20 militants", "the
    coalition, which ..., said it carried out strikes"."""
    pronoun = next((i for i in range(trigger[0] - 1, -1, -1) if word_is_cue(ctx.table, ctx.s, i, "pronoun")), None)
    if pronoun is None:
        return None
    for chain in _by_distance(chains, (pronoun, pronoun), before=True):
        if chain.role not in (Role.HELPER, Role.BYSTANDER, Role.WITNESS) \
                and any(c.inter in ARMED for c in chain.members):
            return Chain(members=chain.members, role=Role.AGENT)
    return None
