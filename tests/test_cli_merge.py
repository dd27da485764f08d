from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.store import open_store
from tests.records_factory import document_result


def test_cli_merge_remerges_the_stored_reports(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    with open_store(db) as store:
        for doc in ("a", "b"):
            store.save(document_result(doc))
    done = CliRunner().invoke(app, ["merge", "--db", db])
    assert done.exit_code == 0, done.output
    assert json.loads(done.output) == {"created": 0, "updated": 0, "deleted": 0, "events": 1}


def test_cli_merge_unreadable_database_exits_2(tmp_path: Path) -> None:
    done = CliRunner().invoke(app, ["merge", "--db", "postgresql://nobody@127.0.0.1:1/none"])
    assert done.exit_code == 2 and "cannot open database" in done.output
