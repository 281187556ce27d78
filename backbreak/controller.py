"""Carries out the planner's decisions on the GUI thread.

The controller owns the planner, the single deadline timer and the coarse
resume check. Widgets talk to it through slots and listen to its signals; it
never touches a widget itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from backbreak.core.clock import Clock
from backbreak.core.planner import (
    MeetingEnded,
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

if TYPE_CHECKING:
    from backbreak.scheduling import DeadlineTimer

log = logging.getLogger(__name__)

# Resume check cadence: coarse on purpose, it is the app's only periodic wakeup.
RESUME_CHECK_MS = 60_000


class Controller(QObject):
    """Signals out, slots in; every method runs on the GUI thread."""

    changed = Signal()  # the status (next break, pause, phase) changed
    prompt_requested = Signal(str)  # exercise id
    prompt_withdrawn = Signal()
    break_started = Signal(str)  # exercise id: open the exercise window

    def __init__(
        self,
        clock: Clock,
        planner: Planner,
        make_deadline: Callable[[], DeadlineTimer],
        parent: QObject | None = None,
        *,
        resume_check_ms: int = RESUME_CHECK_MS,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._planner = planner
        self._make_deadline = make_deadline
        self._deadline: DeadlineTimer | None = None
        self._detector = SuspendDetector(clock.now(), clock.monotonic())
        self._tick = QTimer(self)
        self._tick.setTimerType(Qt.TimerType.VeryCoarseTimer)
        self._tick.setInterval(resume_check_ms)
        self._tick.timeout.connect(self._on_tick)

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

    def finish_break(self, completed: bool, seconds_done: float | None = None) -> None:
        self._act(
            lambda now: self._planner.finish_break(
                now, completed=completed, seconds_done=seconds_done
            )
        )
        if self._planner.records:
            record = self._planner.records[-1]
            log.info(
                "break %s: %s after %.0f s", record.exercise, record.outcome.value, record.seconds
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

    def apply_rules(self, rules: Rules) -> None:
        self._act(lambda now: self._planner.apply_rules(rules, now))

    def apply_plan(
        self, rules: Rules, rotation: tuple[str, ...], durations: Mapping[str, timedelta]
    ) -> None:
        """New settings: re-plan at once, keeping the time already counted."""

        def change(now: datetime) -> None:
            self._planner.apply_rules(rules, now)
            if rotation != self._planner.rotation:
                self._planner.set_rotation(rotation, durations)

        self._act(change)

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
        self._planner.away(start, end, now)
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
        if self.check_resume():
            self._replan()

    def _on_due(self) -> None:
        self.check_resume()
        self._replan()

    def _replan(self) -> None:
        now = self._clock.now()
        for event in self._planner.poll(now):
            if isinstance(event, PromptDue):
                log.info("break due: %s", event.exercise)
                self.prompt_requested.emit(event.exercise)
            elif isinstance(event, PromptWithdrawn):
                log.info("prompt withdrawn: %s", event.reason)
                self.prompt_withdrawn.emit()
            elif isinstance(event, PauseEnded):
                log.info("pause ended")
            elif isinstance(event, MeetingEnded):
                log.info("meeting ended")
        deadline = self._planner.next_deadline(now)
        if self._deadline is not None:
            self._deadline.set_deadline(deadline)
        log.debug("next deadline %s", deadline.astimezone() if deadline else None)
        self.changed.emit()
