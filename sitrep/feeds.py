"""Feeds -> the pages they link: RSS and Atom (feedparser), and URLs that may be a page or a feed.

An entry's feed title and publication date go onto its page's input, so a page without dated
metadata still gets the date its feed gave it.
"""

from __future__ import annotations

import calendar
import time
from collections.abc import Container, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any

import feedparser  # type: ignore[import-untyped]

from sitrep.errors import InputError
from sitrep.fetch import FEED_TYPES, PAGE_TYPES, Fetched, Fetcher, page_input
from sitrep.records import RawInput, UnreadableInput

Input = RawInput | UnreadableInput


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedEntry:
    """One item of a feed: the page it links and what the feed says about it."""

    url: str
    title: str | None = None
    published: date | None = None


def feed_entries(body: bytes, *, source: str) -> list[FeedEntry]:
    """The linked entries of an RSS or Atom document, in feed order, each URL once."""
    parsed = feedparser.parse(body, sanitize_html=False, resolve_relative_uris=False)
    if parsed.get("bozo") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        raise InputError(f"not an RSS or Atom feed: {problem or 'no entries'}", source=source)
    entries: dict[str, FeedEntry] = {}
    for item in parsed.entries:
        link = item.get("link")
        if isinstance(link, str) and link.startswith(("http://", "https://")) and link not in entries:
            entries[link] = FeedEntry(url=link, title=item.get("title") or None, published=_entry_date(item))
    return list(entries.values())


def _entry_date(item: Any) -> date | None:
    stamp: time.struct_time | None = item.get("published_parsed") or item.get("updated_parsed")
    if stamp is None:
        return None
    return datetime.fromtimestamp(calendar.timegm(stamp), tz=UTC).date()


def is_feed(fetched: Fetched) -> bool:
    """Whether a fetched resource is a feed: by its media type, or an XML body rooted in rss/feed."""
    if fetched.content_type in FEED_TYPES - {"application/xml", "text/xml"}:
        return True
    head = fetched.body[:1024].lstrip().lower()
    return head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head)


def read_url(url: str, *, fetcher: Fetcher, feed: bool = False) -> Iterator[Input]:
    """A page URL's page, or each page a feed URL links (`feed=True`: the URL must be a feed)."""
    try:
        fetched = fetcher.fetch(url, accept=FEED_TYPES if feed else PAGE_TYPES | FEED_TYPES)
        if not (feed or is_feed(fetched)):
            yield page_input(fetched)
            return
        entries = feed_entries(fetched.body, source=url)
    except InputError as err:
        yield UnreadableInput(id=url, source=url, error=err.message)
        return
    yield from entry_pages(entries, fetcher=fetcher)


def entry_pages(entries: Iterable[FeedEntry], *, fetcher: Fetcher) -> Iterator[Input]:
    """Each entry's page, carrying the entry's title and date, or why it could not be fetched."""
    for entry in entries:
        try:
            item = page_input(fetcher.fetch(entry.url))
        except InputError as err:
            yield UnreadableInput(id=entry.url, source=entry.url, error=err.message)
            continue
        if isinstance(item, RawInput):
            item = replace(item, title=item.title or entry.title, published=item.published or entry.published)
        yield item


def poll_feeds(feeds: Sequence[str], *, fetcher: Fetcher, seen: Container[str]) -> Iterator[Input]:
    """The pages of the feeds' entries not in `seen` (each once), or why a feed or page failed."""
    given: set[str] = set()
    for url in feeds:
        try:
            entries = feed_entries(fetcher.fetch(url, accept=FEED_TYPES).body, source=url)
        except InputError as err:
            yield UnreadableInput(id=url, source=url, error=err.message)
            continue
        fresh = [e for e in entries if e.url not in seen and e.url not in given]
        given.update(e.url for e in fresh)
        yield from entry_pages(fresh, fetcher=fetcher)
