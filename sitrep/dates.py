"""Event dates: "on Saturday" -> a date, against the publication date, with ACLED's time precision.

Date expressions are found with patterns (weekday and month names, relative words, numeric
dates) and resolved by calendar arithmetic; `dateparser` (always with `languages=["en"]`) only
reads "N days/weeks ago". Rules:
- A weekday is the last such day on or before the publication date, so "on Monday" in a Monday
  article is that Monday ("last Monday" in a Monday article is a week earlier).
- "yesterday", "last night" and "overnight" are the day before publication; "today", "tonight",
  "this morning" the publication day.
- "last week", "this week", "over the weekend", "N weeks ago" have week precision (the middle of
  the week, or the Saturday of the weekend); "last month", "earlier this month", "in March" have
  month precision (the 15th, never after the publication date).
- A date is never after the publication date: a day and month without a year go back a year, a
  full date after it is dropped. Dates before 1950 (MIN_YEAR) are ignored, relative ones too.
- A date stated next to a speech verb ("said on Sunday", "on Friday said") is the date of the
  statement, and one next to a later step of a court case ("arraigned Wednesday", "in court today")
  or an aftermath ("the funeral Saturday") that step's: such an aside is used only when the
  sentences give no other date, with a warning (ASIDE), and is carried to other sentences only
  when the text states no event date.
- When the event's sentences state no date, the nearest date the text states before them (else the
  first after them) is used, with a warning: reports give the day once and go on without it.
- With no date in the text the publication date is used, with a warning; with no publication
  date, relative expressions stay unresolved (date None and a warning), never guessed.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache, lru_cache

import dateparser  # type: ignore[import-untyped]

from sitrep.records import DateResolution, Evidence, Sentence, TimePrecision

MIN_YEAR = 1950  # no earlier year is read as a date, or credible as a report's publication
_MAX_YEAR = 2100
_CLOCK_SLACK = timedelta(days=1)  # a publication date may be tomorrow where the reader's clock is behind
_HEAD_CHARS = 300
_MONTH = (
    r"(?P<month>jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|jun\.|july?|jul\."
    r"|aug(?:ust|\.)?|sep(?:t(?:ember|\.)?|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)"
)
_WEEKDAY = r"(?P<weekday>(?:mon|tues|wednes|thurs|fri|satur|sun)day)"
_SHORT_YEAR_END = r"(?=\s*(?:[(,.;:\-]|$|\s(?-i:[A-Z]{2})))"
_STATEMENT_BEFORE = re.compile(
    r"\b(?:said|says|told\s+\S+(?:\s+\S+)?|reported|announced|stated|added|confirmed|declared|statement"
    r"|posted|published|updated|dated|released)\s*:?\s*(?:on\s+|late\s+|early\s+)?(?:\w+day,?\s+)?$",
    re.IGNORECASE,
)
_DATELINE_AFTER = re.compile(r"\s*(?:\([^)\n]{0,40}\)\s*)?--")
_ASIDE_BEFORE = re.compile(  # a step of a court case or an aftermath: "arraigned Wednesday", "in court today"
    r"\b(?:arraigned|charged|indicted|sentenced|convicted|pleaded|buried|court|hearing|trial|funeral|vigil|ruled"
    r"|scheduled|autopsy|unclear|report|interview|conference|briefing)(?:\s+[\w'’-]+){0,2}?\s+(?:on\s+|late\s+|early\s+)?$",
    re.IGNORECASE,
)
_SAID = r"(?:said|says|told|announced|confirmed|ordered|ruled|pleaded|testified|identified)\b"
_ASIDE_AFTER = re.compile(rf"\s+(?:[\w'’-]+\s+)?{_SAID}", re.IGNORECASE)  # "who on Friday said"
_OPENING_ASIDE = re.compile(  # "On Tuesday, detectives released ..."
    rf",\s+(?:[\w'’.-]+\s+){{0,3}}?(?:{_SAID}|(?:released|filed|charged|arraigned|sentenced)\b)",
    re.IGNORECASE,
)
_SENTENCE_START = re.compile(r"(?:^|[.!?\n][\"'”’)]?)\s*$")
_WEEKDAY_END = re.compile(
    r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|wed|thu|fri|sat|sun)\W*$", re.IGNORECASE
)
_PUBLISHED_BEFORE = re.compile(
    r"\b(?:posted|published|updated|created|date\s+of\s+publication)(?:\s+(?:on|at))?\W*$", re.IGNORECASE
)
_EVENT_DATE_WORDS = frozenset(("on", "the", "since", "until", "from", "before", "after", "of", "by", "in"))
_NO_DATE = "no date in the text and no publication date"
ASIDE = "the date stated is a statement's or a later step's (court, funeral), not surely the event's"
_DAY_BEFORE = ("yesterday", "last night", "overnight")

Resolver = Callable[[re.Match[str], date | None], "tuple[date | None, TimePrecision] | None"]


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A date expression found in the text, resolved (value None: it needs the publication date)."""

    start: int
    end: int
    value: date | None
    precision: TimePrecision
    aside: bool


def resolve_event_date(
    sentences: Sequence[Sentence], *, text: str, document_id: str, published: date | None
) -> DateResolution:
    """The date of the event these sentences report (offsets into `text`), resolved against `published`."""
    found = [c for s in sentences for c in _candidates(text, s.start, s.end, published)]
    found.sort(key=lambda c: (c.aside, c.precision, c.start))
    best = next((c for c in found if c.value is not None), found[0] if found else None)
    warning = None
    if best is None and sentences:
        best = _nearby(text, published, at=min(s.start for s in sentences))
        warning = "no date in the event's sentences; the nearest date in the text used"
    if best is None:
        if published is None:
            return DateResolution(date=None, precision=None, warning=_NO_DATE)
        return DateResolution(
            date=published, precision=TimePrecision.DAY, warning="no date in the text; publication date used"
        )
    span = text[best.start : best.end]
    evidence = Evidence(document_id=document_id, start=best.start, end=best.end, text=span)
    if best.value is None:
        warning = f"'{evidence.text}' is relative and the publication date is unknown"
        return DateResolution(date=None, precision=None, evidence=evidence, warning=warning)
    warning = warning or (ASIDE if best.aside else None)
    return DateResolution(date=best.value, precision=best.precision, evidence=evidence, warning=warning)


def _nearby(text: str, published: date | None, *, at: int) -> _Candidate | None:
    """The date an article states nearest before offset `at` (else the first after it), leaving out
    dates of statements: reports give the day once ('Around 10 p.m. Monday, ...') and go on without it."""
    found = _stated_dates(text, published)
    before = [c for c in found if c.start < at]
    return before[-1] if before else next((c for c in found if c.start >= at), None)


@lru_cache(maxsize=8)
def _stated_dates(text: str, published: date | None) -> tuple[_Candidate, ...]:
    """The resolved dates of the whole text, other than asides (read once per text, not per mention)."""
    return tuple(c for c in _candidates(text, 0, len(text), published) if c.value is not None and not c.aside)


def is_credible_publication(value: date, *, today: date | None = None) -> bool:
    """Whether a report can have been published on this date: not before MIN_YEAR, not after tomorrow."""
    return date(MIN_YEAR, 1, 1) <= value <= (today or date.today()) + _CLOCK_SLACK


def find_text_date(text: str) -> date | None:
    """A publication date stated at the top of a text (a dateline or a 'Published ...' line)."""
    head = text[:_HEAD_CHARS]
    found: list[tuple[int, int, date]] = []
    for pattern, read in _dateline_patterns():
        for m in pattern.finditer(head):
            value = read(m)
            tier = _dateline_tier(head, m)
            if value is not None and tier is not None:
                found.append((tier, m.start(), value))
    return min(found)[2] if found else None


def _dateline_tier(head: str, m: re.Match[str]) -> int | None:
    """How credible a date at the top is as the publication date: 0 marked as such ('Posted:'),
    1 opening a line or a wire dateline, 2 elsewhere; None after words that make it an event's date."""
    before = _WEEKDAY_END.sub("", head[: m.start()])
    if _PUBLISHED_BEFORE.search(before):
        return 0
    if not before.split("\n")[-1].strip(" \t,.:|-–—") or _DATELINE_AFTER.match(head, m.end()):
        return 1
    words = before.split()
    return None if words and words[-1].lower() in _EVENT_DATE_WORDS else 2


def _candidates(text: str, start: int, end: int, published: date | None) -> list[_Candidate]:
    """Every usable date expression between start and end, longest first where they overlap."""
    matches: list[tuple[re.Match[str], Resolver]] = []
    for pattern, resolve in _event_patterns():
        matches += [(m, resolve) for m in pattern.finditer(text, start, end) if _is_month_name(m)]
    matches.sort(key=lambda mr: (mr[0].start(), -mr[0].end()))
    out: list[_Candidate] = []
    taken_until = -1
    for m, resolve in matches:
        if m.start() < taken_until:
            continue
        taken_until = m.end()  # an unusable full date ('December 20, 2015' after publication) hides its parts
        resolved = resolve(m, published)
        if resolved is None or (resolved[0] is not None and resolved[0].year < MIN_YEAR):
            continue  # no date, or one too early to be credible ('100000 days ago')
        aside = _is_aside(text, m)
        out.append(_Candidate(m.start(), m.end(), resolved[0], resolved[1], aside))
    return out


def _is_aside(text: str, m: re.Match[str]) -> bool:
    """A date of something told beside the event: a statement ("said on Sunday", "on Friday
    said"), a dateline, or a later step of a court case or an aftermath ("arraigned Wednesday",
    "funeral Saturday")."""
    before = text[max(0, m.start() - 40) : m.start()]
    if _STATEMENT_BEFORE.search(before) or _ASIDE_BEFORE.search(before) or _DATELINE_AFTER.match(text, m.end()):
        return True
    if _ASIDE_AFTER.match(text, m.end()):
        return True
    return bool(_OPENING_ASIDE.match(text, m.end()) and _SENTENCE_START.search(before))


def _is_month_name(m: re.Match[str]) -> bool:
    """'may' is a month only when written 'May' or 'MAY'; 'march' only capitalised."""
    month = m.groupdict().get("month")
    return not month or month.lower() not in ("may", "march", "mar") or month[0].isupper()


# Resolvers: (match, published) -> (date or None when the publication date is needed, precision),
# or None when the expression is no usable date.


def _full_date(m: re.Match[str], published: date | None) -> tuple[date | None, TimePrecision] | None:
    """'December 5, 2015', '5 DEC 89', '2015-12-05', '24.08.2013'."""
    value = _date_from(m)
    if value is None or (published is not None and value > published):
        return None
    return value, TimePrecision.DAY


def _day_month(m: re.Match[str], published: date | None) -> tuple[date | None, TimePrecision] | None:
    """'on 30 December', 'Dec. 5': the last such day on or before publication."""
    month, day = _month_number(m.group("month")), int(m.group("day"))
    if published is None:
        return (None, TimePrecision.DAY) if _valid(2000, month, day) else None
    for year in (published.year, published.year - 1):
        value = _valid(year, month, day)
        if value is not None and value <= published:
            return value, TimePrecision.DAY
    return None


def _month_year(m: re.Match[str], published: date | None) -> tuple[date | None, TimePrecision] | None:
    """'in March 2015': the middle of that month."""
    year = _year(m.group("year"))
    if year is None:
        return None
    value = date(year, _month_number(m.group("month")), 15)
    if published is not None and value > published:
        if (value.year, value.month) != (published.year, published.month):
            return None
        value = published
    return value, TimePrecision.MONTH


def _month_only(m: re.Match[str], published: date | None) -> tuple[date | None, TimePrecision] | None:
    """'in March', 'early March': the middle of the last such month, never after publication."""
    if published is None:
        return None, TimePrecision.MONTH
    month = _month_number(m.group("month"))
    year = published.year if month <= published.month else published.year - 1
    return min(date(year, month, 15), published), TimePrecision.MONTH


def _weekday(m: re.Match[str], published: date | None) -> tuple[date | None, TimePrecision] | None:
    """'on Saturday', 'Saturday's clashes', 'last Monday': the last such day on or before publication."""
    if published is None:
        return None, TimePrecision.DAY
    wanted = [d.lower() for d in calendar.day_name].index(m.group("weekday").lower())
    delta = (published.weekday() - wanted) % 7
    if delta == 0 and (m.group("pre") or "").lower() == "last":
        delta = 7
    return published - timedelta(days=delta), TimePrecision.DAY


def _relative_day(m: re.Match[str], published: date | None) -> tuple[date | None, TimePrecision] | None:
    """'today', 'this morning', 'yesterday', 'last night', 'the day before yesterday'."""
    if published is None:
        return None, TimePrecision.DAY
    word = " ".join(m.group("rel").lower().split())
    back = 2 if word.startswith("the day before") else 1 if word in _DAY_BEFORE else 0
    return published - timedelta(days=back), TimePrecision.DAY


def _ago(m: re.Match[str], published: date | None) -> tuple[date | None, TimePrecision] | None:
    """'two days ago', 'a week ago' (read by dateparser)."""
    precision = TimePrecision.WEEK if "week" in m.group(0).lower() else TimePrecision.DAY
    if published is None:
        return None, precision
    settings = {"RELATIVE_BASE": datetime(published.year, published.month, published.day),
                "PREFER_DATES_FROM": "past"}
    parsed = dateparser.parse(m.group(0), languages=["en"], settings=settings)
    if parsed is None or parsed.date() > published:
        return None
    return parsed.date(), precision


def _week(m: re.Match[str], published: date | None) -> tuple[date | None, TimePrecision] | None:
    """'last week', 'earlier this week', 'over the weekend': week precision."""
    if published is None:
        return None, TimePrecision.WEEK
    phrase = " ".join(m.group(0).lower().split())
    monday = published - timedelta(days=published.weekday())
    if phrase.endswith("weekend"):
        saturday = published - timedelta(days=(published.weekday() - 5) % 7)
        if phrase.startswith(("last", "past", "previous")) and published.weekday() >= 5:
            saturday -= timedelta(days=7)
        return saturday, TimePrecision.WEEK
    if phrase.startswith(("last", "past", "previous")):
        return monday - timedelta(days=4), TimePrecision.WEEK
    return monday + (published - monday) // 2, TimePrecision.WEEK


def _relative_month(m: re.Match[str], published: date | None) -> tuple[date | None, TimePrecision] | None:
    """'last month', 'earlier this month': the 15th, never after publication."""
    if published is None:
        return None, TimePrecision.MONTH
    if re.search(r"(?i)\b(?:last|previous|past)\s+month", m.group(0)):
        previous = published.replace(day=1) - timedelta(days=1)
        return previous.replace(day=15), TimePrecision.MONTH
    return min(published.replace(day=15), published), TimePrecision.MONTH


@cache
def _event_patterns() -> tuple[tuple[re.Pattern[str], Resolver], ...]:
    day = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
    year4 = r"(?P<year>(?:19|20)\d{2})"
    year = rf"(?P<year>(?:19|20)\d{{2}}\b|\d{{2}}{_SHORT_YEAR_END})"
    pre = r"(?:(?P<pre>last|this\s+past|past|on|early|late|this)\s+)?"
    rows: list[tuple[str, Resolver]] = [
        (rf"\b{year4}-(?P<mnum>\d{{1,2}})-(?P<day>\d{{1,2}})\b", _full_date),
        (rf"\b(?P<day>\d{{1,2}})(?P<sep>[./-])(?P<mnum>\d{{1,2}})(?P=sep){year4}\b", _full_date),
        (rf"(?<![:.])\b{day}\s+(?:of\s+)?{_MONTH},?\s+{year}", _full_date),
        (rf"\b{_MONTH}\s+{day},?\s+{year4}\b", _full_date),
        (rf"(?<![:.])\b{day}\s+(?:of\s+)?{_MONTH}(?!\w)", _day_month),
        (rf"\b{_MONTH}\s+{day}\b(?![:\d])", _day_month),
        (rf"\b{_MONTH},?\s+{year4}\b", _month_year),
        (rf"\b(?:in|during|early|late|mid-?|since|throughout|earlier\s+in|later\s+in|(?:the\s+)?(?:end|beginning|start|"
         rf"middle)\s+of)\s+{_MONTH}\b(?!\s*\d)", _month_only),
        (rf"\b{pre}{_WEEKDAY}(?:'s|’s|s)?(?:\s+(?:night|morning|afternoon|evening|overnight))?\b", _weekday),
        (r"\b(?:early\s+|late\s+|earlier\s+)?(?P<rel>today|tonight|this\s+(?:morning|afternoon|evening)|yesterday"
         r"|last\s+night|overnight|the\s+day\s+before\s+yesterday)\b", _relative_day),
        (r"\b(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:days?|weeks?)\s+ago\b", _ago),
        (r"\b(?:(?:last|past|previous|earlier\s+this|early\s+this|late\s+this|this|later\s+this)\s+week(?:end)?"
         r"|over\s+the\s+weekend|the\s+weekend)\b", _week),
        (r"\b(?:(?:late|early|earlier)\s+)?(?:last|previous|past|this)\s+month\b|\bearlier\s+in\s+the\s+month\b",
         _relative_month),
    ]
    return tuple((re.compile(p, re.IGNORECASE), r) for p, r in rows)


@cache
def _dateline_patterns() -> tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], date | None]], ...]:
    day = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
    year = rf"(?P<year>(?:19|20)\d{{2}}\b|\d{{2}}{_SHORT_YEAR_END})"
    rows = [
        rf"\b{day}\s+(?:of\s+)?{_MONTH},?\s+{year}",
        rf"\b{_MONTH}\s+{day},?\s+(?P<year>(?:19|20)\d{{2}})\b",
        rf"\b{_MONTH}\s+(?P<day>\d{{2}})(?P<year>(?:19|20)\d{{2}})\b",
        r"\b(?P<year>(?:19|20)\d{2})-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})\b",
        r"\b(?P<day>\d{1,2})(?P<sep>[./-])(?P<mnum>\d{1,2})(?P=sep)(?P<year>(?:19|20)\d{2})(?!\d)",
    ]
    return tuple((re.compile(p, re.IGNORECASE), _date_from) for p in rows)


def _date_from(m: re.Match[str]) -> date | None:
    """The date a full-date match states, or None when it is no valid date of a credible year."""
    year = _year(m.group("year"))
    groups = m.groupdict()
    if year is None:
        return None
    if groups.get("month"):
        return _valid(year, _month_number(groups["month"]), int(m.group("day")))
    first, second = int(m.group("day")), int(m.group("mnum"))
    if groups.get("sep") == "/":
        return _valid(year, first, second) or _valid(year, second, first)
    return _valid(year, second, first)


def _year(text: str | None) -> int | None:
    """A four-digit year, or a two-digit one (88-99 -> 19xx, 00-30 -> 20xx); None when not credible."""
    if text is None:
        return None
    value = int(text)
    if len(text) == 2:
        value = 1900 + value if value >= 88 else 2000 + value if value <= 30 else 0
    return value if MIN_YEAR <= value <= _MAX_YEAR else None


def _month_number(name: str) -> int:
    key = name.lower().rstrip(".")[:3]
    return [m.lower() for m in calendar.month_abbr].index(key)


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
