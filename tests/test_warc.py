from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sitrep.records import RawInput, UnreadableInput
from sitrep.sources import read_inputs
from sitrep.warc import read_warc

PAGE = b"<html><body><article><p>Shelling hit the northern district overnight.</p></article></body></html>"


def _write_warc(path: Path, *, gzip: bool) -> None:
    records = [
        ("response", "http://news.test/a", "200 OK", "text/html; charset=utf-8", PAGE),
        ("response", "http://news.test/logo.png", "200 OK", "image/png", b"\x89PNG"),
        ("response", "http://news.test/moved", "301 Moved Permanently", "text/html", b""),
        ("request", "http://news.test/a", "GET /a HTTP/1.1", "text/html", b""),
        ("response", "http://news.test/b.txt", "200 OK", "text/plain", b"Rebels took the airport."),
        ("response", "http://news.test/huge", "200 OK", "text/html", b"<p>" + b"y" * 5000 + b"</p>"),
    ]
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        for kind, url, status, media, body in records:
            headers = StatusAndHeaders(status, [("Content-Type", media)], protocol="HTTP/1.1",
                                       is_http_request=kind == "request")
            writer.write_record(writer.create_warc_record(url, kind, payload=BytesIO(body), length=len(body),
                                                          http_headers=headers))


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_html_and_text_responses_become_inputs(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    _write_warc(path, gzip=name.endswith(".gz"))
    items = list(read_warc(path, max_bytes=1000))
    assert [i.id for i in items] == ["http://news.test/a", "http://news.test/b.txt", "http://news.test/huge"]
    page, note, huge = items
    assert isinstance(page, RawInput) and page.html == PAGE.decode() and page.url == "http://news.test/a"
    assert isinstance(note, RawInput) and note.text == "Rebels took the airport."
    assert isinstance(huge, UnreadableInput) and "too large" in huge.error


def test_warc_files_are_read_through_read_inputs(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    _write_warc(path, gzip=True)
    assert len(list(read_inputs([str(path)], max_bytes=1000))) == 3


def test_warc_broken_archive_is_reported_after_its_good_records(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc"
    _write_warc(whole, gzip=False)
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[: data.index(b"http://news.test/b.txt") - 40] + b"garbage\r\n\r\n")
    items = list(read_warc(cut, max_bytes=1000))
    assert isinstance(items[0], RawInput)
    assert isinstance(items[-1], UnreadableInput) and "broken WARC archive" in items[-1].error
