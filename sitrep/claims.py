"""Casualty claims: "more than 30 soldiers were killed" -> killed 30..30, and who said it.

Counts are read with patterns built from `data/casualty_terms.tsv` (what was done to the people)
and `data/number_words.tsv` (how many): count then term ("three people were killed", "five
dead"), term then count ("killing 20 civilians", "the death toll rose to 112"), one person ("a
soldier was killed", "Smith, 24, died", "killed a man", "the death of the commander", "he died",
"Woman dies after shooting" with the nouns of `data/person_nouns.tsv`), several people ("A man and
his son were found dead", "found Smith and Jones shot to death"), and incidents that carry their
count (`data/incident_terms.tsv`: "a double homicide" 2 killed, "a triple shooting" 3 hit).

Conventions (ACLED's conservative reading):
- A qualifier keeps the number itself: "at least 12", "more than 30", "nearly 33", "up to 40" and
  "some 50" all give low = high = the number. Ranges keep both ends: "between 10 and 15", "10 to
  15", "10-15", "two or three".
- Vague words as ACLED converts them: "tens" 10, "dozens" 12, "scores" 20, "hundreds" 100; a
  plural without a number ("several", "a few", "a number of") means 2..9.
- Parts of one phrase add up: "killed 129 loyalists and 116 rebels" is 245, "killing his wife and
  their four children" 5, "killed three people and then himself" (or "... before taking his own
  life") 4: the attacker's own death joins the count before it in the sentence.
- "killing and injuring dozens" (one count for both kinds) gives each kind 1..N.
- "shot" alone, "hospitalized" and "taken to hospital" count people hit, not wounded: the wounded
  are those hit less the largest killed count the text gives ("two men were shot ... one died"
  -> 1 wounded, 1 killed); nothing is left when all the hit died.
- A negation ("no one was hurt", "no casualties") is a claim of 0.
- Kidnapped, abducted, captured and taken hostage are `captured`; arrests and detentions are not
  (ACLED codes them as Strategic developments / Arrests, not as casualties).
- Background and cumulative figures are no claims (`data/claim_contexts.tsv`): "150 people have
  been murdered in the city this year", "since the start of the war", "across the country", "the
  conflict has killed", "the deadliest since 2011, when 77 were killed", "thousands".
- Things are no victims (`data/non_victim_nouns.tsv`): "the warrant was executed", "shot two dogs";
  a year is no count ("2016 Jeffco teen dies").
- Claims are readings, not parts of a sum: one count phrase gives one claim per kind, and a
  text's total for a kind is its largest claim.
`claimed_by` is the source credited in the sentence ("police said", "according to ...") or, for a
claim inside a quotation, the speaker of the quotation (see `sitrep.informants`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import resources

from sitrep.errors import ConfigError
from sitrep.informants import attributed_sources
from sitrep.records import Claim, ClaimKind, Sentence


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_QUALIFIER = (
    r"(?:(?:at\s+least|more\s+than|over|about|around|approximately|nearly|almost|up\s+to|as\s+many\s+as|some"
    r"|roughly|an\s+estimated|estimated|no\s+fewer\s+than|no\s+less\s+than|fewer\s+than|less\s+than|at\s+most"
    r"|a\s+total\s+of|another|a\s+further|further|all|just|only|close\s+to|upwards\s+of|in\s+excess\s+of)\s+)*"
)
_STOP = (
    r"(?:and|or|but|while|after|before|when|whereas|because|than|could|would|might|may|should|will|not|never"
    r"|no|nobody|none|neither|nothing|to|if|whether|then|said|says|told|say|saying|according)"
)
_PASSIVE = _words("was were is are been being be got get gets remain remains remained listed")
_SINGULAR_AUX = _words("was is has")
_PLURAL_AUX = _words("were are have")
_NOUN_TERMS = _words("lives deaths fatalities bodies injuries") | {"shooting death", "stabbing death"}
_TRANSITIVE = _words(
    "killed shot wounded injured hurt murdered executed massacred kidnapped abducted captured beheaded down "
    "dead assassinated"
)
_NP_BREAKS = _words(
    "in at on near with and by during after outside inside of was were is are has had have before then when while"
)
_TITLE_CASE_LINKS = _words("as for from near outside inside over across amid following")
_MULTIPLIERS = _words("hundred thousand dozen hundreds thousands dozens")
_CALENDAR = re.compile(
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|may|june|july|august|september"
    r"|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec",
    re.IGNORECASE,
)
_UNIT_AFTER = re.compile(
    r"\s*[-–]?\s*(?:(?:years?|yrs?|months?|weeks?|days?|hours?|hrs?|minutes?|mins?|seconds?|a\.m|p\.m|am|pm|percent"
    r"|per\s+cent|times|rounds|shots|bullets|miles|mph|km|kilomet\w*|metres|meters|feet|foot|yards|blocks?|mm"
    r"|millimet\w*|caliber|calibre|o'clock|th|st|nd|rd)\b|%|:\d|\.\d|/|[-–]?(?:year|month|week|day)s?[-–]old)",
    re.IGNORECASE,
)
_AGE = re.compile(r"\d{1,3}[-–](?:year|month|week)[-–]old", re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)\d\d")
_BEFORE_COUNT = re.compile(r"(?:\bno\.|\baged?|\bin|\bsince|\bfrom|\buntil|\bof|\bat)\s*$", re.IGNORECASE)
_MONTH_BEFORE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*$", re.IGNORECASE
)
_HYPOTHETICAL = re.compile(
    r"\b(?:could|would|might|may|to|not|never|n't)\s+(?:have\s+)?(?:been\s+)?$", re.IGNORECASE
)
_NEGATIONS = (
    r"\b(?:no\s+one|nobody|no-one|none|neither)(?:\s+(?:else|other|of\s+(?:them|the\s+\w+)))?(?:['’]s)?\s+"
    r"(?:(?:was|were|is|are|has|have|had|been|got|reportedly|seriously|critically|also)\s+)*"
    r"(?P<term>killed|dead|died|hurt|injured|wounded|harmed|shot|kidnapped|abducted)\b",
    r"\bno\s+(?:(?:other|further|immediate|reported|known|serious|additional|human)\s+)*"
    r"(?P<term>injuries|casualties|deaths|fatalities)\b",
    r"\bwithout\s+(?:any\s+)?(?P<term>casualties|injuries|deaths|fatalities)\b",
)
_NEGATED_KIND = {
    "killed": "killed", "dead": "killed", "died": "killed", "deaths": "killed", "fatalities": "killed",
    "hurt": "wounded", "injured": "wounded", "wounded": "wounded", "harmed": "wounded", "shot": "hit",
    "injuries": "wounded", "casualties": "casualties", "kidnapped": "captured", "abducted": "captured",
}
_OBJECT_START = re.compile(
    r"\s+(?:a|an|the|his|her|their|its|him|them|himself|herself|themselves|another)\b", re.IGNORECASE
)
_RANGE_SPLIT = re.compile(r"(?<=\d)\s*[-–]\s*(?=\d)|\s*–\s*|\s+(?:to|or)\s+")
_SUBJECT_WORDS = _words("a an another the his her he she that this")
_LIST_SPLIT = re.compile(r",\s+(?:and\s+)?|\s+and\s+|(?<!\bof)\s+(?=(?:a|an|the|his|her)\s)")
_AFTER_PREPOSITION = re.compile(r"\b(?:of|from|in|at|near|to|for|with|by|on|into|toward|towards)\s+$", re.IGNORECASE)
_NOT_AFTER_THAT = _words(
    "was were is are been being be has have had it he she they we you i many most some all few several those these "
    "the a an his her their its"
)
_INTRANSITIVE = _words("died dies perished succumbed")
_NOT_NAMES = _words(
    "they we you it i both all many some others several everyone everybody nobody none who which that this these "
    "those there police officials authorities officers troops soldiers residents witnesses relatives family the "
    "and by in on at for with after during"
)
_NAMED_GAP = _words("who was is has been being also later then")
_AND_SELF = re.compile(r"(?:,?\s+and\s+(?:then\s+)?|,\s*)(?:himself|herself|self)\b", re.IGNORECASE)
_NOT_A_NOUN = _words(
    "was were is are has have had been be being and or but after before when while then who which that killed "
    "dead died wounded injured hurt shot kidnapped abducted captured missing others more"
)
_PLURAL_HEADS = _words("people men women children police others both all persons civilians")


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
class _Hit:
    """A count phrase found in the text: what kind, how many, where (the count and the whole phrase)."""

    kind: str
    low: int
    high: int
    start: int
    end: int
    count_start: int
    count_end: int
    distance: int
    own_death: bool = False  # 'then took his own life': adds the attacker to a count before it
    whole: bool = False  # 'a murder-suicide': the incident's toll, the attacker included


@dataclass(frozen=True, slots=True)
class _Patterns:
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


def find_claims(
    sentences: Sequence[Sentence], *, text: str, document_id: str, headline: str | None = None
) -> tuple[Claim, ...]:
    """The casualty counts stated in these sentences (offsets into `text`), one claim per count phrase.

    With a `headline` (the document's title, which is not part of `text`), its counts are claims too,
    each with an empty span at the start of the text (start = end = 0)."""
    hits = _deduplicated([h for s in sentences for h in _sentence_hits(text, s.start, s.end)])
    heads = _deduplicated(_sentence_hits(headline, 0, len(headline))) if headline else []
    died = 0
    if any(h.kind == "hit" for h in (*hits, *heads)):
        died = max([_largest_killed(text), *(h.low for h in heads if h.kind == "killed")])
    claims: list[Claim] = []
    for hit in sorted(hits, key=lambda h: h.start):
        sentence = next(s for s in sentences if s.start <= hit.start < s.end)
        claimant = _claimant(sentence, hit, text=text, document_id=document_id)
        claims += [
            Claim(kind=kind, low=low, high=high, text=text[hit.start : hit.end], document_id=document_id,
                  start=hit.start, end=hit.end, claimed_by=claimant)
            for kind, low, high in _readings(hit, died=died)
        ]
    claims += [
        Claim(kind=kind, low=low, high=high, text=(headline or "")[hit.start : hit.end], document_id=document_id,
              start=0, end=0)
        for hit in heads for kind, low, high in _readings(hit, died=died)
    ]
    return tuple(claims)


@lru_cache(maxsize=16)
def _largest_killed(text: str) -> int:
    """The largest killed count anywhere in the text: those of the people hit who died."""
    hits = [h for h in _hits(text, 0, len(text)) if not _is_background(h, text=text, start=0, end=len(text))]
    return max((h.low for h in _deduplicated(hits) if h.kind == "killed"), default=0)


def _sentence_hits(text: str, start: int, end: int) -> list[_Hit]:
    """The count phrases of one sentence that count the event: no background figures, and a
    count followed by the attacker's own death read with it ('killed three, then himself')."""
    hits = [h for h in _hits(text, start, end) if not _is_background(h, text=text, start=start, end=end)]
    own = [h for h in hits if h.own_death]
    totals = [
        replace(h, low=h.low + 1, high=h.high + 1, end=death.end)
        for h in hits
        if h.kind == "killed" and h.low > 0 and not h.own_death and not h.whole
        and (death := next((d for d in own if d.start >= h.end), None)) is not None
    ]
    return hits + totals


_NAMED_DAY = re.compile(
    r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today|tonight|last\s+night|this\s+morning)\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[,;:\u2013\u2014]|\s-\s|[.!?](?:\s|$)")


def _is_background(hit: _Hit, *, text: str, start: int, end: int) -> bool:
    """True when the words around a count make it a cumulative or background figure ('150 people
    have been murdered in the city this year', 'the war has killed 300,000', 'since 2011')."""
    before = text[max(start, hit.start - 90) : hit.start]
    before = before[before.rfind(";") + 1 :]
    after = text[hit.end : min(end, hit.end + 80)]
    brk = _CLAUSE_BREAK.search(after)
    windows = {
        "before": before,
        "after": after[: brk.start()] if brk else after,
        "inside": text[hit.start : hit.end],
        "count": " ".join(text[hit.count_start : hit.count_end].lower().split()),
    }
    dated = bool(_NAMED_DAY.search(before + text[hit.start : hit.end] + after))
    return any(
        hit.high >= cue.minimum and not (cue.undated and dated) and cue.pattern.search(windows[cue.scope])
        for cue in load_casualty_lexicon().background
    )


def _readings(hit: _Hit, *, died: int) -> list[tuple[ClaimKind, int, int]]:
    """The claims one count phrase makes."""
    if hit.kind == "casualties":
        low = min(hit.low, 1)
        return [(ClaimKind.KILLED, low, hit.high), (ClaimKind.WOUNDED, low, hit.high)]
    if hit.kind == "hit":
        if hit.low == 0:
            return [(ClaimKind.WOUNDED, 0, 0)]
        low, high = hit.low - died, hit.high - died
        return [(ClaimKind.WOUNDED, max(low, 1), high)] if high > 0 else []
    return [(ClaimKind(hit.kind), hit.low, hit.high)]


def _claimant(sentence: Sentence, hit: _Hit, *, text: str, document_id: str) -> str | None:
    """Who the sentence credits with the claim; for a quoted claim, who spoke the quotation."""
    for frame in (sentence, *_quote_frames(text, hit.start)):
        sources = attributed_sources(frame, text=text, document_id=document_id)
        if sources:
            return sources[0].name
    return None


def _quote_frames(text: str, at: int) -> tuple[Sentence, ...]:
    """Inside a quotation: the text after it (its attribution) and before it (its introduction)."""
    opening = max(text.rfind("“", 0, at), text.rfind('"', 0, at))
    if opening < 0:
        return ()
    curly = text[opening] == "“"
    if (curly and text.rfind("”", opening, at) >= 0) or (not curly and text.count('"', 0, at) % 2 == 0):
        return ()
    closing = text.find("”" if curly else '"', at)
    frames = []
    if closing >= 0:
        ends = (text.find(". ", closing), text.find("\n", closing))
        end = min((i for i in ends if i >= 0), default=len(text))
        frames.append(Sentence(start=closing, end=end, text=text[closing:end]))
    start = max(text.rfind(". ", 0, opening) + 1, text.rfind("\n", 0, opening) + 1, 0)
    frames.append(Sentence(start=start, end=opening + 1, text=text[start : opening + 1]))
    return tuple(frames)


def _deduplicated(hits: list[_Hit]) -> list[_Hit]:
    """One hit per count phrase: the longest phrase, then the nearest term, then the widest count."""
    kept: list[_Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start - h.end, h.distance, h.count_start - h.count_end)):
        if not any(_overlaps(hit, k) for k in kept):
            kept.append(hit)
    return kept


def _overlaps(a: _Hit, b: _Hit) -> bool:
    if a.count_start < b.count_end and b.count_start < a.count_end:
        return True
    inside = (b.start <= a.start and a.end <= b.end) or (a.start <= b.start and b.end <= a.end)
    return a.kind == b.kind and inside


def _hits(text: str, start: int, end: int) -> list[_Hit]:
    """Every count phrase between start and end, before deduplication."""
    p = _patterns()
    upper = _is_upper(text[start:end])
    readers: list[tuple[Iterator[re.Match[str]], Callable[[re.Match[str]], _Hit | None]]] = [
        (_overlapping(p.after, text, start, end), lambda m: _after_hit(m, text, upper)),
        (p.before.finditer(text, start, end), lambda m: _before_hit(m, text)),
        (p.toll.finditer(text, start, end), lambda m: _before_hit(m, text)),
        (_overlapping(p.single_subject, text, start, end), lambda m: _subject_hit(m, text, upper)),
        (p.named_subject.finditer(text, start, end), lambda m: _subject_hit(m, text, upper)),
        (p.coordinated.finditer(text, start, end), lambda m: _coordinated_hit(m, text, upper)),
        (p.found_dead.finditer(text, start, end), lambda m: _found_dead_hit(m, upper)),
        (p.headline.finditer(text, start, end), lambda m: _headline_hit(m, text, start)),
        (_overlapping(p.single_object, text, start, end), lambda m: _object_hit(m, text, upper)),
        (p.incident.finditer(text, start, end), _incident_hit),
        *((n.finditer(text, start, end), _negation_hit) for n in p.negations),
    ]
    return [hit for matches, read in readers for m in matches if (hit := read(m)) is not None]


def _overlapping(pattern: re.Pattern[str], text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """Every match, including those starting inside an earlier one ('in 2014 and 2 killed')."""
    m = pattern.search(text, start, end)
    while m is not None:
        yield m
        m = pattern.search(text, m.start() + 1, end)


def _after_hit(m: re.Match[str], text: str, upper: bool) -> _Hit | None:
    """'three people were killed': a count, a few words, a casualty term."""
    value = _count_value(m, text)
    gap = m.group("gap").lower().split()
    if value is None or _BEFORE_COUNT.search(text[max(0, m.start() - 8) : m.start()]):
        return None
    if m.group("term").lower() in _NOUN_TERMS and len(gap) > 1:
        return None
    if not _PASSIVE.intersection(gap) and _has_object(m, text, upper):
        return None
    for more in _patterns().also.finditer(m.group("gap")):
        if text[m.start("gap") + more.end() :].split(maxsplit=1)[0].lower() in _NOT_A_NOUN:
            return None  # 'killed 3 people and 2 were injured': two clauses
        words = " ".join(re.sub(_QUALIFIER, "", more.group(1), flags=re.IGNORECASE).lower().split())
        extra = (1, 1) if words in ("a", "an") else _parse_range(words)
        if extra is not None:
            value = (value[0] + extra[0], value[1] + extra[1])
    return _hit(m, value, kind=_term_kind(m.group("term"), "after"))


def _before_hit(m: re.Match[str], text: str) -> _Hit | None:
    """'killing 20 civilians', 'the death toll rose to 112'."""
    value = _count_value(m, text)
    if value is None or _HYPOTHETICAL.search(text[max(0, m.start() - 40) : m.start()]):
        return None
    position = "toll" if m.re is _patterns().toll else "before"
    head = _noun_phrase(text[m.end() : m.end() + 40].lower().split()[:2])[-1:]
    if head and _names_no_person([head[0].strip(",."), head[0].strip(",.").removesuffix("s")]):
        return None  # 'shot two dogs', 'killed 30 sheep'
    hit = _hit(m, value, kind=_term_kind(m.group("term"), position))
    return _with_more(hit, text) if position == "before" else hit


def _with_more(hit: _Hit, text: str) -> _Hit:
    """'killing 129 loyalists and 116 rebels' is 245; 'killed 3 civilians, self' is 4."""
    p = _patterns()
    more = p.and_more.match(text, hit.end)
    words = [*more.group("words").split(), more.group("noun"), more.group("next") or ""] if more else []
    if more and not _NOT_A_NOUN.intersection(w.lower() for w in words):
        extra = _parse_range(" ".join(re.sub(_QUALIFIER, "", more.group("count"), flags=re.IGNORECASE).lower().split()))
        if extra is not None and not _UNIT_AFTER.match(text, more.end("count")):
            return replace(hit, low=hit.low + extra[0], high=hit.high + extra[1], end=more.end())
    own = p.and_self.match(text, hit.end)
    if own and hit.kind == "killed" and not _NOT_A_NOUN.intersection(w.lower() for w in own.group("words").split()):
        return replace(hit, low=hit.low + 1, high=hit.high + 1, end=own.end())
    return hit


def _subject_hit(m: re.Match[str], text: str, upper: bool) -> _Hit | None:
    """'a soldier was killed', 'the victim died', 'he was shot'."""
    det = m.group("det").lower()
    gap = m.group("gap").lower().split()
    if m.group("term").lower() in _NOUN_TERMS:
        return None
    if not _PASSIVE.intersection(gap) and _has_object(m, text, upper):
        return None
    named = det not in _SUBJECT_WORDS
    if named and (upper or not _is_named_victim(m.group("det"), gap, m.group("term"))
                  or _after_preposition(text, m.start())):
        return None
    if not named and det not in ("a", "an", "another", "he", "she") and not _is_singular(gap):
        return None
    if det in ("that", "this") and (
        not gap or gap[0] in _NOT_AFTER_THAT or "of" in gap
        or (m.group("term").lower().split()[-1] in _TRANSITIVE and not _PASSIVE.intersection(gap))
    ):
        return None  # 'the shooting that was reported', 'that most of the injured', 'that group killed'
    if _PLURAL_AUX.intersection(gap) or _names_no_person(_noun_phrase(gap)):
        return None  # 'two women and a man were taken ...', 'a shooting was reported'
    return _hit(m, (1, 1), kind=_term_kind(m.group("term"), "after"), count=(m.start("det"), m.end("det")))


def _coordinated_hit(m: re.Match[str], text: str, upper: bool) -> _Hit | None:
    """'A father and his daughter were found dead', 'Both Smith and the baby died': one per person."""
    people = _people(m.group("list"))
    gap = m.group("gap").lower().split()
    term = m.group("term").lower()
    if upper or term in _NOUN_TERMS or _after_preposition(text, m.start()):
        return None  # 'evacuees from Fuaa and Kafraya were killed': places, not the people
    if not _PLURAL_AUX.union(("been", "both")).intersection(gap) and term.split()[0] not in _INTRANSITIVE:
        return None
    if not all(_is_one_person(words) for words in people):
        return None
    count = (m.start("list"), m.end("list"))
    return _hit(m, (len(people), len(people)), kind=_term_kind(m.group("term"), "after"), count=count)


def _after_preposition(text: str, at: int) -> bool:
    return _AFTER_PREPOSITION.search(text, max(0, at - 12), at) is not None


def _is_one_person(words: list[str]) -> bool:
    """'his 7-month-old daughter', 'the baby', 'Amer al-Rafdan': one person, not a thing or a group."""
    first = words[0].lower()
    lex = load_casualty_lexicon()
    if any(w.lower().strip(",") in _NOT_A_NOUN or w.lower() in lex.numbers for w in words[1:]):
        return False  # 'a man dead', 'the two'
    if first in _SUBJECT_WORDS | _words("their its"):
        rest = [w.lower() for w in words[1:]]
        return _is_singular(rest) and not _names_no_person(rest)
    return words[0][:1].isupper() and first not in _NOT_NAMES and not _CALENDAR.fullmatch(first)


def _headline_hit(m: re.Match[str], text: str, start: int) -> _Hit | None:
    """'Woman dies after shooting', 'Officer shot, suspect killed': a bare noun for one person opening
    a clause, as headlines write it."""
    before = text[max(start, m.start() - 40) : m.start()]
    opening = re.search(r"(?:^|[,:;|]|\s[-–—])\s*((?:[\w'’.-]+\s+){0,2})$", before)
    if opening is None or (len(before) == 40 and opening.start() == 0):
        return None
    det_start = m.start() - len(opening.group(1))
    term = m.group("term").lower()
    active = term.split()[-1] in _TRANSITIVE and (
        _OBJECT_START.match(text, m.end()) or _patterns().count.match(text, m.end() + 1)
    )
    if term in _NOUN_TERMS or active:
        return None  # 'Man killed his wife': active voice
    hit = _hit(m, (1, 1), kind=_term_kind(m.group("term"), "after"), count=(det_start, m.end("det")))
    return replace(hit, start=det_start)


def _found_dead_hit(m: re.Match[str], upper: bool) -> _Hit | None:
    """'deputies found Durcan dead', 'found a man and his son shot to death': one killed per person."""
    people = _people(m.group("list"))
    if upper or not all(_is_one_person(words) or words[0].lower() in ("him", "her") for words in people):
        return None
    return _hit(m, (len(people), len(people)), kind="killed", count=(m.start("list"), m.end("list")))


def _people(listed: str) -> list[list[str]]:
    """The people of a list ('Smith, 24, and Jones'), each as its words; ages are no people."""
    parts = [p.strip(" ,") for p in _LIST_SPLIT.split(listed)]
    return [p.split() for p in parts if p and not re.fullmatch(r"\d{1,3}", p)]


def _is_named_victim(name: str, gap: list[str], term: str) -> bool:
    """'Austin Moody, who was shot', 'Matthews, 47, died': a name, then only a singular auxiliary and
    adverbs (none before 'died')."""
    first = name.split()[0].strip(",")
    return (
        not _CALENDAR.fullmatch(first)
        and first.lower() not in _NOT_NAMES
        and (bool(_SINGULAR_AUX.intersection(gap)) or term.lower().split()[0] in _INTRANSITIVE)
        and all(w in _NAMED_GAP or w.endswith("ly") for w in gap)
    )


def _object_hit(m: re.Match[str], text: str, upper: bool) -> _Hit | None:
    """'killed a man', 'shot himself', 'the death of the commander', 'the killing of John Smith'."""
    det = m.group("det")
    if _HYPOTHETICAL.search(text[max(0, m.start() - 40) : m.start()]):
        return None
    phrase = [w.lower() for w in _noun_phrase(m.group("rest").split())]
    if _names_no_person(phrase):
        return None
    if det.lower() in ("the", "his", "her", "its"):
        if not _is_singular(phrase):
            return None
    elif det.lower() not in ("a", "an", "another", "himself", "herself") and not _AGE.fullmatch(det):
        name = det[:1].isupper() and not upper and not _CALENDAR.fullmatch(det) and det.lower() not in _NOT_NAMES
        killing = _term_kind(m.group("term"), "before") == "killed"
        if not name or not (killing or m.group("term").lower().endswith(" of")):
            return None
    words = list(re.finditer(r"\S+", m.group("rest")))
    kept = _noun_phrase([w.group(0) for w in words])
    end = m.start("rest") + words[len(kept) - 1].end() if kept else m.end("det")
    self_too = _AND_SELF.match(text, end) if det.lower() not in ("himself", "herself") else None
    value = (2, 2) if self_too else (1, 1)
    hit = _hit(m, value, kind=_term_kind(m.group("term"), "before"), count=(m.start("det"), m.end("det")))
    hit = replace(hit, end=self_too.end() if self_too else end)
    return hit if self_too else _with_more(replace(hit, end=end), text)


def _incident_hit(m: re.Match[str]) -> _Hit:
    """'a double homicide' (2 killed), 'a triple shooting' (3 hit), 'then took his own life' (1 killed)."""
    key = " ".join(m.group("term").lower().split())
    term = next(t for regex, t in _patterns().incidents if regex.fullmatch(key))
    return _Hit(kind=term.kind, low=term.count, high=term.count, start=m.start(), end=m.end(),
                count_start=m.start("term"), count_end=m.end("term"), distance=0, own_death=term.adds == "self",
                whole=term.adds == "total")


def _negation_hit(m: re.Match[str]) -> _Hit:
    kind = _NEGATED_KIND[m.group("term").lower()]
    return _Hit(kind=kind, low=0, high=0, start=m.start(), end=m.end(), count_start=m.start(),
                count_end=m.start("term"), distance=0)


def _hit(
    m: re.Match[str], value: tuple[int, int], *, kind: str, count: tuple[int, int] | None = None
) -> _Hit:
    count_start, count_end = count or (m.start("count"), m.end("count"))
    term_start, term_end = m.start("term"), m.end("term")
    distance = term_start - count_end if term_start >= count_end else count_start - term_end
    return _Hit(kind=kind, low=value[0], high=value[1], start=m.start(), end=m.end(),
                count_start=count_start, count_end=count_end, distance=distance)


def _term_kind(term: str, position: str) -> str:
    key = " ".join(term.lower().split())
    return next(kind for regex, kind in _patterns().kinds[position] if regex.fullmatch(key))


def _has_object(m: re.Match[str], text: str, upper: bool) -> bool:
    """True when a transitive term is followed by its object ('two gunmen killed a man'): active voice."""
    if m.group("term").lower().split()[-1] not in _TRANSITIVE:
        return False
    after = text[m.end() : m.end() + 40]
    if _OBJECT_START.match(after):
        return True
    start = m.end() + len(after) - len(after.lstrip())
    count = _patterns().count.match(text, start)
    if count and not _UNIT_AFTER.match(text, count.end()):
        return not _patterns().after.match(text, start)  # '8 Killed 25 Injured': a list, not an object
    word = re.match(r"\s+([A-Z][a-z]+)", after)
    if word is None or upper or _CALENDAR.fullmatch(word.group(1)):
        return False
    return word.group(1).lower() not in _NP_BREAKS | _TITLE_CASE_LINKS  # 'Three Killed In Shooting'


def _names_no_person(words: list[str]) -> bool:
    """True when the head of these words is a thing, not a person ('a shooting', 'the car')."""
    auxiliaries = _PASSIVE | _SINGULAR_AUX | _PLURAL_AUX
    nouns = [w.strip(",.") for w in words if w not in auxiliaries]
    return bool(nouns) and nouns[-1] in load_casualty_lexicon().non_victims


def _noun_phrase(words: list[str]) -> list[str]:
    """The words of a noun phrase up to its first preposition or verb-like break."""
    out = []
    for w in words:
        if w.lower() in _NP_BREAKS:
            break
        out.append(w)
    return out


def _is_singular(gap: list[str]) -> bool:
    """Whether the subject words before the term name one person ('the 20-year-old man was')."""
    if _SINGULAR_AUX.intersection(gap):
        return True
    if _PLURAL_AUX.intersection(gap):
        return False
    auxiliaries = _PASSIVE | _SINGULAR_AUX | _PLURAL_AUX | _words("had also")
    nouns = [w for w in gap if w not in auxiliaries and not w.endswith("ly")]
    if not nouns:
        return False
    head = nouns[-1].strip(",.").lower()
    plural = head.endswith("s") and not head.endswith(("ss", "us", "is", "'s", "’s"))
    return not plural and head not in _PLURAL_HEADS


def _count_value(m: re.Match[str], text: str) -> tuple[int, int] | None:
    """The (low, high) of the matched count, or None when the number is no count of people."""
    start, end = m.start("count"), m.end("count")
    if _UNIT_AFTER.match(text, end) or re.match(r"\s*[-–]?\s*\d", text[end : end + 3]):
        return None
    if re.search(r"(?:[$#:/]\s*|[.,-]|\bno\s+)$", text[max(0, start - 4) : start], re.IGNORECASE):
        return None
    if _MONTH_BEFORE.search(text[max(0, start - 11) : start]):
        return None  # 'Sept. 29': a date
    if _YEAR.fullmatch(m.group("count")) and not re.match(r"\s+[a-z]+s\b", text[end : end + 30]):
        return None  # '2016 Jeffco teen dies', 'Shooting 2016': a year
    words = re.sub(_QUALIFIER, "", m.group("count"), flags=re.IGNORECASE)
    return _parse_range(" ".join(words.lower().split()))


def _parse_range(words: str) -> tuple[int, int] | None:
    between = re.fullmatch(r"between\s+(.+?)\s+and\s+(.+)", words)
    parts = between.groups() if between else _RANGE_SPLIT.split(words)
    values = [_parse_number(p) for p in parts]
    if not values or None in values:
        return None
    low, high = min(v[0] for v in values if v), max(v[1] for v in values if v)
    return (low, high) if 0 < high < 100_000 else None


def _parse_number(words: str) -> tuple[int, int] | None:
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", words):
        return (int(words.replace(",", "")),) * 2
    numbers = load_casualty_lexicon().numbers
    total_low = total_high = low = high = 0
    for word in _number_words(words, numbers):
        if word is None:
            return None
        a, b = numbers[word]
        if word in ("thousand", "thousands"):
            total_low, total_high = total_low + max(low, 1) * a, total_high + max(high, 1) * b
            low = high = 0
        elif word in _MULTIPLIERS:
            low, high = max(low, 1) * a, max(high, 1) * b
        else:
            low, high = low + a, high + b
    return (total_low + low, total_high + high)


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


def _is_upper(sentence: str) -> bool:
    """True when capitals mark no names: upper-case wire text, or a Title Case headline."""
    letters = [c for c in sentence if c.isalpha()]
    if len(letters) > 10 and sum(c.isupper() for c in letters) / len(letters) > 0.8:
        return True
    words = [w for w in sentence.split() if w[:1].isalpha()]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) / len(words) > 0.7


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
def _patterns() -> _Patterns:
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
    return _Patterns(
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
    both = rf"(?!\s+{_QUALIFIER}{card_start})"
    return "|".join(
        _phrase_regex(t.phrase) + (both if t.kind == "casualties" and position == "after" else "") for t in found
    )


def _count_sources(count: str, card_start: str, terms: Mapping[str, str]) -> dict[str, str]:
    """Patterns around a number: 'three people were killed', 'killing 20', 'the toll rose to 12'."""
    aside = r"\s*,\s*(?:including|among\s+them|among\s+whom|mostly|most\s+of\s+them|many\s+of\s+them)"
    aside += r"[^,.;:]{1,80},"
    aside += r"|\s+(?:including|mostly|mainly|among\s+them)(?:\s+[\w'’-]+){1,6}?(?=\s+(?:were|are|have|had)\b)"
    word = rf"\s+(?!{_STOP}\b)(?!{card_start})[\w'’-]+"
    also = rf",?\s+and\s+(?:(?={_QUALIFIER}{card_start}){count}|an?\b)"  # '127 rebels and 50 soldiers'
    toll = rf"\b(?P<term>{terms['toll']})(?:\s+(?!{card_start})[\w'’-]+){{0,8}}?(?:\s+from\s+{count}\s+to)?"
    return {
        "after": rf"\b(?P<count>{count})\b(?P<gap>(?:{aside}|{also}|{word}){{0,6}}?)\s+(?P<term>{terms['after']})\b",
        "before": rf"\b(?P<term>{terms['before']})\s+(?:(?:the|his|her|their|its)\s+)?(?P<count>{count})\b",
        "toll": rf"{toll}\s+(?P<count>{count})\b",
        "also": rf"\band\s+({count}|an?\b)",
        "and_more": rf"(?P<words>(?:\s+[\w'’-]+){{0,3}}?),?\s+and\s+(?:(?:their|his|her|the|its)\s+)?"
        rf"(?P<count>{_QUALIFIER}{card_start}[^\s,.;]*)(?:\s+(?:other|more))?\s+(?P<noun>[\w'’-]+)"
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
    card = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|(?:{words})(?:[\s-]+(?:and\s+)?(?:{words}))*)"
    return rf"{_QUALIFIER}(?:between\s+{card}\s+and\s+{card}|{card}(?:\s*(?:-|–|\bto\b|\bor\b)\s*{card})?)"
