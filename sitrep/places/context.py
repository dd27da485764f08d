"""Where a document is: country and first-level-area weights from its outlet, qualifiers and
resolved places, and the geometry that measures how near a candidate is to them.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sitrep.gazetteer import Gazetteer
from sitrep.gazetteer.normalise import strict_key
from sitrep.places.lexicon import load_outlets
from sitrep.places.spans import BIG_POPULATION, Candidate, Span
from sitrep.records import Document, GazetteerEntry

_VANITY_TLDS = frozenset("co tv io me fm ly ai am cc ws to is it us".split())  # noqa: SIM905

_GENERIC_LABELS = frozenset("www co com org net gov edu news live local".split())  # noqa: SIM905

_OUTLET_CITY_POPULATION = 200_000


@dataclass(slots=True)
class Context:
    """What the document says about where it is: country and first-level area weights."""

    countries: Counter[str] = field(default_factory=Counter)
    admin1: dict[tuple[str, str], float] = field(default_factory=dict)
    anchors: list[tuple[str, GazetteerEntry]] = field(default_factory=list)
    senses: dict[str, int] = field(default_factory=dict)  # name key -> geonameid a qualifier settled
    main: str | None = None  # the country with most weight, once the context is built


def _km(a: GazetteerEntry, b: GazetteerEntry) -> float:
    """Distance in km (equirectangular: good enough at the scales that matter here)."""
    x = math.radians(b.longitude - a.longitude) * math.cos(math.radians((a.latitude + b.latitude) / 2))
    y = math.radians(b.latitude - a.latitude)
    return 6371.0 * math.hypot(x, y)


def closeness(entry: GazetteerEntry, anchors: Sequence[GazetteerEntry]) -> float:
    """1 when another place of the document is within 50 km, falling to 0 beyond 1,000 km."""
    best = min((_km(entry, a) for a in anchors if a.geonameid != entry.geonameid), default=math.inf)
    for limit, value in ((50, 1.0), (150, 0.7), (400, 0.4), (1000, 0.15)):
        if best <= limit:
            return value
    return 0.0


def in_main_country(e: GazetteerEntry, ctx: Context) -> bool:
    """In the document's main country."""
    return e.country_code == ctx.main


def near_main_country(e: GazetteerEntry, ctx: Context) -> bool:
    """In the document's main country, within 150 km of one of its places."""
    return e.country_code == ctx.main and closeness(e, [a for _, a in ctx.anchors]) >= 0.7


def focus_areas(ctx: Context, iso2: str) -> set[str]:
    """The document's main first-level areas in a country: at least a third of the best one."""
    top = max(ctx.admin1.values(), default=0.0)
    return {a for (cc, a), weight in ctx.admin1.items() if cc == iso2 and weight >= max(1.0, top / 3)}


def is_local(e: GazetteerEntry, ctx: Context, *, loose: bool = False) -> bool:
    """Inside one of the document's first-level areas, or when it names none, near its places
    in its main country (loose: anywhere in its main country)."""
    focus = focus_areas(ctx, e.country_code)
    if focus:
        return (e.admin1 or "") in focus
    return in_main_country(e, ctx) if loose else near_main_country(e, ctx)


def _host(document: Document) -> str:
    host = (document.outlet or document.url or "").lower().split("//")[-1].split("/")[0]
    return host.removeprefix("www.")


def outlet_area(document: Document, gazetteer: Gazetteer) -> tuple[str | None, str | None]:
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


def build_context(outlet: tuple[str | None, str | None], resolved: Sequence[tuple[Span, Candidate]],
             areas: dict[str, set[tuple[str, str]]], *, skip: str = "") -> Context:
    """Country and area weights and anchor places from the resolved spans, outlet and
    qualifiers; the mentions of the name `skip` (a strict key) are no evidence for themselves."""
    ctx = Context()
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
        named = areas.get(span.within or "", set())
        if span.source == "dateline" or {(cand.entry.country_code, cand.entry.admin1 or ""),
                                         (cand.entry.country_code, "")} & named:
            ctx.senses.setdefault(strict_key(span.name), cand.entry.geonameid)  # "Athens, Greece"
    ctx.main = ctx.countries.most_common(1)[0][0] if ctx.countries else None
    return ctx


def _add_area(ctx: Context, iso2: str, admin1: str, weight: float) -> None:
    ctx.admin1[iso2, admin1] = ctx.admin1.get((iso2, admin1), 0.0) + weight


def _add_evidence(ctx: Context, span: Span, cand: Candidate) -> None:
    e = cand.entry
    if e.feature[0] in "PA" and e.feature != "A.PCLI":
        ctx.anchors.append((strict_key(span.name), e))
    if not e.country_code or not cand.strict:
        return
    if span.source == "known" and not (e.feature == "A.PCLI" or e.population >= BIG_POPULATION):
        return  # an untagged name is no evidence of where the document is
    strong = span.source in ("dateline", "demonym") or e.feature in ("A.PCLI", "A.ADM1")
    if strong or e.population >= 50_000:  # a small town is no evidence of the country by itself
        ctx.countries[e.country_code] += 2 if strong else 1
    if e.admin1 and e.feature != "A.PCLI":
        if span.source == "dateline":
            _add_area(ctx, e.country_code, e.admin1, 3.0)
        elif e.feature in ("A.ADM1", "A.ADM2") or e.population >= BIG_POPULATION:
            _add_area(ctx, e.country_code, e.admin1, 1.0)
        elif span.strong:
            _add_area(ctx, e.country_code, e.admin1, 0.5)


def named_areas(names: Iterable[str | None], gazetteer: Gazetteer, *,
                cities: bool = False) -> dict[str, set[tuple[str, str]]]:
    """The areas qualifiers name ("ELGIN, Ill.", "Elgin, Illinois", "Homs, Syria"): qualifier
    text -> {(ISO2, admin1 code)}, with "" for a whole country; with `cities`, a big city stands
    for its first-level area too ("Kingston, south of Brisbane", "Warwick in Queensland")."""
    areas: dict[str, set[tuple[str, str]]] = {}
    for name in {n for n in names if n}:
        found = set()
        for e in gazetteer.candidates(name, strict=True):
            if e.feature == "A.PCLI":
                found.add((e.country_code, ""))
            elif e.admin1 and (e.feature == "A.ADM1"
                               or (cities and e.feature[0] == "P" and e.population >= BIG_POPULATION)):
                found.add((e.country_code, e.admin1))
        areas[name] = found
    return areas
