"""Throughput: sitrep end to end vs bare spaCy `nlp.pipe` on the same texts, with peak memory.

    python bench/throughput.py [--shared ../shared] [--corpora gva fakes ...] [--limit N]

Prints articles/second for both and their ratio (sitrep / spaCy), and the process's peak RSS.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import time
from pathlib import Path

from sitrep.analysis import load_nlp
from sitrep.pipeline import load_resources, run
from sitrep.settings import load_settings
from sitrep.sources import read_inputs


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def texts_of(paths: list[Path], limit: int) -> list[str]:
    out = []
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            out += [json.loads(line).get("text") or "" for line in handle][:limit]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--corpora", nargs="+", default=["gva", "fakes", "muc4", "case2021"])
    ap.add_argument("--limit", type=int, default=200, help="documents per corpus")
    args = ap.parse_args()
    paths = [args.shared / "corpus" / name / "dev.jsonl" for name in args.corpora]
    settings = load_settings(db=":memory:")
    resources = load_resources(settings)
    items = []
    for path in paths:
        items += list(read_inputs([str(path)], max_bytes=settings.max_bytes))[: args.limit]
    started = time.perf_counter()
    events = sum(len(r.events) for r in run(items, settings=settings, resources=resources))
    sitrep_rate = len(items) / (time.perf_counter() - started)
    nlp = load_nlp(settings.model)
    texts = texts_of(paths, args.limit)
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    spacy_rate = len(texts) / (time.perf_counter() - started)
    print(f"machine: {platform.machine()} {platform.processor() or ''} ({__import__('os').cpu_count()} cores)")
    print(f"documents: {len(items)} from {', '.join(args.corpora)}; events: {events}")
    print(f"sitrep end to end: {sitrep_rate:.1f} articles/s")
    print(f"bare spaCy nlp.pipe (all components): {spacy_rate:.1f} articles/s")
    print(f"ratio sitrep/spaCy: {sitrep_rate / spacy_rate:.2f}")
    print(f"peak memory: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
