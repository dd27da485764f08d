"""Records built by hand, for tests where the extractor is not under test."""

from __future__ import annotations

from datetime import date

from sitrep.events import assemble_events
from sitrep.records import (
    ActorRef,
    Claim,
    ClaimKind,
    CodedMention,
    DateResolution,
    Document,
    DocumentResult,
    EventActors,
    EventLocation,
    EventType,
    Evidence,
    GeoPrecision,
    Inter,
    Mention,
    Sentence,
    Status,
    SubEventType,
    TimePrecision,
)

TEXT = "Rebels shelled the army base in Homs on Friday, killing 4 soldiers, a monitor said."


def claim(kind: ClaimKind, low: int, high: int | None = None, *, doc: str = "d1", start: int = 0) -> Claim:
    return Claim(kind=kind, low=low, high=high if high is not None else low, text=f"{low}", document_id=doc,
                 start=start, end=start + 1)


def coded(doc: str = "d1", *, sub: SubEventType = SubEventType.SHELLING, day: date = date(2021, 3, 5),
          killed: int | None = 4) -> CodedMention:
    sentence = Sentence(start=0, end=len(TEXT), text=TEXT)
    mention = Mention(document_id=doc, sentence=sentence, trigger=Evidence(document_id=doc, start=7, end=14,
                      text="shelled"), event_type=EventType.EXPLOSIONS if sub is SubEventType.SHELLING
                      else EventType.BATTLES, sub_event_type=sub, implementation="test")
    rebels = ActorRef(name="Opposition Rebels (Syria)", inter=Inter.REBEL_GROUPS,
                      evidence=Evidence(document_id=doc, start=0, end=6, text="Rebels"))
    army = ActorRef(name="Military Forces of Syria (2000-)", inter=Inter.STATE_FORCES,
                    evidence=Evidence(document_id=doc, start=19, end=23, text="army"))
    homs = EventLocation(location="Homs", country="Syria", iso3="SYR", admin1="Homs", admin2=None,
                         latitude=34.73, longitude=36.71, geo_precision=GeoPrecision.PLACE, geonameid=169577)
    return CodedMention(
        mention=mention, actors=EventActors(actor1=rebels, actor2=army), location=homs,
        date=DateResolution(date=day, precision=TimePrecision.DAY,
                            evidence=Evidence(document_id=doc, start=37, end=46, text="on Friday")),
        claims=(claim(ClaimKind.KILLED, killed, doc=doc, start=56),) if killed is not None else (),
    )


def document_result(doc: str = "d1", **kwargs: object) -> DocumentResult:
    document = Document(id=doc, text=TEXT, outlet="Example Wire", published=date(2021, 3, 6))
    events = assemble_events([coded(doc, **kwargs)], document=document, informants=())  # type: ignore[arg-type]
    return DocumentResult(document=document, status=Status.OK, events=events)
