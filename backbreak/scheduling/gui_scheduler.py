"""An APScheduler scheduler driven by one QTimer that runs every job on the GUI thread.

The stock ``QtScheduler`` runs jobs on a worker thread (Qt objects must not be touched there),
cannot cancel its ``QTimer.singleShot`` chains (every wakeup adds another) and loses wakeups
requested from other threads. This scheduler keeps a single restartable timer, runs jobs inline
and refuses to be driven from any thread but the GUI thread.
"""

from __future__ import annotations

import math
from typing import Any

from apscheduler.executors.debug import DebugExecutor
from apscheduler.schedulers.base import STATE_STOPPED, BaseScheduler
from PySide6.QtCore import QCoreApplication, Qt, QThread, QTimer

#: Longest single wait handed to QTimer (it takes int32 milliseconds); a longer wait re-checks.
MAX_WAIT_SECONDS = 6 * 60 * 60.0


def ensure_gui_thread(what: str) -> None:
    """Raise unless called on the thread that owns the QCoreApplication."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError(f"{what} needs a QCoreApplication to exist")
    if QThread.currentThread() is not app.thread():
        raise RuntimeError(f"{what} must be called on the GUI thread")


def wait_to_msec(wait_seconds: float, max_wait: float) -> int:
    """Whole milliseconds to wait, rounded up so the timer never fires before the job is due."""
    wait = min(max(wait_seconds, 0.0), max_wait)
    return 0 if wait == 0 else math.ceil(wait * 1000) + 1


class GuiExecutor(DebugExecutor):  # type: ignore[misc]
    """Runs each job inline, i.e. on the GUI thread inside the scheduler's timer slot."""

    def _do_submit_job(self, job: Any, run_times: list[Any]) -> None:
        ensure_gui_thread("Running a job")
        super()._do_submit_job(job, run_times)


class GuiScheduler(BaseScheduler):  # type: ignore[misc]
    """Scheduler whose only clock is one cancellable, precise single-shot QTimer.

    Extra option: ``max_wait`` (seconds, default :data:`MAX_WAIT_SECONDS`) caps one timer wait.
    Job defaults differ from APScheduler's: ``misfire_grace_time=None`` (a late job still runs,
    e.g. after the laptop slept) and ``coalesce=True``.
    """

    def __init__(self, gconfig: dict[str, Any] | None = None, **options: Any) -> None:
        self._timer: QTimer | None = None
        self._fired = 0
        self._processing = False
        self._wakeup_during_processing = False
        super().__init__(gconfig or {}, **options)

    @property
    def timer_fired(self) -> int:
        """How often the internal timer has fired (each firing is one pass over the jobs)."""
        return self._fired

    def start(self, paused: bool = False) -> None:
        """Create the timer on the GUI thread, then start as usual."""
        ensure_gui_thread("GuiScheduler.start")
        self._ensure_timer()
        super().start(paused)

    def shutdown(self, wait: bool = True) -> None:
        """Shut down and stop the timer so no further pass happens."""
        ensure_gui_thread("GuiScheduler.shutdown")
        super().shutdown(wait)
        self._stop_timer()

    def add_job(self, *args: Any, **kwargs: Any) -> Any:
        """Add a job; only from the GUI thread, where the timer lives."""
        ensure_gui_thread("GuiScheduler.add_job")
        return super().add_job(*args, **kwargs)

    def modify_job(self, *args: Any, **kwargs: Any) -> Any:
        """Modify (also reschedule/pause/resume) a job; only from the GUI thread."""
        ensure_gui_thread("GuiScheduler.modify_job")
        return super().modify_job(*args, **kwargs)

    def remove_job(self, *args: Any, **kwargs: Any) -> None:
        """Remove a job; only from the GUI thread so it cannot race a pass over the jobs."""
        ensure_gui_thread("GuiScheduler.remove_job")
        super().remove_job(*args, **kwargs)

    def wakeup(self) -> None:
        """Schedule a pass over the jobs on the next event-loop turn (never a second timer)."""
        ensure_gui_thread("GuiScheduler.wakeup")
        if self._processing:
            # The pass in progress may already have computed its next wait without this change.
            self._wakeup_during_processing = True
        else:
            self._start_timer(0)

    def _configure(self, config: dict[str, Any]) -> None:
        self._max_wait = float(config.pop("max_wait", MAX_WAIT_SECONDS))
        job_defaults = dict(config.get("job_defaults", {}))
        job_defaults.setdefault("misfire_grace_time", None)
        job_defaults.setdefault("coalesce", True)
        config["job_defaults"] = job_defaults
        super()._configure(config)

    def _create_default_executor(self) -> GuiExecutor:
        return GuiExecutor()

    def _ensure_timer(self) -> QTimer:
        if self._timer is None:
            timer = QTimer()
            timer.setSingleShot(True)
            # A coarse timer may be 5 % late: minutes on a 45-minute wait.
            timer.setTimerType(Qt.TimerType.PreciseTimer)
            timer.timeout.connect(self._on_timeout)
            self._timer = timer
        return self._timer

    def _start_timer(self, wait_seconds: float | None) -> None:
        """(Re)start the one timer; ``None`` means nothing is scheduled, so just stop it."""
        ensure_gui_thread("GuiScheduler._start_timer")
        if wait_seconds is None or self.state == STATE_STOPPED:
            self._stop_timer()
            return
        self._ensure_timer().start(wait_to_msec(wait_seconds, self._max_wait))

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()

    def _on_timeout(self) -> None:
        self._fired += 1
        self._processing = True
        self._wakeup_during_processing = False
        # If a pass ever raises, retry later rather than leaving the scheduler without a timer.
        wait_seconds: float | None = self.jobstore_retry_interval
        try:
            wait_seconds = self._process_jobs()
        finally:
            self._processing = False
            if self._wakeup_during_processing:
                wait_seconds = 0
            self._start_timer(wait_seconds)
