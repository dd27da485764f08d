"""What the text says about a name: who is a person, a locative preposition before it, a
qualifier after it, a longer proper name around it, a street or building it names.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from sitrep.analysis import is_upper_case
from sitrep.gazetteer.normalise import strict_key
from sitrep.places.lexicon import load_cues
from sitrep.places.spans import FUNCTION_WORDS, Span
from sitrep.records import AnalysedText, Entity

_LOCATIVE = re.compile(  # "in X", "near X"; "of X" only where X is a place: "24, of X", "north of X"
    r"(?:\b(?:in|near|outside|from|across|throughout|into|toward|towards|around|between)"
    r"|(?:,|\b(?:residents?|natives?|people|citizens|mayor|outskirts|suburbs?|parts?|capital|north|south|east"
    r"|west|northeast|northwest|southeast|southwest|northern|southern|eastern|western|miles|kilometers|km)) of)"
    r"\s+(?:the (?:city|town|village|county|state|suburb|province) of\s+)?$", re.IGNORECASE)

_AREA_NAME = r"((?:[A-Z][a-z]{0,3}\.){1,3}|[A-Z][A-Za-z'’]+(?: [A-Z][a-z]+){0,2})(?=[\s,.;:)(—–-]|$)"

_QUALIFIER = re.compile(r"^,[ \t]*" + _AREA_NAME)  # ", Ala.", ", Syria"

_NEAR = re.compile(  # " in Queensland", ", south of Brisbane", ", a suburb east of Harare"
    r"^(?: in (?:the )?|,[ \t]*(?:(?:an?|the) [a-z]+ )?"
    r"(?:(?:north|south)(?:-?(?:east|west))?|east|west)(?:ern)? of (?:the )?)" + _AREA_NAME)

_CAP_WORD = re.compile(r"[A-Z][\w'’-]*")

_NAME_SHAPE = re.compile(r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3}")  # "John Q. Rivera-Lopez"

_AGE = re.compile(r"\b([A-Z][\w'’-]+(?: [A-Z][\w'’.-]+){0,3}), (?:age |aged )?\d{1,3}(?:,| (?:was|is|and|who|of))")


@dataclass(frozen=True, slots=True)
class Cues:
    """What the document says about its names: who is a person, which areas qualify places."""

    persons: dict[str, float]  # strict key of a word -> how strongly the document uses it for a person
    places: dict[str, float]  # strict key of a name -> how often the text marks it as a place
    upper: bool  # the text is in capitals (a wire report): capitals say nothing
    person_spans: tuple[tuple[int, int], ...]  # multi-word person names ("Officer John Rivera")


def _words(text: str) -> list[str]:
    return _CAP_WORD.findall(text)


def person_cues(analysed: AnalysedText, found: Sequence[Span]) -> Cues:
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
    return Cues(persons=votes, places={k: float(v) for k, v in places.items()}, person_spans=tuple(spans),
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


def after_locative(text: str, start: int) -> bool:
    """A locative preposition right before the name: "in X", "near X", "of X", "the city of X"."""
    return _LOCATIVE.search(text[max(0, start - 40):start]) is not None


def qualifier_after(text: str, end: int) -> str | None:
    """The area named right after a place: ", Ala." in "Homewood, Ala., police said"."""
    m = _QUALIFIER.match(text[end:end + 60])
    rest = text[end + m.end():end + m.end() + 120] if m else ""
    if not m or in_list(rest) or re.match(r"\s*\d", rest):
        return None  # "Mexico, China, Japan and Brazil" is a list; "Ohio, No. 16" a number
    return m.group(1)


def place_near_after(text: str, end: int) -> str | None:
    """A place the text puts the name in or near: "Warwick in Queensland", "Kingston, south of
    Brisbane" (the name may lie there; "refugees from Aleppo in Turkey" do not)."""
    m = _NEAR.match(text[end:end + 60])
    return m.group(1) if m else None


def in_list(rest: str) -> bool:
    """Whether the text after "X, Y" goes on as a list ("..., Z and W", "..., Z, W, V") rather
    than a chain of containing areas ("Stroud, Ontario, Canada.")."""
    if re.match(r",?\s+(?:and|or)\s+[A-Z]", rest):
        return True
    if not re.match(r",\s*[A-Z]", rest):
        return False
    clause = re.split(r"[.;:!?\n]\s", rest, maxsplit=1)[0]
    return len(re.findall(r",\s*[A-Z]", clause)) > 1 or re.search(r"\b(?:and|or)\s+[A-Z]", clause) is not None


def names_what(text: str, start: int, end: int) -> str | None:
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


@lru_cache(maxsize=4096)
def _title_case(line: str) -> bool:
    """A headline in title case: most of its (more than three) words are capitalised."""
    words = line.split()
    return len(words) > 3 and sum(w[:1].isupper() for w in words) > 0.7 * len(words)


def inside_longer_name(text: str, start: int, end: int) -> bool:
    """Part of a longer proper name: a capitalised word glued before or after it, other than a
    direction before it ("North Philadelphia") or an institution or a day after it ("Elgin
    Police", "Elgin Monday"). Headlines in title case say nothing."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end) % (len(text) + 1)
    if _title_case(text[line_start:line_end]):
        return False
    cues = load_cues()
    if re.match(r" ?& ?[A-Z]", text[end:end + 4]) or re.search(r"[A-Z][\w'’]* ?& ?$", text[max(0, start - 30):start]):
        return True  # "Scott & White", "Johnson & Johnson"
    after = re.match(r" ([A-Z][\w'’-]*)", text[end:end + 40])
    word = re.sub(r"['’]s$", "", after.group(1)).lower() if after else ""
    if word and word not in cues["institution"] | cues["calendar"] | FUNCTION_WORDS:
        return True
    before = re.search(r"(?:^|[^\w.!?:;\"“”\n] ?)([A-Z][\w'’-]*) $", text[max(0, start - 40):start])
    return before is not None and before.group(1).lower() not in cues["qualifier"] | FUNCTION_WORDS
