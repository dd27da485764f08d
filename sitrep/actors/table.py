"""The actor table: loading and indexing `data/actor_aliases.tsv` and `data/actor_context.tsv`.

`actor_aliases.tsv` lists named actors and their aliases; `actor_context.tsv` lists generic nouns
(with templates naming the document's country), nations with their adjectives and the cue words
that assign roles. Every phrase is indexed by its squashed key (see `text.squash`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path

from sitrep.actors.text import split_words, squash
from sitrep.errors import ConfigError
from sitrep.records import Inter

DATA = Path(__file__).resolve().parents[1] / "data"


class Kind(StrEnum):
    """What an actor phrase is."""

    NAMED = "named"  # a specific actor ("Hezbollah")
    FORCE = "force"  # a state-force noun ("troops"): the state named before it, else the document's
    AIRCRAFT = "aircraft"  # a state-force noun that names its state weakly ("air strikes")
    TARGET = "target"  # a civilian place: when hit, civilians are the victims ("a market")
    ATTACK = "attack"  # an attack noun naming a state only after a nationality word ("U.S. strike")
    GROUP = "group"  # another generic actor ("civilians", "gunmen")
    NATION = "nation"  # a nationality word or country name ("Syrian", "Russia")


@dataclass(frozen=True, slots=True)
class ActorRule:
    """One reading of a phrase: a canonical name (or template) and its class."""

    kind: Kind
    template: str  # the name, a template with {of}/{country}, or a nation's "of" form
    inter: Inter | None
    home: str | None = None  # named actors: home country; nations: the country's plain name
    only_in: frozenset[str] = frozenset()  # country keys where the rule applies; empty: everywhere
    exact: str | None = None  # case-sensitive alias: its letters and digits, as written


@dataclass(frozen=True, slots=True)
class Nation:
    """A country as actor names write it."""

    name: str  # "United States"
    of_name: str  # "the United States"


@dataclass(frozen=True, slots=True)
class ActorTable:
    """The actor lexicon: phrases, nations and role cues, keyed by squashed lower-case text."""

    phrases: Mapping[str, tuple[ActorRule, ...]]
    nations: Mapping[str, Nation]
    cues: Mapping[str, Mapping[str, Inter | None]]
    country_names: frozenset[str]  # keys of phrases that are country names, not adjectives
    longest: int  # most words in a phrase
    proper: frozenset[str] = frozenset()  # lower-cased capitalised words of named actors and nations
    starts: frozenset[str] = frozenset()  # first words of all phrases, squashed
    unclaimed: tuple[str, ...] = ()  # phrases saying that nobody claimed an attack, lower-cased


_Pairs = list[tuple[str, ActorRule]]
_CueRows = list[tuple[str, str, Inter | None]]


@cache
def load_actor_table(path: Path | None = None, context: Path | None = None) -> ActorTable:
    """Load the actor table: named aliases (`path`) and context rules (`context`), packaged by default."""
    aliases_path = path or DATA / "actor_aliases.tsv"
    context_path = context or aliases_path.with_name("actor_context.tsv")
    named = _alias_rules(aliases_path)
    generic, nations, cue_rows = _context_rules(context_path)
    pairs = [*named, *generic]
    phrases: dict[str, list[ActorRule]] = {}
    for phrase, rule in pairs:
        key = squash(phrase)
        if not key:
            raise ConfigError(f"empty actor phrase {phrase!r}", source=str(aliases_path))
        if rule not in phrases.setdefault(key, []):
            phrases[key].append(rule)
    cues: dict[str, dict[str, Inter | None]] = {}
    for phrase, role, inter in cue_rows:
        cues.setdefault(squash(phrase), {})[role] = inter
    country_names = frozenset(k for k, rules in phrases.items()
                              if any(r.kind is Kind.NATION for r in rules) and k in nations)
    return ActorTable(
        phrases={k: tuple(v) for k, v in phrases.items()}, nations=nations, cues=cues, country_names=country_names,
        longest=max([1, *(len(split_words(phrase)) for phrase, _ in pairs)]),
        starts=frozenset(squash(split_words(phrase)[0]) for phrase, _ in pairs),
        unclaimed=tuple(" ".join(phrase.lower().split()) for phrase, role, _ in cue_rows if role == "unclaimed"),
        proper=_proper_words(pairs, cues),
    )


def proper_names(table: ActorTable) -> frozenset[str]:
    """Lower-case words of named actors and nations ("fmln", "salvadoran"), for re-casing texts
    written in capitals; words common in actor names ("national", "front") are left out."""
    return table.proper


def _proper_words(pairs: _Pairs, cues: Mapping[str, Mapping[str, Inter | None]]) -> frozenset[str]:
    """Capitalised words of named actors and nations, lower-cased, less short, numeric and common ones."""
    common = {k for k, roles in cues.items() if "common" in roles}
    proper = {w.lower() for phrase, rule in pairs if rule.kind in (Kind.NAMED, Kind.NATION)
              for w in split_words(phrase) if w[:1].isupper()}
    return frozenset(w for w in proper if len(w) > 2 and w not in common and not w.isdigit())


def _read_rows(path: Path, widths: tuple[int, int]) -> list[list[str]]:
    """Tab-separated rows of a data file, comments and blank lines skipped, padded to the widest."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise ConfigError(f"cannot read actor data file: {e}", source=str(path)) from e
    rows = []
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not widths[0] <= len(cells) <= widths[1]:
            raise ConfigError(
                f"line {number} has {len(cells)} columns, expected {widths[0]} to {widths[1]}",
                source=str(path),
            )
        rows.append([c.strip() for c in cells] + [""] * (widths[1] - len(cells)))
    return rows


def _split(cell: str) -> list[str]:
    return [p.strip() for p in cell.split("|") if p.strip()]


def _inter(cell: str, path: Path) -> Inter | None:
    """An inter code cell: 1 to 8, or "-"/empty for none."""
    if cell in ("", "-"):
        return None
    try:
        return Inter(int(cell))
    except ValueError as e:
        raise ConfigError(f"invalid inter code {cell!r}; expected 1 to 8", source=str(path)) from e


def _exact(alias: str) -> str | None:
    """The case-sensitive form of an alias, or None when it matches in any case: aliases of three
    letters or fewer written with a capital ("IS", "US", "LeT") and any alias marked with "="."""
    if alias.startswith("="):
        return "".join(c for c in alias[1:] if c.isalnum())
    letters = "".join(c for c in alias if c.isalnum())
    return letters if len(letters) <= 3 and any(c.isupper() for c in letters) else None


def _alias_rules(path: Path) -> list[tuple[str, ActorRule]]:
    """(alias, rule) pairs of the named-actor table."""
    pairs = []
    for name, inter, home, aliases, only_in in _read_rows(path, (4, 5)):
        code = _inter(inter, path)
        if code is None:
            raise ConfigError(f"actor {name!r} has no inter code", source=str(path))
        where = frozenset(squash(c) for c in _split(only_in))
        for alias in _split(aliases):
            rule = ActorRule(kind=Kind.NAMED, template=name, inter=code, home=home or None,
                             only_in=where, exact=_exact(alias))
            pairs.append((alias.lstrip("="), rule))
    return pairs


def _context_rules(path: Path) -> tuple[_Pairs, dict[str, Nation], _CueRows]:
    """Generic-noun and nation rules, the nations by country key, and the cues of the context table."""
    pairs: _Pairs = []
    nations: dict[str, Nation] = {}
    cues: _CueRows = []
    for kind, phrases, template, inter, only_in in _read_rows(path, (4, 5)):
        if kind == "cue":
            cues.extend((p, template, _inter(inter, path)) for p in _split(phrases))
            continue
        if kind not in {k.value for k in Kind} or kind == Kind.NAMED.value:
            raise ConfigError(f"unknown row kind {kind!r}; expected cue or one of "
                              f"{', '.join(k.value for k in Kind if k is not Kind.NAMED)}", source=str(path))
        if kind == Kind.NATION.value:
            pairs.extend(_nation_rules(phrases, template, only_in, nations))
            continue
        where = frozenset(squash(c) for c in _split(only_in))
        for phrase in _split(phrases):
            pairs.append((phrase, ActorRule(kind=Kind(kind), template=template, inter=_inter(inter, path),
                                            only_in=where, exact=_exact(phrase))))
    return pairs, nations, cues


def _nation_rules(phrases: str, of_name: str, spellings: str, nations: dict[str, Nation]) -> _Pairs:
    """Rules for a nation's adjectives and names; registers the nation under each spelling."""
    plain = of_name[4:] if of_name.startswith("the ") else of_name
    nation = Nation(name=plain, of_name=of_name)
    names = _split(spellings)
    for spelling in [*names, plain, of_name]:
        nations[squash(spelling)] = nation
    rules = []
    for phrase in [*_split(phrases), *names]:
        rule = ActorRule(kind=Kind.NATION, template=of_name, inter=Inter.STATE_FORCES, home=plain,
                         exact=_exact(phrase))
        rules.append((phrase, rule))
    return rules
