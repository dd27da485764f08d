"""Incremental merging: stored merged events + changed reports -> what to write, and why.

The store keeps every document's own reported events; a merged event is always recomputed from
its member reports (`sitrep.dedup`), so a document re-processed or replaced changes only its own
contribution. `plan_merge` compares the new merged events with the stored ones and names each
change as a revision: created, updated (with the fields that changed) or deleted (with the event
that took its reports, if any) — like ACLED's update and deletion feeds.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sitrep.dedup import cluster_events, combine
from sitrep.export import event_record
from sitrep.records import Event, record


class RevisionAction(StrEnum):
    """What happened to a merged event."""

    CREATED = "created"
    UPDATED = "updated"
    DELETED = "deleted"


@record
class Revision:
    """One change to a merged event: when, what changed, why, and where its reports went."""

    event_id: str
    action: RevisionAction
    at: datetime
    reason: str
    changed: tuple[str, ...] = ()
    document_id: str | None = None
    replaced_by: str | None = None


@record
class Cause:
    """Why a merge runs: a document saved, revised or superseded, or a full re-merge."""

    reason: str
    at: datetime
    document_id: str | None = None


@dataclass(frozen=True, slots=True)
class MergePlan:
    """What a merge changes: events to write, events to delete, report memberships, revisions."""

    write: tuple[Event, ...]
    delete: tuple[str, ...]
    members: Mapping[str, str]  # report id -> merged event id
    revisions: tuple[Revision, ...]


def plan_merge(
    reports: Sequence[Event],
    *,
    published: Mapping[str, date | None],
    before: Mapping[str, dict[str, Any]],
    was: Mapping[str, str],
    cause: Cause,
) -> MergePlan:
    """Merge `reports` (every report of the events in `before`, plus new ones) and compare with
    `before` (stored merged event records by id); `was` maps a stored report to its merged event."""
    members: dict[str, str] = {}
    write: list[Event] = []
    revisions: list[Revision] = []
    for cluster in cluster_events(reports):
        event = combine(cluster, published=published)
        members.update((r.event_id, event.event_id) for r in cluster)
        revision = _compare(event, before.get(event.event_id), cause)
        if revision is not None:
            write.append(event)
            revisions.append(revision)
    gone = sorted(set(before) - set(members.values()))
    revisions.extend(_deleted(gone, was=was, members=members, cause=cause))
    return MergePlan(write=tuple(write), delete=tuple(gone), members=members, revisions=tuple(revisions))


def _compare(event: Event, old: dict[str, Any] | None, cause: Cause) -> Revision | None:
    """The revision a recomputed event makes, or None when it is unchanged."""
    new = event_record(event)
    if old is None:
        return Revision(event_id=event.event_id, action=RevisionAction.CREATED, at=cause.at,
                        reason=cause.reason, document_id=cause.document_id)
    changed = tuple(sorted(k for k in new.keys() | old.keys() if new.get(k) != old.get(k)))
    if not changed:
        return None
    added = sorted(set(new["documents"]) - set(old.get("documents", ())))
    removed = sorted(set(old.get("documents", ())) - set(new["documents"]))
    detail = "".join([f"; reports added from {', '.join(added)}" if added else "",
                      f"; reports withdrawn from {', '.join(removed)}" if removed else ""])
    return Revision(event_id=event.event_id, action=RevisionAction.UPDATED, at=cause.at,
                    reason=cause.reason + detail, changed=changed, document_id=cause.document_id)


def _deleted(gone: Sequence[str], *, was: Mapping[str, str], members: Mapping[str, str],
             cause: Cause) -> list[Revision]:
    """A deletion per event that no longer exists, naming the event most of its reports joined."""
    out = []
    for event_id in gone:
        heirs = Counter(members[r] for r, old in was.items() if old == event_id and r in members)
        heir = min(heirs, key=lambda e: (-heirs[e], e)) if heirs else None
        why = f"its reports merged into {heir}" if heir else "no report of it remains"
        out.append(Revision(event_id=event_id, action=RevisionAction.DELETED, at=cause.at,
                            reason=f"{cause.reason}; {why}", document_id=cause.document_id, replaced_by=heir))
    return out
