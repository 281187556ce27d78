"""The interface every interruption source implements, the null source and a polling helper."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal

__all__ = ["POLL_INTERVAL_MS", "InterruptionSource", "NullSource", "PollingSource"]

_log = logging.getLogger(__name__)

POLL_INTERVAL_MS = 10_000
"""How often a source without an event API asks the OS while it is watched."""


class InterruptionSource(QObject):
    """Something that says "don't interrupt now" (a fullscreen window, do-not-disturb).

    Life cycle: build it, connect :attr:`changed`, :meth:`start` it, :meth:`stop` it when done
    (stop is final for that start; a stopped source may be started again).

    - :meth:`active` is the last known state; it never blocks and never asks the OS.
    - :attr:`changed` is emitted with the new value whenever :meth:`active` changes, including
      when :meth:`start` finds the state already active and when :meth:`stop` clears it. It is
      never emitted with the value :meth:`active` already had.
    - :meth:`set_watching` says whether the app currently cares (a prompt is due or deferred).
      A source is watched from construction until ``set_watching(False)``. While unwatched a
      source may stop following changes (polling sources stop polling, the X11 source stops
      listening); ``set_watching(True)`` brings :meth:`active` up to date again (at once where
      the state can be read synchronously, otherwise as soon as the answer arrives, with
      :attr:`changed` if it differs).
    - A source that cannot work (no X display, no D-Bus service) logs why, leaves
      :attr:`problem` set and stays inactive; it never raises out of :meth:`start`.
    """

    changed = Signal(bool)

    name: str = "interruption"
    """What kind of interruption: ``"fullscreen"`` or ``"do-not-disturb"``."""
    backend: str = "none"
    """How it is detected, for diagnosis (``"x11"``, ``"gnome"``, ``"kde"``, ...)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._active = False
        self._started = False
        self._watching = True
        self.problem: str | None = None
        """Why the source does not work, if it does not (for logs and diagnosis)."""

    # ------------------------------------------------------------------ public interface

    def start(self) -> None:
        if self._started:
            return
        self._started = True
        self.problem = None
        self._start()

    def stop(self) -> None:
        if not self._started:
            return
        self._started = False
        self._stop()
        self._set_active(False)

    def active(self) -> bool:
        return self._active

    def started(self) -> bool:
        return self._started

    def watching(self) -> bool:
        return self._watching

    def set_watching(self, watching: bool) -> None:
        if watching == self._watching:
            return
        self._watching = watching
        if self._started:
            self._watching_changed(watching)

    def describe(self) -> str:
        """One line for logs: kind, backend and state."""
        state = "active" if self._active else "inactive"
        if self.problem:
            state = f"not working: {self.problem}"
        return f"{self.name} ({self.backend}): {state}"

    # ------------------------------------------------------------------ for subclasses

    def _start(self) -> None:
        """Acquire resources and read the initial state."""

    def _stop(self) -> None:
        """Release everything :meth:`_start` acquired."""

    def _watching_changed(self, watching: bool) -> None:
        """Called while started when :meth:`set_watching` changes the value."""

    def _set_active(self, value: bool) -> None:
        if value != self._active:
            self._active = value
            self.changed.emit(value)

    def _fail(self, problem: str) -> None:
        """Record that the source cannot work; it stays inactive."""
        if problem != self.problem:
            _log.warning("%s source (%s) not working: %s", self.name, self.backend, problem)
        self.problem = problem
        self._set_active(False)


class NullSource(InterruptionSource):
    """A source that is never active: the stand-in where nothing can be detected."""

    backend = "none"

    def __init__(self, name: str = "none", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name


class PollingSource(InterruptionSource):
    """A source that asks ``query()`` at start, on ``set_watching(True)`` and every
    ``interval_ms`` while watched (a coarse timer: no wakeups at all while unwatched).

    ``query`` raising counts as "not active"; the error is logged once and kept in
    :attr:`problem` until a query succeeds again.
    """

    def __init__(
        self,
        query: Callable[[], bool],
        interval_ms: int = POLL_INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._query = query
        self._timer = QTimer(self)
        # Second-accurate timers are merged with other wakeups; short test intervals stay exact.
        coarse = interval_ms >= 1000
        self._timer.setTimerType(
            Qt.TimerType.VeryCoarseTimer if coarse else Qt.TimerType.PreciseTimer
        )
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.poll)

    def poll(self) -> None:
        """Ask the OS now (the timer does this on its own while watched)."""
        if not self._started:
            return
        try:
            value = bool(self._query())
        except Exception as exc:  # an OS call failing must never take the app down
            self._fail(f"{type(exc).__name__}: {exc}")
            return
        self.problem = None
        self._set_active(value)

    def _start(self) -> None:
        self.poll()
        if self._watching:
            self._timer.start()

    def _stop(self) -> None:
        self._timer.stop()

    def _watching_changed(self, watching: bool) -> None:
        if watching:
            self.poll()
            self._timer.start()
        else:
            self._timer.stop()
