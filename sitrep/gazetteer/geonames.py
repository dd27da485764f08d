"""A gazetteer over a full GeoNames dump (allCountries.txt or a country file such as SY.txt).

The dump is the tab-separated GeoNames "geoname" table (19 columns). Kept: populated places
with a population or an administrative role (PPLA*, PPLC), administrative areas (ADM1, ADM2,
PCL*), continents and regions, seas and mountains. The index is cached in the cache folder,
keyed by the dump's path, size and modification time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from sitrep.errors import GazetteerError
from sitrep.gazetteer.bundled import default_cache_dir, usable_name
from sitrep.gazetteer.index import GazetteerIndex, IndexBuilder, read_index, save_index
from sitrep.records import GazetteerEntry

BUILD = "2"
_COLUMNS = 19
_KEPT_AREAS = frozenset({"ADM1", "ADM2", "PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "TERR"})
_KEPT_OTHER = frozenset({"L.CONT", "L.RGN", "H.OCN", "H.SEA", "H.GULF", "H.BAY", "T.MTS", "T.PEN", "L.PEN"})


def load_geonames(path: Path, *, cache_dir: Path | None = None, min_population: int = 1) -> GazetteerIndex:
    """The gazetteer of a GeoNames dump, from the cache when the dump has not changed."""
    try:
        stat = path.stat()
    except OSError as e:
        raise GazetteerError(f"cannot read the GeoNames dump: {e}", source=str(path)) from e
    key = f"{BUILD}|{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{min_population}"
    version = hashlib.sha256(key.encode()).hexdigest()[:16]
    cache = (cache_dir or default_cache_dir()) / f"gazetteer-geonames-{version}.pickle"
    index = read_index(cache, version=version)
    if index is None:
        index = build_geonames(path, version=version, min_population=min_population)
        save_index(index, cache)
    return index


def _rows(path: Path) -> Iterator[list[str]]:
    try:
        with path.open(encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                cells = line.rstrip("\n").split("\t")
                if len(cells) != _COLUMNS:
                    raise GazetteerError(f"line {n} has {len(cells)} columns, not the {_COLUMNS} of a "
                                         "GeoNames dump", source=str(path))
                yield cells
    except (OSError, UnicodeDecodeError) as e:
        raise GazetteerError(f"cannot read the GeoNames dump: {e}", source=str(path)) from e


def _kept(fclass: str, fcode: str, population: int, min_population: int) -> bool:
    if fclass == "P":
        return population >= min_population or fcode.startswith(("PPLA", "PPLC"))
    return (fclass == "A" and fcode in _KEPT_AREAS) or f"{fclass}.{fcode}" in _KEPT_OTHER


def _entry(cells: list[str]) -> GazetteerEntry:
    return GazetteerEntry(
        geonameid=int(cells[0]), name=cells[1], latitude=float(cells[4]), longitude=float(cells[5]),
        country_code=cells[8], feature=f"{cells[6]}.{cells[7]}", population=int(cells[14] or 0),
        admin1=cells[10] or None, admin2=cells[11] or None,
    )


def build_geonames(path: Path, *, version: str, min_population: int = 1) -> GazetteerIndex:
    """Build the index from a GeoNames dump."""
    builder = IndexBuilder(version)
    for cells in _rows(path):
        if not _kept(cells[6], cells[7], int(cells[14] or 0), min_population):
            continue
        entry = _entry(cells)
        names = [cells[2], *(n for n in cells[3].split(",") if usable_name(n))]
        _register(builder, builder.add(entry, names), entry)
    _add_iso3(builder)
    return builder.build()


def _register(builder: IndexBuilder, row: int, e: GazetteerEntry) -> None:
    """Record a row in the lookup tables its feature code belongs to."""
    t = builder.tables
    code = e.feature.split(".", 1)[1]
    if code.startswith("PCL") and e.country_code not in t.countries:
        t.countries[e.country_code] = row
    elif code == "ADM1" and e.admin1:
        t.admin1_rows[e.country_code, e.admin1] = row
        t.admin1_names[e.country_code, e.admin1] = e.name
    elif code == "ADM2" and e.admin1 and e.admin2:
        t.admin2_names[e.country_code, e.admin1, e.admin2] = e.name
    elif code == "PPLC":
        t.capitals[e.country_code] = row
    elif code == "PPLA" and e.admin1:
        t.seats[e.country_code, e.admin1] = row


def _add_iso3(builder: IndexBuilder) -> None:
    import pycountry

    for iso2 in builder.tables.countries:
        country = pycountry.countries.get(alpha_2=iso2)
        if country is not None:
            builder.tables.iso3[iso2] = country.alpha_3
