"""What casualty counts are read with: the packaged count words and casualty phrases
(`data/number_words.tsv`, `casualty_terms.tsv`, `person_nouns.tsv`, `non_victim_nouns.tsv`,
`incident_terms.tsv`, `claim_contexts.tsv`) and the regular expressions compiled from them."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

from sitrep.errors import ConfigError

QUALIFIER = (
    r"(?:(?:at\s+least|more\s+than|over|about|around|approximately|nearly|almost|up\s+to|as\s+many\s+as|some"
    r"|roughly|an\s+estimated|estimated|no\s+fewer\s+than|no\s+less\s+than|fewer\s+than|less\s+than|at\s+most"
    r"|a\s+total\s+of|another|a\s+further|further|all|just|only|close\s+to|upwards\s+of|in\s+excess\s+of)\s+){0,3}"
)
_MAX_NUMBER_WORDS = 7  # 'one hundred and twenty-five thousand three hundred': longer runs are no number


_STOP = (
    r"(?:and|or|but|while|after|before|when|whereas|because|than|could|would|might|may|should|will|not|never"
    r"|no|nobody|none|neither|nothing|to|if|whether|then|said|says|told|say|saying|according)"
)


_NEGATIONS = (
    r"\b(?:no\s+one|nobody|no-one|none|neither)(?:\s+(?:else|other|of\s+(?:them|the\s+\w+)))?(?:['’]s)?\s+"
    r"(?:(?:was|were|is|are|has|have|had|been|got|reportedly|seriously|critically|also)\s+)*"
    r"(?P<term>killed|dead|died|hurt|injured|wounded|harmed|shot|kidnapped|abducted)\b",
    r"\bno\s+(?:(?:other|further|immediate|reported|known|serious|additional|human)\s+)*"
    r"(?P<term>injuries|casualties|deaths|fatalities)\b",
    r"\bwithout\s+(?:any\s+)?(?P<term>casualties|injuries|deaths|fatalities)\b",
)


@dataclass(frozen=True, slots=True)
class CasualtyTerm:
    """One row of data/casualty_terms.tsv."""

    phrase: str
    kind: str  # killed, wounded, captured, hit, casualties
    position: str  # after, before, toll


@dataclass(frozen=True, slots=True)
class IncidentTerm:
    """One row of data/incident_terms.tsv: a phrase that carries its own count."""

    phrase: str
    kind: str  # killed, hit
    count: int
    adds: str  # total, self


@dataclass(frozen=True, slots=True)
class ContextCue:
    """One row of data/claim_contexts.tsv: words that make a count a background figure."""

    scope: str  # before, after, inside, count
    minimum: int
    undated: bool  # the cue applies only when no day is named around the count
    pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class CasualtyLexicon:
    """Count words, casualty phrases and the cues of background figures."""

    numbers: Mapping[str, tuple[int, int]]
    terms: tuple[CasualtyTerm, ...]
    non_victims: frozenset[str]
    persons: frozenset[str]
    background: tuple[ContextCue, ...]
    incidents: tuple[IncidentTerm, ...]


@dataclass(frozen=True, slots=True)
class Patterns:
    after: re.Pattern[str]
    before: re.Pattern[str]
    toll: re.Pattern[str]
    single_subject: re.Pattern[str]
    named_subject: re.Pattern[str]
    coordinated: re.Pattern[str]
    headline: re.Pattern[str]
    found_dead: re.Pattern[str]
    single_object: re.Pattern[str]
    negations: tuple[re.Pattern[str], ...]
    count: re.Pattern[str]
    also: re.Pattern[str]
    and_more: re.Pattern[str]
    and_self: re.Pattern[str]
    incident: re.Pattern[str]
    kinds: Mapping[str, tuple[tuple[re.Pattern[str], str], ...]]
    incidents: tuple[tuple[re.Pattern[str], IncidentTerm], ...]


@cache
def load_casualty_lexicon() -> CasualtyLexicon:
    """The packaged count words and casualty phrases."""
    numbers = {row[0]: (int(row[1]), int(row[2])) for row in _rows("number_words.tsv", 3)}
    terms = tuple(CasualtyTerm(phrase=r[0], kind=r[1], position=r[2]) for r in _rows("casualty_terms.tsv", 3))
    non_victims = frozenset(row[0].lower() for row in _rows("non_victim_nouns.tsv", 1))
    persons = frozenset(row[0].lower() for row in _rows("person_nouns.tsv", 1))
    background = tuple(
        ContextCue(scope=r[0], minimum=int(r[1]), undated=r[2] == "undated", pattern=re.compile(r[3], re.IGNORECASE))
        for r in _rows("claim_contexts.tsv", 4)
    )
    incidents = tuple(
        IncidentTerm(phrase=r[0], kind=r[1], count=int(r[2]), adds=r[3]) for r in _rows("incident_terms.tsv", 4)
    )
    return CasualtyLexicon(
        numbers=numbers, terms=terms, non_victims=non_victims, persons=persons, background=background,
        incidents=incidents,
    )


def _rows(name: str, width: int) -> list[list[str]]:
    """The rows of a packaged TSV file, each with `width` fields."""
    data = resources.files("sitrep.data").joinpath(name).read_text(encoding="utf-8")
    rows = []
    for number, line in enumerate(data.splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            row = [field.strip() for field in line.split("\t")]
            if len(row) != width:
                message = f"data/{name} line {number}: expected {width} tab-separated fields, got {line!r}"
                raise ConfigError(message, source=name)
            rows.append(row)
    return rows


def _phrase_regex(phrase: str) -> str:
    """A casualty phrase as a regex: '*' is one optional word, 'and' also matches '&'."""
    parts = []
    for word in phrase.split():
        if word == "*":
            parts.append(r"(?:[\w'’-]+\s+)?")
        else:
            parts.append((r"(?:and|&)" if word == "and" else re.escape(word)) + r"\s+")
    return "".join(parts)[: -len(r"\s+")]


@cache
def patterns() -> Patterns:
    """The compiled count patterns, built once from the packaged lexicon."""
    lex = load_casualty_lexicon()
    count = _count_regex(lex.numbers)
    number_words = "|".join(re.escape(w) for w in lex.numbers if " " not in w)
    card_start = rf"(?:\d[\d,.]*(?![\w'’-])|(?:{number_words})\b(?![-'’]))"
    terms = {position: _terms_regex(lex, position, card_start) for position in ("after", "before", "toll")}
    sources = {**_count_sources(count, card_start, terms), **_person_sources(lex, card_start, terms)}
    incidents = sorted(lex.incidents, key=lambda t: len(t.phrase), reverse=True)
    sources["incident"] = rf"\b(?P<term>{'|'.join(_phrase_regex(t.phrase) for t in incidents)})\b"
    flags = re.IGNORECASE
    return Patterns(
        **{name: re.compile(source, flags) for name, source in sources.items()},
        negations=tuple(re.compile(n, flags) for n in _NEGATIONS),
        count=re.compile(count, flags),
        incidents=tuple((re.compile(_phrase_regex(t.phrase), flags), t) for t in incidents),
        kinds={
            position: tuple((re.compile(_phrase_regex(t.phrase), flags), t.kind) for t in by_position)
            for position in ("after", "before", "toll")
            if (by_position := [t for t in lex.terms if t.position == position])
        },
    )


def _terms_regex(lex: CasualtyLexicon, position: str, card_start: str) -> str:
    """The phrases of one position as alternatives, longest first; 'dead and injured' not before a
    count ('one dead and injured four' is 'one dead' then 'injured four')."""
    found = sorted((t for t in lex.terms if t.position == position), key=lambda t: len(t.phrase), reverse=True)
    both = rf"(?!\s+{QUALIFIER}{card_start})"
    return "|".join(
        _phrase_regex(t.phrase) + (both if t.kind == "casualties" and position == "after" else "") for t in found
    )


def _count_sources(count: str, card_start: str, terms: Mapping[str, str]) -> dict[str, str]:
    """Patterns around a number: 'three people were killed', 'killing 20', 'the toll rose to 12'."""
    aside = r"\s*,\s*(?:including|among\s+them|among\s+whom|mostly|most\s+of\s+them|many\s+of\s+them)"
    aside += r"[^,.;:]{1,80},"
    aside += r"|\s+(?:including|mostly|mainly|among\s+them)(?:\s+[\w'’-]+){1,6}?(?=\s+(?:were|are|have|had)\b)"
    word = rf"\s+(?!{_STOP}\b)(?!{card_start})[\w'’-]+"
    also = rf",?\s+and\s+(?:(?={QUALIFIER}{card_start}){count}|an?\b)"  # '127 rebels and 50 soldiers'
    toll = rf"\b(?P<term>{terms['toll']})(?:\s+(?!{card_start})[\w'’-]+){{0,8}}?(?:\s+from\s+{count}\s+to)?"
    return {
        "after": rf"\b(?P<count>{count})\b(?P<gap>(?:{aside}|{also}|{word}){{0,6}}?)\s+(?P<term>{terms['after']})\b",
        "before": rf"\b(?P<term>{terms['before']})\s+(?:(?:the|his|her|their|its)\s+)?(?P<count>{count})\b",
        "toll": rf"{toll}\s+(?P<count>{count})\b",
        "also": rf"\band\s+({count}|an?\b)",
        "and_more": rf"(?P<words>(?:\s+[\w'’-]+){{0,3}}?),?\s+and\s+(?:(?:their|his|her|the|its)\s+)?"
        rf"(?P<count>{QUALIFIER}{card_start}[^\s,.;]*)(?:\s+(?:other|more))?\s+(?P<noun>[\w'’-]+)"
        r"(?:\s+(?P<next>[\w'’-]+))?",
        "and_self": r"(?P<words>(?:\s+[\w'’-]+){0,3}?)(?:,?\s+and\s+(?:then\s+)?|,\s*)(?:himself|herself|self)\b",
    }


def _person_sources(lex: CasualtyLexicon, card_start: str, terms: Mapping[str, str]) -> dict[str, str]:
    """Patterns of people without a number: 'a soldier was killed', 'Smith, 24, died', 'killed a man',
    'A man and his son were shot', 'found him dead', 'Woman dies after shooting'."""
    word = rf"\s+(?!{_STOP}\b)(?!{card_start})[\w'’-]+"
    cap = r"[A-Z](?=[\w'’-]*[a-z])[\w'’-]+"  # 'Smith', 'McCullough', "O'Neil"; not 'USA'
    proper = rf"(?-i:{cap}(?:\s+(?:{cap}|al-[A-Z][\w'’-]+)){{0,3}})"
    asides = r"(?:(?:,\s+(?:\d{1,3}|(?:of|from)\s+[^,.;]{1,60})){1,2},)?(?:,?\s+who)?"
    name = rf"{proper}(?:\s+(?:of|from)\s+{proper})?{asides}"
    person = rf"(?:(?:a|an|the|his|her|their|its|that|this)(?:\s+[\w'’-]+){{1,3}}?|{proper})(?:,\s+\d{{1,3}},?)?"
    people = rf"{person}(?:,\s+{person}){{0,4}}"
    apposition = r",\s+(?:\d{1,3}|(?:a|an)(?:\s+[\w'’-]+){1,4}?),"
    persons = "|".join(sorted(lex.persons, key=len, reverse=True))
    killed = r"dead|deceased|shot\s+(?:to\s+death|dead)|stabbed\s+to\s+death|beaten\s+to\s+death"
    age = r"\d{1,3}[-–](?:year|month|week)[-–]old"
    named_gap = r"(?:\s+(?:who|was|is|has|been|being|also|later|then|\w+ly)){0,4}?"
    after = terms["after"]
    return {
        "single_subject": rf"\b(?P<det>a|an|another|the|his|her|he|she|that|this)"
        rf"(?P<gap>(?:{word}|{apposition}){{0,5}}?)\s+(?P<term>{after})\b",
        "named_subject": rf"\b(?P<det>{name})(?P<gap>{named_gap})\s+(?P<term>{after})\b",
        "coordinated": rf"\b(?:both\s+)?(?P<list>{people},?\s+and\s+{person})"
        rf"(?P<gap>(?:\s+(?:were|are|have|had|been|both|all|later|also|\w+ly)){{0,4}})\s+(?P<term>{after})\b",
        "found_dead": rf"\b(?:found|pronounced|declared)\s+(?P<list>him|her|{people}(?:,?\s+and\s+{person})?)"
        rf"\s+(?P<term>{killed})\b",
        "headline": rf"\b(?P<det>{persons})(?:,\s+\d{{1,3}},)?\s+(?:(?:was|is|has\s+been)\s+)?(?:\w+ly\s+)?"
        rf"(?P<term>{after})\b",
        "single_object": rf"\b(?P<term>{terms['before']})\s+"
        rf"(?P<det>a|an|another|his|her|the|its|himself|herself|{age}|(?-i:[A-Z][\w'’-]+))\b"
        rf"(?!\s+{card_start})(?P<rest>(?:\s+[\w'’-]+){{0,4}})",
    }


def _count_regex(numbers: Mapping[str, tuple[int, int]]) -> str:
    """A count: qualifiers, then a number (digits or words) or a range of two."""
    words = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(numbers, key=len, reverse=True))
    card = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|(?:{words})(?:[\s-]+(?:and\s+)?(?:{words})){{0,{_MAX_NUMBER_WORDS}}})"
    return rf"{QUALIFIER}(?:between\s+{card}\s+and\s+{card}|{card}(?:\s*(?:-|–|\bto\b|\bor\b)\s*{card})?)"
