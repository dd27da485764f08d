"""Toponym recognition: spans of the text that name places, before resolution.

Sources: spaCy GPE/LOC/FAC entities, NORP demonyms, datelines, type-word patterns ("the town of
X", "the villages of X and Y", "X province", in mixed and upper case), the area qualifying a place
("Churchill, Man."), and proper nouns the gazetteer knows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from sitrep.gazetteer import Gazetteer
from sitrep.gazetteer.normalise import strict_key
from sitrep.places.cues import (
    after_locative,
    in_list,
    inside_longer_name,
    names_what,
    place_near_after,
    qualifier_after,
)
from sitrep.places.lexicon import load_cues, load_demonyms, load_stoplist
from sitrep.places.spans import FUNCTION_WORDS, Span
from sitrep.records import AnalysedText, Entity

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})

_AREA_WORDS = ("province", "governorate", "district", "department", "county", "region", "state",
               "municipality", "prefecture", "oblast", "parish", "canton", "emirate")

_TOWN_WORDS = ("city", "town", "village", "hamlet", "township", "suburb", "neighbourhood", "neighborhood",
               "quarter", "area", "camp", "camps", "port", "settlement", "countryside", "outskirts")

_PART_WORDS = ("suburb", "neighbourhood", "neighborhood", "quarter", "section", "community")

_TYPE_WORDS = _AREA_WORDS + _TOWN_WORDS + ("section", "community")

_KINDLESS_WORDS = ("island", "isle", "university")  # "the island of X", "the University of X": a place of any kind

_PLURALS: dict[str, str | None] = {  # "the villages of A, B and C": every name of the list is of that kind;
    # "districts of Aleppo", "suburbs of Sydney" are parts of the place they name: no kind
    "villages": "town", "towns": "town", "cities": "town", "townships": "town", "provinces": "area",
    "governorates": "area", "counties": "area", "regions": "area", "states": "area", "municipalities": "area",
    "districts": None, "suburbs": None, "neighbourhoods": None, "neighborhoods": None, "islands": None,
    "universities": None,
}

_NAME_WORD = r"(?:[A-Z][\w'’.-]*|(?:al|el|ez|az|ad|ar|as|ash|an|at|de|del|la|le|di|da|do|dos|du)[-\s])"

_NAME = rf"[A-Z][\w'’-]*(?:[ -]{_NAME_WORD}[\w'’-]*){{0,3}}"

_OF_PATTERN = re.compile(  # "the town of X", "a village called X", "the villages of X, Y and Z"
    rf"\b(?:{'|'.join(_TYPE_WORDS + _KINDLESS_WORDS + tuple(_PLURALS))}|Universit(?:y|ies))"
    rf" (?:of|called|named) ({_NAME})")

_SUFFIX_PATTERN = re.compile(  # "Idlib province"; a plural before "of" only: "the Cairns suburbs of"
    rf"\b({_NAME}) ({'|'.join(_TYPE_WORDS)}\b|(?:{'|'.join(_PLURALS)}) (?=of ))")

_LIST_MORE = re.compile(rf"(?:, (?:and |or )?| and | or )({_NAME})")  # the next name of a list

_UPPER_OF = re.compile(
    rf"\b(?:{'|'.join(w.upper() for w in _TYPE_WORDS)}) OF ((?:[A-Z][A-Z'’.-]*\s?){{1,3}})")

_UPPER_SUFFIX = re.compile(rf"((?:[A-Z][A-Z'’.-]*\s){{1,4}})({'|'.join(w.upper() for w in _AREA_WORDS)})\b")

_CONNECTOR = r"(?:of the|of|de la|de los|de|do|da|del|dos|das|du|and|y)"
_JOINED = re.compile(  # capitalised words joined by hyphens or lower-case connectors, seven words at most
    rf"\b[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){{0,3}}(?: {_CONNECTOR} [A-Z][\w'’-]*(?: [A-Z][\w'’-]*){{0,2}}){{1,2}}"
    rf"|\b[A-Z][\w'’]*(?:-[A-Z][\w'’]*)+")
_JOINT = re.compile(rf"-| {_CONNECTOR} ")
_LIST_GAP = re.compile(r",\s*(?:(?:and|or)\s+)?(?:the\s+)?|\s+(?:and|or)\s+(?:the\s+)?")
_DATELINE = re.compile(
    r"(?:^|\n)[ \t]*([A-Z][A-Z'’.-]*(?:[ -][A-Z][A-Z'’.-]*){0,3})"  # the place, in capitals
    r"(?:,[ \t]*([A-Z][A-Za-z.'’]*(?: [A-Z][A-Za-z.'’]*){0,2}))?"  # ", Ill." / ", Syria"
    r"(?:,?[ \t]*\d{1,2}[ \t]+[A-Z][A-Za-z]{2,8}\.?[ \t]+\d{2,4})?"  # ", 3 JAN 90"
    r"[ \t]*(?:\([^)\n]{1,40}\))?[ \t]*(?:--|[-–—:])"
)


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


def _kind(type_word: str) -> str | None:
    """What a type word says a name is: an "area", a "town" or a "part" of a town (an island
    says none of these)."""
    word = type_word.lower()
    if word in _PLURALS:
        return _PLURALS[word]
    if word in _KINDLESS_WORDS:
        return None
    return "area" if word in _AREA_WORDS else "part" if word in _PART_WORDS else "town"


def _split_type_word(text: str, start: int, end: int) -> tuple[int, str | None]:
    """End of the name without a trailing type word ("Idlib province"), and the kind it gives."""
    words = text[start:end].rsplit(" ", 1)
    if len(words) == 2 and words[1].lower() in _TYPE_WORDS:
        return start + len(words[0]), _kind(words[1])
    return end, None


def _entity_spans(analysed: AnalysedText, demonyms: dict[str, str]) -> Iterator[Span]:
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


def _demonym_spans(text: str, ent: Entity, demonyms: dict[str, str]) -> Iterator[Span]:
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
                yield Span(s, e, target.lstrip("@"), "demonym", country=None if target[0] == "@" else target,
                            strong=True)
                i += n
                break
        else:
            i += 1


def _place_entity_spans(text: str, ent: Entity) -> Iterator[Span]:
    """One span per comma-separated part: "Elgin, Illinois" names Elgin within Illinois."""
    start, end = _trim(text, ent.start, ent.end)
    parts = [(m.start() + start, m.end() + start) for m in re.finditer(r"[^,]+", text[start:end])]
    chain = len(parts) <= 2 or not in_list(text[parts[1][1]:parts[-1][1]] + text[end:end + 80])
    for i, (s, e) in enumerate(parts):
        s, e = _trim(text, s, e)
        name_end, kind = _split_type_word(text, s, e)
        if name_end > s:
            within = (text[slice(*_trim(text, *parts[i + 1]))] if i + 1 < len(parts) else qualifier_after(text, e)) \
                if chain else None  # "Suba, Migori, Homa Bay" is a list; "Stroud, Ontario, Canada" a chain
            full = text[s:e] if name_end < e else None
            yield Span(s, name_end, text[s:name_end], "ner", kind=kind, within=within, full=full,
                        near=place_near_after(text, e),
                        strong=after_locative(text, s) or within is not None, names_a=names_what(text, s, e),
                        partial=ent.label == "FAC" or inside_longer_name(text, s, e))


def _pattern_spans(text: str, demonyms: dict[str, str]) -> Iterator[Span]:
    """'the town of X', 'a village called X', 'the villages of X and Y', 'the University of X',
    'X province', in mixed case and in upper case."""
    for m in _OF_PATTERN.finditer(text):
        type_word = m.group(0).split(" ", 1)[0]
        kind: str | None = _kind(type_word)
        before = re.search(r"([A-Z][\w'’-]*)\s+$", text[max(0, m.start() - 30):m.start()])
        if before and before.group(1).lower() not in FUNCTION_WORDS:
            kind = None  # "the Joura district of Deir ez-Zor": the type word is Joura's ("The village of X" is X's)
        for name_start, name_end in _named(text, m, type_word.lower() in _PLURALS):
            start, end = _trim(text, name_start, _bare_name_end(text, name_start, name_end))
            yield Span(start, end, text[start:end], "pattern", kind=kind, strong=True,
                       near=place_near_after(text, end))
    for m in _SUFFIX_PATTERN.finditer(text):
        if strict_key(m.group(1)) in demonyms:
            continue  # "Chinese cities" names no city
        kind = _kind(m.group(2).strip())
        if text.startswith(" of ", m.end()):
            kind = None  # "the Aleppo suburb of Qzxwarbi": the type word may be either name's
        start, end = _trim(text, m.start(1), m.end(1))
        yield Span(start, end, text[start:end], "pattern", kind=kind, strong=True)
    for m in _UPPER_OF.finditer(text):
        yield from _upper_span(m.start(1), m.group(1), "town")
    for m in _UPPER_SUFFIX.finditer(text):
        yield from _upper_span(m.start(1), m.group(1), "area")


def _bare_name_end(text: str, start: int, end: int) -> int:
    """End of a pattern's name without the building or acronym a greedy match ran into ("the
    University of Michigan Center for ...", "the city of Hassakeh ISIS suicide bombers")."""
    cues = load_cues()
    words = text[start:end].split(" ")
    cut = next((i for i, w in enumerate(words) if i and w.lower() in cues["building"]), len(words))
    words = words[:cut]
    while len(words) > 1 and words[-1].isupper() and len(words[-1]) > 1 and not words[0].isupper():
        words.pop()
    return start + len(" ".join(words))


def _named(text: str, m: re.Match[str], plural: bool) -> Iterator[tuple[int, int]]:
    """The name a type-word pattern matched and, after a plural type word, the rest of its list
    ("the villages of Foua and Kfraya")."""
    yield m.start(1), m.end(1)
    end = m.end(1)
    while plural and (more := _LIST_MORE.match(text, end)) is not None:
        yield more.start(1), more.end(1)
        if not more.group(0).startswith(","):
            break  # "A and B" ends the list
        end = more.end(1)


def _upper_span(start: int, name: str, kind: str) -> Iterator[Span]:
    """An upper-case name without the function words a greedy match took in ("IN SAN MIGUEL")."""
    words = name.split()
    while words and words[0].lower() in FUNCTION_WORDS:
        start += len(words[0]) + 1
        words = words[1:]
    while words and words[-1].lower() in FUNCTION_WORDS:
        words = words[:-1]
    if words:
        joined = " ".join(words)
        yield Span(start, start + len(joined), joined, "pattern", kind=kind, strong=True)


def _dateline_spans(text: str) -> Iterator[Span]:
    """The dateline place: capitals at the start of the text or of a line, then a dash."""
    for m in _DATELINE.finditer(text[:600]):
        name = m.group(1)
        if len(name) < 3 or name.lower() in FUNCTION_WORDS or not any(c.isalpha() for c in name):
            continue
        yield Span(m.start(1), m.end(1), name, "dateline", kind="town", within=m.group(2), strong=True)
        return


def recognise(analysed: AnalysedText) -> list[Span]:
    """Every place-name span of the text; spans may overlap (resolution keeps the richer source)."""
    text = analysed.document.text
    stop = load_stoplist()
    demonyms = load_demonyms()
    spans = [*_dateline_spans(text), *_pattern_spans(text, demonyms), *_entity_spans(analysed, demonyms)]
    return [s for s in spans if s.source in ("pattern", "demonym") or strict_key(s.name) not in stop]


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
            or not all(w in cues["institution"] | FUNCTION_WORDS for w in after))


def known_spans(analysed: AnalysedText, gazetteer: Gazetteer) -> Iterator[Span]:
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
                    partial = (n < len(run) and _inside_name(text, run, i, n)) or inside_longer_name(text, start, end)
                    yield Span(start, end, name, "known", within=qualifier_after(text, end),
                                near=place_near_after(text, end), strong=after_locative(text, start), partial=partial,
                                names_a=names_what(text, start, end),
                                person_tagged=any(s <= start < e for s, e in persons))
                    i += n
                    break
            else:
                i += 1


def joined_spans(analysed: AnalysedText, gazetteer: Gazetteer) -> Iterator[Span]:
    """Names the gazetteer knows whose words a connector or hyphen joins ("Democratic Republic
    of the Congo", "Rio Grande do Sul", "Guinea-Bissau"): NER and the proper-noun runs at times
    see only their parts."""
    text, stop = analysed.document.text, load_stoplist()
    for m in _JOINED.finditer(text):
        words = [(w.start() + m.start(), w.end() + m.start()) for w in re.finditer(r"[^\s-]+", m.group(0))]
        found = _longest_joined(text, words, gazetteer, stop)
        if found is not None:
            start, end = found
            yield Span(start, end, text[start:end], "known", within=qualifier_after(text, end),
                       strong=after_locative(text, start), joined=True)


def without_joined_parts(spans: Sequence[Span]) -> list[Span]:
    """Spans but the known words inside a joined name the gazetteer knows: "Jos" in "Ceamurlia
    de Jos" is no place of its own."""
    joined = [(s.start, s.end) for s in spans if s.joined]
    return [s for s in spans if s.source != "known" or s.joined
            or not any(start <= s.start and s.end <= end and end - start > s.end - s.start for start, end in joined)]


def qualifier_spans(text: str, spans: Sequence[Span], areas: dict[str, set[tuple[str, str]]]) -> list[Span]:
    """The area qualifying a place after a comma ("Churchill, Man.", "EDMONTON, Ky (WBKO) --") is
    a place mention too, where no other span covers it."""
    taken = [(s.start, s.end) for s in spans]
    found = []
    for span in spans:
        gap = re.match(r",[ \t]*", text[span.end:span.end + 4])
        if not (span.within and areas.get(span.within) and gap):
            continue
        start = span.end + gap.end()
        end = start + len(span.within)
        if text.startswith(span.within, start) and not any(start < e and s < end for s, e in taken):
            found.append(Span(start, end, span.within, "pattern", strong=True))
            taken.append((start, end))
    return found


def _longest_joined(text: str, words: list[tuple[int, int]], gazetteer: Gazetteer,
                    stop: frozenset[str]) -> tuple[int, int] | None:
    """The longest run of words with a connector or hyphen inside, starting and ending on a
    capitalised word, that the gazetteer knows by that name."""
    for n in range(len(words), 1, -1):
        for i in range(len(words) - n + 1):
            name = text[words[i][0]:words[i + n - 1][1]]
            if not (name[:1].isupper() and text[words[i + n - 1][0]].isupper() and _JOINT.search(name)):
                continue
            if strict_key(name) not in stop and gazetteer.candidates(name, strict=True):
                return words[i][0], words[i + n - 1][1]
    return None


def list_neighbours(text: str, spans: Sequence[Span]) -> dict[tuple[int, int], frozenset[tuple[int, int]]]:
    """For each span in a list of three or more places ("Alberta, Manitoba, Ontario and New
    Brunswick"), the other spans of that list."""
    groups: list[list[tuple[int, int]]] = []
    for here in sorted({(s.start, s.end) for s in spans}):
        last = groups[-1][-1] if groups else None
        if last is not None and here[0] < last[1]:
            continue  # overlaps the previous span: one of them will be left out
        if last is not None and _LIST_GAP.fullmatch(text[last[1]:here[0]]):
            groups[-1].append(here)
        else:
            groups.append([here])
    return {member: frozenset(group) - {member} for group in groups if len(group) > 2 for member in group}
