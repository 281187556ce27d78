"""The planner's state, the questions it answers, and how the passing of time moves it.

:class:`~backbreak.core.planner.Planner` adds what callers tell it; this half only counts
time at the computer inside work periods and projects when the next prompt is due.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

from backbreak.core.planner_types import (
    MEETING_GRACE,
    BreakRecord,
    Event,
    Outcome,
    PauseEnded,
    Phase,
    PromptWithdrawn,
    Rules,
    Status,
)
from backbreak.core.workhours import Period

# Walking further than this many periods ahead to find the next prompt means
# there is none worth scheduling (e.g. every period is shorter than the interval).
_MAX_PERIODS_AHEAD = 800
_RECORDS_KEPT = 200


class PlannerState:
    """The state of one planner and its time accounting. See :mod:`backbreak.core.planner`."""

    def __init__(
        self,
        rules: Rules,
        rotation: tuple[str, ...],
        durations: Mapping[str, timedelta],
        now: datetime,
    ) -> None:
        if not rotation:
            raise ValueError("rotation needs at least one exercise")
        self._rules = rules
        self._rotation = rotation
        self._durations = dict(durations)
        self._rotation_index = 0
        self._as_of = utc(now)
        self._period = rules.work.period_at(self._as_of)
        self._acc = timedelta()
        self._acc_since = self._as_of
        self._phase = Phase.WORKING
        self._snooze_until: datetime | None = None
        self._paused_until: datetime | None = None
        self._away_since: datetime | None = None
        self._away_cause = ""
        self._deferral_noted = False  # the break now due has been recorded as deferred
        self._break_started: datetime | None = None
        self._break_exercise = ""
        self._meeting = False
        self._meeting_until: datetime | None = None
        self._grace_until: datetime | None = None
        self._deferrals: set[str] = set()
        self._due_since: datetime | None = None
        self._lull_check_at: datetime | None = None
        self._events: list[Event] = []
        self.records: list[BreakRecord] = []
        self.recorded = 0  # records ever made: tells a reader which records are new

    # -- queries ---------------------------------------------------------

    @property
    def phase(self) -> Phase:
        return self._phase

    @property
    def rules(self) -> Rules:
        return self._rules

    @property
    def rotation(self) -> tuple[str, ...]:
        return self._rotation

    @property
    def rotation_position(self) -> int:
        """Where the next break stands in :attr:`rotation` (an index; ids may repeat)."""
        return self._rotation_index % len(self._rotation)

    @property
    def exercise(self) -> str:
        """The exercise the next break will use."""
        return self._rotation[self._rotation_index % len(self._rotation)]

    @property
    def exercise_in_progress(self) -> str:
        """The exercise of the break under way (or the next one when none is)."""
        return self._break_exercise if self._phase is Phase.BREAK else self.exercise

    def break_length(self, exercise: str | None = None) -> timedelta:
        return self._durations.get(exercise or self.exercise, timedelta(minutes=1))

    def worked(self, now: datetime) -> timedelta:
        """Time at the computer counted towards the next prompt."""
        self._advance(utc(now))
        return self._acc

    def status(self, now: datetime) -> Status:
        now = utc(now)
        self._advance(now)
        if self._phase is Phase.SNOOZED:
            upcoming = self._snoozed_due(now)
        elif self._phase is Phase.WORKING:
            upcoming = self._projected_due(now)
        else:
            upcoming = None
        return Status(
            phase=self._phase,
            next_prompt=upcoming,
            paused_until=self._paused_until,
            exercise=self.exercise,
            in_work_period=self._period is not None,
            meeting=self._meeting,
            meeting_until=self._meeting_until,
            deferred_by=tuple(sorted(self._deferrals)),
        )

    def next_deadline(self, now: datetime) -> datetime | None:
        """The next instant at which :meth:`poll` may have something to say."""
        now = utc(now)
        self._advance(now)
        candidates: list[datetime] = []
        if self._paused_until is not None:
            candidates.append(self._paused_until)
        if self._phase is Phase.WORKING:
            due = self._projected_due(now)
            if due is not None:
                candidates.append(due)
            if self._meeting and not self._deferral_noted:
                # The meeting holds the prompt back, but the break still comes due: poll then
                # to record the deferral, which a meeting outlasting the work day would lose.
                unheld = self._projected_due(now, held=False)
                if unheld is not None and unheld > now:
                    candidates.append(unheld)
        elif self._phase is Phase.SNOOZED and self._snooze_until is not None:
            candidates.append(self._snooze_until)
        if self._phase in (Phase.PROMPT, Phase.SNOOZED) and self._period is not None:
            candidates.append(self._period.end)  # prompts never outlive their period
        for moment in (self._meeting_until, self._grace_until, self._lull_check_at):
            if moment is not None and moment > now:
                candidates.append(moment)
        lull_pending = self._lull_check_at is not None and self._lull_check_at > now
        if self._is_due(now) and (self._holding(now) or lull_pending):
            # Due but held back (meeting, fullscreen, typing...): only a future moment can
            # change that, or the event that ends the hold, which re-polls by itself.
            candidates = [c for c in candidates if c > now]
        return min(candidates) if candidates else None

    def _is_due(self, now: datetime) -> bool:
        if self._phase is Phase.WORKING:
            return self._acc >= self._rules.interval
        if self._phase is Phase.SNOOZED:
            return self._snooze_until is not None and now >= self._snooze_until
        return False

    def _was_due(self, moment: datetime, now: datetime) -> bool:
        """Whether a prompt was already due at ``moment`` (at or before ``now``, the time the
        count has been brought up to)."""
        if self._phase is Phase.WORKING:
            return self._acc - self._overlap(moment, now) >= self._rules.interval
        return self._is_due(moment)

    def _holding(self, now: datetime) -> bool:
        """Something keeps a due prompt back; it is shown when that ends."""
        return (
            self._period is None
            or self._paused_until is not None
            or self._away_since is not None
            or self._meeting
            or bool(self._deferrals)
            or (self._grace_until is not None and now < self._grace_until)
        )

    # -- internals ----------------------------------------------------------

    def _record(
        self, outcome: Outcome, at: datetime, exercise: str, seconds: float = 0.0, cause: str = ""
    ) -> None:
        self.records.append(BreakRecord(outcome, at, exercise, seconds, cause))
        self.recorded += 1
        del self.records[:-_RECORDS_KEPT]

    def _restart_interval(self, at: datetime, reason: str = "break taken") -> None:
        if self._phase in (Phase.PROMPT, Phase.SNOOZED):
            self._events.append(PromptWithdrawn(reason))
        self._phase = Phase.WORKING
        self._snooze_until = None
        self._due_since = self._lull_check_at = None
        self._deferral_noted = False
        self._acc = timedelta()
        self._acc_since = at

    def _overlap(self, start: datetime, end: datetime) -> timedelta:
        """How much of [start, end] lies in the time counted so far."""
        lo, hi = max(start, self._acc_since), min(end, self._as_of)
        if self._period is not None:
            lo, hi = max(lo, self._period.start), min(hi, self._period.end)
        return max(timedelta(), hi - lo)

    def _work_time(self, start: datetime, end: datetime) -> timedelta:
        """How much of [start, end] lies inside work periods."""
        total = timedelta()
        for index, period in enumerate(self._rules.work.periods_from(start)):
            if period.start >= end or index >= _MAX_PERIODS_AHEAD:
                break
            total += min(end, period.end) - max(start, period.start)
        return total

    def _note_deferral(self, cause: str, at: datetime) -> None:
        """Record, once per due break, that ``cause`` held it back."""
        if not self._deferral_noted:
            self._deferral_noted = True
            self._record(Outcome.DEFERRED, at, self.exercise, cause=cause)

    def _deferring_cause(self) -> str:
        """What holds a due break back that the history names ("" for a pause, an absence
        or the end of work, which are not deferrals)."""
        if self._meeting or self._grace_until is not None:
            return "meeting"
        return min(self._deferrals, default="")

    def _withdraw(self, reason: str) -> None:
        self._phase = Phase.WORKING
        self._snooze_until = None
        self._due_since = self._lull_check_at = None
        self._events.append(PromptWithdrawn(reason))

    def _enter_period(self, period: Period | None, at: datetime) -> None:
        """Each work period starts from zero; prompts do not cross its end."""
        self._period = period
        self._acc = timedelta()
        self._acc_since = at
        self._deferral_noted = False
        if self._phase in (Phase.PROMPT, Phase.SNOOZED):
            self._withdraw("work period ended")

    def _counting(self) -> bool:
        return self._away_since is None and self._phase is not Phase.BREAK

    def _advance(self, now: datetime, *, force_period_check: bool = False) -> None:
        """Account for the time between the last update and ``now``."""
        if now < self._as_of:  # the wall clock was set back: start over from here
            self._as_of = now
            self._acc_since = min(self._acc_since, now)
            force_period_check = True
        t = self._as_of
        work = self._rules.work
        while True:
            period = work.period_at(t)
            if period != self._period or force_period_check:
                if period != self._period:
                    self._enter_period(period, t)
                force_period_check = False
            if t >= now:
                break
            if period is not None:
                seg_end = min(now, period.end)
            else:
                upcoming = work.next_start_after(t)
                seg_end = now if upcoming is None else min(now, upcoming)
            if self._paused_until is not None and self._paused_until <= t:
                self._paused_until = None
                self._events.append(PauseEnded())
            if self._paused_until is not None:
                seg_end = min(seg_end, self._paused_until)
            elif period is not None and self._counting():
                self._acc += seg_end - t
            t = seg_end
        if self._paused_until is not None and self._paused_until <= now:
            self._paused_until = None
            self._events.append(PauseEnded())
        self._as_of = now

    def _snoozed_due(self, now: datetime) -> datetime | None:
        """When a snoozed prompt comes back: after any meeting, and never past its period
        (a prompt withdrawn at the period's end leaves the next period to count from zero)."""
        if self._snooze_until is None:
            return None
        held = self._after_holds(self._snooze_until)
        if held is None or self._period is None or held < self._period.end:
            return held
        return self._projected_due(now, begin=self._period.end)

    def _projected_due(
        self, now: datetime, begin: datetime | None = None, *, held: bool = True
    ) -> datetime | None:
        """When the count reaches the interval if the user stays at the computer (``held``:
        and no meeting holds the prompt back)."""
        if self._away_since is not None:
            return None
        begin = max(begin or now, self._paused_until or now)
        interval = self._rules.interval
        for index, period in enumerate(self._rules.work.periods_from(begin)):
            if index >= _MAX_PERIODS_AHEAD:
                return None
            start = max(period.start, begin)
            counted = self._acc if period == self._period else timedelta()
            due = start + max(timedelta(), interval - counted)
            if due < period.end:
                if not held:
                    return due
                after = self._after_holds(due)
                # A meeting that outlasts the period moves the prompt out of it: none comes
                # there, and the next period counts from zero.
                if after is None or after < period.end:
                    return after
        return None

    def _after_holds(self, due: datetime) -> datetime | None:
        """A meeting moves a due prompt to just after it ends (never, while open-ended)."""
        if self._meeting:
            if self._meeting_until is None:
                return None
            due = max(due, self._meeting_until + MEETING_GRACE)
        if self._grace_until is not None:
            due = max(due, self._grace_until)
        return due


def utc(t: datetime) -> datetime:
    """``t`` in UTC, where adding a timedelta is elapsed time; naive datetimes are refused."""
    if t.tzinfo is None:
        raise ValueError("the planner needs aware datetimes")
    return t.astimezone(UTC)
