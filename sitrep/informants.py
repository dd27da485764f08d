"""Informants: the people and bodies an article quotes as its sources.

A source is the subject of a speech verb ("local media activist Karim Nouri told ...", "police
said"), the name after an inverted one ("..., said Sgt. Joel Burton") or after "according to";
the words come from `data/speech_verbs.tsv`. A capitalised name ending the subject is the
informant and the words before it its role ("local media activist"); title words inside the name
go to the role ("Hama Governor Samir Adel" -> "Samir Adel", role "Hama Governor"). A subject
without a name is an anonymous source ("a Syrian army officer"). Pronouns and vague subjects
("the source", "reports"), re-mentions of an anonymous source ("the army officer"), the article's
own outlet and the journalists of its byline are skipped. A surname on its own ("Ramadan said")
becomes the full name the text gave earlier ("Ahmed Ramadan").

`attributed_sources` reads one sentence with patterns only, so that claims can name who made
them with the same names; `find_informants` runs it over a whole analysed text and uses the
model's PERSON entities where the patterns found no name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from sitrep.records import AnalysedText, Entity, Evidence, Informant, Sentence

_MAX_ROLE_WORDS = 14
_MAX_ANONYMOUS_WORDS = 8
_LOOKBACK = 300


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_CLAUSE_WORDS = _words(
    "that which who whom whose when where while after before because if although though since until as but "
    "according"
)
_PASSIVE_END = _words("was were is are be been being")
_TRAILING_WORDS = _words(
    "has had have also later further then previously earlier reportedly today yesterday tonight now "
    "monday tuesday wednesday thursday friday saturday sunday"
)
_NOT_IN_NAMES = _words(
    "i we you he she they it me us him them my our your his its their is are was were be been being "
    "will would can could should may might must not nor no there here what"
)
_PREPOSITIONS = _words("at in from of for with near on by")
_NOUN_BEFORE = _words("to of the a an by from in with for on these those his her their its")
_DETERMINERS = _words("the a an")
_PARTICLES = _words("al el bin ibn abu bint de da del della di du la le van von der")
_CONNECTORS = _words("of for and the")
_NON_SOURCE_START = _words("this that these those such no any none all")
_NOT_A_SOURCE = (
    r"(?!(?:that|it|in|on|by|at|to|during|after|before|this|today|yesterday|tonight|\w+ly|\w+day|\w+ing)\b)"
)
_APPOSITION = re.compile(
    r"(?P<name>(?-i:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,3})),\s+"
    r"(?P<role>(?-i:[a-z])[^,;:“”\"]{3,90}),\s*$"
)
_BYLINE = re.compile(
    r"^\W*(?:(?:additional\s+)?reporting|writing|editing|edited|written|compiled)\s+by\b"
    r"|contributed\s+(?:to\s+)?(?:this|the)\s+(?:report|story|article)",
    re.IGNORECASE,
)
_BREAK = re.compile(r"[,;:“”\"«»()—–]|\n\s*\n|(?<=[.!?])\s|(?<=[a-z][.!?])(?=[A-Z])")
_FORWARD_STOP = re.compile(
    r"\s(?:in|on|at|who|which|that|when|after|as|while|to|from|during|because|and|[a-z]+ed)\b"
    r"|\s(?:of|with)\s+(?:the\s+)?(?-i:[a-z])",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class SpeechLexicon:
    """The words of data/speech_verbs.tsv, by type."""

    saying: tuple[str, ...]
    verbs: tuple[str, ...]
    preps: tuple[str, ...]
    vague: frozenset[str]
    titles: frozenset[str]
    honorifics: frozenset[str]


@dataclass(frozen=True, slots=True)
class _Phrase:
    """A source phrase and where it starts in the document."""

    text: str
    start: int
    role: str | None = None  # an appositive role: 'NAME, a spokesman for X, said'


@cache
def load_speech_lexicon() -> SpeechLexicon:
    """The packaged speech-verb lexicon (data/speech_verbs.tsv)."""
    rows: dict[str, list[str]] = {}
    data = resources.files("sitrep.data").joinpath("speech_verbs.tsv").read_text(encoding="utf-8")
    for line in data.splitlines():
        if line.strip() and not line.startswith("#"):
            word, _, kind = line.partition("\t")
            rows.setdefault(kind.strip(), []).append(word.strip().lower())
    return SpeechLexicon(
        saying=tuple(rows.get("saying", ())),
        verbs=tuple(rows.get("verb", ())),
        preps=tuple(rows.get("prep", ())),
        vague=frozenset(rows.get("vague", ())),
        titles=frozenset(rows.get("title", ())),
        honorifics=frozenset(rows.get("honorific", ())),
    )


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    lex = load_speech_lexicon()

    def alternation(words: Sequence[str]) -> str:
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))

    subject_verb = re.compile(rf"\b(?:{alternation(lex.saying + lex.verbs)})\b", re.IGNORECASE)
    inverted = re.compile(rf"[,”\"]\s*(?:{alternation(lex.saying)})\s+{_NOT_A_SOURCE}", re.IGNORECASE)
    prep = re.compile(rf"\b(?:{alternation(lex.preps)})\s+", re.IGNORECASE)
    return subject_verb, inverted, prep


def attributed_sources(sentence: Sentence, *, text: str, document_id: str) -> tuple[Informant, ...]:
    """The sources one sentence credits with a speech verb, in order (patterns only, no model)."""
    if _BYLINE.search(text[sentence.start : sentence.end]):
        return ()
    upper = _is_upper(text[sentence.start : sentence.end])
    found: list[Informant] = []
    for phrase in _source_phrases(sentence, text=text):
        informant = _informant(phrase, text=text, document_id=document_id, upper=upper)
        if informant is not None and all(_key(informant.name) != _key(f.name) for f in found):
            found.append(informant)
    return tuple(found)


def find_informants(analysed: AnalysedText) -> tuple[Informant, ...]:
    """Every person or body the text quotes, once each, in order of first mention."""
    document = analysed.document
    persons = [e for e in analysed.entities if e.label == "PERSON"]
    excluded = _excluded_keys(document.outlet, document.byline)
    found: list[Informant] = []
    for sentence in analysed.sentences:
        for informant in attributed_sources(sentence, text=document.text, document_id=document.id):
            refined = _with_person_entity(informant, persons)
            if _is_new(refined, found, excluded):
                found.append(refined)
    return tuple(found)


def _source_phrases(sentence: Sentence, *, text: str) -> list[_Phrase]:
    subject_verb, inverted, prep = _patterns()
    body = text[sentence.start : sentence.end]
    phrases = [_forward_phrase(body, m.end(), sentence.start) for m in prep.finditer(body)]
    phrases += [_forward_phrase(body, m.end(), sentence.start) for m in inverted.finditer(body)]
    for m in subject_verb.finditer(body):
        before = body[: m.start()].split()
        if not before or before[-1].lower() not in _NOUN_BEFORE:
            phrases.append(_backward_phrase(text, sentence.start + m.start()))
    return sorted((p for p in phrases if p.text), key=lambda p: p.start)


def _forward_phrase(body: str, start: int, offset: int) -> _Phrase:
    """The source after 'according to' or an inverted 'said', up to the next clause break."""
    rest = body[start:]
    end = next((m.start() for m in _BREAK.finditer(rest) if not _is_abbreviation(rest, m.start())), len(rest))
    stop = _FORWARD_STOP.search(rest[:end])
    phrase = rest[: stop.start() if stop else end].strip().rstrip(".")
    return _Phrase(text=phrase, start=offset + start)


def _backward_phrase(text: str, verb_start: int) -> _Phrase:
    """The subject before a speech verb, back to the clause break (crossing a bad sentence split)."""
    window_start = max(0, verb_start - _LOOKBACK)
    window = text[window_start:verb_start]
    breaks = (m.end() for m in _BREAK.finditer(window) if not _is_abbreviation(window, m.start()))
    cut = max(breaks, default=0)
    tokens = window[cut:].split()
    while tokens and tokens[-1].lower() in _TRAILING_WORDS:
        tokens.pop()
    if not tokens:
        apposition = _APPOSITION.search(window)
        if apposition is None:
            return _Phrase(text="", start=verb_start)
        name_start = window_start + apposition.start("name")
        role = apposition.group("role").strip()
        role = "" if role.split()[0] in ("who", "whose", "which", "that") else role
        return _Phrase(text=apposition.group("name"), start=name_start, role=role)
    if tokens[-1].lower() in _PASSIVE_END or tokens[-1].lower() in ("and", "or"):
        return _Phrase(text="", start=verb_start)
    clause = max((i for i, t in enumerate(tokens) if t.lower() in _CLAUSE_WORDS), default=-1)
    tokens = tokens[clause + 1 :]
    if tokens and tokens[0].lower() == "to":
        tokens = tokens[1:]
    if not tokens:
        return _Phrase(text="", start=verb_start)
    start = window_start + cut + window[cut:].find(tokens[0] + " " if len(tokens) > 1 else tokens[0])
    return _Phrase(text=" ".join(tokens), start=start)


def _is_abbreviation(window: str, index: int) -> bool:
    """True for the space after 'Sgt.' or 'J.': a period that ends no sentence."""
    before = window[:index].split()
    if not before or not before[-1].endswith("."):
        return False
    word = before[-1].lower()
    lex = load_speech_lexicon()
    return word in lex.titles or word in lex.honorifics or len(word) <= 2


def _informant(phrase: _Phrase, *, text: str, document_id: str, upper: bool) -> Informant | None:
    tokens = phrase.text.split()
    if not tokens or _is_vague(tokens) or tokens[0].lower() in _PREPOSITIONS:
        return None
    if phrase.role is not None:
        named = _named(tokens, len(tokens), phrase=phrase, text=text, document_id=document_id)
        return Informant(name=named.name, role=phrase.role or None, evidence=named.evidence)
    run = 0 if upper else _name_run_length(tokens)
    before = tokens[-run - 1].lower() if 0 < run < len(tokens) else ""
    if before in _PREPOSITIONS:
        run = 0  # 'a source at Deir Ezzor Governorate': a place, not a name
    if run >= 2 or (run == 1 and (len(tokens) == 1 or before not in _DETERMINERS)):
        return _named(tokens, run, phrase=phrase, text=text, document_id=document_id)
    if len(tokens) > _MAX_ANONYMOUS_WORDS or any(t.lower() in _NOT_IN_NAMES for t in tokens):
        return None
    name = " ".join(tokens[1:] if tokens[0].lower() == "the" and len(tokens) > 1 else tokens)
    return Informant(name=name, role=None, evidence=_evidence(phrase, name, text, document_id))


def _is_vague(tokens: list[str]) -> bool:
    lex = load_speech_lexicon()
    words = [t.lower().strip(".,'’\"") for t in tokens]
    if " ".join(words) in lex.vague or words[0] in _NON_SOURCE_START:
        return True
    return all(w in _DETERMINERS or w in lex.vague for w in words)


def _name_run_length(tokens: list[str]) -> int:
    """How many tokens end the phrase as a capitalised name ('Observatory for Human Rights')."""
    n = 0
    for i in range(len(tokens) - 1, -1, -1):
        word = tokens[i].lower()
        particle = n and (word in _PARTICLES or word.split("-")[0] in _PARTICLES)
        connector = n and word in _CONNECTORS and i > 0 and _is_capitalised(tokens[i - 1])
        if _is_capitalised(tokens[i]) or particle or connector:
            n += 1
        else:
            break
    while n and tokens[len(tokens) - n].lower() in _CONNECTORS:
        n -= 1
    return n


def _is_capitalised(token: str) -> bool:
    return token[:1].isalpha() and token[:1].isupper()


def _named(tokens: list[str], run: int, *, phrase: _Phrase, text: str, document_id: str) -> Informant:
    """A name and its role; title words inside the name go to the role."""
    lex = load_speech_lexicon()
    name_tokens = tokens[len(tokens) - run :]
    role_tokens = tokens[: len(tokens) - run]
    title_at = max((i for i, t in enumerate(name_tokens[:-1]) if t.lower() in lex.titles), default=-1)
    role_tokens += name_tokens[: title_at + 1]
    name_tokens = [t for t in name_tokens[title_at + 1 :] if t.lower() not in lex.honorifics] or name_tokens
    name = " ".join(name_tokens).strip("’'\".,")
    if len(name_tokens) == 1:
        name = _full_name(name, text=text, before=phrase.start)
    role_tokens = [t for t in role_tokens if t.lower() not in lex.honorifics]
    while role_tokens and role_tokens[0].lower() in _DETERMINERS:
        role_tokens.pop(0)
    role = " ".join(role_tokens).strip(" ,") if len(role_tokens) <= _MAX_ROLE_WORDS else ""
    return Informant(name=name, role=role or None, evidence=_evidence(phrase, name, text, document_id))


def _full_name(surname: str, *, text: str, before: int) -> str:
    """'Ramadan' -> 'Ahmed Ramadan' when the text gave the full name earlier."""
    if len(surname) < 3 or re.search(rf"\b{re.escape(surname.lower())}\b", text):
        return surname  # also written in lower case: a common word, not a surname
    titles = load_speech_lexicon().titles
    pattern = re.compile(rf"\b((?:[A-Z][\w'’-]+\s+)+){re.escape(surname)}\b")
    for m in pattern.finditer(text, 0, before + len(surname)):
        given = [t for t in m.group(1).split() if t.lower() not in titles and t.lower() + "." not in titles]
        if given:
            return f"{given[-1]} {surname}"
    return surname


def _evidence(phrase: _Phrase, name: str, text: str, document_id: str) -> Evidence:
    at = text.find(name, phrase.start, phrase.start + len(phrase.text) + 1)
    start, end = (at, at + len(name)) if at >= 0 else (phrase.start, phrase.start + len(phrase.text))
    return Evidence(document_id=document_id, start=start, end=end, text=text[start:end])


def _is_upper(sentence: str) -> bool:
    letters = [c for c in sentence if c.isalpha()]
    return len(letters) > 10 and sum(c.isupper() for c in letters) / len(letters) > 0.8


def _with_person_entity(informant: Informant, persons: Sequence[Entity]) -> Informant:
    """Where the patterns found no name (anonymous or upper-case source), use a PERSON entity inside."""
    span = informant.evidence
    if span is None or informant.role is not None or (_is_capitalised(informant.name.split()[-1]) and not (
        informant.name.isupper()
    )):
        return informant
    inside = [e for e in persons if span.start <= e.start and e.end <= span.end and e.text != informant.name]
    if not inside:
        return informant
    person = inside[-1]
    role = span.text[: person.start - span.start].strip(" ,") or None
    name = person.text.strip()
    evidence = Evidence(document_id=span.document_id, start=person.start, end=person.end, text=person.text)
    return Informant(name=name, role=role, evidence=evidence)


def _excluded_keys(outlet: str | None, byline: str | None) -> frozenset[str]:
    """Keys of names never listed: the outlet itself and the journalists of the byline."""
    keys = set()
    if outlet:
        keys.add(_key(outlet.rsplit(".", 1)[0] if "." in outlet and " " not in outlet else outlet))
    if byline:
        names = re.split(r",|\band\b|&", re.sub(r"(?i)^\s*by\s+", "", byline))
        keys.update(_key(n) for n in names if n.strip())
    return frozenset(keys)


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _is_new(informant: Informant, found: Sequence[Informant], excluded: frozenset[str]) -> bool:
    """Not excluded, not listed yet, and no re-mention of an anonymous source ('the army officer')."""
    key = _key(informant.name)
    if not key or key in excluded or any(_key(f.name) == key for f in found):
        return False
    words = informant.name.split()
    common = not any(_is_capitalised(w) for w in words)
    head = words[-1].lower()
    return not (common and len(words) <= 3 and any(f.name.lower().split()[-1] == head for f in found))
