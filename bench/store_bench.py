"""Store write throughput: synthetic documents saved one transaction each (merging as they go).

    python bench/store_bench.py [--documents 2000] [--postgres postgresql://user@host/db]

Each document reports one synthetic event (see synthetic_events.py); incidents are told by one to
four documents, so saves merge with stored reports as `sitrep extract` does. Prints documents
and events per second for SQLite (a temporary file) and, when a URL is given (or
SITREP_TEST_POSTGRES_URL is set), for PostgreSQL — whose tables in that database are replaced.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from synthetic_events import reports

from sitrep.records import Document, DocumentResult, Event, Status
from sitrep.store import open_store

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.store_backends import empty_postgres


def documents(count: int) -> list[DocumentResult]:
    events, _ = reports(count)
    return [_document(e) for e in events]


def _document(event: Event) -> DocumentResult:
    doc = Document(id=event.documents[0], text=event.evidence[0].text, outlet="Synthetic Wire",
                   published=event.date.date or date(2024, 1, 1), language="en")
    return DocumentResult(document=doc, status=Status.OK, events=(event,))


def measure(db: str, results: list[DocumentResult]) -> str:
    with open_store(db) as store:
        started = time.perf_counter()
        for result in results:
            store.save(result)
        seconds = time.perf_counter() - started
        merged = store.counts().events
    return (f"{len(results) / seconds:7.1f} documents/s ({len(results)} documents, {merged} merged events, "
            f"{seconds:.1f} s)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--documents", type=int, default=2000)
    ap.add_argument("--postgres", default=os.environ.get("SITREP_TEST_POSTGRES_URL"))
    args = ap.parse_args()
    results = documents(args.documents)
    with tempfile.TemporaryDirectory() as tmp:
        print(f"sqlite      {measure(str(Path(tmp) / 'bench.db'), results)}")
    if args.postgres:
        print(f"postgresql  {measure(empty_postgres(args.postgres), results)}")
    else:
        print("postgresql  skipped: give --postgres URL or set SITREP_TEST_POSTGRES_URL")


if __name__ == "__main__":
    main()
