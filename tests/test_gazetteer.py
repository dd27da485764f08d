"""The gazetteer: name keys, the bundled index, a GeoNames dump, loading and caching."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.errors import GazetteerError
from sitrep.gazetteer import Gazetteer, load_gazetteer, normalise_name, strict_key
from sitrep.gazetteer.bundled import admin1_point
from sitrep.gazetteer.geonames import load_geonames
from sitrep.gazetteer.index import read_index

DEIR_EZ_ZOR = ["Deir ez-Zor", "Deir Ezzor", "Dayr az-Zawr", "DEIR EZZOR", "Deir al-Zour"]


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer("bundled")


@pytest.mark.parametrize("variant", DEIR_EZ_ZOR)
def test_gazetteer_normalise_name_joins_transliterations(variant: str) -> None:
    assert normalise_name(variant) == normalise_name("Deir ez-Zor")


@pytest.mark.parametrize(("a", "b"), [("Raqqa", "Ar Raqqah"), ("Hasakeh", "Al-Hasakah"), ("Idleb", "Idlib"),
                                      ("Kobane", "Kobani"), ("Qamishli", "Kamishli"), ("Homs", "Hims")])
def test_gazetteer_normalise_name_joins_spelling_pairs(a: str, b: str) -> None:
    assert normalise_name(a) == normalise_name(b)


@pytest.mark.parametrize(("a", "b"), [("Yemen", "Amman"), ("Aleppo", "Mosul"), ("Paris", "Peru")])
def test_gazetteer_normalise_name_keeps_different_names_apart(a: str, b: str) -> None:
    assert normalise_name(a) != normalise_name(b)


def test_gazetteer_strict_key_folds_case_accents_and_punctuation() -> None:
    assert strict_key("São Paulo") == strict_key("SAO PAULO") == "saopaulo"
    assert strict_key("Deir ez-Zor") == strict_key("DEIR EZZOR")


@pytest.mark.parametrize("variant", DEIR_EZ_ZOR)
def test_gazetteer_bundled_finds_deir_ez_zor_by_any_spelling(gazetteer: Gazetteer, variant: str) -> None:
    assert 170794 in {e.geonameid for e in gazetteer.candidates(variant)}


@pytest.mark.parametrize(("name", "geonameid"), [("Raqqa", 172955), ("Mosul", 99072), ("Aleppo", 170063)])
def test_gazetteer_bundled_finds_cities(gazetteer: Gazetteer, name: str, geonameid: int) -> None:
    assert geonameid in {e.geonameid for e in gazetteer.candidates(name)}


@pytest.mark.parametrize(("name", "country"), [("Idlib", "SY"), ("Illinois", "US"), ("Homs", "SY")])
def test_gazetteer_bundled_resolves_first_level_areas(gazetteer: Gazetteer, name: str, country: str) -> None:
    areas = [e for e in gazetteer.candidates(name, strict=True) if e.feature == "A.ADM1"]
    assert [e.country_code for e in areas] == [country]


def test_gazetteer_bundled_resolves_second_level_areas(gazetteer: Gazetteer) -> None:
    assert any(e.feature == "A.ADM2" and e.country_code == "PH" for e in gazetteer.candidates("Bulacan"))


def test_gazetteer_bundled_answers_country_and_area_questions(gazetteer: Gazetteer) -> None:
    syria = gazetteer.country("SY")
    assert syria is not None and syria.feature == "A.PCLI"
    assert gazetteer.country_name("SY") == "Syria"
    assert gazetteer.iso3("SY") == "SYR"
    assert gazetteer.admin1_name("SY", "07") == "Deir ez-Zor"
    seat = gazetteer.seat("SY", "07")
    assert seat is not None and seat.geonameid == 170794
    capital = gazetteer.capital("SY")
    assert capital is not None and capital.name == "Damascus"
    assert "aleppo" in gazetteer.proper_names()


def test_gazetteer_load_rejects_unknown_names() -> None:
    with pytest.raises(GazetteerError, match="unknown gazetteer"):
        load_gazetteer("atlas")
    with pytest.raises(GazetteerError, match="needs path"):
        load_gazetteer("geonames")


_DUMP = [  # geonameid, name, asciiname, alternatenames, lat, lon, class, code, cc, admin1, admin2, population
    ("163843", "Syria", "Syria", "Syrien,Syrie", "35", "38", "A", "PCLI", "SY", "00", "", "22000000"),
    ("170792", "Dayr az Zawr", "Dayr az Zawr", "Deir ez-Zor Governorate", "35", "40", "A", "ADM1", "SY", "07",
     "", "1000000"),
    ("170794", "Deir ez-Zor", "Deir ez-Zor", "Dayr az-Zawr,Deir Ezzor", "35.33588", "40.14084", "P", "PPLA",
     "SY", "07", "", "242565"),
    ("170654", "Damascus", "Damascus", "Dimashq", "33.5102", "36.29128", "P", "PPLC", "SY", "13", "",
     "1569394"),
    ("999999", "Tiny Farm", "Tiny Farm", "", "35.1", "40.1", "P", "PPL", "SY", "07", "", "0"),
]


def _write_dump(path: Path) -> Path:
    tail = ["", "200", "Asia/Damascus", "2024-01-01"]  # elevation, dem, timezone, modified
    lines = ["\t".join([*row[:9], "", row[9], row[10], "", "", row[11], *tail]) for row in _DUMP]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_gazetteer_geonames_dump_answers_the_protocol(tmp_path: Path) -> None:
    gz = load_geonames(_write_dump(tmp_path / "SY.txt"), cache_dir=tmp_path / "cache")
    assert [e.geonameid for e in gz.candidates("DEIR EZZOR") if e.feature == "P.PPLA"] == [170794]
    assert gz.admin1_name("SY", "07") == "Dayr az Zawr"
    assert gz.iso3("SY") == "SYR" and gz.country_name("SY") == "Syria"
    seat, capital = gz.seat("SY", "07"), gz.capital("SY")
    assert seat is not None and seat.name == "Deir ez-Zor"
    assert capital is not None and capital.name == "Damascus"
    assert not gz.candidates("Tiny Farm")  # no population, no administrative role


def test_gazetteer_geonames_dump_is_cached_and_rebuilt_on_change(tmp_path: Path) -> None:
    dump = _write_dump(tmp_path / "SY.txt")
    first = load_geonames(dump, cache_dir=tmp_path / "cache")
    assert len(list((tmp_path / "cache").glob("*.pickle"))) == 1
    assert load_geonames(dump, cache_dir=tmp_path / "cache").version == first.version
    dump.write_text(dump.read_text(encoding="utf-8").replace("242565", "242566"), encoding="utf-8")
    assert load_geonames(dump, cache_dir=tmp_path / "cache").version != first.version


def test_gazetteer_geonames_rejects_a_file_that_is_not_a_dump(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("just,some,csv\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="columns"):
        load_geonames(bad, cache_dir=tmp_path)
    with pytest.raises(GazetteerError, match="cannot read"):
        load_geonames(tmp_path / "missing.txt", cache_dir=tmp_path)


def test_gazetteer_damaged_cache_reads_as_missing(tmp_path: Path) -> None:
    damaged = tmp_path / "index.pickle"
    damaged.write_bytes(b"not a pickle")
    assert read_index(damaged, version="x") is None
    assert read_index(tmp_path / "absent.pickle", version="x") is None


def test_gazetteer_bundled_knows_sitreps_own_area_aliases(gazetteer: Gazetteer) -> None:
    assert [e.country_code for e in gazetteer.candidates("NSW", strict=True) if e.feature == "A.ADM1"] == ["AU"]
    assert any(e.feature == "A.ADM1" and e.admin1 == "KY" for e in gazetteer.candidates("Ky.", strict=True))


def test_gazetteer_bundled_area_names_and_seats(gazetteer: Gazetteer) -> None:
    assert gazetteer.admin1_name("US", "DC") == "District of Columbia"
    assert gazetteer.admin1_name("US", "MD") == "Maryland"
    seat = gazetteer.seat("US", "MN")
    assert seat is not None and seat.name == "Minneapolis"  # the largest city: no city is named Minnesota


def test_gazetteer_bundled_country_points_are_geonames_points(gazetteer: Gazetteer) -> None:
    canada = gazetteer.country("CA")
    assert canada is not None and (canada.latitude, canada.longitude) == (60.10867, -113.64258)


def test_gazetteer_admin1_point_lies_between_reference_and_towns() -> None:
    towns = [(49.0, -110.0), (53.5, -113.5), (60.0, -120.0)]  # extent middle: 54.5, -115
    assert admin1_point((55.0, -115.0), towns) == pytest.approx((54.75, -115.0))
    assert admin1_point(None, towns) == pytest.approx((54.5, -115.0))


def test_gazetteer_admin1_point_ignores_towns_stretched_by_misfiled_ones() -> None:
    towns = [(36.0, 114.0), (42.0, 118.0), (38.0, 100.0)]  # extent middle 39, 109: far from the reference
    assert admin1_point((39.0, 116.0), towns) == (39.0, 116.0)


def test_gazetteer_bundled_admin1_points_use_reference_points(gazetteer: Gazetteer) -> None:
    ontario = gazetteer.admin1("CA", "08")  # its towns crowd the south; its middle is far north of them
    assert ontario is not None and ontario.latitude > 48.0


@pytest.mark.parametrize(("name", "feature"), [("Baltic Sea", "H.SEA"), ("Lake Victoria", "H.LK"),
                                               ("Ural Mountains", "T.MTS"), ("Nyanza", "L.RGN"),
                                               ("West Midlands", "L.RGN"), ("Soviet Union", "L.RGN")])
def test_gazetteer_bundled_knows_seas_lakes_ranges_and_former_provinces(gazetteer: Gazetteer, name: str,
                                                                         feature: str) -> None:
    assert gazetteer.candidates(name, strict=True)[0].feature == feature


def test_gazetteer_bundled_knows_former_country_names(gazetteer: Gazetteer) -> None:
    assert any(e.feature == "A.PCLI" and e.country_code == "CD" for e in gazetteer.candidates("Zaire", strict=True))


@pytest.mark.parametrize(("name", "country"), [("Somme", "FR"), ("Yvelines", "FR"), ("Cuneo", "IT")])
def test_gazetteer_bundled_second_level_areas_by_bare_name(gazetteer: Gazetteer, name: str, country: str) -> None:
    """Second-level areas answer to their names without "Departement de la", "Provincia di" (and
    France's departments under the regions formed in 2016)."""
    assert any(e.feature == "A.ADM2" and e.country_code == country for e in gazetteer.candidates(name, strict=True))
