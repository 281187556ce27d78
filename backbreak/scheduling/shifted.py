"""A deadline timer for a clock that runs ahead of the real one (the end-to-end tests' clock,
see :mod:`backbreak.shell.clock_control`).

The planner's deadlines are instants on the app's clock; APScheduler waits on the real one.
When the app's clock is ``offset`` ahead, a deadline is due at the real instant ``offset``
earlier, and each time the clock jumps the deadlines in between are due at once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QObject

from backbreak.scheduling import DeadlineTimer


class ShiftedDeadline(DeadlineTimer):
    """A :class:`DeadlineTimer` whose deadlines are on a clock ``offset()`` ahead of real time."""

    def __init__(self, offset: Callable[[], timedelta], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._offset = offset

    def set_deadline(self, when: datetime | None) -> None:
        super().set_deadline(None if when is None else when - self._offset())

    def deadline(self) -> datetime | None:
        real = super().deadline()
        return None if real is None else real + self._offset()

    def clock_moved(self) -> None:
        """The clock jumped: the owner re-plans now (``due``), and sets the next deadline on
        the moved clock."""
        self.due.emit()
