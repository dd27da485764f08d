"""Indexes for the read side (`sitrep.store.queries`), created by migration 0003_query_indexes.

- `ix_events_listing` covers every filterable column in date order, so a filtered, date-ordered
  page (and the map's /points) is read from the index alone, the wide `record` column only for
  the rows returned;
- `ix_events_country_date` serves the most common filter in date order;
- `ix_events_fatalities` serves the sort by fatalities.
"""

from __future__ import annotations

from sqlalchemy import Connection, Index

from sitrep.store import tables

_E = tables.events

QUERY_INDEXES = (
    Index("ix_events_listing", _E.c.event_date, _E.c.event_id, _E.c.event_type, _E.c.sub_event_type,
          _E.c.country, _E.c.admin1, _E.c.actor1, _E.c.actor2, _E.c.latitude, _E.c.longitude, _E.c.fatalities,
          _E.c.location),
    Index("ix_events_country_date", _E.c.country, _E.c.event_date, _E.c.event_id),
    Index("ix_events_fatalities", _E.c.fatalities, _E.c.event_id),
)


def create_query_indexes(conn: Connection) -> None:
    """Create the read-side indexes that are missing (idempotent)."""
    for index in QUERY_INDEXES:
        index.create(conn, checkfirst=True)
