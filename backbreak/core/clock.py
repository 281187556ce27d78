"""Time sources, injectable so that every decision can be tested with a fake clock."""

from __future__ import annotations

import math
import time
from collections import deque
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


class SteppedClock:
    """A clock that runs with ``base`` and jumps forward on :meth:`advance`: the clock the
    end-to-end tests start the real app with (see :mod:`backbreak.shell.clock_control`).

    Wall-clock and monotonic time jump together, so a jump is time passing with the machine
    awake, never a suspend. ``start`` sets where the wall clock begins (default: with
    ``base``). The jumps are remembered (the last :data:`MAX_STEPS`) so that idle time can
    count those taken since the user's last input (:meth:`idle`).
    """

    MAX_STEPS = 1000

    def __init__(self, base: Clock, start: datetime | None = None) -> None:
        if start is not None and start.tzinfo is None:
            raise ValueError("SteppedClock needs an aware start")
        self._base = base
        self._shift = timedelta() if start is None else start - base.now()
        self._skipped = 0.0
        self._steps: deque[tuple[float, float]] = deque(maxlen=self.MAX_STEPS)

    def now(self) -> datetime:
        return self._base.now() + self.offset

    def monotonic(self) -> float:
        return self._base.monotonic() + self._skipped

    @property
    def offset(self) -> timedelta:
        """How far this wall clock is ahead of the base's."""
        return self._shift + timedelta(seconds=self._skipped)

    def base_monotonic(self) -> float:
        """The base's monotonic time, the clock real timers and readings run on."""
        return self._base.monotonic()

    def advance(self, delta: timedelta) -> None:
        """Jump ``delta`` (not negative) ahead, at once."""
        seconds = delta.total_seconds()
        if not (math.isfinite(seconds) and seconds >= 0):
            raise ValueError(f"a clock only jumps forward, not by {delta}")
        self._skipped += seconds
        self._steps.append((self._base.monotonic(), seconds))

    def idle(self, real_idle: float) -> float:
        """Seconds without input on this clock, given the base's ``real_idle`` seconds: the
        jumps taken since the last input count as time without input."""
        last_input = self._base.monotonic() - real_idle
        return real_idle + sum(seconds for at, seconds in self._steps if at >= last_input)


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
