"""An in-memory gazetteer: entries in columns, looked up by strict and loose name keys.

`IndexBuilder` collects entries and names from any source (the bundled extract, a GeoNames
dump); `GazetteerIndex` answers the `Gazetteer` protocol and pickles compactly (columns and
two dicts, no per-entry objects), so a cached index loads in about a second.
"""

from __future__ import annotations

import os
import pickle
import re
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitrep.gazetteer.normalise import fold, name_keys, normalise_name, strict_key
from sitrep.records import GazetteerEntry

Postings = int | tuple[int, ...]
FORMAT = 1


def _add_posting(index: dict[str, Postings], key: str, row: int) -> None:
    if not key:
        return
    found = index.get(key)
    if found is None:
        index[key] = row
    elif isinstance(found, int):
        if found != row:
            index[key] = (found, row)
    elif row not in found:
        index[key] = (*found, row)


def _rows(postings: Postings | None) -> tuple[int, ...]:
    if postings is None:
        return ()
    return (postings,) if isinstance(postings, int) else postings


@dataclass(slots=True)
class _Columns:
    """One list or array per GazetteerEntry field, indexed by row number."""

    geonameid: array[int] = field(default_factory=lambda: array("q"))
    name: list[str] = field(default_factory=list)
    latitude: array[float] = field(default_factory=lambda: array("d"))
    longitude: array[float] = field(default_factory=lambda: array("d"))
    country_code: list[str] = field(default_factory=list)
    feature: list[str] = field(default_factory=list)
    population: array[int] = field(default_factory=lambda: array("q"))
    admin1: list[str | None] = field(default_factory=list)
    admin2: list[str | None] = field(default_factory=list)

    def append(self, entry: GazetteerEntry) -> int:
        self.geonameid.append(entry.geonameid)
        self.name.append(entry.name)
        self.latitude.append(entry.latitude)
        self.longitude.append(entry.longitude)
        self.country_code.append(entry.country_code)
        self.feature.append(entry.feature)
        self.population.append(entry.population)
        self.admin1.append(entry.admin1)
        self.admin2.append(entry.admin2)
        return len(self.name) - 1

    def entry(self, row: int) -> GazetteerEntry:
        return GazetteerEntry(
            geonameid=self.geonameid[row], name=self.name[row], latitude=self.latitude[row],
            longitude=self.longitude[row], country_code=self.country_code[row],
            feature=self.feature[row], population=self.population[row], admin1=self.admin1[row],
            admin2=self.admin2[row],
        )


@dataclass(slots=True)
class _Tables:
    """Everything a GazetteerIndex holds; pickled as one object."""

    version: str
    columns: _Columns = field(default_factory=_Columns)
    strict: dict[str, Postings] = field(default_factory=dict)
    loose: dict[str, Postings] = field(default_factory=dict)
    countries: dict[str, int] = field(default_factory=dict)
    iso3: dict[str, str] = field(default_factory=dict)
    admin1_rows: dict[tuple[str, str], int] = field(default_factory=dict)
    admin1_names: dict[tuple[str, str], str] = field(default_factory=dict)
    admin2_names: dict[tuple[str, str, str], str] = field(default_factory=dict)
    seats: dict[tuple[str, str], int] = field(default_factory=dict)
    capitals: dict[str, int] = field(default_factory=dict)
    by_id: dict[int, int] = field(default_factory=dict)
    proper_names: frozenset[str] = frozenset()


class GazetteerIndex:
    """The `Gazetteer` protocol over in-memory tables."""

    def __init__(self, tables: _Tables) -> None:
        self._t = tables
        self._entries: dict[int, GazetteerEntry] = {}  # rows looked up so far, as entries

    @property
    def version(self) -> str:
        """The data version the index was built from."""
        return self._t.version

    def __len__(self) -> int:
        return len(self._t.columns.name)

    def candidates(self, name: str, *, strict: bool = False) -> tuple[GazetteerEntry, ...]:
        """Entries one of whose names has the query's key (the strict key only if strict)."""
        return tuple(self.entry(r) for r in self.candidate_rows(name, strict=strict))

    def candidate_rows(self, name: str, *, strict: bool = False) -> tuple[int, ...]:
        """Row numbers of `candidates`, strict matches first."""
        rows = _rows(self._t.strict.get(strict_key(name)))
        if strict:
            return rows
        extra = tuple(r for r in _rows(self._t.loose.get(normalise_name(name))) if r not in rows)
        return rows + extra

    def entry(self, row: int) -> GazetteerEntry:
        """The entry stored at a row number (built once, then kept)."""
        found = self._entries.get(row)
        if found is None:
            found = self._entries[row] = self._t.columns.entry(row)
        return found

    def by_geonameid(self, geonameid: int) -> GazetteerEntry | None:
        """The entry with this GeoNames id, if indexed."""
        row = self._t.by_id.get(geonameid)
        return None if row is None else self.entry(row)

    def country(self, iso2: str) -> GazetteerEntry | None:
        """The country entry for an ISO 3166-1 alpha-2 code."""
        row = self._t.countries.get(iso2.upper())
        return None if row is None else self.entry(row)

    def country_name(self, iso2: str) -> str | None:
        """The country's display name ("Syria")."""
        row = self._t.countries.get(iso2.upper())
        return None if row is None else self._t.columns.name[row]

    def iso3(self, iso2: str) -> str | None:
        """The ISO 3166-1 alpha-3 code for an alpha-2 code."""
        return self._t.iso3.get(iso2.upper())

    def admin1(self, country_code: str, admin1_code: str) -> GazetteerEntry | None:
        """The first-level administrative area as an entry of its own."""
        row = self._t.admin1_rows.get((country_code, admin1_code))
        return None if row is None else self.entry(row)

    def admin1_name(self, country_code: str, admin1_code: str) -> str | None:
        """Display name of a first-level area ("Deir ez-Zor", "Illinois")."""
        return self._t.admin1_names.get((country_code, admin1_code))

    def admin2_name(self, country_code: str, admin1_code: str, admin2_code: str) -> str | None:
        """Display name of a second-level area; codes may be the name itself (bundled data)."""
        return self._t.admin2_names.get((country_code, admin1_code, admin2_code))

    def seat(self, country_code: str, admin1_code: str) -> GazetteerEntry | None:
        """The seat (capital city) of a first-level area."""
        row = self._t.seats.get((country_code, admin1_code))
        return None if row is None else self.entry(row)

    def proper_names(self) -> frozenset[str]:
        """Lower-case words of well-known place names, for re-casing upper-case text."""
        return self._t.proper_names

    def capital(self, iso2: str) -> GazetteerEntry | None:
        """The capital city of a country."""
        row = self._t.capitals.get(iso2.upper())
        return None if row is None else self.entry(row)


class IndexBuilder:
    """Collects entries and their names, then freezes them into a GazetteerIndex."""

    def __init__(self, version: str) -> None:
        self.tables = _Tables(version=version)

    def add(self, entry: GazetteerEntry, names: Iterable[str] = (), *,
            keys: Iterable[tuple[str, str]] | None = None) -> int:
        """Add an entry under its own name and alternate names (or precomputed keys); its row."""
        t = self.tables
        row = t.columns.append(entry)
        t.by_id.setdefault(entry.geonameid, row)
        if keys is None:
            self.add_names(row, (entry.name, *names))
        else:
            self.add_keys(row, keys)
        return row

    def add_names(self, row: int, names: Iterable[str]) -> None:
        """Index more names for an existing row."""
        self.add_keys(row, [name_keys(name) for name in names])

    def add_keys(self, row: int, keys: Iterable[tuple[str, str]]) -> None:
        """Index precomputed (strict, loose) name keys for an existing row."""
        strict, loose = self.tables.strict, self.tables.loose
        for s, n in keys:
            _add_posting(strict, s, row)
            _add_posting(loose, n, row)

    def build(self, *, min_population: int = 100_000,
              stop_words: frozenset[str] = frozenset()) -> GazetteerIndex:
        """The finished index, with the proper-name words of its countries, areas and big cities."""
        cols = self.tables.columns
        words: set[str] = set()
        for row, name in enumerate(cols.name):
            if cols.feature[row][0] in "AL" or cols.population[row] >= min_population:
                words.update(w for w in re.findall(r"[a-z]{3,}", fold(name)) if w not in stop_words)
        self.tables.proper_names = frozenset(words)
        return GazetteerIndex(self.tables)


def save_index(index: GazetteerIndex, path: Path) -> None:
    """Pickle an index to a file, atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")  # workers building one cache at once write apart
    with tmp.open("wb") as f:
        pickle.dump((FORMAT, index._t), f, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)


def read_index(path: Path, *, version: str) -> GazetteerIndex | None:
    """A pickled index, or None when it is missing, unreadable or of another version."""
    try:
        with path.open("rb") as f:
            loaded: Any = pickle.load(f)
    except FileNotFoundError:
        return None
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
        return None  # a damaged or foreign cache is rebuilt, not fatal
    if not (isinstance(loaded, tuple) and len(loaded) == 2 and loaded[0] == FORMAT):
        return None
    tables = loaded[1]
    if not isinstance(tables, _Tables) or tables.version != version:
        return None
    return GazetteerIndex(tables)
