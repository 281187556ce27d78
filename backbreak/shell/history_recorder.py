"""Writes what happens to breaks into the history, and answers what the history says.

Connected to :attr:`backbreak.controller.Controller.recorded`: every planner record becomes one
event, written (committed) on the GUI thread as it happens; an insert takes a few hundredths of
a millisecond (``bench/history_bench.py``), so nothing waits on it. SQLite is loaded the first
time it is needed: just after start-up when a history file exists (so the tooltip can say how
today goes), else the first event, the Your breaks window or a ``status`` request. A history
that cannot be opened or written is reported once (``problem_found``) and the app carries on
without it; a file from a newer backbreak is never written.
"""

from __future__ import annotations

import io
import logging
import time
from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from backbreak.config.rotation import routine_in
from backbreak.config.schema import Settings
from backbreak.config.store import atomic_write_text
from backbreak.core.exercises import Exercise
from backbreak.core.planner import BreakRecord
from backbreak.history.from_planner import event_of
from backbreak.history.stats import DayTally, Goals, Summary, goals_of, summarize

if TYPE_CHECKING:
    from backbreak.history.store import HistoryStore

log = logging.getLogger(__name__)

SLOW_WRITE = 0.05
"""Seconds after which one write is logged as slow (a busy disk, a network home folder)."""


class HistoryRecorder(QObject):
    """The shell's history: records events and is the Your breaks window's
    :class:`~backbreak.ui.history.source.HistorySource`."""

    changed = Signal()  # an event was recorded or the history cleared: views re-read
    problem_found = Signal(str)  # something the user should know, said once

    def __init__(
        self,
        path: Path,
        now: Callable[[], datetime],
        *,
        recording: bool = True,
        goals: Goals | None = None,
        routine: tuple[str, ...] = (),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = path
        self._now = now
        self._recording = recording
        self._goals = goals or Goals()
        self._routine = routine
        self._store: HistoryStore | None = None
        self._problem: str | None = None
        self._refused = False  # a newer file: neither read nor written this run
        self._said: set[str] = set()
        self.slowest_write = 0.0

    # -- settings ----------------------------------------------------------------

    def configure(self, *, recording: bool, goals: Goals, routine: tuple[str, ...]) -> None:
        changed = (recording, goals, routine) != (self._recording, self._goals, self._routine)
        self._recording, self._goals, self._routine = recording, goals, routine
        if changed:
            self.changed.emit()

    # -- recording ---------------------------------------------------------------

    def record(self, record: object) -> None:
        """Slot for :attr:`Controller.recorded`: write the record's event, if recording."""
        if not self._recording or not isinstance(record, BreakRecord):
            return
        event = event_of(record)
        store = self._open()
        if event is None or store is None:
            return
        began = time.perf_counter()
        try:
            store.record(event)
        except Exception as exc:  # sqlite3.Error or OSError: a full disk, a vanished folder
            self._fail(f"could not write to the break history {self.path}: {exc}")
            return
        took = time.perf_counter() - began
        self.slowest_write = max(self.slowest_write, took)
        if took > SLOW_WRITE:
            log.warning("writing one history event took %.0f ms", took * 1000)
        self.changed.emit()

    def open_existing(self) -> None:
        """Open a history that is already there, so that today's breaks can be told from the
        start (the tooltip). Called once the tray is up; a new user has no file, and SQLite
        then waits for the first event."""
        if self._store is None and self.path.exists() and self._open() is not None:
            self.changed.emit()

    # -- what the history says -----------------------------------------------------

    def today(self, *, open_it: bool = False) -> DayTally | None:
        """Today's tally, or ``None`` when the history is not open or unusable. Without
        ``open_it`` asking loads no SQLite (the tray's tooltip asks at every change): with no
        history file yet, the answer is ``None`` until the first event."""
        if open_it and (self._recording or self.path.exists()):
            self._open()
        if self._store is None:
            return None
        today = today_of(self._now())
        try:
            return self._store.day_tallies(today, today, None).get(today, DayTally(today))
        except Exception as exc:
            self._fail(f"could not read the break history {self.path}: {exc}")
            return None

    @property
    def goals(self) -> Goals:
        return self._goals

    def summary(self) -> Summary | None:
        today = today_of(self._now())
        if not self._recording and self._store is None and not self.path.exists():
            # Nothing kept and nothing to keep: an empty summary, and no file created for it.
            return summarize({}, today, self._goals, self._routine)
        store = self._open()
        if store is None:
            return None
        from backbreak.history.reading import load_summary

        try:
            return load_summary(store, today, None, self._goals, self._routine)
        except Exception as exc:
            self._fail(f"could not read the break history {self.path}: {exc}")
            return None

    def problem(self) -> str | None:
        return self._problem

    def recording(self) -> bool:
        return self._recording

    def export(self, path: Path, kind: str) -> int:
        from backbreak.history.export import write

        store = self._open()
        if store is None:
            raise OSError(self._problem or "the break history cannot be read")
        far = timedelta(days=365 * 200)
        now = self._now()
        text = io.StringIO()
        count = write(kind, store.events(now - far, now + far), None, text)
        atomic_write_text(path, text.getvalue())
        log.info("exported %d history events to %s", count, path)
        return count

    def clear(self) -> None:
        store = self._open()
        if store is None:
            raise OSError(self._problem or "the break history cannot be opened")
        store.clear()
        log.info("break history cleared")
        self.changed.emit()

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    # -- internals ---------------------------------------------------------------

    def _open(self) -> HistoryStore | None:
        """The open store, opening it the first time (``None``: unusable, reported)."""
        if self._store is not None or self._refused:
            return self._store
        from backbreak.history.store import NewerHistoryError, open_history

        try:
            opened = open_history(self.path, now=self._now())
        except NewerHistoryError as exc:
            self._refused = True
            self._fail(str(exc))
            return None
        except Exception as exc:  # HistoryError, an unusable path, a read-only folder, a full disk
            self._fail(f"cannot use the break history: {exc}")
            return None
        self._store = opened.store
        self._problem = None
        if opened.notice is not None:
            log.warning("history: %s", opened.notice)
            self._say(opened.notice)
        return self._store

    def _fail(self, message: str) -> None:
        self._problem = message
        log.warning("history: %s", message)
        self._say(message)

    def _say(self, message: str) -> None:
        if message not in self._said:
            self._said.add(message)
            self.problem_found.emit(message)


def history_options(
    settings: Settings, rotation: tuple[str, ...], catalogue: Mapping[str, Exercise]
) -> dict[str, Any]:
    """The recorder's options (:meth:`HistoryRecorder.configure`) from the settings."""
    return {
        "recording": settings.history.record,
        "goals": goals_of(settings),
        "routine": routine_in(rotation, catalogue),
    }


def today_of(now: datetime) -> date:
    """The user's calendar day at ``now`` (the system's local time)."""
    return now.astimezone().date()
