"""Measure event mentions on the CASE 2021 snippets (and list the seed article's mentions).

    python bench/mentions_eval.py [--shared DIR] [--errors] [--seed]

Each snippet is one document with at most one gold event. The proxy for event assembly: the
prediction is the document's heaviest mention (`Mention.weight`, earliest on ties), or
none. A prediction on a no-event snippet is a false positive, none on an event snippet a miss;
optional gold events are neither. Sub-type accuracy is over the matched snippets.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitrep.analysis import analyse, load_nlp
from sitrep.mentions import TriggerLexicon, find_mentions, load_trigger_lexicon
from sitrep.records import Document, Mention

SHARED = Path(__file__).resolve().parents[2] / "shared"


@dataclass(frozen=True, slots=True)
class Outcome:
    """One snippet: its gold label (None: no event, "optional": either way) and the prediction."""

    document_id: str
    text: str
    gold: str | None
    optional: bool
    predicted: Mention | None


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def best_mention(found: tuple[Mention, ...], lexicon: TriggerLexicon) -> Mention | None:
    """The document's main mention: the heaviest, the earliest on ties."""
    if not found:
        return None
    return max(found, key=lambda m: (m.weight, -m.trigger.start))


def outcomes(shared: Path, nlp: Any, lexicon: TriggerLexicon) -> list[Outcome]:
    gold = {g["documents"][0]: g for g in read_jsonl(shared / "gold/dev/case2021.jsonl")}
    results = []
    for row in read_jsonl(shared / "corpus/case2021/dev.jsonl"):
        document = Document(id=row["id"], text=row["text"], language=row.get("language"))
        found = find_mentions(analyse(document, nlp=nlp), lexicon=lexicon)
        events = gold[row["id"]]["events"]
        optional = bool(events) and bool(events[0].get("optional"))
        label = events[0]["sub_event_type"][0] if events and not optional else None
        results.append(Outcome(document_id=row["id"], text=row["text"], gold=label, optional=optional,
                               predicted=best_mention(found, lexicon)))
    return results


def score(results: list[Outcome]) -> dict[str, float]:
    counted = [r for r in results if not r.optional]
    tp = [r for r in counted if r.gold and r.predicted]
    fp = sum(1 for r in counted if not r.gold and r.predicted)
    fn = sum(1 for r in counted if r.gold and not r.predicted)
    precision = len(tp) / (len(tp) + fp) if tp or fp else 0.0
    recall = len(tp) / (len(tp) + fn) if tp or fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    right = sum(1 for r in tp if r.predicted and r.predicted.sub_event_type.value == r.gold)
    return {"precision": precision, "recall": recall, "f1": f1, "tp": len(tp), "fp": fp, "fn": fn,
            "sub_type_accuracy": right / len(tp) if tp else 0.0}


def show_errors(results: list[Outcome]) -> None:
    confusion: Counter[tuple[str, str]] = Counter()
    for r in results:
        said = r.predicted.sub_event_type.value if r.predicted else "-"
        if r.optional or said == (r.gold or "-"):
            continue
        confusion[(r.gold or "-", said)] += 1
        trigger = r.predicted.trigger.text if r.predicted else ""
        print(f"{r.document_id}\tgold={r.gold or '-'}\tsaid={said}\ttrigger={trigger!r}\n    {r.text[:300]}")
    print("\nconfusion (gold -> said):")
    for (gold, said), n in confusion.most_common():
        print(f"  {n:3d}  {gold} -> {said}")


def show_seed(shared: Path, nlp: Any, lexicon: TriggerLexicon) -> None:
    for row in read_jsonl(shared / "corpus/dev.jsonl"):
        document = Document(id=row["id"], text=row["text"])
        for m in find_mentions(analyse(document, nlp=nlp), lexicon=lexicon):
            weight = m.weight
            sentence = m.sentence.text.strip()[:90]
            print(f"{m.sub_event_type.value:38s} {weight:.2f} {m.trigger.text!r}: {sentence}")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--errors", action="store_true", help="list each wrong snippet and a confusion table")
    parser.add_argument("--seed", action="store_true", help="also list the seed article's mentions")
    args = parser.parse_args()
    if not (args.shared / "corpus/case2021/dev.jsonl").exists():
        print(f"no case2021 corpus under {args.shared}", file=sys.stderr)
        return 2
    nlp, lexicon = load_nlp(), load_trigger_lexicon()
    started = time.perf_counter()
    results = outcomes(args.shared, nlp, lexicon)
    elapsed = time.perf_counter() - started
    if args.errors:
        show_errors(results)
    if args.seed:
        show_seed(args.shared, nlp, lexicon)
    s = score(results)
    print(f"case2021 dev: {len(results)} snippets in {elapsed:.1f}s  F1={s['f1']:.3f} P={s['precision']:.3f} "
          f"R={s['recall']:.3f} (tp={s['tp']} fp={s['fp']} fn={s['fn']})  "
          f"sub_type_accuracy={s['sub_type_accuracy']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
