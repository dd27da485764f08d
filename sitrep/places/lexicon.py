"""The places stage's data files in sitrep/data: stop-list, demonyms, outlets and cue words.
"""

from __future__ import annotations

import importlib.resources
from collections.abc import Iterator
from functools import cache

from sitrep.gazetteer.normalise import strict_key


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
