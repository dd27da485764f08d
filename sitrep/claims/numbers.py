"""The value of a count: digits or number words ("twenty-five", "a few dozen", "10 to 15") -> (low, high),
or None when the words are no count of people (a year, a time, a unit, an absurd figure)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from sitrep.claims.lexicon import QUALIFIER, load_casualty_lexicon

MAX_COUNT = 100_000  # no report counts this many casualties of one event: a larger figure is no count of people
_MAX_DIGITS = len(str(MAX_COUNT))
_MULTIPLIERS = frozenset(("hundred", "thousand", "dozen", "hundreds", "thousands", "dozens"))
UNIT_AFTER = re.compile(
    r"\s*[-–]?\s*(?:(?:years?|yrs?|months?|weeks?|days?|hours?|hrs?|minutes?|mins?|seconds?|a\.m|p\.m|am|pm|percent"
    r"|per\s+cent|times|rounds|shots|bullets|miles|mph|km|kilomet\w*|metres|meters|feet|foot|yards|blocks?|mm"
    r"|millimet\w*|caliber|calibre|o'clock|th|st|nd|rd)\b|%|:\d|\.\d|/|[-–]?(?:year|month|week|day)s?[-–]old)",
    re.IGNORECASE,
)

_YEAR = re.compile(r"(?:19|20)\d\d")

_MONTH_BEFORE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*$", re.IGNORECASE
)

_WORD_BEFORE = re.compile(r"(\w+)[ \t-]+$")
_RANGE_SPLIT = re.compile(r"(?<=\d)\s*[-–]\s*(?=\d)|\s*–\s*|\s+(?:to|or)\s+")


def count_value(m: re.Match[str], text: str) -> tuple[int, int] | None:
    """The (low, high) of the matched count, or None when the number is no count of people."""
    start, end = m.start("count"), m.end("count")
    if UNIT_AFTER.match(text, end) or re.match(r"\s*[-–]?\s*\d", text[end : end + 3]):
        return None
    if re.search(r"(?:[$#:/^]\s*|[.,-]|\bno\s+)$", text[max(0, start - 4) : start], re.IGNORECASE):
        return None  # '$20', '#3', '10^100', '-5': no count of people
    before = _WORD_BEFORE.search(text, max(0, start - 20), start)
    if before and before.group(1).lower() in load_casualty_lexicon().numbers:
        return None  # 'two thousand thousand people': the tail of a longer figure that is no number
    if _MONTH_BEFORE.search(text[max(0, start - 11) : start]):
        return None  # 'Sept. 29': a date
    if _YEAR.fullmatch(m.group("count")) and not re.match(r"\s+[a-z]+s\b", text[end : end + 30]):
        return None  # '2016 Jeffco teen dies', 'Shooting 2016': a year
    words = re.sub(QUALIFIER, "", m.group("count"), flags=re.IGNORECASE)
    return parse_range(" ".join(words.lower().split()))


def parse_range(words: str) -> tuple[int, int] | None:
    """'10 to 15', 'between ten and 15', 'two or three' -> (low, high); None for no count of people,
    zero, or a figure of MAX_COUNT or more."""
    between = re.fullmatch(r"between\s+(.+?)\s+and\s+(.+)", words)
    parts = between.groups() if between else _RANGE_SPLIT.split(words)
    values = [parse_number(p) for p in parts]
    if not values or None in values:
        return None
    low, high = min(v[0] for v in values if v), max(v[1] for v in values if v)
    return (low, high) if 0 < high < MAX_COUNT else None


def parse_number(words: str) -> tuple[int, int] | None:
    """'1,200' -> (1200, 1200), 'twenty-five' -> (25, 25), 'a few dozen' -> (24, 108); None when the
    words are no number ('thousand thousand', 'five twenty') or the digits too many to be a count."""
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", words):
        digits = words.replace(",", "")
        return (int(digits),) * 2 if len(digits) <= _MAX_DIGITS else None
    numbers = load_casualty_lexicon().numbers
    total_low = total_high = low = high = 0
    previous: str | None = None
    for word in _number_words(words, numbers):
        if word is None or not _follows(previous, word, numbers):
            return None
        a, b = numbers[word]
        if word in ("thousand", "thousands"):
            total_low, total_high = total_low + max(low, 1) * a, total_high + max(high, 1) * b
            low = high = 0
        elif word in _MULTIPLIERS:
            low, high = max(low, 1) * a, max(high, 1) * b
        else:
            low, high = low + a, high + b
        previous = word
    return (total_low + low, total_high + high)


def _follows(previous: str | None, word: str, numbers: Mapping[str, tuple[int, int]]) -> bool:
    """Whether `word` may follow `previous` in one number: a multiplier only after a smaller one
    ('hundred thousand', not 'thousand thousand'); a unit only after a tens word ('twenty five')."""
    if previous is None:
        return True
    if word in _MULTIPLIERS:
        return previous not in _MULTIPLIERS or numbers[previous][0] < numbers[word][0]
    if previous in _MULTIPLIERS:
        return True
    tens, unit = numbers[previous], numbers[word]
    return tens[0] == tens[1] and tens[0] in range(20, 100, 10) and unit[0] == unit[1] and 0 < unit[0] < 10


def _number_words(words: str, numbers: Mapping[str, tuple[int, int]]) -> list[str | None]:
    """'a few dozen' -> ['a few', 'dozen'] (longest entries first); None for an unknown word."""
    tokens = [t for t in re.split(r"[\s-]+", words) if t and t != "and"]
    out: list[str | None] = []
    i = 0
    while i < len(tokens):
        size = next((n for n in (3, 2, 1) if " ".join(tokens[i : i + n]) in numbers), 0)
        out.append(" ".join(tokens[i : i + size]) if size else None)
        i += size or 1
    return out
