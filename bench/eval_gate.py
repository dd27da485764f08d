"""Accuracy gate: run sitrep on the dev corpora, score against gold, fail below pinned floors.

    python bench/eval_gate.py [--shared ../shared] [--only NAME ...] [--update] [--allow-lower]

Floors and a digest of each gold file live in bench/eval_baseline.json. `--update` raises the
floors to what was measured (minus a small margin for run-to-run noise); floors only go up
unless `--allow-lower` is given. A changed gold digest fails the gate: re-pin deliberately.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sitrep.batch import run_batch
from sitrep.export import document_record, event_record, to_jsonl
from sitrep.pipeline import load_resources
from sitrep.settings import load_settings
from sitrep.sources import read_inputs

BASELINE = Path(__file__).with_name("eval_baseline.json")
CORPORA = {  # name: (input, gold, metrics gated)
    "seed": ("corpus/dev.jsonl", "gold/dev/seed-ara-news-deir-ez-zor.json",
             ("event_f1", "field_accuracy", "text", "sources")),
    "fakes-rich": ("corpus/fakes-rich/dev.jsonl", "gold/dev/fakes-rich.jsonl", ("event_f1", "field_accuracy")),
    "case2021": ("corpus/case2021/dev.jsonl", "gold/dev/case2021.jsonl", ("event_f1", "fields.sub_event_type")),
    "fakes": ("corpus/fakes/dev.jsonl", "gold/dev/fakes.jsonl", ("recall", "fields.admin1")),
    "muc4": ("corpus/muc4/dev.jsonl", "gold/dev/muc4.jsonl", ("recall", "field_accuracy")),
    "gva": ("corpus/gva/dev.jsonl", "gold/dev/gva.jsonl", ("recall", "fields.fatalities", "fields.location_km")),
    "trnews": ("corpus/trnews/dev.jsonl", "gold/dev/trnews.jsonl", ("places.acc_161km",)),
    "geovirus": ("corpus/geovirus/dev.jsonl", "gold/dev/geovirus.jsonl", ("places.acc_161km",)),
}
MARGIN = 0.005


def metric(report: dict[str, Any], name: str) -> float:
    """A dotted metric name read from the scorer's JSON report (missing = 0)."""
    value: Any = report
    for part in name.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return float(value or 0.0)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def extract(source: Path, out: Path, resources: Any) -> float:
    """Run the pipeline over one corpus into out/; return documents per second."""
    settings = load_settings(db=str(out / "unused.db"))
    items = list(read_inputs([str(source)], max_bytes=settings.max_bytes))
    started = time.perf_counter()
    with (out / "documents.jsonl").open("w") as docs:
        batch = run_batch(items, settings=settings, resources=resources, store=None,
                          on_document=lambda result: docs.write(to_jsonl([document_record(result)])))
    (out / "events.jsonl").write_text(to_jsonl(event_record(e) for e in batch.events))
    return len(items) / (time.perf_counter() - started)


def score(shared: Path, gold: Path, out: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(shared / "tools" / "score"), "--gold", str(gold), "--events", str(out / "events.jsonl"),
         "--documents", str(out / "documents.jsonl"), "--json"],
        capture_output=True, text=True, check=False,
    )
    return json.loads(done.stdout)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--only", nargs="+", choices=sorted(CORPORA))
    ap.add_argument("--update", action="store_true", help="raise floors to the measured values")
    ap.add_argument("--allow-lower", action="store_true", help="with --update, let floors go down")
    ap.add_argument("--out", type=Path, help="keep outputs here")
    args = ap.parse_args()
    baseline = json.loads(BASELINE.read_text()) if BASELINE.exists() else {"floors": {}, "gold_digest": {}}
    resources = load_resources(load_settings())
    out_root = args.out or Path(tempfile.mkdtemp(prefix="sitrep-gate-"))
    failures: list[str] = []
    for name in args.only or CORPORA:
        source, gold, metrics = CORPORA[name]
        out = out_root / name
        out.mkdir(parents=True, exist_ok=True)
        rate = extract(args.shared / source, out, resources)
        report = score(args.shared, args.shared / gold, out)
        pinned = baseline["gold_digest"].get(name)
        if pinned and pinned != digest(args.shared / gold) and not args.update:
            failures.append(f"{name}: gold changed since the floors were pinned")
        floors = baseline["floors"].setdefault(name, {})
        cells = []
        for m in metrics:
            value, floor = metric(report, m), floors.get(m, 0.0)
            cells.append(f"{m}={value:.3f} (floor {floor:.3f})")
            if value + 1e-9 < floor and not (args.update and args.allow_lower):
                failures.append(f"{name}: {m} {value:.3f} below floor {floor:.3f}")
            if args.update:
                floors[m] = round(max(value - MARGIN, 0.0) if args.allow_lower else max(floor, value - MARGIN), 3)
        baseline["gold_digest"][name] = digest(args.shared / gold)
        print(f"{name:10s} {rate:6.1f} docs/s  " + "  ".join(cells), flush=True)
    if args.update:
        BASELINE.write_text(json.dumps(baseline, indent=2, sort_keys=True) + "\n")
    for failure in failures:
        print(f"GATE FAILED: {failure}")
    print(f"outputs in {out_root}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
