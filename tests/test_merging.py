from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from sitrep.export import event_record
from sitrep.merging import Cause, RevisionAction, plan_merge
from tests.records_factory import document_result

CAUSE = Cause(reason="document x saved", at=datetime(2026, 1, 1, tzinfo=UTC), document_id="x")


def test_merging_new_report_creates_an_event() -> None:
    report = document_result("a").events[0]
    plan = plan_merge([report], published={}, before={}, was={}, cause=CAUSE)
    assert plan.write == (report,) and plan.members == {report.event_id: report.event_id}
    (revision,) = plan.revisions
    assert (revision.action, revision.reason, revision.document_id) == (RevisionAction.CREATED, CAUSE.reason, "x")


def test_merging_unchanged_event_is_not_rewritten() -> None:
    report = document_result("a").events[0]
    plan = plan_merge([report], published={}, before={report.event_id: event_record(report)},
                      was={report.event_id: report.event_id}, cause=CAUSE)
    assert (plan.write, plan.delete, plan.revisions) == ((), (), ())


def test_merging_joined_report_updates_one_event_and_deletes_the_other() -> None:
    a, b = document_result("a", killed=3).events[0], document_result("b", killed=5).events[0]
    keep, lose = sorted((a, b), key=lambda e: e.event_id)
    before = {a.event_id: event_record(a), b.event_id: event_record(b)}
    plan = plan_merge([a, b], published={}, before=before, was={a.event_id: a.event_id, b.event_id: b.event_id},
                      cause=CAUSE)
    assert plan.delete == (lose.event_id,)
    updated, deleted = plan.revisions
    assert updated.action is RevisionAction.UPDATED and {"documents", "fatalities_high"} <= set(updated.changed)
    assert "reports added from" in updated.reason
    assert (deleted.action, deleted.replaced_by) == (RevisionAction.DELETED, keep.event_id)


def test_merging_withdrawn_report_deletes_its_event_saying_so() -> None:
    gone = document_result("a").events[0]
    plan = plan_merge([], published={}, before={gone.event_id: event_record(gone)}, was={gone.event_id: gone.event_id},
                      cause=replace(CAUSE, reason="document a re-processed"))
    (revision,) = plan.revisions
    assert revision.reason == "document a re-processed; no report of it remains" and revision.replaced_by is None
