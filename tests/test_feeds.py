from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from sitrep.errors import InputError
from sitrep.feeds import feed_entries, poll_feeds, read_url
from sitrep.fetch import Fetcher, FetchOptions
from sitrep.records import RawInput, UnreadableInput
from tests.http_server import Reply, Site, serving

FAST = FetchOptions(timeout=0.5, retries=0, host_delay=0.0)
PAGE = b"<html><body><article><p>Protesters marched on the ministry on Friday.</p></article></body></html>"


def _rss(base: str, *paths: str) -> bytes:
    items = "".join(
        f"<item><title>Story {n}</title><link>{base}{p}</link><pubDate>Tue, 0{n + 1} Mar 2022 08:00:00 GMT"
        f"</pubDate></item>"
        for n, p in enumerate(paths)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>'.encode()


def _atom(base: str, path: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title>'
        f'<entry><title>Atom story</title><link href="{base}{path}"/><id>tag:x,2022:1</id>'
        "<updated>2022-04-09T23:30:00-02:00</updated></entry></feed>"
    ).encode()


@pytest.fixture()
def site() -> Iterator[Site]:
    routes: dict[str, Reply | list[Reply]] = {}
    with serving(routes) as running:
        routes.update({
            "/rss.xml": Reply(body=_rss(running.base, "/a.html", "/b.html", "/gone.html", "/a.html"),
                              content_type="application/rss+xml"),
            "/atom.xml": Reply(body=_atom(running.base, "/c.html"), content_type="application/atom+xml"),
            "/plain-xml": Reply(body=_rss(running.base, "/c.html"), content_type="text/xml"),
            "/not-a-feed": Reply(body=b"<?xml version='1.0'?><rss><channel", content_type="application/rss+xml"),
            "/a.html": Reply(body=PAGE), "/b.html": Reply(body=PAGE), "/c.html": Reply(body=PAGE),
        })
        yield running


def _read(site: Site, path: str, *, feed: bool = False) -> list[RawInput | UnreadableInput]:
    with Fetcher(FAST) as fetcher:
        return list(read_url(site.url(path), fetcher=fetcher, feed=feed))


def test_feeds_rss_entries_become_pages_with_feed_title_and_date(site: Site) -> None:
    items = _read(site, "/rss.xml")
    assert [i.id for i in items] == [site.url(p) for p in ("/a.html", "/b.html", "/gone.html")]
    first = items[0]
    assert isinstance(first, RawInput) and first.title == "Story 0" and first.published == date(2022, 3, 1)
    assert isinstance(items[2], UnreadableInput) and "HTTP 404" in items[2].error


def test_feeds_atom_entry_date_is_taken_in_utc(site: Site) -> None:
    (item,) = _read(site, "/atom.xml")
    assert isinstance(item, RawInput) and item.published == date(2022, 4, 10)


def test_feeds_xml_served_as_text_xml_is_recognised(site: Site) -> None:
    (item,) = _read(site, "/plain-xml")
    assert item.id == site.url("/c.html")


def test_feeds_page_url_is_read_as_a_page(site: Site) -> None:
    (item,) = _read(site, "/a.html")
    assert isinstance(item, RawInput) and item.html is not None


def test_feeds_feed_flag_refuses_a_page(site: Site) -> None:
    (item,) = _read(site, "/a.html", feed=True)
    assert isinstance(item, UnreadableInput) and "content type text/html" in item.error


def test_feeds_broken_feed_is_one_unreadable_input(site: Site) -> None:
    (item,) = _read(site, "/not-a-feed")
    assert isinstance(item, UnreadableInput) and "not an RSS or Atom feed" in item.error


def test_feeds_poll_skips_seen_urls_and_repeats(site: Site) -> None:
    with Fetcher(FAST) as fetcher:
        items = list(poll_feeds([site.url("/rss.xml"), site.url("/plain-xml"), site.url("/atom.xml")],
                                fetcher=fetcher, seen={site.url("/b.html")}))
    assert [i.id for i in items] == [site.url(p) for p in ("/a.html", "/gone.html", "/c.html")]
    assert site.paths().count("/c.html") == 1


def test_feeds_entries_without_links_are_dropped() -> None:
    body = b'<rss version="2.0"><channel><item><title>No link</title></item></channel></rss>'
    assert feed_entries(body, source="test") == []
    with pytest.raises(InputError, match="not an RSS or Atom feed"):
        feed_entries(b"\x00\x01 not xml at all", source="test")
