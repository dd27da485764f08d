from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from sitrep.cli import app

ARTICLE = (
    "Militants attack army post\n\n"
    "KANDAHAR – Taliban fighters attacked an army checkpoint in Kandahar province on Saturday, killing "
    "three soldiers and wounding five others, a provincial police spokesman said.\n\n"
    "The fighting lasted two hours before the attackers withdrew, the spokesman added.\n"
)
runner = CliRunner()


def _extract(tmp_path: Path, *inputs: str) -> tuple[list[dict], list[dict]]:
    events, docs = tmp_path / "e.jsonl", tmp_path / "d.jsonl"
    result = runner.invoke(app, ["extract", *inputs, "--events", str(events), "--documents", str(docs),
                                 "--db", str(tmp_path / "s.db"), "--published", "2021-06-14", "--quiet"])
    assert result.exit_code == 0, result.output
    read = lambda p: [json.loads(line) for line in p.read_text().splitlines()]  # noqa: E731
    return read(events), read(docs)


def test_cli_extract_writes_events_documents_and_every_input(tmp_path: Path, resources: object) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "attack.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "binary.html").write_bytes(b"\x00\x01\x02\x03")
    events, docs = _extract(tmp_path, str(folder))
    status = {d["id"]: d["status"] for d in docs}
    assert status == {"attack": "ok", "empty": "skipped", "binary": "failed"}
    assert all(d["error"] for d in docs if d["status"] != "ok")
    (event,) = [e for e in events if e["event_type"] == "Battles"]
    assert event["event_date"] == "2021-06-12"
    assert "Taliban" in event["actor1"] or "Taliban" in (event["actor2"] or "")
    assert event["country"] == "Afghanistan"
    assert event["fatalities"] == 3


def test_cli_rerun_keeps_event_ids_and_count(tmp_path: Path, resources: object) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    first, _ = _extract(tmp_path, str(tmp_path / "a.txt"))
    second, _ = _extract(tmp_path, str(tmp_path / "a.txt"))
    assert [e["event_id"] for e in first] == [e["event_id"] for e in second]
    stats = runner.invoke(app, ["stats", "--db", str(tmp_path / "s.db")])
    assert json.loads(stats.output)["events"] == len(first)


def test_cli_export_formats(tmp_path: Path, resources: object) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    _extract(tmp_path, str(tmp_path / "a.txt"))
    db = str(tmp_path / "s.db")
    csv_out = runner.invoke(app, ["export", "--format", "acled-csv", "--db", db])
    assert csv_out.output.startswith("event_id_cnty,event_date,year,time_precision,disorder_type")
    geo = json.loads(runner.invoke(app, ["export", "--format", "geojson", "--db", db]).output)
    assert geo["features"]
    bad = runner.invoke(app, ["export", "--format", "xml", "--db", db])
    assert bad.exit_code == 2


def test_cli_every_command_is_documented_in_readme() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    names = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]
    for name in names:
        assert re.search(rf"sitrep {name}\b", readme), f"`sitrep {name}` is not in the README"
        assert runner.invoke(app, [name, "--help"]).exit_code == 0
