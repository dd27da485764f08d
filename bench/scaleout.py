"""Scale-out: the per-document stages on a Dask local cluster (2 workers against 1) and a process
pool (2 workers against this process), on the same dev documents, with identical events.

    python bench/scaleout.py [--shared ../shared] [--corpora gva fakes] [--limit N] [--modes ...]

For each mode it prints the start-up time (cluster or pool start and model loads), the time to
process the documents once started, articles/second, the CPU-seconds the processing took in this
process and its workers together (which other programs on a busy machine disturb less than the
wall time), and whether the per-document results and the merged events equal the in-process run's.
Speed-ups compare the processing times. Every run uses
Dask's hash seed (the script re-executes itself under it), so results can be compared exactly.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any

import psutil

from sitrep.dedup import merge_events
from sitrep.export import document_record, event_record
from sitrep.records import DocumentResult, RawInput, UnreadableInput
from sitrep.scaleout import open_runner
from sitrep.settings import Settings, load_settings
from sitrep.sources import read_inputs

Input = RawInput | UnreadableInput
HASH_SEED = "6640"  # the seed Dask gives its workers
MODES: dict[str, dict[str, Any]] = {
    "in-process": {"workers": 1},
    "pool-2": {"workers": 2},
    "dask-1": {"workers": 1, "dask": "local"},
    "dask-2": {"workers": 2, "dask": "local"},
}


def cpu_seconds() -> float:
    """CPU time (user and system) of this process and every live process under it (the workers)."""
    me = psutil.Process()
    total = 0.0
    for process in [me, *me.children(recursive=True)]:
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


def timed_run(settings: Settings, items: list[Input]) -> tuple[float, float, float, list[DocumentResult]]:
    """Start-up seconds, processing seconds, processing CPU-seconds, and the results."""
    started = time.perf_counter()
    with open_runner(settings) as runner:
        ready, cpu = time.perf_counter(), cpu_seconds()
        results = list(runner(items))
        finished, cpu = time.perf_counter(), cpu_seconds() - cpu
    return ready - started, finished - ready, cpu, results


def fingerprint(results: list[DocumentResult]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    merged = merge_events([e for r in results for e in r.events])
    return [document_record(r) for r in results], [event_record(e) for e in merged]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--corpora", nargs="+", default=["gva", "fakes"])
    ap.add_argument("--limit", type=int, default=150, help="documents per corpus")
    ap.add_argument("--modes", nargs="+", default=list(MODES), choices=list(MODES))
    args = ap.parse_args()
    if os.environ.get("PYTHONHASHSEED") != HASH_SEED:
        os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": HASH_SEED})
    items: list[Input] = []
    for name in args.corpora:
        path = args.shared / "corpus" / name / "dev.jsonl"
        items += list(read_inputs([str(path)], max_bytes=20_000_000))[: args.limit]
    print(f"machine: {platform.machine()} ({os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}); "
          f"documents: {len(items)} from {', '.join(args.corpora)}")
    base = load_settings(db=":memory:")
    reference, seconds = None, {}
    for mode in ["in-process", *[m for m in args.modes if m != "in-process"]]:
        startup, work, cpu, results = timed_run(base.model_copy(update=MODES[mode]), items)
        seconds[mode] = work
        prints = fingerprint(results)
        reference = reference or prints
        differing = sum(a != b for a, b in zip(prints[0], reference[0], strict=True))
        same = "identical" if prints == reference else f"DIFFERENT ({differing} documents differ)"
        print(f"{mode:>10}: start-up {startup:6.1f} s, processing {work:6.1f} s, {len(items) / work:5.1f} "
              f"articles/s, {cpu:6.1f} CPU-s ({len(items) / cpu:5.1f} articles/CPU-s); "
              f"{len(prints[1])} merged events, documents and events {same}")
    for faster, slower in (("dask-2", "dask-1"), ("pool-2", "in-process"), ("dask-2", "in-process")):
        if faster in seconds and slower in seconds:
            print(f"speed-up {faster} / {slower}: {seconds[slower] / seconds[faster]:.2f}x")


if __name__ == "__main__":
    main()
