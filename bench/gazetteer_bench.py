"""Gazetteer speed and size: index build, cached load, look-ups per second, peak memory.

    python bench/gazetteer_bench.py [--build] [--names N]

--build also times a fresh build (20-40 s) into a temporary cache folder. Look-ups are the
place names of the TR-News and GeoVirus gold (read from ../shared at run time), else a built-in
list of spellings, each resolved to its candidates with both keys.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

from sitrep.gazetteer import load_gazetteer
from sitrep.gazetteer.bundled import build_bundled, data_version

SHARED = Path(__file__).resolve().parents[2] / "shared"
FALLBACK = ["Deir ez-Zor", "Dayr az-Zawr", "Raqqa", "Mosul", "Aleppo", "Idlib", "Homs", "Elgin", "Illinois",
            "London", "Paris", "Syria", "Bulacan", "Kentucky", "Hassan", "Qzxwarbi"]


def names(limit: int) -> list[str]:
    """Toponyms to look up: the dev gold's, when ../shared is there."""
    found: list[str] = []
    for corpus in ("trnews", "geovirus"):
        path = SHARED / "gold" / "dev" / f"{corpus}.jsonl"
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                found += [p["text"] for p in json.loads(line).get("places", [])]
    found = found or FALLBACK
    return (found * (limit // len(found) + 1))[:limit]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", action="store_true", help="also time a fresh build")
    ap.add_argument("--names", type=int, default=20_000)
    a = ap.parse_args()
    if a.build:
        t, cpu = time.perf_counter(), time.process_time()
        build_bundled(data_version())
        print(f"build: {time.perf_counter() - t:.1f} s ({time.process_time() - cpu:.1f} CPU s), "
              f"peak {peak_mb():.0f} MB")
    load_gazetteer()  # make sure the cache exists before timing a load
    t, cpu = time.perf_counter(), time.process_time()
    gazetteer = load_gazetteer()
    print(f"load from cache: {time.perf_counter() - t:.2f} s ({time.process_time() - cpu:.2f} CPU s), "
          f"{len(gazetteer):,} entries, peak {peak_mb():.0f} MB")  # type: ignore[arg-type]
    queries = names(a.names)
    t = time.perf_counter()
    hits = sum(bool(gazetteer.candidates(q)) for q in queries)
    secs = time.perf_counter() - t
    print(f"look-ups: {len(queries) / secs:,.0f} toponyms/s ({hits / len(queries):.1%} with candidates)")


if __name__ == "__main__":
    main()
