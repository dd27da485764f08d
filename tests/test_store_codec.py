from __future__ import annotations

from dataclasses import replace

from sitrep.records import Informant
from sitrep.store.codec import dump_event, load_event
from tests.records_factory import document_result


def test_store_codec_round_trips_every_field() -> None:
    event = document_result("d1").events[0]
    event = replace(event, informants=(Informant(name="a monitor", role=None),), location=None)
    assert load_event(dump_event(event)) == event
    assert load_event(dump_event(document_result("d2").events[0])) == document_result("d2").events[0]
