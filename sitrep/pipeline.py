"""The pipeline: inputs -> documents -> analysed text -> mentions -> coded mentions -> events.

Each step is one stage's public function; the runner isolates failures per document with one
policy (`ErrorPolicy`): record the failure and go on, or raise (tests).
"""

from __future__ import annotations

import itertools
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import partial
from typing import Any, TypeVar

from sitrep import actors, analysis, claims, dates, documents, events, informants, language, locations, mentions
from sitrep import places as places_stage
from sitrep.errors import ExtractionError, InputError, SitrepError
from sitrep.gazetteer import Gazetteer, load_gazetteer
from sitrep.profiling import StageClock
from sitrep.records import (
    AnalysedText,
    CodedMention,
    DateResolution,
    Document,
    DocumentResult,
    Mention,
    Place,
    RawInput,
    Sentence,
    Status,
    UnreadableInput,
)
from sitrep.settings import Settings

_T = TypeVar("_T")


class ErrorPolicy(StrEnum):
    """What the runner does with a document that fails: record it, or raise."""

    RECORD = "record"
    RAISE = "raise"


@dataclass(frozen=True, slots=True)
class Resources:
    """The heavy, read-only resources every document needs, loaded once per process."""

    nlp: Any
    gazetteer: Gazetteer
    actor_table: actors.ActorTable
    lexicon: mentions.TriggerLexicon
    detector: Any
    proper_names: frozenset[str]


def load_resources(settings: Settings) -> Resources:
    """Load the model, gazetteer, actor table, trigger lexicon and language detector."""
    gazetteer = load_gazetteer(settings.gazetteer, path=settings.gazetteer_path, cache_dir=settings.cache_dir)
    table = actors.load_actor_table()
    return Resources(
        nlp=analysis.load_nlp(settings.model),
        gazetteer=gazetteer,
        actor_table=table,
        lexicon=mentions.load_trigger_lexicon(),
        detector=language.load_language_detector(),
        proper_names=gazetteer.proper_names() | actors.proper_names(table),
    )


BATCH_SIZE = 16  # documents spaCy analyses together (`nlp.pipe`): a quarter faster than one at a time


@dataclass(frozen=True, slots=True)
class _Read:
    """An input read into a document in an accepted language, waiting for its analysis."""

    raw: RawInput
    document: Document
    clock: StageClock


def run(
    inputs: Iterable[RawInput | UnreadableInput],
    *,
    settings: Settings,
    resources: Resources,
    policy: ErrorPolicy = ErrorPolicy.RECORD,
) -> Iterator[DocumentResult]:
    """One DocumentResult per input, in input order; a failing document never stops the batch.
    Inputs are read, analysed (in batches of BATCH_SIZE) and extracted; each result carries the
    wall time of each stage."""
    options = documents.DocumentOptions(published=settings.published, find_text_date=dates.find_text_date)
    pending = iter(inputs)
    while chunk := list(itertools.islice(pending, BATCH_SIZE)):
        read = [_read(item, settings=settings, resources=resources, options=options, policy=policy) for item in chunk]
        ready = [r for r in read if isinstance(r, _Read)]
        started = time.perf_counter()
        analysed = _analyse_chunk(ready, resources=resources, policy=policy)
        for r in ready:
            r.clock.add("analysis", (time.perf_counter() - started) / len(ready))
        done = {id(r): a if isinstance(a, DocumentResult) else _isolated(r.raw, policy, partial(
                    _extract, r, a, resources=resources)) for r, a in zip(ready, analysed, strict=True)}
        yield from (done[id(r)] if isinstance(r, _Read) else r for r in read)


def _analyse_chunk(ready: list[_Read], *, resources: Resources,
                   policy: ErrorPolicy) -> list[AnalysedText | DocumentResult]:
    """The chunk's texts analysed in one `nlp.pipe` call; when that fails, each text on its own,
    so a text the model cannot take fails alone."""
    texts = [r.document for r in ready]
    try:
        return list(analysis.analyse_batch(texts, nlp=resources.nlp, proper_names=resources.proper_names))
    except Exception:
        if policy is ErrorPolicy.RAISE:
            raise
    return [_isolated(r.raw, policy, partial(analysis.analyse, r.document, nlp=resources.nlp,
                                             proper_names=resources.proper_names)) for r in ready]


def _isolated(raw: RawInput, policy: ErrorPolicy, step: Callable[[], _T]) -> _T | DocumentResult:
    """The step's result, or (recording the policy) the input's failed or skipped result. An error
    that is not a SitrepError (a bug, a library's failure) fails the document with its type named."""
    try:
        return step()
    except SitrepError as err:
        if policy is ErrorPolicy.RAISE:
            raise
        status = Status.SKIPPED if isinstance(err, InputError) else Status.FAILED
        return _failed(raw.id, err.message, url=raw.url, status=status, outlet=raw.outlet)
    except Exception as err:
        if policy is ErrorPolicy.RAISE:
            raise
        return _failed(raw.id, f"internal error: {type(err).__name__}: {err}", url=raw.url, outlet=raw.outlet)


def _failed(doc_id: str, reason: str, *, url: str | None, status: Status = Status.FAILED,
            outlet: str | None = None) -> DocumentResult:
    document = Document(id=doc_id, text="", url=url, outlet=outlet)
    return DocumentResult(document=document, status=status, error=reason)


def _read(
    item: RawInput | UnreadableInput, *, settings: Settings, resources: Resources,
    options: documents.DocumentOptions, policy: ErrorPolicy,
) -> _Read | DocumentResult:
    """The input as a document to analyse, or its final result (unreadable, other language)."""
    if isinstance(item, UnreadableInput):
        return _failed(item.id, item.error, url=None)
    clock = StageClock()

    def read() -> _Read | DocumentResult:
        with clock.stage("document"):
            document = _with_language(documents.to_document(item, options=options), resources)
        if document.language not in settings.languages:
            return DocumentResult(
                document=document, status=Status.SKIPPED,
                error=f"language {document.language or 'unknown'} not processed "
                f"(accepted: {', '.join(settings.languages)})",
            )
        return _Read(raw=item, document=document, clock=clock)

    return _isolated(item, policy, read)


def _extract(read: _Read, analysed: AnalysedText, *, resources: Resources) -> DocumentResult:
    """The stages after the analysis, on one document."""
    clock, document = read.clock, read.document
    try:
        with clock.stage("places"):
            found_places = places_stage.resolve_places(analysed, gazetteer=resources.gazetteer)
        with clock.stage("mentions"):
            found = mentions.find_mentions(analysed, lexicon=resources.lexicon)
        coded = code_mentions(analysed, found, places=found_places, resources=resources, clock=clock)
        with clock.stage("informants"):
            quoted = informants.find_informants(analysed)
        with clock.stage("events"):
            result = events.assemble_events(coded, document=document, informants=quoted)
    except (ValueError, KeyError, IndexError, TypeError, AttributeError) as err:
        raise ExtractionError(f"{type(err).__name__}: {err}", document_id=document.id, stage="extract") from err
    return DocumentResult(document=document, status=Status.OK, places=found_places, events=result,
                          timings=clock.timings())


def _with_language(document: Document, resources: Resources) -> Document:
    if document.language:
        return document
    return replace(document, language=language.detect_language(document.text, detector=resources.detector))


DATELINE_CHARS = 150  # a place this close to the start is the dateline's and counts thrice


def focus_country(found_places: Sequence[Place]) -> str | None:
    """The country the document is mostly about: the most often named among its places."""
    counts: Counter[str] = Counter()
    for place in found_places:
        if place.country:
            counts[place.country] += 3 if place.start < DATELINE_CHARS else 1
    return counts.most_common(1)[0][0] if counts else None


def code_mentions(
    analysed: AnalysedText, found: Sequence[Mention], *, places: Sequence[Place], resources: Resources,
    clock: StageClock | None = None,
) -> tuple[CodedMention, ...]:
    """Actors, place, date and claims of each mention, from its sentence and the document (each
    stage timed on `clock`)."""
    document, clock = analysed.document, clock or StageClock()
    text = document.text
    country = focus_country(places)
    with clock.stage("dates"):
        carried = carry_dates([
            dates.resolve_event_date([m.sentence], text=text, document_id=document.id, published=document.published)
            for m in found
        ])
    coded = []
    for m, when, span in zip(found, carried, claim_spans(analysed.sentences, found), strict=True):
        with clock.stage("actors"):
            found_actors = actors.resolve_actors(m, text=text, country=country, table=resources.actor_table,
                                                 entities=analysed.entities)
        with clock.stage("locations"):
            location = locations.locate_event(places, sentences=[m.sentence], text=text, document_id=document.id,
                                              gazetteer=resources.gazetteer)
        with clock.stage("claims"):
            found_claims = claims.find_claims(span, text=text, document_id=document.id)
        coded.append(CodedMention(mention=m, actors=found_actors, location=location, date=when, claims=found_claims))
    return tuple(coded)


def claim_spans(sentences: Sequence[Sentence], found: Sequence[Mention]) -> list[list[Sentence]]:
    """The sentences whose counts belong to each mention: its own and the following ones that
    report no event themselves ("Two men were shot. Both died."); the first mention also takes
    the lead-in before it."""
    starts = {m.sentence.start for m in found}
    first = min(starts, default=None)
    spans = []
    for m in found:
        following = [s for s in sentences if s.start > m.sentence.start]
        tail = list(itertools.takewhile(lambda s: s.start not in starts, following))
        lead = [s for s in sentences if s.end <= m.sentence.start] if m.sentence.start == first else []
        spans.append([*lead, m.sentence, *tail])
    return spans


def carry_dates(resolved: Sequence[DateResolution]) -> list[DateResolution]:
    """A mention whose sentence states no date takes the nearest stated date before it (or, for a
    headline or lead, the first one after it); with none stated, its own fallback stays. An aside
    (a statement's or a court hearing's date) is carried only where no event date is stated."""
    dated = [i for i, d in enumerate(resolved) if d.evidence is not None and d.date is not None]
    stated = [i for i in dated if resolved[i].warning != dates.ASIDE] or dated
    out = []
    for i, d in enumerate(resolved):
        if i in dated or not stated:
            out.append(d)
            continue
        before = [j for j in stated if j < i]
        source = resolved[before[-1] if before else stated[0]]
        out.append(replace(source, warning="date carried from a nearby sentence"))
    return out
