"""Actors: who did what to whom in a mention's sentence, as ACLED canonical names.

Actor phrases come from two data files. `data/actor_aliases.tsv` lists named actors ("ISIS",
"Daesh" -> "Islamic State in Iraq and the Levant (ISIL)"); `data/actor_context.tsv` lists nations
that nationality words bind to ("Syrian troops" -> "Military Forces of Syria"), generic nouns whose
name depends on the document's country ("civilians" -> "Civilians (Syria)") and the cue words that
assign roles. Phrases are matched on word tokens, ignoring case, hyphens, dots and apostrophes
between words; short all-capital aliases ("IS", "US") match only in capitals, so the verb "is"
never names an actor.

Roles come from position and cues: the initiator (actor1) is the agent after a passive "by", the
actor right before a weapon noun ("regime air strikes"), or the nearest actor before an active
trigger; the other side (actor2) is the nearest actor after the trigger, the subject of a passive
one, or the victims named in the sentence. "backed by X" and coordination ("X and Y") add
associated actors; "between X and Y" names both sides. Text just before the sentence fills in
"the group" or "it", an attack whose perpetrator the sentence leaves unnamed (unless the document
says nobody claimed it) and a battle's missing side. ACLED's defaults fill the sides still unnamed
(civilians as victims, unidentified armed groups as attackers, protesters and rioters); defaults
carry no evidence, which is how later stages tell them from actors named in the text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cache
from itertools import pairwise
from pathlib import Path

from sitrep.errors import ConfigError
from sitrep.records import (
    ActorRef,
    Entity,
    EventActors,
    EventType,
    Evidence,
    Inter,
    Mention,
    SubEventType,
)

IMPLEMENTATION = "sitrep.actors.rules.v1"
DATA = Path(__file__).resolve().parent / "data"
ANTECEDENT_CHARS = 600  # how far back "the group" or "it" looks for the actor it names
BIND_GAP = 2  # words allowed between a nationality word and the noun it binds ("Syrian government forces")
CUE_WORDS = 4  # longest cue phrase, in words

_VIOLENT = frozenset({EventType.BATTLES, EventType.EXPLOSIONS, EventType.VIOLENCE_AGAINST_CIVILIANS})
_CIVILIAN_DEFAULT = frozenset({
    SubEventType.SUICIDE_BOMB, SubEventType.REMOTE_EXPLOSIVE, SubEventType.GRENADE,
})
_POLICE_DEFAULT = frozenset({SubEventType.PROTEST_WITH_INTERVENTION, SubEventType.EXCESSIVE_FORCE})
_TERRITORY = frozenset({SubEventType.GOVERNMENT_REGAINS_TERRITORY, SubEventType.NON_STATE_ACTOR_OVERTAKES_TERRITORY,
                        SubEventType.NON_VIOLENT_TRANSFER})
_ARMED = frozenset({Inter.STATE_FORCES, Inter.REBEL_GROUPS, Inter.POLITICAL_MILITIAS,
                    Inter.IDENTITY_MILITIAS, Inter.EXTERNAL_FORCES})
_FOLD = {"’": "'", "‘": "'", "`": "'", "´": "'", "‐": "-", "‑": "-", "–": "-", "—": "-"}
_ENTITY_LABELS = frozenset({"ORG", "NORP"})


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


@dataclass(frozen=True, slots=True)
class _Spot:
    """A phrase found in the sentence: token range and its readings."""

    first: int
    last: int  # exclusive
    rules: tuple[ActorRule, ...]


@dataclass(frozen=True, slots=True)
class _Candidate:
    """An actor found in the sentence."""

    first: int
    last: int  # exclusive token index
    name: str
    inter: Inter
    kind: Kind
    bound: bool = False  # a nationality word or "of <country>" named its state
    span: tuple[int, int] | None = None  # character offsets, when found outside the sentence
    holder: bool = False  # only holds the place: "rebel-held", "areas controlled by X"


@dataclass(frozen=True, slots=True)
class _Sentence:
    """A sentence prepared for matching: folded text and word tokens."""

    text: str  # the document text, folded, same length as the original
    original: str
    tokens: tuple[tuple[int, int], ...]
    caps: bool
    keys: tuple[str, ...] = ()  # each token, folded and lower-cased
    titled: bool = False  # most words capitalised, as in a headline
    links: tuple[bool, ...] = ()  # whether each token and the next can belong to one phrase


# ---------------------------------------------------------------------------------------------
# Loading


def _squash(text: str) -> str:
    """Lower-case letters and digits only: the key phrases are matched on ("al-Nusra" -> "alnusra")."""
    return "".join(c for c in _fold(text).lower() if c.isalnum())


def _fold(text: str) -> str:
    """Accents and typographic quotes folded, one character for one, so offsets carry over."""
    if text.isascii():
        return text
    return "".join(c if c.isascii() else _fold_char(c) for c in text)


def _fold_char(c: str) -> str:
    if c in _FOLD:
        return _FOLD[c]
    stripped = "".join(b for b in unicodedata.normalize("NFKD", c) if not unicodedata.combining(b))
    return stripped if len(stripped) == 1 else c


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
        where = frozenset(_squash(c) for c in _split(only_in))
        for alias in _split(aliases):
            rule = ActorRule(kind=Kind.NAMED, template=name, inter=code, home=home or None,
                             only_in=where, exact=_exact(alias))
            pairs.append((alias.lstrip("="), rule))
    return pairs


_Pairs = list[tuple[str, ActorRule]]
_CueRows = list[tuple[str, str, Inter | None]]


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
        where = frozenset(_squash(c) for c in _split(only_in))
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
        nations[_squash(spelling)] = nation
    rules = []
    for phrase in [*_split(phrases), *names]:
        rule = ActorRule(kind=Kind.NATION, template=of_name, inter=Inter.STATE_FORCES, home=plain,
                         exact=_exact(phrase))
        rules.append((phrase, rule))
    return rules


@cache
def load_actor_table(path: Path | None = None, context: Path | None = None) -> ActorTable:
    """Load the actor table: named aliases (`path`) and context rules (`context`), packaged by default."""
    aliases_path = path or DATA / "actor_aliases.tsv"
    context_path = context or aliases_path.with_name("actor_context.tsv")
    named = _alias_rules(aliases_path)
    generic, nations, cue_rows = _context_rules(context_path)
    phrases: dict[str, list[ActorRule]] = {}
    longest = 1
    for phrase, rule in [*named, *generic]:
        key = _squash(phrase)
        if not key:
            raise ConfigError(f"empty actor phrase {phrase!r}", source=str(aliases_path))
        if rule not in phrases.setdefault(key, []):
            phrases[key].append(rule)
        longest = max(longest, len(_words(phrase)))
    cues: dict[str, dict[str, Inter | None]] = {}
    for phrase, role, inter in cue_rows:
        cues.setdefault(_squash(phrase), {})[role] = inter
    unclaimed = tuple(" ".join(phrase.lower().split()) for phrase, role, _ in cue_rows if role == "unclaimed")
    country_names = frozenset(k for k, rules in phrases.items()
                              if any(r.kind is Kind.NATION for r in rules) and k in nations)
    common = {k for k, roles in cues.items() if "common" in roles}
    proper = {w.lower() for phrase, rule in [*named, *generic] if rule.kind in (Kind.NAMED, Kind.NATION)
              for w in _words(phrase) if w[:1].isupper()}
    starts = frozenset(_squash(_words(phrase)[0]) for phrase, _ in [*named, *generic])
    return ActorTable(phrases={k: tuple(v) for k, v in phrases.items()}, nations=nations, cues=cues,
                      country_names=country_names, longest=longest, starts=starts, unclaimed=unclaimed,
                      proper=frozenset(w for w in proper if len(w) > 2 and w not in common and not w.isdigit()))


def _words(phrase: str) -> list[str]:
    return "".join(c if c.isalnum() else " " for c in phrase).split()


def proper_names(table: ActorTable) -> frozenset[str]:
    """Lower-case words of named actors and nations ("fmln", "salvadoran"), for re-casing texts
    written in capitals; words common in actor names ("national", "front") are left out."""
    return table.proper


# ---------------------------------------------------------------------------------------------
# Finding actors in a sentence


def _prepare(text: str, start: int, end: int) -> _Sentence:
    """The sentence text[start:end] folded and cut into word tokens (offsets into `text`)."""
    folded = _fold(text[start:end])
    tokens = []
    i = 0
    while i < len(folded):
        if folded[i].isalnum():
            j = i
            while j < len(folded) and folded[j].isalnum():
                j += 1
            tokens.append((start + i, start + j))
            i = j
        else:
            i += 1
    letters = [c for c in folded if c.isalpha()]
    caps = len(letters) > 12 and sum(c.isupper() for c in letters) / len(letters) > 0.8
    prefix = " " * start
    keys = tuple(folded[a - start:b - start].lower() for a, b in tokens)
    words = [folded[a - start] for a, _ in tokens if folded[a - start].isalpha()]
    titled = len(words) > 3 and sum(c.isupper() for c in words) / len(words) > 0.6
    links = tuple(_links(folded[b - start:c - start], b - a) for (a, b), (c, _) in pairwise(tokens))
    return _Sentence(text=prefix + folded, original=text, tokens=tuple(tokens), caps=caps, keys=keys, links=links,
                     titled=titled)


def _links(gap: str, left_length: int) -> bool:
    """True when the text between two tokens lets them form one phrase: only spaces, a hyphen, an
    apostrophe, a slash, an ampersand, or the dot of a one-letter abbreviation ("U.S.")."""
    stripped = gap.strip()
    return stripped in ("", "-", "'", "/", "&") or (stripped == "." and left_length == 1)


def _gap(s: _Sentence, left: int, right: int) -> str:
    """The text between two tokens."""
    return s.text[s.tokens[left][1]:s.tokens[right][0]]


def _joins(s: _Sentence, first: int, last: int) -> bool:
    """True when tokens first..last-1 can form one phrase (see `_links`)."""
    return all(s.links[first:last - 1])


def _key(s: _Sentence, first: int, last: int) -> str:
    return "".join(s.keys[first:last])


def _case_ok(rule: ActorRule, surface: str, caps: bool) -> bool:
    """A case-sensitive alias matches its exact capitals; in an all-capitals sentence a two-letter
    one ("IS", "US") matches only written with dots ("U.S.")."""
    if rule.exact is None:
        return True
    letters = "".join(c for c in surface if c.isalnum())
    if caps:
        return len(rule.exact) > 2 or "." in surface
    return letters == rule.exact


def _spots(s: _Sentence, table: ActorTable) -> list[_Spot]:
    """Phrases of the table found in the sentence, longest first where they overlap ("the army of
    national liberation" beats "the army"), in text order."""
    found = []
    run = 1
    for i in range(len(s.tokens) - 1, -1, -1):
        run = run + 1 if i + 1 < len(s.tokens) and s.links[i] else 1
        if s.keys[i] not in table.starts and not (s.keys[i].endswith("s") and s.keys[i][:-1] in table.starts):
            continue
        for size in range(min(table.longest, run), 0, -1):
            if rules := _readings(table, s, i, i + size):
                found.append(_Spot(first=i, last=i + size, rules=rules))
                break
    taken: set[int] = set()
    kept = []
    for spot in sorted(found, key=lambda sp: (sp.first - sp.last, sp.first)):
        if not taken.intersection(range(spot.first, spot.last)):
            kept.append(spot)
            taken.update(range(spot.first, spot.last))
    return sorted(kept, key=lambda sp: sp.first)


def _readings(table: ActorTable, s: _Sentence, first: int, last: int) -> tuple[ActorRule, ...]:
    """The rules a token range reads as; a final "s" may be a possessive written without its
    apostrophe ("the FSAs commander")."""
    key = _key(s, first, last)
    surface = s.original[s.tokens[first][0]:s.tokens[last - 1][1]]
    rules = tuple(r for r in table.phrases.get(key, ()) if _case_ok(r, surface, s.caps))
    if rules or not key.endswith("s") or len(key) < 4:
        return rules
    return tuple(r for r in table.phrases.get(key[:-1], ()) if r.kind is Kind.NAMED or r.kind is Kind.NATION
                 if _case_ok(r, surface[:-1], s.caps))


def _choose(rules: Sequence[ActorRule], country_key: str) -> ActorRule | None:
    """The rule for the document's country: a restricted one that names it, else an unrestricted
    named one, else an unrestricted generic one."""
    local = [r for r in rules if r.only_in and country_key in r.only_in]
    if local:
        return local[0]
    free = [r for r in rules if not r.only_in]
    return min(free, key=lambda r: r.kind is not Kind.NAMED, default=None)


def _cue(table: ActorTable, s: _Sentence, first: int, last: int) -> Mapping[str, Inter | None]:
    """The cue roles of the phrase made of tokens first..last-1 (empty when it is no cue)."""
    if first < 0 or last > len(s.tokens) or first >= last or not _joins(s, first, last):
        return {}
    return table.cues.get(_key(s, first, last), {})


def _cue_before(table: ActorTable, s: _Sentence, index: int, role: str, *, skip: bool = True) -> bool:
    """The longest cue ending right before token `index` has this role (determiners in between
    skipped when `skip`): "backed by X" is a helper cue, not the agent cue "by"."""
    while True:
        roles = next((r for size in range(CUE_WORDS, 0, -1) if (r := _cue(table, s, index - size, index))), {})
        if role in roles:
            return True
        step = _qualifying_words(table, s, index) if skip else 0
        if not step:
            return False
        index -= step


def _determiner_before(table: ActorTable, s: _Sentence, index: int) -> bool:
    """True when the word before token `index` only qualifies what follows: a determiner, a number
    or a nationality word ("backed by the Lebanese Hezbollah")."""
    if index < 1:
        return False
    word = s.text[s.tokens[index - 1][0]:s.tokens[index - 1][1]]
    if word.isdigit() or "determiner" in _cue(table, s, index - 1, index):
        return True
    return any(r.kind is Kind.NATION for r in table.phrases.get(_squash(word), ()))


def _qualifying_words(table: ActorTable, s: _Sentence, index: int) -> int:
    """How many words before token `index` only qualify what follows ("the so-called", "its"), 0
    when the word before does not."""
    if "determiner" in _cue(table, s, index - 2, index):
        return 2
    return 1 if _determiner_before(table, s, index) else 0


def _cue_after(table: ActorTable, s: _Sentence, index: int, role: str, *, reach: int = 1) -> bool:
    """A cue of this role starts within `reach` words after token `index - 1`."""
    for start in range(index, min(index + reach, len(s.tokens))):
        if any(role in _cue(table, s, start, start + size) for size in range(1, CUE_WORDS + 1)):
            return True
    return False


def _word_is_cue(table: ActorTable, s: _Sentence, index: int, role: str) -> bool:
    return role in _cue(table, s, index, index + 1)


def _hyphen_word(s: _Sentence, index: int, *, after: bool) -> str:
    """The word joined by a hyphen right after (or before) token `index`, lower-cased, or ''."""
    if after:
        if index + 1 < len(s.tokens) and _gap(s, index, index + 1) == "-":
            return s.text[s.tokens[index + 1][0]:s.tokens[index + 1][1]].lower()
        return ""
    if index >= 1 and _gap(s, index - 1, index) == "-":
        return s.text[s.tokens[index - 1][0]:s.tokens[index - 1][1]].lower()
    return ""


def _qualifier(table: ActorTable, s: _Sentence, spot: _Spot) -> str | None:
    """Why the phrase only qualifies something, or None: "held" ("regime-held", "rebel held
    areas": the actor holds the place), "negation" ("anti-IS") or "descriptor" ("a coalition of
    rebel groups")."""
    if "descriptor" in _cue(table, s, spot.first, spot.last) and spot.last < len(s.tokens) \
            and _word(s, spot.last).lower() == "of":
        return "descriptor"
    if "negation" in table.cues.get(_hyphen_word(s, spot.first, after=False), {}):
        return "negation"
    if "held" in table.cues.get(_hyphen_word(s, spot.last - 1, after=True), {}) \
            or _held_participle(table, s, spot.last):
        return "held"
    return None


def _held_participle(table: ActorTable, s: _Sentence, index: int) -> bool:
    """ "rebel held areas": a participle right after the phrase, then a common noun, not an object."""
    if index + 1 >= len(s.tokens) or _gap(s, index - 1, index) != " " or _gap(s, index, index + 1) != " ":
        return False
    following = _word(s, index + 1)
    return _word_is_cue(table, s, index, "participle") and following[:1].islower() \
        and not _word_is_cue(table, s, index + 1, "determiner")


# ---------------------------------------------------------------------------------------------
# From phrases to candidate actors

_STATE_FORCES = "Military Forces of {of}"  # a country named as the subject of an attack
_BINDABLE = frozenset({Kind.FORCE, Kind.AIRCRAFT, Kind.ATTACK, Kind.GROUP, Kind.TARGET})
_STATE_NOUNS = frozenset({Kind.FORCE, Kind.AIRCRAFT, Kind.ATTACK})


@dataclass(frozen=True, slots=True)
class _Context:
    """What every step of one call needs: the table, the sentence and the document's country."""

    table: ActorTable
    s: _Sentence
    country: str | None
    country_key: str
    nation: Nation | None


def _fill(template: str, nation: Nation | None, country: str | None) -> str:
    """A template with the country put in ({of}: "the United States", {country}: "United States")."""
    if nation is not None:
        of, plain = nation.of_name, nation.name
    elif country:
        of = plain = country
    else:
        return template.replace(" of {of}", "").replace(" ({country})", "").replace("{of}", "").strip()
    return template.replace("{of}", of).replace("{country}", plain)


def _foreign(ctx: _Context, home: str | None) -> bool:
    """True when state forces of `home` act in another country than the document's."""
    if home is None or ctx.country is None:
        return False
    theirs = ctx.table.nations.get(_squash(home))
    if theirs is not None and ctx.nation is not None:
        return theirs != ctx.nation
    return _squash(home) != ctx.country_key


def _make(ctx: _Context, rule: ActorRule, span: tuple[int, int], nation: Nation | None = None) -> _Candidate:
    """A candidate from a rule: the name rendered for its nation (or the document's country)."""
    inter = rule.inter or Inter.REBEL_GROUPS
    if rule.kind is Kind.NAMED:
        name, home = rule.template, rule.home
    else:
        name = _fill(rule.template, nation or ctx.nation, ctx.country)
        home = nation.name if nation is not None else None
    if inter is Inter.STATE_FORCES and _foreign(ctx, home):
        inter = Inter.EXTERNAL_FORCES
    return _Candidate(first=span[0], last=span[1], name=name, inter=inter, kind=rule.kind, bound=nation is not None)


def _nation_of(ctx: _Context, rule: ActorRule) -> Nation | None:
    return ctx.table.nations.get(_squash(rule.home or ""))


def _bindable(ctx: _Context, left: _Spot, right: _Spot, noun: Kind) -> bool:
    """True when a nationality word may bind the noun phrase after it: few words (none after a
    country's name, at most one before an attack noun), no punctuation."""
    words = right.first - left.last
    name = _key(ctx.s, left.first, left.last) in ctx.table.country_names
    if words > (0 if name else 1 if noun is Kind.ATTACK else BIND_GAP):
        return False
    s = ctx.s
    between = s.text[s.tokens[left.last - 1][1]:s.tokens[right.first][0]]
    if between.startswith(".") and s.tokens[left.last - 1][1] - s.tokens[left.last - 1][0] == 1:
        between = between[1:]  # the dot of an abbreviation ("U.S. strike")
    if any(c in between for c in ",;:()\"") or ". " in between:
        return False
    return not any(_cue_after(ctx.table, s, i, role) for i in range(left.last, right.first)
                   for role in ("boundary", "speech"))


def _chained(ctx: _Context, left: _Spot, right: _Spot) -> bool:
    """True when two nationality words are coordinated ("Russian and Syrian", "Russian-Syrian")."""
    s = ctx.s
    if right.first == left.last:
        return _gap(s, left.last - 1, right.first).strip() in (",", "-", "/", "&")
    return right.first == left.last + 1 and "ally" in _cue(ctx.table, s, left.last, right.first)


def _nation_group(ctx: _Context, spots: Sequence[_Spot], rules: Sequence[ActorRule | None],
                  i: int) -> tuple[list[int], int | None]:
    """Nationality words coordinated from spot i, and the index of the noun spot they bind."""
    def kind(j: int) -> Kind | None:
        rule = rules[j] if j < len(spots) else None
        return rule.kind if rule is not None else None

    chain = [i]
    j = i + 1
    while kind(j) is Kind.NATION and _chained(ctx, spots[j - 1], spots[j]):
        chain.append(j)
        j += 1
    noun = next((r.kind for r in spots[j].rules if r.kind in _BINDABLE), None) if kind(j) is not None else None
    if noun is not None and _bindable(ctx, spots[j - 1], spots[j], noun):
        return chain, j
    return chain, None


def _standalone_nation(ctx: _Context, spot: _Spot, rule: ActorRule) -> _Candidate | None:
    """A country name standing for its state's forces ("Russia launched strikes"), not a place."""
    if _key(ctx.s, spot.first, spot.last) not in ctx.table.country_names:
        return None
    if _cue_before(ctx.table, ctx.s, spot.first, "place"):
        return None
    nation = _nation_of(ctx, rule)
    state = ActorRule(kind=Kind.FORCE, template=_STATE_FORCES, inter=Inter.STATE_FORCES)
    return _make(ctx, state, (spot.first, spot.last), nation)


def _candidates(ctx: _Context, spots: Sequence[_Spot]) -> list[_Candidate]:
    """Actors from the phrases found: nationality words bound to their nouns, qualifiers dropped."""
    reasons = [_qualifier(ctx.table, ctx.s, sp) for sp in spots]
    chosen = [_choose(sp.rules, ctx.country_key) for sp in spots]
    readings = [None if why else rule for rule, why in zip(chosen, reasons, strict=True)]
    out: list[_Candidate] = []
    for sp, rule, why in zip(spots, chosen, reasons, strict=True):
        if why == "held" and rule is not None and rule.kind in (Kind.NAMED, Kind.FORCE, Kind.GROUP):
            out.append(replace(_make(ctx, rule, (sp.first, sp.last)), holder=True))
    i = 0
    while i < len(spots):
        used, found = _read_at(ctx, spots, readings, i)
        out.extend(found)
        i += used
    return out


def _read_at(ctx: _Context, spots: Sequence[_Spot], readings: Sequence[ActorRule | None],
             i: int) -> tuple[int, list[_Candidate]]:
    """The candidates that start at spot i, and how many spots they use."""
    rule = readings[i]
    if rule is None or rule.kind is Kind.ATTACK:
        return 1, []
    if rule.kind is not Kind.NATION:
        owner = _owner(ctx, spots, readings, i)
        if owner is not None:
            return 2, [_make(ctx, rule, (spots[i].first, spots[i + 1].last), owner)]
        return 1, [_make(ctx, rule, (spots[i].first, spots[i].last))]
    chain, noun = _nation_group(ctx, spots, readings, i)
    nations = [(spots[k], r) for k in chain if (r := readings[k]) is not None]
    noun_rule = readings[noun] if noun is not None else None
    placed = _cue_before(ctx.table, ctx.s, spots[i].first, "place") \
        and _key(ctx.s, spots[i].first, spots[i].last) in ctx.table.country_names
    if placed:
        return len(chain), []  # "the governments of El Salvador and Guatemala"
    if noun is None or noun_rule is None:
        found = [_standalone_nation(ctx, spot, r) for spot, r in nations]
        return len(chain), [c for c in found if c is not None]
    out = []
    for k, (spot, r) in enumerate(nations):
        end = spots[noun].last if k == len(nations) - 1 else spot.last
        nation = _nation_of(ctx, r)
        out.append(_make(ctx, _bound_rule(spots[noun], nation) or noun_rule, (spot.first, end), nation))
    return noun - i + 1, out


def _bound_rule(noun: _Spot, nation: Nation | None) -> ActorRule | None:
    """The reading of a noun that a nationality word binds: a state-force noun names that state's
    forces ("Ukrainian artillery", even where artillery alone means the enemy's); another noun
    reads as it would in that country ("Salvadoran guerrillas" are the FMLN)."""
    state = next((r for r in noun.rules if r.kind in _STATE_NOUNS and not r.only_in), None)
    if state is not None or nation is None:
        return state
    return _choose(noun.rules, _squash(nation.name))


def _owner(ctx: _Context, spots: Sequence[_Spot], readings: Sequence[ActorRule | None], i: int) -> Nation | None:
    """The country a state-force noun belongs to when "of" names it ("the armed forces of Iraq")."""
    rule, nxt = readings[i], readings[i + 1] if i + 1 < len(spots) else None
    if rule is None or rule.kind not in (Kind.FORCE, Kind.AIRCRAFT) or nxt is None or nxt.kind is not Kind.NATION:
        return None
    following = spots[i + 1]
    if _key(ctx.s, following.first, following.last) not in ctx.table.country_names:
        return None
    if not 1 <= following.first - spots[i].last <= 2:
        return None
    return _nation_of(ctx, nxt) if "partitive" in _cue(ctx.table, ctx.s, spots[i].last, following.first) else None


# ---------------------------------------------------------------------------------------------
# Named groups missing from the table ("the Sawaiq al-Rahman Brigade")

_PARTICLES = frozenset({"al", "el", "ad", "ag", "an", "ar", "as", "ash", "at", "az", "ibn", "bin", "abu",
                        "de", "del", "la", "los", "las", "of", "y", "e", "wal", "wa", "li"})


def _word(s: _Sentence, index: int) -> str:
    return s.original[s.tokens[index][0]:s.tokens[index][1]]


def _head_at(ctx: _Context, index: int, *, capitalised: bool) -> tuple[int, Inter] | None:
    """When a group-name head word ("Brigade", "Self-Defense") ends at token index: its first token
    and the class it gives."""
    if capitalised and not _word(ctx.s, index)[:1].isupper():
        return None
    for size in (2, 1):
        roles = _cue(ctx.table, ctx.s, index - size + 1, index + 1)
        if "head" in roles:
            return index - size + 1, roles["head"] or Inter.REBEL_GROUPS
    return None


def _name_start(ctx: _Context, head_first: int, blocked: set[int]) -> int | None:
    """The first token of a capitalised name ending in a head word, or None when there is none."""
    first = head_first
    while first > 0 and first - 1 not in blocked and _joins(ctx.s, first - 1, first + 1) \
            and head_first - first < 5:
        word = _word(ctx.s, first - 1)
        if word.lower() in _PARTICLES and first - 1 > 0 and not ctx.s.caps:
            first -= 1
            continue
        if not word[:1].isupper() or _word_is_cue(ctx.table, ctx.s, first - 1, "determiner"):
            break
        first -= 1
    while first < head_first and _word(ctx.s, first).lower() in _PARTICLES:
        first += 1
    proper = any("common" not in _cue(ctx.table, ctx.s, i, i + 1) for i in range(first, head_first))
    return first if first < head_first and proper else None


def _proper(ctx: _Context, first: int, last: int) -> str:
    """The surface of a name, title-cased when the sentence is in capitals."""
    s = ctx.s
    surface = s.original[s.tokens[first][0]:s.tokens[last - 1][1]]
    if not s.caps:
        return surface
    words = surface.split(" ")
    return " ".join(w.lower() if w.lower() in _PARTICLES else w.capitalize() for w in words)


def _proper_spot(spot: _Spot) -> bool:
    """A named actor or a nationality word, rather than a generic noun that a country may rename."""
    kinds = {r.kind for r in spot.rules}
    return Kind.NATION in kinds or kinds == {Kind.NAMED}


def _unknown_groups(ctx: _Context, spots: Sequence[_Spot], entities: Sequence[tuple[int, int]]) -> list[_Candidate]:
    """Named armed groups absent from the table: entity spans (ORG, NORP) and capitalised names
    that end in a head word ("Brigade", "Front", "Cartel"). They may swallow a generic noun
    ("the Mujahideen Army"), never a named actor or a nationality word."""
    hard = {i for sp in spots if _proper_spot(sp) for i in range(sp.first, sp.last)}
    blocked = {i for sp in spots for i in range(sp.first, sp.last)}
    out: list[_Candidate] = []
    for first, last in entities:
        head = _head_at(ctx, last - 1, capitalised=False)
        start = first
        while start < last - 1 and _word_is_cue(ctx.table, ctx.s, start, "determiner"):
            start += 1
        if head is not None and start < head[0] and not hard.intersection(range(start, last)):
            out.append(_Candidate(first=start, last=last, name=_proper(ctx, start, last), inter=head[1],
                                  kind=Kind.NAMED))
    capitalised = ctx.s.caps or ctx.s.titled  # every word looks like a name: trust the entities only
    for index in range(len(ctx.s.tokens) if capitalised else 0, len(ctx.s.tokens)):
        head = _head_at(ctx, index, capitalised=True)
        if head is None or hard.intersection(range(head[0], index + 1)) \
                or any(c.first <= index < c.last for c in out):
            continue
        begin = _name_start(ctx, head[0], blocked | {i for c in out for i in range(c.first, c.last)})
        if begin is not None:
            out.append(_Candidate(first=begin, last=index + 1, name=_proper(ctx, begin, index + 1),
                                  inter=head[1], kind=Kind.NAMED))
    return out


def _entity_tokens(ctx: _Context, entities: Sequence[Entity]) -> list[tuple[int, int]]:
    """Token ranges of the organisation and group entities inside the sentence."""
    spans = []
    for e in entities:
        if e.label not in _ENTITY_LABELS:
            continue
        inside = [i for i, (a, b) in enumerate(ctx.s.tokens) if a >= e.start and b <= e.end]
        if inside:
            spans.append((inside[0], inside[-1] + 1))
    return spans


# ---------------------------------------------------------------------------------------------
# Merging phrases that name one actor ("IS fighters", "fighters of the Nusra Front")


def _generic(c: _Candidate) -> bool:
    return c.kind is not Kind.NAMED


def _adjacent(ctx: _Context, left: _Candidate, right: _Candidate) -> bool:
    """True when two actors are one noun phrase ("Hezbollah fighters", "rebel group Jaish al-Islam")."""
    if right.first == left.last:
        return _gap(ctx.s, left.last - 1, right.first).strip() in ("", "-", "'")
    return (right.first == left.last + 1 and _generic(left) and not _generic(right)
            and "head" in _cue(ctx.table, ctx.s, left.last, right.first))


def _partitive(ctx: _Context, left: _Candidate, right: _Candidate) -> bool:
    """True for "fighters of the Nusra Front", "militants loyal to IS": a generic noun, then a named one."""
    if not (_generic(left) and not _generic(right)) or left.inter is Inter.CIVILIANS:
        return False
    end = right.first
    while end > left.last and _word_is_cue(ctx.table, ctx.s, end - 1, "determiner"):
        end -= 1
    return 1 <= end - left.last <= 6 and "partitive" in _cue(ctx.table, ctx.s, left.last, end)


def _head(left: _Candidate, right: _Candidate) -> _Candidate:
    """The actor a two-part noun phrase names: the named part, unless the head names victims."""
    if right.inter is Inter.CIVILIANS and left.inter is not Inter.CIVILIANS:
        return replace(right, first=left.first)
    if _generic(left) and not _generic(right):
        return replace(right, first=left.first)
    return replace(left, last=right.last)


def _merge(ctx: _Context, found: Sequence[_Candidate]) -> list[_Candidate]:
    """Candidates that name one actor merged: noun phrases ("IS fighters") and partitives."""
    out: list[_Candidate] = []
    for c in sorted(found, key=lambda c: c.first):
        if out and (_adjacent(ctx, out[-1], c) and not (not _generic(out[-1]) and not _generic(c))):
            out[-1] = _head(out[-1], c)
        elif out and _partitive(ctx, out[-1], c):
            out[-1] = replace(c, first=out[-1].first)
        else:
            out.append(c)
    return out


# ---------------------------------------------------------------------------------------------
# Roles


class _Role(StrEnum):
    AGENT = "agent"  # named as the doer: "by X", "X air strike"
    HELPER = "helper"  # on the doer's side: "backed by X"
    SUBJECT = "subject"  # before the trigger
    OBJECT = "object"  # after the trigger, or the target of "against X"
    SOURCE = "source"  # quoted, not a participant: "X said", "according to X"
    BYSTANDER = "bystander"  # only places the event: "areas held by X"
    WITNESS = "witness"  # only reacts to the event: "police are investigating the shooting"


@dataclass(frozen=True, slots=True)
class _Chain:
    """Coordinated actors ("X and Y", "X, Y and Z") sharing one role."""

    members: tuple[_Candidate, ...]
    role: _Role

    @property
    def first(self) -> int:
        return self.members[0].first

    @property
    def last(self) -> int:
        return self.members[-1].last


def _coordinated(ctx: _Context, left: _Candidate, right: _Candidate) -> bool:
    """True when two actors are joined by a comma, "and" or the like ("X and the Y")."""
    if right.first == left.last:
        return _gap(ctx.s, left.last - 1, right.first).strip() in (",", "&", "/")
    end = right.first
    while end > left.last and _word_is_cue(ctx.table, ctx.s, end - 1, "determiner"):
        end -= 1
    return end - left.last <= 2 and "ally" in _cue(ctx.table, ctx.s, left.last, end)


def _chains(ctx: _Context, found: Sequence[_Candidate], trigger: tuple[int, int]) -> list[_Chain]:
    """Coordinated candidates grouped into chains (never across the trigger), each with its role."""
    groups: list[list[_Candidate]] = []
    for c in found:
        if groups and _coordinated(ctx, groups[-1][-1], c) and \
                not (groups[-1][-1].last <= trigger[0] < c.first):
            groups[-1].append(c)
        else:
            groups.append([c])
    return [_Chain(members=_domestic_first(g), role=_role(ctx, g, trigger)) for g in groups]


def _domestic_first(group: Sequence[_Candidate]) -> tuple[_Candidate, ...]:
    """ "Russian and Syrian planes" in Syria: the country's own forces lead, foreign allies follow."""
    if group[0].inter is Inter.EXTERNAL_FORCES:
        own = next((c for c in group if c.inter is Inter.STATE_FORCES), None)
        if own is not None:
            return (own, *(c for c in group if c is not own))
    return tuple(group)


def _role(ctx: _Context, group: Sequence[_Candidate], trigger: tuple[int, int]) -> _Role:
    """A chain's role from the cues around it, else from its place relative to the trigger."""
    table, s = ctx.table, ctx.s
    first, last = group[0].first, group[-1].last
    if _cue_before(table, s, first, "owner") or all(c.holder for c in group):
        return _Role.BYSTANDER
    if _cue_before(table, s, first, "agent") or (first < trigger[1] and last > trigger[0] and trigger[0] < trigger[1]):
        return _Role.AGENT
    if _cue_after(table, s, last, "speech", reach=2) or _cue_before(table, s, first, "source"):
        return _Role.SOURCE
    if _investigates(ctx, last):
        return _Role.WITNESS
    if _cue_before(table, s, first, "helper"):
        return _Role.HELPER
    if all(c.kind is Kind.TARGET for c in group):
        return _Role.OBJECT
    armed = any(c.inter in _ARMED for c in group)
    if armed and _cue_after(table, s, last, "weapon", reach=1) and not trigger[0] <= first < trigger[1]:
        return _Role.AGENT
    if _cue_before(table, s, first, "opponent") or _cue_before(table, s, first, "between"):
        return _Role.OBJECT
    return _Role.SUBJECT if first < trigger[1] else _Role.OBJECT


def _investigates(ctx: _Context, last: int) -> bool:
    """True when the actor only reacts to the event: "police are investigating", "officers arrived"."""
    index = last
    while index < len(ctx.s.tokens) and (_word_is_cue(ctx.table, ctx.s, index, "passive")
                                         or _word_is_cue(ctx.table, ctx.s, index, "adverb")
                                         or _word(ctx.s, index).lower() in ("have", "has", "had", "will")):
        index += 1
    return _cue_after(ctx.table, ctx.s, index, "investigate", reach=1)


def _passive(ctx: _Context, trigger: tuple[int, int], chains: Sequence[_Chain]) -> bool:
    """True for "were killed", "was shelled" and reduced passives ("16 people killed in ...")."""
    table, s = ctx.table, ctx.s
    if trigger[0] >= len(s.tokens):
        return False
    if _patient_subject(ctx, trigger, chains):
        return True
    word = _word(s, trigger[0]).lower()
    if word.endswith("ing"):
        return False
    index = trigger[0]
    while index > 0 and "adverb" in _cue(table, s, index - 1, index):
        index -= 1
    participle = word.endswith(("ed", "en", "wn")) or _word_is_cue(table, s, trigger[0], "harm")
    if participle and any("passive" in _cue(table, s, index - size, index) for size in (1, 2, 3)):
        return True
    counted = any(ch.last == trigger[0] and ch.role is _Role.SUBJECT and _counted(ctx, ch.first) for ch in chains)
    return counted and word.endswith("ed") and _cue_after(table, s, trigger[0] + 1, "reduced", reach=1)


def _patient_subject(ctx: _Context, trigger: tuple[int, int], chains: Sequence[_Chain]) -> bool:
    """True when the subject before a trigger undergoes a passive verb first: "X was killed in a
    bombing" makes X the victim of the bombing."""
    subject = max((ch for ch in chains if ch.last <= trigger[0]), key=lambda ch: ch.last, default=None)
    if subject is None:
        return False
    for index in range(subject.last, trigger[0]):
        if "passive" not in _cue(ctx.table, ctx.s, index, index + 1):
            continue
        nxt = index + 1
        while nxt < trigger[0] and _word_is_cue(ctx.table, ctx.s, nxt, "adverb"):
            nxt += 1
        if nxt < trigger[0] and _word_is_cue(ctx.table, ctx.s, nxt, "harm"):
            return True
    return False


def _passive_between(ctx: _Context, start: int, end: int) -> bool:
    """True when a passive verb other than the trigger comes between (a "by" belongs to it:
    "a bomb exploded and another was defused by the police")."""
    return any(_word_is_cue(ctx.table, ctx.s, i, "passive") and i + 1 < end
               and _word(ctx.s, i + 1).lower().endswith(("ed", "en", "wn")) for i in range(start, end))


def _counted(ctx: _Context, index: int) -> bool:
    """True when a number comes right before token `index` ("16 people", "two soldiers")."""
    if index < 1:
        return False
    return _word(ctx.s, index - 1).isdigit() or _word_is_cue(ctx.table, ctx.s, index - 1, "count")


def _clause(ctx: _Context, trigger: tuple[int, int]) -> tuple[int, int]:
    """The token range of the trigger's clause: from after the last boundary or speech word before
    it (unless that boundary opens a clause set off by commas: "X, who ..., attacked") to the
    first one after it."""
    s, start = ctx.s, 0
    for index in range(trigger[0] - 1, -1, -1):
        roles = _cue(ctx.table, s, index, index + 1)
        if "speech" in roles:
            start = index + 1
            break
        if "boundary" not in roles:
            continue
        before = _gap(s, index - 1, index) if index > 0 else ""
        after = s.text[s.tokens[index][1]:s.tokens[trigger[0]][0]]
        if not ("," in before and "," in after):
            start = index + 1
            break
    end = next((i for i in range(trigger[1], len(s.tokens)) if _clause_ends(ctx, i)), len(s.tokens))
    return start, end


def _clause_ends(ctx: _Context, index: int) -> bool:
    """True when token `index` starts a new clause: a boundary or speech word (not one opening an
    agent cue: "blamed on"), or a semicolon before it."""
    s = ctx.s
    if ";" in _gap(s, index - 1, index):
        return True
    if not {"boundary", "speech"} & set(_cue(ctx.table, s, index, index + 1)):
        return False
    return not any("agent" in _cue(ctx.table, s, index, index + size) for size in (2, 3))


@dataclass(frozen=True, slots=True)
class _Sides:
    side1: tuple[_Candidate, ...] = ()
    side2: tuple[_Candidate, ...] = ()
    helpers: tuple[_Candidate, ...] = ()
    sources: tuple[_Candidate, ...] = ()
    holders: tuple[_Candidate, ...] = ()  # actors holding the place hit: a last-resort other side


def _by_distance(chains: Iterable[_Chain], trigger: tuple[int, int], *, before: bool) -> list[_Chain]:
    """Chains on one side of the trigger, nearest first."""
    if before:
        return sorted((c for c in chains if c.first < trigger[1]), key=lambda c: -c.first)
    return sorted((c for c in chains if c.first >= trigger[1]), key=lambda c: c.first)


def _between(ctx: _Context, chains: Sequence[_Chain]) -> _Sides | None:
    """ "clashes between X and Y": the first two members of a chain after "between"."""
    for chain in chains:
        if len(chain.members) >= 2 and _cue_before(ctx.table, ctx.s, chain.first, "between"):
            return _Sides(side1=chain.members[:1], side2=chain.members[1:2])
    return None


def _weak(chain: _Chain) -> bool:
    """Aircraft and air strikes of no named state name the document's state only when nothing
    else is named."""
    return all(c.kind is Kind.AIRCRAFT and not c.bound for c in chain.members)


def _ranked(chains: Iterable[_Chain]) -> list[_Chain]:
    """Chains in order, named actors before weak ones, victims last."""
    chains = list(chains)
    strong = [ch for ch in chains if not _weak(ch) and not _victims(ch)]
    return strong + [ch for ch in chains if _weak(ch)] + [ch for ch in chains if _victims(ch) and not _weak(ch)]


def _victims(chain: _Chain) -> bool:
    return all(c.inter is Inter.CIVILIANS for c in chain.members)


_STARTERS = frozenset({_Role.AGENT, _Role.SUBJECT})
_PASSIVE_ROLES = frozenset({_Role.HELPER, _Role.SOURCE, _Role.BYSTANDER, _Role.WITNESS})


def _initiators(ctx: _Context, active: Sequence[_Chain], trigger: tuple[int, int], *, passive: bool) -> list[_Chain]:
    """Chains that may start the event, best first: agents in the clause, then the subject (or,
    for a passive trigger, an armed actor after it), then weak and pronoun-linked ones."""
    start, end = _clause(ctx, trigger)
    agents = [ch for ch in active if ch.role is _Role.AGENT and start <= ch.first < end
              and not _passive_between(ctx, trigger[1], ch.first)]
    if passive:
        others = [ch for ch in _by_distance(active, trigger, before=False)
                  if ch.role is _Role.OBJECT and not _victims(ch)]
    else:
        before = [ch for ch in _by_distance(active, trigger, before=True) if ch.role is _Role.SUBJECT]
        others = [ch for ch in before if ch.first >= start]
        if not others and start < len(ctx.s.tokens) and _word(ctx.s, start).lower().endswith("ing"):
            others = before  # "X entered the town after launching an offensive": X launched it
    modifier = [] if passive else [ch for ch in active if ch.last == trigger[0] and ch.role in _STARTERS]
    return _ranked([*modifier, *_by_distance(agents, trigger, before=False),
                    *_by_distance(agents, trigger, before=True), *others])


def _targets(ctx: _Context, active: Sequence[_Chain], trigger: tuple[int, int], *, passive: bool) -> list[_Chain]:
    """Chains that may be the other side, best first: the passive subject, objects in the clause,
    then objects and subjects elsewhere in the sentence."""
    _, end = _clause(ctx, trigger)
    subjects = _by_distance([ch for ch in active if ch.role is _Role.SUBJECT], trigger, before=True)
    objects = [ch for ch in active if ch.role is _Role.OBJECT]
    near = [ch for ch in _by_distance(objects, trigger, before=False) if ch.first < end]
    agents = [ch for ch in active if ch.role is _Role.AGENT]
    ranked = [*(subjects if passive else []), *near, *_by_distance(objects, trigger, before=True), *subjects,
              *agents]
    return [ch for ch in ranked if not _weak(ch)] + [ch for ch in ranked if _weak(ch)]


def _sides(ctx: _Context, chains: Sequence[_Chain], trigger: tuple[int, int], *, territory: bool = False) -> _Sides:
    """The two sides of the event from the roles of the chains around the trigger."""
    helpers = tuple(c for ch in chains if ch.role is _Role.HELPER for c in ch.members)
    sources = tuple(c for ch in chains if ch.role is _Role.SOURCE for c in ch.members)
    holders = tuple(c for ch in chains if ch.role is _Role.BYSTANDER for c in ch.members)
    explicit = _between(ctx, chains)
    if explicit is not None:
        return replace(explicit, helpers=helpers, sources=sources, holders=holders)
    active = [ch for ch in chains if ch.role not in _PASSIVE_ROLES]
    passive = _passive(ctx, trigger, active)
    ones = _initiators(ctx, active, trigger, passive=passive)
    strong = next((ch for ch in ones if not _weak(ch) and not _victims(ch)), None)
    one = strong or _pronoun_subject(ctx, chains, trigger) or _air_power(chains) or (ones[0] if ones else None)
    if one is None and helpers:
        one, helpers = _Chain(members=helpers[:1], role=_Role.AGENT), helpers[1:]
    name = one.members[0].name if one else None
    two = next((ch for ch in _targets(ctx, active, trigger, passive=passive)
                if ch is not one and ch.members[0].name != name), None)
    if one is None and _symmetric(ctx, trigger):
        one, two = _two_sides(active)
    if _defence(ctx, trigger) and not territory:
        one, two = two, one
    return _Sides(side1=one.members if one else (), side2=two.members if two else (),
                  helpers=helpers, sources=sources, holders=holders)


def _two_sides(chains: Sequence[_Chain]) -> tuple[_Chain | None, _Chain | None]:
    """ "A battle broke out when rebels stormed regime positions": the first two armed actors
    named anywhere in the sentence, in order."""
    armed = [ch for ch in sorted(chains, key=lambda ch: ch.first) if not _victims(ch) and not _weak(ch)]
    two = next((ch for ch in armed[1:] if armed[0].members[0].name != ch.members[0].name), None)
    return (armed[0] if armed else None), two


def _defence(ctx: _Context, trigger: tuple[int, int]) -> bool:
    """ "X repelled Y's attack": the trigger's subject defends, the other side attacked."""
    return any("defence" in _cue(ctx.table, ctx.s, trigger[0], trigger[0] + size) for size in (1, 2))


def _air_power(chains: Sequence[_Chain]) -> _Chain | None:
    """For air strikes of no named state: a state's forces named elsewhere in the sentence, a
    foreign one first ("the US military is investigating reports that air strikes killed ...")."""
    if not any(_weak(ch) for ch in chains):
        return None
    states = [c for ch in chains if ch.role is not _Role.BYSTANDER for c in ch.members
              if c.inter in (Inter.STATE_FORCES, Inter.EXTERNAL_FORCES) and not _weak(_Chain((c,), ch.role))]
    states.sort(key=lambda c: c.inter is not Inter.EXTERNAL_FORCES)
    return _Chain(members=(states[0],), role=_Role.AGENT) if states else None


def _pronoun_subject(ctx: _Context, chains: Sequence[_Chain], trigger: tuple[int, int]) -> _Chain | None:
    """An armed actor a pronoun refers back to: "the army said it killed 20 militants", "the
    coalition, which ..., said it carried out strikes"."""
    pronoun = next((i for i in range(trigger[0] - 1, -1, -1) if _word_is_cue(ctx.table, ctx.s, i, "pronoun")), None)
    if pronoun is None:
        return None
    for chain in _by_distance(chains, (pronoun, pronoun), before=True):
        if chain.role not in (_Role.HELPER, _Role.BYSTANDER, _Role.WITNESS) \
                and any(c.inter in _ARMED for c in chain.members):
            return _Chain(members=chain.members, role=_Role.AGENT)
    return None


def _symmetric(ctx: _Context, trigger: tuple[int, int]) -> bool:
    return any("symmetric" in _cue(ctx.table, ctx.s, i, j)
               for i in range(trigger[0], trigger[1]) for j in range(i + 1, trigger[1] + 1))


def _adjust(ctx: _Context, mention: Mention, chains: Sequence[_Chain], sides: _Sides,
            trigger: tuple[int, int]) -> _Sides:
    """Two sides named together by a symmetric trigger ("X and Y clashed") are split; victims named
    anywhere in the sentence become the other side of a violent event that has none."""
    if not sides.side2 and len(sides.side1) >= 2 and _symmetric(ctx, trigger):
        sides = replace(sides, side1=sides.side1[:1], side2=sides.side1[1:2])
    if sides.side2 or mention.event_type not in _VIOLENT:
        return sides
    taken = {id(c) for c in (*sides.side1, *sides.helpers, *sides.sources)}
    victims = [c for ch in chains for c in ch.members if c.inter is Inter.CIVILIANS and id(c) not in taken]
    if victims:
        return replace(sides, side2=tuple(victims[:1]))
    one = sides.side1[0].name if sides.side1 else None
    holders = [c for c in sides.holders if c.name != one and c.inter in _ARMED]
    if holders and mention.event_type is not EventType.VIOLENCE_AGAINST_CIVILIANS:
        return replace(sides, side2=tuple(holders[:1]))
    return sides


# ---------------------------------------------------------------------------------------------
# Coding the two sides, with ACLED's defaults


def _ref(ctx: _Context, mention: Mention, c: _Candidate) -> ActorRef:
    """A candidate as an ActorRef with its evidence span."""
    s = ctx.s
    start, end = c.span or (s.tokens[c.first][0], s.tokens[c.last - 1][1])
    evidence = Evidence(document_id=mention.document_id, start=start, end=end, text=s.original[start:end])
    return ActorRef(name=c.name, inter=c.inter, evidence=evidence)


def _default(ctx: _Context, template: str, inter: Inter) -> ActorRef:
    """An actor the text leaves unnamed: rendered for the document's country, without evidence."""
    return ActorRef(name=_fill(template, ctx.nation, ctx.country), inter=inter)


_UNIDENTIFIED = ("Unidentified Armed Group ({country})", Inter.POLITICAL_MILITIAS)
_CIVILIANS = ("Civilians ({country})", Inter.CIVILIANS)
_PROTESTERS = ("Protesters ({country})", Inter.PROTESTERS)
_RIOTERS = ("Rioters ({country})", Inter.RIOTERS)
_POLICE = ("Police Forces of {of}", Inter.STATE_FORCES)


def _violent(ctx: _Context, mention: Mention, sides: _Sides) -> tuple[ActorRef | None, ActorRef | None]:
    """Battles, explosions and violence against civilians: an unnamed attacker is an unidentified
    armed group, a victim named as a person is a civilian, and unnamed victims default by type."""
    one = _ref(ctx, mention, sides.side1[0]) if sides.side1 else None
    two = _ref(ctx, mention, sides.side2[0]) if sides.side2 else None
    if one is not None and one.inter is Inter.CIVILIANS:
        one = ActorRef(name=_default(ctx, *_UNIDENTIFIED).name, inter=_UNIDENTIFIED[1], evidence=one.evidence)
    if one is None:
        one = _default(ctx, *_UNIDENTIFIED)
    if two is not None and two.name == one.name:
        two = None
    if two is None:
        if mention.event_type is EventType.VIOLENCE_AGAINST_CIVILIANS or mention.sub_event_type in _CIVILIAN_DEFAULT:
            two = _default(ctx, *_CIVILIANS)
        elif mention.event_type is EventType.BATTLES and not one.name.startswith("Unidentified"):
            two = _default(ctx, *_UNIDENTIFIED)
    return one, two


def _first(ctx: _Context, mention: Mention, found: Iterable[_Candidate], inters: frozenset[Inter]) -> ActorRef | None:
    c = next((c for c in found if c.inter in inters), None)
    return _ref(ctx, mention, c) if c is not None else None


def _demonstration(ctx: _Context, mention: Mention, sides: _Sides) -> tuple[ActorRef | None, ActorRef | None]:
    """Protests and riots: the protesters (or rioters) first, the force that met them second."""
    everyone = [*sides.side1, *sides.side2, *sides.helpers]
    crowd = frozenset({Inter.PROTESTERS, Inter.RIOTERS})
    if mention.event_type is EventType.PROTESTS:
        one = _first(ctx, mention, everyone, frozenset({Inter.PROTESTERS})) or _default(ctx, *_PROTESTERS)
        two = None
        if mention.sub_event_type in _POLICE_DEFAULT:
            two = _first(ctx, mention, everyone, _ARMED) or _default(ctx, *_POLICE)
        return one, two
    rioters = _first(ctx, mention, everyone, crowd)
    one = _default(ctx, *_RIOTERS)
    if rioters is not None:
        one = replace(one, evidence=rioters.evidence)
    others = frozenset(Inter) - crowd
    return one, _first(ctx, mention, everyone, others)


def _strategic(ctx: _Context, mention: Mention, sides: _Sides) -> tuple[ActorRef | None, ActorRef | None]:
    """Strategic developments: the sides as found; arrests are made by the police when unnamed."""
    one = _ref(ctx, mention, sides.side1[0]) if sides.side1 else None
    two = _ref(ctx, mention, sides.side2[0]) if sides.side2 else None
    if one is None and mention.sub_event_type is SubEventType.ARRESTS:
        one = _default(ctx, *_POLICE)
    return one, (None if two is not None and one is not None and two.name == one.name else two)


def _associates(ctx: _Context, mention: Mention, found: Iterable[_Candidate],
                exclude: Iterable[ActorRef | None]) -> tuple[ActorRef, ...]:
    """Associated actors: distinct from the main ones, civilians only beside civilians."""
    seen = {a.name for a in exclude if a is not None}
    victims = any(a is not None and a.inter is Inter.CIVILIANS for a in exclude)
    out = []
    for c in found:
        if c.name not in seen and (c.inter is not Inter.CIVILIANS or victims):
            seen.add(c.name)
            out.append(_ref(ctx, mention, c))
    return tuple(out)


def _coded(ctx: _Context, mention: Mention, sides: _Sides) -> EventActors:
    """The two sides as ActorRefs, with the defaults of the event type."""
    if mention.event_type in _VIOLENT:
        one, two = _violent(ctx, mention, sides)
    elif mention.event_type in (EventType.PROTESTS, EventType.RIOTS):
        one, two = _demonstration(ctx, mention, sides)
        return EventActors(actor1=one, actor2=two)
    else:
        one, two = _strategic(ctx, mention, sides)
    mains = (one, two)
    return EventActors(
        actor1=one,
        actor2=two,
        assoc_actor_1=_associates(ctx, mention, [*sides.side1[1:], *sides.helpers], mains),
        assoc_actor_2=_associates(ctx, mention, sides.side2[1:], mains),
    )


# ---------------------------------------------------------------------------------------------
# The stage


def _trigger_tokens(s: _Sentence, trigger: Evidence) -> tuple[int, int]:
    """Token range of the trigger; an empty range at its position when it covers no word."""
    inside = [i for i, (a, b) in enumerate(s.tokens) if a < trigger.end and b > trigger.start]
    if inside:
        return inside[0], inside[-1] + 1
    after = next((i for i, (a, _) in enumerate(s.tokens) if a >= trigger.start), len(s.tokens))
    return after, after


def _find(ctx: _Context, entities: Sequence[Entity]) -> list[_Candidate]:
    """All actors named in the sentence, in text order."""
    spots = _spots(ctx.s, ctx.table)
    unknown = _unknown_groups(ctx, spots, _entity_tokens(ctx, entities))
    covered = {i for c in unknown for i in range(c.first, c.last)}
    found = [c for c in _candidates(ctx, spots) if not covered.intersection(range(c.first, c.last))]
    return _possessed(ctx, _merge(ctx, [*found, *unknown]))


def _possessed(ctx: _Context, found: Sequence[_Candidate]) -> list[_Candidate]:
    """ "The M23 said its fighters took the town": a generic armed actor after "its" or "their" is
    the named armed actor named before it in the sentence."""
    out: list[_Candidate] = []
    for c in found:
        owner = next((o for o in reversed(out) if o.kind is Kind.NAMED and o.inter in _ARMED), None)
        if owner is not None and _generic(c) and c.inter in _ARMED and c.first > 0 \
                and _word_is_cue(ctx.table, ctx.s, c.first - 1, "possessive"):
            c = replace(owner, first=c.first, last=c.last, span=None)
        out.append(c)
    return out


def resolve_actors(
    mention: Mention,
    *,
    text: str,
    country: str | None,
    table: ActorTable,
    entities: Sequence[Entity] = (),
) -> EventActors:
    """The actors of a mention, found in its sentence: initiator, other side and their associates.

    `text` is the document's clean text (the mention's offsets point into it), `country` the
    document's focus country as the gazetteer names it (it names unnamed and generic actors:
    "troops" in Syria are "Military Forces of Syria"), `entities` the NER entities of the document.
    """
    sentence = mention.sentence
    country_key = _squash(country or "")
    ctx = _Context(table=table, s=_prepare(text, sentence.start, sentence.end), country=country,
                   country_key=country_key, nation=table.nations.get(country_key))
    trigger = _trigger_tokens(ctx.s, mention.trigger)
    chains = _chains(ctx, _find(ctx, entities), trigger)
    territory = mention.sub_event_type in _TERRITORY
    sides = _adjust(ctx, mention, chains, _sides(ctx, chains, trigger, territory=territory), trigger)
    if not sides.side1 and (_anaphor(ctx, trigger) or (mention.event_type in _VIOLENT and not _unclaimed(ctx, text))):
        sides = replace(sides, side1=_antecedent(ctx, sentence.start, text, named=True,
                                                 other_than=sides.side2[0].name if sides.side2 else None))
    if sides.side1 and not sides.side2 and mention.event_type is EventType.BATTLES:
        sides = replace(sides, side2=_antecedent(ctx, sentence.start, text, named=False,
                                                 other_than=sides.side1[0].name))
    return _coded(ctx, mention, sides)


def _unclaimed(ctx: _Context, text: str) -> bool:
    """True when the document says nobody claimed the attack ("no group has claimed responsibility")."""
    lowered = " ".join(_fold(text).lower().split())
    return any(phrase in lowered for phrase in ctx.table.unclaimed)


def _anaphor(ctx: _Context, trigger: tuple[int, int]) -> bool:
    """True when the trigger's clause names its doer only as "the group", "it" or "they"."""
    start, _ = _clause(ctx, trigger)
    return any("anaphor" in _cue(ctx.table, ctx.s, i, i + size)
               for i in range(start, trigger[0]) for size in (1, 2, 3) if i + size <= trigger[0])


def _antecedent(ctx: _Context, start: int, text: str, *, named: bool,
                other_than: str | None = None) -> tuple[_Candidate, ...]:
    """The last armed actor (a named one when `named`) in the text just before the sentence: whom
    "the group" stands for, or the other side of a battle the sentence names one side of. Its
    offsets point into the earlier text."""
    before = replace(ctx, s=_prepare(text, max(0, start - ANTECEDENT_CHARS), start))
    found = [c for c in _find(before, ()) if c.inter in _ARMED and c.name != other_than and not c.holder
             and (c.kind is Kind.NAMED or not named)
             and not (c.kind is Kind.AIRCRAFT and not c.bound)]
    if not found:
        return ()
    c = found[-1]
    return (replace(c, span=(before.s.tokens[c.first][0], before.s.tokens[c.last - 1][1])),)
