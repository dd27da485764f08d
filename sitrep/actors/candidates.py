"""From table phrases to candidate actors: readings rendered for a country, nationality words bound.

"Syrian troops" -> "Military Forces of Syria"; "civilians" in Syria -> "Civilians (Syria)"; a
country named as a doer stands for its state's forces ("Russia launched strikes"), a country
named as a place does not ("the governments of El Salvador and Guatemala").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from sitrep.actors.phrases import Spot, choose, qualifier
from sitrep.actors.sentence import Context, cue, cue_after, cue_before, gap, phrase_key
from sitrep.actors.table import ActorRule, Kind, Nation
from sitrep.actors.text import squash
from sitrep.records import Inter

BIND_GAP = 2  # words allowed between a nationality word and the noun it binds ("Syrian government forces")

ARMED = frozenset({Inter.STATE_FORCES, Inter.REBEL_GROUPS, Inter.POLITICAL_MILITIAS,
                   Inter.IDENTITY_MILITIAS, Inter.EXTERNAL_FORCES})
_STATE_FORCES = "Military Forces of {of}"  # a country named as the subject of an attack
_BINDABLE = frozenset({Kind.FORCE, Kind.AIRCRAFT, Kind.ATTACK, Kind.GROUP, Kind.TARGET})
_STATE_NOUNS = frozenset({Kind.FORCE, Kind.AIRCRAFT, Kind.ATTACK})


@dataclass(frozen=True, slots=True)
class Candidate:
    """An actor found in the sentence."""

    first: int
    last: int  # exclusive token index
    name: str
    inter: Inter
    kind: Kind
    bound: bool = False  # a nationality word or "of <country>" named its state
    span: tuple[int, int] | None = None  # character offsets, when found outside the sentence
    holder: bool = False  # only holds the place: "rebel-held", "areas controlled by X"


def fill(template: str, nation: Nation | None, country: str | None) -> str:
    """A template with the country put in ({of}: "the United States", {country}: "United States")."""
    if nation is not None:
        of, plain = nation.of_name, nation.name
    elif country:
        of = plain = country
    else:
        return template.replace(" of {of}", "").replace(" ({country})", "").replace("{of}", "").strip()
    return template.replace("{of}", of).replace("{country}", plain)


def _foreign(ctx: Context, home: str | None) -> bool:
    """True when state forces of `home` act in another country than the document's."""
    if home is None or ctx.country is None:
        return False
    theirs = ctx.table.nations.get(squash(home))
    if theirs is not None and ctx.nation is not None:
        return theirs != ctx.nation
    return squash(home) != ctx.country_key


def _make(ctx: Context, rule: ActorRule, span: tuple[int, int], nation: Nation | None = None) -> Candidate:
    """A candidate from a rule: the name rendered for its nation (or the document's country)."""
    inter = rule.inter or Inter.REBEL_GROUPS
    if rule.kind is Kind.NAMED:
        name, home = rule.template, rule.home
    else:
        name = fill(rule.template, nation or ctx.nation, ctx.country)
        home = nation.name if nation is not None else None
    if inter is Inter.STATE_FORCES and _foreign(ctx, home):
        inter = Inter.EXTERNAL_FORCES
    return Candidate(first=span[0], last=span[1], name=name, inter=inter, kind=rule.kind, bound=nation is not None)


def _nation_of(ctx: Context, rule: ActorRule) -> Nation | None:
    """The nation a nationality or country rule names."""
    return ctx.table.nations.get(squash(rule.home or ""))


def _country_name(ctx: Context, spot: Spot) -> bool:
    """True when the phrase is a country's name ("Russia"), not an adjective ("Russian")."""
    return phrase_key(ctx.s, spot.first, spot.last) in ctx.table.country_names


def _bindable(ctx: Context, left: Spot, right: Spot, noun: Kind) -> bool:
    """True when a nationality word may bind the noun phrase after it: few words (none after a
    country's name, at most one before an attack noun), no punctuation."""
    words = right.first - left.last
    name = _country_name(ctx, left)
    if words > (0 if name else 1 if noun is Kind.ATTACK else BIND_GAP):
        return False
    s = ctx.s
    between = gap(s, left.last - 1, right.first)
    if between.startswith(".") and s.tokens[left.last - 1][1] - s.tokens[left.last - 1][0] == 1:
        between = between[1:]  # the dot of an abbreviation ("U.S. strike")
    if any(c in between for c in ",;:()\"") or ". " in between:
        return False
    return not any(cue_after(ctx.table, s, i, role) for i in range(left.last, right.first)
                   for role in ("boundary", "speech"))


def _chained(ctx: Context, left: Spot, right: Spot) -> bool:
    """True when two nationality words are coordinated ("Russian and Syrian", "Russian-Syrian")."""
    s = ctx.s
    if right.first == left.last:
        return gap(s, left.last - 1, right.first).strip() in (",", "-", "/", "&")
    return right.first == left.last + 1 and "ally" in cue(ctx.table, s, left.last, right.first)


def _nation_group(ctx: Context, spots: Sequence[Spot], rules: Sequence[ActorRule | None],
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


def _standalone_nation(ctx: Context, spot: Spot, rule: ActorRule) -> Candidate | None:
    """A country name standing for its state's forces ("Russia launched strikes"), not a place."""
    if not _country_name(ctx, spot):
        return None
    if cue_before(ctx.table, ctx.s, spot.first, "place"):
        return None
    nation = _nation_of(ctx, rule)
    state = ActorRule(kind=Kind.FORCE, template=_STATE_FORCES, inter=Inter.STATE_FORCES)
    return _make(ctx, state, (spot.first, spot.last), nation)


def table_candidates(ctx: Context, spots: Sequence[Spot]) -> list[Candidate]:
    """Actors from the phrases found: nationality words bound to their nouns, qualifiers dropped."""
    reasons = [qualifier(ctx.table, ctx.s, sp) for sp in spots]
    chosen = [choose(sp.rules, ctx.country_key) for sp in spots]
    readings = [None if why else rule for rule, why in zip(chosen, reasons, strict=True)]
    out: list[Candidate] = []
    for sp, rule, why in zip(spots, chosen, reasons, strict=True):
        if why == "held" and rule is not None and rule.kind in (Kind.NAMED, Kind.FORCE, Kind.GROUP):
            out.append(replace(_make(ctx, rule, (sp.first, sp.last)), holder=True))
    i = 0
    while i < len(spots):
        used, found = _read_at(ctx, spots, readings, i)
        out.extend(found)
        i += used
    return out


def _read_at(ctx: Context, spots: Sequence[Spot], readings: Sequence[ActorRule | None],
             i: int) -> tuple[int, list[Candidate]]:
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
    placed = cue_before(ctx.table, ctx.s, spots[i].first, "place") and _country_name(ctx, spots[i])
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


def _bound_rule(noun: Spot, nation: Nation | None) -> ActorRule | None:
    """The reading of a noun that a nationality word binds: a state-force noun names that state's
    forces ("Ukrainian artillery", even where artillery alone means the enemy's); another noun
    reads as it would in that country ("Salvadoran guerrillas" are the FMLN)."""
    state = next((r for r in noun.rules if r.kind in _STATE_NOUNS and not r.only_in), None)
    if state is not None or nation is None:
        return state
    return choose(noun.rules, squash(nation.name))


def _owner(ctx: Context, spots: Sequence[Spot], readings: Sequence[ActorRule | None], i: int) -> Nation | None:
    """The country a state-force noun belongs to when "of" names it ("the armed forces of Iraq")."""
    rule, nxt = readings[i], readings[i + 1] if i + 1 < len(spots) else None
    if rule is None or rule.kind not in (Kind.FORCE, Kind.AIRCRAFT) or nxt is None or nxt.kind is not Kind.NATION:
        return None
    following = spots[i + 1]
    if not _country_name(ctx, following):
        return None
    if not 1 <= following.first - spots[i].last <= 2:
        return None
    return _nation_of(ctx, nxt) if "partitive" in cue(ctx.table, ctx.s, spots[i].last, following.first) else None
