"""Specs for sitrep.language: the language of a document's text."""

from __future__ import annotations

import pytest

from sitrep.language import detect_language, load_language_detector


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen attacked a police checkpoint on Saturday, killing two officers, officials said.", "en"),
        ("Des hommes armés ont attaqué un poste de police samedi, tuant deux policiers.", "fr"),
        ("هاجم مسلحون نقطة تفتيش للشرطة يوم السبت، مما أسفر عن مقتل اثنين من رجال الشرطة.", "ar"),
        ("В субботу вооружённые люди напали на полицейский пост и убили двух полицейских.", "ru"),
        ("星期六，武装分子袭击了一个警察检查站，打死两名警察。", "zh"),
        ("어제 서울에서 큰 시위가 있었고 경찰이 많은 사람을 체포했습니다.", "ko"),
    ],
)
def test_language_detects_news_languages(text: str, expected: str) -> None:
    assert detect_language(text, detector=load_language_detector()) == expected


@pytest.mark.parametrize("text", ["", "12345 67 89", "!!! ??? ..."])
def test_language_undecidable_text_is_none(text: str) -> None:
    assert detect_language(text, detector=load_language_detector()) is None
