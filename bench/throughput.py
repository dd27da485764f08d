"""Throughput: sitrep end to end vs bare spaCy `nlp.pipe` on the same texts, with peak memory.

    python bench/throughput.py [--shared ../shared] [--corpora gva fakes ...] [--limit N] [--workers N]
                               [--profile]

sitrep runs as a batch (every document, then the cross-document merge), in this process or,
with `--workers N`, in the library's pool of N worker processes (`sitrep.scaleout`). The bare spaCy
baseline is the full model (every component) over the same texts with `nlp.pipe`, in one process
and, with `--workers N`, also with `n_process=N`. Prints articles/second, their ratio
(sitrep / spaCy), the peak memory (this process, plus each worker at the largest worker's peak)
and, with `--profile`, the time per stage.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import time
from pathlib import Path

import spacy

from sitrep.analysis import MODEL_NAMES
from sitrep.dedup import merge_events
from sitrep.profiling import StageTotals
from sitrep.records import RawInput, UnreadableInput
from sitrep.scaleout import open_runner
from sitrep.settings import Settings, load_settings
from sitrep.sources import read_inputs


def peak_rss_mb(workers: int) -> float:
    """Peak memory of this process plus `workers` children at the largest child's peak."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss if workers > 1 else 0
    return (own + workers * children) / 1024


def texts_of(paths: list[Path], limit: int) -> list[str]:
    out = []
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            out += [json.loads(line).get("text") or "" for line in handle][:limit]
    return out


class Rate:
    """Articles per second of wall-clock time, and per second of this process's CPU time (which
    other programs on a busy machine disturb less)."""

    def __init__(self, articles: int) -> None:
        self.articles = articles
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def stop(self) -> Rate:
        self.wall = self.articles / (time.perf_counter() - self.wall)
        self.cpu = self.articles / (time.process_time() - self.cpu)
        return self


def sitrep_rate(items: list[RawInput | UnreadableInput], settings: Settings, totals: StageTotals) -> tuple[Rate, int]:
    """Articles per second of a whole batch (every document, then the merge) and the number of
    merged events; the model loading (in each worker) is done before the clock starts."""
    with open_runner(settings) as runner:
        for _ in runner(items[: 4 * settings.workers]):
            pass
        rate = Rate(len(items))
        results = list(runner(items))
        merged = merge_events(e for r in results for e in r.events)
        rate.stop()
    for result in results:
        totals.add(result)
    return rate, len(merged)


def spacy_rate(texts: list[str], *, model: str | None, n_process: int) -> Rate:
    """Articles per second of the full spaCy pipeline (every component) over the texts."""
    nlp = spacy.load(model or MODEL_NAMES[-1])
    list(nlp.pipe(texts[:5]))
    rate = Rate(len(texts))
    for _ in nlp.pipe(texts, batch_size=32, n_process=n_process):
        pass
    return rate.stop()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--corpora", nargs="+", default=["gva", "fakes", "muc4", "case2021"])
    ap.add_argument("--limit", type=int, default=200, help="documents per corpus")
    ap.add_argument("--workers", type=int, default=1, help="sitrep worker processes")
    ap.add_argument("--profile", action="store_true", help="print the time per stage")
    args = ap.parse_args()
    paths = [args.shared / "corpus" / name / "dev.jsonl" for name in args.corpora]
    settings = load_settings(db=":memory:", workers=args.workers)
    items = []
    for path in paths:
        items += list(read_inputs([str(path)], max_bytes=settings.max_bytes))[: args.limit]
    totals = StageTotals()
    rate, events = sitrep_rate(items, settings, totals)
    peak = peak_rss_mb(args.workers)
    texts = texts_of(paths, args.limit)
    bare = spacy_rate(texts, model=settings.model, n_process=1)
    print(f"machine: {platform.machine()} {platform.processor() or ''} ({os.cpu_count()} cores)")
    print(f"documents: {len(items)} from {', '.join(args.corpora)}; merged events: {events}")
    single = args.workers == 1
    cpu = f" ({rate.cpu:.1f} per CPU-second)" if single else ""
    print(f"sitrep end to end ({args.workers} worker(s)): {rate.wall:.1f} articles/s{cpu}")
    print(f"bare spaCy nlp.pipe (all components, 1 process): {bare.wall:.1f} articles/s "
          f"({bare.cpu:.1f} per CPU-second)")
    by_cpu = f" (by CPU time: {rate.cpu / bare.cpu:.2f})" if single else ""
    print(f"ratio sitrep/spaCy: {rate.wall / bare.wall:.2f}{by_cpu}")
    if args.workers > 1:
        parallel = spacy_rate(texts, model=settings.model, n_process=args.workers)
        print(f"bare spaCy nlp.pipe (all components, n_process={args.workers}): {parallel.wall:.1f} articles/s; "
              f"ratio {rate.wall / parallel.wall:.2f}")
    print(f"peak memory of sitrep: {peak:.0f} MB")
    if args.profile:
        print("\n".join(totals.table()))


if __name__ == "__main__":
    main()
