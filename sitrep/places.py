"""Places: every place name in a document's clean text, resolved on a gazetteer.

Recognition looks up only spans something marks as a place: spaCy GPE/LOC/FAC entities, NORP
demonyms ("Syrian" -> Syria), datelines ("DEIR EZZOR -", "SAN SALVADOR, 3 JAN 90 --") and
phrases such as "the town of X", "X province", "the X neighbourhood", in mixed or upper case.
A stop-list keeps person names and common words (Hassan, Ramadan, University) out.

Disambiguation scores each candidate entry with population and feature-class priors, then
re-scores with the document's context: its focus countries (dateline, countries, demonyms, the
outlet's domain), the first-level areas it names ("Elgin" with "Illinois" -> Elgin, Illinois)
and the dateline's state. A name the gazetteer does not know is skipped; the rest stand.
"""

from __future__ import annotations

import importlib.resources
import math
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache

from sitrep.gazetteer import Gazetteer
from sitrep.gazetteer.normalise import strict_key
from sitrep.records import AnalysedText, Document, Entity, GazetteerEntry, Place

IMPLEMENTATION = "sitrep.places.v1"
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_AREA_WORDS = ("province", "governorate", "district", "department", "county", "region", "state",
               "municipality", "prefecture", "oblast", "parish", "canton", "emirate")
_TOWN_WORDS = ("city", "town", "village", "hamlet", "township", "suburb", "neighbourhood", "neighborhood",
               "quarter", "area", "camp", "port", "settlement", "countryside", "outskirts")
_TYPE_WORDS = _AREA_WORDS + _TOWN_WORDS
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
_FUNCTION_WORDS = frozenset(
    "in of the at near from to and on by for into outside across around".split())  # noqa: SIM905
_VANITY_TLDS = frozenset("co tv io me fm ly ai am cc ws to is it us".split())  # noqa: SIM905


@dataclass(frozen=True, slots=True)
class _Span:
    """A stretch of text recognised as a place name, before resolution."""

    start: int
    end: int
    name: str
    source: str  # "ner", "pattern", "dateline", "demonym"
    kind: str | None = None  # "area" or "town" when the text says so
    within: str | None = None  # a containing place named with it ("Ill." in "ELGIN, Ill. -")
    full: str | None = None  # the name with its type word ("Mexico City"), tried first
    country: str | None = None  # ISO2 for demonyms


@dataclass(slots=True)
class _Context:
    """What the document says about where it is: country and admin1 weights."""

    countries: Counter[str] = field(default_factory=Counter)
    admin1: Counter[tuple[str, str]] = field(default_factory=Counter)
    dateline_admin1: set[tuple[str, str]] = field(default_factory=set)
    anchors: list[tuple[str, GazetteerEntry]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Weights:
    """How much each piece of evidence counts when choosing among candidates."""

    population: float = 0.55
    strict: float = 1.5
    primary_name: float = 0.5
    focus_country: float = 3.0
    named_admin1: float = 2.5
    dateline_admin1: float = 4.0
    kind_match: float = 1.5
    kind_mismatch: float = 1.0
    nearby: float = 1.5
    known_population: int = 100_000
    feature: tuple[tuple[str, float], ...] = (
        ("A.PCLI", 3.5), ("L.CONT", 3.0), ("L.RGN", 2.0), ("A.ADM1", 1.8), ("P.PPLC", 2.0),
        ("P.PPLA", 0.6), ("A.ADM2", 0.0), ("H.OCN", 3.0), ("H.SEA", 3.0), ("H.GULF", 2.0), ("L.PEN", 2.0),
        ("T.MTS", 2.0),
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
def load_outlet_countries() -> dict[str, str]:
    """Outlet web domain -> ISO2 of the country it mostly reports on."""
    return {domain.lower(): iso2 for domain, iso2, *_ in _data_lines("outlet_countries.tsv")}


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


def _split_type_word(text: str, start: int, end: int) -> tuple[int, str | None]:
    """End of the name without a trailing type word ("Idlib province"), and the kind it gives."""
    words = text[start:end].rsplit(" ", 1)
    if len(words) == 2 and words[1].lower() in _TYPE_WORDS:
        return start + len(words[0]), "area" if words[1].lower() in _AREA_WORDS else "town"
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
                yield _Span(s, e, target.lstrip("@"), "demonym", country=None if target[0] == "@" else target)
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
            within = text[slice(*_trim(text, *parts[i + 1]))] if i + 1 < len(parts) else None
            full = text[s:e] if name_end < e else None
            yield _Span(s, name_end, text[s:name_end], "ner", kind=kind, within=within, full=full)


def _pattern_spans(text: str) -> Iterator[_Span]:
    """'the town of X', 'X province', in mixed case and in upper case."""
    for m in _OF_PATTERN.finditer(text):
        kind: str | None = "area" if m.group(0).split(" ", 1)[0].lower() in _AREA_WORDS else "town"
        if re.search(r"[A-Z][\w'’-]*\s+$", text[max(0, m.start() - 30):m.start()]):
            kind = None  # "the Joura district of Deir ez-Zor": the type word is Joura's
        start, end = _trim(text, m.start(1), m.end(1))
        yield _Span(start, end, text[start:end], "pattern", kind=kind)
    for m in _SUFFIX_PATTERN.finditer(text):
        kind = "area" if m.group(2).lower() in _AREA_WORDS else "town"
        start, end = _trim(text, m.start(1), m.end(1))
        yield _Span(start, end, text[start:end], "pattern", kind=kind)
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
        yield _Span(start, start + len(joined), joined, "pattern", kind=kind)


def _dateline_spans(text: str) -> Iterator[_Span]:
    """The dateline place: capitals at the start of the text or of a line, then a dash."""
    for m in _DATELINE.finditer(text[:600]):
        name = m.group(1)
        if len(name) < 3 or name.lower() in _FUNCTION_WORDS or not any(c.isalpha() for c in name):
            continue
        yield _Span(m.start(1), m.end(1), name, "dateline", within=m.group(2))
        return


def recognise(analysed: AnalysedText) -> list[_Span]:
    """Every place-name span of the text; spans may overlap (resolution keeps the richer source)."""
    text = analysed.document.text
    stop = load_stoplist()
    spans = [*_dateline_spans(text), *_pattern_spans(text), *_entity_spans(analysed, load_demonyms())]
    return [s for s in spans if s.source in ("pattern", "demonym") or strict_key(s.name) not in stop]


_SOURCE_RANK = {"dateline": 0, "pattern": 1, "ner": 2, "demonym": 3, "known": 4}


# ---------------------------------------------------------------- well-known names


def _proper_runs(analysed: AnalysedText) -> Iterator[list[tuple[int, int]]]:
    """Runs of adjacent proper-noun tokens outside person names, from the parse."""
    run: list[tuple[int, int]] = []
    for tok in analysed.parsed if analysed.parsed is not None else ():
        adjacent = bool(run) and tok.idx <= run[-1][1] + 1
        joins = adjacent and tok.tag_ in ("HYPH", "NNP", "NNPS")
        starts = tok.tag_ in ("NNP", "NNPS") and tok.text[:1].isupper()
        if tok.ent_type_ != "PERSON" and (joins or starts):
            if run and not joins:
                yield run
                run = []
            run.append((tok.idx, tok.idx + len(tok.text)))
        elif run:
            yield run
            run = []
    if run:
        yield run


def _well_known(entry: GazetteerEntry, min_population: int, countries: frozenset[str]) -> bool:
    if entry.country_code in countries:
        return entry.feature[0] in "AP" and (entry.population >= 1000 or entry.feature[0] == "A")
    return entry.feature[0] in "ALHT" or entry.population >= min_population


def _known_spans(analysed: AnalysedText, gazetteer: Gazetteer, w: Weights,
                 countries: frozenset[str] = frozenset()) -> Iterator[_Span]:
    """Names of countries, areas and big cities among proper nouns NER did not call places, and
    of smaller places in the document's main countries."""
    text, stop = analysed.document.text, load_stoplist()
    for run in _proper_runs(analysed):
        if strict_key(text[run[0][0]:run[-1][1]]) in stop:
            continue
        i = 0
        while i < len(run):
            for n in range(min(4, len(run) - i), 0, -1):
                start, end = _trim(text, run[i][0], run[i + n - 1][1])
                name = text[start:end]
                if len(name) > 2 and strict_key(name) not in stop and any(
                        _well_known(e, w.known_population, countries)
                        for e in gazetteer.candidates(name, strict=True)):
                    yield _Span(start, end, name, "known")
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


def _prior(c: _Candidate, span: _Span, w: Weights) -> float:
    """Evidence from the entry alone: population, feature class, name match, the span's kind."""
    e = c.entry
    population = e.population // 10 if e.feature in ("A.ADM1", "A.ADM2") else e.population
    score = w.population * math.log10(population + 1) + dict(w.feature).get(e.feature, 0.0)
    score += w.strict if c.strict else -w.strict
    if strict_key(e.name) == strict_key(span.name):
        score += w.primary_name
    if span.kind is not None:
        is_area = e.feature[0] in "AL"
        score += w.kind_match if is_area == (span.kind == "area") else -w.kind_mismatch
    return score


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
    """Evidence from the document: countries, named first-level areas, dateline, nearby places."""
    e = c.entry
    total = sum(ctx.countries.values()) or 1
    score = w.focus_country * ctx.countries.get(e.country_code, 0) / total
    area = (e.country_code, e.admin1 or "")
    if e.admin1 and e.feature != "A.ADM1" and area in ctx.admin1:
        score += w.named_admin1
    if area in ctx.dateline_admin1:
        score += w.dateline_admin1
    if e.feature[0] in "PA" and e.feature != "A.PCLI":
        anchors = [a for key, a in ctx.anchors if key != strict_key(span.name)]
        score += w.nearby * _closeness(e, anchors)
    return score


def _choose(cands: Sequence[_Candidate], span: _Span, ctx: _Context, w: Weights) -> _Candidate | None:
    """The best candidate; loose spelling matches count only inside the document's main country."""
    options = [c for c in cands if _plausible(c, ctx)]
    if not options:
        return None
    best = max(options, key=lambda c: (_prior(c, span, w) + _in_context(c, span, ctx, w), c.entry.population))
    return _prefer_city(best, options, span)


def _plausible(c: _Candidate, ctx: _Context) -> bool:
    """Loose spelling matches only near the document's places in its main country; small towns
    abroad only when the document names nothing ("Joura" is not a village in India here)."""
    e = c.entry
    if not c.strict:
        top = ctx.countries.most_common(1)[0][0] if ctx.countries else None
        return e.country_code == top and _closeness(e, [a for _, a in ctx.anchors]) >= 0.7
    foreign = bool(ctx.countries) and e.country_code not in ctx.countries
    return not (foreign and e.feature.startswith("P.") and e.population < 50_000)


def _prefer_city(best: _Candidate, options: Sequence[_Candidate], span: _Span) -> _Candidate:
    """'Idlib' names the city rather than the province of the same name, unless the text says province."""
    e = best.entry
    if e.feature != "A.ADM1" or span.kind == "area":
        return best
    same = [c for c in options if c.strict and c.entry.feature in ("P.PPLA", "P.PPLC")
            and c.entry.population >= 50_000
            and c.entry.country_code == e.country_code and c.entry.admin1 == e.admin1]
    return max(same, key=lambda c: c.entry.population) if same else best


# ---------------------------------------------------------------- context


def _outlet_country(document: Document, gazetteer: Gazetteer) -> str | None:
    host = (document.outlet or document.url or "").lower().split("//")[-1].split("/")[0]
    host = host.removeprefix("www.")
    if not host:
        return None
    known = load_outlet_countries()
    if host in known:
        return known[host]
    tld = host.rsplit(".", 1)[-1]
    if len(tld) != 2 or tld in _VANITY_TLDS:
        return None
    iso2 = "GB" if tld == "uk" else tld.upper()
    return iso2 if gazetteer.country(iso2) else None


def _context(outlet: str | None, resolved: Sequence[tuple[_Span, _Candidate]],
             dateline_admin1: set[tuple[str, str]]) -> _Context:
    """Country and admin1 weights and anchor places from the resolved spans, outlet and dateline."""
    ctx = _Context(dateline_admin1=dateline_admin1)
    if outlet:
        ctx.countries[outlet] += 1
    for span, cand in resolved:
        e = cand.entry
        if not e.country_code or not cand.strict:
            continue
        strong = span.source in ("dateline", "demonym") or e.feature in ("A.PCLI", "A.ADM1")
        if strong or e.population >= 50_000:  # a small town is no evidence of the country by itself
            ctx.countries[e.country_code] += 2 if strong else 1
        if e.admin1 and e.feature in ("A.ADM1", "A.ADM2"):
            ctx.admin1[e.country_code, e.admin1] += 1
        if e.feature[0] in "PA" and e.feature != "A.PCLI":
            ctx.anchors.append((strict_key(span.name), e))
    return ctx


def _dateline_areas(spans: Sequence[_Span], gazetteer: Gazetteer) -> set[tuple[str, str]]:
    """The areas named right after a place ("ELGIN, Ill." or "Elgin, Illinois" -> Illinois)."""
    areas: set[tuple[str, str]] = set()
    for span in spans:
        if span.within:
            for e in gazetteer.candidates(span.within, strict=True):
                if e.feature == "A.ADM1" and e.admin1:
                    areas.add((e.country_code, e.admin1))
    return areas


# ---------------------------------------------------------------- resolution


def _resolve(spans: Sequence[_Span], cands: Sequence[list[_Candidate]], ctx: _Context,
             w: Weights) -> list[tuple[_Span, _Candidate]]:
    """The best candidate of each span, richer sources first; a span overlapping one resolved
    before it is left out."""
    order = sorted(range(len(spans)),
                   key=lambda i: (_SOURCE_RANK[spans[i].source], spans[i].start - spans[i].end))
    taken: list[_Span] = []
    out = []
    for i in order:
        span = spans[i]
        if any(span.start < t.end and t.start < span.end for t in taken):
            continue
        best = _choose(cands[i], span, ctx, w)
        if best is not None:
            out.append((span, best))
            taken.append(span)
    return sorted(out, key=lambda pair: pair[0].start)


def _place(span: _Span, entry: GazetteerEntry, text: str, gazetteer: Gazetteer) -> Place:
    cc = entry.country_code
    admin1 = gazetteer.admin1_name(cc, entry.admin1) if cc and entry.admin1 else None
    admin2 = gazetteer.admin2_name(cc, entry.admin1, entry.admin2) if admin1 and entry.admin2 else None
    return Place(text=text[span.start:span.end], start=span.start, end=span.end, entry=entry,
                 country=(gazetteer.country_name(cc) or "") if cc else "",
                 iso3=(gazetteer.iso3(cc) or "") if cc else "", admin1=admin1, admin2=admin2)


def _repeats(text: str, places: Sequence[Place]) -> list[Place]:
    """Other mentions of an already resolved name that recognition missed (one sense a document)."""
    taken = [(p.start, p.end) for p in places]
    extra: list[Place] = []
    for surface, place in {p.text: p for p in places if p.text[:1].isupper() and len(p.text) > 2}.items():
        for m in re.finditer(rf"(?<![\w-]){re.escape(surface)}(?![\w])", text):
            if not any(m.start() < e and s < m.end() for s, e in taken):
                extra.append(replace(place, start=m.start(), end=m.end()))
                taken.append((m.start(), m.end()))
    return extra


def resolve_places(analysed: AnalysedText, *, gazetteer: Gazetteer,
                   weights: Weights = WEIGHTS) -> tuple[Place, ...]:
    """Every place name in the document's clean text, resolved, with offsets into that text."""
    document = analysed.document
    spans = recognise(analysed) + list(_known_spans(analysed, gazetteer, weights))
    cands = [_candidates(s, gazetteer) for s in spans]
    outlet = _outlet_country(document, gazetteer)
    areas = _dateline_areas(spans, gazetteer)
    resolved = _resolve(spans, cands, _context(outlet, [], areas), weights)
    main = frozenset(c for c, _ in _context(outlet, resolved, areas).countries.most_common(2))
    local = list(_known_spans(analysed, gazetteer, weights, main))
    spans += local
    cands += [_candidates(s, gazetteer) for s in local]
    for _ in range(2):
        resolved = _resolve(spans, cands, _context(outlet, resolved, areas), weights)
    places = [_place(s, c.entry, document.text, gazetteer) for s, c in resolved]
    places += _repeats(document.text, places)
    return tuple(sorted(places, key=lambda p: p.start))
