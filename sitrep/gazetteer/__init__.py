"""Gazetteers: place names to GeoNames-style entries.

`Gazetteer` is the protocol the place and location stages use; `load_gazetteer` picks an
implementation by name from `GAZETTEERS`:

- "bundled" (default): built offline from data shipped in installed packages, cached in the
  user's cache folder (see `sitrep.gazetteer.bundled`).
- "geonames": a full GeoNames dump (allCountries.txt or a country file) given by `path`.

Entries' `admin1` is the GeoNames admin1 code; `admin2` is an opaque admin2 key that
`admin2_name` turns into a display name.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from sitrep.errors import GazetteerError
from sitrep.gazetteer.normalise import normalise_name, strict_key
from sitrep.records import GazetteerEntry

__all__ = ["GAZETTEERS", "Gazetteer", "load_gazetteer", "normalise_name", "strict_key"]


class Gazetteer(Protocol):
    """What the place and location stages need from a gazetteer."""

    def candidates(self, name: str, *, strict: bool = False) -> tuple[GazetteerEntry, ...]:
        """Entries with a name or alternate name whose key equals the query's key.

        Strict-key matches (case, accents and punctuation folded) come first, then loose-key
        matches (`normalise_name`: transliteration variants folded) unless strict is set.
        """
        ...

    def country(self, iso2: str) -> GazetteerEntry | None:
        """The country entry for an ISO 3166-1 alpha-2 code."""
        ...

    def country_name(self, iso2: str) -> str | None:
        """The country's display name."""
        ...

    def iso3(self, iso2: str) -> str | None:
        """The ISO 3166-1 alpha-3 code."""
        ...

    def admin1(self, country_code: str, admin1_code: str) -> GazetteerEntry | None:
        """The first-level administrative area itself."""
        ...

    def admin1_name(self, country_code: str, admin1_code: str) -> str | None:
        """Display name of a first-level area."""
        ...

    def admin2_name(self, country_code: str, admin1_code: str, admin2_code: str) -> str | None:
        """Display name of a second-level area."""
        ...

    def seat(self, country_code: str, admin1_code: str) -> GazetteerEntry | None:
        """The capital city of a first-level area."""
        ...

    def capital(self, iso2: str) -> GazetteerEntry | None:
        """The capital city of a country."""
        ...

    def proper_names(self) -> frozenset[str]:
        """Lower-case words of well-known place names (for re-casing upper-case text)."""
        ...


def _bundled(path: Path | None, cache_dir: Path | None) -> Gazetteer:
    from sitrep.gazetteer.bundled import load_bundled

    return load_bundled(cache_dir)


def _geonames(path: Path | None, cache_dir: Path | None) -> Gazetteer:
    from sitrep.gazetteer.geonames import load_geonames

    if path is None:
        raise GazetteerError("the geonames gazetteer needs path= a GeoNames dump (allCountries.txt)",
                             source="geonames")
    return load_geonames(path, cache_dir=cache_dir)


GAZETTEERS: dict[str, Callable[[Path | None, Path | None], Gazetteer]] = {
    "bundled": _bundled,
    "geonames": _geonames,
}


def load_gazetteer(name: str = "bundled", *, path: Path | None = None,
                   cache_dir: Path | None = None) -> Gazetteer:
    """A gazetteer by name ("bundled" or "geonames"), built or read from the cache."""
    try:
        loader = GAZETTEERS[name]
    except KeyError:
        raise GazetteerError(f"unknown gazetteer {name!r}; choose one of {sorted(GAZETTEERS)}",
                             source=name) from None
    return loader(path, cache_dir)
