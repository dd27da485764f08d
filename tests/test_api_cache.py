"""The cache of GET answers: repeats come from it, and any commit to the database (from another
connection in this process, or another process) makes the next answer fresh; real HTTP on loopback."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import update

from sitrep.api import ApiSettings, create_app
from sitrep.api.cache import ResponseCache
from sitrep.settings import load_settings
from sitrep.store import tables
from tests.loopback import serve
from tests.store_seed import seed_synthetic

PAGE = {"limit": 3, "sort": "-fatalities", "count": "true"}


@pytest.fixture()
def app(tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    db = str(tmp_path_factory.mktemp("cache") / "s.db")
    seed_synthetic(db, 120)
    return create_app(load_settings(db=db), api=ApiSettings(rate=0))


@pytest.fixture()
def http(app: FastAPI) -> Iterator[httpx.Client]:
    with serve(app) as base, httpx.Client(base_url=base, timeout=30) as client:
        yield client


def _top(http: httpx.Client, **params: str) -> dict[str, object]:
    response = http.get("/events", params=params or PAGE)
    assert response.status_code == 200
    top: dict[str, object] = response.json()["items"][0]
    return top


def test_api_cache_answers_repeats_in_any_parameter_order(app: FastAPI, http: httpx.Client) -> None:
    cache: ResponseCache = app.state.response_cache
    first = http.get("/events", params=PAGE)
    again = http.get("/events", params=dict(reversed(PAGE.items())))
    assert cache.hits == 1 and again.content == first.content and again.headers == first.headers
    http.get("/events", params={**PAGE, "limit": 4})
    http.get("/export/events.jsonl")  # several pieces: streamed, never stored
    http.get("/export/events.jsonl")
    assert cache.hits == 1
    assert http.get("/events/no-such-event").status_code == 404 == http.get("/events/no-such-event").status_code
    assert cache.hits == 1  # errors are not stored


def test_api_cache_is_dropped_by_a_commit_from_this_process(app: FastAPI, http: httpx.Client) -> None:
    top = _top(http)
    with app.state.context.store.engine.begin() as conn:  # the app's own pool: another connection than the cache's
        conn.execute(update(tables.events).where(tables.events.c.event_id == top["event_id"]).values(fatalities=-1))
    assert _top(http)["event_id"] != top["event_id"]


def test_api_cache_is_dropped_by_a_commit_from_another_connection(app: FastAPI, http: httpx.Client) -> None:
    top = _top(http)
    with sqlite3.connect(app.state.context.store.engine.url.database) as conn:
        conn.execute("DELETE FROM event_documents WHERE event_id = ?", (top["event_id"],))
        conn.execute("DELETE FROM claims WHERE event_id = ?", (top["event_id"],))
        conn.execute("DELETE FROM evidence WHERE event_id = ?", (top["event_id"],))
        conn.execute("DELETE FROM events WHERE event_id = ?", (top["event_id"],))
    assert _top(http)["event_id"] != top["event_id"]
    assert http.get(f"/events/{top['event_id']}").status_code == 404


def test_api_cache_drops_the_least_recent_answers_past_its_size() -> None:
    cache = ResponseCache(max_bytes=400)
    answer = ({"type": "http.response.start", "status": 200, "headers": []},
              {"type": "http.response.body", "body": b"x" * 90})
    assert cache.get("a", 1) is None
    for key in "abcde":
        cache.put(key, 1, answer)
    assert cache.get("a", 1) is None and cache.get("b", 1) == answer
    cache.put("f", 1, answer)  # drops c, the least recently used now that b was read
    assert cache.get("c", 1) is None and cache.get("b", 1) == answer
    cache.put("big", 1, ({**answer[0]}, {**answer[1], "body": b"x" * 101}))
    assert cache.get("big", 1) is None  # over a quarter of the cache
    cache.put("old", 0, answer)  # made at an older generation than the cache's
    assert cache.get("old", 1) is None and cache.get("b", 2) is None and cache.get("d", 2) is None
