"""Named groups missing from the table ("the Sawaiq al-Rahman Brigade"): entity spans and
capitalised names that end in a head word ("Brigade", "Front", "Cartel")."""

from __future__ import annotations

from collections.abc import Sequence

from sitrep.actors.candidates import Candidate
from sitrep.actors.phrases import Spot
from sitrep.actors.sentence import Context, cue, joins, span_text, token_text, word_is_cue
from sitrep.actors.table import Kind
from sitrep.records import Entity, Inter

_ENTITY_LABELS = frozenset({"ORG", "NORP"})

_PARTICLES = frozenset({"al", "el", "ad", "ag", "an", "ar", "as", "ash", "at", "az", "ibn", "bin", "abu",
                        "de", "del", "la", "los", "las", "of", "y", "e", "wal", "wa", "li"})


def _head_at(ctx: Context, index: int, *, capitalised: bool) -> tuple[int, Inter] | None:
    """When a group-name head word ("Brigade", "Self-Defense") ends at token index: its first token
    and the class it gives."""
    if capitalised and not token_text(ctx.s, index)[:1].isupper():
        return None
    for size in (2, 1):
        roles = cue(ctx.table, ctx.s, index - size + 1, index + 1)
        if "head" in roles:
            return index - size + 1, roles["head"] or Inter.REBEL_GROUPS
    return None


def _name_start(ctx: Context, head_first: int, blocked: set[int]) -> int | None:
    """The first token of a capitalised name ending in a head word, or None when there is none."""
    first = head_first
    while first > 0 and first - 1 not in blocked and joins(ctx.s, first - 1, first + 1) \
            and head_first - first < 5:
        word = token_text(ctx.s, first - 1)
        if word.lower() in _PARTICLES and first - 1 > 0 and not ctx.s.caps:
            first -= 1
            continue
        if not word[:1].isupper() or word_is_cue(ctx.table, ctx.s, first - 1, "determiner"):
            break
        first -= 1
    while first < head_first and token_text(ctx.s, first).lower() in _PARTICLES:
        first += 1
    proper = any("common" not in cue(ctx.table, ctx.s, i, i + 1) for i in range(first, head_first))
    return first if first < head_first and proper else None


def _proper(ctx: Context, first: int, last: int) -> str:
    """The surface of a name, title-cased when the sentence is in capitals."""
    surface = span_text(ctx.s, first, last)
    if not ctx.s.caps:
        return surface
    words = surface.split(" ")
    return " ".join(w.lower() if w.lower() in _PARTICLES else w.capitalize() for w in words)


def _proper_spot(spot: Spot) -> bool:
    """A named actor or a nationality word, rather than a generic noun that a country may rename."""
    kinds = {r.kind for r in spot.rules}
    return Kind.NATION in kinds or kinds == {Kind.NAMED}


def unknown_groups(ctx: Context, spots: Sequence[Spot], entities: Sequence[tuple[int, int]]) -> list[Candidate]:
    """Named armed groups absent from the table: entity spans (ORG, NORP) and capitalised names
    that end in a head word ("Brigade", "Front", "Cartel"). They may swallow a generic noun
    ("the Mujahideen Army"), never a named actor or a nationality word."""
    hard = {i for sp in spots if _proper_spot(sp) for i in range(sp.first, sp.last)}
    blocked = {i for sp in spots for i in range(sp.first, sp.last)}
    out = _entity_groups(ctx, entities, hard)
    capitalised = ctx.s.caps or ctx.s.titled  # every word looks like a name: trust the entities only
    for index in range(len(ctx.s.tokens) if capitalised else 0, len(ctx.s.tokens)):
        head = _head_at(ctx, index, capitalised=True)
        if head is None or hard.intersection(range(head[0], index + 1)) \
                or any(c.first <= index < c.last for c in out):
            continue
        begin = _name_start(ctx, head[0], blocked | {i for c in out for i in range(c.first, c.last)})
        if begin is not None:
            out.append(Candidate(first=begin, last=index + 1, name=_proper(ctx, begin, index + 1),
                                 inter=head[1], kind=Kind.NAMED))
    return out


def _entity_groups(ctx: Context, entities: Sequence[tuple[int, int]], hard: set[int]) -> list[Candidate]:
    """Entity spans that end in a head word, less leading determiners, that swallow no `hard` token."""
    out = []
    for first, last in entities:
        head = _head_at(ctx, last - 1, capitalised=False)
        start = first
        while start < last - 1 and word_is_cue(ctx.table, ctx.s, start, "determiner"):
            start += 1
        if head is not None and start < head[0] and not hard.intersection(range(start, last)):
            out.append(Candidate(first=start, last=last, name=_proper(ctx, start, last), inter=head[1],
                                 kind=Kind.NAMED))
    return out


def entity_tokens(ctx: Context, entities: Sequence[Entity]) -> list[tuple[int, int]]:
    """Token ranges of the organisation and group entities inside the sentence."""
    spans = []
    for e in entities:
        if e.label not in _ENTITY_LABELS:
            continue
        inside = [i for i, (a, b) in enumerate(ctx.s.tokens) if a >= e.start and b <= e.end]
        if inside:
            spans.append((inside[0], inside[-1] + 1))
    return spans
