from __future__ import annotations

from datetime import date

import pytest

from sitrep.documents import DocumentOptions, load_chrome_rules, strip_chrome, to_document
from sitrep.errors import InputError
from sitrep.records import RawInput

ARTICLE = (
    "Rebels shell army base\n\n"
    "Fighters of the group. File photo\n\n"
    "HOMS – Rebel fighters on Friday shelled an army base north of the city, killing four soldiers.\n\n"
    "The army said it responded with artillery fire on the rebels' positions.\n\n"
    "Reporting by: Jane Doe and John Roe\n\n"
    "Source: Example Wire\n\n"
    "Follow us on Twitter :\n"
    "  • Short link :\n\n"
    "Leave a comment\n\n"
    "three × 4 =\n\n"
    "Some comment text that must go too."
)
PAGE = """<!doctype html><html><head><title>Army shells rebel town | Example Post</title>
<meta property="og:site_name" content="Example Post">
<meta property="article:published_time" content="2021-03-04T10:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<div class="cookie">We use cookies to improve your experience. Accept cookies</div>
<article><h1>Army shells rebel town</h1><p class="byline">By Sam Writer</p>
<p>Government artillery shelled the rebel-held town of Example on Wednesday, killing three civilians, a
local official said. The shelling continued for several hours and damaged a school.</p>
<p>Residents said many families had fled towards the border since the start of the week.</p>
</article><div class="share">Share on Facebook Tweet</div>
<section class="comments"><h3>Leave a comment</h3><form>two + 2 = <input></form></section>
<footer>Copyright 2021 Example Post. All rights reserved.</footer></body></html>"""


def test_documents_strip_chrome_drops_trailers_and_keeps_byline() -> None:
    cleaned = strip_chrome(ARTICLE, rules=load_chrome_rules())
    assert "killing four soldiers" in cleaned.text
    assert "responded with artillery" in cleaned.text
    for chrome in ("File photo", "Short link", "Twitter", "Leave a comment", "×", "comment text", "Reporting by"):
        assert chrome not in cleaned.text
    assert cleaned.byline == "Jane Doe and John Roe"
    assert cleaned.outlet == "Example Wire"


def test_documents_text_input_metadata_and_dateline() -> None:
    raw = RawInput(id="t", source="t.txt", text=ARTICLE)
    doc = to_document(raw, options=DocumentOptions(published=date(2020, 5, 1)))
    assert doc.dateline == "HOMS"
    assert doc.published == date(2020, 5, 1) and doc.published_from == "option"
    assert doc.outlet == "Example Wire"


def test_documents_html_page_uses_trafilatura_and_page_metadata() -> None:
    doc = to_document(RawInput(id="p", source="p.html", html=PAGE), options=DocumentOptions())
    assert "killing three civilians" in doc.text
    for chrome in ("cookies", "Share on Facebook", "Leave a comment", "Copyright", "Home"):
        assert chrome not in doc.text
    assert doc.published == date(2021, 3, 4) and doc.published_from == "metadata"
    assert doc.title and "Army shells rebel town" in doc.title


def test_documents_input_date_wins_over_metadata() -> None:
    raw = RawInput(id="p", source="p", html=PAGE, published=date(2021, 3, 5))
    assert to_document(raw, options=DocumentOptions()).published_from == "input"


@pytest.mark.parametrize("body", ["", "   ", "Leave a comment\n\nfive × 5 =", "<html><body></body></html>"])
def test_documents_empty_pages_raise_input_error(body: str) -> None:
    raw = RawInput(id="e", source="e", html=body) if body.startswith("<") else RawInput(id="e", source="e", text=body)
    with pytest.raises(InputError, match="no article text"):
        to_document(raw, options=DocumentOptions())


def test_documents_text_in_scripts_without_spaces_counts_its_characters() -> None:
    text = "星期六，武装分子袭击了该国北部的一个警察检查站，打死两名警察。"
    assert to_document(RawInput(id="zh", source="zh", text=text), options=DocumentOptions()).text == text


def test_documents_html_fragment_is_read_as_a_page() -> None:
    body = "Gunmen attacked a police post near the border on Saturday, killing two officers, officials said."
    doc = to_document(RawInput(id="f", source="f", html=f"<p>{body}</p>"), options=DocumentOptions())
    assert doc.text == body


@pytest.mark.parametrize("stated", ["2999-03-04T10:00:00Z", "1900-03-04T10:00:00Z"])
def test_documents_incredible_page_dates_are_not_the_publication_date(stated: str) -> None:
    page = PAGE.replace("2021-03-04T10:00:00Z", stated).replace("Copyright 2021", "Copyright")
    doc = to_document(RawInput(id="p", source="p", html=page), options=DocumentOptions(published=date(2021, 3, 5)))
    assert doc.published == date(2021, 3, 5) and doc.published_from == "option"


def test_documents_copyright_year_does_not_beat_the_given_date() -> None:
    page = PAGE.replace('<meta property="article:published_time" content="2021-03-04T10:00:00Z">', "")
    given = to_document(RawInput(id="p", source="p", html=page), options=DocumentOptions(published=date(2021, 6, 9)))
    assert (given.published, given.published_from) == (date(2021, 6, 9), "option")
    guessed = to_document(RawInput(id="p", source="p", html=page), options=DocumentOptions())
    assert (guessed.published, guessed.published_from) == (date(2021, 1, 1), "metadata")
