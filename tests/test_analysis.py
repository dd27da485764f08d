from __future__ import annotations

from typing import Any

import pytest

from sitrep.analysis import analyse, analyse_batch, is_upper_case, recase, split_paragraphs
from sitrep.records import Document

WIRE = "SAN SALVADOR, 3 JAN 90 -- GUERRILLAS ATTACKED AN ARMY POST IN SAN MIGUEL DEPARTMENT YESTERDAY."


@pytest.mark.parametrize(("text", "upper"), [(WIRE, True), ("Rebels attacked an army post in Idlib.", False),
                                               ("OK", False)])
def test_analysis_detects_upper_case_wire_text(text: str, upper: bool) -> None:
    assert is_upper_case(text) is upper


def test_analysis_recase_keeps_offsets_and_capitalises_known_names() -> None:
    recased = recase(WIRE, proper_names=frozenset({"san", "salvador", "miguel"}))
    assert len(recased) == len(WIRE)
    assert recased.startswith("San Salvador, 3 jan 90 -- Guerrillas attacked")
    assert "in San Miguel department" in recased


def test_analysis_sentences_never_cross_paragraphs() -> None:
    text = "Headline without a stop\n\nMOSUL – Troops clashed with militants.\nThe same paragraph."
    pieces = split_paragraphs(text, 0, len(text))
    assert [p.text for p in pieces] == ["Headline without a stop",
                                        "MOSUL – Troops clashed with militants.\nThe same paragraph."]
    assert all(text[p.start : p.end] == p.text for p in pieces)


def test_analysis_upper_case_text_gets_entities_at_original_offsets(nlp: Any) -> None:
    analysed = analyse(Document(id="w", text=WIRE), nlp=nlp, proper_names=frozenset({"san", "salvador", "miguel"}))
    places = [e for e in analysed.entities if e.label in ("GPE", "LOC")]
    assert places and all(WIRE[e.start : e.end] == e.text for e in analysed.entities)
    assert any(e.text.startswith("SAN SALVADOR") for e in places)


def test_analysis_model_runs_only_the_components_the_stages_read(nlp: Any) -> None:
    assert not {"lemmatizer", "attribute_ruler"} & set(nlp.pipe_names)
    assert {"tagger", "parser", "ner"} <= set(nlp.pipe_names)
    text = "Troops shelled Homs on Friday. Rebels answered with rockets."
    analysed = analyse(Document(id="h", text=text), nlp=nlp)
    assert [s.text for s in analysed.sentences] == ["Troops shelled Homs on Friday.", "Rebels answered with rockets."]
    assert any(t.tag_ == "NNP" for t in analysed.parsed)


def test_analysis_batch_gives_what_one_at_a_time_gives(nlp: Any) -> None:
    docs = [Document(id="a", text="Police arrested two men in Lagos."), Document(id="w", text=WIRE),
            Document(id="e", text="")]
    names = frozenset({"san", "salvador", "miguel"})
    batch = analyse_batch(docs, nlp=nlp, proper_names=names)
    single = [analyse(d, nlp=nlp, proper_names=names) for d in docs]
    assert [(a.sentences, a.entities) for a in batch] == [(a.sentences, a.entities) for a in single]
