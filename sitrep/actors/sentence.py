"""A sentence prepared for matching (folded text, word tokens) and the cue words read from it.

Token indexes are word positions in the sentence; character offsets are the document's. A cue is
a phrase of `actor_context.tsv` with one or more roles ("by": agent, "backed by": helper).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise

from sitrep.actors.table import ActorTable, Kind, Nation
from sitrep.actors.text import fold, squash
from sitrep.records import Inter

CUE_WORDS = 4  # longest cue phrase, in words


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence prepared for matching: folded text and word tokens."""

    text: str  # spaces up to the sentence, then the sentence folded: same offsets as the document
    original: str  # the document text
    tokens: tuple[tuple[int, int], ...]  # character offsets of each word
    caps: bool  # written in capitals
    keys: tuple[str, ...]  # each token, folded and lower-cased
    titled: bool  # most words capitalised, as in a headline
    links: tuple[bool, ...]  # whether each token and the next can belong to one phrase


@dataclass(frozen=True, slots=True)
class Context:
    """What every step of one call needs: the table, the sentence and the document's country."""

    table: ActorTable
    s: Sentence
    country: str | None
    country_key: str
    nation: Nation | None


def prepare(text: str, start: int, end: int) -> Sentence:
    """The sentence text[start:end] folded and cut into word tokens (offsets into `text`)."""
    folded = fold(text[start:end])
    tokens = _tokens(folded, start)
    letters = [c for c in folded if c.isalpha()]
    caps = len(letters) > 12 and sum(c.isupper() for c in letters) / len(letters) > 0.8
    prefix = " " * start
    keys = tuple(folded[a - start:b - start].lower() for a, b in tokens)
    words = [folded[a - start] for a, _ in tokens if folded[a - start].isalpha()]
    titled = len(words) > 3 and sum(c.isupper() for c in words) / len(words) > 0.6
    links = tuple(_links(folded[b - start:c - start], b - a) for (a, b), (c, _) in pairwise(tokens))
    return Sentence(text=prefix + folded, original=text, tokens=tokens, caps=caps, keys=keys, links=links,
                    titled=titled)


def _tokens(folded: str, start: int) -> tuple[tuple[int, int], ...]:
    """Character ranges of the runs of letters and digits, shifted by `start`."""
    tokens = []
    i = 0
    while i < len(folded):
        if folded[i].isalnum():
            j = i
            while j < len(folded) and folded[j].isalnum():
                j += 1
            tokens.append((start + i, start + j))
            i = j
        else:
            i += 1
    return tuple(tokens)


def _links(between: str, left_length: int) -> bool:
    """True when the text between two tokens lets them form one phrase: only spaces, a hyphen, an
    apostrophe, a slash, an ampersand, or the dot of a one-letter abbreviation ("U.S.")."""
    stripped = between.strip()
    return stripped in ("", "-", "'", "/", "&") or (stripped == "." and left_length == 1)


def gap(s: Sentence, left: int, right: int) -> str:
    """The text between two tokens."""
    return s.text[s.tokens[left][1]:s.tokens[right][0]]


def joins(s: Sentence, first: int, last: int) -> bool:
    """True when tokens first..last-1 can form one phrase (see `_links`)."""
    return all(s.links[first:last - 1])


def phrase_key(s: Sentence, first: int, last: int) -> str:
    """The table key of tokens first..last-1."""
    return "".join(s.keys[first:last])


def token_text(s: Sentence, index: int) -> str:
    """A token as written."""
    return s.original[s.tokens[index][0]:s.tokens[index][1]]


def char_span(s: Sentence, first: int, last: int) -> tuple[int, int]:
    """Character offsets of tokens first..last-1."""
    return s.tokens[first][0], s.tokens[last - 1][1]


def span_text(s: Sentence, first: int, last: int) -> str:
    """Tokens first..last-1 as written, with what lies between them."""
    start, end = char_span(s, first, last)
    return s.original[start:end]


# ---------------------------------------------------------------------------------------------
# Cue words


def cue(table: ActorTable, s: Sentence, first: int, last: int) -> Mapping[str, Inter | None]:
    """The cue roles of the phrase made of tokens first..last-1 (empty when it is no cue)."""
    if first < 0 or last > len(s.tokens) or first >= last or not joins(s, first, last):
        return {}
    return table.cues.get(phrase_key(s, first, last), {})


def cue_before(table: ActorTable, s: Sentence, index: int, role: str, *, skip: bool = True) -> bool:
    """The longest cue ending right before token `index` has this role (determiners in between
    skipped when `skip`): "backed by X" is a helper cue, not the agent cue "by"."""
    while True:
        roles = next((r for size in range(CUE_WORDS, 0, -1) if (r := cue(table, s, index - size, index))), {})
        if role in roles:
            return True
        step = _qualifying_words(table, s, index) if skip else 0
        if not step:
            return False
        index -= step


def _determiner_before(table: ActorTable, s: Sentence, index: int) -> bool:
    """True when the word before token `index` only qualifies what follows: a determiner, a number
    or a nationality word ("backed by the Lebanese Hezbollah")."""
    if index < 1:
        return False
    word = s.text[s.tokens[index - 1][0]:s.tokens[index - 1][1]]
    if word.isdigit() or "determiner" in cue(table, s, index - 1, index):
        return True
    return any(r.kind is Kind.NATION for r in table.phrases.get(squash(word), ()))


def _qualifying_words(table: ActorTable, s: Sentence, index: int) -> int:
    """How many words before token `index` only qualify what follows ("the so-called", "its"), 0
    when the word before does not."""
    if "determiner" in cue(table, s, index - 2, index):
        return 2
    return 1 if _determiner_before(table, s, index) else 0


def cue_after(table: ActorTable, s: Sentence, index: int, role: str, *, reach: int = 1) -> bool:
    """A cue of this role starts within `reach` words after token `index - 1`."""
    for start in range(index, min(index + reach, len(s.tokens))):
        if any(role in cue(table, s, start, start + size) for size in range(1, CUE_WORDS + 1)):
            return True
    return False


def word_is_cue(table: ActorTable, s: Sentence, index: int, role: str) -> bool:
    return role in cue(table, s, index, index + 1)


def before_determiners(table: ActorTable, s: Sentence, start: int, end: int) -> int:
    """`end` moved back over the determiners before it, never before `start` ("X and the Y": "and")."""
    while end > start and word_is_cue(table, s, end - 1, "determiner"):
        end -= 1
    return end
