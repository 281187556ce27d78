"""The GUI-thread scheduler and the deadline timer, against a real Qt event loop."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from apscheduler.events import EVENT_JOB_MISSED, EVENT_JOB_SUBMITTED
from PySide6.QtCore import QCoreApplication, Qt, QThread, QTimer
from pytestqt.qtbot import QtBot

from backbreak.scheduling import DeadlineTimer
from backbreak.scheduling.gui_scheduler import MAX_WAIT_SECONDS, GuiScheduler, wait_to_msec


def now() -> datetime:
    return datetime.now(UTC)


def in_ms(ms: float) -> datetime:
    return now() + timedelta(milliseconds=ms)


def on_gui_thread() -> bool:
    app = QCoreApplication.instance()
    assert app is not None
    return QThread.currentThread() is app.thread()


def run_in_thread(func: Callable[[], object]) -> BaseException | None:
    """Call func on a plain Python thread and return what it raised, if anything."""
    raised: list[BaseException] = []

    def target() -> None:
        try:
            func()
        except BaseException as exc:
            raised.append(exc)

    worker = threading.Thread(target=target)
    worker.start()
    worker.join(timeout=5)
    assert not worker.is_alive()
    return raised[0] if raised else None


@pytest.fixture
def scheduler(qapp: Any) -> Iterator[GuiScheduler]:
    sched = GuiScheduler(timezone=UTC)
    sched.start()
    yield sched
    if sched.running:
        sched.shutdown(wait=False)


@pytest.fixture
def timer(qapp: Any) -> Iterator[DeadlineTimer]:
    deadline_timer = DeadlineTimer()
    yield deadline_timer
    deadline_timer.shutdown()


def missed_events(sched: GuiScheduler) -> list[Any]:
    missed: list[Any] = []
    sched.add_listener(missed.append, EVENT_JOB_MISSED)
    return missed


# --- GuiScheduler -----------------------------------------------------------------------------


def test_job_runs_on_gui_thread(qtbot: QtBot, scheduler: GuiScheduler) -> None:
    seen: list[tuple[threading.Thread, bool]] = []
    scheduler.add_job(lambda: seen.append((threading.current_thread(), on_gui_thread())))
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=2000)
    assert seen == [(threading.main_thread(), True)]


def test_timer_is_one_precise_single_shot(scheduler: GuiScheduler) -> None:
    scheduler.add_job(lambda: None, "date", run_date=in_ms(60_000))
    first = scheduler._timer
    scheduler.add_job(lambda: None, "date", run_date=in_ms(30_000))
    assert scheduler._timer is first
    assert first is not None
    assert first.isSingleShot()
    assert first.timerType() == Qt.TimerType.PreciseTimer


def test_wait_is_clamped_and_never_early() -> None:
    assert wait_to_msec(0, MAX_WAIT_SECONDS) == 0
    assert wait_to_msec(-3, MAX_WAIT_SECONDS) == 0
    assert wait_to_msec(0.0101, MAX_WAIT_SECONDS) >= 11
    assert wait_to_msec(10**9, MAX_WAIT_SECONDS) == MAX_WAIT_SECONDS * 1000 + 1
    assert wait_to_msec(10**9, MAX_WAIT_SECONDS) < 2**31


def test_job_already_five_seconds_late_still_runs(qtbot: QtBot, scheduler: GuiScheduler) -> None:
    missed = missed_events(scheduler)
    ran: list[datetime] = []
    scheduler.add_job(lambda: ran.append(now()), "date", run_date=now() - timedelta(seconds=5))
    qtbot.waitUntil(lambda: len(ran) == 1, timeout=2000)
    assert missed == []


def test_job_runs_after_event_loop_stalls_past_its_time(
    qtbot: QtBot, scheduler: GuiScheduler
) -> None:
    missed = missed_events(scheduler)
    ran: list[datetime] = []
    due_at = in_ms(200)
    scheduler.add_job(lambda: ran.append(now()), "date", run_date=due_at)
    # Simulates a stalled process: the event loop is blocked well past the job's grace window.
    QTimer.singleShot(0, lambda: time.sleep(1.5))
    qtbot.waitUntil(lambda: len(ran) == 1, timeout=5000)
    assert ran[0] - due_at > timedelta(seconds=1)
    assert missed == []


def test_wakeup_requested_while_processing_is_not_lost(
    qtbot: QtBot, scheduler: GuiScheduler
) -> None:
    ran: list[str] = []
    added: list[bool] = []

    def add_follow_up(_event: Any) -> None:
        # Submission events are dispatched after the pass computed its next wait.
        if not added:
            added.append(True)
            scheduler.add_job(lambda: ran.append("second"), "date", run_date=in_ms(50))

    scheduler.add_listener(add_follow_up, EVENT_JOB_SUBMITTED)
    scheduler.add_job(lambda: ran.append("first"))
    qtbot.waitUntil(lambda: ran == ["first", "second"], timeout=2000)


def test_job_added_from_a_job_runs(qtbot: QtBot, scheduler: GuiScheduler) -> None:
    ran: list[str] = []

    def first() -> None:
        ran.append("first")
        scheduler.add_job(lambda: ran.append("second"), "date", run_date=in_ms(50))

    scheduler.add_job(first)
    qtbot.waitUntil(lambda: ran == ["first", "second"], timeout=2000)


def test_scheduler_refuses_other_threads(scheduler: GuiScheduler) -> None:
    assert isinstance(run_in_thread(scheduler.wakeup), RuntimeError)
    added = run_in_thread(lambda: scheduler.add_job(lambda: None, "date", run_date=in_ms(1000)))
    assert isinstance(added, RuntimeError)
    assert scheduler.get_jobs() == []


def test_shutdown_stops_the_timer(scheduler: GuiScheduler) -> None:
    scheduler.add_job(lambda: None, "date", run_date=in_ms(10_000))
    assert scheduler._timer is not None
    assert scheduler._timer.isActive()
    scheduler.shutdown(wait=False)
    assert not scheduler._timer.isActive()


# --- DeadlineTimer ----------------------------------------------------------------------------


def test_due_is_emitted_on_the_gui_thread(qtbot: QtBot, timer: DeadlineTimer) -> None:
    seen: list[bool] = []
    timer.due.connect(lambda: seen.append(on_gui_thread()))
    with qtbot.waitSignal(timer.due, timeout=2000):
        timer.set_deadline(in_ms(100))
    assert seen == [True]
    assert timer.deadline() is None


def test_one_timer_firing_per_deadline(qtbot: QtBot, timer: DeadlineTimer) -> None:
    target = in_ms(1000)
    # Many re-plans in one go coalesce into a single pass over the jobs.
    for offset in range(10):
        timer.set_deadline(target + timedelta(milliseconds=offset))
    timer.set_deadline(target)
    qtbot.waitUntil(lambda: timer.wakeups == 1, timeout=1000)
    # Re-plans spread over several event-loop turns each cost one pass, never an extra chain.
    for _ in range(4):
        expected = timer.wakeups + 1
        timer.set_deadline(target)
        qtbot.waitUntil(lambda: timer.wakeups >= expected, timeout=1000)  # noqa: B023
        assert timer.wakeups == expected
    assert timer.deadline() == target
    before = timer.wakeups
    with qtbot.waitSignal(timer.due, timeout=2000):
        pass
    assert now() >= target
    assert timer.wakeups == before + 1
    with qtbot.assertNotEmitted(timer.due, wait=300):
        pass
    assert timer.wakeups == before + 1


def test_past_deadline_fires_promptly(qtbot: QtBot, timer: DeadlineTimer) -> None:
    with qtbot.waitSignal(timer.due, timeout=1000):
        timer.set_deadline(now() - timedelta(seconds=5))


def test_deadline_reached_during_a_stall_still_fires(qtbot: QtBot, timer: DeadlineTimer) -> None:
    with qtbot.waitSignal(timer.due, timeout=5000):
        timer.set_deadline(in_ms(200))
        QTimer.singleShot(0, lambda: time.sleep(1.5))


def test_next_deadline_set_from_due_slot_fires(qtbot: QtBot, timer: DeadlineTimer) -> None:
    fired: list[datetime] = []

    def replan() -> None:
        fired.append(now())
        if len(fired) < 3:
            timer.set_deadline(in_ms(50))

    timer.due.connect(replan)
    timer.set_deadline(in_ms(50))
    qtbot.waitUntil(lambda: len(fired) == 3, timeout=3000)
    assert timer.deadline() is None


def test_set_deadline_from_other_thread_raises(timer: DeadlineTimer) -> None:
    raised = run_in_thread(lambda: timer.set_deadline(in_ms(1000)))
    assert isinstance(raised, RuntimeError)
    assert timer.deadline() is None


def test_naive_datetime_is_rejected(timer: DeadlineTimer) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        timer.set_deadline(datetime.now())
    assert timer.deadline() is None


def test_deadline_reports_what_is_scheduled(timer: DeadlineTimer) -> None:
    first, second = in_ms(60_000), in_ms(120_000)
    timer.set_deadline(first)
    assert timer.deadline() == first
    timer.set_deadline(second)
    assert timer.deadline() == second


def test_none_cancels(qtbot: QtBot, timer: DeadlineTimer) -> None:
    timer.set_deadline(in_ms(100))
    timer.set_deadline(None)
    assert timer.deadline() is None
    with qtbot.assertNotEmitted(timer.due, wait=400):
        pass


def test_no_due_after_shutdown(qtbot: QtBot, timer: DeadlineTimer) -> None:
    timer.set_deadline(in_ms(100))
    timer.shutdown()
    with qtbot.assertNotEmitted(timer.due, wait=400):
        pass


def test_a_distant_deadline_is_one_wait_not_a_minute_by_minute_recheck(
    qtbot: QtBot, timer: DeadlineTimer
) -> None:
    """The controller's coarse tick is the app's only periodic wakeup; the scheduler waits
    for its deadline in one go (up to the QTimer limit)."""
    timer.set_deadline(in_ms(3_600_000))
    qtbot.waitUntil(lambda: timer.wakeups == 1, timeout=1000)  # the pass that planned the wait
    qtbot.waitUntil(lambda: remaining_ms(timer) > 3_500_000, timeout=1000)


def remaining_ms(timer: DeadlineTimer) -> int:
    qtimer = timer._scheduler._timer
    return -1 if qtimer is None else qtimer.remainingTime()
