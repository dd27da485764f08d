from __future__ import annotations

from pathlib import Path

import sitrep

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_public_api_all_is_sorted_and_exported() -> None:
    assert sitrep.__all__ == sorted(sitrep.__all__)
    for name in sitrep.__all__:
        assert hasattr(sitrep, name), name


def test_public_api_extract_runs_the_pipeline(resources: object) -> None:
    results = sitrep.extract([str(EXAMPLES / "usa-fresno-party-shooting.html")])
    (result,) = results
    assert result.status.value == "ok"
    assert any(e.event_type is sitrep.EventType.VIOLENCE_AGAINST_CIVILIANS for e in result.events)
