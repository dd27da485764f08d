"""Shared fixtures. The heavy resources (spaCy model, gazetteer, tables) load once per session.

| fixture    | what it is                                                      |
|------------|-----------------------------------------------------------------|
| shared     | the ../shared folder (corpora, gold, scorer); skips when absent |
| settings   | default Settings with a temporary SQLite database               |
| resources  | the real pipeline resources (model, gazetteer, tables)          |
| nlp        | the real spaCy English pipeline                                 |
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.settings import Settings, load_settings

SHARED = Path(__file__).resolve().parents[2] / "shared"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "corpus").is_dir():
        pytest.skip("needs ../shared (dev corpora and gold), which a user's clone does not have")
    return SHARED


@pytest.fixture()
def settings(tmp_path: Path) -> Settings:
    return load_settings(db=str(tmp_path / "sitrep.db"))


@pytest.fixture(scope="session")
def resources():  # type: ignore[no-untyped-def]
    from sitrep.pipeline import load_resources

    return load_resources(load_settings())


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from sitrep.analysis import load_nlp

    return load_nlp()
