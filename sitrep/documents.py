"""Page -> clean text and metadata (trafilatura for HTML, a chrome filter for every text)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from urllib.parse import urlparse

from sitrep.dates import is_credible_publication
from sitrep.errors import InputError
from sitrep.records import Document, RawInput

_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z'’.\- ]{2,40}(?:,\s*[A-Z][A-Za-z.\- ]{1,30})?)"
    r"(?:,\s*[^–—\n]{0,40}?)?\s*(?:\([^)\n]{1,40}\)\s*)?(?:–|—|--|-)\s+"
)
_MIN_WORDS = 5
_SPACELESS = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff"  # CJK and Hangul: scripts written without spaces
_WORD = re.compile(rf"[{_SPACELESS}]|[^\s{_SPACELESS}]+")
_DOCUMENT_TAG = re.compile(r"<(?:html|body)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ChromeRule:
    """One line-level rule of the chrome filter (see data/chrome.tsv)."""

    action: str
    pattern: re.Pattern[str]


@cache
def load_chrome_rules() -> tuple[ChromeRule, ...]:
    """The packaged chrome rules."""
    text = resources.files("sitrep.data").joinpath("chrome.tsv").read_text(encoding="utf-8")
    rules = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            action, _, regex = line.partition("\t")
            rules.append(ChromeRule(action, re.compile(regex, re.IGNORECASE)))
    return tuple(rules)


@dataclass(frozen=True, slots=True)
class _Cleaned:
    text: str
    byline: str | None
    outlet: str | None


def _rule_for(line: str, rules: tuple[ChromeRule, ...]) -> tuple[ChromeRule, re.Match[str]] | None:
    stripped = line.strip()
    if not stripped or len(stripped) > 400:
        return None
    for rule in rules:
        if m := rule.pattern.fullmatch(stripped):
            return rule, m
    return None


def strip_chrome(text: str, *, rules: tuple[ChromeRule, ...]) -> _Cleaned:
    """Drop page-chrome lines (and trailers after a comment form); keep bylines as metadata."""
    kept: list[str] = []
    byline = outlet = None
    for line in text.replace("\r\n", "\n").split("\n"):
        hit = _rule_for(line, rules)
        if hit is None:
            kept.append(line)
            continue
        rule, m = hit
        value = m.groupdict().get("value")
        if rule.action == "trailer":
            break
        if rule.action == "byline":
            byline = byline or (value or "").strip() or None
        elif rule.action == "source":
            outlet = outlet or (value or "").strip() or None
    cleaned = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
    return _Cleaned(text=cleaned, byline=byline, outlet=outlet)


def _html_parts(html: str, url: str | None) -> dict[str, str | None]:
    import trafilatura

    if not _DOCUMENT_TAG.search(html):
        html = f"<html><body>{html}</body></html>"  # trafilatura finds no text in a lone fragment
    extracted = trafilatura.bare_extraction(
        html, url=url, include_comments=False, include_tables=False, with_metadata=True
    )
    if extracted is None:
        return {}
    data = extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted)
    return {k: data.get(k) for k in ("text", "title", "author", "date", "sitename", "url", "hostname")}


def _html_date(html: str, *, guess: bool) -> date | None:
    """The page's publication date from its markup and URL; with `guess`, also from looser clues
    (text dates, a copyright year read as 1 January), which come after every stated date."""
    from htmldate import find_date

    found = find_date(html, extensive_search=guess, original_date=True)
    return date.fromisoformat(found) if found else None


def _iso(value: str | None) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _outlet_from_url(url: str | None) -> str | None:
    host = urlparse(url).hostname if url else None
    return re.sub(r"^(www|m)\.", "", host) if host else None


def _dateline(text: str) -> str | None:
    for para in text.split("\n\n")[:6]:
        if m := _DATELINE.match(para.strip()):
            place = m.group("place").strip(" ,")
            if sum(c.isupper() for c in place) >= 3:
                return place
    return None


@dataclass(frozen=True, slots=True)
class DocumentOptions:
    """What to_document needs besides the input: the fallback date and the date finder."""

    published: date | None = None
    find_text_date: Callable[[str], date | None] | None = None


def to_document(raw: RawInput, *, options: DocumentOptions) -> Document:
    """Clean text and metadata of one input; raises InputError when no article text is left."""
    parts = _html_parts(raw.html, raw.url) if raw.html else {}
    body = parts.get("text") or raw.text or ""
    cleaned = strip_chrome(body, rules=load_chrome_rules())
    if not _has_words(cleaned.text, _MIN_WORDS):
        raise InputError("no article text found (empty or chrome-only page)", document_id=raw.id, source=raw.source)
    published, published_from = _publication_date(raw, parts, cleaned.text, options)
    url = raw.url or parts.get("url")
    return Document(
        id=raw.id,
        text=cleaned.text,
        url=url,
        outlet=raw.outlet or parts.get("sitename") or cleaned.outlet or _outlet_from_url(url),
        title=raw.title or parts.get("title") or None,
        published=published,
        published_from=published_from,
        language=raw.language,
        byline=parts.get("author") or cleaned.byline,
        dateline=_dateline(cleaned.text),
    )


def _publication_date(
    raw: RawInput, parts: dict[str, str | None], text: str, options: DocumentOptions
) -> tuple[date | None, str | None]:
    if raw.published:
        return raw.published, "input"
    meta = _credible(_html_date(raw.html, guess=False)) if raw.html else None
    if meta:
        return meta, "metadata"
    in_text = _credible(options.find_text_date(text)) if options.find_text_date else None
    if in_text:
        return in_text, "text"
    if options.published:
        return options.published, "option"
    guessed = _credible(_html_date(raw.html, guess=True)) if raw.html else None
    return (guessed, "metadata") if guessed else (None, None)


def _credible(value: date | None) -> date | None:
    """The date, when a report can have been published on it (not in the future, not before 1950)."""
    return value if value is not None and is_credible_publication(value) else None


def _has_words(text: str, count: int) -> bool:
    """Whether the text has at least `count` words, each CJK or Hangul character counted as one."""
    return sum(1 for _ in itertools.islice(_WORD.finditer(text), count)) >= count
