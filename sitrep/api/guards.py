"""What stands between a client and the routes: a per-client rate limit (plain ASGI middleware, so a
rejected request never reaches the application) and the write token check."""

from __future__ import annotations

import hmac
import json
import threading
import time
from dataclasses import dataclass, field

from starlette.types import ASGIApp, Receive, Scope, Send


@dataclass(slots=True)
class TokenBucket:
    """`rate` tokens a second up to `burst`, per client; a request takes one token."""

    rate: float
    burst: int
    _state: dict[str, tuple[float, float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    max_clients: int = 10_000  # past this many, clients whose buckets have refilled are forgotten

    def wait_time(self, client: str, *, now: float | None = None) -> float:
        """0 when the client may go ahead (a token is taken), else the seconds until it may."""
        now = time.monotonic() if now is None else now
        with self._lock:
            if len(self._state) > self.max_clients:
                self._forget_full(now)
            tokens, then = self._state.get(client, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - then) * self.rate)
            if tokens >= 1:
                self._state[client] = (tokens - 1, now)
                return 0.0
            self._state[client] = (tokens, now)
            return (1 - tokens) / self.rate

    def _forget_full(self, now: float) -> None:
        refill = self.burst / self.rate
        self._state = {c: (t, at) for c, (t, at) in self._state.items() if now - at < refill}


async def _reply(send: Send, status: int, error: str, detail: str, headers: dict[str, str] | None = None) -> None:
    body = json.dumps({"error": error, "detail": detail}).encode()
    head = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    head += [(k.encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": head})
    await send({"type": "http.response.body", "body": body})


class RateLimitMiddleware:
    """429 with Retry-After once a client (by address) has spent its bucket."""

    def __init__(self, app: ASGIApp, *, bucket: TokenBucket) -> None:
        self.app = app
        self.bucket = bucket

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            client = scope.get("client")
            wait = self.bucket.wait_time(client[0] if client else "unknown")
            if wait > 0:
                await _reply(send, 429, "rate limited", f"too many requests; retry in {wait:.2f} s",
                             {"retry-after": str(max(1, round(wait)))})
                return
        await self.app(scope, receive, send)


def token_matches(header: str | None, token: str) -> bool:
    """Whether an Authorization header carries the token (`Bearer <token>`), compared in constant time."""
    if not header or not header.startswith("Bearer "):
        return False
    return hmac.compare_digest(header.removeprefix("Bearer ").encode(), token.encode())
