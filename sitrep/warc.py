"""WARC and WARC.gz archives -> the HTML pages they captured (warcio).

Only successful (HTTP 200) response records of HTML or plain text become inputs, keyed by their
target URI; requests, metadata, redirects, images and scripts are not documents and are passed
over. An archive that breaks off yields one `UnreadableInput` saying where.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]
from warcio.exceptions import ArchiveLoadFailed  # type: ignore[import-untyped]

from sitrep.fetch import PAGE_TYPES, Fetched, page_input
from sitrep.records import RawInput, UnreadableInput


def read_warc(path: Path, *, max_bytes: int) -> Iterator[RawInput | UnreadableInput]:
    """The captured pages of one archive, in archive order."""
    count = 0
    try:
        with path.open("rb") as handle:
            for record in ArchiveIterator(handle):
                item = _page(record, max_bytes=max_bytes)
                if item is not None:
                    count += 1
                    yield item
    except (ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError, AttributeError) as err:
        # warcio reports malformed record headers as AttributeError or ValueError
        where = f"{path}#record-after-{count}"
        yield UnreadableInput(id=where, source=str(path), error=f"broken WARC archive: {err}")


def _page(record: Any, *, max_bytes: int) -> RawInput | UnreadableInput | None:
    """A response record's page, or None for records that are not pages."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    if record.http_headers.get_statuscode() != "200":
        return None
    media = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if media not in PAGE_TYPES:
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or record.rec_headers.get_header("WARC-Record-ID")
    body = record.content_stream().read(max_bytes + 1)
    if len(body) > max_bytes:
        return UnreadableInput(id=url, source=url, error=f"page too large (> {max_bytes} bytes)")
    return page_input(Fetched(url=url, final_url=url, content_type=media, body=body))
