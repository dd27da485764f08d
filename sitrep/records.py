"""Typed records: the contract between sitrep's stages.

Every stage takes and returns these frozen records; no dict crosses a stage boundary. Closed
vocabularies (ACLED event types, sub-types, actor classes, precisions) are enums whose values are
spelled exactly as ACLED spells them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum, StrEnum
from typing import Any, TypeVar, dataclass_transform

_T = TypeVar("_T")


@dataclass_transform(frozen_default=True, kw_only_default=True, field_specifiers=(field,))
def record(cls: type[_T]) -> type[_T]:
    """A frozen, slotted, keyword-only dataclass: the form of every record."""
    return dataclass(frozen=True, slots=True, kw_only=True)(cls)


class EventType(StrEnum):
    """ACLED's six event types."""

    BATTLES = "Battles"
    EXPLOSIONS = "Explosions/Remote violence"
    VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"
    PROTESTS = "Protests"
    RIOTS = "Riots"
    STRATEGIC_DEVELOPMENTS = "Strategic developments"


class SubEventType(StrEnum):
    """ACLED's 25 sub-event types."""

    ARMED_CLASH = "Armed clash"
    GOVERNMENT_REGAINS_TERRITORY = "Government regains territory"
    NON_STATE_ACTOR_OVERTAKES_TERRITORY = "Non-state actor overtakes territory"
    CHEMICAL_WEAPON = "Chemical weapon"
    AIR_DRONE_STRIKE = "Air/drone strike"
    SUICIDE_BOMB = "Suicide bomb"
    SHELLING = "Shelling/artillery/missile attack"
    REMOTE_EXPLOSIVE = "Remote explosive/landmine/IED"
    GRENADE = "Grenade"
    SEXUAL_VIOLENCE = "Sexual violence"
    ATTACK = "Attack"
    ABDUCTION = "Abduction/forced disappearance"
    PEACEFUL_PROTEST = "Peaceful protest"
    PROTEST_WITH_INTERVENTION = "Protest with intervention"
    EXCESSIVE_FORCE = "Excessive force against protesters"
    VIOLENT_DEMONSTRATION = "Violent demonstration"
    MOB_VIOLENCE = "Mob violence"
    AGREEMENT = "Agreement"
    ARRESTS = "Arrests"
    CHANGE_TO_GROUP = "Change to group/activity"
    DISRUPTED_WEAPONS_USE = "Disrupted weapons use"
    HEADQUARTERS_ESTABLISHED = "Headquarters or base established"
    LOOTING = "Looting/property destruction"
    NON_VIOLENT_TRANSFER = "Non-violent transfer of territory"
    OTHER = "Other"


EVENT_TYPE_OF: dict[SubEventType, EventType] = {
    **{s: EventType.BATTLES for s in (
        SubEventType.ARMED_CLASH, SubEventType.GOVERNMENT_REGAINS_TERRITORY,
        SubEventType.NON_STATE_ACTOR_OVERTAKES_TERRITORY)},
    **{s: EventType.EXPLOSIONS for s in (
        SubEventType.CHEMICAL_WEAPON, SubEventType.AIR_DRONE_STRIKE, SubEventType.SUICIDE_BOMB,
        SubEventType.SHELLING, SubEventType.REMOTE_EXPLOSIVE, SubEventType.GRENADE)},
    **{s: EventType.VIOLENCE_AGAINST_CIVILIANS for s in (
        SubEventType.SEXUAL_VIOLENCE, SubEventType.ATTACK, SubEventType.ABDUCTION)},
    **{s: EventType.PROTESTS for s in (
        SubEventType.PEACEFUL_PROTEST, SubEventType.PROTEST_WITH_INTERVENTION,
        SubEventType.EXCESSIVE_FORCE)},
    **{s: EventType.RIOTS for s in (SubEventType.VIOLENT_DEMONSTRATION, SubEventType.MOB_VIOLENCE)},
    **{s: EventType.STRATEGIC_DEVELOPMENTS for s in (
        SubEventType.AGREEMENT, SubEventType.ARRESTS, SubEventType.CHANGE_TO_GROUP,
        SubEventType.DISRUPTED_WEAPONS_USE, SubEventType.HEADQUARTERS_ESTABLISHED,
        SubEventType.LOOTING, SubEventType.NON_VIOLENT_TRANSFER, SubEventType.OTHER)},
}


class Inter(IntEnum):
    """ACLED actor classes (inter codes)."""

    STATE_FORCES = 1
    REBEL_GROUPS = 2
    POLITICAL_MILITIAS = 3
    IDENTITY_MILITIAS = 4
    RIOTERS = 5
    PROTESTERS = 6
    CIVILIANS = 7
    EXTERNAL_FORCES = 8


class GeoPrecision(IntEnum):
    """ACLED geo_precision."""

    PLACE = 1
    NEAR_OR_PART = 2
    REGION = 3


class TimePrecision(IntEnum):
    """ACLED time_precision."""

    DAY = 1
    WEEK = 2
    MONTH = 3


class ClaimKind(StrEnum):
    """What a casualty claim counts."""

    KILLED = "killed"
    WOUNDED = "wounded"
    CAPTURED = "captured"


class Status(StrEnum):
    """What happened to one input document."""

    OK = "ok"
    SKIPPED = "skipped"
    FAILED = "failed"


@record
class Evidence:
    """A span of a document's clean text that backs a value."""

    document_id: str
    start: int
    end: int
    text: str


@record
class RawInput:
    """One input as read, before any cleaning; exactly one of html/text is set."""

    id: str
    source: str
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    language: str | None = None
    title: str | None = None
    html: str | None = None
    text: str | None = None


@record
class UnreadableInput:
    """An input that could not be read: it still becomes a failed document row."""

    id: str
    source: str
    error: str


@record
class Document:
    """Clean article text and its metadata."""

    id: str
    text: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: date | None = None
    published_from: str | None = None  # input, metadata, dateline, option
    language: str | None = None
    byline: str | None = None
    dateline: str | None = None


@record
class Entity:
    """A named entity found by the NLP model, with offsets into the clean text."""

    text: str
    label: str
    start: int
    end: int


@record
class Sentence:
    """A sentence span of the clean text."""

    start: int
    end: int
    text: str


@record
class AnalysedText:
    """A document with its sentences, entities and (optionally) the parsed spaCy Doc."""

    document: Document
    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...]
    parsed: Any = field(default=None, compare=False, repr=False)


@record
class Mention:
    """One sentence-level report of an event."""

    document_id: str
    sentence: Sentence
    trigger: Evidence
    event_type: EventType
    sub_event_type: SubEventType
    implementation: str
    weight: float = 1.0  # how strongly the trigger reports its sub-type, 0..1


@record
class ActorRef:
    """An actor normalised to its canonical name and ACLED class."""

    name: str
    inter: Inter
    evidence: Evidence | None = None


@record
class EventActors:
    """The two sides of an event, each with its associated actors."""

    actor1: ActorRef | None
    actor2: ActorRef | None
    assoc_actor_1: tuple[ActorRef, ...] = ()
    assoc_actor_2: tuple[ActorRef, ...] = ()


@record
class GazetteerEntry:
    """One gazetteer record: a populated place, an admin area or a country."""

    geonameid: int
    name: str
    latitude: float
    longitude: float
    country_code: str  # ISO 3166-1 alpha-2
    feature: str  # GeoNames feature class.code, e.g. "P.PPLA", "A.ADM1", "A.PCLI"
    population: int = 0
    admin1: str | None = None
    admin2: str | None = None


@record
class Place:
    """A toponym found in the text and resolved on the gazetteer."""

    text: str
    start: int
    end: int
    entry: GazetteerEntry
    country: str
    iso3: str
    admin1: str | None
    admin2: str | None
    contained: bool = False  # the gazetteer lacks the name: `entry` is the place the text puts it in


@record
class EventLocation:
    """Where an event happened, with ACLED geo_precision."""

    location: str
    country: str
    iso3: str
    admin1: str | None
    admin2: str | None
    latitude: float
    longitude: float
    geo_precision: GeoPrecision
    geonameid: int | None = None
    evidence: Evidence | None = None


@record
class DateResolution:
    """An event's date; date None means unresolved, with the reason in warning."""

    date: date | None
    precision: TimePrecision | None
    evidence: Evidence | None = None
    warning: str | None = None


@record
class Informant:
    """A person or body quoted as a source inside an article."""

    name: str
    role: str | None = None
    evidence: Evidence | None = None


@record
class Claim:
    """'more than 30 killed': a count of one kind, as a range, and who said it."""

    kind: ClaimKind
    low: int
    high: int
    text: str
    document_id: str
    start: int
    end: int
    claimed_by: str | None = None


@record
class CodedMention:
    """A mention with everything coded from its sentence: actors, place, date and claims."""

    mention: Mention
    actors: EventActors
    location: EventLocation | None
    date: DateResolution
    claims: tuple[Claim, ...]


@record
class Event:
    """One event, merged from the mentions that report it."""

    event_id: str
    event_type: EventType
    sub_event_type: SubEventType
    date: DateResolution
    actors: EventActors
    location: EventLocation | None
    claims: tuple[Claim, ...]
    informants: tuple[Informant, ...]
    sources: tuple[str, ...]
    documents: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    notes: str
    confidence: float
    civilian_targeting: bool = False


@record
class StageTime:
    """Wall-clock seconds one pipeline stage took on one document (`--profile`)."""

    stage: str
    seconds: float


@record
class DocumentResult:
    """What the pipeline made of one input: the document, its places and events, its status."""

    document: Document
    status: Status
    places: tuple[Place, ...] = ()
    events: tuple[Event, ...] = ()
    error: str | None = None
    timings: tuple[StageTime, ...] = field(default=(), compare=False)  # per stage; never part of equality
