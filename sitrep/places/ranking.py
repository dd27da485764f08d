"""Disambiguation: the candidate entries of a span, which ones the text's evidence allows, and
the best of those by population, feature-class and name priors and the document's context.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from sitrep.gazetteer import Gazetteer
from sitrep.gazetteer.normalise import strict_key
from sitrep.places.context import (
    Context,
    build_context,
    closeness,
    focus_areas,
    in_main_country,
    is_local,
    near_main_country,
)
from sitrep.places.cues import Cues
from sitrep.places.spans import BIG_POPULATION, SOURCE_RANK, Candidate, Span
from sitrep.records import GazetteerEntry

_COUNTY = re.compile(r" (?:County|Parish|Borough)$", re.IGNORECASE)

_TOWN_POPULATION = 50_000

_SHARED_BY = 3  # countries with a first-level area of one name that make the name ambiguous

_LONG_NAME_WORDS = 3

_LISTED_PLACES = 2  # resolved places among a span's list neighbours that mark it as a place too


@dataclass(frozen=True, slots=True)
class Round:
    """Everything a round of resolution reads besides the spans: the outlet's country and area,
    the areas qualifiers name, the person cues, the lists spans stand in and the previous
    round's resolutions."""

    outlet: tuple[str | None, str | None]
    areas: dict[str, set[tuple[str, str]]]
    near_areas: dict[str, set[tuple[str, str]]]  # the same for places named "in" or "near" spans
    cues: Cues
    lists: dict[tuple[int, int], frozenset[tuple[int, int]]]  # span -> the other spans of its list
    resolved: list[tuple[Span, Candidate]] = field(default_factory=list)


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


def candidates_of(span: Span, gazetteer: Gazetteer) -> list[Candidate]:
    if span.source == "demonym":
        entry = gazetteer.country(span.country) if span.country else None
        if entry is not None:
            return [Candidate(entry, True)]
        return [Candidate(e, True) for e in gazetteer.candidates(span.name, strict=True)
                if e.feature[0] in "AL"][:1]
    strict = gazetteer.candidates(span.full, strict=True) if span.full else ()
    strict = strict or gazetteer.candidates(span.name, strict=True)
    if span.source == "known" or len(strict_key(span.name)) < 4:
        return [Candidate(e, True) for e in strict]
    seen = {e.geonameid for e in strict}
    loose = [e for e in gazetteer.candidates(span.name) if e.geonameid not in seen]
    return [Candidate(e, True) for e in strict] + [Candidate(e, False) for e in loose]


def is_big(e: GazetteerEntry) -> bool:
    """A place known beyond its region: a country, first-level area, region, sea, capital or city."""
    return (e.feature[0] in "LHT" or e.feature.startswith("A.PCL") or e.feature in ("A.ADM1", "P.PPLC")
            or (e.feature[0] == "P" and e.population >= BIG_POPULATION))


def _prior(c: Candidate, span: Span, w: Weights) -> float:
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


def _primary(e: GazetteerEntry, span: Span) -> bool:
    """The span names the entry by its own name, not an alternate one ("Washington, D.C." is
    primarily named "Washington")."""
    return strict_key(e.name.split(",")[0]) in (strict_key(span.full or span.name), strict_key(span.name))


def _in_context(c: Candidate, span: Span, ctx: Context, w: Weights) -> float:
    """Evidence from the document: countries, focus first-level areas (counting as much as
    their country is the document's: a pair of towns abroad is no focus), nearby places."""
    e = c.entry
    share = ctx.countries.get(e.country_code, 0)
    score = w.focus_country * share / (sum(ctx.countries.values()) or 1)
    top = max(ctx.admin1.values(), default=0)
    if e.admin1 and top:
        main = share / max(ctx.countries.values()) if share else 0.0
        score += w.focus_admin1 * ctx.admin1.get((e.country_code, e.admin1), 0) / top * main
    if e.feature[0] in "PA" and e.feature != "A.PCLI":
        anchors = [a for key, a in ctx.anchors if key != strict_key(span.name)]
        score += w.nearby * closeness(e, anchors)
    return score


def _choose(cands: Sequence[Candidate], span: Span, ctx: Context, evidence: Round,
            siblings: Sequence[GazetteerEntry], w: Weights) -> Candidate | None:
    """The best candidate that the text's evidence allows."""
    plausible = [c for c in cands if _plausible(c, span, ctx, evidence.cues) or _placed_near(c, span, evidence)]
    if span.source == "pattern" and _shared_area_name(cands):
        plausible = [c for c in plausible if in_main_country(c.entry, ctx)]  # "Western" province: the story's
    settled = _settled(plausible, span, ctx, evidence)
    if not settled and _outside_named_area(plausible, span, evidence.areas):
        return None  # "Stroud, Ontario" is not Stroud in England: the gazetteer lacks the place
    options = (settled or _like_siblings(plausible, siblings)
               or [c for c in plausible if _allowed_unqualified(c, plausible, span, ctx)])
    if not options:
        return None
    best = max(options, key=lambda c: (_prior(c, span, w) + _in_context(c, span, ctx, w), c.entry.population))
    return _prefer_city(best, options, span)


def _placed_near(c: Candidate, span: Span, evidence: Round) -> bool:
    """A town of the name lies in the area the text puts it in ("Warwick in Queensland"), and the
    name is no part of a person's."""
    e = c.entry
    return (c.strict and span.near is not None and not _in_person_name(span, evidence.cues)
            and (e.country_code, e.admin1 or "") in evidence.near_areas.get(span.near, set()))


def _shared_area_name(cands: Sequence[Candidate]) -> bool:
    """A name first-level areas of several countries bear ("Western", "Central")."""
    return len({c.entry.country_code for c in cands if c.strict and c.entry.feature == "A.ADM1"}) >= _SHARED_BY


def _like_siblings(options: Sequence[Candidate], siblings: Sequence[GazetteerEntry]) -> list[Candidate]:
    """In a list of two or more places of one kind ("Alberta, Manitoba, Ontario and New
    Brunswick": first-level areas of Canada; "Mali, Niger and Chad": countries), the candidates
    of that kind: one list, one level of the hierarchy."""
    kinds = Counter((e.feature, e.country_code if e.feature == "A.ADM1" else "") for e in siblings)
    kind, count = kinds.most_common(1)[0] if kinds else (("", ""), 0)
    if count < 2 or kind[0] not in ("A.ADM1", "A.PCLI"):
        return []
    return [c for c in options if c.entry.feature == kind[0] and (not kind[1] or c.entry.country_code == kind[1])]


def _settled(options: Sequence[Candidate], span: Span, ctx: Context, evidence: Round) -> list[Candidate]:
    """The candidates inside the area named right after the span ("Homewood, Ala.", "Warwick in
    Queensland"), else the one another mention of the name was qualified to (one sense a
    document)."""
    named = (evidence.areas.get(span.within) if span.within else evidence.near_areas.get(span.near or "")) or set()
    if any(c.entry.feature == "A.PCLI" for c in options):
        named = set()
    inside = [c for c in options if (c.entry.country_code, c.entry.admin1 or "") in named
              or ((c.entry.country_code, "") in named and c.entry.feature != "A.PCLI")]
    sense = ctx.senses.get(strict_key(span.name))
    return inside or [c for c in options if c.entry.geonameid == sense]


def _outside_named_area(options: Sequence[Candidate], span: Span, areas: dict[str, set[tuple[str, str]]]) -> bool:
    """The text names the area a place is in ("X, Ontario") and no candidate lies there; a
    country, or a big place of the area's own country, is not qualified by it: "Belgium, France"
    and "Cairo, Giza" are lists."""
    named = areas.get(span.within or "", set())
    countries = {cc for cc, _ in named}
    return bool(named) and not any(
        c.entry.feature == "A.PCLI" or (is_big(c.entry) and c.entry.country_code in countries) for c in options)


def _plausible(c: Candidate, span: Span, ctx: Context, cues: Cues) -> bool:
    """Whether the text's evidence is enough for this entry: weak cues only for well-known
    places, loose spellings only near the document's places, small towns abroad not at all."""
    e = c.entry
    if not c.strict and (not in_main_country(e, ctx)
                         or not (near_main_country(e, ctx) or (span.strong and is_big(e)))):
        return False  # "Raqa" may be Raqqa, but only in a Syrian story
    big = is_big(e)
    foreign = bool(ctx.countries) and e.country_code not in ctx.countries
    if foreign and e.feature.startswith("P.") and e.population < 50_000 and span.source != "dateline":
        return False  # "Joura" is not a village in India here
    if _bare_county(e, span):
        return False  # "Ford" alone is not Ford County
    if span.kind == "part" and not is_local(e, ctx):
        return False  # "the Austin neighborhood" of Chicago is not Austin, Texas
    if foreign and span.source == "pattern" and span.kind == "area":
        return False  # "the provinces of Nyanza and Western" in a Kenyan story are Kenya's
    if span.source in ("dateline", "pattern", "demonym"):
        return True
    if foreign and not _famous(e) and not _primary(e, span):
        return False  # abroad, a town only by its own name: "Nadia" is not Navadwip here
    local = is_local(e, ctx)
    if (span.partial and not _famous(e) and not local) or used_for_person(span, cues, 3 if big else 2 if local else 1):
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


def _bare_county(e: GazetteerEntry, span: Span) -> bool:
    """A county the text names without the word County ("Scott & White", "Smith said")."""
    return (e.feature == "A.ADM2" and _COUNTY.search(e.name) is not None
            and _COUNTY.search(span.full or span.name) is None and span.kind != "area")


def _acronym(span: Span, cues: Cues) -> bool:
    return not cues.upper and span.name.isupper() and len(span.name) <= 4


def _known_enough(e: GazetteerEntry, span: Span, ctx: Context, foreign: bool) -> bool:
    """A proper noun NER did not tag: abroad only a country, region or major city (or a
    well-known area by its joined name); at home a big place, a town the text marks as a place,
    or one in the document's areas."""
    if foreign:  # a joined name of three words or more is no accident: "Rio Grande do Sul"
        long_joined = span.joined and len(span.name.split()) >= _LONG_NAME_WORDS
        return e.feature.startswith("A.PCL") or e.feature[0] in "LHT" or _major(e) or (long_joined and _famous(e))
    if not _famous(e) and not span.strong and (span.person_tagged or (not _primary(e, span) and not is_big(e))):
        return False  # "Tyler" the model calls a person; "Quay", another name of Winter Beach
    return (is_big(e) or bool(span.strong or span.within) or is_local(e, ctx)
            or (e.population >= _TOWN_POPULATION and in_main_country(e, ctx) and not focus_areas(ctx, e.country_code)))


def used_for_person(span: Span, cues: Cues, needed: int) -> bool:
    """The document uses the name for a person: inside a person's full name, or a word it
    uses as a name more than the text marks it as a place (by `needed` votes: more for
    well-known places and places in the document's area)."""
    if _in_person_name(span, cues):
        return True
    key = strict_key(span.name)
    votes = cues.persons.get(key, 0) - cues.places.get(key, 0) - span.strong
    return votes >= needed


def _in_person_name(span: Span, cues: Cues) -> bool:
    """Inside a longer person's name ("Officer John Rivera")."""
    return any(s <= span.start and span.end <= e and e - s > span.end - span.start for s, e in cues.person_spans)


def _famous(e: GazetteerEntry) -> bool:
    """A name everyone knows: a country, a first-level area of a big population, a region, sea,
    island or mountain range (the parish of Saint Thomas, Jamaica, is no St. Thomas, Ontario)."""
    return (e.feature[0] in "LHT" or e.feature.startswith("A.PCL")
            or (e.feature == "A.ADM1" and e.population >= BIG_POPULATION))


def _major(e: GazetteerEntry) -> bool:
    """A city of a million: a town of the same name needs the document around it."""
    return e.feature.startswith("P") and e.population >= 1_000_000


def _allowed_unqualified(c: Candidate, options: Sequence[Candidate], span: Span, ctx: Context) -> bool:
    """A small town sharing its name with a famous place needs a qualifier ("Paris" is not Paris,
    Texas); outside the document's first-level areas it needs a name no other town of its country
    has ("Homewood" in a Pittsburgh story is not Homewood, Alabama)."""
    e = c.entry
    if is_big(e):
        return True
    if span.source != "dateline" and any(_famous(o.entry) for o in options):
        return False
    if any(o.entry.feature == "P.PPLC" for o in options) and not (span.strong and is_local(e, ctx)):
        return False  # "in Berlin" in a Vermont story may be Berlin, Vermont; "Paris" is Paris
    if any(_major(o.entry) for o in options) and not is_local(e, ctx, loose=True):
        return False
    focus = focus_areas(ctx, e.country_code)
    if not focus or (e.admin1 or "") in focus:
        return True
    if any(o.entry.country_code == e.country_code and (o.entry.admin1 or "") in focus for o in options):
        return False
    rivals = {o.entry.admin1 for o in options if o.entry.country_code == e.country_code and o.strict
              and o.entry.admin1 != e.admin1 and o.entry.population * 10 >= e.population}
    return not rivals and (span.source != "known" or span.strong)


def _prefer_city(best: Candidate, options: Sequence[Candidate], span: Span) -> Candidate:
    """'Idlib' names the city rather than the province of the same name, unless the text says
    province or the city holds less than a tenth of the area's people ("Quebec" is the province);
    a spelling that only the area lists as an alias names the city too ("Deir el-Zour"), and so
    does the city's own name ("Giza" rather than the governorate Al Jizah)."""
    e = best.entry
    if e.feature != "A.ADM1" or span.kind == "area":
        return best
    same = [c for c in options if c.entry.feature in ("P.PPLA", "P.PPLC")
            and c.entry.population >= max(50_000, e.population // 10)
            and (strict_key(c.entry.name) == strict_key(e.name) or _primary(c.entry, span))
            and c.entry.country_code == e.country_code and c.entry.admin1 == e.admin1]
    return max(same, key=lambda c: c.entry.population) if same else best


def resolve_round(spans: Sequence[Span], cands: Sequence[list[Candidate]], evidence: Round,
             w: Weights) -> list[tuple[Span, Candidate]]:
    """The best candidate of each span in the context of the previous round's resolutions,
    richer sources first; a span overlapping one resolved before it is left out. Mentions that
    differ only in where they stand get one choice (computed once)."""
    contexts: dict[str, Context] = {}
    chosen: dict[tuple[Span, bool, tuple[int, ...]], Candidate | None] = {}
    order = sorted(range(len(spans)),
                   key=lambda i: (SOURCE_RANK["ner" if spans[i].joined else spans[i].source],
                                  spans[i].start - spans[i].end))
    taken: list[Span] = []
    out = []
    for i in order:
        span = spans[i]
        if any(span.start < t.end and t.start < span.end for t in taken):
            continue
        key = strict_key(span.name)
        if key not in contexts:
            contexts[key] = build_context(evidence.outlet, evidence.resolved, evidence.areas, skip=key)
        near = evidence.lists.get((span.start, span.end), frozenset())
        siblings = [c.entry for s, c in evidence.resolved if (s.start, s.end) in near]
        if len(siblings) >= _LISTED_PLACES and not span.strong:
            span = replace(span, strong=True)  # "Moonbi, Parkes, Berry and Wyong": a list of places
        sig = (replace(span, start=0, end=0), _in_person_name(span, evidence.cues),
               tuple(e.geonameid for e in siblings))
        if sig not in chosen:
            chosen[sig] = _choose(cands[i], span, contexts[key], evidence, siblings, w)
        best = chosen[sig]
        if best is not None:
            out.append((span, best))
            taken.append(span)
    return sorted(out, key=lambda pair: pair[0].start)
