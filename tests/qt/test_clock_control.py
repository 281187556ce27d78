"""The end-to-end tests' clock: its jumps reach the deadline timer and the idle time, and only
an environment variable switches it on."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from backbreak.core.clock import FakeClock, SteppedClock, SystemClock
from backbreak.platform.presence.base import PresenceMonitor
from backbreak.scheduling.shifted import ShiftedDeadline
from backbreak.shell.clock_control import (
    MAX_ADVANCE,
    VARIABLE,
    ClockControl,
    StretchedPresence,
    clock_control_from_env,
)

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class ScriptedMonitor(PresenceMonitor):
    """A presence monitor whose idle reading the test sets."""

    name = "scripted"

    def __init__(self) -> None:
        super().__init__()
        self.idle: float | None = 0.0
        self.threshold: float | None = None

    def start(self, idle_threshold_s: float) -> None:
        self.threshold = idle_threshold_s

    def idle_seconds(self) -> float | None:
        return self.idle


def stretched() -> tuple[StretchedPresence, ScriptedMonitor, SteppedClock, FakeClock]:
    base = FakeClock(START)
    clock = SteppedClock(base)
    inner = ScriptedMonitor()
    presence = StretchedPresence(inner, clock)
    presence.start(60.0)
    return presence, inner, clock, base


def record(presence: PresenceMonitor) -> list[object]:
    seen: list[object] = []
    presence.went_idle.connect(lambda seconds: seen.append(("idle", seconds)))
    presence.came_back.connect(lambda: seen.append("back"))
    return seen


def test_a_deadline_on_a_clock_ahead_fires_at_the_matching_real_instant(qtbot: QtBot) -> None:
    ahead = timedelta(hours=1)
    timer = ShiftedDeadline(lambda: ahead)
    try:
        when = datetime.now(UTC) + ahead + timedelta(milliseconds=200)
        with qtbot.waitSignal(timer.due, timeout=3000):
            timer.set_deadline(when)
            assert timer.deadline() == when
        assert timer.deadline() is None
        timer.set_deadline(when + timedelta(hours=2))
        with qtbot.waitSignal(timer.due, timeout=1000):
            timer.clock_moved()  # the owner re-plans at once after a jump
    finally:
        timer.shutdown()


def test_a_jump_past_the_threshold_makes_the_user_away_until_input(qtbot: QtBot) -> None:
    presence, inner, clock, base = stretched()
    seen = record(presence)
    inner.idle = 2.0
    clock.advance(timedelta(seconds=30))
    presence.clock_moved()
    assert seen == []  # 32 s idle: not yet
    assert presence.idle_seconds() == 32.0
    clock.advance(timedelta(seconds=30))
    presence.clock_moved()
    assert seen == [("idle", 62.0)]
    presence.clock_moved()
    assert seen == [("idle", 62.0)]  # once per spell
    base.advance(timedelta(seconds=1))
    inner.idle = 3.0  # still no input
    presence.look_for_return()
    assert seen == [("idle", 62.0)]
    inner.idle = 0.2  # the mouse moved
    with qtbot.waitSignal(presence.came_back, timeout=2000):
        pass
    assert seen == [("idle", 62.0), "back"]
    assert presence.idle_seconds() == pytest.approx(0.2)
    presence.stop()


def test_the_monitors_own_reports_and_lock_spells_pass_through_once() -> None:
    presence, inner, clock, _base = stretched()
    seen = record(presence)
    inner.went_idle.emit(61.0)
    clock.advance(timedelta(minutes=5))
    presence.clock_moved()  # already away: nothing more
    inner.came_back.emit()
    assert seen == [("idle", 61.0), "back"]
    locks: list[bool] = []
    presence.lock_changed.connect(locks.append)
    inner.lock_changed.emit(True)
    inner.came_back.emit()  # unlocked: the end of a lock spell
    assert locks == [True]
    assert seen == [("idle", 61.0), "back", "back"]


def test_outside_work_hours_a_jump_reports_nothing() -> None:
    presence, _inner, clock, _base = stretched()
    seen = record(presence)
    presence.set_active_hours(False)
    clock.advance(timedelta(hours=2))
    presence.clock_moved()
    assert seen == []
    presence.set_active_hours(True)
    presence.clock_moved()
    assert seen == [("idle", 7200.0)]


@pytest.mark.parametrize(
    "advance", [-1, True, "60", float("nan"), float("inf"), MAX_ADVANCE.total_seconds() + 1]
)
def test_the_clock_command_only_moves_the_clock_forward_and_boundedly(advance: object) -> None:
    control = ClockControl(SteppedClock(FakeClock(START)))
    reply = control.commands(lambda request: {"ok": True})({"cmd": "clock", "advance": advance})
    assert reply["ok"] is False
    assert control.clock.now() == START


def test_the_clock_command_jumps_and_reports_the_time_and_passes_others_on() -> None:
    control = ClockControl(SteppedClock(FakeClock(START)))
    handle = control.commands(lambda request: {"ok": True, "asked": request["cmd"]})
    assert handle({"cmd": "clock"}) == {"ok": True, "now": START.isoformat()}
    later = START + timedelta(seconds=90.5)
    assert handle({"cmd": "clock", "advance": 90.5}) == {"ok": True, "now": later.isoformat()}
    assert handle({"cmd": "status"}) == {"ok": True, "asked": "status"}


def test_only_the_variable_switches_the_test_clock_on() -> None:
    assert clock_control_from_env({}) is None
    now = clock_control_from_env({VARIABLE: "now"})
    assert now is not None
    assert abs(now.clock.now() - SystemClock().now()) < timedelta(seconds=5)
    there = clock_control_from_env({VARIABLE: "2026-03-02T23:59:00+01:00"})
    assert there is not None
    assert abs(there.clock.now() - datetime(2026, 3, 2, 22, 59, tzinfo=UTC)) < timedelta(seconds=5)
    for value in ("", "yes", "2026-03-02T23:59:00"):  # naive: which zone?
        assert clock_control_from_env({VARIABLE: value}) is None


def test_a_return_right_after_the_jump_is_noticed() -> None:
    """A test moves the mouse a fraction of a second after the jump that took it away."""
    presence, inner, clock, base = stretched()
    seen = record(presence)
    inner.idle = 0.5
    clock.advance(timedelta(seconds=60))
    presence.clock_moved()
    base.advance(timedelta(seconds=0.3))
    inner.idle = 0.05
    presence.look_for_return()
    assert seen == [("idle", 60.5), "back"]
