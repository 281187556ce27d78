"""What a break event is: its kind, when it happened (UTC) and the one detail its kind carries.

Kept apart from the database so the shell, the statistics and the exports can name events
without loading ``sqlite3``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import UTC, datetime


class EventKind(enum.StrEnum):
    """Everything that can happen to a break; the values are what the database stores."""

    PROMPTED = "prompted"
    STARTED = "started"
    COMPLETED = "completed"
    ENDED_EARLY = "ended_early"
    SKIPPED = "skipped"
    SNOOZED = "snoozed"
    NATURAL = "natural"
    DEFERRED = "deferred"
    PAUSED = "paused"


class NaturalCause(enum.StrEnum):
    """Why a break counted as taken without the prompt: the user was away long enough."""

    IDLE = "idle"
    LOCK = "lock"
    SLEEP = "sleep"


class DeferReason(enum.StrEnum):
    """What held a due break back."""

    MEETING = "meeting"
    FULLSCREEN = "fullscreen"
    CALL = "call"
    DO_NOT_DISTURB = "do_not_disturb"


_CAUSES: dict[EventKind, type[enum.StrEnum]] = {
    EventKind.NATURAL: NaturalCause,
    EventKind.DEFERRED: DeferReason,
}
_SECONDS_REQUIRED = frozenset({EventKind.COMPLETED})
_SECONDS_ALLOWED = frozenset({EventKind.COMPLETED, EventKind.ENDED_EARLY})


@dataclass(frozen=True, slots=True)
class BreakEvent:
    """One event. ``at`` is timezone-aware (kept in UTC); naive times are refused.

    ``seconds`` is the time spent moving (required for ``completed``, allowed for
    ``ended_early``); ``cause`` is a :class:`NaturalCause` for ``natural`` and a
    :class:`DeferReason` for ``deferred``, and ``None`` for every other kind. ``exercise`` is
    the id of the exercise the break was for (empty when none applies, e.g. a pause).
    """

    at: datetime
    kind: EventKind
    seconds: int | None = None
    cause: str | None = None
    exercise: str = ""

    def __post_init__(self) -> None:
        if self.at.tzinfo is None or self.at.utcoffset() is None:
            raise ValueError("a break event needs a timezone-aware time")
        object.__setattr__(self, "at", self.at.astimezone(UTC))
        object.__setattr__(self, "kind", EventKind(self.kind))
        check_detail(self.kind, self.seconds, self.cause)


def check_detail(kind: EventKind, seconds: int | None, cause: str | None) -> None:
    """Raise ``ValueError`` unless ``seconds`` and ``cause`` are what ``kind`` carries."""
    if seconds is None and kind in _SECONDS_REQUIRED:
        raise ValueError(f"a {kind} event needs the seconds done")
    if seconds is not None and (kind not in _SECONDS_ALLOWED or seconds < 0):
        raise ValueError(f"a {kind} event cannot carry {seconds!r} seconds")
    allowed = _CAUSES.get(kind)
    if allowed is None:
        if cause is not None:
            raise ValueError(f"a {kind} event has no cause (got {cause!r})")
    elif cause not in {member.value for member in allowed}:
        raise ValueError(f"a {kind} event needs a cause among {[m.value for m in allowed]}")
