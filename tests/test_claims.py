"""Specs for sitrep.claims: casualty counts, their conventions, and who claimed them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.claims import find_claims
from sitrep.records import Claim, ClaimKind, Sentence

K, W, C = ClaimKind.KILLED, ClaimKind.WOUNDED, ClaimKind.CAPTURED


def _claims(text: str) -> tuple[Claim, ...]:
    return find_claims([Sentence(start=0, end=len(text), text=text)], text=text, document_id="d")


def _readings(text: str) -> list[tuple[ClaimKind, int, int]]:
    return [(c.kind, c.low, c.high) for c in _claims(text)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # numbers in digits and words, qualifiers keep the number itself
        ("At least 12 villagers were killed in the raid.", [(K, 12, 12)]),
        ("More than 40 fighters were killed and dozens more wounded.", [(K, 40, 40), (W, 12, 12)]),
        ("Nearly 27 recruits died when the barracks was shelled.", [(K, 27, 27)]),
        ("Twenty-five civilians died in the air strike.", [(K, 25, 25)]),
        ("The blast killed 1,200 people, officials said.", [(K, 1200, 1200)]),
        ("one hundred and twenty soldiers were killed.", [(K, 120, 120)]),
        # vague quantities as ACLED converts them; plurals without a number
        ("Tens of protesters were injured.", [(W, 10, 10)]),
        ("Hundreds of families were abducted from the camp.", [(C, 100, 100)]),
        ("Several guards were wounded.", [(W, 2, 9)]),
        ("Several hundred people were hurt.", [(W, 200, 900)]),
        # ranges
        ("Between 10 and 15 people were killed.", [(K, 10, 15)]),
        ("A car bomb exploded, killing 10 to 15 people.", [(K, 10, 15)]),
        ("Two or three patrolmen were wounded.", [(W, 2, 3)]),
        # active voice, tolls, nouns
        ("Gunmen killed three farmers and wounded five others.", [(K, 3, 3), (W, 5, 5)]),
        ("The death toll rose to 57 on Tuesday.", [(K, 57, 57)]),
        ("Rescuers recovered the bodies of 14 miners.", [(K, 14, 14)]),
        ("The massacre of 31 villagers shocked the region.", [(K, 31, 31)]),
        ("Three killed, five hurt in market attack.", [(K, 3, 3), (W, 5, 5)]),
        ("The shelling left two dead and four injured.", [(K, 2, 2), (W, 4, 4)]),
        ("Eighty rebels and 20 soldiers were killed in the fighting.", [(K, 100, 100)]),
        # singulars
        ("A soldier was killed at the checkpoint.", [(K, 1, 1)]),
        ("One person died at the scene.", [(K, 1, 1)]),
        ("The gunman killed a shopkeeper.", [(K, 1, 1)]),
        ("A 19-year-old man was shot and killed outside the store.", [(K, 1, 1)]),
        ("Witnesses reported the death of the militia commander.", [(K, 1, 1)]),
        ("Maria Lopez, 34, was fatally shot in her car.", [(K, 1, 1)]),
        ("The driver is in critical condition.", [(W, 1, 1)]),
        ("The suspect shot his neighbour and then himself.", [(W, 2, 2)]),
        # shooting news: people hit, less those who died
        ("A man was shot on the porch.", [(W, 1, 1)]),
        ("Five people were shot, two fatally.", [(W, 3, 3), (K, 2, 2)]),
        ("Four people were injured in a shooting near the park.", [(W, 4, 4)]),
        ("Two shot near the stadium.", [(W, 2, 2)]),
        # one count for both kinds
        ("Militants stormed the base, killing and injuring dozens of troops.", [(K, 1, 12), (W, 1, 12)]),
        # negations give a claim of 0
        ("No one was hurt in the explosion.", [(W, 0, 0)]),
        ("The convoy was attacked but there were no casualties.", [(K, 0, 0), (W, 0, 0)]),
        # captured, but not arrested
        ("Rebels abducted 40 schoolgirls overnight.", [(C, 40, 40)]),
        ("Police arrested two men on Tuesday.", []),
    ],
)
def test_claims_readings(sentence: str, expected: list[tuple[ClaimKind, int, int]]) -> None:
    assert _readings(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The militia could have killed dozens.",  # hypothetical
        "He was 22 years old and lived on 5th Street.",
        "The shooting happened at 3:10 a.m. on Sept. 29 near block 400.",
        "A 3-year-old boy found the gun.",
        "Police shot at the car.",
        "The fire injured a dog.",
    ],
)
def test_claims_ignore_numbers_that_count_no_victims(sentence: str) -> None:
    assert _readings(sentence) == []


def test_claims_active_subject_is_not_the_victim() -> None:
    assert _readings("Two gunmen killed a farmer.") == [(K, 1, 1)]


def test_claims_one_phrase_gives_one_claim() -> None:
    readings = _readings("More than 30 soldiers, including five officers, were killed.")
    assert readings == [(K, 30, 30)]


def test_claims_evidence_is_the_count_phrase() -> None:
    text = "Headline.\n\nOn Friday 17 policemen were killed in an ambush."
    start = text.index("On Friday")
    claims = find_claims(
        [Sentence(start=start, end=len(text), text=text[start:])], text=text, document_id="x"
    )
    assert len(claims) == 1
    claim = claims[0]
    assert (claim.document_id, claim.text) == ("x", "17 policemen were killed")
    assert text[claim.start : claim.end] == claim.text


@pytest.mark.parametrize(
    ("sentence", "claimed_by"),
    [
        ("Nine people were killed, police said.", "police"),
        (
            "Nine people were killed, according to the Observatory for Civil Rights.",
            "Observatory for Civil Rights",
        ),
        ("Regional activist Samir Haddad told reporters that nine people were killed.", "Samir Haddad"),
        ("\u201cNine people were killed,\u201d said Sgt. Laura Price.", "Laura Price"),
        ("Nine people were killed in the attack.", None),
    ],
)
def test_claims_name_who_claimed_them(sentence: str, claimed_by: str | None) -> None:
    claims = _claims(sentence)
    assert [c.claimed_by for c in claims] == [claimed_by]


def test_claims_speaker_of_a_quotation_split_over_sentences() -> None:
    text = "\u201cThe mortars fell at dawn. Eleven guards were killed,\u201d commander Yusuf Karimi said."
    second = text.index("Eleven")
    claims = find_claims(
        [Sentence(start=second, end=len(text), text=text[second:])], text=text, document_id="d"
    )
    assert [(c.kind, c.low, c.claimed_by) for c in claims] == [(K, 11, "Yusuf Karimi")]
    first = find_claims([Sentence(start=0, end=second, text=text[:second])], text=text, document_id="d")
    assert first == ()


def test_claims_hit_count_less_deaths_elsewhere_in_text() -> None:
    text = "Three men were shot outside the bar on Friday. One of them died at the hospital."
    first = Sentence(start=0, end=text.index("One"), text=text[: text.index("One")])
    claims = find_claims([first], text=text, document_id="d")
    assert [(c.kind, c.low) for c in claims] == [(W, 2)]


@pytest.mark.corpus
def test_claims_gva_documents_agree_with_gold(shared: Path) -> None:
    """Doc-level sanity check: the largest killed claim of an article against GVA's killed count."""
    gold: dict[str, int] = {}
    for line in (shared / "gold/dev/gva.jsonl").read_text(encoding="utf-8").splitlines():
        incident = json.loads(line)
        for doc_id in incident["documents"]:
            gold[doc_id] = incident["events"][0]["fatalities"][0]
    lines = (shared / "corpus/gva/dev.jsonl").read_text(encoding="utf-8").splitlines()[:150]
    agree = 0
    for line in lines:
        doc = json.loads(line)
        killed = [c.low for c in _claims(doc["text"]) if c.kind is K]
        agree += max(killed, default=0) == gold[doc["id"]]
    assert agree / len(lines) > 0.6
