"""Casualty counts of an event from its claims: UCDP low/best/high and ACLED's conservative figure.

Within one document the largest count is the report's total (partial counts come in later
sentences); across documents each report's total is one estimate, and ACLED takes the most
conservative of them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sitrep.records import Claim, ClaimKind


def in_report_order(claims: Iterable[Claim]) -> tuple[Claim, ...]:
    """Distinct claims by document and position, ties broken by every other field (no set order)."""
    return tuple(sorted(set(claims), key=lambda c: (c.document_id, c.start, c.end, c.kind.value, c.low, c.high,
                                                    c.claimed_by or "", c.text)))


@dataclass(frozen=True, slots=True)
class CountSummary:
    """low/best/high of one kind of count; None when no report gave a number."""

    low: int | None
    best: int | None
    high: int | None

    @property
    def conservative(self) -> int:
        """ACLED's `fatalities`: the lowest credible report's total, 0 when unknown."""
        return self.low or 0


def _totals(claims: Iterable[Claim], kind: ClaimKind) -> dict[str, int]:
    per_document: dict[str, int] = {}
    for claim in claims:
        if claim.kind is kind:
            per_document[claim.document_id] = max(per_document.get(claim.document_id, 0), claim.low)
    return per_document


def disputes(claims: Iterable[Claim]) -> list[str]:
    """One sentence per kind of count the reports disagree on, naming each document's total."""
    sentences = []
    claims = list(claims)
    for kind in (ClaimKind.KILLED, ClaimKind.WOUNDED):
        totals = _totals(claims, kind)
        if len(set(totals.values())) > 1:
            told = "; ".join(f"{doc} {n}" for doc, n in sorted(totals.items(), key=lambda t: (t[1], t[0])))
            sentences.append(f"Reports disagree on the number {kind.value}: {told}.")
    return sentences


def summarise_counts(claims: Iterable[Claim], kind: ClaimKind) -> CountSummary:
    """Reconcile the claims of one kind across the documents that made them."""
    per_document: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.kind is kind:
            per_document[claim.document_id].append(claim)
    if not per_document:
        return CountSummary(low=None, best=None, high=None)
    totals = [max(c.low for c in group) for group in per_document.values()]
    highs = [max(c.high for c in group) for group in per_document.values()]
    best = max(set(totals), key=lambda t: (totals.count(t), t))
    return CountSummary(low=min(totals), best=best, high=max(highs))
