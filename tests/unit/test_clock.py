"""The clocks: the stepped clock the end-to-end tests fast-forward runs with its base and
jumps only when told, wall and monotonic time together."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from backbreak.core.clock import FakeClock, SteppedClock

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_a_stepped_clock_runs_with_its_base_and_jumps_on_advance() -> None:
    base = FakeClock(START)
    clock = SteppedClock(base)
    assert clock.now() == START
    base.advance(timedelta(seconds=5))
    assert clock.now() == START + timedelta(seconds=5)
    mono = clock.monotonic()
    clock.advance(timedelta(minutes=10))
    assert clock.now() == START + timedelta(minutes=10, seconds=5)
    assert clock.monotonic() == mono + 600  # awake time: no suspend to detect
    assert clock.offset == timedelta(minutes=10)
    assert clock.base_monotonic() == base.monotonic()


def test_a_stepped_clock_may_start_elsewhere() -> None:
    monday_night = datetime(2026, 3, 2, 23, 59, tzinfo=UTC)
    clock = SteppedClock(FakeClock(START), monday_night)
    assert clock.now() == monday_night
    with pytest.raises(ValueError, match="aware"):
        SteppedClock(FakeClock(START), datetime(2026, 3, 2, 23, 59))


@pytest.mark.parametrize("delta", [timedelta(seconds=-1), timedelta(microseconds=-1)])
def test_a_stepped_clock_never_goes_back(delta: timedelta) -> None:
    clock = SteppedClock(FakeClock(START))
    with pytest.raises(ValueError, match="only jumps forward"):
        clock.advance(delta)
    assert clock.now() == START


def test_idle_time_counts_the_jumps_since_the_last_input() -> None:
    base = FakeClock(START)
    clock = SteppedClock(base)
    clock.advance(timedelta(minutes=5))  # before the last input: not idle time
    base.advance(timedelta(seconds=10))
    # The last input was 4 s ago (real): then a jump of 60 s.
    base.advance(timedelta(seconds=4))
    clock.advance(timedelta(seconds=60))
    base.advance(timedelta(seconds=1))
    assert clock.idle(5.0) == 65.0
    # Input 0.5 s ago, after the jump: the jump no longer counts.
    assert clock.idle(0.5) == 0.5
    # Idle since before the first jump: both count.
    assert clock.idle(20.0) == 20.0 + 300 + 60
