"""The bundled examples against their expectations (tests/data/examples_expected.jsonl).

The expectations use the gold format of the dev corpora; this module scores them with a small
matcher of its own so that it runs in a user's clone too."""

from __future__ import annotations

import json
import unicodedata
from datetime import date
from pathlib import Path

import pytest

import sitrep
from sitrep.export import event_record

ROOT = Path(__file__).resolve().parents[1]
EXPECTED = [json.loads(line) for line in (ROOT / "tests" / "data" / "examples_expected.jsonl").read_text().splitlines()]


def _norm(text: object) -> str:
    folded = unicodedata.normalize("NFKD", str(text or ""))
    return " ".join("".join(c for c in folded if not unicodedata.combining(c)).lower().split())


def _names(pred: object, aliases: list[str]) -> bool:
    return any(_norm(a) in _norm(pred) for a in aliases)


@pytest.fixture(scope="module")
def events_by_document(resources: object) -> dict[str, list[dict]]:
    results = sitrep.extract([str(ROOT / "examples")])
    return {r.document.id: [event_record(e) for e in r.events] for r in results}


def _near(day: str | None, gold_day: str | None) -> bool:
    """Within the gold scorer's three days of slack."""
    if not gold_day:
        return True
    return day is not None and abs((date.fromisoformat(day) - date.fromisoformat(gold_day)).days) <= 3


def _matches(pred: dict, gold: dict) -> bool:
    return (pred["event_type"] in gold["event_type"]
            and (not gold.get("country") or _norm(pred["country"]) == _norm(gold["country"]))
            and _near(pred["event_date"], gold.get("event_date")))


def test_examples_recall_and_fields(events_by_document: dict[str, list[dict]]) -> None:
    required = [(g, e) for g in EXPECTED for e in g["events"] if not e.get("optional")]
    found = fatalities = 0
    for g, gold in required:
        preds = [p for d in g["documents"] for p in events_by_document.get(d, [])]
        hit = next((p for p in preds if _matches(p, gold)), None)
        found += hit is not None
        lo, hi = gold.get("fatalities", [0, 10**9])
        fatalities += hit is not None and lo <= hit["fatalities"] <= hi
    assert found / len(required) >= 0.75
    assert fatalities / len(required) >= 0.6


def test_examples_non_event_reports_give_no_events(events_by_document: dict[str, list[dict]]) -> None:
    quiet = [g["documents"][0] for g in EXPECTED if not g["events"]]
    assert quiet, "the examples include reports that are not about violence"
    for doc in quiet:
        assert events_by_document[doc] == [], doc


def test_examples_undated_report_leaves_dates_unresolved(events_by_document: dict[str, list[dict]]) -> None:
    undated = events_by_document["syria-deir-ezzor-mayadin-airstrike-undated"]
    assert undated and all(e["event_date"] is None and e["date_precision"] is None for e in undated)
    assert all(e["date_warning"] for e in undated)
