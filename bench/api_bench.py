"""GET /events latency over real HTTP on loopback: `sitrep serve` in a subprocess, httpx as client.

    python bench/api_bench.py [--events 100000] [--rounds 20] [--db /tmp/sitrep-api-bench.db | postgresql://...]
                               [--no-cache]

Seeds the database with synthetic events (tests/store_seed.py) unless it already holds that many
(the store's migrations create the read-side indexes of sitrep/store/query_indexes.py and the
free-text index of sitrep/store/text_index.py; a PostgreSQL database is seeded only while empty), then
sends a mix of filtered, sorted and paged queries one at a time and prints p50/p95/max per query
and overall, then the same mix with count=true (every match counted). Exits 1 when the overall
p95 of the default requests exceeds the budget (100 ms). The server's response cache answers the
repeats of a query from memory; `--no-cache` turns it off so that every request runs its query.
"""

from __future__ import annotations

import argparse
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sitrep.store import open_store
from tests.store_seed import seed_synthetic

BUDGET_P95_MS = 100.0
QUERIES: dict[str, dict[str, str | int]] = {
    "newest page": {},
    "page 20": {"offset": 2000},
    "oldest first": {"sort": "event_date"},
    "most fatalities": {"sort": "-fatalities"},
    "country": {"country": "Syria"},
    "country + type": {"country": "Nigeria", "event_type": "Battles"},
    "sub-event type": {"sub_event_type": "Air/drone strike"},
    "date range": {"start": "2024-03-01", "end": "2024-03-31"},
    "admin1": {"admin1": "Borno"},
    "actor": {"actor": "river valley"},
    "bbox": {"bbox": "30,-5,50,20"},
    "min fatalities": {"min_fatalities": 10},
    "free text": {"q": "Mogadishu"},
    "free text, rare": {"q": "killing 25 people"},
    "free text, none": {"q": "Timbuktu"},
    "free text, short": {"q": "zq"},
    "everything": {"country": "Somalia", "start": "2023-06-01", "end": "2024-06-01", "min_fatalities": 1,
                   "actor": "militia", "q": "clashed", "bbox": "40,-5,50,10", "limit": 50},
}


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _ensure(db: str, events: int) -> None:
    if "://" in db:  # a database URL (PostgreSQL): seeded only while empty
        held = open_store(db).counts().events
        if held == events:
            return
        if held:
            raise SystemExit(f"{db} holds {held} events, not {events}: give an empty database")
    else:
        if Path(db).exists() and open_store(db).counts().events == events:
            return
        for suffix in ("", "-wal", "-shm"):
            Path(db + suffix).unlink(missing_ok=True)
    started = time.perf_counter()
    seed_synthetic(db, events)
    print(f"seeded {events} events in {time.perf_counter() - started:.1f} s")


def _wait(client: httpx.Client, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and server.poll() is None:
        try:
            client.get("/openapi.json")
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit("the server did not start")


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def measure(base: str, rounds: int, *, count: bool) -> dict[str, list[float]]:
    """Milliseconds per request, by query name; each query `rounds` times, interleaved."""
    times: dict[str, list[float]] = {name: [] for name in QUERIES}
    with httpx.Client(base_url=base, timeout=30) as client:
        for params in QUERIES.values():  # warm-up
            client.get("/events", params={**params, "count": count}).raise_for_status()
        for _ in range(rounds):
            for name, params in QUERIES.items():
                started = time.perf_counter()
                client.get("/events", params={**params, "count": count}).raise_for_status()
                times[name].append((time.perf_counter() - started) * 1000)
    return times


def report(title: str, times: dict[str, list[float]]) -> float:
    """Print the table; return the overall p95."""
    print(f"\n{title}\n{'query':<18}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for name, values in times.items():
        print(f"{name:<18}{statistics.median(values):9.1f}{_percentile(values, 95):9.1f}{max(values):9.1f}")
    everything = [t for values in times.values() for t in values]
    p95 = _percentile(everything, 95)
    print(f"{'all':<18}{statistics.median(everything):9.1f}{p95:9.1f}{max(everything):9.1f}   "
          f"p99 {_percentile(everything, 99):.1f} ms over {len(everything)} requests")
    return p95


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--db", default="/tmp/sitrep-api-bench.db")
    parser.add_argument("--no-cache", action="store_true", help="server without its response cache: every query runs")
    args = parser.parse_args()
    _ensure(args.db, args.events)
    port = _port()
    command = [sys.executable, "-m", "sitrep", "serve", "--db", args.db, "--port", str(port), "--rate", "0"]
    env = {**os.environ, "SITREP_API_CACHE_BYTES": "0"} if args.no_cache else None
    server = subprocess.Popen(command, stderr=subprocess.DEVNULL, env=env)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
            _wait(client, server)
        plain = measure(f"http://127.0.0.1:{port}", args.rounds, count=False)
        counted = measure(f"http://127.0.0.1:{port}", max(1, args.rounds // 4), count=True)
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"GET /events, {args.events} events in {'PostgreSQL' if '://' in args.db else 'SQLite'}; loopback, httpx, "
          f"one request at a time ({platform.machine()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f})")
    p95 = report(f"default (no count), {args.rounds} rounds", plain)
    report("count=true (every match counted)", counted)
    if p95 > BUDGET_P95_MS:
        raise SystemExit(f"p95 {p95:.1f} ms is over the {BUDGET_P95_MS:.0f} ms budget")


if __name__ == "__main__":
    main()
