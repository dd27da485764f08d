"""Per-stage timings: the pipeline times each stage of a document (`DocumentResult.timings`);
`--profile` sums them over a batch and prints a table."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from sitrep.records import DocumentResult, StageTime


class StageClock:
    """Wall-clock seconds spent in each stage of one document, in the order the stages first ran."""

    def __init__(self) -> None:
        self._seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time the block as (part of) stage `name`."""
        started = time.perf_counter()
        try:
            yield
        finally:
            self.add(name, time.perf_counter() - started)

    def add(self, name: str, seconds: float) -> None:
        """Count `seconds` to stage `name` (a document's share of a batch's time)."""
        self._seconds[name] = self._seconds.get(name, 0.0) + seconds

    def timings(self) -> tuple[StageTime, ...]:
        return tuple(StageTime(stage=name, seconds=seconds) for name, seconds in self._seconds.items())


class StageTotals:
    """Seconds per stage summed over the documents of a batch."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.documents = 0

    def add(self, result: DocumentResult) -> None:
        """Count one document's stage timings (documents that failed early have none)."""
        self.documents += 1
        for timing in result.timings:
            self.seconds[timing.stage] = self.seconds.get(timing.stage, 0.0) + timing.seconds

    def table(self) -> Iterable[str]:
        """One line per stage, slowest first: total seconds, milliseconds per document, share."""
        total = sum(self.seconds.values()) or 1.0
        per = max(self.documents, 1)
        yield f"{'stage':12s} {'seconds':>9s} {'ms/doc':>8s} {'share':>6s}"
        for stage, seconds in sorted(self.seconds.items(), key=lambda item: -item[1]):
            yield f"{stage:12s} {seconds:9.2f} {1000 * seconds / per:8.1f} {seconds / total:6.1%}"
        yield f"{'all stages':12s} {sum(self.seconds.values()):9.2f} {1000 * total / per:8.1f} over {per} documents"
