"""The API over real HTTP on loopback, on a database made by the real pipeline from examples/."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from jsonschema import Draft202012Validator

from sitrep.api import ApiSettings, create_app
from sitrep.export import ACLED_COLUMNS
from sitrep.settings import load_settings
from tests.loopback import free_port, serve
from tests.store_seed import seed_examples

TOKEN = "t0ken-for-the-api-tests"
SCHEMA = Path(__file__).resolve().parent / "data" / "geojson-rfc7946.schema.json"
FILTERS = ("country", "admin1", "event_type", "sub_event_type", "actor", "q", "start", "end", "bbox",
           "min_fatalities", "sort", "limit", "offset")
INJECTIONS = ("' OR '1'='1", "x'; DROP TABLE events; --", "1 OR 1=1", "%' --", "Syria' UNION SELECT record FROM "
              "documents --", "2024-01-01' OR 'a'='a")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, resources: Any) -> str:
    path = str(tmp_path_factory.mktemp("api") / "s.db")
    seed_examples(path, resources)
    return path


@pytest.fixture(scope="module")
def client(db: str, resources: Any) -> Iterator[httpx.Client]:
    app = create_app(load_settings(db=db), api=ApiSettings(token=TOKEN, rate=0), resources=resources)
    with serve(app) as base, httpx.Client(base_url=base, timeout=60) as http:
        yield http


def _total(client: httpx.Client, **params: Any) -> int:
    response = client.get("/events", params={**params, "count": True})
    assert response.status_code == 200, response.text
    return int(response.json()["total"])


def test_api_events_are_paged_sorted_and_filtered(client: httpx.Client) -> None:
    everything = client.get("/events", params={"limit": 1000, "count": True}).json()
    total = everything["total"]
    assert total == len(everything["items"]) > 10 and everything["next_offset"] is None
    assert client.get("/events", params={"limit": 4, "offset": 4}).json()["next_offset"] == 8
    pages = [client.get("/events", params={"limit": 4, "offset": o, "sort": "event_date"}).json()
             for o in range(0, total, 4)]
    dated = [e["event_date"] for p in pages for e in p["items"] if e["event_date"]]
    assert dated == sorted(dated) and sum(len(p["items"]) for p in pages) == total
    battles = client.get("/events", params={"event_type": "Battles", "limit": 1000}).json()["items"]
    assert battles and {e["event_type"] for e in battles} == {"Battles"}
    assert _total(client, min_fatalities=1) == sum(1 for e in everything["items"] if e["fatalities"] >= 1)
    syria = sum(1 for e in everything["items"] if e["country"] == "Syria")
    assert _total(client, country="Syria") == syria == _total(client, bbox="35,32,43,38", q="syria") > 0


def test_api_event_shows_claims_evidence_and_documents(client: httpx.Client) -> None:
    items = client.get("/events", params={"limit": 1000}).json()["items"]
    claimed = next(e for e in items if any(c["claimed_by"] for c in e["claims"]))
    event = client.get(f"/events/{claimed['event_id']}").json()
    assert event["claims"] == claimed["claims"] and event["evidence"]
    assert [d["id"] for d in event["document_details"]] == sorted(event["documents"])
    document = client.get(f"/documents/{event['documents'][0]}").json()
    mine = [s for s in document["spans"] if s["event_id"] == event["event_id"]]
    assert {s["kind"] for s in mine} == {"evidence", "claim"}
    for span in mine:
        assert document["text"][span["start"]:span["end"]] == span["text"]


def test_api_unknown_ids_are_404_without_internals(client: httpx.Client) -> None:
    for path in ("/events/ev-nothing", "/documents/nothing", "/export/events.xml"):
        response = client.get(path)
        assert response.status_code == 404 and set(response.json()) == {"error", "detail"}


def test_api_stats_count_the_filtered_events(client: httpx.Client) -> None:
    stats = client.get("/stats", params={"top": 100}).json()
    undated = sum(1 for e in client.get("/events", params={"limit": 1000}).json()["items"] if not e["event_date"])
    assert stats["total"] == _total(client) == sum(c["count"] for c in stats["by_day"]) + undated
    assert sum(c["count"] for c in stats["by_type"]) == stats["total"]
    battles = client.get("/stats", params={"event_type": "Battles"}).json()
    assert battles["by_type"] == [{"value": "Battles", "count": _total(client, event_type="Battles")}]


def test_api_exports_apply_the_filters(client: httpx.Client) -> None:
    total = _total(client, event_type="Explosions/Remote violence")
    params = {"event_type": "Explosions/Remote violence"}
    rows = list(csv.reader(io.StringIO(client.get("/export/events.csv", params=params).text)))
    assert tuple(rows[0]) == ACLED_COLUMNS and len(rows) == total + 1
    lines = client.get("/export/events.jsonl", params=params).text.splitlines()
    assert len(lines) == total and {json.loads(x)["event_type"] for x in lines} == set(params.values())
    geo = client.get("/export/events.geojson", params=params)
    assert geo.headers["content-type"].startswith("application/geo+json")
    Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(geo.json())
    assert 0 < len(geo.json()["features"]) <= total


@pytest.mark.parametrize("name", FILTERS)
def test_api_sql_injection_through_every_filter_is_inert(client: httpx.Client, name: str) -> None:
    before = _total(client)
    for payload in INJECTIONS:
        for path in ("/events", "/points", "/stats", "/export/events.csv"):
            response = client.get(path, params={name: payload})
            assert response.status_code in (200, 422), (path, name, payload, response.text)
            if response.status_code == 200 and path == "/events" and name not in ("limit", "offset", "sort"):
                assert response.json()["items"] == []
        assert client.get(f"/events/{payload}").status_code == 404
    assert _total(client) == before


def test_api_ingest_needs_the_token(client: httpx.Client) -> None:
    page = {"text": "A bomb exploded in a market in Kandahar on Monday, killing two people, police said."}
    assert client.post("/documents", json=page).status_code == 401
    wrong = client.post("/documents", json=page, headers={"Authorization": "Bearer not-the-token-at-all"})
    assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"


def test_api_ingest_runs_the_pipeline_into_the_store(client: httpx.Client) -> None:
    page = {"id": "api-kandahar", "published": "2024-03-12", "outlet": "Test Wire",
            "text": "Market blast\n\nKANDAHAR – A bomb exploded in a crowded market in Kandahar city on Monday, "
                    "killing four civilians and wounding nine, a provincial police spokesman said."}
    response = client.post("/documents", json=page, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 201, response.text
    result = response.json()
    assert result["id"] == "api-kandahar" and result["status"] == "ok" and result["events"]
    event = client.get(f"/events/{result['events'][0]}").json()
    assert event["country"] == "Afghanistan" and event["fatalities"] == 4
    assert client.get("/documents/api-kandahar").json()["outlet"] == "Test Wire"
    bad = client.post("/documents", json={"title": "no body"}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert bad.status_code == 422 and "html" in bad.json()["detail"]


def test_api_writes_are_off_without_a_token_and_bodies_are_limited(db: str) -> None:
    app = create_app(load_settings(db=db), api=ApiSettings(rate=0, max_body_bytes=1000))
    with serve(app) as base, httpx.Client(base_url=base) as http:
        assert http.post("/documents", json={"text": "x"}).status_code == 403
        big = http.post("/documents", json={"text": "x" * 5000}, headers={"Authorization": f"Bearer {TOKEN}"})
        assert big.status_code == 413


def test_api_rate_limit_answers_429_with_retry_after(db: str) -> None:
    app = create_app(load_settings(db=db), api=ApiSettings(rate=0.5, burst=3))
    with serve(app) as base, httpx.Client(base_url=base) as http:
        codes = [http.get("/stats").status_code for _ in range(5)]
        assert codes[:3] == [200, 200, 200] and codes[3:] == [429, 429]
        limited = http.get("/stats")
        assert int(limited.headers["retry-after"]) >= 1 and limited.json()["error"] == "rate limited"


def test_api_cors_is_off_unless_origins_are_configured(client: httpx.Client, db: str) -> None:
    origin = {"Origin": "http://elsewhere.example"}
    assert "access-control-allow-origin" not in client.get("/events", headers=origin).headers
    app = create_app(load_settings(db=db), api=ApiSettings(rate=0, cors_origins=("http://elsewhere.example",)))
    with serve(app) as base, httpx.Client(base_url=base) as http:
        assert http.get("/events", headers=origin).headers["access-control-allow-origin"] == origin["Origin"]


def test_api_failures_answer_without_stack_traces(tmp_path: Path, db: str) -> None:
    broken = tmp_path / "broken.db"
    with sqlite3.connect(db) as source, sqlite3.connect(broken) as copy:
        source.backup(copy)
        copy.execute("DROP TABLE evidence")
    app = create_app(load_settings(db=str(broken)), api=ApiSettings(rate=0))
    with serve(app) as base, httpx.Client(base_url=base) as http:
        document = http.get("/events", params={"limit": 1}).json()["items"][0]["documents"][0]
        response = http.get(f"/documents/{document}")
    assert response.status_code == 500
    assert response.json()["error"] == "internal error"
    assert "Traceback" not in response.text and "evidence" not in response.text and "sqlite" not in response.text


def test_api_docs_and_dashboard_load_with_no_outside_urls(client: httpx.Client) -> None:
    for page in ("/docs", "/"):
        html = client.get(page).text
        assert "http://" not in html and "https://" not in html
        for asset in [a.split('"')[0] for a in html.split('"/static/')[1:]]:
            assert client.get(f"/static/{asset}").status_code == 200, asset
    spec = client.get("/openapi.json").json()
    assert {"/events", "/events/{event_id}", "/documents", "/stats", "/points"} <= set(spec["paths"])


def test_api_sitrep_serve_answers_on_loopback(db: str) -> None:
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "sitrep", "serve", "--db", db, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/events", params={"limit": 1})
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline and server.poll() is None, "sitrep serve did not start"
                time.sleep(0.2)
        assert response.status_code == 200 and len(response.json()["items"]) == 1
    finally:
        server.terminate()
        server.wait(timeout=10)
