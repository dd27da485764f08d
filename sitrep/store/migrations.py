"""Named, ordered, transactional migrations: each runs once, in order, recorded by name."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, inspect, select, text

from sitrep.store import tables
from sitrep.store.query_indexes import create_query_indexes
from sitrep.store.text_index import create_text_index


def _initial_schema(conn: Connection) -> None:
    tables.metadata.create_all(conn, tables=[
        tables.documents, tables.events, tables.event_documents, tables.claims, tables.evidence,
    ])


def _reports_revisions_copies(conn: Connection) -> None:
    """Per-document reports, revisions, fingerprints; documents.duplicate_of and superseded_by."""
    tables.metadata.create_all(conn, tables=[
        tables.reports, tables.revisions, tables.fingerprints, tables.fingerprint_bands,
    ])
    present = {c["name"] for c in inspect(conn).get_columns("documents")}
    for name in ("duplicate_of", "superseded_by"):
        if name not in present:
            conn.execute(text(f"ALTER TABLE documents ADD COLUMN {name} VARCHAR"))


MIGRATIONS: tuple[tuple[str, Callable[[Connection], None]], ...] = (
    ("0001_initial_schema", _initial_schema),
    ("0002_reports_revisions_copies", _reports_revisions_copies),
    ("0003_query_indexes", create_query_indexes),
    ("0004_text_index", create_text_index),
)


def migrate(conn: Connection) -> list[str]:
    """Apply the migrations not yet recorded; return their names."""
    tables.schema_migrations.create(conn, checkfirst=True)
    done = set(conn.scalars(select(tables.schema_migrations.c.name)))
    applied = []
    for name, step in MIGRATIONS:
        if name not in done:
            step(conn)
            conn.execute(tables.schema_migrations.insert().values(name=name))
            applied.append(name)
    return applied
