"""Carries out the planner's decisions on the GUI thread.

The controller owns the planner, the single deadline timer and the coarse
resume check. Widgets talk to it through slots and listen to its signals; it
never touches a widget itself. What the platform reports (idle, lock, sleep,
interruptions) arrives through plain slots from the shell's input owner
(:mod:`backbreak.shell.inputs`); the controller holds no platform object.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Mapping
from datetime import datetime, time, timedelta
from typing import Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal, SignalInstance

from backbreak.core.clock import Clock
from backbreak.core.planner import (
    MeetingEnded,
    Outcome,
    PauseEnded,
    Phase,
    Planner,
    PromptDue,
    PromptWithdrawn,
    Rules,
    Status,
)
from backbreak.core.resume import SuspendDetector
from backbreak.core.workhours import localize, to_local

log = logging.getLogger(__name__)

# Records whose moment already has its own log line (break due, pause...).
_LOGGED_ELSEWHERE = frozenset({Outcome.PROMPTED, Outcome.STARTED, Outcome.PAUSED})

# Resume check cadence: coarse on purpose, it is the app's only periodic wakeup.
RESUME_CHECK_MS = 60_000


class Deadline(Protocol):
    """One replaceable wall-clock deadline (:class:`backbreak.scheduling.DeadlineTimer`)."""

    @property
    def due(self) -> SignalInstance: ...

    def set_deadline(self, when: datetime | None) -> None: ...

    def deadline(self) -> datetime | None: ...

    def shutdown(self) -> None: ...


class IdleQuery(Protocol):
    """How long since the last input (None: unknown); asked before a due prompt is shown."""

    def idle_seconds(self) -> float | None: ...


class Controller(QObject):
    """Signals out, slots in; every method runs on the GUI thread."""

    changed = Signal()  # the status (next break, pause, phase) changed
    prompt_requested = Signal(str)  # exercise id
    prompt_withdrawn = Signal()
    break_started = Signal(str)  # exercise id: open the exercise window
    recorded = Signal(object)  # a BreakRecord the planner made: for the history

    def __init__(
        self,
        clock: Clock,
        planner: Planner,
        make_deadline: Callable[[], Deadline],
        parent: QObject | None = None,
        *,
        resume_check_ms: int = RESUME_CHECK_MS,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._planner = planner
        self._make_deadline = make_deadline
        self._deadline: Deadline | None = None
        self._detector = SuspendDetector(clock.now(), clock.monotonic())
        self._tick = QTimer(self)
        self._tick.setTimerType(Qt.TimerType.VeryCoarseTimer)
        self._tick.setInterval(resume_check_ms)
        self._tick.timeout.connect(self._on_tick)
        self._idle: IdleQuery | None = None
        self._interrupting: frozenset[str] = frozenset()
        self._logged = planner.recorded
        self._closing = False  # the next skipped record comes from closing the exercise
        self._prompting = False  # a prompt_requested has not been followed by a withdrawal

    # -- lifecycle ------------------------------------------------------------

    def start(self) -> None:
        """Create the scheduler (its import is the costliest part of start-up) and plan."""
        self._deadline = self._make_deadline()
        self._deadline.due.connect(self._on_due, Qt.ConnectionType.QueuedConnection)
        self._tick.start()
        self._replan()

    def stop(self) -> None:
        self._tick.stop()
        if self._deadline is not None:
            self._deadline.shutdown()

    # -- queries --------------------------------------------------------------

    def now(self) -> datetime:
        return self._clock.now()

    def status(self) -> Status:
        return self._planner.status(self._clock.now())

    @property
    def planner(self) -> Planner:
        return self._planner

    def deadline(self) -> datetime | None:
        return None if self._deadline is None else self._deadline.deadline()

    # -- what the user does -----------------------------------------------------

    def take_break_now(self) -> None:
        """From the menu: the prompt appears now (a break under way is brought back instead)."""
        if self._planner.phase is Phase.BREAK:
            self.break_started.emit(self._planner.exercise_in_progress)
            return
        self._act(self._planner.prompt_now)

    def start_from_prompt(self) -> None:
        self._act(self._planner.start_break, started=True)

    def snooze(self) -> None:
        self._act(self._planner.snooze)

    def skip(self) -> None:
        self._act(self._planner.skip)

    def finish_break(
        self, completed: bool, seconds_done: float | None = None, *, taken: bool = True
    ) -> None:
        """The exercise window ended; ``taken=False``: closed, not counted as a break."""
        self._closing = not taken
        self._act(
            lambda now: self._planner.finish_break(
                now, completed=completed, seconds_done=seconds_done, taken=taken
            )
        )

    def pause_for(self, minutes: int) -> None:
        self._act(lambda now: self._planner.pause(now, now + timedelta(minutes=minutes)))

    def pause_until_tomorrow(self) -> None:
        def pause(now: datetime) -> None:
            tomorrow = to_local(now, None).date() + timedelta(days=1)
            self._planner.pause(now, localize(datetime.combine(tomorrow, time(0)), None))

        self._act(pause)

    def resume(self) -> None:
        self._act(self._planner.resume)

    def start_meeting(self, minutes: int | None) -> None:
        """No prompts for ``minutes`` (None: until :meth:`end_meeting`)."""
        self._act(
            lambda now: self._planner.start_meeting(
                now, None if minutes is None else now + timedelta(minutes=minutes)
            )
        )

    def end_meeting(self) -> None:
        self._act(self._planner.end_meeting)

    def apply_plan(
        self, rules: Rules, rotation: tuple[str, ...], durations: Mapping[str, timedelta]
    ) -> None:
        """New settings: re-plan at once, keeping the time already counted."""

        def change(now: datetime) -> None:
            self._planner.apply_rules(rules, now)
            if rotation != self._planner.rotation:
                self._planner.set_rotation(rotation, durations)

        self._act(change)

    # -- what the platform reports (from the shell's input owner) -------------------

    def set_idle_query(self, query: IdleQuery | None) -> None:
        """Where the idle time is read before a due prompt is shown (None: unknown)."""
        self._idle = query
        self._replan()

    def went_idle(self, seconds: float) -> None:
        """No input for ``seconds``: away since then (counts as a break if long enough)."""
        now = self._clock.now()
        log.info("away (no input for %.0f s)", seconds)
        self._act(
            lambda _now: self._planner.user_away(now - timedelta(seconds=seconds), now, "idle")
        )

    def came_back(self) -> None:
        log.info("back")
        self._act(self._planner.user_back)

    def lock_changed(self, locked: bool) -> None:
        log.info("screen %s", "locked" if locked else "unlocked")
        if locked:
            self._act(lambda now: self._planner.user_away(now, now, "lock"))

    def sleep_changed(self, sleeping: bool) -> None:
        """logind says the machine sleeps (True) or woke (False)."""
        if sleeping:
            self._act(lambda now: self._planner.user_away(now, now, "sleep"))
        else:
            # The away spell already covers the sleep; the clock check must not count it again.
            self._detector.check(self._clock.now(), self._clock.monotonic())
            self._act(self._planner.user_back)

    def interruptions_changed(self, active: Collection[str]) -> None:
        """The interruptions active now (fullscreen, do-not-disturb...): while any is, due
        prompts wait for it to end; one no longer named has ended."""
        now = self._clock.now()
        current = frozenset(active)
        for ended in self._interrupting - current:
            self._planner.defer(ended, False, now)
        for name in current:
            self._planner.defer(name, True, now)
        self._interrupting = current
        log.info("interruptions: %s", sorted(current) or "none")
        self.check_resume()
        self._replan()

    def check_resume(self) -> bool:
        """Compare wall-clock and monotonic progress; a gap means the machine slept.

        Runs before every deadline is acted on, so a timer that fires late after
        a resume can never show a stale prompt.
        """
        now = self._clock.now()
        gap = self._detector.check(now, self._clock.monotonic())
        if gap is None:
            return False
        start, end = gap
        log.info("resumed after %s asleep (since %s)", end - start, start.astimezone())
        self._planner.away(start, end, now, "sleep")
        return True

    # -- internals --------------------------------------------------------------

    def _act(self, action: Callable[[datetime], object], *, started: bool = False) -> None:
        self.check_resume()
        now = self._clock.now()
        action(now)
        if started:
            self.break_started.emit(self._planner.exercise_in_progress)
        self._replan()

    def _on_tick(self) -> None:
        """The app's one periodic wakeup: a resume, or a deadline the wall clock has passed
        while the deadline timer (counting on the monotonic clock) still waits, re-plans."""
        resumed = self.check_resume()
        when = None if self._deadline is None else self._deadline.deadline()
        if resumed or (when is not None and when <= self._clock.now()):
            self._replan()

    def _on_due(self) -> None:
        self.check_resume()
        self._replan()

    def _replan(self) -> None:
        now = self._clock.now()
        idle = self._idle.idle_seconds() if self._idle is not None else None
        for event in self._planner.poll(now, idle_seconds=idle):
            if isinstance(event, PromptDue):
                log.info("break due: %s", event.exercise)
                self._prompting = True
                self.prompt_requested.emit(event.exercise)
            elif isinstance(event, PromptWithdrawn):
                log.info("prompt withdrawn: %s", event.reason)
                self._withdraw_prompt()
            elif isinstance(event, PauseEnded):
                log.info("pause ended")
            elif isinstance(event, MeetingEnded):
                log.info("meeting ended")
        if self._prompting and self._planner.phase is not Phase.PROMPT:
            # Snoozed (or answered in any way the planner reports no event for): whoever
            # answered (the prompt, the tray menu, the command line), the prompt goes.
            log.info("prompt answered: %s", self._planner.phase.value)
            self._withdraw_prompt()
        self._publish_new_records()
        deadline = self._planner.next_deadline(now)
        if self._deadline is not None:
            self._deadline.set_deadline(deadline)
        log.debug("next deadline %s", deadline.astimezone() if deadline else None)
        self.changed.emit()

    def _withdraw_prompt(self) -> None:
        self._prompting = False
        self.prompt_withdrawn.emit()

    def _publish_new_records(self) -> None:
        """Each new record goes out on :attr:`recorded`; every outcome of a break is one log
        line, however it came about (a button, an absence, a sleep)."""
        new = min(self._planner.recorded - self._logged, len(self._planner.records))
        self._logged = self._planner.recorded
        closing, self._closing = self._closing, False
        for record in self._planner.records[len(self._planner.records) - new :]:
            self.recorded.emit(record)
            if record.outcome in _LOGGED_ELSEWHERE:
                continue
            if record.outcome is Outcome.DEFERRED:
                log.info("break %s: held back (%s)", record.exercise, record.cause)
                continue
            if record.outcome is Outcome.SKIPPED and closing:
                meaning = "closed after %.0f s, not counted as taken (skipped)"
            elif record.outcome in (Outcome.SNOOZED, Outcome.SKIPPED):
                meaning = record.outcome.value
            elif record.outcome is Outcome.ENDED_EARLY:
                meaning = "ended early after %.0f s, counted as a shorter break"
            else:
                meaning = record.outcome.value + " after %.0f s"
            if "%" in meaning:
                log.info("break %s: " + meaning, record.exercise, record.seconds)
            else:
                log.info("break %s: %s", record.exercise, meaning)
