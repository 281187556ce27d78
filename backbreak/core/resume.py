"""Suspend detection by comparing wall-clock and monotonic progress.

The monotonic clock stops while the machine sleeps; the wall clock does not.
Between two checks, a wall-clock advance larger than the monotonic one means
the machine was asleep for (about) the difference.
"""

from __future__ import annotations

from datetime import datetime, timedelta

# Timer jitter and a busy machine never account for this much.
DEFAULT_THRESHOLD = timedelta(seconds=20)


class SuspendDetector:
    def __init__(
        self, wall: datetime, mono: float, threshold: timedelta = DEFAULT_THRESHOLD
    ) -> None:
        self._wall = wall
        self._mono = mono
        self._threshold = threshold

    def check(self, wall: datetime, mono: float) -> tuple[datetime, datetime] | None:
        """Return (asleep since, woke at) when a sleep happened since the last check.

        The sleep is placed at the end of the interval: the last moment the app
        saw is what the user last had on screen.
        """
        gap = (wall - self._wall) - timedelta(seconds=mono - self._mono)
        self._wall, self._mono = wall, mono
        if gap < self._threshold:
            return None  # includes wall clock set backwards: not a sleep
        return wall - gap, wall
