"""The presence interface every backend implements, and the backend that knows nothing."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

__all__ = ["NullPresence", "PresenceMonitor", "PresenceUnavailable"]


class PresenceUnavailable(Exception):
    """A backend cannot work here; the message says why (it goes into the diagnosis)."""


class PresenceMonitor(QObject):
    """Reports the user's presence; all signals are emitted on the GUI thread.

    How a consumer reads the signals: ``went_idle(s)`` means away since ``now - s``;
    ``lock_changed(True)`` and ``sleep_changed(True)`` mean away since now; ``came_back`` means
    back now. A monitor that combines several sources (:class:`CompositePresence`) emits exactly
    one ``came_back`` per spell away, whatever began it.

    This base class is also the behaviour of a backend that knows nothing: no signal is ever
    emitted (except ``lull``, which follows at once), and :meth:`idle_seconds` is None.
    """

    went_idle = Signal(float)  # no input for at least the threshold; arg = seconds idle
    came_back = Signal()  # input again after went_idle (or unlock)
    lock_changed = Signal(bool)  # screen locked / unlocked (where known)
    sleep_changed = Signal(bool)  # True just before system sleep, False after resume
    lull = Signal()  # answer to watch_for_lull: the user paused, or the timeout passed

    name: str = "null"
    #: What the diagnosis adds to "chosen", e.g. the protocol and display (set by ``probe``).
    detail: str = ""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lull_now: QTimer | None = None

    def probe(self) -> None:
        """Raise PresenceUnavailable (with the reason) if this backend cannot work here."""

    def start(self, idle_threshold_s: float) -> None:
        """Begin watching; ``went_idle`` comes after ``idle_threshold_s`` without input."""

    def stop(self) -> None:
        """Stop watching and release what the backend holds (connections, watches, timers)."""

    def idle_seconds(self) -> float | None:
        """Seconds since the last input, or None when unknown."""
        return None

    def set_active_hours(self, active: bool) -> None:
        """Outside work hours (``False``) the backend stops polling entirely."""

    def watch_for_lull(self, quiet_s: float, timeout_s: float) -> None:
        """Emit ``lull`` once the user has been idle for ``quiet_s`` or ``timeout_s`` passed.

        Used to avoid showing a prompt mid-sentence. A backend without idle information has
        nothing to wait for: ``lull`` follows at once (from the event loop, never inside this
        call). A second call replaces a pending watch.
        """
        self._emit_lull_soon()

    def _emit_lull_soon(self) -> None:
        if self._lull_now is None:
            self._lull_now = QTimer(self)
            self._lull_now.setSingleShot(True)
            self._lull_now.setInterval(0)
            self._lull_now.timeout.connect(self.lull)
        self._lull_now.start()

    def _cancel_lull_soon(self) -> None:
        if self._lull_now is not None:
            self._lull_now.stop()


class NullPresence(PresenceMonitor):
    """No idle, lock or sleep information: the app counts wall-clock time while awake."""

    name = "null"
