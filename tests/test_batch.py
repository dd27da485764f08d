"""Scale-out: a process pool and a Dask local cluster give exactly the single-process output.

The runs are separate `sitrep extract` processes with one hash seed (Dask's own, which its
workers always get), so that only where the per-document stages ran differs between them.
"""

from __future__ import annotations

import importlib.util
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
ENV = {**os.environ, "PYTHONHASHSEED": "6640"}


def _extract(out: Path, *options: str) -> dict[str, object]:
    """The events and documents files and database rows of one run over the examples."""
    db = out / "run.db"
    command = [sys.executable, "-m", "sitrep", "extract", str(EXAMPLES), "--db", str(db), "--events",
               str(out / "events.jsonl"), "--documents", str(out / "documents.jsonl"), "--published",
               "2024-01-15", "--quiet", *options]
    done = subprocess.run(command, env=ENV, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(db) as conn:
        rows = {table: conn.execute(f"SELECT record FROM {table} ORDER BY record").fetchall()
                for table in ("documents", "events")}
    return {"events": (out / "events.jsonl").read_text(), "documents": (out / "documents.jsonl").read_text(),
            **rows}


@pytest.fixture(scope="module")
def single(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    return _extract(tmp_path_factory.mktemp("single"))


def test_batch_process_pool_output_is_identical(single: dict[str, object], tmp_path: Path) -> None:
    assert single["events"]
    assert _extract(tmp_path, "--workers", "2") == single


@pytest.mark.skipif(importlib.util.find_spec("distributed") is None,
                    reason="needs the dask extra: pip install 'sitrep[dask]'")
def test_batch_dask_local_cluster_output_is_identical(single: dict[str, object], tmp_path: Path) -> None:
    assert _extract(tmp_path, "--dask", "local", "--workers", "2") == single
