"""Storage: SQLite by default, PostgreSQL by URL; idempotent upserts keyed by content-derived ids."""

from sitrep.store.repository import Store, open_store

__all__ = ["Store", "open_store"]
