"""B-cubed precision, recall and F1 of document -> event clustering.

    python bench/bcubed.py --clusters ../shared/gold/dev/gva-clusters.tsv --events events.jsonl

The gold file has one `document<TAB>incident` row per document. A document's predicted cluster is
the set of documents of its main event (the most confident event that lists it); a document
with no event is a cluster of its own.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path


def read_gold(path: Path) -> dict[str, str]:
    rows = (line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return {doc.strip(): incident.strip() for doc, incident, *_ in rows if doc != "doc_id"}


def predicted_clusters(events_path: Path, documents: set[str]) -> dict[str, frozenset[str]]:
    main: dict[str, tuple[float, frozenset[str]]] = {}
    with events_path.open(encoding="utf-8") as handle:
        for line in handle:
            event = json.loads(line)
            members = frozenset(event["documents"])
            for doc in members:
                if doc not in main or event["confidence"] > main[doc][0]:
                    main[doc] = (event["confidence"], members)
    return {doc: main[doc][1] if doc in main else frozenset({doc}) for doc in documents}


def bcubed(gold: dict[str, str], predicted: dict[str, frozenset[str]]) -> tuple[float, float, float]:
    by_incident: dict[str, set[str]] = defaultdict(set)
    for doc, incident in gold.items():
        by_incident[incident].add(doc)
    precision = recall = 0.0
    for doc, incident in gold.items():
        truth = by_incident[incident]
        guess = predicted[doc] & gold.keys()
        common = len(guess & truth)
        precision += common / len(guess)
        recall += common / len(truth)
    p, r = precision / len(gold), recall / len(gold)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clusters", type=Path, required=True)
    ap.add_argument("--events", type=Path, required=True)
    args = ap.parse_args()
    gold = read_gold(args.clusters)
    p, r, f = bcubed(gold, predicted_clusters(args.events, set(gold)))
    print(f"B-cubed precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}  ({len(gold)} documents)")


if __name__ == "__main__":
    main()
