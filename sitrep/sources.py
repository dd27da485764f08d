"""Inputs -> RawInput records: files, folders, JSON Lines, JSON and standard input.

Unreadable inputs (binary, undecodable, oversized, malformed JSON lines) are yielded as
`UnreadableInput` so that every input ends as a document row with a reason.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from sitrep.records import RawInput, UnreadableInput

SUFFIXES = {".html", ".htm", ".txt", ".json", ".jsonl"}
_FIELDS = ("id", "url", "outlet", "published", "language", "title", "html", "text")

Input = RawInput | UnreadableInput


def read_inputs(paths: Sequence[str], *, max_bytes: int, stdin: BinaryIO | None = None) -> Iterator[Input]:
    """Every document in the given paths (files or folders) or `-` for standard input."""
    for given in paths:
        if given == "-":
            stream = stdin or sys.stdin.buffer
            yield from _read_bytes(stream.read(max_bytes + 1), name="stdin", source="-", max_bytes=max_bytes)
            continue
        path = Path(given)
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES):
                doc_id = file.relative_to(path).with_suffix("").as_posix()
                yield from _read_file(file, doc_id=doc_id, max_bytes=max_bytes)
        elif path.is_file():
            yield from _read_file(path, doc_id=path.stem, max_bytes=max_bytes)
        else:
            yield UnreadableInput(id=given, source=given, error="no such file or folder")


def _read_file(path: Path, *, doc_id: str, max_bytes: int) -> Iterator[Input]:
    size = path.stat().st_size
    if size > max_bytes:
        yield UnreadableInput(id=doc_id, source=str(path), error=f"file too large ({size} bytes > {max_bytes})")
        return
    with path.open("rb") as handle:
        data = handle.read()
    kind = path.suffix.lower().lstrip(".")
    yield from _read_bytes(data, name=doc_id, source=str(path), max_bytes=max_bytes, kind=kind)


def _read_bytes(data: bytes, *, name: str, source: str, max_bytes: int, kind: str | None = None) -> Iterator[Input]:
    if len(data) > max_bytes:
        yield UnreadableInput(id=name, source=source, error=f"input too large (> {max_bytes} bytes)")
        return
    text = decode(data)
    if text is None:
        yield UnreadableInput(id=name, source=source, error="binary or undecodable content")
        return
    kind = kind or _sniff(text)
    if kind == "jsonl":
        yield from _read_jsonl(text, source=source)
    elif kind == "json":
        yield from _read_json(text, name=name, source=source)
    elif kind in ("html", "htm"):
        yield RawInput(id=name, source=source, html=text)
    else:
        yield RawInput(id=name, source=source, text=text)


def decode(data: bytes) -> str | None:
    """Text of the bytes: UTF-8 (BOM-aware), UTF-16 with a BOM, else the best detected charset."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:4096]:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return str(best) if best is not None else None


def _sniff(text: str) -> str:
    head = text.lstrip()[:200].lower()
    if head.startswith("{"):
        return "jsonl"
    if head.startswith("[") and head[1:].lstrip().startswith("{"):
        return "json"
    return "html" if head.startswith(("<!doctype", "<html", "<")) else "txt"


def _read_jsonl(text: str, *, source: str) -> Iterator[Input]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            yield UnreadableInput(id=where, source=where, error=f"malformed JSON line: {err.msg}")
            continue
        yield _from_object(obj, fallback_id=where, source=where)


def _read_json(text: str, *, name: str, source: str) -> Iterator[Input]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        yield UnreadableInput(id=name, source=source, error=f"malformed JSON: {err.msg}")
        return
    items = data if isinstance(data, list) else [data]
    for n, obj in enumerate(items):
        yield _from_object(obj, fallback_id=name if len(items) == 1 else f"{name}:{n}", source=source)


def _from_object(obj: Any, *, fallback_id: str, source: str) -> Input:
    """A RawInput from one JSON document object, or the reason it is not one."""
    if not isinstance(obj, dict):
        return UnreadableInput(id=fallback_id, source=source, error="JSON document is not an object")
    doc_id = str(obj.get("id") or fallback_id)
    wrong = [k for k in _FIELDS if obj.get(k) is not None and not isinstance(obj[k], str)]
    if wrong:
        return UnreadableInput(id=doc_id, source=source, error=f"fields must be strings: {', '.join(wrong)}")
    if not (obj.get("html") or obj.get("text")):
        return UnreadableInput(id=doc_id, source=source, error="document has neither 'html' nor 'text'")
    published = _published(obj.get("published"))
    if obj.get("published") and published is None:
        return UnreadableInput(id=doc_id, source=source, error=f"'published' is not an ISO date: {obj['published']!r}")
    return RawInput(
        id=doc_id, source=source, url=obj.get("url"), outlet=obj.get("outlet"), published=published,
        language=obj.get("language"), title=obj.get("title"), html=obj.get("html"),
        text=None if obj.get("html") else obj.get("text"),
    )


def _published(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
