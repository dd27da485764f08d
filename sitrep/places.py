"""Places: every place name in a document's clean text, resolved on a gazetteer.

Recognition looks up spans something marks as a place: spaCy GPE/LOC/FAC entities, NORP
demonyms ("Syrian" -> Syria), datelines ("DEIR EZZOR -", "SAN SALVADOR, 3 JAN 90 --"), phrases
such as "the town of X", "X province", and proper nouns the gazetteer knows. Each span carries
what the text says about it: a locative preposition ("in X", "24, of X") or a qualifier ("X,
Ala.") is strong evidence; part of a longer name ("Wells Fargo", "Michigan Avenue", "Sacred Heart
Church") or a word the document uses for a person ("Officer Rivera", "Rivera, 24,", "Rivera
said", a PERSON entity) is evidence against.

Disambiguation keeps the candidates that evidence allows, then scores them with population,
feature-class and name priors and the document's context: its countries (dateline, names,
demonyms, the outlet), its first-level areas (qualifiers, dateline, named areas, big cities, the
outlet's home state from outlet_countries.tsv or its host name) and nearby places; a mention is
no evidence for itself. A small town needs a qualifier to beat a country, area or capital of the
same name ("Paris, Texas"), the document's area to beat a city of a million, and, outside the
document's areas, a name no other town of its country shares ("Homewood" in a Pittsburgh story
is not Homewood, Alabama). A name a qualifier or dateline settled keeps that sense everywhere.
"""

from __future__ import annotations

import importlib.resources
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache

from sitrep.analysis import is_upper_case
from sitrep.gazetteer import Gazetteer
from sitrep.gazetteer.normalise import strict_key
from sitrep.records import AnalysedText, Document, Entity, GazetteerEntry, Place

IMPLEMENTATION = "sitrep.places.v2"
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_AREA_WORDS = ("province", "governorate", "district", "department", "county", "region", "state",
               "municipality", "prefecture", "oblast", "parish", "canton", "emirate")
_TOWN_WORDS = ("city", "town", "village", "hamlet", "township", "suburb", "neighbourhood", "neighborhood",
               "quarter", "area", "camp", "port", "settlement", "countryside", "outskirts")
_PART_WORDS = ("suburb", "neighbourhood", "neighborhood", "quarter", "section", "community")
_TYPE_WORDS = _AREA_WORDS + _TOWN_WORDS + ("section", "community")
_NAME_WORD = r"(?:[A-Z][\w'’.-]*|(?:al|el|ez|az|ad|ar|as|ash|an|at|de|del|la|le|di|da|do|dos|du)[-\s])"
_NAME = rf"[A-Z][\w'’-]*(?:[ -]{_NAME_WORD}[\w'’-]*){{0,3}}"
_OF_PATTERN = re.compile(rf"\b(?:{'|'.join(_TYPE_WORDS)}) of ({_NAME})")
_SUFFIX_PATTERN = re.compile(rf"\b({_NAME}) ({'|'.join(_TYPE_WORDS)})\b")
_UPPER_OF = re.compile(
    rf"\b(?:{'|'.join(w.upper() for w in _TYPE_WORDS)}) OF ((?:[A-Z][A-Z'’.-]*\s?){{1,3}})")
_UPPER_SUFFIX = re.compile(rf"((?:[A-Z][A-Z'’.-]*\s){{1,4}})({'|'.join(w.upper() for w in _AREA_WORDS)})\b")
_DATELINE = re.compile(
    r"(?:^|\n)[ \t]*([A-Z][A-Z'’.-]*(?:[ -][A-Z][A-Z'’.-]*){0,3})"  # the place, in capitals
    r"(?:,[ \t]*([A-Z][A-Za-z.'’]*(?: [A-Z][A-Za-z.'’]*){0,2}))?"  # ", Ill." / ", Syria"
    r"(?:,?[ \t]*\d{1,2}[ \t]+[A-Z][A-Za-z]{2,8}\.?[ \t]+\d{2,4})?"  # ", 3 JAN 90"
    r"[ \t]*(?:\([^)\n]{1,40}\))?[ \t]*(?:--|[-–—:])"
)
_LOCATIVE = re.compile(  # "in X", "near X"; "of X" only where X is a place: "24, of X", "north of X"
    r"(?:\b(?:in|near|outside|from|across|throughout|into|toward|towards|around|between)"
    r"|(?:,|\b(?:residents?|natives?|people|citizens|mayor|outskirts|suburbs?|parts?|capital|north|south|east"
    r"|west|northeast|northwest|southeast|southwest|northern|southern|eastern|western|miles|kilometers|km)) of)"
    r"\s+(?:the (?:city|town|village|county|state|suburb|province) of\s+)?$", re.IGNORECASE)
_QUALIFIER = re.compile(
    r"^,[ \t]*((?:[A-Z][a-z]{0,3}\.){1,3}|[A-Z][A-Za-z'’]+(?: [A-Z][a-z]+){0,2})(?=[\s,.;:)(—–-]|$)")
_COUNTY = re.compile(r" (?:County|Parish|Borough)$", re.IGNORECASE)
_CAP_WORD = re.compile(r"[A-Z][\w'’-]*")
_NAME_SHAPE = re.compile(r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3}")  # "John Q. Rivera-Lopez"
_AGE = re.compile(r"\b([A-Z][\w'’-]+(?: [A-Z][\w'’.-]+){0,3}), (?:age |aged )?\d{1,3}(?:,| (?:was|is|and|who|of))")
_FUNCTION_WORDS = frozenset(
    "in of the at near from to and on by for into outside across around a an".split())  # noqa: SIM905
_VANITY_TLDS = frozenset("co tv io me fm ly ai am cc ws to is it us".split())  # noqa: SIM905
_GENERIC_LABELS = frozenset("www co com org net gov edu news live local".split())  # noqa: SIM905
_BIG_POPULATION = 100_000
_TOWN_POPULATION = 50_000
_OUTLET_CITY_POPULATION = 200_000


@dataclass(frozen=True, slots=True)
class _Span:
    """A stretch of text recognised as a place name, before resolution."""

    start: int
    end: int
    name: str
    source: str  # "dateline", "pattern", "ner", "demonym", "known"
    kind: str | None = None  # "area", "town" or "part" (of a town) when the text says so
    within: str | None = None  # a containing place named with it ("Ill." in "ELGIN, Ill. -")
    full: str | None = None  # the name with its type word ("Mexico City"), tried first
    country: str | None = None  # ISO2 for demonyms
    strong: bool = False  # the text marks it as a place: a locative preposition, a pattern, a dateline
    partial: bool = False  # part of a longer proper name ("Wells" in "Wells Fargo")
    names_a: str | None = None  # "street" or "facility" when the name is a street's or a building's
    person_tagged: bool = False  # the model tagged it PERSON


@dataclass(frozen=True, slots=True)
class _Cues:
    """What the document says about its names: who is a person, which areas qualify places."""

    persons: dict[str, float]  # strict key of a word -> how strongly the document uses it for a person
    places: dict[str, float]  # strict key of a name -> how often the text marks it as a place
    upper: bool  # the text is in capitals (a wire report): capitals say nothing
    person_spans: tuple[tuple[int, int], ...]  # multi-word person names ("Officer John Rivera")


@dataclass(slots=True)
class _Context:
    """What the document says about where it is: country and first-level area weights."""

    countries: Counter[str] = field(default_factory=Counter)
    admin1: dict[tuple[str, str], float] = field(default_factory=dict)
    anchors: list[tuple[str, GazetteerEntry]] = field(default_factory=list)
    senses: dict[str, int] = field(default_factory=dict)  # name key -> geonameid a qualifier settled


@dataclass(frozen=True, slots=True)
class _Evidence:
    """Everything a round of resolution reads besides the spans: the outlet's country and area,
    the areas qualifiers name, the person cues and the previous round's resolutions."""

    outlet: tuple[str | None, str | None]
    areas: dict[str, set[tuple[str, str]]]
    cues: _Cues
    resolved: list[tuple[_Span, _Candidate]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Weights:
    """How much each piece of evidence counts when choosing among candidates."""

    population: float = 0.55
    strict: float = 1.5
    primary_name: float = 1.5
    focus_country: float = 3.0
    focus_admin1: float = 3.0
    qualifier: float = 6.0
    kind_match: float = 1.5
    kind_mismatch: float = 1.0
    nearby: float = 1.5
    feature: tuple[tuple[str, float], ...] = (
        ("A.PCLI", 3.5), ("L.CONT", 3.0), ("L.RGN", 3.0), ("A.ADM1", 1.8), ("P.PPLC", 2.0),
        ("P.PPLA", 0.6), ("A.ADM2", 0.0), ("H.OCN", 3.0), ("H.SEA", 3.0), ("H.GULF", 2.0), ("L.PEN", 2.0),
        ("T.MTS", 2.0), ("T.ISL", 2.0),
    )


WEIGHTS = Weights()


# ---------------------------------------------------------------- data files


def _data_lines(name: str) -> Iterator[list[str]]:
    text = importlib.resources.files("sitrep").joinpath("data", name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield [cell.strip() for cell in line.split("\t")]


@cache
def load_stoplist() -> frozenset[str]:
    """Strict keys of words never taken for places on an NER label alone."""
    return frozenset(strict_key(row[0]) for row in _data_lines("place_stoplist.tsv"))


@cache
def load_demonyms() -> dict[str, str]:
    """Strict key of a demonym (and its plural) -> ISO2, or '@Name' of a non-country place."""
    table: dict[str, str] = {}
    for word, target, *_ in _data_lines("demonyms.tsv"):
        table[strict_key(word)] = target
        table.setdefault(strict_key(word + "s"), target)
    return table


@cache
def load_outlets() -> dict[str, tuple[str, str | None]]:
    """Outlet web domain -> (ISO2, GeoNames admin1 code or None) of the area it mostly reports on."""
    return {row[0].lower(): (row[1], row[2] if len(row) > 2 and row[2] else None)
            for row in _data_lines("outlet_countries.tsv")}


@cache
def load_cues() -> dict[str, frozenset[str]]:
    """Cue words by kind ("title", "speech", "institution", "qualifier"), lower case."""
    kinds: dict[str, set[str]] = {}
    for kind, word, *_ in _data_lines("place_cues.tsv"):
        kinds.setdefault(kind, set()).add(word.lower())
    return {kind: frozenset(words) for kind, words in kinds.items()}


# ---------------------------------------------------------------- cues in the text


def _words(text: str) -> list[str]:
    return _CAP_WORD.findall(text)


def _person_cues(analysed: AnalysedText, found: Sequence[_Span]) -> _Cues:
    """Words the document uses as person names: in PERSON entities, after a title ("Sgt."),
    before an age ("Rivera, 24,"), next to a speech verb ("Rivera said", "said Rivera.")."""
    text, cues = analysed.document.text, load_cues()
    votes: dict[str, float] = {}
    spans: list[tuple[int, int]] = []

    def vote(words: Iterable[str], weight: float) -> None:
        for w in words:
            votes[strict_key(w)] = votes.get(strict_key(w), 0.0) + weight

    titles = "|".join(sorted(cues["title"], key=len, reverse=True))
    for ent in analysed.entities:
        if ent.label == "PERSON":
            for s, e in _person_names(ent, cues["title"]):
                names = _words(text[s:e])
                vote(names, 2.0 if len(names) > 1 else 0.5)  # the model often calls a lone place a person
                if len(names) > 1:
                    vote(names[-1:], 1.0)  # a surname stands for the person later on
                    spans.append((s, e))
    for m in re.finditer(rf"\b(?i:{titles})\.? ((?:[A-Z][\w'’-]+ ?){{1,3}})", text):
        vote(_words(m.group(1)), 2.0)
        spans.append((m.start(), m.end(1)))
    for m in _AGE.finditer(text):
        vote(_words(m.group(1)), 2.0)
    speech = "|".join(cues["speech"])
    for m in re.finditer(rf"(?<![a-z] )\b([A-Z][\w'’-]+) (?:{speech})\b|\b(?:{speech}) ([A-Z][\w'’-]+)[.,;]", text):
        vote([m.group(1) or m.group(2)], 1.0)
    places = Counter(strict_key(s.name) for s in found if s.strong and s.source != "demonym")
    places.update(strict_key(ent.text) for ent in analysed.entities if ent.label in ("GPE", "LOC"))
    return _Cues(persons=votes, places={k: float(v) for k, v in places.items()}, person_spans=tuple(spans),
                 upper=is_upper_case(text))


def _person_names(ent: Entity, titles: frozenset[str]) -> Iterator[tuple[int, int]]:
    """The name-shaped parts of a PERSON entity after its last title: "Beaconsfield Mayor
    Georges Bourelle" -> "Georges Bourelle"; "Trump - Wisconsin" is no one's name."""
    words = list(re.finditer(r"\S+", ent.text))
    last = max((i for i, w in enumerate(words) if w.group(0).lower().rstrip(".") in titles), default=-1)
    rest = ent.text[words[last + 1].start():] if last + 1 < len(words) else ""
    offset = ent.start + len(ent.text) - len(rest)
    m = _NAME_SHAPE.fullmatch(rest)
    if m:
        yield offset, offset + len(rest)


def _strong(text: str, start: int) -> bool:
    """A locative preposition right before the name: "in X", "near X", "of X", "the city of X"."""
    return _LOCATIVE.search(text[max(0, start - 40):start]) is not None


def _qualifier(text: str, end: int) -> str | None:
    """The area named right after a place: ", Ala." in "Homewood, Ala., police said"."""
    m = _QUALIFIER.match(text[end:end + 60])
    if not m or re.match(r",\s*[A-Z]|\s+(?:and|or)\s+[A-Z]", text[end + m.end():end + m.end() + 10]):
        return None  # "Mexico, China, Japan and Brazil" is a list
    return m.group(1)


def _names_a(text: str, start: int, end: int) -> str | None:
    """"street" for "Michigan Avenue" or "the 600 block of Elgin", "facility" for "Sacred Heart
    Church", "business" for "Nadia's restaurant" (or "Homs's old city"), else None."""
    if re.search(r"\bblock of (?:[NSEW]\.? |North |South |East |West )?$", text[max(0, start - 30):start]):
        return "street"
    after = re.match(r"(?:['’]s)? ([A-Z][\w'’]*)", text[end:end + 40])
    word = after.group(1).lower().rstrip(".") if after else ""
    cues = load_cues()
    if word in cues["street"] or word in cues["facility"]:
        return "street" if word in cues["street"] else "facility"
    return "business" if re.match(r"['’]s [a-z]", text[end:end + 4]) else None


def _partial(text: str, start: int, end: int) -> bool:
    """Part of a longer proper name: a capitalised word glued before or after it, other than a
    direction before it ("North Philadelphia") or an institution or a day after it ("Elgin
    Police", "Elgin Monday"). Headlines in title case say nothing."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end) % (len(text) + 1)
    words = text[line_start:line_end].split()
    if len(words) > 3 and sum(w[:1].isupper() for w in words) > 0.7 * len(words):
        return False
    cues = load_cues()
    if re.match(r" ?& ?[A-Z]", text[end:end + 4]) or re.search(r"[A-Z][\w'’]* ?& ?$", text[max(0, start - 30):start]):
        return True  # "Scott & White", "Johnson & Johnson"
    after = re.match(r" ([A-Z][\w'’-]*)", text[end:end + 40])
    word = re.sub(r"['’]s$", "", after.group(1)).lower() if after else ""
    if word and word not in cues["institution"] | cues["calendar"] | _FUNCTION_WORDS:
        return True
    before = re.search(r"(?:^|[^\w.!?:;\"“”\n] ?)([A-Z][\w'’-]*) $", text[max(0, start - 40):start])
    return before is not None and before.group(1).lower() not in cues["qualifier"] | _FUNCTION_WORDS


# ---------------------------------------------------------------- recognition


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span past white space, "the", possessives and closing punctuation."""
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    if text[start:start + 4].lower() == "the ":
        start += 4
    if text[end - 2:end] in ("'s", "’s") and end - 2 > start:
        end -= 2
    return start, end


def _kind(type_word: str) -> str:
    """What a type word says a name is: an "area", a "town" or a "part" of a town."""
    word = type_word.lower()
    return "area" if word in _AREA_WORDS else "part" if word in _PART_WORDS else "town"


def _split_type_word(text: str, start: int, end: int) -> tuple[int, str | None]:
    """End of the name without a trailing type word ("Idlib province"), and the kind it gives."""
    words = text[start:end].rsplit(" ", 1)
    if len(words) == 2 and words[1].lower() in _TYPE_WORDS:
        return start + len(words[0]), _kind(words[1])
    return end, None


def _entity_spans(analysed: AnalysedText, demonyms: dict[str, str]) -> Iterator[_Span]:
    """Demonyms among NORP, GPE and LOC entities; place names among GPE, LOC, FAC and NORP."""
    text = analysed.document.text
    for ent in analysed.entities:
        if ent.label not in _PLACE_LABELS and ent.label != "NORP":
            continue
        found = list(_demonym_spans(text, ent, demonyms))
        if ent.label != "NORP" and any(f.end - f.start < len(text[ent.start:ent.end].strip()) for f in found):
            found = []  # "British Columbia", "Indian Ocean": a place, not a demonym
        yield from found
        if not found:
            yield from _place_entity_spans(text, ent)


def _demonym_spans(text: str, ent: Entity, demonyms: dict[str, str]) -> Iterator[_Span]:
    """'Syrian' -> Syria, 'South African' -> South Africa; each part of 'Turkish-Russian'."""
    start, end = _trim(text, ent.start, ent.end)
    words = [(m.start() + start, m.end() + start) for m in re.finditer(r"[^\s/–-]+", text[start:end])]
    i = 0
    while i < len(words):
        for n in (2, 1):
            s, e = words[i][0], words[min(i + n, len(words)) - 1][1]
            target = demonyms.get(strict_key(text[s:e])) if i + n <= len(words) else None
            if target:
                s, e = _trim(text, s, e)
                yield _Span(s, e, target.lstrip("@"), "demonym", country=None if target[0] == "@" else target,
                            strong=True)
                i += n
                break
        else:
            i += 1


def _place_entity_spans(text: str, ent: Entity) -> Iterator[_Span]:
    """One span per comma-separated part: "Elgin, Illinois" names Elgin within Illinois."""
    start, end = _trim(text, ent.start, ent.end)
    parts = [(m.start() + start, m.end() + start) for m in re.finditer(r"[^,]+", text[start:end])]
    for i, (s, e) in enumerate(parts):
        s, e = _trim(text, s, e)
        name_end, kind = _split_type_word(text, s, e)
        if name_end > s:
            within = (text[slice(*_trim(text, *parts[i + 1]))] if i + 1 < len(parts) else _qualifier(text, e)) \
                if len(parts) <= 2 else None  # "Suba, Migori, Homa Bay" is a list
            full = text[s:e] if name_end < e else None
            yield _Span(s, name_end, text[s:name_end], "ner", kind=kind, within=within, full=full,
                        strong=_strong(text, s) or within is not None, names_a=_names_a(text, s, e),
                        partial=ent.label == "FAC" or _partial(text, s, e))


def _pattern_spans(text: str) -> Iterator[_Span]:
    """'the town of X', 'X province', in mixed case and in upper case."""
    for m in _OF_PATTERN.finditer(text):
        kind: str | None = _kind(m.group(0).split(" ", 1)[0])
        if re.search(r"[A-Z][\w'’-]*\s+$", text[max(0, m.start() - 30):m.start()]):
            kind = None  # "the Joura district of Deir ez-Zor": the type word is Joura's
        start, end = _trim(text, m.start(1), m.end(1))
        yield _Span(start, end, text[start:end], "pattern", kind=kind, strong=True)
    for m in _SUFFIX_PATTERN.finditer(text):
        kind = _kind(m.group(2))
        start, end = _trim(text, m.start(1), m.end(1))
        yield _Span(start, end, text[start:end], "pattern", kind=kind, strong=True)
    for m in _UPPER_OF.finditer(text):
        yield from _upper_span(m.start(1), m.group(1), "town")
    for m in _UPPER_SUFFIX.finditer(text):
        yield from _upper_span(m.start(1), m.group(1), "area")


def _upper_span(start: int, name: str, kind: str) -> Iterator[_Span]:
    """An upper-case name without the function words a greedy match took in ("IN SAN MIGUEL")."""
    words = name.split()
    while words and words[0].lower() in _FUNCTION_WORDS:
        start += len(words[0]) + 1
        words = words[1:]
    while words and words[-1].lower() in _FUNCTION_WORDS:
        words = words[:-1]
    if words:
        joined = " ".join(words)
        yield _Span(start, start + len(joined), joined, "pattern", kind=kind, strong=True)


def _dateline_spans(text: str) -> Iterator[_Span]:
    """The dateline place: capitals at the start of the text or of a line, then a dash."""
    for m in _DATELINE.finditer(text[:600]):
        name = m.group(1)
        if len(name) < 3 or name.lower() in _FUNCTION_WORDS or not any(c.isalpha() for c in name):
            continue
        yield _Span(m.start(1), m.end(1), name, "dateline", kind="town", within=m.group(2), strong=True)
        return


def recognise(analysed: AnalysedText) -> list[_Span]:
    """Every place-name span of the text; spans may overlap (resolution keeps the richer source)."""
    text = analysed.document.text
    stop = load_stoplist()
    spans = [*_dateline_spans(text), *_pattern_spans(text), *_entity_spans(analysed, load_demonyms())]
    return [s for s in spans if s.source in ("pattern", "demonym") or strict_key(s.name) not in stop]


_SOURCE_RANK = {"dateline": 0, "pattern": 1, "ner": 2, "demonym": 3, "known": 4}


# ---------------------------------------------------------------- proper nouns the gazetteer knows


def _proper_runs(analysed: AnalysedText) -> Iterator[list[tuple[int, int]]]:
    """Runs of adjacent proper-noun tokens, from the parse (person names too: the model calls
    "Botswana" a person at times; the person cues judge them)."""
    run: list[tuple[int, int]] = []
    for tok in analysed.parsed if analysed.parsed is not None else ():
        adjacent = bool(run) and tok.idx <= run[-1][1] + 1
        joins = adjacent and tok.tag_ in ("HYPH", "NNP", "NNPS")
        starts = tok.tag_ in ("NNP", "NNPS") and tok.text[:1].isupper()
        if joins or starts:
            if run and not joins:
                yield run
                run = []
            run.append((tok.idx, tok.idx + len(tok.text)))
        elif run:
            yield run
            run = []
    if run:
        yield run


def _inside_name(text: str, run: list[tuple[int, int]], i: int, n: int) -> bool:
    """A sub-run is a place only between direction words and institution words
    ("Downtown Chicago", "Chicago Police Department"), never inside other names ("Wells Fargo")."""
    cues = load_cues()
    before = [text[s:e].lower().rstrip(".") for s, e in run[:i]]
    after = [text[s:e].lower().rstrip(".") for s, e in run[i + n:]]
    return (not all(w in cues["qualifier"] for w in before)
            or not all(w in cues["institution"] | _FUNCTION_WORDS for w in after))


def _known_spans(analysed: AnalysedText, gazetteer: Gazetteer) -> Iterator[_Span]:
    """Proper nouns NER did not call places whose name the gazetteer knows (strictly)."""
    text, stop = analysed.document.text, load_stoplist()
    persons = [(e.start, e.end) for e in analysed.entities if e.label == "PERSON"]
    for run in _proper_runs(analysed):
        if strict_key(text[run[0][0]:run[-1][1]]) in stop:
            continue
        i = 0
        while i < len(run):
            for n in range(min(4, len(run) - i), 0, -1):
                start, end = _trim(text, run[i][0], run[i + n - 1][1])
                name = text[start:end]
                if ((len(name) > 2 or name.isupper()) and strict_key(name) not in stop
                        and gazetteer.candidates(name, strict=True)):
                    partial = (n < len(run) and _inside_name(text, run, i, n)) or _partial(text, start, end)
                    yield _Span(start, end, name, "known", within=_qualifier(text, end), strong=_strong(text, start),
                                partial=partial, names_a=_names_a(text, start, end),
                                person_tagged=any(s <= start < e for s, e in persons))
                    i += n
                    break
            else:
                i += 1


# ---------------------------------------------------------------- candidates and scores


@dataclass(frozen=True, slots=True)
class _Candidate:
    entry: GazetteerEntry
    strict: bool


def _candidates(span: _Span, gazetteer: Gazetteer) -> list[_Candidate]:
    if span.source == "demonym":
        entry = gazetteer.country(span.country) if span.country else None
        if entry is not None:
            return [_Candidate(entry, True)]
        return [_Candidate(e, True) for e in gazetteer.candidates(span.name, strict=True)
                if e.feature[0] in "AL"][:1]
    strict = gazetteer.candidates(span.full, strict=True) if span.full else ()
    strict = strict or gazetteer.candidates(span.name, strict=True)
    if span.source == "known" or len(strict_key(span.name)) < 4:
        return [_Candidate(e, True) for e in strict]
    seen = {e.geonameid for e in strict}
    loose = [e for e in gazetteer.candidates(span.name) if e.geonameid not in seen]
    return [_Candidate(e, True) for e in strict] + [_Candidate(e, False) for e in loose]


def _big(e: GazetteerEntry) -> bool:
    """A place known beyond its region: a country, first-level area, region, sea, capital or city."""
    return (e.feature[0] in "LHT" or e.feature.startswith("A.PCL") or e.feature in ("A.ADM1", "P.PPLC")
            or (e.feature[0] == "P" and e.population >= _BIG_POPULATION))


def _prior(c: _Candidate, span: _Span, w: Weights) -> float:
    """Evidence from the entry alone: population, feature class, name match, the span's kind."""
    e = c.entry
    population = e.population // 10 if e.feature in ("A.ADM1", "A.ADM2") else e.population
    score = w.population * math.log10(population + 1) + dict(w.feature).get(e.feature, 0.0)
    score += w.strict if c.strict else -w.strict
    if _primary(e, span):
        score += w.primary_name
    if span.kind is not None:
        is_area = e.feature[0] in "AL"
        score += w.kind_match if is_area == (span.kind == "area") else -w.kind_mismatch
    return score


def _primary(e: GazetteerEntry, span: _Span) -> bool:
    """The span names the entry by its own name, not an alternate one ("Washington, D.C." is
    primarily named "Washington")."""
    return strict_key(e.name.split(",")[0]) in (strict_key(span.full or span.name), strict_key(span.name))


def _km(a: GazetteerEntry, b: GazetteerEntry) -> float:
    """Distance in km (equirectangular: good enough at the scales that matter here)."""
    x = math.radians(b.longitude - a.longitude) * math.cos(math.radians((a.latitude + b.latitude) / 2))
    y = math.radians(b.latitude - a.latitude)
    return 6371.0 * math.hypot(x, y)


def _closeness(entry: GazetteerEntry, anchors: Sequence[GazetteerEntry]) -> float:
    """1 when another place of the document is within 50 km, falling to 0 beyond 1,000 km."""
    best = min((_km(entry, a) for a in anchors if a.geonameid != entry.geonameid), default=math.inf)
    for limit, value in ((50, 1.0), (150, 0.7), (400, 0.4), (1000, 0.15)):
        if best <= limit:
            return value
    return 0.0


def _in_context(c: _Candidate, span: _Span, ctx: _Context, w: Weights) -> float:
    """Evidence from the document: countries, focus first-level areas, nearby places."""
    e = c.entry
    total = sum(ctx.countries.values()) or 1
    score = w.focus_country * ctx.countries.get(e.country_code, 0) / total
    top = max(ctx.admin1.values(), default=0)
    if e.admin1 and top:
        score += w.focus_admin1 * ctx.admin1.get((e.country_code, e.admin1), 0) / top
    if e.feature[0] in "PA" and e.feature != "A.PCLI":
        anchors = [a for key, a in ctx.anchors if key != strict_key(span.name)]
        score += w.nearby * _closeness(e, anchors)
    return score


def _choose(cands: Sequence[_Candidate], span: _Span, ctx: _Context, cues: _Cues,
            areas: dict[str, set[tuple[str, str]]], w: Weights) -> _Candidate | None:
    """The best candidate that the text's evidence allows."""
    options = [c for c in cands if _plausible(c, span, ctx, cues)]
    settled = _settled(options, span, ctx, areas)
    options = settled or [c for c in options if _allowed_unqualified(c, options, span, ctx)]
    if not options:
        return None
    best = max(options, key=lambda c: (_prior(c, span, w) + _in_context(c, span, ctx, w), c.entry.population))
    return _prefer_city(best, options, span)


def _settled(options: Sequence[_Candidate], span: _Span, ctx: _Context,
             areas: dict[str, set[tuple[str, str]]]) -> list[_Candidate]:
    """The candidates inside the area named right after the span ("Homewood, Ala."), else the
    one another mention of the name was qualified to (one sense a document)."""
    named = areas.get(span.within or "", set()) if not any(c.entry.feature == "A.PCLI" for c in options) else set()
    inside = [c for c in options if (c.entry.country_code, c.entry.admin1 or "") in named
              or ((c.entry.country_code, "") in named and c.entry.feature != "A.PCLI")]
    sense = ctx.senses.get(strict_key(span.name))
    return inside or [c for c in options if c.entry.geonameid == sense]


def _plausible(c: _Candidate, span: _Span, ctx: _Context, cues: _Cues) -> bool:
    """Whether the text's evidence is enough for this entry: weak cues only for well-known
    places, loose spellings only near the document's places, small towns abroad not at all."""
    e, big = c.entry, _big(c.entry)
    if not c.strict and not (_near_top(e, ctx) or (big and span.strong and _top(e, ctx))):
        return False  # "Raqa" may be Raqqa, but only in a Syrian story
    foreign = bool(ctx.countries) and e.country_code not in ctx.countries
    if foreign and e.feature.startswith("P.") and e.population < 50_000 and span.source != "dateline":
        return False  # "Joura" is not a village in India here
    if _bare_county(e, span):
        return False  # "Ford" alone is not Ford County
    if span.kind == "part" and not _local(e, ctx):
        return False  # "the Austin neighborhood" of Chicago is not Austin, Texas
    if span.source in ("dateline", "pattern", "demonym"):
        return True
    if foreign and not _famous(e) and not _primary(e, span):
        return False  # abroad, a town only by its own name: "Nadia" is not Navadwip here
    local = _local(e, ctx)
    if (span.partial and not _famous(e) and not local) or _person(span, cues, 3 if big else 2 if local else 1):
        return False
    if span.names_a == "street" or (span.names_a == "facility" and not local):
        return False  # "Michigan Avenue", "Sacred Heart Church"
    if span.names_a == "business" and not big and not local:
        return False  # "Nadia's restaurant"
    if _acronym(span, cues) and not _famous(e):
        return False  # "SUV", "EST"
    if span.source == "known" and not _known_enough(e, span, ctx, foreign):
        return False
    return not (foreign and not big and not span.within)


def _bare_county(e: GazetteerEntry, span: _Span) -> bool:
    """A county the text names without the word County ("Scott & White", "Smith said")."""
    return (e.feature == "A.ADM2" and _COUNTY.search(e.name) is not None
            and _COUNTY.search(span.full or span.name) is None and span.kind != "area")


def _acronym(span: _Span, cues: _Cues) -> bool:
    return not cues.upper and span.name.isupper() and len(span.name) <= 4


def _known_enough(e: GazetteerEntry, span: _Span, ctx: _Context, foreign: bool) -> bool:
    """A proper noun NER did not tag: abroad only a country, region or major city; at home a
    big place, a town the text marks as a place, or one in the document's areas."""
    if foreign:
        return e.feature.startswith("A.PCL") or e.feature[0] in "LHT" or _major(e)
    if not _famous(e) and ((span.person_tagged and not span.strong) or (not _primary(e, span) and not _big(e))):
        return False  # "Tyler" the model calls a person; "Quay", another name of Winter Beach
    return (_big(e) or bool(span.strong or span.within) or _local(e, ctx)
            or (e.population >= _TOWN_POPULATION and _top(e, ctx) and not _focus(ctx, e.country_code)))


def _top(e: GazetteerEntry, ctx: _Context) -> bool:
    """In the document's main country."""
    return bool(ctx.countries) and e.country_code == ctx.countries.most_common(1)[0][0]


def _near_top(e: GazetteerEntry, ctx: _Context) -> bool:
    """In the document's main country, within 150 km of one of its places."""
    top = ctx.countries.most_common(1)[0][0] if ctx.countries else None
    return e.country_code == top and _closeness(e, [a for _, a in ctx.anchors]) >= 0.7


def _person(span: _Span, cues: _Cues, needed: int) -> bool:
    """The document uses the name for a person: inside a person's full name, or a word it
    uses as a name more than the text marks it as a place (by `needed` votes: more for
    well-known places and places in the document's area)."""
    if any(s <= span.start and span.end <= e and e - s > span.end - span.start for s, e in cues.person_spans):
        return True
    key = strict_key(span.name)
    votes = cues.persons.get(key, 0) - cues.places.get(key, 0) - span.strong
    return votes >= needed


def _famous(e: GazetteerEntry) -> bool:
    """A name everyone knows: a country, first-level area, region or sea."""
    return e.feature[0] in "LH" or e.feature.startswith("A.PCL") or e.feature == "A.ADM1"


def _major(e: GazetteerEntry) -> bool:
    """A city of a million: a town of the same name needs the document around it."""
    return e.feature.startswith("P") and e.population >= 1_000_000


def _focus(ctx: _Context, iso2: str) -> set[str]:
    """The document's main first-level areas in a country: at least a third of the best one."""
    top = max(ctx.admin1.values(), default=0.0)
    return {a for (cc, a), weight in ctx.admin1.items() if cc == iso2 and weight >= max(1.0, top / 3)}


def _local(e: GazetteerEntry, ctx: _Context, *, loose: bool = False) -> bool:
    """Inside one of the document's first-level areas, or when it names none, near its places
    in its main country (loose: anywhere in its main country)."""
    focus = _focus(ctx, e.country_code)
    if focus:
        return (e.admin1 or "") in focus
    return _top(e, ctx) if loose else _near_top(e, ctx)


def _allowed_unqualified(c: _Candidate, options: Sequence[_Candidate], span: _Span, ctx: _Context) -> bool:
    """A small town sharing its name with a famous place needs a qualifier ("Paris" is not Paris,
    Texas); outside the document's first-level areas it needs a name no other town of its country
    has ("Homewood" in a Pittsburgh story is not Homewood, Alabama)."""
    e = c.entry
    if _big(e):
        return True
    if span.source != "dateline" and any(_famous(o.entry) for o in options):
        return False
    if any(o.entry.feature == "P.PPLC" for o in options) and not (span.strong and _local(e, ctx)):
        return False  # "in Berlin" in a Vermont story may be Berlin, Vermont; "Paris" is Paris
    if any(_major(o.entry) for o in options) and not _local(e, ctx, loose=True):
        return False
    focus = _focus(ctx, e.country_code)
    if not focus or (e.admin1 or "") in focus:
        return True
    if any(o.entry.country_code == e.country_code and (o.entry.admin1 or "") in focus for o in options):
        return False
    rivals = {o.entry.admin1 for o in options if o.entry.country_code == e.country_code and o.strict
              and o.entry.admin1 != e.admin1 and o.entry.population * 10 >= e.population}
    return not rivals and (span.source != "known" or span.strong)


def _prefer_city(best: _Candidate, options: Sequence[_Candidate], span: _Span) -> _Candidate:
    """'Idlib' names the city rather than the province of the same name, unless the text says province."""
    e = best.entry
    if e.feature != "A.ADM1" or span.kind == "area":
        return best
    same = [c for c in options if c.strict and c.entry.feature in ("P.PPLA", "P.PPLC")
            and c.entry.population >= 50_000 and strict_key(c.entry.name) == strict_key(e.name)
            and c.entry.country_code == e.country_code and c.entry.admin1 == e.admin1]
    return max(same, key=lambda c: c.entry.population) if same else best


# ---------------------------------------------------------------- context


def _host(document: Document) -> str:
    host = (document.outlet or document.url or "").lower().split("//")[-1].split("/")[0]
    return host.removeprefix("www.")


def _outlet_area(document: Document, gazetteer: Gazetteer) -> tuple[str | None, str | None]:
    """The country and first-level area an outlet mostly reports on: from the outlet table,
    else its country-code domain, and a big city or area named in its host ("chicagotribune")."""
    parts = _host(document).split(".")
    if len(parts) < 2:
        return None, None
    known = load_outlets()
    for i in range(len(parts) - 1):
        iso2, admin1 = known.get(".".join(parts[i:]), (None, None))
        if iso2:
            area = _host_area(parts[:i], iso2, gazetteer)
            return iso2, admin1 or (area[1] if area else None)
    tld = parts[-1]
    iso2 = ("GB" if tld == "uk" else tld.upper()) if len(tld) == 2 and tld not in _VANITY_TLDS else None
    iso2 = iso2 if iso2 and gazetteer.country(iso2) else None
    area = _host_area([p for p in parts[:-1] if p not in _GENERIC_LABELS], iso2, gazetteer)
    return area or (iso2, None)


def _host_area(labels: Sequence[str], iso2: str | None, gazetteer: Gazetteer) -> tuple[str, str] | None:
    """(ISO2, admin1) of the longest big-city or first-level-area name inside a host's labels."""
    best: tuple[int, int, int, str, str] | None = None
    for word in (w for label in labels for w in re.findall(r"[a-z]+", label)):
        for i in range(len(word)):
            for j in range(len(word), i + 3, -1):
                for e in gazetteer.candidates(word[i:j], strict=True):
                    rank = _host_rank(e, word[i:j], iso2)
                    if rank is not None and (best is None or (j - i, rank, e.population) > best[:3]):
                        best = (j - i, rank, e.population, e.country_code, e.admin1 or "")
    return (best[3], best[4]) if best else None


def _host_rank(e: GazetteerEntry, key: str, iso2: str | None) -> int | None:
    """How good a match a host word is: a big city (2), a first-level area (1), else None."""
    if strict_key(e.name) != key or not e.admin1 or (iso2 and e.country_code != iso2):
        return None
    if e.feature.startswith("P") and e.population >= _OUTLET_CITY_POPULATION and len(key) >= 5:
        return 2
    return 1 if e.feature == "A.ADM1" else None


def _context(outlet: tuple[str | None, str | None], resolved: Sequence[tuple[_Span, _Candidate]],
             areas: dict[str, set[tuple[str, str]]], *, skip: str = "") -> _Context:
    """Country and area weights and anchor places from the resolved spans, outlet and
    qualifiers; the mentions of the name `skip` (a strict key) are no evidence for themselves."""
    ctx = _Context()
    iso2, admin1 = outlet
    if iso2:
        ctx.countries[iso2] += 1
        if admin1:
            _add_area(ctx, iso2, admin1, 2.0)
    for named in areas.values():
        for cc, a1 in named:
            ctx.countries[cc] += 1
            if a1:
                _add_area(ctx, cc, a1, 2.0)
    for span, cand in resolved:
        if strict_key(span.name) != skip:
            _add_evidence(ctx, span, cand)
        e = cand.entry
        if span.source == "dateline" or (e.country_code, e.admin1 or "") in areas.get(span.within or "", ()):
            ctx.senses.setdefault(strict_key(span.name), e.geonameid)
    return ctx


def _add_area(ctx: _Context, iso2: str, admin1: str, weight: float) -> None:
    ctx.admin1[iso2, admin1] = ctx.admin1.get((iso2, admin1), 0.0) + weight


def _add_evidence(ctx: _Context, span: _Span, cand: _Candidate) -> None:
    e = cand.entry
    if e.feature[0] in "PA" and e.feature != "A.PCLI":
        ctx.anchors.append((strict_key(span.name), e))
    if not e.country_code or not cand.strict:
        return
    if span.source == "known" and not (e.feature == "A.PCLI" or e.population >= _BIG_POPULATION):
        return  # an untagged name is no evidence of where the document is
    strong = span.source in ("dateline", "demonym") or e.feature in ("A.PCLI", "A.ADM1")
    if strong or e.population >= 50_000:  # a small town is no evidence of the country by itself
        ctx.countries[e.country_code] += 2 if strong else 1
    if e.admin1 and e.feature != "A.PCLI":
        if span.source == "dateline":
            _add_area(ctx, e.country_code, e.admin1, 3.0)
        elif e.feature in ("A.ADM1", "A.ADM2") or e.population >= _BIG_POPULATION:
            _add_area(ctx, e.country_code, e.admin1, 1.0)
        elif span.strong:
            _add_area(ctx, e.country_code, e.admin1, 0.5)


def _named_areas(spans: Sequence[_Span], gazetteer: Gazetteer) -> dict[str, set[tuple[str, str]]]:
    """The areas named right after a place ("ELGIN, Ill.", "Elgin, Illinois", "Homs, Syria"):
    qualifier text -> {(ISO2, admin1 code)}, with "" for a whole country."""
    areas: dict[str, set[tuple[str, str]]] = {}
    for span in spans:
        if span.within and span.within not in areas:
            found = set()
            for e in gazetteer.candidates(span.within, strict=True):
                if e.feature == "A.ADM1" and e.admin1:
                    found.add((e.country_code, e.admin1))
                elif e.feature == "A.PCLI":
                    found.add((e.country_code, ""))
            areas[span.within] = found
    return areas


# ---------------------------------------------------------------- resolution


def _resolve(spans: Sequence[_Span], cands: Sequence[list[_Candidate]], evidence: _Evidence,
             w: Weights) -> list[tuple[_Span, _Candidate]]:
    """The best candidate of each span in the context of the previous round's resolutions,
    richer sources first; a span overlapping one resolved before it is left out."""
    contexts: dict[str, _Context] = {}
    order = sorted(range(len(spans)),
                   key=lambda i: (_SOURCE_RANK[spans[i].source], spans[i].start - spans[i].end))
    taken: list[_Span] = []
    out = []
    for i in order:
        span = spans[i]
        if any(span.start < t.end and t.start < span.end for t in taken):
            continue
        key = strict_key(span.name)
        if key not in contexts:
            contexts[key] = _context(evidence.outlet, evidence.resolved, evidence.areas, skip=key)
        best = _choose(cands[i], span, contexts[key], evidence.cues, evidence.areas, w)
        if best is not None:
            out.append((span, best))
            taken.append(span)
    return sorted(out, key=lambda pair: pair[0].start)


def _place(span: _Span, entry: GazetteerEntry, text: str, gazetteer: Gazetteer) -> Place:
    cc = entry.country_code
    admin1 = gazetteer.admin1_name(cc, entry.admin1) if cc and entry.admin1 else None
    admin2 = gazetteer.admin2_name(cc, entry.admin1, entry.admin2) if entry.admin1 and entry.admin2 else None
    return Place(text=text[span.start:span.end], start=span.start, end=span.end, entry=entry,
                 country=(gazetteer.country_name(cc) or "") if cc else "",
                 iso3=(gazetteer.iso3(cc) or "") if cc else "", admin1=admin1, admin2=admin2)


def _repeats(text: str, places: Sequence[Place], cues: _Cues) -> list[Place]:
    """Other mentions of an already resolved name that recognition missed (one sense a
    document), except inside a person's name or a longer proper name."""
    taken = [(p.start, p.end) for p in places]
    extra: list[Place] = []
    for surface, place in {p.text: p for p in places if p.text[:1].isupper() and len(p.text) > 2}.items():
        for m in re.finditer(rf"(?<![\w-]){re.escape(surface)}(?![\w])", text):
            s, e = m.start(), m.end()
            if any(s < te and ts < e for ts, te in taken) or any(ps <= s and e <= pe for ps, pe in cues.person_spans):
                continue
            mention = _Span(s, e, surface, "known", strong=_strong(text, s), names_a=_names_a(text, s, e))
            big = _big(place.entry)
            if (_partial(text, s, e) and not big) or _person(mention, cues, 3 if big else 1) or mention.names_a:
                continue
            extra.append(replace(place, start=s, end=e))
            taken.append((s, e))
    return extra


def _share_kinds(spans: list[_Span]) -> list[_Span]:
    """What a pattern says of a name holds for every span of it: "the Austin neighborhood"."""
    kinds = {(s.start, s.end): s.kind for s in spans if s.source == "pattern" and s.kind}
    return [replace(s, kind=kinds.get((s.start, s.end))) if s.kind is None and (s.start, s.end) in kinds else s
            for s in spans]


def resolve_places(analysed: AnalysedText, *, gazetteer: Gazetteer,
                   weights: Weights = WEIGHTS) -> tuple[Place, ...]:
    """Every place name in the document's clean text, resolved, with offsets into that text."""
    document = analysed.document
    spans = _share_kinds(recognise(analysed) + list(_known_spans(analysed, gazetteer)))
    cands = [_candidates(s, gazetteer) for s in spans]
    cues = _person_cues(analysed, spans)
    outlet = _outlet_area(document, gazetteer)
    areas = _named_areas(spans, gazetteer)
    evidence = _Evidence(outlet=outlet, areas=areas, cues=cues)
    for _ in range(3):
        evidence = replace(evidence, resolved=_resolve(spans, cands, evidence, weights))
    resolved = evidence.resolved
    places = [_place(s, c.entry, document.text, gazetteer) for s, c in resolved]
    places += _repeats(document.text, places, cues)
    return tuple(sorted(places, key=lambda p: p.start))
