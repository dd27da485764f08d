"""Roles of the actors around the trigger: coordinated actors grouped into chains, each chain
given a role from the cues around it ("by X": agent, "backed by X": helper, "X said": source,
"areas held by X": bystander) or from its place before or after the trigger."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from sitrep.actors.candidates import ARMED, Candidate
from sitrep.actors.sentence import Context, before_determiners, cue, cue_after, cue_before, gap, token_text, word_is_cue
from sitrep.actors.table import Kind
from sitrep.records import Inter


class Role(StrEnum):
    """Why a chain of actors is named in the sentence."""

    AGENT = "agent"  # named as the doer: "by X", "X air strike"
    HELPER = "helper"  # on the doer's side: "backed by X"
    SUBJECT = "subject"  # before the trigger
    OBJECT = "object"  # after the trigger, or the target of "against X"
    SOURCE = "source"  # quoted, not a participant: "X said", "according to X"
    BYSTANDER = "bystander"  # only places the event: "areas held by X"
    WITNESS = "witness"  # only reacts to the event: "police are investigating the shooting"


@dataclass(frozen=True, slots=True)
class Chain:
    """Coordinated actors ("X and Y", "X, Y and Z") sharing one role."""

    members: tuple[Candidate, ...]
    role: Role

    @property
    def first(self) -> int:
        return self.members[0].first

    @property
    def last(self) -> int:
        return self.members[-1].last


def _coordinated(ctx: Context, left: Candidate, right: Candidate) -> bool:
    """True when two actors are joined by a comma, "and" or the like ("X and the Y")."""
    if right.first == left.last:
        return gap(ctx.s, left.last - 1, right.first).strip() in (",", "&", "/")
    end = before_determiners(ctx.table, ctx.s, left.last, right.first)
    return end - left.last <= 2 and "ally" in cue(ctx.table, ctx.s, left.last, end)


def find_chains(ctx: Context, found: Sequence[Candidate], trigger: tuple[int, int]) -> list[Chain]:
    """Coordinated candidates grouped into chains (never across the trigger), each with its role."""
    groups: list[list[Candidate]] = []
    for c in found:
        if groups and _coordinated(ctx, groups[-1][-1], c) and \
                not (groups[-1][-1].last <= trigger[0] < c.first):
            groups[-1].append(c)
        else:
            groups.append([c])
    return [Chain(members=_domestic_first(g), role=_role(ctx, g, trigger)) for g in groups]


def _domestic_first(group: Sequence[Candidate]) -> tuple[Candidate, ...]:
    """ "Russian and Syrian planes" in Syria: the country's own forces lead, foreign allies follow."""
    if group[0].inter is Inter.EXTERNAL_FORCES:
        own = next((c for c in group if c.inter is Inter.STATE_FORCES), None)
        if own is not None:
            return (own, *(c for c in group if c is not own))
    return tuple(group)


def _role(ctx: Context, group: Sequence[Candidate], trigger: tuple[int, int]) -> Role:
    """A chain's role from the cues around it, else from its place relative to the trigger."""
    table, s = ctx.table, ctx.s
    first, last = group[0].first, group[-1].last
    if cue_before(table, s, first, "owner") or all(c.holder for c in group):
        return Role.BYSTANDER
    if cue_before(table, s, first, "agent") or (first < trigger[1] and last > trigger[0] and trigger[0] < trigger[1]):
        return Role.AGENT
    if cue_after(table, s, last, "speech", reach=2) or cue_before(table, s, first, "source"):
        return Role.SOURCE
    if _investigates(ctx, last):
        return Role.WITNESS
    if cue_before(table, s, first, "helper"):
        return Role.HELPER
    if all(c.kind is Kind.TARGET for c in group):
        return Role.OBJECT
    armed = any(c.inter in ARMED for c in group)
    if armed and cue_after(table, s, last, "weapon", reach=1) and not trigger[0] <= first < trigger[1]:
        return Role.AGENT
    if cue_before(table, s, first, "opponent") or cue_before(table, s, first, "between"):
        return Role.OBJECT
    return Role.SUBJECT if first < trigger[1] else Role.OBJECT


def _investigates(ctx: Context, last: int) -> bool:
    """True when the actor only reacts to the event: "police are investigating", "officers arrived"."""
    index = last
    while index < len(ctx.s.tokens) and (word_is_cue(ctx.table, ctx.s, index, "passive")
                                         or word_is_cue(ctx.table, ctx.s, index, "adverb")
                                         or token_text(ctx.s, index).lower() in ("have", "has", "had", "will")):
        index += 1
    return cue_after(ctx.table, ctx.s, index, "investigate", reach=1)
