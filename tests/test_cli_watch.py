"""`sitrep watch` and `sitrep extract` on URLs and feeds, against a real HTTP server on loopback."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.cli import app
from tests.http_server import Reply, Site, serving

runner = CliRunner()
STORY = ("<html><head><title>Attack on the road</title></head><body><article><p>KANDAHAR - Taliban fighters "
         "attacked an army convoy on the highway in Kandahar province on Saturday, killing three soldiers, "
         "a police spokesman said.</p></article></body></html>")


def _rss(base: str, *paths: str) -> Reply:
    items = "".join(f"<item><title>Story</title><link>{base}{p}</link>"
                    "<pubDate>Mon, 14 Jun 2021 09:00:00 GMT</pubDate></item>" for p in paths)
    body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>'
    return Reply(body=body.encode(), content_type="application/rss+xml")


@pytest.fixture()
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    monkeypatch.setenv("SITREP_FETCH_HOST_DELAY", "0")
    monkeypatch.setenv("SITREP_FETCH_RETRIES", "0")
    routes: dict[str, Reply | list[Reply]] = {
        "/one.html": Reply(body=STORY.encode()), "/two.html": Reply(body=STORY.replace("three", "two").encode()),
    }
    with serving(routes) as running:
        routes["/feed.xml"] = _rss(running.base, "/one.html", "/missing.html")
        yield running


def _documents(db: Path) -> dict[str, str]:
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT id, status FROM documents").fetchall())


def test_cli_watch_once_extracts_new_entries_and_skips_seen_ones(site: Site, tmp_path: Path,
                                                                 resources: object) -> None:
    db = tmp_path / "w.db"
    first = runner.invoke(app, ["watch", site.url("/feed.xml"), "--once", "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert _documents(db) == {site.url("/one.html"): "ok", site.url("/missing.html"): "failed"}
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM events").fetchone()[0] >= 1
    feed = _rss(site.base, "/one.html", "/two.html", "/missing.html")
    with serving({"/feed.xml": feed}) as second_feed:
        second = runner.invoke(app, ["watch", second_feed.url("/feed.xml"), "--once", "--db", str(db)])
    assert second.exit_code == 0, second.output
    assert site.paths().count("/one.html") == 1  # seen: not fetched again
    assert site.paths().count("/missing.html") == 2  # failed: tried again
    assert _documents(db)[site.url("/two.html")] == "ok"


def test_cli_extract_takes_urls_and_feeds_and_records_failed_fetches(site: Site, tmp_path: Path,
                                                                     resources: object) -> None:
    docs = tmp_path / "d.jsonl"
    result = runner.invoke(app, ["extract", site.url("/two.html"), "http://127.0.0.1:9/refused.html",
                                 "--feed", site.url("/feed.xml"), "--db", str(tmp_path / "x.db"),
                                 "--documents", str(docs), "--quiet"])
    assert result.exit_code == 0, result.output
    rows = {d["id"]: d for d in map(json.loads, docs.read_text().splitlines())}
    assert [rows[site.url(p)]["status"] for p in ("/two.html", "/one.html")] == ["ok", "ok"]
    assert rows[site.url("/one.html")]["published"] == "2021-06-14"
    assert rows[site.url("/missing.html")]["error"] == "HTTP 404"
    assert "ConnectError" in rows["http://127.0.0.1:9/refused.html"]["error"]
