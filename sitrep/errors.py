"""The one exception tree of sitrep.

    SitrepError                 anything sitrep raises on purpose
    ├── InputError              an input cannot be read or decoded (document_id, source)
    ├── ExtractionError         a stage failed on one document (document_id, stage)
    ├── GazetteerError          the gazetteer cannot be built or loaded (source)
    ├── StoreError              the database cannot be opened or written (source)
    └── ConfigError             a setting is missing or invalid (source)

The runner catches `SitrepError` per document and records it on that document's row; the CLI
maps it to an exit code, the API to an HTTP status.
"""

from __future__ import annotations


class SitrepError(Exception):
    """Base class: a message saying what, where, and what would be valid."""

    def __init__(
        self,
        message: str,
        *,
        document_id: str | None = None,
        stage: str | None = None,
        source: str | None = None,
        span: tuple[int, int] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.document_id = document_id
        self.stage = stage
        self.source = source
        self.span = span

    def __str__(self) -> str:
        where = ", ".join(
            f"{k}={v}"
            for k, v in (("document", self.document_id), ("stage", self.stage), ("source", self.source))
            if v
        )
        return f"{self.message} ({where})" if where else self.message


class InputError(SitrepError):
    """An input cannot be read, decoded or parsed."""


class ExtractionError(SitrepError):
    """A pipeline stage failed on one document."""


class GazetteerError(SitrepError):
    """The gazetteer cannot be built, loaded or queried."""


class StoreError(SitrepError):
    """The database cannot be opened, migrated or written."""


class ConfigError(SitrepError):
    """A setting is missing or invalid."""
