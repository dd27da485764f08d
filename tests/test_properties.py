"""Properties (hypothesis) of the stages that read numbers, dates and place names from free text:
they never crash, never go negative or unbounded, never date an event after its report, and fold
names the same way whatever their case or accents."""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.claims import find_claims
from sitrep.claims.lexicon import load_casualty_lexicon
from sitrep.claims.numbers import MAX_COUNT, parse_number, parse_range
from sitrep.dates import MIN_YEAR, find_text_date, is_credible_publication, resolve_event_date
from sitrep.gazetteer.normalise import normalise_name, strict_key
from sitrep.records import Sentence

COUNT_WORDS = (
    "killed", "were killed", "dead", "died", "wounded", "injured", "were wounded", "killing", "the death toll rose to",
    "at least", "more than", "between", "and", "or", "to", "-", "a", "the", "man", "people", "soldiers", "civilians",
    "no one was hurt", "himself", "10^100", "-5", "a billion", "1e9", "3.7", "99999999999999999999", "0", "1,000,000",
    "thousand", "hundred", "dozens", "several", "twenty-five", "ninety-nine", "police said", '"', "“", "”", ",", ".",
)
DATE_WORDS = (
    "on", "Saturday", "last", "Monday", "week", "month", "weekend", "yesterday", "today", "last night", "ago",
    "two days ago", "100000 days ago", "99999 weeks ago", "in March", "early May", "3 March 2091", "June 5, 1900",
    "31/02/2021", "2021-13-45", "2021-06-13", "5 Dec 89", "December 31, 9999", "the day before yesterday",
    "said on Sunday", "--", "Posted", ":", ",", ".", "\n",
)
# Letters whose accent hides a ligature the folding maps ('Ǣ' is 'Æ' with a macron): a regression case.
UNFOLDED = "ǢǣǼǽǾǿ"
LETTERS = st.characters(categories=("Lu", "Ll", "Lt", "Mn"), max_codepoint=0x2FF) | st.sampled_from(" -'’")
PUBLISHED = st.dates(min_value=date(MIN_YEAR, 1, 1), max_value=date(2100, 12, 31))
SLACK = timedelta(days=1)


def _phrases(words: tuple[str, ...]) -> st.SearchStrategy[str]:
    pieces = st.sampled_from(words) | st.text(max_size=6) | st.integers(-10**30, 10**30).map(str)
    return st.lists(pieces, max_size=30).map(" ".join)


def _whole(text: str) -> list[Sentence]:
    return [Sentence(start=0, end=len(text), text=text)]


@settings(max_examples=300, deadline=None)
@given(_phrases(COUNT_WORDS), st.none() | _phrases(COUNT_WORDS))
def test_properties_claims_are_bounded_and_point_into_the_text(text: str, headline: str | None) -> None:
    for claim in find_claims(_whole(text), text=text, document_id="d", headline=headline):
        assert 0 <= claim.low <= claim.high < MAX_COUNT
        assert 0 <= claim.start <= claim.end <= len(text)
        assert claim.start == claim.end == 0 or claim.text == text[claim.start : claim.end]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(sorted(load_casualty_lexicon().numbers)) | st.sampled_from(("and", "-", "to")),
                max_size=12).map(" ".join))
def test_properties_number_words_never_crash_or_go_negative(words: str) -> None:
    value = parse_number(words)
    assert value is None or 0 <= value[0] <= value[1]
    bounded = parse_range(words)
    assert bounded is None or 0 <= bounded[0] <= bounded[1] < MAX_COUNT


@given(st.integers(min_value=0, max_value=10**60))
def test_properties_digits_are_counts_only_below_the_bound(number: int) -> None:
    value = parse_range(str(number))
    assert value == ((number, number) if 0 < number < MAX_COUNT else None)


@settings(max_examples=300, deadline=None)
@given(_phrases(DATE_WORDS), st.none() | PUBLISHED)
def test_properties_event_dates_never_after_publication(text: str, published: date | None) -> None:
    resolved = resolve_event_date(_whole(text), text=text, document_id="d", published=published)
    if resolved.date is not None:
        assert resolved.date.year >= MIN_YEAR
        assert published is None or resolved.date <= published + SLACK
    assert resolved.date is not None or resolved.warning
    assert resolved.evidence is None or resolved.evidence.text == text[resolved.evidence.start : resolved.evidence.end]


@settings(max_examples=200, deadline=None)
@given(_phrases(DATE_WORDS))
def test_properties_text_dates_are_credible_years(text: str) -> None:
    found = find_text_date(text)
    assert found is None or MIN_YEAR <= found.year <= 2100


@given(st.dates())
def test_properties_credible_publication_window(value: date) -> None:
    today = date(2026, 1, 1)
    expected = date(MIN_YEAR, 1, 1) <= value <= today + SLACK
    assert is_credible_publication(value, today=today) is expected


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@settings(max_examples=500)
@given(st.text(LETTERS, max_size=30))
def test_properties_place_names_fold_case_and_accents(name: str) -> None:
    assert normalise_name(name.upper()) == normalise_name(name.lower()) == normalise_name(name)
    assert normalise_name(_strip_accents(name)) == normalise_name(name)
    assert strict_key(name.upper()) == strict_key(name)


@settings(max_examples=500)
@given(st.text(LETTERS, max_size=30))
def test_properties_place_name_keys_are_idempotent(name: str) -> None:
    assert strict_key(strict_key(name)) == strict_key(name)
    word = strict_key(name)  # one word: the loose key folds each word on its own, then joins them
    assert normalise_name(normalise_name(word)) == normalise_name(word)


@pytest.mark.parametrize("name", ["A-A", "Bab Bab", "Abu Ubaida"])
def test_properties_loose_keys_of_several_words_are_idempotent(name: str) -> None:
    assert normalise_name(normalise_name(name)) == normalise_name(name)


@pytest.mark.parametrize("letter", list(UNFOLDED))
def test_properties_place_names_fold_accented_ligatures(letter: str) -> None:
    assert normalise_name(normalise_name(letter)) == normalise_name(letter) == normalise_name(_strip_accents(letter))
