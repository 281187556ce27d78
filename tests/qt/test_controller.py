"""The controller carries out the planner's decisions through Qt signals."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from pytestqt.qtbot import QtBot

from backbreak.core.planner import Outcome, Phase
from tests.qt.helpers import (
    DURATIONS,
    MONDAY_0900,
    FakeIdle,
    make_controller,
    office_rules,
)


def test_start_schedules_the_first_prompt_one_interval_after_work_start(qtbot: QtBot) -> None:
    controller, _clock, deadline = make_controller()
    controller.start()
    assert deadline.when == MONDAY_0900 + timedelta(minutes=45)
    controller.stop()
    assert deadline.stopped


def test_deadline_shows_the_prompt_and_snooze_reschedules(qtbot: QtBot) -> None:
    controller, clock, deadline = make_controller()
    controller.start()
    clock.advance(timedelta(minutes=45))
    with qtbot.waitSignal(controller.prompt_requested) as shown:
        deadline.due.emit()
    assert shown.args == ["seated-t-spine-matrix"]
    controller.snooze()
    assert deadline.when == clock.now() + timedelta(minutes=10)
    assert controller.status().phase is Phase.SNOOZED


def test_a_deadline_that_fires_late_after_a_suspend_shows_no_stale_prompt(qtbot: QtBot) -> None:
    controller, clock, deadline = make_controller()
    controller.start()
    clock.advance(timedelta(minutes=40))
    clock.suspend(timedelta(minutes=30))  # the lid was closed over the 09:45 due time
    with qtbot.assertNotEmitted(controller.prompt_requested):
        deadline.due.emit()
        qtbot.waitUntil(lambda: controller.planner.records != [])
    assert controller.planner.records[-1].outcome is Outcome.NATURAL
    assert deadline.when == clock.now() + timedelta(minutes=45)


def test_the_coarse_tick_notices_a_resume_and_withdraws_the_prompt(qtbot: QtBot) -> None:
    controller, clock, deadline = make_controller(resume_check_ms=20)
    controller.start()
    clock.advance(timedelta(minutes=45))
    with qtbot.waitSignal(controller.prompt_requested):
        deadline.due.emit()
    clock.suspend(timedelta(hours=1))
    with qtbot.waitSignal(controller.prompt_withdrawn, timeout=2000):
        pass
    assert controller.status().phase is Phase.WORKING
    controller.stop()


def test_the_coarse_tick_catches_a_deadline_the_timer_has_not_reached(qtbot: QtBot) -> None:
    """The deadline timer waits on the monotonic clock; the tick compares the wall clock, so a
    deadline passed while the machine dozed for less than a resume shows within one tick."""
    controller, clock, _deadline = make_controller(resume_check_ms=20)
    controller.start()
    clock.advance(timedelta(minutes=45))  # the timer has not fired (its own wait is longer)
    with qtbot.waitSignal(controller.prompt_requested, timeout=2000):
        pass
    controller.stop()


def test_take_break_now_prompts_and_start_and_finish_begin_a_new_interval(qtbot: QtBot) -> None:
    controller, clock, deadline = make_controller()
    controller.start()
    clock.advance(timedelta(minutes=20))
    with qtbot.waitSignal(controller.prompt_requested) as prompted:
        controller.take_break_now()
    assert prompted.args == ["seated-t-spine-matrix"]
    with qtbot.waitSignal(controller.break_started) as started:
        controller.start_from_prompt()
    assert started.args == ["seated-t-spine-matrix"]
    assert deadline.when is None  # no prompt while the break runs
    with qtbot.waitSignal(controller.break_started):
        controller.take_break_now()  # during a break: bring the window back, no new prompt
    clock.advance(timedelta(seconds=86))
    controller.finish_break(True)
    assert deadline.when == clock.now() + timedelta(minutes=45)
    assert controller.planner.records[-1].outcome is Outcome.COMPLETED
    assert controller.status().exercise == "breathing"


def test_pause_and_resume(qtbot: QtBot) -> None:
    controller, clock, deadline = make_controller()
    controller.start()
    with qtbot.waitSignal(controller.changed):
        controller.pause_for(30)
    assert controller.status().paused_until == clock.now() + timedelta(minutes=30)
    assert deadline.when == clock.now() + timedelta(minutes=30)
    controller.resume()
    assert controller.status().paused_until is None
    assert deadline.when == clock.now() + timedelta(minutes=45)


def test_pause_until_tomorrow_ends_at_local_midnight(qtbot: QtBot) -> None:
    controller, _clock, _deadline = make_controller()
    controller.start()
    controller.pause_until_tomorrow()
    until = controller.status().paused_until
    assert until is not None
    local = until.astimezone()
    assert (local.hour, local.minute) == (0, 0)
    assert local.date() == MONDAY_0900.astimezone().date() + timedelta(days=1)


def test_new_settings_re_plan_at_once_and_keep_the_time_counted(qtbot: QtBot) -> None:
    controller, clock, deadline = make_controller()
    controller.start()
    clock.advance(timedelta(minutes=10))
    with qtbot.waitSignal(controller.changed):
        controller.apply_plan(office_rules(interval=30), ("breathing",), DURATIONS)
    assert deadline.when == clock.now() + timedelta(minutes=20)
    assert controller.status().exercise == "breathing"


def test_idle_longer_than_a_break_restarts_the_interval(qtbot: QtBot) -> None:
    controller, clock, deadline = make_controller()
    controller.start()
    clock.advance(timedelta(minutes=20))
    controller.went_idle(120.0)  # away since 2 minutes ago
    assert controller.status().next_prompt is None  # nothing is due while away
    clock.advance(timedelta(minutes=3))
    controller.came_back()
    assert controller.planner.records[-1].outcome is Outcome.NATURAL
    assert deadline.when == clock.now() + timedelta(minutes=45)


def test_leaving_a_prompt_unanswered_withdraws_it_and_the_absence_is_the_break(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="backbreak.controller")
    controller, clock, deadline = make_controller()
    idle = FakeIdle()
    controller.start()
    controller.set_idle_query(idle)
    clock.advance(timedelta(minutes=45))
    idle.idle = 5.0
    with qtbot.waitSignal(controller.prompt_requested):
        deadline.due.emit()
    clock.advance(timedelta(minutes=2, seconds=8))
    with qtbot.waitSignal(controller.prompt_withdrawn):
        controller.went_idle(120.0)
    assert controller.status().phase is Phase.WORKING
    clock.advance(timedelta(minutes=8))
    with qtbot.assertNotEmitted(controller.prompt_requested):
        controller.came_back()
    assert controller.planner.records[-1].outcome is Outcome.NATURAL
    assert "break seated-t-spine-matrix: natural after 600 s" in caplog.messages
    assert deadline.when == clock.now() + timedelta(minutes=45)


def test_a_prompt_due_while_typing_waits_for_a_lull(qtbot: QtBot) -> None:
    controller, clock, deadline = make_controller()
    idle = FakeIdle()
    controller.start()
    controller.set_idle_query(idle)
    clock.advance(timedelta(minutes=45))
    idle.idle = 0.5  # typing
    with qtbot.assertNotEmitted(controller.prompt_requested):
        deadline.due.emit()
        qtbot.waitUntil(lambda: deadline.when == clock.now() + timedelta(seconds=2.5))
    clock.advance(timedelta(seconds=2.5))
    idle.idle = 3.0
    with qtbot.waitSignal(controller.prompt_requested):
        deadline.due.emit()


def test_a_fullscreen_window_defers_the_prompt_until_it_ends(qtbot: QtBot) -> None:
    controller, clock, deadline = make_controller()
    controller.start()
    clock.advance(timedelta(minutes=44))
    controller.interruptions_changed({"fullscreen"})
    clock.advance(timedelta(minutes=5))
    with qtbot.assertNotEmitted(controller.prompt_requested):
        deadline.due.emit()
        qtbot.waitUntil(lambda: controller.status().deferred_by == ("fullscreen",))
    with qtbot.waitSignal(controller.prompt_requested):
        controller.interruptions_changed(set())
    controller.stop()


def test_sleep_reported_by_logind_is_counted_once(qtbot: QtBot) -> None:
    controller, clock, _deadline = make_controller()
    controller.start()
    clock.advance(timedelta(minutes=30))
    controller.sleep_changed(True)
    clock.suspend(timedelta(minutes=10))
    controller.sleep_changed(False)
    controller.check_resume()
    natural = [r for r in controller.planner.records if r.outcome is Outcome.NATURAL]
    assert len(natural) == 1
