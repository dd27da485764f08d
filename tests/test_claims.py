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
    ("sentence", "expected"),
    [
        # incidents that carry their own count
        ("Detectives are investigating a double homicide on Elm Street.", [(K, 2, 2)]),
        ("The quadruple murder shocked the village.", [(K, 4, 4)]),
        ("A triple shooting left one man dead.", [(W, 2, 2), (K, 1, 1)]),
        ("Police called it an apparent murder-suicide.", [(K, 2, 2)]),
        # the attacker's own death joins the count before it
        ("The gunman killed three farmers before turning the rifle on himself.", [(K, 4, 4)]),
        ("He fatally shot two neighbours and then took his own life.", [(K, 3, 3)]),
        ("Gunman kills 3 coworkers, self at warehouse", [(K, 4, 4)]),
        ("The suspect killed his wife and their two sons.", [(K, 3, 3)]),
        ("The fighting claimed the lives of 40 soldiers and 25 rebels.", [(K, 65, 65)]),
        # several named or described people
        ("A farmer and his young son were found dead in the orchard.", [(K, 2, 2)]),
        ("Both Okafor and the driver were killed.", [(K, 2, 2)]),
        ("Lena Ortiz, 31, and Paul Ortiz, 33, were wounded.", [(W, 2, 2)]),
        ("Neighbours found Hadley and her brother shot to death in the kitchen.", [(K, 2, 2)]),
        ("Medics pronounced him dead at the scene.", [(K, 1, 1)]),
        # one named or described person, in the forms reports use
        ("Okafor, 47, died of his wounds on Sunday.", [(K, 1, 1)]),
        ("Tomas Brandt, of the 300 block of Pine Road, was pronounced dead.", [(K, 1, 1)]),
        ("The third victim, a woman, died later.", [(K, 1, 1)]),
        ("That young man died at the hospital.", [(K, 1, 1)]),
        ("Gunmen opened fire, killing Brandt and wounding the other guard.", [(K, 1, 1), (W, 1, 1)]),
        ("Officers fired back, fatally wounding the suspect.", [(K, 1, 1)]),
        ("The attack claimed the life of 19-year-old Mara Quist.", [(K, 1, 1)]),
        ("The guard in the tower was killed.", [(K, 1, 1)]),
        ("Woman dies after shooting on Main Street", [(K, 1, 1)]),
        ("Officer hurt, suspect killed in downtown gunfight", [(W, 1, 1), (K, 1, 1)]),
        ("2016 Riverside teen dies after shooting", [(K, 1, 1)]),  # a year is no count
        ("He was taken to a clinic and later died.", [(K, 1, 1)]),
        # 'dead and injured' before a count is two phrases
        ("The blast left one dead and injured four others.", [(K, 1, 1), (W, 4, 4)]),
        ("Gunmen killed 3 people and 2 were injured.", [(K, 3, 3), (W, 2, 2)]),
        ("Twenty civilians mostly women and children were killed in the strike.", [(K, 20, 20)]),
        ("Nine people were transferred to other clinics for treatment.", [(W, 9, 9)]),
        ("Four others suffered from suffocation.", [(W, 4, 4)]),
    ],
)
def test_claims_readings_of_news_forms(sentence: str, expected: list[tuple[ClaimKind, int, int]]) -> None:
    assert _readings(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # background and cumulative figures are no counts of the event
        "150 people have been murdered in the city this year.",
        "In 2016, 4,368 people were shot in the city.",
        "Nearly 700 more have already been shot.",
        "More than 7000 people were killed across the country since the start of the year.",
        "The war has killed more than 20,000 people.",
        "Air raids kill thousands.",
        "It was the deadliest attack since 2011, when 77 people were killed.",
        "The monitor has documented the killing of 5812 civilians over the past year.",
        # non-casualty senses
        "The first arrest warrant was executed on Tuesday.",
        "The video was shot in the old town.",
        "It's a miracle nobody\u2019s dead.",
    ],
)
def test_claims_ignore_background_and_other_senses(sentence: str) -> None:
    assert [r for r in _readings(sentence) if r[1] > 0] == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Two people were killed in 2016.", [(K, 2, 2)]),
        ("Three people have died since Friday's attack.", [(K, 3, 3)]),
        ("Five people were killed on Tuesday, bringing the city's toll this year to 150.", [(K, 5, 5)]),
    ],
)
def test_claims_keep_event_counts_near_background_words(
    sentence: str, expected: list[tuple[ClaimKind, int, int]]
) -> None:
    assert _readings(sentence) == expected


def test_claims_headline_counts_have_an_empty_span() -> None:
    text = "Police said the shooting happened late Friday."
    sentence = Sentence(start=0, end=len(text), text=text)
    claims = find_claims([sentence], text=text, document_id="d", headline="2 dead, 3 hurt in bar shooting")
    assert [(c.kind, c.low, c.text, c.start, c.end) for c in claims] == [
        (K, 2, "2 dead", 0, 0), (W, 3, "3 hurt", 0, 0),
    ]


def test_claims_headline_deaths_leave_the_wounded() -> None:
    text = "Four men were shot outside the club."
    sentence = Sentence(start=0, end=len(text), text=text)
    claims = find_claims([sentence], text=text, document_id="d", headline="One dead in club shooting")
    assert [(c.kind, c.low) for c in claims] == [(W, 3), (K, 1)]


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


@pytest.mark.parametrize(
    "sentence",
    [
        "Officials said 10^100 people were killed in the city on Saturday.",
        "Police said -5 people were wounded in the blast.",
        "A spokesman claimed that a billion civilians were killed in the strike.",
        "The ministry said 99999999999999999999999999 soldiers were killed on Friday.",
        "Rebels said 1e9 fighters were killed and 3.7 were injured near the town.",
        "Two thousand thousand thousand people were killed, a local radio said.",
        "Gunmen killed " + "ninety-nine and " * 300 + "one people in the town.",
        "The army said it killed 99,999 rebels and 99,999 militiamen.",
    ],
)
def test_claims_absurd_numbers_make_no_claim(sentence: str) -> None:
    assert _claims(sentence) == ()


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
    assert agree / len(lines) > 0.75
