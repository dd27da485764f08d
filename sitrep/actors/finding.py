"""All actors named in a sentence: table phrases, groups missing from the table, merged where
two phrases name one actor ("IS fighters", "fighters of the Nusra Front", "its fighters")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sitrep.actors.candidates import ARMED, Candidate, table_candidates
from sitrep.actors.phrases import find_spots
from sitrep.actors.sentence import Context, before_determiners, cue, gap, word_is_cue
from sitrep.actors.table import Kind
from sitrep.actors.unlisted import entity_tokens, unknown_groups
from sitrep.records import Entity, Inter


def find_candidates(ctx: Context, entities: Sequence[Entity]) -> list[Candidate]:
    """All actors named in the sentence, in text order."""
    spots = find_spots(ctx.s, ctx.table)
    unknown = unknown_groups(ctx, spots, entity_tokens(ctx, entities))
    covered = {i for c in unknown for i in range(c.first, c.last)}
    found = [c for c in table_candidates(ctx, spots) if not covered.intersection(range(c.first, c.last))]
    return _possessed(ctx, _merge(ctx, [*found, *unknown]))


def _possessed(ctx: Context, found: Sequence[Candidate]) -> list[Candidate]:
    """ "The M23 said its fighters took the town": a generic armed actor after "its" or "their" is
    the named armed actor named before it in the sentence."""
    out: list[Candidate] = []
    for c in found:
        owner = next((o for o in reversed(out) if o.kind is Kind.NAMED and o.inter in ARMED), None)
        if owner is not None and _generic(c) and c.inter in ARMED and c.first > 0 \
                and word_is_cue(ctx.table, ctx.s, c.first - 1, "possessive"):
            c = replace(owner, first=c.first, last=c.last, span=None)
        out.append(c)
    return out


def _generic(c: Candidate) -> bool:
    """A generic actor ("troops", "gunmen"), not a named one."""
    return c.kind is not Kind.NAMED


def _adjacent(ctx: Context, left: Candidate, right: Candidate) -> bool:
    """True when two actors are one noun phrase ("Hezbollah fighters", "rebel group Jaish al-Islam")."""
    if right.first == left.last:
        return gap(ctx.s, left.last - 1, right.first).strip() in ("", "-", "'")
    return (right.first == left.last + 1 and _generic(left) and not _generic(right)
            and "head" in cue(ctx.table, ctx.s, left.last, right.first))


def _partitive(ctx: Context, left: Candidate, right: Candidate) -> bool:
    """True for "fighters of the Nusra Front", "militants loyal to IS": a generic noun, then a named one."""
    if not (_generic(left) and not _generic(right)) or left.inter is Inter.CIVILIANS:
        return False
    end = before_determiners(ctx.table, ctx.s, left.last, right.first)
    return 1 <= end - left.last <= 6 and "partitive" in cue(ctx.table, ctx.s, left.last, end)


def _head(left: Candidate, right: Candidate) -> Candidate:
    """The actor a two-part noun phrase names: the named part, unless the head names victims."""
    if right.inter is Inter.CIVILIANS and left.inter is not Inter.CIVILIANS:
        return replace(right, first=left.first)
    if _generic(left) and not _generic(right):
        return replace(right, first=left.first)
    return replace(left, last=right.last)


def _merge(ctx: Context, found: Sequence[Candidate]) -> list[Candidate]:
    """Candidates that name one actor merged: noun phrases ("IS fighters") and partitives."""
    out: list[Candidate] = []
    for c in sorted(found, key=lambda c: c.first):
        if out and _adjacent(ctx, out[-1], c) and (_generic(out[-1]) or _generic(c)):
            out[-1] = _head(out[-1], c)
        elif out and _partitive(ctx, out[-1], c):
            out[-1] = replace(c, first=out[-1].first)
        else:
            out.append(c)
    return out
