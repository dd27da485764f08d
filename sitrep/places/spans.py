"""What the places stage's parts pass one another: recognised spans and candidate entries."""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.records import GazetteerEntry

FUNCTION_WORDS = frozenset(
    "in of the at near from to and on by for into outside across around a an".split())  # noqa: SIM905

BIG_POPULATION = 100_000


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of text recognised as a place name, before resolution."""

    start: int
    end: int
    name: str
    source: str  # "dateline", "pattern", "ner", "demonym", "known"
    kind: str | None = None  # "area", "town" or "part" (of a town) when the text says so
    within: str | None = None  # a containing place named with it ("Ill." in "ELGIN, Ill. -")
    near: str | None = None  # a place named after " in " ("Warwick in Queensland"): it may contain it
    full: str | None = None  # the name with its type word ("Mexico City"), tried first
    country: str | None = None  # ISO2 for demonyms
    strong: bool = False  # the text marks it as a place: a locative preposition, a pattern, a dateline
    partial: bool = False  # part of a longer proper name ("Wells" in "Wells Fargo")
    names_a: str | None = None  # "street" or "facility" when the name is a street's or a building's
    person_tagged: bool = False  # the model tagged it PERSON
    joined: bool = False  # a known name with a connector inside ("Rio Grande do Sul"): outranks its parts


# Which source's span wins where spans overlap: richer sources first.
SOURCE_RANK = {"dateline": 0, "pattern": 1, "ner": 2, "demonym": 3, "known": 4}


@dataclass(frozen=True, slots=True)
class Candidate:
    """A gazetteer entry a span may name; strict when it matched the span's strict key."""

    entry: GazetteerEntry
    strict: bool
