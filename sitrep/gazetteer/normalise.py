"""Name keys under which gazetteer names are indexed and looked up.

Two keys, one strict and one loose:

- `strict_key` folds case, diacritics and punctuation: "Deir ez-Zor" == "DEIR EZZOR".
- `normalise_name` also folds the usual transliteration variants of one name, so
  "Deir ez-Zor" == "Dayr az-Zawr" == "Deir al-Zour": Arabic articles (al-, el-, az-, ash-, ...)
  are dropped, including the assimilated form glued to the next word ("Ezzor" -> "Zor"); every
  run of vowels becomes "a" (ou/u, ee/i, ei/ay, aw/o meet); kh/gh/dh/q become k/g/d/k; doubled
  letters are written once; a final "h" after a vowel goes ("Raqqah" == "Raqqa").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_ARTICLES = frozenset(
    "al el il ul ad ed ar er as es az ez ash esh at et ath an en dh adh aj ag ak".split()  # noqa: SIM905
)
_LETTER_MAP = str.maketrans({
    "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i", "ß": "ss",
})
_MARKS = frozenset("'’‘ʿʾ`´ʻʼ")
_TOKEN = re.compile(r"[^\W_]+")
_DIGRAPHS = (("kh", "k"), ("gh", "g"), ("dh", "d"), ("q", "k"), ("ck", "k"))
_VOWEL_RUN = re.compile(r"[aeiou](?:[aeiouyw])*")
_DOUBLE = re.compile(r"(.)\1+")
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}  # before another word only


def fold(text: str) -> str:
    """Lower case with diacritics, apostrophes and ayin/hamza marks removed."""
    if text.isascii():
        return text.lower().replace("'", "").replace("`", "")
    decomposed = unicodedata.normalize("NFKD", text.casefold()).translate(_LETTER_MAP)  # 'ǣ' -> 'æ' + mark -> 'ae'
    return "".join(c for c in decomposed if not unicodedata.combining(c) and c not in _MARKS)


def _tokens(text: str) -> list[str]:
    """The folded words of a name, abbreviations spelled out: "St. Marc" -> ["saint", "marc"]."""
    tokens = _TOKEN.findall(fold(text))
    return [_ABBREVIATIONS.get(t, t) for t in tokens[:-1]] + tokens[-1:]


@lru_cache(maxsize=1 << 16)
def strict_key(text: str) -> str:
    """Case, diacritics, spaces and punctuation folded, "St."/"Mt."/"Ft." spelled out:
    'Deir ez-Zor' -> 'deirezzor', 'St. Marc' -> 'saintmarc'."""
    return "".join(_tokens(text))


def _strip_articles(tokens: list[str]) -> list[str]:
    """Drop Arabic articles, free-standing or assimilated into the next word."""
    kept = [t for i, t in enumerate(tokens) if not (t in _ARTICLES and i < len(tokens) - 1)]
    out = []
    for i, token in enumerate(kept or tokens):
        glued = i > 0 and len(token) > 4 and token[0] in "ae" and token[1] == token[2] and token[1].isalpha()
        out.append(token[2:] if glued and token[1] not in "aeiou" else token)
    return out


@lru_cache(maxsize=1 << 18)
def _skeleton(token: str) -> str:
    """One token with its transliteration variants folded."""
    for digraph, single in _DIGRAPHS:
        token = token.replace(digraph, single)
    token = _VOWEL_RUN.sub("a", token)
    if len(token) > 2 and token.endswith("ah"):
        token = token[:-1]
    return _DOUBLE.sub(r"\1", token)


def normalise_name(text: str) -> str:
    """The loose key: transliteration variants of one place name give the same string."""
    return _loose(_tokens(text))


def _loose(tokens: list[str]) -> str:
    """Each word folded, then the joined key once more, so a key is its own key ('A-A' -> 'a')."""
    return _skeleton("".join(_skeleton(t) for t in _strip_articles(tokens)))


def name_keys(text: str) -> tuple[str, str]:
    """Both keys of a name at once: (strict_key, normalise_name)."""
    tokens = _tokens(text)
    return "".join(tokens), _loose(tokens)
