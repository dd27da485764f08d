"""Fallbacks: a place name the gazetteer lacks, placed at the place the text puts it in.

"the Mukuru district of Nairobi", "Kogelo in Nyanza province", "Greenlane, Auckland", "Mabvuku,
a suburb east of Harare", "Thomas Memorial Hospital in South Charleston", "Cairo's Abbassiya
district", "the Nairobi slum Kibera": the neighbourhood, village or building is not in the
gazetteer, but the town or area named right next to it is, and it stands for it (ACLED's
geo_precision 2). A village the text names with a type word and places nowhere ("The village of
Kampungu has been quarantined") falls back to the document's focus: the one first-level area
most of its places lie in. Only names the text marks as places (a place entity or a type-word
pattern) fall back; a person's name never does.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence

from sitrep.gazetteer import Gazetteer
from sitrep.gazetteer.normalise import strict_key
from sitrep.places.cues import Cues, in_list
from sitrep.places.lexicon import load_demonyms, load_stoplist
from sitrep.places.spans import Candidate, Span
from sitrep.records import GazetteerEntry

_KIND = r"(?:district|neighbou?rhood|quarter|suburb|village|town|township|camp|refugee camp|slums?|area|region|island)"
_GAP = re.compile(  # between the unknown name and its container: "'s district of the city of", ", ", " in ",
    # ", a suburb located east of" (an apposition), " and Kfraya in" (the rest of a list)
    rf"(?:(?:,\s*|\s+and\s+|\s+or\s+)[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)?){{0,4}}"
    rf"(?:['’]s)?(?:\s+{_KIND})*\s*(?:,|\s+(?:of|in|near|outside)"
    rf"|,\s+an?\s+(?:[a-z-]+\s+){{0,2}}{_KIND}(?:\s+[a-z-]+){{0,3}}?\s+(?:of|in|near|outside))\s+(?:the\s+)?"
    rf"(?:(?:city|town|province|governorate|region|district|state|county) of\s+)?",
    re.IGNORECASE)
_OWNED = re.compile(  # between a container and the unknown name: "'s busy", " slum ", " suburb of "
    rf"['’]s\s+(?:[a-z][\w-]*\s+){{0,2}}|\s+(?:[a-z][\w-]*\s+){{0,2}}?{_KIND}\s+(?:of\s+)?")
_SOURCES = ("ner", "pattern", "dateline")
_CONTAINERS = ("P.", "A.ADM1", "A.ADM2", "L.RGN")  # a region of sitrep's own table: "Nyanza province"
_FOCUS_SHARE = 0.5  # of the document's placed mentions that one first-level area must hold to be its focus
_FOCUS_MENTIONS = 2


def contained(text: str, spans: Sequence[Span], resolved: Sequence[tuple[Span, Candidate]],
              cues: Cues) -> Iterator[tuple[Span, GazetteerEntry]]:
    """Each unresolved place span with the entry of the resolved place the text puts it in."""
    taken = [(s.start, s.end) for s, _ in resolved]
    after = sorted((s.start, s.end, c.entry) for s, c in resolved if c.entry.feature.startswith(_CONTAINERS))
    done: set[tuple[int, int]] = set()
    for span in spans:
        where = (span.start, span.end)
        if where in done or not _unplaced_name(span, taken, cues):
            continue
        entry = _container(text, span.end, after) or _owner(text, span.start, after)
        if entry is not None:
            done.add(where)
            yield span, entry


def in_focus_area(spans: Sequence[Span], placed: Sequence[tuple[int, int]], resolved: Sequence[tuple[Span, Candidate]],
                  cues: Cues, gazetteer: Gazetteer) -> Iterator[tuple[Span, GazetteerEntry]]:
    """Each town the text names with a type word ("the village of Kampungu") that neither the
    gazetteer nor its sentence places, with the document's focus: the one first-level area most
    of its places lie in (ACLED codes such a village to its province)."""
    focus = _focus_area(resolved, gazetteer)
    if focus is None:
        return
    taken = list(placed)
    for span in spans:
        if span.source == "pattern" and span.kind == "town" and _unplaced_name(span, taken, cues):
            taken.append((span.start, span.end))
            yield span, focus


def _focus_area(resolved: Sequence[tuple[Span, Candidate]], gazetteer: Gazetteer) -> GazetteerEntry | None:
    """The first-level area that holds at least half the document's places below country level."""
    areas = Counter((c.entry.country_code, c.entry.admin1) for _, c in resolved
                    if c.entry.admin1 and not c.entry.feature.startswith("A.PCL"))
    if not areas:
        return None
    (cc, admin1), count = areas.most_common(1)[0]
    if count < _FOCUS_MENTIONS or count < _FOCUS_SHARE * sum(areas.values()):
        return None
    return gazetteer.admin1(cc, admin1)


def _unplaced_name(span: Span, taken: Sequence[tuple[int, int]], cues: Cues) -> bool:
    """A place name of its own that no placed span overlaps and no person's name holds."""
    return (_name_like(span) and not any(span.start < e and s < span.end for s, e in taken)
            and not any(s <= span.start and span.end <= e for s, e in cues.person_spans))


def _name_like(span: Span) -> bool:
    """A place name of its own: a place entity or pattern, not a demonym, stop word or the
    possessive of an organisation ("SOS Children's Village")."""
    key = strict_key(span.name)
    return (span.source in _SOURCES and span.end > span.start and span.name[:1].isupper()
            and not span.name.endswith(("'s", "’s")) and key not in load_demonyms() and key not in load_stoplist())


def _container(text: str, end: int, after: Sequence[tuple[int, int, GazetteerEntry]]) -> GazetteerEntry | None:
    """The entry of the first resolved place after `end` that only a containment gap separates;
    not one in a list ("Hedmark, Oppland, Vest-Agder")."""
    for start, stop, entry in after:
        if start < end:
            continue
        gap = _GAP.fullmatch(text, end, start)
        if start - end > 60 or gap is None:
            return None
        return None if gap.group(0).lstrip().startswith(",") and in_list(text[stop:stop + 120]) else entry
    return None


def _owner(text: str, start: int, places: Sequence[tuple[int, int, GazetteerEntry]]) -> GazetteerEntry | None:
    """The entry of a resolved place whose possessive or type word comes right before `start`:
    "Cairo's Abbassiya district", "London's busy Heathrow airport", "the Nairobi slum Kibera"."""
    for _, stop, entry in places:
        if stop <= start and start - stop <= 30 and _OWNED.fullmatch(text, stop, start):
            return entry
    return None
