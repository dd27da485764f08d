"""The index behind the free-text filter `q` (`EventFilter.text`), created by migration 0004_text_index.

The filter is a case-insensitive substring of any of six event columns; a LIKE '%q%' cannot use a
B-tree, so without help a word that matches nothing reads every row.

- SQLite (3.34+): `events_text`, an FTS5 table with the trigram tokenizer over the events table
  (external content keyed by the events' rowid, which VACUUM keeps; after a dump and reload,
  `INSERT INTO events_text(events_text) VALUES ('rebuild')`), kept in step by triggers, so every
  writer (the merge that deletes and rewrites events, a bulk load) updates it. A query of 3+ characters is
  narrowed to the rows whose trigrams hold it as a phrase; the LIKE is still applied to those rows,
  since the tokenizer folds Unicode case and SQLite's LIKE only ASCII: the index finds a superset,
  the LIKE keeps the answer identical to the scan. Shorter queries hold no trigram and scan; so does
  a common text (FEW_HITS or more) where the query is narrowed otherwise: a page (ordered, limited),
  which the scan in order soon fills, or other filters, which leave the LIKE few rows to test.
- PostgreSQL: one GIN index of pg_trgm's trigram operators over the six columns, which serves the
  scan's own ILIKE. A query without three letters or digits in a row holds no trigram pg_trgm can
  use (it reads only words): it is written so that the planner scans the table instead.

Where neither can be built (an older SQLite, pg_trgm not allowed) the migration logs why and the
filter scans.
"""

from __future__ import annotations

import logging
import re

from sqlalchemy import ColumnElement, Connection, and_, column, func, literal_column, or_, select, table, text
from sqlalchemy.exc import DBAPIError

from sitrep.store import tables

_log = logging.getLogger(__name__)
_E = tables.events

TEXT_COLUMNS = ("notes", "location", "actor1", "actor2", "admin1", "country")
FTS_TABLE = "events_text"
TRIGRAM_INDEX = "ix_events_text_trgm"
SQLITE_TRIGRAM = (3, 34, 0)  # the first SQLite with FTS5's trigram tokenizer
MIN_INDEXED = 3  # characters: shorter queries hold no trigram
_PG_TRIGRAM = re.compile(r"[^\W_]{3}")  # three letters or digits in a row: a trigram pg_trgm indexes
FEW_HITS = 2000  # hits up to which reading them by rowid beats a scan narrowed otherwise

_fts = table(FTS_TABLE, column("rowid"), column(FTS_TABLE))


def text_scan(query: str) -> ColumnElement[bool]:
    """The filter as a scan: `query` is a case-insensitive substring of a text column (LIKE '%query%',
    its % and _ literal)."""
    return or_(*(_E.c[name].icontains(query, autoescape=True) for name in TEXT_COLUMNS))


def matches_text(conn: Connection, query: str, *, narrowed: bool = False) -> ColumnElement[bool]:
    """The filter `q`, with the answer of `text_scan`: on SQLite narrowed first by the trigram index
    where it serves `query`; on PostgreSQL the scan's ILIKE, which the planner serves from the trigram
    index, unless `query` holds no trigram. When the query is `narrowed` otherwise (a page of the first
    rows in some order, other filters) a text the SQLite index finds often is left to the scan."""
    if conn.dialect.name == "postgresql" and not _PG_TRIGRAM.search(query):
        return _position_scan(query)
    scan = text_scan(query)
    if conn.dialect.name != "sqlite" or len(query) < MIN_INDEXED or "\0" in query or not _has_fts(conn):
        return scan  # FTS5 reads its query as a C string: a NUL would end it
    phrase = '"' + query.replace('"', '""') + '"'  # an FTS5 string: every character literal
    hits = select(_fts.c.rowid).where(_fts.c[FTS_TABLE].match(phrase))
    if narrowed and conn.scalar(select(func.count()).select_from(hits.limit(FEW_HITS).subquery())) == FEW_HITS:
        return scan
    return and_(literal_column("events.rowid").in_(hits), scan)  # the hits, read by rowid


def _position_scan(query: str) -> ColumnElement[bool]:
    """`text_scan` as PostgreSQL runs it (ILIKE lowers both sides, then matches) in a form no trigram
    index claims: pg_trgm would read its whole index for a pattern without a trigram."""
    return or_(*(func.strpos(func.lower(_E.c[name]), func.lower(query)) > 0 for name in TEXT_COLUMNS))


def _has_fts(conn: Connection) -> bool:
    found = conn.execute(text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :name"),
                         {"name": FTS_TABLE})
    return found.first() is not None


def create_text_index(conn: Connection) -> None:
    """Create the backend's free-text index and fill it from the stored events (idempotent)."""
    if conn.dialect.name == "sqlite":
        _create_fts(conn)
    elif conn.dialect.name == "postgresql":
        _create_trigram_index(conn)
    else:
        _log.warning("no free-text index for %s: the text filter scans every event", conn.dialect.name)


def _create_fts(conn: Connection) -> None:
    version = conn.dialect.server_version_info or (0,)
    if tuple(version) < SQLITE_TRIGRAM:
        _log.warning("SQLite %s has no trigram tokenizer (3.34+): the text filter scans every event",
                     ".".join(map(str, version)))
        return
    names = ", ".join(TEXT_COLUMNS)
    conn.execute(text(f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5({names}, content='events', "
                      "content_rowid='rowid', tokenize='trigram')"))
    add = f"INSERT INTO {FTS_TABLE}(rowid, {names}) VALUES (new.rowid, {_values('new')});"
    drop = f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {names}) VALUES ('delete', old.rowid, {_values('old')});"
    for suffix, when, body in (("ai", "INSERT", add), ("ad", "DELETE", drop), ("au", f"UPDATE OF {names}", drop + add)):
        conn.execute(text(f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_{suffix} AFTER {when} ON events "
                          f"BEGIN {body} END"))
    conn.execute(text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')"))  # the rows stored so far


def _values(row: str) -> str:
    return ", ".join(f"{row}.{name}" for name in TEXT_COLUMNS)


def _create_trigram_index(conn: Connection) -> None:
    operators = ", ".join(f"{name} gin_trgm_ops" for name in TEXT_COLUMNS)
    try:
        with conn.begin_nested():  # a failure here leaves the migration's transaction usable
            conn.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
            conn.execute(text(f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON events USING gin ({operators})"))
    except DBAPIError as err:
        _log.warning("no pg_trgm index (%s): the text filter scans every event", err.orig)
