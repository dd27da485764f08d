"""A cache of whole GET answers (plain ASGI middleware), keyed by path and normalised query and
emptied as soon as the database changes: SQLite's `PRAGMA data_version` on a connection of its own
moves with every commit made by any other connection, in this process or another (another worker,
`sitrep extract` into the same file). Other databases have no such cheap signal: no cache."""

from __future__ import annotations

import sqlite3
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode

from sqlalchemy import Engine
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CACHED_PATHS = ("/events", "/points", "/stats", "/documents/", "/export/")  # the read API, not the dashboard

Answer = tuple[Message, Message]  # http.response.start, then the one http.response.body


@dataclass(slots=True)
class ResponseCache:
    """Answers by key, least recently used dropped past `max_bytes`; all dropped on a new generation."""

    max_bytes: int
    hits: int = 0
    _entries: OrderedDict[str, tuple[Answer, int]] = field(default_factory=OrderedDict)
    _size: int = 0
    _generation: int | None = None

    def get(self, key: str, generation: int) -> Answer | None:
        """The answer stored under `key` at this generation of the database, or None."""
        self._renew(generation)
        if (entry := self._entries.get(key)) is None:
            return None
        self._entries.move_to_end(key)
        self.hits += 1
        return entry[0]

    def put(self, key: str, generation: int, answer: Answer) -> None:
        """Keep `answer`, made from the database as it was at `generation` (read before the answer was)."""
        size = len(answer[1].get("body", b"")) + sum(len(k) + len(v) for k, v in answer[0].get("headers", ()))
        if generation != self._generation or size > self.max_bytes // 4:
            return
        if (old := self._entries.pop(key, None)) is not None:
            self._size -= old[1]
        self._entries[key] = (answer, size)
        self._size += size
        while self._size > self.max_bytes:
            self._size -= self._entries.popitem(last=False)[1][1]

    def _renew(self, generation: int) -> None:
        if generation != self._generation:
            self._entries.clear()
            self._size = 0
            self._generation = generation


def data_version(engine: Engine) -> Callable[[], int] | None:
    """A counter that changes whenever a commit lands in the engine's SQLite file; None for other
    databases and in-memory SQLite. Cheap (no read of any table); call it from one thread only."""
    path = engine.url.database
    if engine.dialect.name != "sqlite" or not path or path == ":memory:" or path.startswith("file:"):
        return None
    conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    return lambda: int(conn.execute("PRAGMA data_version").fetchone()[0])


def _key(scope: Scope) -> str:
    pairs = sorted(parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True), key=lambda p: p[0])
    return f"{scope['path']}?{urlencode(pairs)}"


class CacheMiddleware:
    """Answers a repeated GET of the read API from the cache while the database is unchanged; stores
    200 answers sent in one piece (a streamed export is never stored)."""

    def __init__(self, app: ASGIApp, *, cache: ResponseCache, generation: Callable[[], int]) -> None:
        self.app = app
        self.cache = cache
        self.generation = generation

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or not scope["path"].startswith(CACHED_PATHS):
            await self.app(scope, receive, send)
            return
        key, generation = _key(scope), self.generation()
        if (answer := self.cache.get(key, generation)) is not None:
            for message in answer:
                await send(message)
            return
        sent: list[Message] = []

        async def keep(message: Message) -> None:
            sent.append(message)
            await send(message)

        await self.app(scope, receive, keep)
        if len(sent) == 2 and sent[0].get("status") == 200 and not sent[1].get("more_body", False):
            self.cache.put(key, generation, (sent[0], sent[1]))
