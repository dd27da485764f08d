"""Inputs -> RawInput records: files, folders, JSON Lines, JSON, WARC, URLs and standard input.

Unreadable inputs (binary, undecodable, oversized, malformed JSON lines) are yielded as
`UnreadableInput` so that every input ends as a document row with a reason.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from sitrep.dates import MIN_YEAR, is_credible_publication
from sitrep.errors import InputError
from sitrep.records import RawInput, UnreadableInput

if TYPE_CHECKING:
    from sitrep.fetch import Fetcher

_BINARY = "binary or undecodable content"
_SNIFF_BYTES = 4096
_SURROGATE = re.compile("[\ud800-\udfff]")
SUFFIXES = {".html", ".htm", ".txt", ".json", ".jsonl"}
WARC_SUFFIXES = (".warc", ".warc.gz")
_FIELDS = ("id", "url", "outlet", "published", "language", "title", "html", "text")

Input = RawInput | UnreadableInput


def read_inputs(
    paths: Sequence[str], *, max_bytes: int, stdin: BinaryIO | None = None, fetcher: Fetcher | None = None
) -> Iterator[Input]:
    """Every document in the given paths (files, folders, WARC archives), http(s) URLs (pages or
    feeds, fetched with `fetcher`) or `-` for standard input; an id met twice fails its second input."""
    return distinct_ids(_read_each(paths, max_bytes=max_bytes, stdin=stdin, fetcher=fetcher))


def distinct_ids(inputs: Iterable[Input]) -> Iterator[Input]:
    """The inputs, each repeat of an earlier id (`a.html` and `a.txt`, two JSON lines with one id)
    turned into a failed input of its own id (`a#2`), so that no input overwrites another's row."""
    seen: dict[str, str] = {}
    for item in inputs:
        if item.id not in seen:
            seen[item.id] = item.source
            yield item
            continue
        n = 2
        while f"{item.id}#{n}" in seen:
            n += 1
        new_id = f"{item.id}#{n}"
        seen[new_id] = item.source
        error = f"duplicate document id {item.id!r} (first used by {seen[item.id]}); give each input its own id"
        yield UnreadableInput(id=new_id, source=item.source, error=error)


def _read_each(
    paths: Sequence[str], *, max_bytes: int, stdin: BinaryIO | None, fetcher: Fetcher | None
) -> Iterator[Input]:
    for given in paths:
        if given.startswith(("http://", "https://")):
            yield from _read_url(given, fetcher=fetcher)
            continue
        if given == "-":
            stream = stdin or sys.stdin.buffer
            yield from _read_bytes(stream.read(max_bytes + 1), name="stdin", source="-", max_bytes=max_bytes)
            continue
        path = Path(given)
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES):
                doc_id = file.relative_to(path).with_suffix("").as_posix()
                yield from _read_file(file, doc_id=doc_id, max_bytes=max_bytes)
        elif path.is_file() and path.name.lower().endswith(WARC_SUFFIXES):
            yield from _read_warc(path, max_bytes=max_bytes)
        elif path.is_file():
            yield from _read_file(path, doc_id=path.stem, max_bytes=max_bytes)
        else:
            yield UnreadableInput(id=given, source=given, error="no such file or folder")


def _read_url(url: str, *, fetcher: Fetcher | None) -> Iterator[Input]:
    from sitrep.feeds import read_url
    from sitrep.fetch import Fetcher

    if fetcher is not None:
        yield from read_url(url, fetcher=fetcher)
        return
    with Fetcher() as own:
        yield from read_url(url, fetcher=own)


def _read_warc(path: Path, *, max_bytes: int) -> Iterator[Input]:
    from sitrep.warc import read_warc

    yield from read_warc(path, max_bytes=max_bytes)


def _read_file(path: Path, *, doc_id: str, max_bytes: int) -> Iterator[Input]:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield UnreadableInput(id=doc_id, source=str(path), error=f"file too large ({size} bytes > {max_bytes})")
            return
        with path.open("rb") as handle:
            data = handle.read()
    except OSError as err:
        yield UnreadableInput(id=doc_id, source=str(path), error=f"cannot read the file: {err.strerror or err}")
        return
    kind = path.suffix.lower().lstrip(".")
    yield from _read_bytes(data, name=doc_id, source=str(path), max_bytes=max_bytes, kind=kind)


def _read_bytes(data: bytes, *, name: str, source: str, max_bytes: int, kind: str | None = None) -> Iterator[Input]:
    if len(data) > max_bytes:
        yield UnreadableInput(id=name, source=source, error=f"input too large (> {max_bytes} bytes)")
        return
    if kind == "jsonl":
        yield from _read_jsonl(_jsonl_lines(data), name=name, source=source)
        return
    text = decode(data)
    if text is None:
        yield UnreadableInput(id=name, source=source, error=_BINARY)
        return
    kind = kind or _sniff(text)
    if kind == "jsonl":
        yield from _read_jsonl(text.split("\n"), name=name, source=source)
    elif kind == "json":
        yield from _read_json(text, name=name, source=source)
    elif kind in ("html", "htm"):
        yield RawInput(id=name, source=source, html=text)
    else:
        yield RawInput(id=name, source=source, text=text)


def decode(data: bytes) -> str | None:
    """Text of the bytes, or None for binary content: UTF-8 (BOM-aware), UTF-16 (with a BOM, or
    without one when its zero bytes give it away), else the best detected charset. NUL characters
    and unpaired surrogates never reach the text."""
    utf16 = _utf16(data)
    if utf16:
        return clean_text(data.decode(utf16, errors="replace"))
    if b"\x00" in data[:_SNIFF_BYTES]:
        return None
    try:
        return clean_text(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return clean_text(str(best)) if best is not None else None


def _utf16(data: bytes) -> str | None:
    """'utf-16' when the bytes open with its BOM; 'utf-16-le' or 'utf-16-be' when one byte of each
    pair is zero throughout the head (Latin text without a BOM); else None."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    head = data[: _SNIFF_BYTES - _SNIFF_BYTES % 2]
    if len(head) < 8:
        return None
    even, odd = head[0::2].count(0) / (len(head) / 2), head[1::2].count(0) / (len(head) / 2)
    if odd > 0.9 and even < 0.05:
        return "utf-16-le"
    return "utf-16-be" if even > 0.9 and odd < 0.05 else None


def clean_text(text: str) -> str:
    """The text without NUL characters (no database stores them) and with unpaired surrogates (no
    UTF-8 encodes them) replaced by U+FFFD."""
    return _SURROGATE.sub("\ufffd", text.replace("\x00", ""))


def _sniff(text: str) -> str:
    head = text.lstrip()[:200].lower()
    if head.startswith("{"):
        return "jsonl"
    if head.startswith("[") and head[1:].lstrip().startswith("{"):
        return "json"
    return "html" if head.startswith(("<!doctype", "<html", "<")) else "txt"


def _jsonl_lines(data: bytes) -> list[str | None]:
    """The lines of JSON Lines bytes, each decoded on its own (None: undecodable) so that one bad
    line spoils only itself; UTF-16 is decoded whole. Lines end at '\\n' only: JSON strings may hold
    U+2028 and other characters `str.splitlines` would split at."""
    if _utf16(data):
        text = decode(data)
        return list(text.split("\n")) if text is not None else [None]
    lines = data.removeprefix(b"\xef\xbb\xbf").split(b"\n")
    if b"\x00" in data[:_SNIFF_BYTES] and not any(line.lstrip().startswith(b"{") for line in lines):
        return [None]  # binary content, not JSON Lines with a bad line
    return [_decode_line(line) for line in lines]


def _decode_line(line: bytes) -> str | None:
    try:
        return clean_text(line.decode("utf-8"))
    except UnicodeDecodeError:
        return decode(line)


def _read_jsonl(lines: Sequence[str | None], *, name: str, source: str) -> Iterator[Input]:
    """One input per non-blank line; a file without any is one failed input."""
    found = False
    for number, line in enumerate(lines, 1):
        if line is not None and not line.strip():
            continue
        found = True
        where = f"{source}:{number}"
        if line is None:
            yield UnreadableInput(id=where, source=where, error=_BINARY)
            continue
        try:
            obj = _load_json(line)
        except InputError as err:
            yield UnreadableInput(id=where, source=where, error=f"malformed JSON line: {err.message}")
            continue
        yield _from_object(obj, fallback_id=where, source=where)
    if not found:
        yield UnreadableInput(id=name, source=source, error="no documents: the JSON Lines input is empty")


def _load_json(text: str) -> Any:
    """The parsed JSON; InputError for malformed or absurdly nested JSON."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(err.msg) from err
    except RecursionError as err:
        raise InputError("nested too deeply") from err


def _read_json(text: str, *, name: str, source: str) -> Iterator[Input]:
    try:
        data = _load_json(text)
    except InputError as err:
        yield UnreadableInput(id=name, source=source, error=f"malformed JSON: {err.message}")
        return
    items = data if isinstance(data, list) else [data]
    if not items:
        yield UnreadableInput(id=name, source=source, error="no documents: the JSON list is empty")
    for n, obj in enumerate(items):
        yield _from_object(obj, fallback_id=name if len(items) == 1 else f"{name}:{n}", source=source)


def _from_object(obj: Any, *, fallback_id: str, source: str) -> Input:
    """A RawInput from one JSON document object, or the reason it is not one."""
    if not isinstance(obj, dict):
        return UnreadableInput(id=fallback_id, source=source, error="JSON document is not an object")
    doc_id = clean_text(str(obj.get("id") or fallback_id))
    wrong = [k for k in _FIELDS if obj.get(k) is not None and not isinstance(obj[k], str)]
    if wrong:
        return UnreadableInput(id=doc_id, source=source, error=f"fields must be strings: {', '.join(wrong)}")
    obj = {k: clean_text(obj[k]) if isinstance(obj.get(k), str) else None for k in _FIELDS}
    if not (obj.get("html") or obj.get("text")):
        return UnreadableInput(id=doc_id, source=source, error="document has neither 'html' nor 'text'")
    published = _published(obj.get("published"))
    if obj.get("published") and published is None:
        return UnreadableInput(id=doc_id, source=source, error=f"'published' is not an ISO date: {obj['published']!r}")
    if published is not None and not is_credible_publication(published):
        error = f"'published' {published.isoformat()} is not credible (future, or before {MIN_YEAR})"
        return UnreadableInput(id=doc_id, source=source, error=error)
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
