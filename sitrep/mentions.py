"""Event mentions: sentences that report an ACLED event, typed by a data-driven trigger lexicon.

Each sentence is matched against the trigger patterns of `data/triggers.tsv`; a match counts when
its required context is in the sentence, its excluded context is not, its agent (state or
non-state, when the row asks) fits, and no scope filter of `data/non_events.tsv` (negation,
threats, accidents, disasters, court cases, commemorations, diplomacy) covers it. The highest
priority match gives the sentence's mention; a second one is kept only for a strong trigger of
another kind of event (see `_is_distinct`). Word classes (`$STATE`, `$PROTEST`, ...) come from
`data/trigger_classes.tsv`.

Pattern syntax (case-insensitive, whole words), shared by the three files:
  `a, b`      alternative patterns            `a b`       adjacent words (space or hyphen between)
  `a|b`       one-word alternatives           `a_b`       the words "a b" inside one alternative
  `word*`     any ending                      `word+`     regular inflections (-s, -ed, -ing, ...)
  `air-strike` a hyphen, a space or nothing   `~N`        up to N words between two tokens
  `$CLASS`    a word class                    `@Cap`      a capitalised word
  `=word`     exactly that case               `[...]`     the trigger words inside a longer pattern
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from sitrep.errors import ConfigError
from sitrep.records import (
    EVENT_TYPE_OF,
    AnalysedText,
    EventType,
    Evidence,
    Mention,
    Sentence,
    SubEventType,
)

IMPLEMENTATION = "sitrep.mentions.rules.v1"
DATA = Path(__file__).resolve().parent / "data"
SECONDARY_MIN_PRIORITY = 60  # a second mention in one sentence needs a trigger this strong
AGENT_WINDOW = 12  # words searched before a trigger (or after "by") for its agent
GENERIC_WEIGHT = 0.55  # mention weights below this come from generic words (Mention.weight)
ANAPHORA = "anaphora"  # the scope filter kind of a second look at an event already reported

_VOWELS = frozenset("aeiou")
_START = r"(?<![\w-])"  # a trigger word is not the end of a hyphenated word: "non-violent"
_CLASS_START = r"(?<!\w)"  # a class word may be: "SANA-Army", "Russia-backed"
_END = r"(?!\w)"
_ADJACENT = r"[\s\-–—/]+"
_BY = re.compile(r"^\W+(?:\w+\W+){0,2}?by\W", re.IGNORECASE)
_WORD = re.compile(r"\w+")
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+$", re.IGNORECASE)
_CLAUSE = re.compile(r"[,;:()\u2013\u2014]|\s-\s")
_TOKENS = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class _Anchor:
    """Words, or word prefixes, one of which any match of a pattern contains (`always`: none known)."""

    words: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()
    always: bool = False

    def __or__(self, other: _Anchor) -> _Anchor:
        prefixes = tuple(sorted({*self.prefixes, *other.prefixes}))
        return _Anchor(words=self.words | other.words, prefixes=prefixes, always=self.always or other.always)


@dataclass(frozen=True, slots=True)
class Pattern:
    """A compiled lexicon pattern: its regex, and the words that must be in a sentence it matches."""

    source: str
    regex: re.Pattern[str]
    anchor: _Anchor


@dataclass(frozen=True, slots=True)
class Trigger:
    """One lexicon row: a pattern that reports an event of one sub-type."""

    pattern: Pattern
    sub_event_type: SubEventType
    priority: int
    requires: tuple[Pattern, ...] = ()
    excludes: tuple[Pattern, ...] = ()
    agent: str | None = None  # "state" or "nonstate": who must carry it out


@dataclass(frozen=True, slots=True)
class ScopeFilter:
    """A cue that puts nearby triggers out of scope (negation, threat, accident, court case...)."""

    pattern: Pattern
    kind: str
    scope: str  # "sentence", "start" (the cue opens the sentence), "before" or "after" (the trigger)
    window: int  # words between the cue and the trigger (or the sentence start, for "start")
    applies_to: frozenset[SubEventType]
    below: int = 101  # only triggers with a priority below this (generic words like "killed")


@dataclass(frozen=True, slots=True)
class _AnchorIndex:
    """The lexicon's patterns by anchor, so that one pass over a sentence's words finds every
    pattern that may match it (the cheap filter in front of the regexes)."""

    by_word: dict[str, frozenset[str]]  # a word -> sources of the patterns it anchors
    by_prefix: dict[str, frozenset[str]]  # a word prefix -> sources of the patterns it anchors
    prefix_lengths: tuple[int, ...]
    always: frozenset[str]  # patterns with no known anchor

    @classmethod
    def of(cls, patterns: Iterable[Pattern]) -> _AnchorIndex:
        by_word: dict[str, set[str]] = {}
        by_prefix: dict[str, set[str]] = {}
        always = set()
        for pattern in patterns:
            anchor = pattern.anchor
            if anchor.always:
                always.add(pattern.source)
            for word in anchor.words:
                by_word.setdefault(word, set()).add(pattern.source)
            for prefix in anchor.prefixes:
                by_prefix.setdefault(prefix, set()).add(pattern.source)
        return cls(
            by_word={w: frozenset(p) for w, p in by_word.items()},
            by_prefix={w: frozenset(p) for w, p in by_prefix.items()},
            prefix_lengths=tuple(sorted({len(p) for p in by_prefix})),
            always=frozenset(always),
        )

    def candidates(self, words: frozenset[str]) -> set[str]:
        """Sources of the patterns that may match a sentence of these words: those with an anchor
        word among them or an anchor prefix of one of them; no other pattern's regex need run."""
        found = set(self.always)
        for word in words:
            found |= self.by_word.get(word, frozenset())
            for length in self.prefix_lengths:
                if length > len(word):
                    break
                found |= self.by_prefix.get(word[:length], frozenset())
        return found


@dataclass(frozen=True, slots=True)
class TriggerLexicon:
    """Trigger patterns, scope filters and the agent word classes, loaded from sitrep/data."""

    triggers: tuple[Trigger, ...]
    filters: tuple[ScopeFilter, ...]
    state: re.Pattern[str]
    nonstate: re.Pattern[str]
    index: _AnchorIndex = field(init=False, repr=False, compare=False)
    _rows_by_source: dict[str, tuple[int, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        patterns = [p for t in self.triggers for p in (t.pattern, *t.requires, *t.excludes)]
        object.__setattr__(self, "index", _AnchorIndex.of([*patterns, *(f.pattern for f in self.filters)]))
        rows: dict[str, list[int]] = {}
        for i, trigger in enumerate(self.triggers):
            rows.setdefault(trigger.pattern.source, []).append(i)
        object.__setattr__(self, "_rows_by_source", {source: tuple(r) for source, r in rows.items()})

    def triggers_among(self, candidates: set[str]) -> list[Trigger]:
        """The trigger rows whose own pattern is among `candidates`, in lexicon order."""
        rows = sorted(i for source in candidates for i in self._rows_by_source.get(source, ()))
        return [self.triggers[i] for i in rows]


@dataclass(frozen=True, slots=True)
class _WordClass:
    source: str  # regex source of the class's alternatives
    anchor: _Anchor


@dataclass(frozen=True, slots=True)
class _Match:
    trigger: Trigger
    start: int  # offsets of the trigger words in the sentence text
    end: int


class _Scan:
    """One sentence being matched: its words, and each pattern's matches found so far."""

    def __init__(self, text: str, index: _AnchorIndex) -> None:
        self.text = text
        self.words = frozenset(_TOKENS.findall(text.lower()))
        self.candidates = index.candidates(self.words)
        letters = [w[0] for w in _TOKENS.findall(text) if w[0].isalpha()]
        self.sentence_case = sum(c.islower() for c in letters) > len(letters) / 3
        self._found: dict[str, list[re.Match[str]]] = {}

    def in_name(self, start: int, end: int) -> bool:
        """True for a capitalised trigger next to another capitalised word in a sentence-case
        sentence: part of a name or title ("the Great March of Return"), not an event word."""
        if not self.sentence_case or not self.text[start].isupper() or not self.text[:start].strip():
            return False
        before, after = _TOKENS.findall(self.text[:start])[-1:], _TOKENS.findall(self.text[end:])[:1]
        return any(w[0].isupper() for w in before + after)

    def matches(self, pattern: Pattern) -> list[re.Match[str]]:
        if pattern.source not in self.candidates:
            return []
        if pattern.source not in self._found:
            self._found[pattern.source] = list(pattern.regex.finditer(self.text))
        return self._found[pattern.source]


def find_mentions(analysed: AnalysedText, *, lexicon: TriggerLexicon) -> tuple[Mention, ...]:
    """The event mentions of a document, sentence by sentence, in text order. A second look at an
    event ("the shooting happened at 2 a.m.") counts when the text reports no event otherwise: it
    then looks back at the event of the headline."""
    return _document_mentions(analysed, lexicon, ignore=frozenset()) or _document_mentions(
        analysed, lexicon, ignore=frozenset({ANAPHORA}))


def _document_mentions(analysed: AnalysedText, lexicon: TriggerLexicon, *,
                       ignore: frozenset[str]) -> tuple[Mention, ...]:
    document_id = analysed.document.id
    return tuple(
        _mention(document_id, sentence, match)
        for sentence in analysed.sentences
        for match in _sentence_matches(sentence.text, lexicon, ignore=ignore)
    )


def _mention(document_id: str, sentence: Sentence, match: _Match) -> Mention:
    sub = match.trigger.sub_event_type
    start, end = sentence.start + match.start, sentence.start + match.end
    return Mention(
        document_id=document_id,
        sentence=sentence,
        trigger=Evidence(
            document_id=document_id, start=start, end=end, text=sentence.text[match.start : match.end]
        ),
        event_type=EVENT_TYPE_OF[sub],
        sub_event_type=sub,
        implementation=IMPLEMENTATION,
        weight=match.trigger.priority / 100,
    )


def _sentence_matches(text: str, lexicon: TriggerLexicon, *, ignore: frozenset[str]) -> list[_Match]:
    """The sentence's main match, plus strong matches of other event types, in text order (scope
    filters of the kinds in `ignore` left out)."""
    scan = _Scan(text, lexicon.index)
    if not scan.candidates:
        return []
    filters = [f for f in lexicon.filters if f.kind not in ignore]
    valid = _valid_matches(scan, lexicon.triggers_among(scan.candidates), lexicon, filters)
    found = sorted(valid, key=lambda m: (-m.trigger.priority, m.start))
    kept: list[_Match] = []
    for match in found:
        if not kept or _is_distinct(match, kept):
            kept.append(match)
    return sorted(kept, key=lambda m: m.start)


def _is_distinct(match: _Match, kept: Sequence[_Match]) -> bool:
    """A second mention in a sentence: a strong trigger of another kind of event, at another place
    in the sentence. A strategic development there (arrests, looting, weapons seized) and the event
    it belongs to are one event, and so are a riot and a protest in one sentence."""
    kind, kinds = _kind(match), {_kind(k) for k in kept}
    if match.trigger.priority < SECONDARY_MIN_PRIORITY or EventType.STRATEGIC_DEVELOPMENTS in kinds | {kind}:
        return False
    apart = all(match.end <= k.start or match.start >= k.end for k in kept)
    return apart and kind not in kinds


def _kind(match: _Match) -> EventType:
    event_type = EVENT_TYPE_OF[match.trigger.sub_event_type]
    return EventType.PROTESTS if event_type is EventType.RIOTS else event_type


def _valid_matches(scan: _Scan, triggers: Sequence[Trigger], lexicon: TriggerLexicon,
                   filters: Sequence[ScopeFilter]) -> Iterator[_Match]:
    """For each trigger row, its first match in the sentence that every check lets through."""
    for trigger in triggers:
        if not scan.matches(trigger.pattern) or not _context_fits(scan, trigger):
            continue
        for found in scan.matches(trigger.pattern):
            start, end = _head_span(found)
            match = _Match(trigger=trigger, start=start, end=end)
            if scan.in_name(start, end):
                continue
            if _agent_fits(scan.text, match, lexicon) and not _filtered(scan, match, filters):
                yield match
                break


def _context_fits(scan: _Scan, trigger: Trigger) -> bool:
    required = all(scan.matches(p) for p in trigger.requires)
    return required and not any(scan.matches(p) for p in trigger.excludes)


def _agent_fits(text: str, match: _Match, lexicon: TriggerLexicon) -> bool:
    if match.trigger.agent is None:
        return True
    return _agent(text, match, lexicon) == match.trigger.agent


def _agent(text: str, match: _Match, lexicon: TriggerLexicon) -> str | None:
    """Who carries out the trigger: the actor after a passive "by", none for another passive, else
    the earliest actor of the trigger's clause (the nearest before it when the clause names none)."""
    after = text[match.end :]
    by = _BY.match(after)
    if by:
        window = _words_window(after[by.end() - 1 :], AGENT_WINDOW, forward=True)
        return _first_agent(window, lexicon, last=False)
    before = text[: match.start]
    if _PASSIVE.search(before):
        return None
    clause = _CLAUSE.split(before)[-1]
    return _first_agent(clause, lexicon, last=False) or _first_agent(
        _words_window(before, AGENT_WINDOW, forward=False), lexicon, last=True
    )


def _words_window(text: str, words: int, *, forward: bool) -> str:
    spans = list(_WORD.finditer(text))
    if len(spans) <= words:
        return text
    return text[: spans[words - 1].end()] if forward else text[spans[-words].start() :]


def _first_agent(window: str, lexicon: TriggerLexicon, *, last: bool) -> str | None:
    cues = [(m.start(), "state") for m in lexicon.state.finditer(window)]
    cues += [(m.start(), "nonstate") for m in lexicon.nonstate.finditer(window)]
    if not cues:
        return None
    return (max(cues) if last else min(cues))[1]


def _filtered(scan: _Scan, match: _Match, filters: Sequence[ScopeFilter]) -> bool:
    sub, priority = match.trigger.sub_event_type, match.trigger.priority
    return any(
        sub in f.applies_to and priority < f.below and _filter_covers(scan, match, f) for f in filters
    )


def _filter_covers(scan: _Scan, match: _Match, scope_filter: ScopeFilter) -> bool:
    for cue in scan.matches(scope_filter.pattern):
        if scope_filter.scope == "sentence":
            return True
        if scope_filter.scope == "before" and cue.end() <= match.start:
            gap = _words_between(scan.text, cue.end(), match.start)
        elif scope_filter.scope == "start":
            gap = _words_between(scan.text, 0, cue.start())
        elif scope_filter.scope == "after" and cue.start() >= match.end:
            gap = _words_between(scan.text, match.end, cue.start())
        else:
            continue
        if gap <= scope_filter.window:
            return True
    return False


def _words_between(text: str, start: int, end: int) -> int:
    return len(_WORD.findall(text[start:end]))


# Loading the lexicon -------------------------------------------------------------------------


@cache
def load_trigger_lexicon(
    path: Path | None = None, *, filters_path: Path | None = None, classes_path: Path | None = None
) -> TriggerLexicon:
    """Load the trigger lexicon (data/triggers.tsv), its scope filters and word classes."""
    classes = _load_classes(classes_path or DATA / "trigger_classes.tsv")
    for name in ("STATE", "NONSTATE"):
        if name not in classes:
            raise ConfigError(f"word class {name} is missing", source=str(classes_path))
    return TriggerLexicon(
        triggers=tuple(_load_triggers(path or DATA / "triggers.tsv", classes)),
        filters=tuple(_load_filters(filters_path or DATA / "non_events.tsv", classes)),
        state=re.compile(classes["STATE"].source, re.IGNORECASE),
        nonstate=re.compile(classes["NONSTATE"].source, re.IGNORECASE),
    )


def _rows(path: Path, columns: int) -> Iterator[tuple[int, list[str]]]:
    """Non-comment rows of a TSV file, padded to `columns` fields; the first row is a header."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise ConfigError(f"cannot read lexicon file: {err}", source=str(path)) from err
    rows = [(n, line) for n, line in enumerate(lines, 1) if line.strip() and not line.startswith("#")]
    for number, line in rows[1:]:
        cells = [c.strip() for c in line.split("\t")]
        yield number, [*cells, *[""] * (columns - len(cells))][:columns]


def _load_classes(path: Path) -> dict[str, _WordClass]:
    sources: dict[str, list[str]] = {}
    anchors: dict[str, _Anchor] = {}
    for _, (name, pattern) in _rows(path, 2):
        alternatives = _split(pattern, path)
        compiled = [_compile_tokens(a, {}, path=path, start=_CLASS_START) for a in alternatives]
        sources.setdefault(name, []).extend(compiled)
        anchors[name] = anchors.get(name, _Anchor()) | _pattern_anchor(alternatives, {})
    return {name: _WordClass("(?:" + "|".join(alts) + ")", anchors[name]) for name, alts in sources.items()}


def _load_triggers(path: Path, classes: dict[str, _WordClass]) -> Iterator[Trigger]:
    for number, (pattern, sub, priority, requires, excludes, agent, _note) in _rows(path, 7):
        where = f"{path}:{number}"
        if agent not in ("", "-", "state", "nonstate"):
            raise ConfigError(f"agent must be state, nonstate or -, not {agent!r}", source=where)
        yield Trigger(
            pattern=_compile(pattern, classes, path=where),
            sub_event_type=_sub_event_type(sub, where),
            priority=_integer(priority, where),
            requires=_context(requires, classes, where),
            excludes=_context(excludes, classes, where),
            agent=agent if agent in ("state", "nonstate") else None,
        )


def _load_filters(path: Path, classes: dict[str, _WordClass]) -> Iterator[ScopeFilter]:
    for number, (pattern, kind, scope, applies_to, _note) in _rows(path, 5):
        where = f"{path}:{number}"
        name, _, window = scope.partition(":")
        if name not in ("sentence", "start", "before", "after"):
            valid = "sentence, start:N, before:N or after:N"
            raise ConfigError(f"scope must be {valid}, not {scope!r}", source=where)
        yield ScopeFilter(
            pattern=_compile(pattern, classes, path=where),
            kind=kind,
            scope=name,
            window=_integer(window or "0", where),
            applies_to=_applies_to(applies_to.partition("priority<")[0].strip(" ,"), where),
            below=_integer(applies_to.partition("priority<")[2] or "101", where),
        )


def _applies_to(text: str, where: str) -> frozenset[SubEventType]:
    """`*` (or nothing) for every sub-type; else a comma list of ACLED event types and/or sub-types."""
    if text in ("", "*"):
        return frozenset(SubEventType)
    chosen: set[SubEventType] = set()
    for name in (n.strip() for n in text.split(",")):
        subs = {s for s, t in EVENT_TYPE_OF.items() if t.value == name}
        chosen |= subs or {_sub_event_type(name, where)}
    return frozenset(chosen)


def _sub_event_type(name: str, where: str) -> SubEventType:
    try:
        return SubEventType(name)
    except ValueError as err:
        valid = ", ".join(s.value for s in SubEventType)
        raise ConfigError(f"unknown sub-event type {name!r}; valid: {valid}", source=where) from err


def _integer(text: str, where: str) -> int:
    try:
        return int(text)
    except ValueError as err:
        raise ConfigError(f"expected a whole number, got {text!r}", source=where) from err


def _context(text: str, classes: dict[str, _WordClass], where: str) -> tuple[Pattern, ...]:
    parts = [p.strip() for p in text.split(";")] if text not in ("", "-") else []
    return tuple(_compile(p, classes, path=where) for p in parts if p)


# Pattern compiler ----------------------------------------------------------------------------


def _compile(pattern: str, classes: dict[str, _WordClass], *, path: Path | str) -> Pattern:
    """One regex for the pattern's alternatives; alternative i's trigger words form group "h<i>"."""
    alternatives = _split(pattern, path)
    compiled = (_compile_tokens(a, classes, path=path, head=f"h{i}") for i, a in enumerate(alternatives))
    source = "|".join(compiled)
    try:
        regex = re.compile(source, re.IGNORECASE)
    except re.error as err:
        raise ConfigError(f"pattern {pattern!r} does not compile: {err}", source=str(path)) from err
    return Pattern(source=pattern, regex=regex, anchor=_pattern_anchor(alternatives, classes))


def _pattern_anchor(alternatives: Sequence[str], classes: dict[str, _WordClass]) -> _Anchor:
    anchor = _Anchor()
    for alternative in alternatives:
        anchor = anchor | max((_token_anchor(t, classes) for t in _tokens(alternative)), key=_selectivity)
    return anchor


def _tokens(alternative: str) -> list[str]:
    """The word tokens of an alternative (every one of them is in each of its matches)."""
    return [t.strip("[]") for t in alternative.split() if not re.fullmatch(r"~\d+", t)]


def _token_anchor(token: str, classes: dict[str, _WordClass]) -> _Anchor:
    anchor = _Anchor()
    for word in token.split("|"):
        anchor = anchor | _anchor(word, classes) if word else anchor
    return anchor


def _selectivity(anchor: _Anchor) -> tuple[int, int]:
    """How rarely an anchor is found in a sentence, roughly: the length of its shortest word,
    then the fewer words the better."""
    words = (*anchor.words, *anchor.prefixes)
    return (0, 0) if anchor.always else (min(len(w) for w in words), -len(words))


def _anchor(word: str, classes: dict[str, _WordClass]) -> _Anchor:
    """Whole words, or word prefixes, one of which a match of this token alternative contains."""
    if word.startswith("$") and word[1:] in classes:
        return classes[word[1:]].anchor
    lower = word.lower().lstrip("=").rstrip("*+")
    first = _TOKENS.match(lower)
    if word.startswith(("$", "@")) or first is None:
        return _Anchor(always=True)
    parts = lower.split("-")
    if len(parts) > 1 and all(_TOKENS.fullmatch(p) for p in parts):
        return max(_hyphenated_anchor(parts, word[-1]), _Anchor(prefixes=(parts[0],)), key=_selectivity)
    if word.endswith("*") or lower[first.end() : first.end() + 1] == "-":
        return _Anchor(prefixes=(first.group(),))
    if word.endswith("+"):
        return _Anchor(words=frozenset(_inflections(lower)))
    return _Anchor(words=frozenset({first.group()}))


def _hyphenated_anchor(parts: list[str], ending: str) -> _Anchor:
    """A hyphen is a hyphen, a space or nothing, so a match ends in a word made of the last
    parts run together: "air-strike" -> "airstrike" or "strike" (and starts with "air")."""
    heads = ["".join(parts[i:-1]) for i in range(len(parts))]
    if ending == "*":
        return _Anchor(prefixes=tuple(sorted(h + parts[-1] for h in heads)))
    last = _inflections(parts[-1]) if ending == "+" else {parts[-1]}
    return _Anchor(words=frozenset(h + form for h in heads for form in last))


def _split(pattern: str, path: Path | str) -> list[str]:
    alternatives = [a.strip() for a in pattern.split(",") if a.strip()]
    if not alternatives:
        raise ConfigError("empty pattern", source=str(path))
    return alternatives


def _compile_tokens(
    pattern: str, classes: dict[str, _WordClass], *, path: Path | str, head: str = "", start: str = _START
) -> str:
    """Regex source for one alternative; with `head`, its `[...]` words (else all) form that group."""
    parts: list[str] = []
    separator = ""
    opened = False
    for token in pattern.split():
        if re.fullmatch(r"~\d+", token):
            separator = rf"(?:\W+\w+){{0,{int(token[1:])}}}\W+"
            continue
        opens = bool(head) and token.startswith("[") and not opened
        closes = bool(head) and token.endswith("]") and (opened or opens)
        parts.append(separator if parts else "")
        body = _token(token.strip("[]"), classes, path=path, start=start)
        parts.append((f"(?P<{head}>" if opens else "") + body)
        parts.append(")" if closes else "")
        opened = (opened or opens) and not closes
        separator = _ADJACENT
    if opened:
        raise ConfigError(f"unclosed [ in pattern {pattern!r}", source=str(path))
    source = "".join(parts)
    return source if not head or f"(?P<{head}>" in source else f"(?P<{head}>{source})"


def _head_span(found: re.Match[str]) -> tuple[int, int]:
    for name, value in found.groupdict().items():
        if value is not None and name.startswith("h"):
            return found.span(name)
    return found.span()


def _token(token: str, classes: dict[str, _WordClass], *, path: Path | str, start: str = _START) -> str:
    words = (_alternative(a, classes, path=path, start=start) for a in token.split("|") if a)
    return "(?:" + "|".join(words) + ")"


def _alternative(word: str, classes: dict[str, _WordClass], *, path: Path | str, start: str) -> str:
    if word.startswith("$"):
        if word[1:] not in classes:
            known = ", ".join(sorted(classes))
            raise ConfigError(f"unknown word class {word}; known: {known}", source=str(path))
        return classes[word[1:]].source
    if word.startswith("=") and len(word) > 1:
        return "(?-i:" + _alternative(word[1:], classes, path=path, start=start) + ")"
    if word == "@Cap":
        return start + r"(?-i:[A-Z])[\w'’-]*"
    if word.endswith("*"):
        return start + _literal(word[:-1]) + r"\w*"
    if word.endswith("+") and len(word) > 1:
        stem, _, last = word[:-1].rpartition("-")
        forms = sorted(_inflections(last), key=len, reverse=True)
        prefix = _literal(stem) + r"[\s-]?" if stem else ""
        return start + prefix + "(?:" + "|".join(map(re.escape, forms)) + ")" + _END
    return start + _literal(word) + _END


def _literal(word: str) -> str:
    """A word as regex: `-` is a hyphen, a space or nothing; `_` is a space or a hyphen."""
    words = [r"[\s-]?".join(re.escape(p).replace("'", "['’]") for p in w.split("-")) for w in word.split("_")]
    return r"[\s-]+".join(words)


def _inflections(word: str) -> set[str]:
    """Regular English inflections of a verb or noun: shell -> shells, shelled, shelling."""
    forms = {word, word + "e", word + "s", word + "es", word + "ed", word + "ing"}
    if word.endswith("e"):
        forms |= {word + "d", word[:-1] + "ing"}
    if word.endswith("y") and len(word) > 2 and word[-2] not in _VOWELS:
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    short_vowel = len(word) > 2 and word[-2] in _VOWELS and word[-3] not in _VOWELS
    if short_vowel and word[-1] not in _VOWELS | {"w", "x", "y"}:
        forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return forms
