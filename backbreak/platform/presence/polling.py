"""Idle detection for backends that can only be asked "how long since the last input?".

One single-shot QTimer does all the waiting, and it waits as long as it can:

- **While the user is active** with idle time ``x``, nobody can reach the threshold ``T``
  before ``T - x`` seconds have passed, so the next reading is due then (plus
  :data:`SLACK_S`, so that a timer firing a little early never needs a second reading). A user
  who keeps typing costs one reading per ``T`` seconds.
- **After went_idle** the return is looked for with a back-off (:class:`Backoff`), slower
  where a reading costs more wakeups. A return is noticed when the idle counter has gone
  back: it reads less than the previous reading plus the time since (any input resets the
  counter, even input followed by a long pause).
- **Outside active hours** nothing is polled at all.

Readings that fail (the display or the service went away) are retried every
:data:`RETRY_S` seconds; the state is kept, so no false came_back or went_idle follows.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QObject, Qt, QTimer

from backbreak.platform.presence.base import PresenceMonitor

__all__ = [
    "DEFAULT_BACKOFF",
    "MAX_WAIT_S",
    "RETRY_S",
    "SLACK_S",
    "Backoff",
    "IdleSource",
    "PollingPresence",
]

_log = logging.getLogger(__name__)

#: Added to the earliest moment the threshold can be reached. VeryCoarse timers fire up to
#: half a second early, Coarse ones up to 5 % early; one second covers both.
SLACK_S = 1.0
#: A reading that failed is tried again after this long.
RETRY_S = 60.0
#: The longest single wait (Qt takes the interval in int milliseconds).
MAX_WAIT_S = 6 * 3600.0
#: A drop of the idle counter smaller than this is clock jitter, not input (some services
#: report whole seconds).
RETURN_TOLERANCE_S = 1.5
#: Waits at least this long run on a VeryCoarse timer (whole seconds), shorter ones on Coarse.
_VERY_COARSE_FROM_S = 10.0


class IdleSource(Protocol):
    """Where a polling backend reads the idle time from."""

    def open(self) -> None:
        """Acquire what reading needs; raises PresenceUnavailable with the reason."""
        ...

    def read_idle(self) -> float | None:
        """Seconds since the last input, or None when the reading failed."""
        ...

    def close(self) -> None: ...


class AskingIdleSource(IdleSource, Protocol):
    """A source that can also answer later: the schedule's readings then never block (D-Bus)."""

    def ask_idle(self, answer: Callable[[float | None], None]) -> None:
        """Have ``answer`` called from the event loop with what :meth:`read_idle` would return
        (never inside this call); a question pending at :meth:`close` is never answered."""
        ...


@dataclass(frozen=True)
class Backoff:
    """How often to look for the user's return, by how long they have been idle past the
    threshold: ``steps`` are ``(until_s, interval_s)`` pairs in order, then ``final_s``."""

    steps: tuple[tuple[float, float], ...] = ((60.0, 10.0),)
    final_s: float = 15.0

    def interval(self, idle_past_threshold_s: float) -> float:
        for until, interval in self.steps:
            if idle_past_threshold_s < until:
                return interval
        return self.final_s


#: 10 s for the first minute past the threshold, then 15 s. Sized by the wakeup budget (the
#: whole app under 0.3 wakeups/s while the user is away, 0.05/s of it spent elsewhere): an X11
#: reading costs 2.2 context switches (measured: the timer and the round trip to the server),
#: so this costs at most 0.22/s and then 0.15/s. A faster start (2 s) would cost 1.1/s for a
#: minute. Noticing a return a few seconds late only leaves those seconds uncounted as work.
DEFAULT_BACKOFF = Backoff()


class PollingPresence(PresenceMonitor):
    """A :class:`PresenceMonitor` that reads an :class:`IdleSource` on one single-shot timer.

    ``monotonic`` is the clock the schedule is computed on (injectable for tests).
    :meth:`poll` is the timer's handler; tests may call it directly.
    """

    name = "polling"

    def __init__(
        self,
        source: IdleSource,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        backoff: Backoff | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._source = source
        self._mono = monotonic
        self._backoff = backoff or DEFAULT_BACKOFF
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.poll)
        self._running = False
        self._active_hours = True
        self._threshold = 0.0
        self._idle_reported = False
        self._last_idle: float | None = None
        self._last_read_at = 0.0
        self._main_due: float | None = None
        self._failing = False
        self._asking = False  # an AskingIdleSource has a question out
        self._answer: tuple[float | None] | None = None  # its answer, for poll() to take
        self.readings = 0  # how many times the source was read by the schedule

    # -- the interface ------------------------------------------------------------

    def probe(self) -> None:
        """Open the source now: PresenceUnavailable with the reason if it cannot be."""
        self._source.open()

    def start(self, idle_threshold_s: float) -> None:
        """Open the source (PresenceUnavailable if it cannot be) and read it from the loop."""
        if idle_threshold_s <= 0:
            raise ValueError("the idle threshold must be positive")
        self._source.open()
        self._running = True
        self._asking, self._answer = False, None
        self._threshold = float(idle_threshold_s)
        self._idle_reported = False
        self._last_idle = None
        self._main_due = self._mono() if self._active_hours else None
        self._arm()

    def stop(self) -> None:
        self._running = False
        self._timer.stop()
        self._main_due = None
        self._source.close()
        self._asking, self._answer = False, None

    def idle_seconds(self) -> float | None:
        return self._source.read_idle() if self._running else None

    def set_active_hours(self, active: bool) -> None:
        if active == self._active_hours:
            return
        self._active_hours = active
        if not active:
            self._main_due = None
        elif self._running:
            self._main_due = self._mono()  # the state is kept; look at once
        self._arm()

    # -- inspection (tests, diagnosis) ----------------------------------------------

    @property
    def timer(self) -> QTimer:
        """The one timer; inactive means nothing is polled."""
        return self._timer

    @property
    def idle_reported(self) -> bool:
        return self._idle_reported

    def next_poll_in(self) -> float | None:
        """Seconds until the next reading, or None when none is scheduled."""
        due = self._next_due()
        return None if due is None else max(0.0, due - self._mono())

    # -- the schedule ---------------------------------------------------------------

    def poll(self) -> None:
        """Read the idle time once and act on it; then wait as long as possible."""
        if not self._running or self._ask():
            return
        now = self._mono()
        idle = self._answer[0] if self._answer is not None else self._source.read_idle()
        self._answer = None
        self.readings += 1
        emits: list[Callable[[], None]] = []
        if idle is None:
            if not self._failing:
                _log.warning(
                    "%s: reading the idle time failed; retrying every %ss", self.name, RETRY_S
                )
            self._failing = True
            if self._main_due is not None:
                self._main_due = now + RETRY_S
        else:
            if self._failing:
                _log.info("%s: reading the idle time works again", self.name)
            self._failing = False
            if self._active_hours:
                emits += self._judge(idle, now)
                self._last_idle, self._last_read_at = idle, now
        self._arm()
        for emit in emits:  # last, so that a slot may call stop() or anything else
            if not self._running:
                break
            emit()

    def _ask(self) -> bool:
        """For an :class:`AskingIdleSource`: ask, and say so (True) unless the answer is in."""
        ask = getattr(self._source, "ask_idle", None)
        if ask is None or self._answer is not None:
            return False
        if not self._asking:
            self._asking = True
            ask(self._answered)
        return True

    def _answered(self, idle: float | None) -> None:
        self._asking = False
        if self._running:
            self._answer = (idle,)
            self.poll()

    def _judge(self, idle: float, now: float) -> list[Callable[[], None]]:
        """Update the presence state from one reading; returns the signals to emit."""
        threshold = self._threshold
        emits: list[Callable[[], None]] = []
        if self._idle_reported:
            last = self._last_idle
            expected = idle if last is None else last + (now - self._last_read_at)
            if idle + RETURN_TOLERANCE_S >= expected:
                self._main_due = now + self._backoff.interval(idle - threshold)
                return emits
            self._idle_reported = False
            emits.append(self.came_back.emit)
        if idle >= threshold:
            self._idle_reported = True
            emits.append(lambda: self.went_idle.emit(idle))
            self._main_due = now + self._backoff.interval(idle - threshold)
        else:
            self._main_due = now + (threshold - idle) + SLACK_S
        return emits

    def _next_due(self) -> float | None:
        return self._main_due if self._running and self._active_hours else None

    def _arm(self) -> None:
        due = self._next_due()
        if due is None:
            self._timer.stop()
            return
        wait = min(MAX_WAIT_S, max(0.0, due - self._mono()))
        kind = (
            Qt.TimerType.VeryCoarseTimer
            if wait >= _VERY_COARSE_FROM_S
            else Qt.TimerType.CoarseTimer
        )
        self._timer.setTimerType(kind)
        self._timer.start(math.ceil(wait * 1000))
