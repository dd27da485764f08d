"""Cross-document merging speed: synthetic reports in, merged events out.

    python bench/merge_bench.py [--events 100000] [--limit 60]

Prints the time `sitrep.dedup.merge_events` takes, the merged count, and the B-cubed score of the
document clustering against the synthetic truth; exits 1 when slower than --limit seconds.
"""

from __future__ import annotations

import argparse
import sys
import time

from bcubed import bcubed
from synthetic_events import reports

from sitrep.dedup import merge_events


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--limit", type=float, default=60.0, help="fail when slower than this many seconds")
    args = ap.parse_args()
    events, truth = reports(args.events)
    started = time.perf_counter()
    merged = merge_events(events)
    seconds = time.perf_counter() - started
    clusters = {d: frozenset(e.documents) for e in merged for d in e.documents}
    p, r, f = bcubed({d: str(k) for d, k in truth.items()}, clusters)
    print(f"merged {len(events)} reports of {len(set(truth.values()))} incidents into {len(merged)} events "
          f"in {seconds:.1f} s ({len(events) / seconds:,.0f} reports/s); B-cubed P {p:.3f} R {r:.3f} F1 {f:.3f}")
    return 0 if seconds <= args.limit else 1


if __name__ == "__main__":
    sys.exit(main())
