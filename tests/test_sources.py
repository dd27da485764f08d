from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.fetch import Fetcher, FetchOptions
from sitrep.records import RawInput, UnreadableInput
from sitrep.sources import decode, read_inputs
from tests.http_server import Reply, serving

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
        ("Troops shelled the town".encode("utf-16-le"), "Troops shelled the town"),
        ("Troops shelled the town".encode("utf-16-be"), "Troops shelled the town"),
        (b"Text with a NUL " + b"x" * 5000 + b"\x00.", "Text with a NUL " + "x" * 5000 + "."),
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


def test_sources_urls_are_fetched_and_failures_recorded() -> None:
    page = b"<html><body><p>Fighters seized the depot.</p></body></html>"
    with serving({"/story.html": Reply(body=page)}) as site, \
            Fetcher(FetchOptions(timeout=0.5, retries=0, host_delay=0.0)) as fetcher:
        items = list(read_inputs([site.url("/story.html"), site.url("/nowhere.html")], max_bytes=MAX,
                                 fetcher=fetcher))
    ok, missing = items
    assert isinstance(ok, RawInput) and ok.id == site.url("/story.html") and ok.html == page.decode()
    assert isinstance(missing, UnreadableInput) and missing.error == "HTTP 404"


def test_sources_repeated_ids_fail_under_their_own_id(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("<p>Troops shelled the town.</p>", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Troops shelled the town.", encoding="utf-8")
    lines = [json.dumps({"id": "a", "text": "Rebels attacked."}), json.dumps({"id": "a", "text": "Again."})]
    (tmp_path / "b.jsonl").write_text("\n".join(lines), encoding="utf-8")
    items = _read(tmp_path)
    assert [(i.id, type(i).__name__) for i in items] == [
        ("a", "RawInput"), ("a#2", "UnreadableInput"), ("a#3", "UnreadableInput"), ("a#4", "UnreadableInput")]
    assert "duplicate document id 'a'" in items[1].error


def test_sources_jsonl_bad_bytes_spoil_only_their_line(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    good = json.dumps({"id": "ok", "text": "Troops clashed with rebels\u2028near the river."}, ensure_ascii=False)
    path.write_bytes(good.encode() + b"\n\x00\x01\xff\n" + b'{"id": "deep", "text": ' + b"[" * 100_000 + b"\n")
    items = _read(path)
    assert [type(i).__name__ for i in items] == ["RawInput", "UnreadableInput", "UnreadableInput"]
    assert "nested too deeply" in items[2].error


@pytest.mark.parametrize("content", ["", "\n \n", "[]"])
def test_sources_empty_json_inputs_are_one_failed_input(tmp_path: Path, content: str) -> None:
    path = tmp_path / ("docs.json" if content == "[]" else "docs.jsonl")
    path.write_text(content, encoding="utf-8")
    (item,) = _read(path)
    assert isinstance(item, UnreadableInput) and "no documents" in item.error
