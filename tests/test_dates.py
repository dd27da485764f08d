"""Specs for sitrep.dates: event dates against the publication date, and datelines."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from sitrep.dates import ASIDE, find_text_date, is_credible_publication, resolve_event_date
from sitrep.records import DateResolution, Sentence, TimePrecision

MONDAY = date(2016, 1, 18)
WIRE = date(1990, 1, 3)  # a Wednesday
DAY, WEEK, MONTH = TimePrecision.DAY, TimePrecision.WEEK, TimePrecision.MONTH


def _resolve(text: str, published: date | None) -> DateResolution:
    return resolve_event_date(
        [Sentence(start=0, end=len(text), text=text)], text=text, document_id="d", published=published
    )


@pytest.mark.parametrize(
    ("sentence", "published", "expected", "precision", "evidence"),
    [
        ("Rebels stormed the checkpoint on Saturday.", MONDAY, date(2016, 1, 16), DAY, "on Saturday"),
        ("Thursday's ambush left four soldiers dead.", MONDAY, date(2016, 1, 14), DAY, "Thursday's"),
        ("The convoy was hit in Fridays raid near the river.", MONDAY, date(2016, 1, 15), DAY, "Fridays"),
        ("Militants shelled the town on Monday.", MONDAY, MONDAY, DAY, "on Monday"),
        ("The village was raided last Monday.", MONDAY, date(2016, 1, 11), DAY, "last Monday"),
        ("Gunfire erupted on Sunday night in the market.", MONDAY, date(2016, 1, 17), DAY, "on Sunday night"),
        ("Two men were shot yesterday outside a bar.", MONDAY, date(2016, 1, 17), DAY, "yesterday"),
        ("A woman was wounded last night.", MONDAY, date(2016, 1, 17), DAY, "last night"),
        ("A patrol was ambushed early this morning.", MONDAY, MONDAY, DAY, "early this morning"),
        ("The mayor was kidnapped three days ago.", MONDAY, date(2016, 1, 15), DAY, "three days ago"),
        ("The depot burned on 12 January.", MONDAY, date(2016, 1, 12), DAY, "12 January"),
        ("The depot burned on Jan. 12.", MONDAY, date(2016, 1, 12), DAY, "Jan. 12"),
        ("A bomb went off on 28 December near the port.", MONDAY, date(2015, 12, 28), DAY, "28 December"),
        (
            "TROOPS CLASHED WITH REBELS ON 30 DECEMBER IN THE NORTH.",
            WIRE,
            date(1989, 12, 30),
            DAY,
            "30 DECEMBER",
        ),
        ("YESTERDAY A BOMB EXPLODED NEAR THE EMBASSY.", WIRE, date(1990, 1, 2), DAY, "YESTERDAY"),
        ("The raid took place on November 3, 2015.", MONDAY, date(2015, 11, 3), DAY, "November 3, 2015"),
        ("The strike hit the depot last week.", MONDAY, date(2016, 1, 14), WEEK, "last week"),
        ("Two men were shot over the weekend.", MONDAY, date(2016, 1, 16), WEEK, "over the weekend"),
        ("Clashes broke out earlier this month.", MONDAY, date(2016, 1, 15), MONTH, "earlier this month"),
        (
            "Clashes broke out earlier this month.",
            date(2016, 1, 6),
            date(2016, 1, 6),
            MONTH,
            "earlier this month",
        ),
        ("The town fell in March.", MONDAY, date(2015, 3, 15), MONTH, "in March"),
        (
            "Officials said on Sunday that the raid on Friday killed six.",
            MONDAY,
            date(2016, 1, 15),
            DAY,
            "on Friday",
        ),
    ],
)
def test_dates_resolve_expressions(
    sentence: str, published: date, expected: date, precision: TimePrecision, evidence: str
) -> None:
    result = _resolve(sentence, published)
    assert (result.date, result.precision) == (expected, precision)
    assert result.evidence is not None and result.evidence.text == evidence
    assert result.warning is None


@pytest.mark.parametrize(
    ("sentence", "expected", "evidence"),
    [
        # an event date beats a court step's or a statement's, wherever it stands
        ("The suspect was arraigned Wednesday in the killing of a man on Saturday.", date(2016, 1, 16),
         "on Saturday"),
        ("The chief on Friday said the gunman fled on Thursday.", date(2016, 1, 14), "on Thursday"),
        ("On Sunday, detectives released a photo of the man who fired on Wednesday.", date(2016, 1, 13),
         "on Wednesday"),
        ("The boy was shot at a party on Saturday, police said Sunday.", date(2016, 1, 16), "on Saturday"),
        # a clock time is no day of the month
        ("Watch the 2:15 May clip: gunmen attacked the post on Saturday.", date(2016, 1, 16), "on Saturday"),
    ],
)
def test_dates_event_date_beats_asides(sentence: str, expected: date, evidence: str) -> None:
    result = _resolve(sentence, MONDAY)
    assert result.date == expected and result.warning is None
    assert result.evidence is not None and result.evidence.text == evidence


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The strike was reported last week.", date(2016, 1, 14)),
        ("The man appeared in court today.", MONDAY),
        ("His funeral is on Saturday.", date(2016, 1, 16)),
        ("Police said Tuesday that a woman was shot.", date(2016, 1, 12)),
    ],
)
def test_dates_aside_alone_is_used_with_a_warning(sentence: str, expected: date) -> None:
    result = _resolve(sentence, MONDAY)
    assert (result.date, result.warning) == (expected, ASIDE)


@pytest.mark.parametrize(
    "sentence",
    [
        "The hearing is set for February 20, 2016.",  # after publication: not the event's date
        "He was born on 5 May 1900.",  # not a credible year
        "Rebels may attack the base, officials warned.",  # 'may' is no month
        "Fighting continued in the hills.",
    ],
)
def test_dates_fall_back_to_publication_date(sentence: str) -> None:
    result = _resolve(sentence, MONDAY)
    assert (result.date, result.precision, result.evidence) == (MONDAY, DAY, None)
    assert result.warning == "no date in the text; publication date used"


@pytest.mark.parametrize(
    "sentence", ["Rebels stormed the checkpoint on Saturday.", "A man was shot yesterday."]
)
def test_dates_relative_stays_unresolved_without_publication_date(sentence: str) -> None:
    result = _resolve(sentence, None)
    assert (result.date, result.precision) == (None, None)
    assert result.evidence is not None and result.warning is not None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The raid took place on November 3, 2015.", date(2015, 11, 3)),
        ("THE BOMB EXPLODED ON 5 DEC 89 IN LIMA.", date(1989, 12, 5)),
        ("It happened on Saturday, November 7, 2015, at dawn.", date(2015, 11, 7)),
    ],
)
def test_dates_absolute_dates_resolve_without_publication_date(sentence: str, expected: date) -> None:
    assert _resolve(sentence, None).date == expected


def test_dates_no_date_and_no_publication_date() -> None:
    result = _resolve("Fighting continued in the hills.", None)
    assert (result.date, result.precision, result.evidence) == (None, None, None)
    assert result.warning


def test_dates_evidence_offsets_point_into_the_text() -> None:
    text = "Headline here.\n\nA car bomb exploded on Tuesday in the square."
    start = text.index("A car")
    sentence = Sentence(start=start, end=len(text), text=text[start:])
    result = resolve_event_date([sentence], text=text, document_id="doc-1", published=MONDAY)
    assert result.date == date(2016, 1, 12)
    assert result.evidence is not None and result.evidence.document_id == "doc-1"
    assert text[result.evidence.start : result.evidence.end] == "on Tuesday"


@pytest.mark.parametrize(
    ("text", "sentence", "expected", "evidence"),
    [
        # the day is stated once, before the event's sentence
        ("Shots rang out around 10 p.m. Saturday. Two men were found wounded.", 1, date(2016, 1, 16), "Saturday"),
        # or only after it (a lead without a date)
        ("Two men were found wounded. It happened on Saturday near the bridge.", 0, date(2016, 1, 16),
         "on Saturday"),
        # a date of a statement is not the event's
        ("Police said on Sunday that two men were hurt. Two men were found wounded.", 1, MONDAY, None),
    ],
)
def test_dates_nearest_date_in_the_text_when_the_sentences_state_none(
    text: str, sentence: int, expected: date, evidence: str | None
) -> None:
    first_end = text.index(". ") + 1
    spans = [(0, first_end), (first_end + 1, len(text))]
    start, end = spans[sentence]
    result = resolve_event_date(
        [Sentence(start=start, end=end, text=text[start:end])], text=text, document_id="d", published=MONDAY
    )
    assert result.date == expected
    assert (result.evidence.text if result.evidence else None) == evidence


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("Fri 07 Apr 2017 at 0914 Governor says strike caused deaths", date(2017, 4, 7)),
        ("   SAN SALVADOR, 3 JAN 90 (ACAN-EFE) -- [TEXT] A REPORT", date(1990, 1, 3)),
        ("Published April 2 2017 Rockets hit the old city", date(2017, 4, 2)),
        ("Last updated at Jul 012016 11:20 Clashes resume", date(2016, 7, 1)),
        ("24.08.2013 Shelling resumes in the east", date(2013, 8, 24)),
        ("30-11-2014 Fighters killed in border town", date(2014, 11, 30)),
        ("January 18, 2016 Rebels advance", date(2016, 1, 18)),
        ("Monday 18 January 2016 Rebels advance", date(2016, 1, 18)),
        ("Posted on August 12 2016 by a correspondent", date(2016, 8, 12)),
        ("   LIMA, NO DATE -- [TEXT] THE POLICE", None),
        ("Five killed 5 December 12 people hurt", None),
        ("No date in this head at all", None),
    ],
)
def test_dates_find_text_date(head: str, expected: date | None) -> None:
    assert find_text_date(head) == expected


@pytest.mark.parametrize(
    "sentence",
    ["The shelling began 100000 days ago.", "Rebels took the town on June 5, 1900.", "Troops left on 3 March 2091."],
)
def test_dates_incredible_dates_fall_back_to_publication(sentence: str) -> None:
    resolved = _resolve(sentence, MONDAY)
    assert resolved.date == MONDAY and resolved.evidence is None


@pytest.mark.parametrize(
    ("value", "credible"),
    [(date(2026, 1, 2), True), (date(2026, 1, 3), False), (date(1950, 1, 1), True), (date(1949, 12, 31), False)],
)
def test_dates_credible_publication_dates(value: date, credible: bool) -> None:
    assert is_credible_publication(value, today=date(2026, 1, 1)) is credible


@pytest.mark.corpus
def test_dates_gva_documents_agree_with_gold(shared: Path) -> None:
    """Doc-level sanity check: the first stated date of each article against the incident date."""
    gold = {}
    for line in (shared / "gold/dev/gva.jsonl").read_text(encoding="utf-8").splitlines():
        incident = json.loads(line)
        for doc_id in incident["documents"]:
            gold[doc_id] = date.fromisoformat(incident["events"][0]["event_date"])
    lines = (shared / "corpus/gva/dev.jsonl").read_text(encoding="utf-8").splitlines()
    agree = total = 0
    for line in lines[:300]:
        doc = json.loads(line)
        if not doc.get("published"):
            continue
        result = _resolve(doc["text"], date.fromisoformat(doc["published"]))
        total += 1
        agree += result.date is not None and abs((result.date - gold[doc["id"]]).days) <= 1
    assert agree / total > 0.6
