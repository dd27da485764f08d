"""How the API is served: several worker processes on one port, the settings handed to them, and
exports answered whole or streamed by size; real HTTP on loopback over a synthetic database."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from sitrep.api import ApiSettings, app_from_environment, create_app, serving_environment
from sitrep.errors import ConfigError
from sitrep.settings import load_settings
from tests.loopback import free_port, serve
from tests.store_seed import seed_synthetic

EVENTS = 300


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("serve") / "s.db")
    seed_synthetic(path, EVENTS)
    return path


def _children(pid: int) -> list[int]:
    return [int(c) for task in Path(f"/proc/{pid}/task").iterdir() for c in (task / "children").read_text().split()]


def _get_fresh(base: str, n: int) -> list[httpx.Response]:
    """n GETs of /events at once, each on its own connection (so the kernel spreads them over workers)."""
    def get(_: int) -> httpx.Response:
        return httpx.get(f"{base}/events", params={"limit": 5, "count": True}, timeout=30)
    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(get, range(n)))


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="counts worker processes through Linux /proc")
def test_api_serve_workers_share_the_port(db: str) -> None:
    port = free_port()
    command = [sys.executable, "-m", "sitrep", "serve", "--db", db, "--port", str(port), "--workers", "2"]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while len(_children(server.pid)) < 3 or not _answers(f"http://127.0.0.1:{port}"):
            assert time.monotonic() < deadline and server.poll() is None, "sitrep serve --workers 2 did not start"
            time.sleep(0.2)
        answers = _get_fresh(f"http://127.0.0.1:{port}", 24)
        assert {r.status_code for r in answers} == {200}
        assert {r.json()["total"] for r in answers} == {EVENTS}
        workers = [c for c in _children(server.pid) if "spawn_main" in Path(f"/proc/{c}/cmdline").read_text()]
        assert len(workers) == 2  # besides multiprocessing's resource tracker
    finally:
        server.terminate()
        assert server.wait(timeout=30) == 0


def _answers(base: str) -> bool:
    try:
        return httpx.get(f"{base}/events", params={"limit": 1}, timeout=5).status_code == 200
    except httpx.TransportError:
        return False


def test_api_serve_workers_rebuild_the_app_from_the_parents_settings(db: str,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    settings, api = load_settings(db=db), ApiSettings(token="a-token-of-16-chars", rate=7.5, burst=3)
    for name, value in serving_environment(settings, api).items():
        monkeypatch.setenv(name, value)
    context = app_from_environment().state.context
    assert context.settings == settings and context.token == api.token
    monkeypatch.setenv(next(iter(serving_environment(settings, api))), json.dumps({"settings": {"db": db}}))
    with pytest.raises(ConfigError, match="SITREP_SERVE_SETTINGS"):
        app_from_environment()


def test_api_serve_small_exports_come_whole_and_large_ones_streamed(db: str) -> None:
    app = create_app(load_settings(db=db), api=ApiSettings(rate=0))
    with serve(app) as base, httpx.Client(base_url=base, timeout=60) as http:
        small = http.get("/export/events.csv", params={"country": "Syria", "min_fatalities": 20})
        assert small.status_code == 200 and int(small.headers["content-length"]) == len(small.content)
        large = http.get("/export/events.jsonl")  # several pieces of 64k characters
        assert large.status_code == 200 and "content-length" not in large.headers
        assert large.headers["transfer-encoding"] == "chunked" and len(large.text) > 3 * (1 << 16)
        assert len({json.loads(line)["event_id"] for line in large.text.splitlines()}) == EVENTS
