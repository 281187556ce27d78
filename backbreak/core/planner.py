"""The break state machine.

It counts time at the computer inside work periods and says when a prompt is
due. It never sleeps and never does I/O: callers tell it what happened and
when, ask for the next deadline, and call :meth:`Planner.poll` at (or after)
that deadline. All instants are aware datetimes; arithmetic is elapsed time.

Presence is an input from day one: away time (idle, screen lock, suspend) at
least as long as a break counts as the break and restarts the interval;
shorter away time does not count as work.

The state and the time accounting are :mod:`backbreak.core.planner_state`, the values the
planner speaks in :mod:`backbreak.core.planner_types`; this module holds what callers tell it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from backbreak.core.planner_state import PlannerState, utc
from backbreak.core.planner_types import (
    AWAY_CAUSES,
    LULL_MAX,
    LULL_QUIET,
    MEETING_GRACE,
    BreakRecord,
    Event,
    MeetingEnded,
    Outcome,
    PauseEnded,
    Phase,
    PromptDue,
    PromptWithdrawn,
    Rules,
    Status,
)

__all__ = [
    "AWAY_CAUSES",
    "LULL_MAX",
    "LULL_QUIET",
    "MEETING_GRACE",
    "BreakRecord",
    "Event",
    "MeetingEnded",
    "Outcome",
    "PauseEnded",
    "Phase",
    "Planner",
    "PromptDue",
    "PromptWithdrawn",
    "Rules",
    "Status",
]


class Planner(PlannerState):
    """Decides when prompts are due. See the module docstring."""

    # -- the clock moves ----------------------------------------------------

    def poll(self, now: datetime, idle_seconds: float | None = None) -> list[Event]:
        """Bring the state up to ``now`` and report what changed.

        ``idle_seconds`` is how long the user has not touched keyboard or mouse
        (None when unknown): a prompt that comes due while the user types waits
        for a short lull.
        """
        now = utc(now)
        self._advance(now)
        if self._meeting_until is not None and now >= self._meeting_until:
            # Polled at a deadline, possibly long after the meeting's end: it ended then.
            self._end_meeting(now, self._meeting_until)
        if self._grace_until is not None and now >= self._grace_until:
            self._grace_until = None
        if self._lull_check_at is not None and now >= self._lull_check_at:
            self._lull_check_at = None
        due = self._is_due(now)
        if due and self._holding(now) and (cause := self._deferring_cause()):
            self._note_deferral(cause, now)
        if due and not self._holding(now):
            since = self._due_since = self._due_since or now
            quiet = LULL_QUIET.total_seconds()
            if idle_seconds is not None and idle_seconds < quiet and now - since < LULL_MAX:
                wait = timedelta(seconds=quiet - idle_seconds)
                self._lull_check_at = min(now + wait, since + LULL_MAX)
            else:
                self._prompt(now)
        events, self._events = self._events, []
        return events

    # -- what the user did ------------------------------------------------

    def prompt_now(self, now: datetime) -> None:
        """The user asked for a break: show the prompt now, in or out of work hours."""
        now = utc(now)
        self._advance(now)
        if self._phase is Phase.BREAK:
            return
        self._prompt(now)

    def _prompt(self, now: datetime) -> None:
        self._phase = Phase.PROMPT
        self._snooze_until = None
        self._due_since = self._lull_check_at = None
        self._deferral_noted = False
        self._record(Outcome.PROMPTED, now, self.exercise)
        self._events.append(PromptDue(self.exercise))

    def start_break(self, now: datetime) -> str:
        """The user starts a break (from the prompt or on their own); returns the exercise."""
        now = utc(now)
        self._advance(now)
        if self._phase in (Phase.PROMPT, Phase.SNOOZED):
            self._events.append(PromptWithdrawn("break started"))
        self._phase = Phase.BREAK
        self._snooze_until = None
        self._break_started = now
        self._break_exercise = self.exercise
        self._record(Outcome.STARTED, now, self._break_exercise)
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
        now = utc(now)
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
        now = utc(now)
        self._advance(now)
        if self._phase is not Phase.PROMPT:
            return
        self._phase = Phase.SNOOZED
        self._snooze_until = now + self._rules.snooze
        self._record(Outcome.SNOOZED, now, self.exercise)

    def skip(self, now: datetime) -> None:
        now = utc(now)
        self._advance(now)
        if self._phase not in (Phase.PROMPT, Phase.SNOOZED):
            return
        self._record(Outcome.SKIPPED, now, self.exercise)
        self._restart_interval(now)

    def pause(self, now: datetime, until: datetime) -> None:
        """No counting and no prompts until ``until``; a prompt on screen goes away."""
        now = utc(now)
        self._advance(now)
        self._paused_until = utc(until)
        self._record(Outcome.PAUSED, now, self.exercise)
        if self._phase in (Phase.PROMPT, Phase.SNOOZED):
            self._withdraw("paused")

    def resume(self, now: datetime) -> None:
        now = utc(now)
        self._advance(now)
        if self._paused_until is not None:
            self._paused_until = None
            self._events.append(PauseEnded())

    def apply_rules(self, rules: Rules, now: datetime) -> None:
        """New settings take effect at once; time already counted is kept."""
        now = utc(now)
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
        now = utc(now)
        self._advance(now)
        self._meeting = True
        self._meeting_until = None if until is None else utc(until)
        self._grace_until = None
        if self._phase is Phase.PROMPT:
            self._note_deferral("meeting", now)
            self._withdraw("meeting")

    def end_meeting(self, now: datetime) -> None:
        now = utc(now)
        self._advance(now)
        if self._meeting:
            self._end_meeting(now)

    def _end_meeting(self, now: datetime, ended: datetime | None = None) -> None:
        ended = now if ended is None else min(ended, now)
        if self._was_due(ended, now):  # the break came due during the meeting: it held it back
            self._note_deferral("meeting", ended)
        self._meeting = False
        self._meeting_until = None
        self._grace_until = ended + MEETING_GRACE
        self._events.append(MeetingEnded())

    def defer(self, reason: str, active: bool, now: datetime) -> None:
        """A source (fullscreen, do-not-disturb) starts or stops holding prompts back."""
        now = utc(now)
        self._advance(now)
        if active:
            self._deferrals.add(reason)
            if self._phase is Phase.PROMPT:
                self._note_deferral(reason, now)
                self._withdraw(reason)
        else:
            self._deferrals.discard(reason)

    # -- presence -------------------------------------------------------------

    def away(self, start: datetime, end: datetime, now: datetime, cause: str = "sleep") -> None:
        """The user was away from ``start`` to ``end``: ``cause`` is one of
        :data:`~backbreak.core.planner_types.AWAY_CAUSES` (idle, lock, sleep).

        Reported after the fact, e.g. by the suspend check after a resume. It is a break when
        the part of it inside work hours is at least as long as one.
        """
        start, end, now = utc(start), utc(end), utc(now)
        self._advance(now)
        if end <= start:
            return
        # Only work time can be a break: a night or a weekend away is a day off, not a break.
        if self._work_time(start, end) >= self.break_length():
            if self._phase is not Phase.BREAK:
                seconds = (end - start).total_seconds()
                self._record(Outcome.NATURAL, end, self.exercise, seconds, cause)
                self._restart_interval(end, "away long enough to count as a break")
                self._acc = self._overlap(end, self._as_of) if self._counting() else timedelta()
            return
        # Short absence: it does not count as work.
        self._acc = max(timedelta(), self._acc - self._overlap(start, end))

    def user_away(self, since: datetime, now: datetime, cause: str = "idle") -> None:
        """Live presence: the user has been away since ``since`` and still is; ``cause`` as
        for :meth:`away` (the strongest one reported during the absence is kept)."""
        since, now = utc(since), utc(now)
        self._advance(now)
        if AWAY_CAUSES.index(cause) > AWAY_CAUSES.index(self._away_cause or "idle"):
            self._away_cause = cause
        if self._away_since is None:
            self._away_cause = cause
            self._away_since = since
            self._acc = max(timedelta(), self._acc - self._overlap(since, now))
            if self._phase is Phase.PROMPT:
                # Nobody is there to answer it. The break is still owed: it comes back
                # when the user does, unless the absence itself was long enough to be it.
                self._withdraw("away")
                self._acc = max(self._acc, self._rules.interval)

    def user_back(self, now: datetime) -> None:
        """Live presence: the user is back; the whole absence is judged now."""
        now = utc(now)
        self._advance(now)
        since, self._away_since = self._away_since, None
        if since is not None and now - since >= self.break_length():
            self.away(since, now, now, self._away_cause or "idle")
