"""Places: every place name in a document's clean text, resolved on a gazetteer.

Recognition looks up spans something marks as a place: spaCy GPE/LOC/FAC entities, NORP
demonyms ("Syrian" -> Syria), datelines ("DEIR EZZOR -", "SAN SALVADOR, 3 JAN 90 --"), phrases
such as "the town of X", "X province", and proper nouns the gazetteer knows. Each span carries
what the text says about it: a locative preposition ("in X", "24, of X") or a qualifier ("X,
Ala.") is strong evidence; part of a longer name ("Wells Fargo", "Michigan Avenue", "Sacred Heart
Church") or a word the document uses for a person ("Officer Rivera", "Rivera, 24,", "Rivera
said", a PERSON entity) is evidence against.

Disambiguation keeps the candidates that evidence allows, then scores them with population,
feature-class and name priors and the document's context: its countries (dateline, names,
demonyms, the outlet), its first-level areas (qualifiers, dateline, named areas, big cities, the
outlet's home state from outlet_countries.tsv or its host name) and nearby places; a mention is
no evidence for itself. A small town needs a qualifier to beat a country, area or capital of the
same name ("Paris, Texas"), the document's area to beat a city of a million, and, outside the
document's areas, a name no other town of its country shares ("Homewood" in a Pittsburgh story
is not Homewood, Alabama). A name a qualifier or dateline settled keeps that sense everywhere.
A list keeps one level of the hierarchy ("Alberta, Manitoba, Ontario": provinces of Canada), and
a name listed with places is marked as one, whatever the model called it ("Dubbo, Parkes and
Berry"). A place the gazetteer lacks falls back to the place the text puts it in ("the Qzxwarbi
district of Aleppo", "the villages of Foua and Kfraya in Idlib"), or, for a village the text names
with a type word and places nowhere, to the document's one focus area; either is marked
`contained`. An unknown name never costs the document its other places.

The stage is split along its seams: `recognition` finds the spans, `cues` reads what the text
says about a name, `context` weighs where the document is, `ranking` chooses each span's entry,
`fallbacks` places the names the gazetteer lacks; `spans` holds the records they pass, `lexicon`
the data files they read.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from sitrep.gazetteer import Gazetteer
from sitrep.places.context import named_areas, outlet_area
from sitrep.places.cues import Cues, after_locative, inside_longer_name, names_what, person_cues
from sitrep.places.fallbacks import contained, in_focus_area
from sitrep.places.ranking import WEIGHTS, Round, Weights, candidates_of, is_big, resolve_round, used_for_person
from sitrep.places.recognition import (
    joined_spans,
    known_spans,
    list_neighbours,
    qualifier_spans,
    recognise,
    without_joined_parts,
)
from sitrep.places.spans import Span
from sitrep.records import AnalysedText, GazetteerEntry, Place

IMPLEMENTATION = "sitrep.places.v4"


def _place(span: Span, entry: GazetteerEntry, text: str, gazetteer: Gazetteer) -> Place:
    cc = entry.country_code
    admin1 = gazetteer.admin1_name(cc, entry.admin1) if cc and entry.admin1 else None
    admin2 = gazetteer.admin2_name(cc, entry.admin1, entry.admin2) if entry.admin1 and entry.admin2 else None
    return Place(text=text[span.start:span.end], start=span.start, end=span.end, entry=entry,
                 country=(gazetteer.country_name(cc) or "") if cc else "",
                 iso3=(gazetteer.iso3(cc) or "") if cc else "", admin1=admin1, admin2=admin2)


def _occurrences(text: str, surface: str) -> Iterator[int]:
    """Where `surface` stands as a whole name: not inside a word, a hyphenated word or a
    hyphenated name ("Guinea" in "Guinea-Bissau")."""
    start = text.find(surface)
    while start >= 0:
        end = start + len(surface)
        before = text[start - 1:start]
        after = text[end:end + 2]
        if not (before.isalnum() or before in ("_", "-") or after[:1].isalnum() or after[:1] == "_"
                or (after[:1] == "-" and after[1:].isupper())):
            yield start
        start = text.find(surface, start + 1)


def _repeats(text: str, places: Sequence[Place], cues: Cues) -> list[Place]:
    """Other mentions of an already resolved name that recognition missed (one sense a
    document), except inside a person's name or a longer proper name."""
    taken = [(p.start, p.end) for p in places]
    extra: list[Place] = []
    for surface, place in {p.text: p for p in places if p.text[:1].isupper() and len(p.text) > 2}.items():
        for s in _occurrences(text, surface):
            e = s + len(surface)
            if any(s < te and ts < e for ts, te in taken) or any(ps <= s and e <= pe for ps, pe in cues.person_spans):
                continue
            mention = Span(s, e, surface, "known", strong=after_locative(text, s), names_a=names_what(text, s, e))
            big = is_big(place.entry)
            if ((inside_longer_name(text, s, e) and not big) or used_for_person(mention, cues, 3 if big else 1)
                    or mention.names_a):
                continue
            extra.append(replace(place, start=s, end=e))
            taken.append((s, e))
    return extra


def _share_kinds(spans: list[Span]) -> list[Span]:
    """What a pattern says of a name holds for every span of it: "the Austin neighborhood"."""
    kinds = {(s.start, s.end): s.kind for s in spans if s.source == "pattern" and s.kind}
    return [replace(s, kind=kinds.get((s.start, s.end))) if s.kind is None and (s.start, s.end) in kinds else s
            for s in spans]


def resolve_places(analysed: AnalysedText, *, gazetteer: Gazetteer,
                   weights: Weights = WEIGHTS) -> tuple[Place, ...]:
    """Every place name in the document's clean text, resolved, with offsets into that text."""
    document = analysed.document
    spans = without_joined_parts(_share_kinds(
        [*recognise(analysed), *known_spans(analysed, gazetteer), *joined_spans(analysed, gazetteer)]))
    areas = named_areas((s.within for s in spans), gazetteer)
    spans += qualifier_spans(document.text, spans, areas)
    cands = [candidates_of(s, gazetteer) for s in spans]
    cues = person_cues(analysed, spans)
    outlet = outlet_area(document, gazetteer)
    near_areas = named_areas((s.near for s in spans), gazetteer, cities=True)
    evidence = Round(outlet=outlet, areas=areas, near_areas=near_areas, cues=cues,
                     lists=list_neighbours(document.text, spans))
    for _ in range(3):  # each round reads the last one's resolutions; stop when nothing changes
        resolved = resolve_round(spans, cands, evidence, weights)
        if resolved == evidence.resolved:
            break
        evidence = replace(evidence, resolved=resolved)
    resolved = evidence.resolved
    places = [_place(s, c.entry, document.text, gazetteer) for s, c in resolved]
    places += [replace(_place(s, entry, document.text, gazetteer), contained=True)
               for s, entry in contained(document.text, spans, resolved, cues)]
    places += [replace(_place(s, entry, document.text, gazetteer), contained=True)
               for s, entry in in_focus_area(spans, [(p.start, p.end) for p in places], resolved, cues, gazetteer)]
    places += _repeats(document.text, places, cues)
    return tuple(sorted(places, key=lambda p: p.start))
