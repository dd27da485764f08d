"""URLs -> fetched web pages over HTTP, politely: timeouts, retries with exponential backoff, a
per-host rate limit, robots.txt, size and content-type limits and a user agent naming sitrep.

`Fetcher.fetch` raises `InputError` with the reason a page could not be had; `fetch_pages` turns
that into an `UnreadableInput`, so every URL ends as a document row, never a crash.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from types import TracebackType
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from sitrep import __version__
from sitrep.errors import InputError
from sitrep.records import RawInput, UnreadableInput
from sitrep.settings import Settings
from sitrep.sources import decode

PROJECT_URL = "https://pypi.org/project/sitrep/"
USER_AGENT = f"sitrep/{__version__} (+{PROJECT_URL})"
PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml",
                        "application/xml", "text/xml"})
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchOptions:
    """How politely and how patiently to fetch (from `Settings`, see `fetch_options`)."""

    timeout: float = 10.0
    retries: int = 2
    backoff: float = 0.5
    host_delay: float = 1.0
    max_bytes: int = 5_000_000
    robots: bool = True
    user_agent: str = USER_AGENT


def fetch_options(settings: Settings) -> FetchOptions:
    """The fetch options a run's settings ask for."""
    return FetchOptions(timeout=settings.fetch_timeout, retries=settings.fetch_retries,
                        backoff=settings.fetch_backoff, host_delay=settings.fetch_host_delay,
                        max_bytes=settings.fetch_max_bytes, robots=settings.fetch_robots,
                        user_agent=settings.fetch_user_agent or USER_AGENT)


@dataclass(frozen=True, slots=True, kw_only=True)
class Fetched:
    """One fetched resource: where it ended up, its media type and its body."""

    url: str
    final_url: str
    content_type: str
    body: bytes


@dataclass(slots=True)
class _HostState:
    last_request: float = float("-inf")
    robots: RobotFileParser | None = None


class Fetcher:
    """One HTTP client shared by every fetch of a run; use it as a context manager."""

    def __init__(self, options: FetchOptions | None = None) -> None:
        self.options = options or FetchOptions()
        self._client = httpx.Client(timeout=self.options.timeout, follow_redirects=True,
                                    headers={"User-Agent": self.options.user_agent})
        self._hosts: dict[str, _HostState] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, kind: type[BaseException] | None, err: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Close the connections."""
        self._client.close()

    def fetch(self, url: str, *, accept: frozenset[str] = PAGE_TYPES) -> Fetched:
        """The resource at `url`, if robots.txt allows it, its type is in `accept` and it fits."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise InputError(f"not an http(s) URL: {url!r}", source=url)
        if self.options.robots and not self._allowed(url):
            raise InputError("disallowed by robots.txt", source=url)
        reason = ""
        for attempt in range(self.options.retries + 1):
            if attempt:
                time.sleep(self.options.backoff * 2 ** (attempt - 1))
            try:
                return self._get(url, accept=accept)
            except _Retryable as err:
                reason = str(err)
        raise InputError(f"gave up after {self.options.retries + 1} attempts: {reason}", source=url)

    def _get(self, url: str, *, accept: frozenset[str]) -> Fetched:
        self._wait_for_host(url)
        try:
            with self._client.stream("GET", url) as response:
                if response.status_code in RETRY_STATUSES:
                    raise _Retryable(f"HTTP {response.status_code}")
                if response.status_code >= 400:
                    raise InputError(f"HTTP {response.status_code}", source=url)
                content_type = _media_type(response)
                if content_type not in accept:
                    raise InputError(f"content type {content_type or 'unknown'} is not one of "
                                     f"{', '.join(sorted(accept))}", source=url)
                body = self._read_limited(response, url=url)
                return Fetched(url=url, final_url=str(response.url), content_type=content_type, body=body)
        except httpx.TimeoutException as err:
            raise _Retryable(f"timed out after {self.options.timeout:g} s") from err
        except httpx.TransportError as err:
            raise _Retryable(f"{type(err).__name__}: {err}") from err

    def _read_limited(self, response: httpx.Response, *, url: str) -> bytes:
        limit = self.options.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise InputError(f"page too large ({declared} bytes > {limit})", source=url)
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise InputError(f"page too large (> {limit} bytes)", source=url)
            chunks.append(chunk)
        return b"".join(chunks)

    def _wait_for_host(self, url: str) -> None:
        state = self._host(url)
        wait = state.last_request + self.options.host_delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        state.last_request = time.monotonic()

    def _host(self, url: str) -> _HostState:
        parts = urlsplit(url)
        return self._hosts.setdefault(f"{parts.scheme}://{parts.netloc}", _HostState())

    def _allowed(self, url: str) -> bool:
        state = self._host(url)
        if state.robots is None:
            state.robots = self._robots(url)
        return state.robots.can_fetch(self.options.user_agent, url)

    def _robots(self, url: str) -> RobotFileParser:
        """The host's robots.txt rules, read as `urllib.robotparser` does: 401 or 403 forbids
        everything; a missing (other 4xx) or unreachable robots.txt allows everything."""
        parts = urlsplit(url)
        parser = RobotFileParser()
        lines: list[str] = []
        try:
            self._wait_for_host(url)
            response = self._client.get(f"{parts.scheme}://{parts.netloc}/robots.txt")
        except httpx.HTTPError:
            response = None
        if response is not None and response.status_code in (401, 403):
            lines = ["User-agent: *", "Disallow: /"]
        elif response is not None and response.status_code == 200:
            lines = response.text.splitlines()
        parser.parse(lines)
        return parser


class _Retryable(Exception):
    """A failure worth another try: a timeout, a dropped connection, a 5xx or 429."""


def _media_type(response: httpx.Response) -> str:
    header: str = response.headers.get("content-type", "")
    return header.split(";")[0].strip().lower()


def page_input(fetched: Fetched) -> RawInput | UnreadableInput:
    """A fetched page as an input document, keyed by the URL that was asked for."""
    text = decode(fetched.body)
    if text is None:
        return UnreadableInput(id=fetched.url, source=fetched.url, error="binary or undecodable content")
    if fetched.content_type == "text/plain":
        return RawInput(id=fetched.url, source=fetched.url, url=fetched.final_url, text=text)
    return RawInput(id=fetched.url, source=fetched.url, url=fetched.final_url, html=text)


def fetch_pages(urls: Iterable[str], *, fetcher: Fetcher) -> Iterator[RawInput | UnreadableInput]:
    """Each URL's page as an input document, or the reason it could not be fetched."""
    for url in urls:
        try:
            yield page_input(fetcher.fetch(url))
        except InputError as err:
            yield UnreadableInput(id=url, source=url, error=err.message)
