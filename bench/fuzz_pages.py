"""Fuzz target (atheris): arbitrary bytes as an input file -> documents -> events.

    .venv/bin/python bench/fuzz_pages.py -max_total_time=60        # what `make fuzz` runs
    .venv/bin/python bench/fuzz_pages.py CORPUS_DIR -runs=5000      # grow or replay a corpus folder

The first byte picks the file kind (.html, .txt, .jsonl, .json), the rest is the file. Each input
must end as document results, one per document it holds, each `ok`, `skipped` or `failed` and, when
not ok, with a reason; counts are bounded and no event is dated after its publication. Anything else
(an exception escaping the pipeline, a broken invariant) is a crash: atheris stops and writes the
input as `crash-*`. Without a corpus folder the run starts from a few built-in seed pages.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["sitrep"]):
    from sitrep.claims.numbers import MAX_COUNT
    from sitrep.pipeline import ErrorPolicy, load_resources, run
    from sitrep.records import DocumentResult, Status
    from sitrep.settings import load_settings
    from sitrep.sources import read_inputs

KINDS = (".html", ".txt", ".jsonl", ".json")
SEEDS = (
    b"\x00<html><head><title>Clash</title></head><body><article><p>Gunmen attacked a police post in Kandahar"
    b" on Saturday, killing two officers and wounding 3, police said.</p></article></body></html>",
    b"\x01KABUL -- At least 12 people were killed and dozens wounded when a car bomb exploded near a market"
    b" on Monday, officials said.",
    b'\x02{"id": "a", "published": "2021-06-14", "text": "Troops clashed with rebels near Goma yesterday;'
    b' five soldiers died."}\n{"id": "b", "html": "<p>Protesters marched in Lagos.</p>"}',
    b'\x03[{"id": "c", "text": "Two men were shot dead in Karachi on 3 May 2020, police said."}]',
)
PUBLISHED = date(2021, 6, 14)
SLACK = timedelta(days=1)


def _results(data: bytes, folder: Path) -> list[DocumentResult]:
    path = folder / f"input{KINDS[data[0] % len(KINDS)] if data else '.txt'}"
    path.write_bytes(data[1:])
    inputs = read_inputs([str(path)], max_bytes=SETTINGS.max_bytes)
    return list(run(inputs, settings=SETTINGS, resources=RESOURCES, policy=ErrorPolicy.RECORD))


def _check(result: DocumentResult) -> None:
    assert result.status in (Status.OK, Status.SKIPPED, Status.FAILED), result
    assert result.status is Status.OK or result.error, result
    latest = (result.document.published or PUBLISHED) + SLACK
    for event in result.events:
        assert event.date.date is None or event.date.date <= latest, event.date
        for claim in event.claims:
            assert 0 <= claim.low <= claim.high < MAX_COUNT, claim


def test_one_input(data: bytes) -> None:
    """One fuzz execution: the bytes as a file through the whole pipeline."""
    with tempfile.TemporaryDirectory() as folder:
        results = _results(data, Path(folder))
    assert results, "an input produced no document"
    for result in results:
        _check(result)


def _seed_folder() -> str:
    folder = Path(tempfile.mkdtemp(prefix="sitrep-fuzz-seeds-"))
    for n, seed in enumerate(SEEDS):
        (folder / f"seed-{n}").write_bytes(seed)
    return str(folder)


SETTINGS = load_settings(published=PUBLISHED)
RESOURCES = load_resources(SETTINGS)

if __name__ == "__main__":
    argv = sys.argv if any(not a.startswith("-") for a in sys.argv[1:]) else [*sys.argv, _seed_folder()]
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()
