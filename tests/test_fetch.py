from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from sitrep.errors import InputError
from sitrep.fetch import USER_AGENT, Fetcher, FetchOptions, fetch_options, fetch_pages
from sitrep.records import RawInput, UnreadableInput
from sitrep.settings import load_settings
from tests.http_server import Reply, Site, serving

PAGE = (b"<html><head><title>Clash near the river</title></head><body><article><p>Gunmen attacked a "
        b"police post near the river crossing on Monday, killing two officers, officials said.</p>"
        b"</article></body></html>")
FAST = FetchOptions(timeout=0.3, retries=1, backoff=0.05, host_delay=0.0, max_bytes=10_000)
ROUTES: dict[str, Reply | list[Reply]] = {
    "/robots.txt": Reply(body=b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"),
    "/page.html": Reply(body=PAGE),
    "/note.txt": Reply(body=b"Troops shelled the village at dawn.", content_type="text/plain"),
    "/slow.html": Reply(body=PAGE, delay=1.0),
    "/flaky.html": [Reply(body=b"busy", status=500), Reply(body=PAGE)],
    "/down.html": Reply(body=b"busy", status=503),
    "/big.html": Reply(body=b"<p>" + b"x" * 20_000 + b"</p>"),
    "/big-undeclared.html": Reply(body=b"<p>" + b"x" * 20_000 + b"</p>", declare_length=False),
    "/photo.png": Reply(body=b"\x89PNG\r\n", content_type="image/png"),
    "/private/page.html": Reply(body=PAGE),
}


@pytest.fixture()
def site() -> Iterator[Site]:
    with serving(ROUTES) as running:
        yield running


def _fetch_one(site: Site, path: str, options: FetchOptions = FAST) -> RawInput | UnreadableInput:
    with Fetcher(options) as fetcher:
        (item,) = fetch_pages([site.url(path)], fetcher=fetcher)
    return item


def test_fetch_page_becomes_html_input_keyed_by_url(site: Site) -> None:
    item = _fetch_one(site, "/page.html")
    assert isinstance(item, RawInput)
    assert item.id == item.url == site.url("/page.html")
    assert item.html is not None and "police post" in item.html


def test_fetch_plain_text_becomes_text_input(site: Site) -> None:
    item = _fetch_one(site, "/note.txt")
    assert isinstance(item, RawInput) and item.text == "Troops shelled the village at dawn." and item.html is None


def test_fetch_sends_sitrep_user_agent(site: Site) -> None:
    _fetch_one(site, "/page.html")
    assert {h.user_agent for h in site.hits} == {USER_AGENT}
    assert USER_AGENT.startswith("sitrep/") and "(+http" in USER_AGENT


def test_fetch_retries_a_server_error_then_succeeds(site: Site) -> None:
    item = _fetch_one(site, "/flaky.html")
    assert isinstance(item, RawInput)
    assert site.paths().count("/flaky.html") == 2


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/missing.html", "HTTP 404"),
        ("/down.html", "gave up after 2 attempts: HTTP 503"),
        ("/slow.html", "gave up after 2 attempts: timed out"),
        ("/big.html", "page too large (20007 bytes > 10000)"),
        ("/big-undeclared.html", "page too large (> 10000 bytes)"),
        ("/photo.png", "content type image/png is not one of"),
        ("/private/page.html", "disallowed by robots.txt"),
    ],
)
def test_fetch_failures_become_unreadable_inputs_with_the_reason(site: Site, path: str, reason: str) -> None:
    item = _fetch_one(site, path)
    assert isinstance(item, UnreadableInput)
    assert item.id == site.url(path)
    assert reason in item.error


def test_fetch_does_not_retry_a_client_error(site: Site) -> None:
    _fetch_one(site, "/missing.html")
    assert site.paths().count("/missing.html") == 1


def test_fetch_robots_txt_is_read_once_per_host_and_can_be_ignored(site: Site) -> None:
    with Fetcher(FAST) as fetcher:
        list(fetch_pages([site.url("/page.html"), site.url("/note.txt")], fetcher=fetcher))
    assert site.paths().count("/robots.txt") == 1
    rude = FetchOptions(timeout=0.3, retries=0, host_delay=0.0, robots=False)
    assert isinstance(_fetch_one(site, "/private/page.html", rude), RawInput)


def test_fetch_waits_between_requests_to_one_host(site: Site) -> None:
    polite = FetchOptions(timeout=1.0, retries=0, host_delay=0.2)
    with Fetcher(polite) as fetcher:
        list(fetch_pages([site.url("/page.html"), site.url("/note.txt")], fetcher=fetcher))
    times = [h.at for h in site.hits]
    assert len(times) == 3  # robots.txt, then the two pages
    assert all(later - earlier >= 0.19 for earlier, later in itertools.pairwise(times))


def test_fetch_rejects_urls_that_are_not_http() -> None:
    with Fetcher(FAST) as fetcher, pytest.raises(InputError, match="not an http"):
        fetcher.fetch("ftp://example.org/file.html")


def test_fetch_options_follow_settings() -> None:
    options = fetch_options(load_settings(fetch_timeout=3, fetch_retries=0, fetch_robots=False))
    assert (options.timeout, options.retries, options.robots, options.user_agent) == (3, 0, False, USER_AGENT)
    own = "newsroom-monitor/2.0 (+mailto:desk@example.org)"
    assert fetch_options(load_settings(fetch_user_agent=own)).user_agent == own


@pytest.mark.parametrize(("robots", "allowed"), [(Reply(status=403), False), (Reply(status=404), True),
                                                  (Reply(status=500), True)])
def test_fetch_robots_txt_answers_read_as_urllib_does(robots: Reply, allowed: bool) -> None:
    with serving({"/robots.txt": robots, "/page.html": Reply(body=PAGE)}) as other:
        item = _fetch_one(other, "/page.html", FetchOptions(timeout=0.5, retries=0, host_delay=0.0))
    assert isinstance(item, RawInput) is allowed
