"""Merging does not depend on input order: gva dev fed in shuffled orders, in one batch and
document by document through a store (as `sitrep extract` merges), each scored.

    python bench/merge_orders.py [--shared ../shared] [--orders 3]

Runs the pipeline once, then merges the documents' reports in each order and prints, per order
and way, the scorer's recall, matched events, false positives and near-duplicates among them,
and the B-cubed score of the document clustering.
"""

from __future__ import annotations

import argparse
import random
import tempfile
from pathlib import Path

from bcubed import bcubed, predicted_clusters, read_gold
from eval_gate import score

from sitrep.dedup import merge_events
from sitrep.export import document_record, event_record, to_jsonl
from sitrep.pipeline import load_resources, run
from sitrep.records import DocumentResult, Event
from sitrep.settings import load_settings
from sitrep.sources import read_inputs
from sitrep.store import open_store


def incremental(results: list[DocumentResult], db: Path) -> list[Event]:
    """The events a store holds after saving the documents one by one."""
    with open_store(str(db)) as store:
        for result in results:
            store.save(result)
        return store.merged_events(r.document.id for r in results)


def report(shared: Path, out: Path, events: list[Event]) -> str:
    (out / "events.jsonl").write_text(to_jsonl(event_record(e) for e in events))
    r = score(shared, shared / "gold/dev/gva.jsonl", out)
    gold = read_gold(shared / "gold/dev/gva-clusters.tsv")
    p, rc, f = bcubed(gold, predicted_clusters(out / "events.jsonl", set(gold)))
    return (f"events {len(events)}  recall {r['recall']:.3f}  matched {r['matched']}  false positives "
            f"{r['false_positives']} (near-duplicates {r['duplicates_among_fp']})  B-cubed P {p:.3f} R {rc:.3f} "
            f"F1 {f:.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--orders", type=int, default=3)
    args = ap.parse_args()
    out = Path(tempfile.mkdtemp(prefix="sitrep-orders-"))
    settings = load_settings(db=str(out / "unused.db"))
    items = list(read_inputs([str(args.shared / "corpus/gva/dev.jsonl")], max_bytes=settings.max_bytes))
    results = list(run(items, settings=settings, resources=load_resources(settings)))
    (out / "documents.jsonl").write_text(to_jsonl(document_record(r) for r in results))
    for n in range(args.orders + 1):
        order = list(results)
        if n:
            random.Random(n).shuffle(order)
        name = "input order" if n == 0 else f"shuffle {n}"
        print(f"{name:12s} batch        {report(args.shared, out, merge_events(e for r in order for e in r.events))}")
        stored = incremental(order, out / f"order{n}.db")
        print(f"{name:12s} incremental  {report(args.shared, out, stored)}", flush=True)


if __name__ == "__main__":
    main()
