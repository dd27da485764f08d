"""Open-loop load test of the API on loopback: a constant request rate against /events and /export.

    python bench/load_test.py [--rate 200] [--seconds 60] [--events 10000] [--db /tmp/sitrep-load.db]

Seeds a SQLite database with synthetic events (tests/store_seed.py) unless it already holds that many,
starts `sitrep serve --workers N` on a free 127.0.0.1 port in a subprocess (`--workers`, default 2: one
a core here), and sends `--rate` requests a second for `--seconds` with an asyncio aiohttp client
(a third of httpx's CPU a request, so one client process keeps up with 200 a second here), after
`--warmup` seconds of the same load that are not counted (every worker up, caches warm). The load is
open loop: request i is due at start + i / rate whatever the earlier answers did, and its latency
counts from that due time, so a slow server shows up as latency (requests due while all
`--connections` are busy wait in a queue), never as a quietly lower rate.

The mix: GET /events (limit 50) with a few filter combinations, and (`--export-share` of requests)
GET /export/events.csv with a narrow filter (one country, a few days: a handful of rows).
Every request comes from one client address, so the server's per-client rate limit is set for the run
through SITREP_API_RATE (`--server-rate`, default twice `--rate`; 0 turns it off) and
SITREP_API_BURST (`--server-burst`, default `--rate`); 429 answers are counted apart from errors.
The mix repeats a few queries, so with the server's answer cache on (the default) nearly every answer
comes from it: `--no-cache` (SITREP_API_CACHE_BYTES=0) measures the queries themselves.

Prints requests sent, 2xx, 429s, errors (other statuses and exceptions), p50/p95/p99/max latency overall
and per endpoint, the achieved rate (2xx answers / seconds from the start to the last answer), the
client's own send lag (a late scheduler means the client, not the server, is the bottleneck), the
CPU time of server (all its processes) and client during the run, and the load average. Exits 1 when there was any
error or 429, or the achieved rate fell below 95% of `--rate`.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.api_bench import _ensure, _percentile, _port, _wait

EVENT_QUERIES: tuple[dict[str, str | int], ...] = (
    {"limit": 50},
    {"country": "Syria", "limit": 50},
    {"country": "Nigeria", "event_type": "Battles", "limit": 50},
    {"start": "2024-03-01", "end": "2024-03-31", "limit": 50},
    {"sort": "-fatalities", "min_fatalities": 5, "limit": 50},
    {"actor": "river valley", "admin1": "Borno", "limit": 50},
    {"bbox": "30,-5,50,20", "sort": "event_date", "limit": 50},
    {"q": "Mogadishu", "limit": 50, "offset": 50},
)
EXPORT_QUERIES: tuple[dict[str, str | int], ...] = (
    {"country": "Somalia", "start": "2024-03-01", "end": "2024-03-03"},
    {"country": "Iraq", "start": "2023-07-10", "end": "2023-07-12"},
    {"country": "Mali", "start": "2023-11-20", "end": "2023-11-30", "event_type": "Battles"},
)


@dataclass(frozen=True)
class Planned:
    """One request of the schedule: when it is due (seconds after the start), where, with what."""

    due: float
    path: str
    params: dict[str, str | int]


@dataclass(frozen=True)
class Outcome:
    """What became of one planned request: status (None on an exception), latency, send lag."""

    path: str
    status: int | None
    error: str | None
    latency_ms: float
    lag_ms: float


def plan(rate: float, seconds: float, export_share: float, seed: int) -> list[Planned]:
    """The fixed schedule: `rate` requests a second, each an /events or (by chance) an export query."""
    rng = random.Random(seed)
    schedule = []
    for i in range(round(rate * seconds)):
        if rng.random() < export_share:
            schedule.append(Planned(i / rate, "/export/events.csv", rng.choice(EXPORT_QUERIES)))
        else:
            schedule.append(Planned(i / rate, "/events", rng.choice(EVENT_QUERIES)))
    return schedule


Due = tuple[Planned, float, float]  # a request, its due time (perf_counter) and how late the scheduler queued it


async def _send(client: aiohttp.ClientSession, item: Planned, due: float, lag_ms: float, timeout: float) -> Outcome:
    """Send one request and read the whole answer, or give up on it when it already waited `timeout`
    seconds past its due time."""
    status: int | None = None
    error: str | None = None
    if time.perf_counter() - due > timeout:
        error = "Timeout (never sent)"
    else:
        try:
            async with client.get(item.path, params=item.params) as response:
                await response.read()
                status = response.status
        except (aiohttp.ClientError, TimeoutError) as err:
            error = type(err).__name__
    return Outcome(item.path, status, error, (time.perf_counter() - due) * 1000, lag_ms)


async def _worker(client: aiohttp.ClientSession, queue: asyncio.Queue[Due | None], timeout: float,
                  outcomes: list[Outcome]) -> None:
    while (entry := await queue.get()) is not None:
        outcomes.append(await _send(client, *entry, timeout))


async def drive(base: str, schedule: list[Planned], *, connections: int, timeout: float) -> tuple[list[Outcome], float]:
    """Send the schedule open loop through `connections` workers (a request due while all are busy waits
    in a queue, its latency still counted from its due time); the outcomes and the seconds from the start
    to the last answer."""
    connector = aiohttp.TCPConnector(limit=connections)
    async with aiohttp.ClientSession(base, connector=connector, timeout=aiohttp.ClientTimeout(total=timeout)) as client:
        queue: asyncio.Queue[Due | None] = asyncio.Queue()
        outcomes: list[Outcome] = []
        workers = [asyncio.create_task(_worker(client, queue, timeout, outcomes)) for _ in range(connections)]
        start = time.perf_counter()
        for item in schedule:
            due = start + item.due
            if (wait := due - time.perf_counter()) > 0:
                await asyncio.sleep(wait)
            queue.put_nowait((item, due, (time.perf_counter() - due) * 1000))
        for _ in workers:
            queue.put_nowait(None)
        await asyncio.gather(*workers)
        return outcomes, time.perf_counter() - start


def _line(name: str, outcomes: list[Outcome]) -> str:
    ms = [o.latency_ms for o in outcomes]
    return (f"{name:<20}{len(ms):>8}{statistics.median(ms):9.1f}{_percentile(ms, 95):9.1f}"
            f"{_percentile(ms, 99):9.1f}{max(ms):9.1f}")


def report(outcomes: list[Outcome], elapsed: float, rate: float) -> bool:
    """Print the figures; True when the run had no error, no 429 and reached 95% of the rate."""
    ok = sum(1 for o in outcomes if o.status is not None and 200 <= o.status < 300)
    limited = sum(1 for o in outcomes if o.status == 429)
    failures = Counter(o.error or str(o.status) for o in outcomes
                       if o.status is None or (o.status != 429 and not 200 <= o.status < 300))
    achieved = ok / elapsed
    lags = [o.lag_ms for o in outcomes]
    print(f"sent {len(outcomes)}, 2xx {ok}, 429 {limited}, errors {sum(failures.values())}"
          + (f" ({dict(failures)})" if failures else ""))
    print(f"achieved {achieved:.1f} req/s of {rate:g} offered ({ok} answered in {elapsed:.1f} s); "
          f"client send lag p99 {_percentile(lags, 99):.1f} ms, max {max(lags):.1f} ms")
    print(f"\n{'latency from due time':<20}{'n':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}")
    for path in sorted({o.path for o in outcomes}):
        print(_line(path, [o for o in outcomes if o.path == path]))
    print(_line("all", outcomes))
    return not failures and not limited and achieved >= 0.95 * rate


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds so far of process `pid` and its live descendants (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    children = [int(c) for task in Path(f"/proc/{pid}/task").iterdir() for c in (task / "children").read_text().split()]
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK") + sum(map(_cpu_seconds, children))


def _server(args: argparse.Namespace, port: int, server_rate: float, server_burst: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "SITREP_API_RATE": str(server_rate), "SITREP_API_BURST": str(server_burst),
           **({"SITREP_API_CACHE_BYTES": "0"} if args.no_cache else {})}
    command = [sys.executable, "-m", "sitrep", "serve", "--db", args.db, "--port", str(port),
               "--workers", str(args.workers)]
    return subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rate", type=float, default=200.0, help="requests a second offered (default 200)")
    parser.add_argument("--seconds", type=float, default=60.0, help="length of the run (default 60)")
    parser.add_argument("--events", type=int, default=10_000, help="synthetic events in the database (default 10000)")
    parser.add_argument("--db", default="/tmp/sitrep-load.db", help="SQLite file, seeded when it lacks --events")
    parser.add_argument("--export-share", type=float, default=0.2, help="share of requests that are CSV exports")
    parser.add_argument("--server-rate", type=float, help="SITREP_API_RATE for the server (default 2 x --rate; 0: off)")
    parser.add_argument("--server-burst", type=int, help="SITREP_API_BURST for the server (default --rate)")
    parser.add_argument("--workers", type=int, default=2, help="`sitrep serve --workers` (default 2)")
    parser.add_argument("--no-cache", action="store_true", help="turn the server's answer cache off")
    parser.add_argument("--connections", type=int, default=100, help="concurrent connections (default 100)")
    parser.add_argument("--timeout", type=float, default=30.0,
                        help="a request still unsent this long after its due time, or whose connect or read "
                             "takes longer, fails (seconds, default 30)")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds of uncounted load first (default 3)")
    parser.add_argument("--seed", type=int, default=7, help="seed of the request mix")
    return parser.parse_args()


def main() -> None:
    args = _arguments()
    server_rate = 2 * args.rate if args.server_rate is None else args.server_rate
    server_burst = args.server_burst or max(1, round(args.rate))
    _ensure(args.db, args.events)
    port = _port()
    schedule = plan(args.rate, args.seconds, args.export_share, args.seed)
    server = _server(args, port, server_rate, server_burst)
    load_before = os.getloadavg()[0]
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
            _wait(client, server)
        warmup = plan(args.rate, args.warmup, args.export_share, args.seed + 1)
        asyncio.run(drive(f"http://127.0.0.1:{port}", warmup, connections=args.connections, timeout=args.timeout))
        cpu_before = _cpu_seconds(server.pid), time.process_time()
        outcomes, elapsed = asyncio.run(drive(f"http://127.0.0.1:{port}", schedule,
                                              connections=args.connections, timeout=args.timeout))
        cpu = _cpu_seconds(server.pid) - cpu_before[0], time.process_time() - cpu_before[1]
    finally:
        server.terminate()
        server.wait(timeout=10)
    answered = sum(1 for o in outcomes if o.status is not None) or 1
    print(f"{args.events} events in SQLite; `sitrep serve --workers {args.workers}` "
          f"(answer cache {'off' if args.no_cache else 'on'}) on loopback, aiohttp open loop; "
          f"SITREP_API_RATE={server_rate:g} SITREP_API_BURST={server_burst}; {platform.machine()}, "
          f"{os.cpu_count()} cores, load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after; "
          f"CPU during the run: server {cpu[0]:.1f} s, client {cpu[1]:.1f} s "
          f"({cpu[0] / answered * 1000:.1f} and {cpu[1] / answered * 1000:.1f} ms an answered request)\n")
    if not report(outcomes, elapsed, args.rate):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
