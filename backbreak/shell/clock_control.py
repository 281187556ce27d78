"""The fast-forwardable clock the end-to-end tests start the real app with.

Set ``BACKBREAK_TEST_CLOCK`` to ``now`` (or to an aware ISO 8601 instant to start the clock
there) and the app runs on a :class:`~backbreak.core.clock.SteppedClock` instead of the system
clock, and answers one more request on its command socket::

    {"cmd": "clock", "advance": 90}   ->   {"ok": true, "now": "2026-03-02T09:01:30+00:00"}

which moves the clock 90 seconds ahead at once (``advance`` may be left out to only ask the
time). Everything the planner decides follows the jump: the deadline timer fires what fell
due in between (:class:`~backbreak.scheduling.shifted.ShiftedDeadline`), and the idle time the
presence monitor reports counts the jumps made since the user's last input
(:class:`StretchedPresence`): 90 seconds skipped with no input are 90 seconds away, as they
would have been had the test waited. Input from the X server still resets it, so a test moves
the mouse to come back. Timers that only pace the screen (the exercise countdown, the pacer)
keep real time.

Why this is safe to ship: without the variable nothing here is created and the app has no
``clock`` command. Whoever can set a process's environment can already make it run other
code (``PYTHONPATH``, ``LD_PRELOAD``), so the variable grants nothing new; the command only
reaches the user's own private socket, and it only moves the clock forward, at most
:data:`MAX_ADVANCE` at a time. A clock in use says so in the log at start.
"""

from __future__ import annotations

import logging
import math
import os
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from backbreak.core.clock import SteppedClock, SystemClock
from backbreak.platform.instance_client import Request, Response
from backbreak.platform.presence.base import PresenceMonitor

if TYPE_CHECKING:
    from backbreak.scheduling.shifted import ShiftedDeadline

log = logging.getLogger(__name__)

VARIABLE = "BACKBREAK_TEST_CLOCK"
MAX_ADVANCE = timedelta(days=31)
#: How often a user taken as away by a jump is looked for (the monitor itself does not know).
RETURN_POLL_MS = 500
#: A drop of the real idle counter smaller than this is jitter, not input. Small, because a
#: test comes back within a second of the jump that took it away, and the X server counts
#: idle time in milliseconds.
RETURN_TOLERANCE_S = 0.25

Handler = Callable[[Request], Response]


def clock_control_from_env(env: Mapping[str, str] = os.environ) -> ClockControl | None:
    """The test clock ``BACKBREAK_TEST_CLOCK`` asks for, or None (the system clock)."""
    value = env.get(VARIABLE)
    if value is None:
        return None
    start: datetime | None = None
    if value != "now":
        try:
            start = datetime.fromisoformat(value)
        except ValueError:
            start = None
        if start is None or start.tzinfo is None:
            log.error("%s=%r is not 'now' or an aware ISO 8601 instant; ignored", VARIABLE, value)
            return None
    clock = SteppedClock(SystemClock(), start)
    log.warning("%s is set: running on a test clock (now %s)", VARIABLE, clock.now().isoformat())
    return ClockControl(clock)


class ClockControl:
    """The stepped clock and what must follow its jumps: deadlines and idle time."""

    def __init__(self, clock: SteppedClock) -> None:
        self.clock = clock
        self._deadlines: list[ShiftedDeadline] = []
        self._presences: list[StretchedPresence] = []

    def deadline(self, parent: QObject | None = None) -> ShiftedDeadline:
        """A deadline timer on this clock (for the controller's ``make_deadline``)."""
        from backbreak.scheduling.shifted import ShiftedDeadline

        timer = ShiftedDeadline(lambda: self.clock.offset, parent)
        self._deadlines.append(timer)
        return timer

    def choose_presence(self) -> tuple[PresenceMonitor, list[str]]:
        """The presence monitor the platform offers, its idle time counting the jumps."""
        from backbreak.platform.presence import choose_presence

        monitor, notes = choose_presence()
        stretched = StretchedPresence(monitor, self.clock)
        self._presences.append(stretched)
        return stretched, [*notes, f"{VARIABLE}: idle time counts the test clock's jumps"]

    def commands(self, handler: Handler) -> Handler:
        """``handler`` with the ``clock`` request added."""

        def handle(request: Request) -> Response:
            if request.get("cmd") == "clock":
                return self.answer(request)
            return handler(request)

        return handle

    def answer(self, request: Request) -> Response:
        """``{"cmd": "clock", "advance": seconds}``: jump, then say the time."""
        seconds = request.get("advance", 0)
        if (
            isinstance(seconds, bool)
            or not isinstance(seconds, int | float)
            or not math.isfinite(seconds)
            or not 0 <= seconds <= MAX_ADVANCE.total_seconds()
        ):
            limit = MAX_ADVANCE.total_seconds()
            return {"ok": False, "error": f"advance must be a number of seconds from 0 to {limit}"}
        if seconds:
            self.advance(timedelta(seconds=seconds))
        return {"ok": True, "now": self.clock.now().isoformat()}

    def advance(self, delta: timedelta) -> None:
        self.clock.advance(delta)
        log.info("test clock: %s ahead, now %s", delta, self.clock.now().isoformat())
        for presence in self._presences:
            presence.clock_moved()
        for timer in self._deadlines:
            timer.clock_moved()


class StretchedPresence(PresenceMonitor):
    """Wraps the platform's monitor so that idle time counts the test clock's jumps.

    A jump that takes the idle time past the threshold reports the user away, as the real
    monitor would have after that long; the real monitor never saw that much idle time, so
    this one looks for the user's return itself (the real idle counter going back) and reports
    it. Everything else (lock, sleep, the monitor's own reports) passes through.
    """

    def __init__(
        self, inner: PresenceMonitor, clock: SteppedClock, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.inner = inner
        self.name = inner.name
        self.detail = inner.detail
        self._clock = clock
        self._threshold: float | None = None
        self._active = True
        self._away = False  # reported away (by a jump or by the inner monitor)
        self._inner_idle = False  # the inner monitor reported idle and not yet back
        self._away_at = 0.0  # base monotonic time when a jump made the user away
        self._away_real_idle = 0.0  # the real idle time then
        self._return_poll = QTimer(self)
        self._return_poll.setInterval(RETURN_POLL_MS)
        self._return_poll.timeout.connect(self.look_for_return)
        inner.went_idle.connect(self._on_inner_idle)
        inner.came_back.connect(self._on_inner_back)
        inner.lock_changed.connect(self.lock_changed)
        inner.sleep_changed.connect(self.sleep_changed)

    def probe(self) -> None:
        self.inner.probe()

    def start(self, idle_threshold_s: float) -> None:
        self._threshold = idle_threshold_s
        self._away = self._inner_idle = False
        self._return_poll.stop()
        self.inner.start(idle_threshold_s)

    def stop(self) -> None:
        self._threshold = None
        self._return_poll.stop()
        self.inner.stop()

    def idle_seconds(self) -> float | None:
        real = self.inner.idle_seconds()
        return None if real is None else self._clock.idle(real)

    def set_active_hours(self, active: bool) -> None:
        self._active = active
        self.inner.set_active_hours(active)

    def clock_moved(self) -> None:
        """The clock jumped: away now if the idle time it makes reaches the threshold."""
        if self._threshold is None or self._away or not self._active:
            return
        real = self.inner.idle_seconds()
        if real is None or self._clock.idle(real) < self._threshold:
            return
        self._away = True
        self._away_at = self._clock.base_monotonic()
        self._away_real_idle = real
        self._return_poll.start()
        self.went_idle.emit(self._clock.idle(real))

    def look_for_return(self) -> None:
        """Back if the real idle counter went back since the jump (the poll's handler)."""
        real = self.inner.idle_seconds()
        if real is None:
            return
        expected = self._away_real_idle + (self._clock.base_monotonic() - self._away_at)
        if real + RETURN_TOLERANCE_S < expected:
            self._return_poll.stop()
            self._away = False
            self.came_back.emit()

    def _on_inner_idle(self, real_seconds: float) -> None:
        self._inner_idle = True
        if not self._away:
            self._away = True
            self.went_idle.emit(self._clock.idle(real_seconds))

    def _on_inner_back(self) -> None:
        was_idle, self._inner_idle = self._inner_idle, False
        if self._away:
            self._return_poll.stop()
            self._away = False
            self.came_back.emit()
        elif not was_idle:
            self.came_back.emit()  # the end of a lock or a sleep, not of idle time
