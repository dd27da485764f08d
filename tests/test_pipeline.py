"""The pipeline runner: stage order, failure isolation and per-stage timings."""

from __future__ import annotations

import dataclasses
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from sitrep.analysis import load_nlp
from sitrep.dates import ASIDE
from sitrep.pipeline import ErrorPolicy, carry_dates, run
from sitrep.profiling import StageTotals
from sitrep.records import DateResolution, Evidence, RawInput, Status, TimePrecision, UnreadableInput
from sitrep.settings import Settings

STORY = ("KANO, Nigeria - Gunmen attacked a village near Kano on Monday, killing four farmers, "
         "police said.\n\nResidents said the attackers fled on motorcycles.")
ARTICLE = RawInput(id="kano", source="kano.txt", published=date(2022, 3, 9), language="en", text=STORY)


def test_pipeline_result_carries_the_time_of_each_stage(settings: Settings, resources: Any) -> None:
    (result,) = run([ARTICLE], settings=settings, resources=resources, policy=ErrorPolicy.RAISE)
    assert result.status is Status.OK and result.events
    stages = [t.stage for t in result.timings]
    assert stages[:4] == ["document", "analysis", "places", "mentions"]
    assert {"dates", "actors", "locations", "claims", "informants", "events"} <= set(stages)
    assert all(t.seconds >= 0 for t in result.timings)


def test_pipeline_timings_are_not_part_of_a_result(settings: Settings, resources: Any) -> None:
    (result,) = run([ARTICLE], settings=settings, resources=resources)
    assert replace(result, timings=()) == result


def test_pipeline_skipped_document_has_no_stage_after_reading(settings: Settings, resources: Any) -> None:
    french = replace(ARTICLE, id="fr", language="fr")
    (result,) = run([french], settings=settings, resources=resources)
    assert result.status is Status.SKIPPED and not result.timings


def test_pipeline_profile_totals_sum_stages_over_documents(settings: Settings, resources: Any) -> None:
    totals = StageTotals()
    for result in run([ARTICLE, replace(ARTICLE, id="again")], settings=settings, resources=resources):
        totals.add(result)
    assert totals.documents == 2
    lines = list(totals.table())
    assert lines[0].split() == ["stage", "seconds", "ms/doc", "share"]
    assert {line.split()[0] for line in lines[1:-1]} == set(totals.seconds)
    assert lines[-1].endswith("over 2 documents")


def test_pipeline_batch_keeps_input_order_around_failures(settings: Settings, resources: Any) -> None:
    inputs = [ARTICLE, UnreadableInput(id="bad", source="bad.bin", error="binary file"),
              replace(ARTICLE, id="empty", text="   "), replace(ARTICLE, id="fr", language="fr"),
              replace(ARTICLE, id="last")]
    results = list(run(inputs, settings=settings, resources=resources))
    assert [r.document.id for r in results] == ["kano", "bad", "empty", "fr", "last"]
    assert [r.status for r in results] == [Status.OK, Status.FAILED, Status.SKIPPED, Status.SKIPPED, Status.OK]
    assert len(results[0].events) == len(results[-1].events) > 0


@Language.component("sitrep_test_refuses_marked_texts")
def _refuse_marked_texts(doc: Doc) -> Doc:
    """A model component that fails on one kind of text, as a real model can on input it cannot take."""
    if "UNTAKEABLE" in doc.text:
        raise RuntimeError("component cannot take this text")
    return doc


def test_pipeline_an_unexpected_error_fails_only_its_document(settings: Settings, resources: Any) -> None:
    nlp = load_nlp()
    nlp.add_pipe("sitrep_test_refuses_marked_texts", last=True)
    fragile = dataclasses.replace(resources, nlp=nlp)
    inputs = [ARTICLE, replace(ARTICLE, id="marked", text=STORY + "\n\nUNTAKEABLE"), replace(ARTICLE, id="last")]
    results = list(run(inputs, settings=settings, resources=fragile))
    assert [(r.document.id, r.status) for r in results] == [
        ("kano", Status.OK), ("marked", Status.FAILED), ("last", Status.OK)]
    assert results[1].error == "internal error: RuntimeError: component cannot take this text"
    with pytest.raises(RuntimeError):
        list(run(inputs, settings=settings, resources=fragile, policy=ErrorPolicy.RAISE))


def _stated(day: int, *, warning: str | None = None) -> DateResolution:
    evidence = Evidence(document_id="d", start=day, end=day + 1, text="x")
    return DateResolution(date=date(2022, 3, day), precision=TimePrecision.DAY, evidence=evidence, warning=warning)


def test_pipeline_carry_dates_carries_event_dates_before_asides() -> None:
    fallback = DateResolution(date=date(2022, 3, 9), precision=TimePrecision.DAY, warning="publication date used")
    carried = carry_dates([_stated(5), _stated(7, warning=ASIDE), fallback])
    assert [c.date for c in carried] == [date(2022, 3, 5), date(2022, 3, 7), date(2022, 3, 5)]
    assert carried[2].warning == "date carried from a nearby sentence"
    only_aside = carry_dates([_stated(7, warning=ASIDE), fallback])
    assert [c.date for c in only_aside] == [date(2022, 3, 7), date(2022, 3, 7)]
