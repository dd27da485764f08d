"""Language of a document's text (lingua, restricted to the languages news inputs mostly use)."""

from __future__ import annotations

from functools import cache
from typing import Any

LANGUAGES = (
    "ENGLISH", "ARABIC", "FRENCH", "SPANISH", "TURKISH", "PERSIAN", "RUSSIAN", "GERMAN",
    # scripts English is never confused with, so that such pages are skipped under their own name
    "CHINESE", "JAPANESE", "KOREAN", "HEBREW", "UKRAINIAN", "HINDI", "URDU",
)
_SAMPLE_CHARS = 2_000


@cache
def load_language_detector(languages: tuple[str, ...] = LANGUAGES) -> Any:
    """A lingua detector over a restricted language set (built once, ~0.9 s)."""
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(*(getattr(Language, n) for n in languages)).build()


def detect_language(text: str, *, detector: Any) -> str | None:
    """ISO 639-1 code of the text's language, or None when undecidable."""
    found = detector.detect_language_of(text[:_SAMPLE_CHARS])
    return found.iso_code_639_1.name.lower() if found else None
