"""One replaceable wall-clock deadline, announced through a Qt signal on the GUI thread."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime
from functools import partial
from typing import Any

from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_MISSED
from apscheduler.jobstores.base import JobLookupError
from apscheduler.triggers.date import DateTrigger
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal

from backbreak.scheduling.gui_scheduler import GuiScheduler

JOB_ID = "deadline"


def _shutdown_quietly(scheduler: GuiScheduler) -> None:
    """Stop the scheduler unless it already stopped (or the application is already gone)."""
    if scheduler.running and QCoreApplication.instance() is not None:
        scheduler.shutdown(wait=False)


class DeadlineTimer(QObject):
    """Keeps at most one pending deadline and emits :attr:`due` when it is reached.

    An outside planner decides when the next deadline is; this class only makes sure it fires
    exactly once, on the GUI thread, even if it is late (stalled process, suspended laptop).
    It waits for the deadline in one go: Qt timers run on the monotonic clock, which stands
    still while the machine sleeps, so the owner's coarse tick notices a deadline the wall
    clock has passed (the controller's resume check) rather than a minute-by-minute re-check
    here, which would wake the app a second time each minute.
    """

    due = Signal()
    # Carries the generation of the deadline that fired; queued so that receivers run after
    # APScheduler has finished processing jobs and released its locks.
    _reached = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._generation = 0
        self._scheduler = GuiScheduler(timezone=UTC)
        self._scheduler.add_listener(self._on_job_failed, EVENT_JOB_MISSED | EVENT_JOB_ERROR)
        self._reached.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self.destroyed.connect(partial(_shutdown_quietly, self._scheduler))
        self._scheduler.start()

    @property
    def wakeups(self) -> int:
        """How often the internal timer has fired; one per deadline plus coalesced re-plans."""
        return self._scheduler.timer_fired

    def set_deadline(self, when: datetime | None) -> None:
        """Replace the pending deadline, or cancel it with ``None``. A past deadline fires soon."""
        if when is not None and (when.tzinfo is None or when.utcoffset() is None):
            raise ValueError("deadline must be a timezone-aware datetime")
        self._generation += 1  # a deadline that fired but is not yet delivered is now stale
        if when is None:
            with contextlib.suppress(JobLookupError):
                self._scheduler.remove_job(JOB_ID)
            return
        self._scheduler.add_job(
            self._fire,
            trigger=DateTrigger(run_date=when, timezone=UTC),
            id=JOB_ID,
            name="backbreak deadline",
            replace_existing=True,
        )

    def deadline(self) -> datetime | None:
        """The pending deadline, or ``None`` when nothing is scheduled (or it just fired)."""
        job = self._scheduler.get_job(JOB_ID)
        when: datetime | None = None if job is None else job.next_run_time
        return when

    def shutdown(self) -> None:
        """Stop the scheduler; no ``due`` is emitted afterwards."""
        self._generation += 1
        _shutdown_quietly(self._scheduler)

    def _fire(self) -> None:
        """The job body: nothing but a queued hand-off, so receivers run outside the scheduler."""
        self._reached.emit(self._generation)

    def _on_job_failed(self, _event: Any) -> None:
        """A missed or failed run still means the owner must re-plan, so report it as due."""
        self._reached.emit(self._generation)

    def _deliver(self, generation: int) -> None:
        if generation == self._generation:
            self.due.emit()
