"""SQLAlchemy Core tables: documents, events, the documents of each event, claims, evidence."""

from __future__ import annotations

from sqlalchemy import Column, Date, Float, ForeignKey, Integer, MetaData, String, Table, Text

metadata = MetaData()

documents = Table(
    "documents", metadata,
    Column("id", String, primary_key=True),
    Column("url", Text),
    Column("outlet", String),
    Column("title", Text),
    Column("published", Date),
    Column("language", String(8)),
    Column("status", String(8), nullable=False),
    Column("error", Text),
    Column("record", Text, nullable=False),  # the output contract's JSON object
)

events = Table(
    "events", metadata,
    Column("event_id", String, primary_key=True),
    Column("event_date", Date, index=True),
    Column("event_type", String, index=True),
    Column("sub_event_type", String),
    Column("actor1", String, index=True),
    Column("actor2", String, index=True),
    Column("country", String, index=True),
    Column("admin1", String),
    Column("location", String),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("fatalities", Integer),
    Column("notes", Text),
    Column("record", Text, nullable=False),
)

event_documents = Table(
    "event_documents", metadata,
    Column("event_id", String, ForeignKey("events.event_id", ondelete="CASCADE"), primary_key=True),
    Column("document_id", String, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True, index=True),
)

claims = Table(
    "claims", metadata,
    Column("event_id", String, ForeignKey("events.event_id", ondelete="CASCADE"), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("kind", String(10), nullable=False),
    Column("low", Integer),
    Column("high", Integer),
    Column("claimed_by", String),
    Column("document_id", String),
    Column("start", Integer),
    Column("end", Integer),
    Column("text", Text),
)

evidence = Table(
    "evidence", metadata,
    Column("event_id", String, ForeignKey("events.event_id", ondelete="CASCADE"), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("document_id", String),
    Column("start", Integer),
    Column("end", Integer),
    Column("text", Text),
)

schema_migrations = Table(
    "schema_migrations", metadata,
    Column("name", String, primary_key=True),
)
