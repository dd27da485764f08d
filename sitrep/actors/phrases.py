"""Phrases of the actor table found in a sentence, and the reading chosen for the document's country.

Phrases are matched on word tokens, ignoring case, hyphens, dots and apostrophes between words;
short all-capital aliases ("IS", "US") match only in capitals, so the verb "is" never names an
actor. A phrase that only qualifies something ("rebel-held", "anti-IS") is marked as such.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sitrep.actors.sentence import Sentence, cue, gap, phrase_key, span_text, token_text, word_is_cue
from sitrep.actors.table import ActorRule, ActorTable, Kind


@dataclass(frozen=True, slots=True)
class Spot:
    """A phrase found in the sentence: token range and its readings."""

    first: int
    last: int  # exclusive
    rules: tuple[ActorRule, ...]


def find_spots(s: Sentence, table: ActorTable) -> list[Spot]:
    """Phrases of the table found in the sentence, longest first where they overlap ("the army of
    national liberation" beats "the army"), in text order."""
    found = []
    run = 1
    for i in range(len(s.tokens) - 1, -1, -1):
        run = run + 1 if i + 1 < len(s.tokens) and s.links[i] else 1
        if s.keys[i] not in table.starts and not (s.keys[i].endswith("s") and s.keys[i][:-1] in table.starts):
            continue
        for size in range(min(table.longest, run), 0, -1):
            if rules := _readings(table, s, i, i + size):
                found.append(Spot(first=i, last=i + size, rules=rules))
                break
    taken: set[int] = set()
    kept = []
    for spot in sorted(found, key=lambda sp: (sp.first - sp.last, sp.first)):
        if not taken.intersection(range(spot.first, spot.last)):
            kept.append(spot)
            taken.update(range(spot.first, spot.last))
    return sorted(kept, key=lambda sp: sp.first)


def _readings(table: ActorTable, s: Sentence, first: int, last: int) -> tuple[ActorRule, ...]:
    """The rules a token range reads as; a final "s" may be a possessive written without its
    apostrophe ("the FSAs commander")."""
    key = phrase_key(s, first, last)
    surface = span_text(s, first, last)
    rules = tuple(r for r in table.phrases.get(key, ()) if _case_ok(r, surface, s.caps))
    if rules or not key.endswith("s") or len(key) < 4:
        return rules
    return tuple(r for r in table.phrases.get(key[:-1], ())
                 if r.kind in (Kind.NAMED, Kind.NATION) and _case_ok(r, surface[:-1], s.caps))


def _case_ok(rule: ActorRule, surface: str, caps: bool) -> bool:
    """A case-sensitive alias matches its exact capitals; in an all-capitals sentence a two-letter
    one ("IS", "US") matches only written with dots ("U.S.")."""
    if rule.exact is None:
        return True
    letters = "".join(c for c in surface if c.isalnum())
    if caps:
        return len(rule.exact) > 2 or "." in surface
    return letters == rule.exact


def choose(rules: Sequence[ActorRule], country_key: str) -> ActorRule | None:
    """The rule for the document's country: a restricted one that names it, else an unrestricted
    named one, else an unrestricted generic one."""
    local = [r for r in rules if r.only_in and country_key in r.only_in]
    if local:
        return local[0]
    free = [r for r in rules if not r.only_in]
    return min(free, key=lambda r: r.kind is not Kind.NAMED, default=None)


def qualifier(table: ActorTable, s: Sentence, spot: Spot) -> str | None:
    """Why the phrase only qualifies something, or None: "held" ("regime-held", "rebel held
    areas": the actor holds the place), "negation" ("anti-IS") or "descriptor" ("a coalition of
    rebel groups")."""
    if "descriptor" in cue(table, s, spot.first, spot.last) and spot.last < len(s.tokens) \
            and token_text(s, spot.last).lower() == "of":
        return "descriptor"
    if "negation" in table.cues.get(_hyphen_word(s, spot.first, after=False), {}):
        return "negation"
    if "held" in table.cues.get(_hyphen_word(s, spot.last - 1, after=True), {}) \
            or _held_participle(table, s, spot.last):
        return "held"
    return None


def _hyphen_word(s: Sentence, index: int, *, after: bool) -> str:
    """The word joined by a hyphen right after (or before) token `index`, lower-cased, or ''."""
    other = index + 1 if after else index - 1
    if not 0 <= other < len(s.tokens) or gap(s, min(index, other), max(index, other)) != "-":
        return ""
    return s.keys[other]


def _held_participle(table: ActorTable, s: Sentence, index: int) -> bool:
    """ "rebel held areas": a participle right after the phrase, then a common noun, not an object."""
    if index + 1 >= len(s.tokens) or gap(s, index - 1, index) != " " or gap(s, index, index + 1) != " ":
        return False
    following = token_text(s, index + 1)
    return word_is_cue(table, s, index, "participle") and following[:1].islower() \
        and not word_is_cue(table, s, index + 1, "determiner")
