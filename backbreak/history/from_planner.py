"""The history's event for each planner record: the one place that maps the planner's words
(:class:`~backbreak.core.planner_types.Outcome`, its causes) onto the history's.

Pure, so the shell's recorder, the command line and tests turn records into events alike
without Qt or ``sqlite3``.
"""

from __future__ import annotations

from backbreak.core.planner_types import BreakRecord, Outcome
from backbreak.history.events import BreakEvent, DeferReason, EventKind

_KINDS = {
    Outcome.PROMPTED: EventKind.PROMPTED,
    Outcome.STARTED: EventKind.STARTED,
    Outcome.COMPLETED: EventKind.COMPLETED,
    Outcome.ENDED_EARLY: EventKind.ENDED_EARLY,
    Outcome.SKIPPED: EventKind.SKIPPED,
    Outcome.SNOOZED: EventKind.SNOOZED,
    Outcome.NATURAL: EventKind.NATURAL,
    Outcome.DEFERRED: EventKind.DEFERRED,
    Outcome.PAUSED: EventKind.PAUSED,
}
_DEFER_REASONS = {
    "meeting": DeferReason.MEETING,
    "fullscreen": DeferReason.FULLSCREEN,
    "calls": DeferReason.CALL,
    "do-not-disturb": DeferReason.DO_NOT_DISTURB,
}


def event_of(record: BreakRecord) -> BreakEvent | None:
    """The history's event for a planner record (``None`` for a hold the history has no
    name for)."""
    kind = _KINDS[record.outcome]
    seconds = None
    cause: str | None = None
    if kind in (EventKind.COMPLETED, EventKind.ENDED_EARLY):
        seconds = max(0, round(record.seconds))
    elif kind is EventKind.NATURAL:
        cause = record.cause or "idle"
    elif kind is EventKind.DEFERRED:
        reason = _DEFER_REASONS.get(record.cause)
        if reason is None:
            return None
        cause = reason.value
    return BreakEvent(record.at, kind, seconds, cause, record.exercise)
