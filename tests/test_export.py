from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from sitrep.export import (
    ACLED_COLUMNS,
    event_record,
    interaction,
    iter_acled_csv,
    iter_geojson,
    iter_jsonl,
    to_acled_csv,
    to_geojson,
)
from sitrep.records import Inter
from tests.records_factory import document_result

# ACLED's column list since the 20 March 2023 layout change, in order (31 columns).
ACLED_2023_HEADER = """
event_id_cnty event_date year time_precision disorder_type event_type sub_event_type actor1 assoc_actor_1 inter1
actor2 assoc_actor_2 inter2 interaction civilian_targeting iso region country admin1 admin2 admin3 location
latitude longitude geo_precision source source_scale notes fatalities tags timestamp
"""


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
    assert rows[0] == ACLED_2023_HEADER.split()
    assert rows[1][ACLED_COLUMNS.index("sub_event_type")] == "Shelling/artillery/missile attack"


def test_export_geojson_points_are_longitude_first() -> None:
    collection = json.loads(to_geojson([event_record(document_result().events[0])]))
    assert collection["type"] == "FeatureCollection"
    assert collection["features"][0]["geometry"]["coordinates"] == [36.71, 34.73]


SCHEMA = Path(__file__).resolve().parent / "data" / "geojson-rfc7946.schema.json"


def _geojson_validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_export_geojson_validates_against_rfc7946_schema() -> None:
    records = [event_record(document_result(f"d{n}").events[0]) for n in range(3)]
    records.append({**records[0], "event_id": "unplaced", "latitude": None, "longitude": None})
    collection = json.loads(to_geojson(records))
    _geojson_validator().validate(collection)
    assert [f["id"] for f in collection["features"]] == [r["event_id"] for r in records[:3]]


@pytest.mark.parametrize("bad", [
    {"type": "FeatureCollection", "features": [], "crs": {"type": "name"}},
    {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},
                                                "geometry": {"type": "Point", "coordinates": [34.7, 136.7]}}]},
    {"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": None}]},
])
def test_export_geojson_schema_rejects_what_rfc7946_forbids(bad: dict[str, object]) -> None:
    assert list(_geojson_validator().iter_errors(bad))


def test_export_streamed_forms_equal_the_whole_texts() -> None:
    records = [event_record(document_result(f"d{n}").events[0]) for n in range(3)]
    assert "".join(iter_acled_csv(records)) == to_acled_csv(records)
    assert "".join(iter_geojson(records)) == to_geojson(records)
    assert "".join(iter_jsonl(records)).splitlines() == [json.dumps(r, ensure_ascii=False) for r in records]
    assert to_acled_csv([]).strip() == ",".join(ACLED_COLUMNS)
