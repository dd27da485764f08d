"""The API's input and output models: the output contract's objects as they appear in OpenAPI."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field, model_validator

from sitrep.ids import stable_id
from sitrep.records import RawInput


class _Out(BaseModel):
    """Output models document the contract's fields; fields added to the contract later pass through."""

    model_config = ConfigDict(extra="allow")


class ClaimOut(_Out):
    """A casualty count as one source stated it, with who made the claim."""

    kind: str
    low: int | None
    high: int | None
    text: str | None
    claimed_by: str | None
    document: str | None
    start: int | None
    end: int | None


class EvidenceOut(_Out):
    """A span of a document's clean text that backs the event."""

    document: str | None
    start: int | None
    end: int | None
    text: str | None


class InformantOut(_Out):
    """A person or body quoted as a source."""

    name: str
    role: str | None


class EventOut(_Out):
    """One event: the output contract's object (see docs/output.md)."""

    event_id: str
    event_date: date | None
    date_precision: int | None
    date_warning: str | None = None
    event_type: str
    sub_event_type: str
    disorder_type: str | None = None
    actor1: str | None
    assoc_actor_1: list[str]
    actor2: str | None
    assoc_actor_2: list[str]
    inter1: int | None
    inter2: int | None
    interaction: int | None
    civilian_targeting: bool
    country: str | None
    iso3: str | None
    admin1: str | None
    admin2: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    geonameid: int | None = None
    fatalities: int
    fatalities_low: int | None
    fatalities_best: int | None
    fatalities_high: int | None
    wounded_low: int | None
    wounded_best: int | None
    wounded_high: int | None
    claims: list[ClaimOut]
    sources: list[str]
    informants: list[InformantOut]
    documents: list[str]
    evidence: list[EvidenceOut]
    notes: str | None
    confidence: float | None


class DocumentRef(_Out):
    """A document that reports an event."""

    id: str
    url: str | None
    outlet: str | None
    title: str | None
    published: date | None


class EventDetail(EventOut):
    """One event with its documents' titles, outlets and links."""

    document_details: list[DocumentRef]


class EventList(BaseModel):
    """One page of events."""

    limit: int
    offset: int
    next_offset: int | None = Field(description="offset of the next page; null on the last page")
    total: int | None = Field(description="events matching the filters over all pages, with count=true")
    items: list[EventOut]


class PointTable(BaseModel):
    """Every matching event as a map point (newest first), up to the limit, as a compact table."""

    truncated: bool = Field(description="true when more events matched than were returned")
    columns: list[str] = Field(description="event_id, event_date, event_type, sub_event_type, actor1, actor2, "
                               "country, location, latitude, longitude, fatalities")
    rows: list[list[str | float | int | None]]


class SpanOut(_Out):
    """An evidence or claim span in a document's text, and the event it backs."""

    event_id: str
    kind: str = Field(description="'evidence' or 'claim'")
    start: int | None
    end: int | None
    text: str | None
    claim: str | None = Field(description="killed, wounded or captured, for claim spans")
    claimed_by: str | None


class PlaceOut(_Out):
    """A place name found in a document's text, resolved on the gazetteer."""

    text: str
    start: int
    end: int
    name: str | None
    country: str | None
    admin1: str | None
    latitude: float | None
    longitude: float | None


class DocumentOut(_Out):
    """One document: clean text, metadata, status, and the spans that back events."""

    id: str
    url: str | None
    outlet: str | None
    title: str | None
    published: date | None
    language: str | None
    byline: str | None = None
    text: str
    status: str
    error: str | None
    places: list[PlaceOut]
    spans: list[SpanOut]


class Count(BaseModel):
    """A value and how many events have it."""

    value: str
    count: int


class StatsOut(BaseModel):
    """Counts of the matching events."""

    total: int
    by_day: list[Count]
    by_type: list[Count]
    by_country: list[Count]
    by_actor: list[Count]


class DocumentIn(BaseModel):
    """A page to ingest: `html` or `text`, with whatever metadata is known."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(None, max_length=200, description="default: derived from url or content")
    url: str | None = Field(None, max_length=2000)
    outlet: str | None = Field(None, max_length=200)
    title: str | None = Field(None, max_length=1000)
    published: date | None = None
    language: str | None = Field(None, max_length=8)
    html: str | None = None
    text: str | None = None

    @model_validator(mode="after")
    def _one_body(self) -> DocumentIn:
        if not (self.html or self.text):
            raise ValueError("a document needs 'html' or 'text'")
        return self

    def to_raw_input(self) -> RawInput:
        """The pipeline's input record; the id is stable for the same url or content."""
        doc_id = self.id or stable_id(self.url or self.html or self.text, prefix="api-")
        return RawInput(id=doc_id, source="api", url=self.url, outlet=self.outlet, published=self.published,
                        language=self.language, title=self.title, html=self.html,
                        text=None if self.html else self.text)


class IngestResult(BaseModel):
    """What the pipeline made of an ingested page."""

    id: str
    status: str
    error: str | None
    events: list[str] = Field(description="ids of the stored events the page reports")


class ErrorOut(BaseModel):
    """An error: what went wrong, never a stack trace."""

    error: str
    detail: str
