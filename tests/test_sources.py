from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.records import RawInput, UnreadableInput
from sitrep.sources import decode, read_inputs

MAX = 1_000_000


def _read(*paths: Path | str) -> list[RawInput | UnreadableInput]:
    return list(read_inputs([str(p) for p in paths], max_bytes=MAX))


def test_sources_folder_ids_are_relative_paths_without_extension(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("Gunmen attacked a convoy.", encoding="utf-8")
    (tmp_path / "two.html").write_text("<html><body><p>Text</p></body></html>", encoding="utf-8")
    (tmp_path / "skip.png").write_bytes(b"\x89PNG")
    items = _read(tmp_path)
    assert [i.id for i in items] == ["a/one", "two"]
    assert isinstance(items[1], RawInput) and items[1].html


def test_sources_jsonl_bad_lines_become_unreadable_rows(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "ok", "text": "Troops clashed with rebels.", "published": "2020-01-02"}),
        "{not json",
        json.dumps({"id": "no-body"}),
        json.dumps({"id": "bad-date", "text": "x", "published": "yesterday"}),
        json.dumps({"id": "wrong-type", "text": 5}),
        json.dumps([1, 2]),
    ]
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    items = _read(path)
    assert isinstance(items[0], RawInput) and items[0].published.isoformat() == "2020-01-02"
    assert [type(i).__name__ for i in items[1:]] == ["UnreadableInput"] * 5
    assert "malformed JSON" in items[1].error


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Déjà vu in Aleppo".encode(), "Déjà vu in Aleppo"),
        ("Déjà vu".encode("utf-16"), "Déjà vu"),
        ("\ufeffBOM text".encode(), "BOM text"),
        (b"\x00\x01\x02binary", None),
    ],
)
def test_sources_decode(data: bytes, expected: str | None) -> None:
    assert decode(data) == expected


def test_sources_oversized_and_missing_inputs_are_reported(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("x" * 2000, encoding="utf-8")
    items = list(read_inputs([str(big), str(tmp_path / "missing.txt")], max_bytes=1000))
    assert all(isinstance(i, UnreadableInput) for i in items)
    assert "too large" in items[0].error and "no such file" in items[1].error
