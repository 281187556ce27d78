"""The presence interface every backend implements, and the backend that knows nothing."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

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
    emitted, and :meth:`idle_seconds` is None.
    """

    went_idle = Signal(float)  # no input for at least the threshold; arg = seconds idle
    came_back = Signal()  # input again after went_idle (or unlock)
    lock_changed = Signal(bool)  # screen locked / unlocked (where known)
    sleep_changed = Signal(bool)  # True just before system sleep, False after resume

    name: str = "null"
    #: What the diagnosis adds to "chosen", e.g. the protocol and display (set by ``probe``).
    detail: str = ""

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


class NullPresence(PresenceMonitor):
    """No idle, lock or sleep information: the app counts wall-clock time while awake."""

    name = "null"
