"""The break state machine.

It counts time at the computer inside work periods and says when a prompt is
due. It never sleeps and never does I/O: callers tell it what happened and
when, ask for the next deadline, and call :meth:`Planner.poll` at (or after)
that deadline. All instants are aware datetimes; arithmetic is elapsed time.

Presence is an input from day one: away time (idle, screen lock, suspend) at
least as long as a break counts as the break and restarts the interval;
shorter away time does not count as work.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from backbreak.core.workhours import Period, WorkHours

# Walking further than this many periods ahead to find the next prompt means
# there is none worth scheduling (e.g. every period is shorter than the interval).
_MAX_PERIODS_AHEAD = 800
_RECORDS_KEPT = 200

# A prompt that comes due while the user is typing waits for this much quiet...
LULL_QUIET = timedelta(seconds=3)
# ...but never longer than this.
LULL_MAX = timedelta(seconds=60)
# After a meeting, a due break is offered this long after it ends, not the second it ends.
MEETING_GRACE = timedelta(minutes=1)


class Phase(enum.Enum):
    WORKING = "working"  # counting towards the next prompt
    PROMPT = "prompt"  # a prompt is on screen
    SNOOZED = "snoozed"  # the prompt comes back at snooze_until
    BREAK = "break"  # the user is doing an exercise


class Outcome(enum.Enum):
    COMPLETED = "completed"
    ENDED_EARLY = "ended early"
    SKIPPED = "skipped"
    SNOOZED = "snoozed"
    NATURAL = "natural"  # away long enough to count as a break


@dataclass(frozen=True)
class Rules:
    """What the settings say, in the planner's terms."""

    work: WorkHours
    interval: timedelta
    snooze: timedelta


@dataclass(frozen=True)
class PromptDue:
    exercise: str


@dataclass(frozen=True)
class PromptWithdrawn:
    """A prompt on screen (or snoozed) is no longer wanted."""

    reason: str


@dataclass(frozen=True)
class PauseEnded:
    pass


@dataclass(frozen=True)
class MeetingEnded:
    pass


Event = PromptDue | PromptWithdrawn | PauseEnded | MeetingEnded


@dataclass(frozen=True)
class BreakRecord:
    """One thing that happened to a break, for history and streaks."""

    outcome: Outcome
    at: datetime
    exercise: str
    seconds: float = 0.0


@dataclass(frozen=True)
class Status:
    """What the tray shows."""

    phase: Phase
    next_prompt: datetime | None
    paused_until: datetime | None
    exercise: str
    in_work_period: bool
    meeting: bool = False
    meeting_until: datetime | None = None  # None with meeting=True: until the user ends it
    deferred_by: tuple[str, ...] = ()  # e.g. ("fullscreen", "do-not-disturb")


class Planner:
    """Decides when prompts are due. See the module docstring."""

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
        self._as_of = _utc(now)
        self._period = rules.work.period_at(self._as_of)
        self._acc = timedelta()
        self._acc_since = self._as_of
        self._phase = Phase.WORKING
        self._snooze_until: datetime | None = None
        self._paused_until: datetime | None = None
        self._away_since: datetime | None = None
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
        self._advance(_utc(now))
        return self._acc

    def status(self, now: datetime) -> Status:
        now = _utc(now)
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
        now = _utc(now)
        self._advance(now)
        candidates: list[datetime] = []
        if self._paused_until is not None:
            candidates.append(self._paused_until)
        if self._phase is Phase.WORKING:
            due = self._projected_due(now)
            if due is not None:
                candidates.append(due)
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

    # -- the clock moves ----------------------------------------------------

    def poll(self, now: datetime, idle_seconds: float | None = None) -> list[Event]:
        """Bring the state up to ``now`` and report what changed.

        ``idle_seconds`` is how long the user has not touched keyboard or mouse
        (None when unknown): a prompt that comes due while the user types waits
        for a short lull.
        """
        now = _utc(now)
        self._advance(now)
        if self._meeting_until is not None and now >= self._meeting_until:
            self._end_meeting(now)
        if self._grace_until is not None and now >= self._grace_until:
            self._grace_until = None
        if self._lull_check_at is not None and now >= self._lull_check_at:
            self._lull_check_at = None
        if self._is_due(now) and not self._holding(now):
            since = self._due_since = self._due_since or now
            quiet = LULL_QUIET.total_seconds()
            if idle_seconds is not None and idle_seconds < quiet and now - since < LULL_MAX:
                wait = timedelta(seconds=quiet - idle_seconds)
                self._lull_check_at = min(now + wait, since + LULL_MAX)
            else:
                self._phase = Phase.PROMPT
                self._snooze_until = None
                self._due_since = self._lull_check_at = None
                self._events.append(PromptDue(self.exercise))
        events, self._events = self._events, []
        return events

    def _is_due(self, now: datetime) -> bool:
        if self._phase is Phase.WORKING:
            return self._acc >= self._rules.interval
        if self._phase is Phase.SNOOZED:
            return self._snooze_until is not None and now >= self._snooze_until
        return False

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

    # -- what the user did ------------------------------------------------

    def prompt_now(self, now: datetime) -> None:
        """The user asked for a break: show the prompt now, in or out of work hours."""
        now = _utc(now)
        self._advance(now)
        if self._phase is Phase.BREAK:
            return
        self._phase = Phase.PROMPT
        self._snooze_until = None
        self._events.append(PromptDue(self.exercise))

    def start_break(self, now: datetime) -> str:
        """The user starts a break (from the prompt or on their own); returns the exercise."""
        now = _utc(now)
        self._advance(now)
        if self._phase in (Phase.PROMPT, Phase.SNOOZED):
            self._events.append(PromptWithdrawn("break started"))
        self._phase = Phase.BREAK
        self._snooze_until = None
        self._break_started = now
        self._break_exercise = self.exercise
        return self._break_exercise

    def finish_break(
        self,
        now: datetime,
        *,
        completed: bool,
        seconds_done: float | None = None,
        taken: bool = True,
    ) -> None:
        """The exercise ended: finished, or ended early. A new interval starts.

        ``seconds_done`` is the exercise time the window counted (pauses excluded);
        without it, the time since the break started. ``taken=False``: the user closed
        the exercise rather than take the break; it is recorded as skipped and, as with a
        skip from the prompt, the same exercise comes next time.
        """
        now = _utc(now)
        self._advance(now)
        if self._phase is not Phase.BREAK or self._break_started is None:
            return
        done = (now - self._break_started).total_seconds() if seconds_done is None else seconds_done
        if not taken and not completed:
            self._record(Outcome.SKIPPED, now, self._break_exercise, done)
        else:
            outcome = Outcome.COMPLETED if completed else Outcome.ENDED_EARLY
            self._record(outcome, now, self._break_exercise, done)
            self._rotation_index += 1
        self._break_started = None
        self._restart_interval(now)

    def snooze(self, now: datetime) -> None:
        now = _utc(now)
        self._advance(now)
        if self._phase is not Phase.PROMPT:
            return
        self._phase = Phase.SNOOZED
        self._snooze_until = now + self._rules.snooze
        self._record(Outcome.SNOOZED, now, self.exercise)

    def skip(self, now: datetime) -> None:
        now = _utc(now)
        self._advance(now)
        if self._phase not in (Phase.PROMPT, Phase.SNOOZED):
            return
        self._record(Outcome.SKIPPED, now, self.exercise)
        self._restart_interval(now)

    def pause(self, now: datetime, until: datetime) -> None:
        """No counting and no prompts until ``until``; a prompt on screen goes away."""
        now = _utc(now)
        self._advance(now)
        self._paused_until = _utc(until)
        if self._phase in (Phase.PROMPT, Phase.SNOOZED):
            self._withdraw("paused")

    def resume(self, now: datetime) -> None:
        now = _utc(now)
        self._advance(now)
        if self._paused_until is not None:
            self._paused_until = None
            self._events.append(PauseEnded())

    def apply_rules(self, rules: Rules, now: datetime) -> None:
        """New settings take effect at once; time already counted is kept."""
        now = _utc(now)
        self._advance(now)
        self._rules = rules
        self._advance(now, force_period_check=True)

    def set_rotation(self, rotation: tuple[str, ...], durations: Mapping[str, timedelta]) -> None:
        if not rotation:
            raise ValueError("rotation needs at least one exercise")
        self._rotation = rotation
        self._durations = dict(durations)
        self._rotation_index = 0

    def start_meeting(self, now: datetime, until: datetime | None = None) -> None:
        """No prompts until ``until`` (None: until :meth:`end_meeting`); counting goes on."""
        now = _utc(now)
        self._advance(now)
        self._meeting = True
        self._meeting_until = None if until is None else _utc(until)
        self._grace_until = None
        if self._phase is Phase.PROMPT:
            self._withdraw("meeting")

    def end_meeting(self, now: datetime) -> None:
        now = _utc(now)
        self._advance(now)
        if self._meeting:
            self._end_meeting(now)

    def _end_meeting(self, now: datetime) -> None:
        self._meeting = False
        self._meeting_until = None
        self._grace_until = now + MEETING_GRACE
        self._events.append(MeetingEnded())

    def defer(self, reason: str, active: bool, now: datetime) -> None:
        """A source (fullscreen, do-not-disturb) starts or stops holding prompts back."""
        now = _utc(now)
        self._advance(now)
        if active:
            self._deferrals.add(reason)
            if self._phase is Phase.PROMPT:
                self._withdraw(reason)
        else:
            self._deferrals.discard(reason)

    # -- presence -------------------------------------------------------------

    def away(self, start: datetime, end: datetime, now: datetime) -> None:
        """The user was away (idle, locked, suspended) from ``start`` to ``end``.

        Reported after the fact, e.g. by the suspend check after a resume.
        """
        start, end, now = _utc(start), _utc(end), _utc(now)
        self._advance(now)
        if end <= start:
            return
        if end - start >= self.break_length():
            if self._phase is not Phase.BREAK:
                self._record(Outcome.NATURAL, end, self.exercise, (end - start).total_seconds())
                self._restart_interval(end, "away long enough to count as a break")
                self._acc = self._overlap(end, self._as_of) if self._counting() else timedelta()
            return
        # Short absence: it does not count as work.
        self._acc = max(timedelta(), self._acc - self._overlap(start, end))

    def user_away(self, since: datetime, now: datetime) -> None:
        """Live presence: the user has been away since ``since`` and still is."""
        since, now = _utc(since), _utc(now)
        self._advance(now)
        if self._away_since is None:
            self._away_since = since
            self._acc = max(timedelta(), self._acc - self._overlap(since, now))
            if self._phase is Phase.PROMPT:
                # Nobody is there to answer it. The break is still owed: it comes back
                # when the user does, unless the absence itself was long enough to be it.
                self._withdraw("away")
                self._acc = max(self._acc, self._rules.interval)

    def user_back(self, now: datetime) -> None:
        """Live presence: the user is back; the whole absence is judged now."""
        now = _utc(now)
        self._advance(now)
        since, self._away_since = self._away_since, None
        if since is not None and now - since >= self.break_length():
            self.away(since, now, now)

    # -- internals ----------------------------------------------------------

    def _record(self, outcome: Outcome, at: datetime, exercise: str, seconds: float = 0.0) -> None:
        self.records.append(BreakRecord(outcome, at, exercise, seconds))
        self.recorded += 1
        del self.records[:-_RECORDS_KEPT]

    def _restart_interval(self, at: datetime, reason: str = "break taken") -> None:
        if self._phase in (Phase.PROMPT, Phase.SNOOZED):
            self._events.append(PromptWithdrawn(reason))
        self._phase = Phase.WORKING
        self._snooze_until = None
        self._due_since = self._lull_check_at = None
        self._acc = timedelta()
        self._acc_since = at

    def _overlap(self, start: datetime, end: datetime) -> timedelta:
        """How much of [start, end] lies in the time counted so far."""
        lo, hi = max(start, self._acc_since), min(end, self._as_of)
        if self._period is not None:
            lo, hi = max(lo, self._period.start), min(hi, self._period.end)
        return max(timedelta(), hi - lo)

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

    def _projected_due(self, now: datetime, begin: datetime | None = None) -> datetime | None:
        """When the count reaches the interval if the user stays at the computer."""
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
                held = self._after_holds(due)
                # A meeting that outlasts the period moves the prompt out of it: none comes
                # there, and the next period counts from zero.
                if held is None or held < period.end:
                    return held
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


def _utc(t: datetime) -> datetime:
    if t.tzinfo is None:
        raise ValueError("the planner needs aware datetimes")
    return t.astimezone(UTC)
