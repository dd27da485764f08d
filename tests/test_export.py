from __future__ import annotations

import csv
import io
import json

import pytest

from sitrep.export import ACLED_COLUMNS, event_record, interaction, to_acled_csv, to_geojson
from sitrep.records import Inter
from tests.records_factory import document_result


@pytest.mark.parametrize(
    ("a", "b", "code"),
    [(Inter.STATE_FORCES, Inter.POLITICAL_MILITIAS, 13), (Inter.CIVILIANS, Inter.REBEL_GROUPS, 27),
     (Inter.PROTESTERS, None, 60), (None, None, None)],
)
def test_export_interaction_codes(a: Inter | None, b: Inter | None, code: int | None) -> None:
    assert interaction(a, b) == code


def test_export_event_record_has_every_contract_field() -> None:
    record = event_record(document_result().events[0])
    for field in ("event_id", "event_date", "date_precision", "event_type", "sub_event_type", "actor1",
                  "assoc_actor_1", "actor2", "assoc_actor_2", "inter1", "inter2", "interaction",
                  "civilian_targeting", "country", "iso3", "admin1", "admin2", "location", "latitude",
                  "longitude", "geo_precision", "fatalities", "fatalities_low", "fatalities_best",
                  "fatalities_high", "wounded_low", "wounded_best", "wounded_high", "claims", "sources",
                  "informants", "documents", "evidence", "notes", "confidence"):
        assert field in record
    assert record["fatalities"] == 4 and record["interaction"] == 12
    assert record["evidence"][0]["text"].startswith("Rebels shelled")


def test_export_acled_csv_header_is_acleds_2023_layout() -> None:
    text = to_acled_csv([event_record(document_result().events[0])])
    rows = list(csv.reader(io.StringIO(text)))
    assert tuple(rows[0]) == ACLED_COLUMNS and len(ACLED_COLUMNS) == 31
    assert rows[1][ACLED_COLUMNS.index("sub_event_type")] == "Shelling/artillery/missile attack"


def test_export_geojson_points_are_longitude_first() -> None:
    collection = json.loads(to_geojson([event_record(document_result().events[0])]))
    assert collection["type"] == "FeatureCollection"
    assert collection["features"][0]["geometry"]["coordinates"] == [36.71, 34.73]
