"""Mentions built by hand for the actors tests (the trigger extractor is not under test there)."""

from __future__ import annotations

from sitrep.actors import load_actor_table, resolve_actors
from sitrep.records import EVENT_TYPE_OF, EventActors, Evidence, Mention, Sentence, SubEventType

ISIL = "Islamic State in Iraq and the Levant (ISIL)"


def mention(text: str, trigger: str, sub: SubEventType, *, prefix: str = "") -> tuple[Mention, str]:
    """A mention of the sentence `text` (after an optional earlier sentence), triggered by `trigger`."""
    full = prefix + text
    start = len(prefix) + text.index(trigger)
    m = Mention(
        document_id="doc",
        sentence=Sentence(start=len(prefix), end=len(full), text=text),
        trigger=Evidence(document_id="doc", start=start, end=start + len(trigger), text=trigger),
        event_type=EVENT_TYPE_OF[sub],
        sub_event_type=sub,
        implementation="test",
    )
    return m, full


def code(text: str, trigger: str, sub: SubEventType, country: str | None, **kwargs: object) -> EventActors:
    """The actors of one sentence, resolved with the packaged table."""
    m, full = mention(text, trigger, sub)
    return resolve_actors(m, text=full, country=country, table=load_actor_table(), **kwargs)  # type: ignore[arg-type]


def names(result: EventActors) -> tuple[str | None, str | None]:
    """The names of the two main actors."""
    return (result.actor1.name if result.actor1 else None, result.actor2.name if result.actor2 else None)
