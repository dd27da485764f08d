"""A real HTTP server on loopback for the fetch, feed and watch tests.

`serving(routes)` runs a threaded `http.server` in the background and yields a `Site`: its base
URL and the log of the requests it answered. A route is a fixed `Reply` or a list of replies
given in turn (the last one repeats), so "500, then 200" is `[Reply(status=500), Reply(...)]`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Reply:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    delay: float = 0.0  # seconds before answering
    declare_length: bool = True


@dataclass(frozen=True)
class Hit:
    path: str
    at: float
    user_agent: str


@dataclass
class Site:
    base: str
    hits: list[Hit] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path

    def paths(self) -> list[str]:
        return [h.path for h in self.hits]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False


@contextmanager
def serving(routes: dict[str, Reply | list[Reply]]) -> Iterator[Site]:
    """The routes served on 127.0.0.1 at a free port for the duration of the block."""
    given: dict[str, int] = {}
    lock = threading.Lock()
    site = Site(base="")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            with lock:
                site.hits.append(Hit(self.path, time.monotonic(), self.headers.get("User-Agent", "")))
                route = routes.get(self.path, Reply(body=b"not found", status=404, content_type="text/plain"))
                turn = given.get(self.path, 0)
                given[self.path] = turn + 1
            reply = route[min(turn, len(route) - 1)] if isinstance(route, list) else route
            time.sleep(reply.delay)
            try:
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.content_type)
                if reply.declare_length:
                    self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout test)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = _Server(("127.0.0.1", 0), Handler)
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
