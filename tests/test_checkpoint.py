from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitrep.batch import run_batch
from sitrep.checkpoint import Checkpoint, SeenUrls, batch_key, open_checkpoint
from sitrep.records import Document, DocumentResult, RawInput, Status
from sitrep.settings import Settings, load_settings
from sitrep.store import open_store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
# Every run of a comparison uses one hash seed (Dask's own, which its workers always get), so
# that nothing but the interruption differs between the runs.
ENV = {**os.environ, "PYTHONHASHSEED": "6640"}
STORY = ("Rebels shelled the market town of Kidal on Tuesday, killing four civilians and wounding nine, "
         "a local official said. Residents said the shelling lasted most of the afternoon.")
INPUTS = [RawInput(id="a", source="a.txt", text=STORY),
          RawInput(id="b", source="b.txt", text=STORY.replace("Tuesday", "Wednesday"))]


def _result(doc_id: str, note: str) -> DocumentResult:
    return DocumentResult(document=Document(id=doc_id, text=""), status=Status.SKIPPED, error=note)


def test_checkpoint_marks_survive_reopening_and_clear(settings: Settings) -> None:
    store = open_store(settings.db)
    Checkpoint(store, batch="one").mark(1, _result("b", "done before"))
    again = Checkpoint(open_store(settings.db), batch="one")
    assert again.done() == {1: _result("b", "done before")} and again.count() == 1
    assert Checkpoint(store, batch="other").done() == {}
    again.clear()
    assert again.done() == {}


def test_checkpoint_unreadable_results_are_forgotten(settings: Settings) -> None:
    checkpoint = Checkpoint(open_store(settings.db), batch="old")
    with sqlite3.connect(settings.db) as conn:
        conn.execute("INSERT INTO batch_checkpoints VALUES ('old', 0, ?)", (b"not a pickle",))
    assert checkpoint.done() == {} and checkpoint.count() == 0


def test_checkpoint_batch_key_names_inputs_and_result_shaping_settings() -> None:
    base = load_settings()
    key = batch_key(INPUTS, settings=base)
    assert key == batch_key(INPUTS, settings=load_settings(workers=2, db="elsewhere.db"))
    assert key != batch_key(INPUTS[:1], settings=base)
    assert key != batch_key(INPUTS[::-1], settings=base)
    assert key != batch_key(INPUTS, settings=load_settings(languages=("en", "fr")))


def test_checkpoint_done_documents_are_not_redone(settings: Settings, resources: object) -> None:
    store = open_store(settings.db)
    checkpoint = open_checkpoint(store, inputs=INPUTS, settings=settings)
    checkpoint.mark(0, _result("a", "taken from the checkpoint"))
    seen: list[DocumentResult] = []
    run_batch(INPUTS, settings=settings, resources=resources, store=store,  # type: ignore[arg-type]
              on_document=seen.append, checkpoint=checkpoint)
    assert [r.document.id for r in seen] == ["a", "b"]
    assert seen[0].error == "taken from the checkpoint" and seen[1].status is Status.OK
    assert checkpoint.done() == {}  # a finished batch forgets its checkpoint


def test_checkpoint_seen_urls_persist(settings: Settings) -> None:
    seen = SeenUrls(open_store(settings.db))
    seen.add(["http://a.test/1", "http://a.test/2"])
    seen.add(["http://a.test/2"])
    again = SeenUrls(open_store(settings.db))
    assert "http://a.test/1" in again and "http://a.test/3" not in again and len(again) == 2


def _extract(out: Path, name: str) -> list[str]:
    return [sys.executable, "-m", "sitrep", "extract", str(EXAMPLES), "--db", str(out / f"{name}.db"),
            "--events", str(out / f"{name}.events.jsonl"), "--documents", str(out / f"{name}.documents.jsonl"),
            "--published", "2024-01-15", "--quiet"]


def _done_count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM batch_checkpoints").fetchone()[0])
    except sqlite3.OperationalError:  # not created yet
        return 0


def _tables(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(db) as conn:
        return {
            "documents": conn.execute("SELECT id, record FROM documents ORDER BY id").fetchall(),
            "events": conn.execute("SELECT event_id, record FROM events ORDER BY event_id").fetchall(),
            "event_documents": conn.execute("SELECT * FROM event_documents ORDER BY 1, 2").fetchall(),
            "checkpoints": conn.execute("SELECT * FROM batch_checkpoints").fetchall(),
        }


def test_checkpoint_batch_killed_with_sigkill_resumes_to_the_same_output(tmp_path: Path) -> None:
    reference = subprocess.run(_extract(tmp_path, "whole"), env=ENV, capture_output=True, text=True, timeout=600)
    assert reference.returncode == 0, reference.stderr
    total = len((tmp_path / "whole.documents.jsonl").read_text().splitlines())
    target = random.randint(1, total - 3)
    process = subprocess.Popen(_extract(tmp_path, "cut"), env=ENV, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 600
    while _done_count(tmp_path / "cut.db") < target and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    if process.poll() is not None:
        pytest.fail(f"the batch ended before it could be killed after {target} documents")
    process.send_signal(signal.SIGKILL)
    process.wait()
    killed_after = _done_count(tmp_path / "cut.db")
    assert target <= killed_after < total
    resumed = subprocess.run(_extract(tmp_path, "cut"), env=ENV, capture_output=True, text=True, timeout=600)
    assert resumed.returncode == 0, resumed.stderr
    assert f"resuming: {killed_after} of {total} documents already done" in resumed.stderr
    for output in ("events", "documents"):
        whole = (tmp_path / f"whole.{output}.jsonl").read_text()
        assert (tmp_path / f"cut.{output}.jsonl").read_text() == whole, f"{output} differ (killed at {target})"
    assert _tables(tmp_path / "cut.db") == _tables(tmp_path / "whole.db")
