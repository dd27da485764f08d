"""SQLAlchemy Core tables: documents, merged events, the documents of each event, claims, evidence;
each document's own reported events, the revisions of merged events, and document fingerprints."""

from __future__ import annotations

from sqlalchemy import Column, Date, DateTime, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text

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
    Column("duplicate_of", String),  # the first copy of a syndicated text (0002)
    Column("superseded_by", String),  # a later version of the article at the same URL (0002)
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

reports = Table(
    "reports", metadata,  # each document's own reported events, the members of merged events
    Column("report_id", String, primary_key=True),
    Column("document_id", String, nullable=False, index=True),
    Column("event_type", String, nullable=False),
    Column("event_date", Date),
    Column("country", String),
    Column("merged_into", String, nullable=False, index=True),
    Column("report", Text, nullable=False),  # the full Event record (sitrep.store.codec)
    Index("ix_reports_type_date", "event_type", "event_date"),
)

revisions = Table(
    "revisions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String, nullable=False, index=True),
    Column("action", String(8), nullable=False),  # created, updated, deleted
    Column("at", DateTime(timezone=True), nullable=False),
    Column("changed", Text, nullable=False),  # the output fields that changed, comma-separated
    Column("reason", Text, nullable=False),
    Column("document_id", String),
    Column("replaced_by", String),
)

fingerprints = Table(
    "fingerprints", metadata,  # MinHash signature of each document's text
    Column("document_id", String, primary_key=True),
    Column("signature", Text, nullable=False),
)

fingerprint_bands = Table(
    "fingerprint_bands", metadata,  # locality-sensitive hashing bands of the signatures
    Column("band", String, primary_key=True),
    Column("document_id", String, primary_key=True),
)
