"""The database backends the store tests run against: a temporary SQLite file, and the PostgreSQL
database named by SITREP_TEST_POSTGRES_URL (emptied first; `.ci/run` starts one), skipped when unset."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from sitrep.store import Store, open_store

BACKENDS = ("sqlite", "postgresql")
POSTGRES_ENV = "SITREP_TEST_POSTGRES_URL"


def database_url(backend: str, tmp_path: Path) -> str:
    """A fresh, empty database of the backend: a path or a postgresql:// URL."""
    if backend == "sqlite":
        return str(tmp_path / "store.db")
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(f"PostgreSQL tests need {POSTGRES_ENV}=postgresql://user@host/db (.ci/run sets it)")
    return empty_postgres(url)


def empty_postgres(url: str) -> str:
    """The PostgreSQL database at `url` with every table dropped (its public schema made anew)."""
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


def fresh_store(backend: str, tmp_path: Path) -> Store:
    """An empty, migrated store of the backend."""
    return open_store(database_url(backend, tmp_path))
