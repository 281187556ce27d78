"""Time sources, injectable so that every decision can be tested with a fake clock."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Wall-clock and monotonic time; comparing the two reveals a suspend."""

    def now(self) -> datetime:
        """Aware current time."""
        ...

    def monotonic(self) -> float:
        """Seconds on a clock that does not advance while the machine sleeps."""
        ...


class SystemClock:
    """The real clocks. ``time.monotonic`` is CLOCK_MONOTONIC: it stops during suspend on Linux."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def monotonic(self) -> float:
        return time.monotonic()


class FakeClock:
    """A clock tests move by hand; ``suspend`` moves only the wall clock.

    It keeps UTC: adding a timedelta to a datetime in a zone with DST is
    wall-clock arithmetic in Python, not elapsed time.
    """

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FakeClock needs an aware datetime")
        self._now = start.astimezone(UTC)
        self._mono = 1000.0

    def now(self) -> datetime:
        return self._now

    def monotonic(self) -> float:
        return self._mono

    def advance(self, delta: timedelta) -> None:
        """Time passes with the machine awake."""
        self._now += delta
        self._mono += delta.total_seconds()

    def suspend(self, delta: timedelta) -> None:
        """The machine sleeps: wall time moves on, monotonic time does not."""
        self._now += delta


def local_time_works(at: datetime) -> bool:
    """Whether the system's local zone can express ``at``.

    The C library accepts a ``TZ`` such as ``UTC+99`` and clamps it to an
    offset of 24 hours, which :mod:`datetime` refuses: every local conversion
    would then raise.
    """
    try:
        at.astimezone()
    except (ValueError, OverflowError):
        return False
    return True
