"""Shared pieces for the pytest-qt tests: a controller on a fake clock."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Signal

from backbreak.config.exercise_files import load_catalogue
from backbreak.controller import Controller
from backbreak.core.clock import FakeClock
from backbreak.core.planner import Planner, Rules
from backbreak.core.workhours import WorkHours
from backbreak.resources import resources_dir

CPH = ZoneInfo("Europe/Copenhagen")
MONDAY_0900 = datetime(2026, 3, 2, 9, 0, tzinfo=CPH)
CATALOGUE = load_catalogue(resources_dir() / "exercises")
DURATIONS = {key: exercise.duration for key, exercise in CATALOGUE.items()}


class FakeDeadline(QObject):
    """Stands in for DeadlineTimer when the clock is fake: tests fire ``due`` themselves."""

    due = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.when: datetime | None = None
        self.stopped = False

    def set_deadline(self, when: datetime | None) -> None:
        self.when = when

    def deadline(self) -> datetime | None:
        return self.when

    def shutdown(self) -> None:
        self.stopped = True


def office_rules(interval: int = 45) -> Rules:
    return Rules(
        WorkHours(frozenset(range(5)), time(9), time(17), CPH),
        timedelta(minutes=interval),
        timedelta(minutes=10),
    )


def make_controller(
    start: datetime = MONDAY_0900, resume_check_ms: int = 60_000
) -> tuple[Controller, FakeClock, FakeDeadline]:
    clock = FakeClock(start)
    planner = Planner(
        office_rules(), ("seated-t-spine-matrix", "breathing"), DURATIONS, clock.now()
    )
    deadline = FakeDeadline()
    controller = Controller(
        clock,
        planner,
        lambda: deadline,
        resume_check_ms=resume_check_ms,
    )
    return controller, clock, deadline


class FakePresence(QObject):
    """Stands in for a PresenceMonitor: tests emit its signals and set ``idle``."""

    went_idle = Signal(float)
    came_back = Signal()
    lock_changed = Signal(bool)
    sleep_changed = Signal(bool)

    def __init__(self) -> None:
        super().__init__()
        self.idle: float | None = None
        self.threshold: float | None = None
        self.active_hours: list[bool] = []
        self.stopped = False

    def start(self, idle_threshold_s: float) -> None:
        self.threshold = idle_threshold_s

    def stop(self) -> None:
        self.stopped = True

    def idle_seconds(self) -> float | None:
        return self.idle

    def set_active_hours(self, active: bool) -> None:
        self.active_hours.append(active)


class FakeIdle:
    """Answers the controller's idle-time question; tests set ``idle``."""

    def __init__(self) -> None:
        self.idle: float | None = None

    def idle_seconds(self) -> float | None:
        return self.idle


class FakeSource(QObject):
    """Stands in for an InterruptionSource (fullscreen, do-not-disturb).

    Like a real one it is watched from construction, follows :meth:`set` only while watched,
    and catches up (emitting ``changed``) when watched again."""

    changed = Signal(bool)

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.on = False  # the truth
        self.known = False  # what active() says
        self.started = False
        self.watching = True

    def set_watching(self, watching: bool) -> None:
        self.watching = watching
        if watching:
            self._catch_up()

    def start(self) -> None:
        self.started = True

    def stop(self) -> None:
        self.started = False

    def active(self) -> bool:
        return self.known

    def set(self, on: bool) -> None:
        self.on = on
        if self.watching:
            self._catch_up()

    def _catch_up(self) -> None:
        if self.known != self.on:
            self.known = self.on
            self.changed.emit(self.on)
