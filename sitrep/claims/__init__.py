"""Casualty claims: "more than 30 soldiers were killed" -> killed 30..30, and who said it.

Counts are read with patterns built from `data/casualty_terms.tsv` (what was done to the people)
and `data/number_words.tsv` (how many): count then term ("three people were killed", "five
dead"), term then count ("killing 20 civilians", "the death toll rose to 112"), one person ("a
soldier was killed", "Smith, 24, died", "killed a man", "the death of the commander", "he died",
"Woman dies after shooting" with the nouns of `data/person_nouns.tsv`), several people ("A man and
his son were found dead", "found Smith and Jones shot to death"), and incidents that carry their
count (`data/incident_terms.tsv`: "a double homicide" 2 killed, "a triple shooting" 3 hit).

Conventions (ACLED's conservative reading):
- A qualifier keeps the number itself: "at least 12", "more than 30", "nearly 33", "up to 40" and
  "some 50" all give low = high = the number. Ranges keep both ends: "between 10 and 15", "10 to
  15", "10-15", "two or three".
- Vague words as ACLED converts them: "tens" 10, "dozens" 12, "scores" 20, "hundreds" 100; a
  plural without a number ("several", "a few", "a number of") means 2..9.
- Parts of one phrase add up: "killed 129 loyalists and 116 rebels" is 245, "killing his wife and
  their four children" 5, "killed three people and then himself" (or "... before taking his own
  life") 4: the attacker's own death joins the count before it in the sentence.
- "killing and injuring dozens" (one count for both kinds) gives each kind 1..N.
- "shot" alone, "hospitalized" and "taken to hospital" count people hit, not wounded: the wounded
  are those hit less the largest killed count the text gives ("two men were shot ... one died"
  -> 1 wounded, 1 killed); nothing is left when all the hit died.
- A negation ("no one was hurt", "no casualties") is a claim of 0.
- Absurd figures are no counts: 100,000 or more (`numbers.MAX_COUNT`, also for sums), a negative
  number or one with an exponent ("-5", "10^100"), words that form no number ("thousand thousand").
- Kidnapped, abducted, captured and taken hostage are `captured`; arrests and detentions are not
  (ACLED codes them as Strategic developments / Arrests, not as casualties).
- Background and cumulative figures are no claims (`data/claim_contexts.tsv`): "150 people have
  been murdered in the city this year", "since the start of the war", "across the country", "the
  conflict has killed", "the deadliest since 2011, when 77 were killed", "thousands".
- Things are no victims (`data/non_victim_nouns.tsv`): "the warrant was executed", "shot two dogs";
  a year is no count ("2016 Jeffco teen dies").
- Claims are readings, not parts of a sum: one count phrase gives one claim per kind, and a
  text's total for a kind is its largest claim.
`claimed_by` is the source credited in the sentence ("police said", "according to ...") or, for a
claim inside a quotation, the speaker of the quotation (see `sitrep.informants`).

The package: `lexicon` (the packaged words and the patterns compiled from them), `numbers` (a
count's words or digits -> low..high), `hits` (the count phrases of a text) and, here, the claims
made from them (background figures left out, one reading per phrase, who claimed it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from sitrep.claims.hits import Hit, find_hits
from sitrep.claims.lexicon import load_casualty_lexicon
from sitrep.claims.numbers import MAX_COUNT
from sitrep.informants import attributed_sources
from sitrep.records import Claim, ClaimKind, Sentence

__all__ = ["find_claims"]


def find_claims(
    sentences: Sequence[Sentence], *, text: str, document_id: str, headline: str | None = None
) -> tuple[Claim, ...]:
    """The casualty counts stated in these sentences (offsets into `text`), one claim per count phrase.

    With a `headline` (the document's title, which is not part of `text`), its counts are claims too,
    each with an empty span at the start of the text (start = end = 0)."""
    hits = _deduplicated([h for s in sentences for h in _sentence_hits(text, s.start, s.end)])
    heads = _deduplicated(_sentence_hits(headline, 0, len(headline))) if headline else []
    died = 0
    if any(h.kind == "hit" for h in (*hits, *heads)):
        died = max([_largest_killed(text), *(h.low for h in heads if h.kind == "killed")])
    claims: list[Claim] = []
    for hit in sorted(hits, key=lambda h: h.start):
        sentence = next(s for s in sentences if s.start <= hit.start < s.end)
        claimant = _claimant(sentence, hit, text=text, document_id=document_id)
        claims += [
            Claim(kind=kind, low=low, high=high, text=text[hit.start : hit.end], document_id=document_id,
                  start=hit.start, end=hit.end, claimed_by=claimant)
            for kind, low, high in _readings(hit, died=died)
        ]
    claims += [
        Claim(kind=kind, low=low, high=high, text=(headline or "")[hit.start : hit.end], document_id=document_id,
              start=0, end=0)
        for hit in heads for kind, low, high in _readings(hit, died=died)
    ]
    return tuple(claims)


@lru_cache(maxsize=16)
def _largest_killed(text: str) -> int:
    """The largest killed count anywhere in the text: those of the people hit who died."""
    hits = [h for h in find_hits(text, 0, len(text)) if not _is_background(h, text=text, start=0, end=len(text))]
    return max((h.low for h in _deduplicated(hits) if h.kind == "killed"), default=0)


def _sentence_hits(text: str, start: int, end: int) -> list[Hit]:
    """The count phrases of one sentence that count the event: no background figures, no sums of
    MAX_COUNT or more, and a count followed by the attacker's own death read with it ('killed three,
    then himself')."""
    hits = [h for h in find_hits(text, start, end) if not _is_background(h, text=text, start=start, end=end)]
    own = [h for h in hits if h.own_death]
    totals = [
        replace(h, low=h.low + 1, high=h.high + 1, end=death.end)
        for h in hits
        if h.kind == "killed" and h.low > 0 and not h.own_death and not h.whole
        and (death := next((d for d in own if d.start >= h.end), None)) is not None
    ]
    return [h for h in hits + totals if h.high < MAX_COUNT]


_NAMED_DAY = re.compile(
    r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today|tonight|last\s+night|this\s+morning)\b",
    re.IGNORECASE,
)


_CLAUSE_BREAK = re.compile(r"[,;:\u2013\u2014]|\s-\s|[.!?](?:\s|$)")


def _is_background(hit: Hit, *, text: str, start: int, end: int) -> bool:
    """True when the words around a count make it a cumulative or background figure ('150 people
    have been murdered in the city this year', 'the war has killed 300,000', 'since 2011')."""
    before = text[max(start, hit.start - 90) : hit.start]
    before = before[before.rfind(";") + 1 :]
    after = text[hit.end : min(end, hit.end + 80)]
    brk = _CLAUSE_BREAK.search(after)
    windows = {
        "before": before,
        "after": after[: brk.start()] if brk else after,
        "inside": text[hit.start : hit.end],
        "count": " ".join(text[hit.count_start : hit.count_end].lower().split()),
    }
    dated = bool(_NAMED_DAY.search(before + text[hit.start : hit.end] + after))
    return any(
        hit.high >= cue.minimum and not (cue.undated and dated) and cue.pattern.search(windows[cue.scope])
        for cue in load_casualty_lexicon().background
    )


def _readings(hit: Hit, *, died: int) -> list[tuple[ClaimKind, int, int]]:
    """The claims one count phrase makes."""
    if hit.kind == "casualties":
        low = min(hit.low, 1)
        return [(ClaimKind.KILLED, low, hit.high), (ClaimKind.WOUNDED, low, hit.high)]
    if hit.kind == "hit":
        if hit.low == 0:
            return [(ClaimKind.WOUNDED, 0, 0)]
        low, high = hit.low - died, hit.high - died
        return [(ClaimKind.WOUNDED, max(low, 1), high)] if high > 0 else []
    return [(ClaimKind(hit.kind), hit.low, hit.high)]


def _claimant(sentence: Sentence, hit: Hit, *, text: str, document_id: str) -> str | None:
    """Who the sentence credits with the claim; for a quoted claim, who spoke the quotation."""
    for frame in (sentence, *_quote_frames(text, hit.start)):
        sources = attributed_sources(frame, text=text, document_id=document_id)
        if sources:
            return sources[0].name
    return None


def _quote_frames(text: str, at: int) -> tuple[Sentence, ...]:
    """Inside a quotation: the text after it (its attribution) and before it (its introduction)."""
    opening = max(text.rfind("“", 0, at), text.rfind('"', 0, at))
    if opening < 0:
        return ()
    curly = text[opening] == "“"
    if (curly and text.rfind("”", opening, at) >= 0) or (not curly and text.count('"', 0, at) % 2 == 0):
        return ()
    closing = text.find("”" if curly else '"', at)
    frames = []
    if closing >= 0:
        ends = (text.find(". ", closing), text.find("\n", closing))
        end = min((i for i in ends if i >= 0), default=len(text))
        frames.append(Sentence(start=closing, end=end, text=text[closing:end]))
    start = max(text.rfind(". ", 0, opening) + 1, text.rfind("\n", 0, opening) + 1, 0)
    frames.append(Sentence(start=start, end=opening + 1, text=text[start : opening + 1]))
    return tuple(frames)


def _deduplicated(hits: list[Hit]) -> list[Hit]:
    """One hit per count phrase: the longest phrase, then the nearest term, then the widest count."""
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start - h.end, h.distance, h.count_start - h.count_end)):
        if not any(_overlaps(hit, k) for k in kept):
            kept.append(hit)
    return kept


def _overlaps(a: Hit, b: Hit) -> bool:
    if a.count_start < b.count_end and b.count_start < a.count_end:
        return True
    inside = (b.start <= a.start and a.end <= b.end) or (a.start <= b.start and b.end <= a.end)
    return a.kind == b.kind and inside
