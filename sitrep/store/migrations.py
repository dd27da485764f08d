"""Named, ordered, transactional migrations: each runs once, in order, recorded by name."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, select

from sitrep.store import tables


def _initial_schema(conn: Connection) -> None:
    tables.metadata.create_all(conn, tables=[
        tables.documents, tables.events, tables.event_documents, tables.claims, tables.evidence,
    ])


MIGRATIONS: tuple[tuple[str, Callable[[Connection], None]], ...] = (
    ("0001_initial_schema", _initial_schema),
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
