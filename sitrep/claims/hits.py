"""Count phrases of a text: where a casualty term and its count (a number, a person, a list of
people, an incident or a negation) are found, before background figures are left out."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from sitrep.claims.lexicon import QUALIFIER, load_casualty_lexicon, patterns
from sitrep.claims.numbers import UNIT_AFTER, count_value, parse_range


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


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


_CALENDAR = re.compile(
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|may|june|july|august|september"
    r"|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec",
    re.IGNORECASE,
)


_AGE = re.compile(r"\d{1,3}[-–](?:year|month|week)[-–]old", re.IGNORECASE)


_BEFORE_COUNT = re.compile(r"(?:\bno\.|\baged?|\bin|\bsince|\bfrom|\buntil|\bof|\bat)\s*$", re.IGNORECASE)


_HYPOTHETICAL = re.compile(
    r"\b(?:could|would|might|may|to|not|never|n't)\s+(?:have\s+)?(?:been\s+)?$", re.IGNORECASE
)


_NEGATED_KIND = {
    "killed": "killed", "dead": "killed", "died": "killed", "deaths": "killed", "fatalities": "killed",
    "hurt": "wounded", "injured": "wounded", "wounded": "wounded", "harmed": "wounded", "shot": "hit",
    "injuries": "wounded", "casualties": "casualties", "kidnapped": "captured", "abducted": "captured",
}


_OBJECT_START = re.compile(
    r"\s+(?:a|an|the|his|her|their|its|him|them|himself|herself|themselves|another)\b", re.IGNORECASE
)


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
class Hit:
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


def find_hits(text: str, start: int, end: int) -> list[Hit]:
    """Every count phrase between start and end, before deduplication."""
    p = patterns()
    upper = _is_upper(text[start:end])
    readers: list[tuple[Iterator[re.Match[str]], Callable[[re.Match[str]], Hit | None]]] = [
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


def _after_hit(m: re.Match[str], text: str, upper: bool) -> Hit | None:
    """'three people were killed': a count, a few words, a casualty term."""
    value = count_value(m, text)
    gap = m.group("gap").lower().split()
    if value is None or _BEFORE_COUNT.search(text[max(0, m.start() - 8) : m.start()]):
        return None
    if m.group("term").lower() in _NOUN_TERMS and len(gap) > 1:
        return None
    if not _PASSIVE.intersection(gap) and _has_object(m, text, upper):
        return None
    for more in patterns().also.finditer(m.group("gap")):
        if text[m.start("gap") + more.end() :].split(maxsplit=1)[0].lower() in _NOT_A_NOUN:
            return None  # 'killed 3 people and 2 were injured': two clauses
        words = " ".join(re.sub(QUALIFIER, "", more.group(1), flags=re.IGNORECASE).lower().split())
        extra = (1, 1) if words in ("a", "an") else parse_range(words)
        if extra is not None:
            value = (value[0] + extra[0], value[1] + extra[1])
    return _hit(m, value, kind=_term_kind(m.group("term"), "after"))


def _before_hit(m: re.Match[str], text: str) -> Hit | None:
    """'killing 20 civilians', 'the death toll rose to 112'."""
    value = count_value(m, text)
    if value is None or _HYPOTHETICAL.search(text[max(0, m.start() - 40) : m.start()]):
        return None
    position = "toll" if m.re is patterns().toll else "before"
    head = _noun_phrase(text[m.end() : m.end() + 40].lower().split()[:2])[-1:]
    if head and names_no_person([head[0].strip(",."), head[0].strip(",.").removesuffix("s")]):
        return None  # 'shot two dogs', 'killed 30 sheep'
    hit = _hit(m, value, kind=_term_kind(m.group("term"), position))
    return _with_more(hit, text) if position == "before" else hit


def _with_more(hit: Hit, text: str) -> Hit:
    """'killing 129 loyalists and 116 rebels' is 245; 'killed 3 civilians, self' is 4."""
    p = patterns()
    more = p.and_more.match(text, hit.end)
    words = [*more.group("words").split(), more.group("noun"), more.group("next") or ""] if more else []
    if more and not _NOT_A_NOUN.intersection(w.lower() for w in words):
        extra = parse_range(" ".join(re.sub(QUALIFIER, "", more.group("count"), flags=re.IGNORECASE).lower().split()))
        if extra is not None and not UNIT_AFTER.match(text, more.end("count")):
            return replace(hit, low=hit.low + extra[0], high=hit.high + extra[1], end=more.end())
    own = p.and_self.match(text, hit.end)
    if own and hit.kind == "killed" and not _NOT_A_NOUN.intersection(w.lower() for w in own.group("words").split()):
        return replace(hit, low=hit.low + 1, high=hit.high + 1, end=own.end())
    return hit


def _subject_hit(m: re.Match[str], text: str, upper: bool) -> Hit | None:
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
    if _PLURAL_AUX.intersection(gap) or names_no_person(_noun_phrase(gap)):
        return None  # 'two women and a man were taken ...', 'a shooting was reported'
    return _hit(m, (1, 1), kind=_term_kind(m.group("term"), "after"), count=(m.start("det"), m.end("det")))


def _coordinated_hit(m: re.Match[str], text: str, upper: bool) -> Hit | None:
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
        return _is_singular(rest) and not names_no_person(rest)
    return words[0][:1].isupper() and first not in _NOT_NAMES and not _CALENDAR.fullmatch(first)


def _headline_hit(m: re.Match[str], text: str, start: int) -> Hit | None:
    """'Woman dies after shooting', 'Officer shot, suspect killed': a bare noun for one person opening
    a clause, as headlines write it."""
    before = text[max(start, m.start() - 40) : m.start()]
    opening = re.search(r"(?:^|[,:;|]|\s[-–—])\s*((?:[\w'’.-]+\s+){0,2})$", before)
    if opening is None or (len(before) == 40 and opening.start() == 0):
        return None
    det_start = m.start() - len(opening.group(1))
    term = m.group("term").lower()
    active = term.split()[-1] in _TRANSITIVE and (
        _OBJECT_START.match(text, m.end()) or patterns().count.match(text, m.end() + 1)
    )
    if term in _NOUN_TERMS or active:
        return None  # 'Man killed his wife': active voice
    hit = _hit(m, (1, 1), kind=_term_kind(m.group("term"), "after"), count=(det_start, m.end("det")))
    return replace(hit, start=det_start)


def _found_dead_hit(m: re.Match[str], upper: bool) -> Hit | None:
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


def _object_hit(m: re.Match[str], text: str, upper: bool) -> Hit | None:
    """'killed a man', 'shot himself', 'the death of the commander', 'the killing of John Smith'."""
    det = m.group("det")
    if _HYPOTHETICAL.search(text[max(0, m.start() - 40) : m.start()]):
        return None
    phrase = [w.lower() for w in _noun_phrase(m.group("rest").split())]
    if names_no_person(phrase):
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


def _incident_hit(m: re.Match[str]) -> Hit:
    """'a double homicide' (2 killed), 'a triple shooting' (3 hit), 'then took his own life' (1 killed)."""
    key = " ".join(m.group("term").lower().split())
    term = next(t for regex, t in patterns().incidents if regex.fullmatch(key))
    return Hit(kind=term.kind, low=term.count, high=term.count, start=m.start(), end=m.end(),
                count_start=m.start("term"), count_end=m.end("term"), distance=0, own_death=term.adds == "self",
                whole=term.adds == "total")


def _negation_hit(m: re.Match[str]) -> Hit:
    kind = _NEGATED_KIND[m.group("term").lower()]
    return Hit(kind=kind, low=0, high=0, start=m.start(), end=m.end(), count_start=m.start(),
                count_end=m.start("term"), distance=0)


def _hit(
    m: re.Match[str], value: tuple[int, int], *, kind: str, count: tuple[int, int] | None = None
) -> Hit:
    count_start, count_end = count or (m.start("count"), m.end("count"))
    term_start, term_end = m.start("term"), m.end("term")
    distance = term_start - count_end if term_start >= count_end else count_start - term_end
    return Hit(kind=kind, low=value[0], high=value[1], start=m.start(), end=m.end(),
                count_start=count_start, count_end=count_end, distance=distance)


def _term_kind(term: str, position: str) -> str:
    key = " ".join(term.lower().split())
    return next(kind for regex, kind in patterns().kinds[position] if regex.fullmatch(key))


def _has_object(m: re.Match[str], text: str, upper: bool) -> bool:
    """True when a transitive term is followed by its object ('two gunmen killed a man'): active voice."""
    if m.group("term").lower().split()[-1] not in _TRANSITIVE:
        return False
    after = text[m.end() : m.end() + 40]
    if _OBJECT_START.match(after):
        return True
    start = m.end() + len(after) - len(after.lstrip())
    count = patterns().count.match(text, start)
    if count and not UNIT_AFTER.match(text, count.end()):
        return not patterns().after.match(text, start)  # '8 Killed 25 Injured': a list, not an object
    word = re.match(r"\s+([A-Z][a-z]+)", after)
    if word is None or upper or _CALENDAR.fullmatch(word.group(1)):
        return False
    return word.group(1).lower() not in _NP_BREAKS | _TITLE_CASE_LINKS  # 'Three Killed In Shooting'


def names_no_person(words: list[str]) -> bool:
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


def _is_upper(sentence: str) -> bool:
    """True when capitals mark no names: upper-case wire text, or a Title Case headline."""
    letters = [c for c in sentence if c.isalpha()]
    if len(letters) > 10 and sum(c.isupper() for c in letters) / len(letters) > 0.8:
        return True
    words = [w for w in sentence.split() if w[:1].isalpha()]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) / len(words) > 0.7
