from __future__ import annotations

import itertools

from sitrep.counts import disputes, in_report_order, summarise_counts
from sitrep.records import ClaimKind
from tests.records_factory import claim

K, W = ClaimKind.KILLED, ClaimKind.WOUNDED


def test_counts_no_claims_is_unknown_and_zero_fatalities() -> None:
    summary = summarise_counts([], K)
    assert (summary.low, summary.best, summary.high, summary.conservative) == (None, None, None, 0)


def test_counts_one_document_total_is_its_largest_count() -> None:
    summary = summarise_counts([claim(K, 1), claim(K, 3), claim(W, 7)], K)
    assert (summary.low, summary.best, summary.high) == (3, 3, 3)


def test_counts_across_documents_conservative_is_lowest_total() -> None:
    claims = [claim(K, 30, doc="a"), claim(K, 33, 35, doc="b"), claim(K, 33, doc="c")]
    summary = summarise_counts(claims, K)
    assert (summary.low, summary.best, summary.high, summary.conservative) == (30, 33, 35, 30)


def test_counts_disputes_name_each_documents_total() -> None:
    claims = [claim(K, 3, doc="b"), claim(K, 5, doc="a"), claim(W, 2, doc="a"), claim(W, 2, doc="b")]
    assert disputes(claims) == ["Reports disagree on the number killed: b 3; a 5."]
    assert disputes([claim(K, 3, doc="a"), claim(K, 3, doc="b")]) == []


def test_counts_report_order_is_the_same_whatever_the_input_order() -> None:
    claims = [claim(K, 3, doc="b"), claim(W, 2, doc="a"), claim(K, 5, doc="a"), claim(K, 5, doc="a")]
    orders = {in_report_order(p) for p in itertools.permutations(claims)}
    assert len(orders) == 1
    assert [(c.document_id, c.kind) for c in orders.pop()] == [("a", K), ("a", W), ("b", K)]
