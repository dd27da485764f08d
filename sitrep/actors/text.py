"""The keys actor phrases are matched on: text folded one character for one, squashed to letters and digits."""

from __future__ import annotations

import unicodedata

_FOLD = {"’": "'", "‘": "'", "`": "'", "´": "'", "‐": "-", "‑": "-", "–": "-", "—": "-"}


def squash(text: str) -> str:
    """Lower-case letters and digits only: the key phrases are matched on ("al-Nusra" -> "alnusra")."""
    return "".join(c for c in fold(text).lower() if c.isalnum())


def fold(text: str) -> str:
    """Accents and typographic quotes folded, one character for one, so offsets carry over."""
    if text.isascii():
        return text
    return "".join(c if c.isascii() else _fold_char(c) for c in text)


def _fold_char(c: str) -> str:
    if c in _FOLD:
        return _FOLD[c]
    stripped = "".join(b for b in unicodedata.normalize("NFKD", c) if not unicodedata.combining(b))
    return stripped if len(stripped) == 1 else c


def split_words(phrase: str) -> list[str]:
    """The runs of letters and digits of a phrase ("U.S.-led" -> ["U", "S", "led"])."""
    return "".join(c if c.isalnum() else " " for c in phrase).split()
