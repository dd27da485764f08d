"""What the trigger's grammar says: its tokens, its clause, its voice ("were killed by"), and the
cue classes of the trigger itself (symmetric "clashed", defence "repelled")."""

from __future__ import annotations

from collections.abc import Sequence

from sitrep.actors.roles import Chain, Role
from sitrep.actors.sentence import Context, Sentence, cue, cue_after, gap, token_text, word_is_cue
from sitrep.records import Evidence


def trigger_tokens(s: Sentence, trigger: Evidence) -> tuple[int, int]:
    """Token range of the trigger; an empty range at its position when it covers no word."""
    inside = [i for i, (a, b) in enumerate(s.tokens) if a < trigger.end and b > trigger.start]
    if inside:
        return inside[0], inside[-1] + 1
    after = next((i for i, (a, _) in enumerate(s.tokens) if a >= trigger.start), len(s.tokens))
    return after, after


def clause_span(ctx: Context, trigger: tuple[int, int]) -> tuple[int, int]:
    """The token range of the trigger's clause: from after the last boundary or speech word before
    it (unless that boundary opens a clause set off by commas: "X, who ..., attacked") to the
    first one after it."""
    s, start = ctx.s, 0
    for index in range(trigger[0] - 1, -1, -1):
        roles = cue(ctx.table, s, index, index + 1)
        if "speech" in roles:
            start = index + 1
            break
        if "boundary" not in roles:
            continue
        before = gap(s, index - 1, index) if index > 0 else ""
        after = gap(s, index, trigger[0])
        if not ("," in before and "," in after):
            start = index + 1
            break
    end = next((i for i in range(trigger[1], len(s.tokens)) if _clause_ends(ctx, i)), len(s.tokens))
    return start, end


def _clause_ends(ctx: Context, index: int) -> bool:
    """True when token `index` starts a new clause: a boundary or speech word (not one opening an
    agent cue: "blamed on"), or a semicolon before it."""
    s = ctx.s
    if ";" in gap(s, index - 1, index):
        return True
    if not {"boundary", "speech"} & set(cue(ctx.table, s, index, index + 1)):
        return False
    return not any("agent" in cue(ctx.table, s, index, index + size) for size in (2, 3))


def is_passive(ctx: Context, trigger: tuple[int, int], chains: Sequence[Chain]) -> bool:
    """True for "were killed", "was shelled" and reduced passives ("16 people killed in ...")."""
    table, s = ctx.table, ctx.s
    if trigger[0] >= len(s.tokens):
        return False
    if _patient_subject(ctx, trigger, chains):
        return True
    word = token_text(s, trigger[0]).lower()
    if word.endswith("ing"):
        return False
    index = trigger[0]
    while index > 0 and word_is_cue(table, s, index - 1, "adverb"):
        index -= 1
    participle = word.endswith(("ed", "en", "wn")) or word_is_cue(table, s, trigger[0], "harm")
    if participle and any("passive" in cue(table, s, index - size, index) for size in (1, 2, 3)):
        return True
    counted = any(ch.last == trigger[0] and ch.role is Role.SUBJECT and _counted(ctx, ch.first) for ch in chains)
    return counted and word.endswith("ed") and cue_after(table, s, trigger[0] + 1, "reduced", reach=1)


def _patient_subject(ctx: Context, trigger: tuple[int, int], chains: Sequence[Chain]) -> bool:
    """True when the subject before a trigger undergoes a passive verb first: "X was killed in a
    bombing" makes X the victim of the bombing."""
    subject = max((ch for ch in chains if ch.last <= trigger[0]), key=lambda ch: ch.last, default=None)
    if subject is None:
        return False
    for index in range(subject.last, trigger[0]):
        if "passive" not in cue(ctx.table, ctx.s, index, index + 1):
            continue
        nxt = index + 1
        while nxt < trigger[0] and word_is_cue(ctx.table, ctx.s, nxt, "adverb"):
            nxt += 1
        if nxt < trigger[0] and word_is_cue(ctx.table, ctx.s, nxt, "harm"):
            return True
    return False


def passive_between(ctx: Context, start: int, end: int) -> bool:
    """True when a passive verb other than the trigger comes between (a "by" belongs to it:
    "a bomb exploded and another was defused by the police")."""
    return any(word_is_cue(ctx.table, ctx.s, i, "passive") and i + 1 < end
               and token_text(ctx.s, i + 1).lower().endswith(("ed", "en", "wn")) for i in range(start, end))


def _counted(ctx: Context, index: int) -> bool:
    """True when a number comes right before token `index` ("16 people", "two soldiers")."""
    if index < 1:
        return False
    return token_text(ctx.s, index - 1).isdigit() or word_is_cue(ctx.table, ctx.s, index - 1, "count")


def is_symmetric(ctx: Context, trigger: tuple[int, int]) -> bool:
    """True when the trigger names no direction: "X and Y clashed", "fighting between X and Y"."""
    return any("symmetric" in cue(ctx.table, ctx.s, i, j)
               for i in range(trigger[0], trigger[1]) for j in range(i + 1, trigger[1] + 1))


def is_defence(ctx: Context, trigger: tuple[int, int]) -> bool:
    """ "X repelled Y's attack": the trigger's subject defends, the other side attacked."""
    return any("defence" in cue(ctx.table, ctx.s, trigger[0], trigger[0] + size) for size in (1, 2))


def is_anaphor(ctx: Context, trigger: tuple[int, int]) -> bool:
    """True when the trigger's clause names its doer only as "the group", "it" or "they"."""
    start, _ = clause_span(ctx, trigger)
    return any("anaphor" in cue(ctx.table, ctx.s, i, i + size)
               for i in range(start, trigger[0]) for size in (1, 2, 3) if i + size <= trigger[0])
