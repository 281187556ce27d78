"""The one owner of the platform inputs: the presence monitor (idle, lock, sleep) and the
interruption sources (fullscreen, do-not-disturb, calls).

It chooses them, starts and stops them, chooses again when the settings change, and passes
what they report on to the controller's slots; the controller asks it for the idle time and
holds no platform object. Interruption sources are watched only while a prompt is close to
due (:data:`WATCH_LEAD`), due and shown, or held back by one of them: the rest of the day
polled sources stop polling and the X11 source stops listening. The presence monitor stops
polling outside work hours. The diagnosis (why these sources) goes to the log and to About.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import Protocol

from PySide6.QtCore import QObject, Qt, QTimer, SignalInstance

from backbreak.config.schema import Settings
from backbreak.controller import Controller
from backbreak.core.planner import Phase
from backbreak.platform.interruptions import choose_interruption_sources
from backbreak.platform.presence import choose_presence

log = logging.getLogger(__name__)

#: Sources are watched from this long before a prompt is due, so that what they report (an
#: answer over D-Bus may take a moment) is known when it comes due.
WATCH_LEAD = timedelta(seconds=60)
#: The longest single wait of the lead timer (Qt takes int milliseconds); a longer one re-checks.
MAX_WAIT_MS = 6 * 3600 * 1000


class PresenceInput(Protocol):
    """What is used of a :class:`~backbreak.platform.presence.base.PresenceMonitor`."""

    @property
    def went_idle(self) -> SignalInstance: ...
    @property
    def came_back(self) -> SignalInstance: ...
    @property
    def lock_changed(self) -> SignalInstance: ...
    @property
    def sleep_changed(self) -> SignalInstance: ...

    def start(self, idle_threshold_s: float) -> None: ...
    def stop(self) -> None: ...
    def idle_seconds(self) -> float | None: ...
    def set_active_hours(self, active: bool) -> None: ...


class InterruptionInput(Protocol):
    """What is used of an :class:`~backbreak.platform.interruptions.InterruptionSource`."""

    @property
    def changed(self) -> SignalInstance: ...
    @property
    def name(self) -> str: ...

    def start(self) -> None: ...
    def stop(self) -> None: ...
    def active(self) -> bool: ...
    def set_watching(self, watching: bool) -> None: ...


ChoosePresence = Callable[[], tuple[PresenceInput, list[str]]]
ChooseSources = Callable[[Settings], tuple[Sequence[InterruptionInput], list[str]]]


def _sources_for(settings: Settings) -> tuple[Sequence[InterruptionInput], list[str]]:
    return choose_interruption_sources(
        fullscreen=settings.interruptions.fullscreen,
        do_not_disturb=settings.interruptions.do_not_disturb,
        calls=settings.interruptions.calls,
    )


def _presence() -> tuple[PresenceInput, list[str]]:
    return choose_presence()


class PlatformInputs(QObject):
    """Chooses, starts, stops and watches the platform inputs; reports to the controller."""

    def __init__(
        self,
        controller: Controller,
        parent: QObject | None = None,
        *,
        choose_presence: ChoosePresence = _presence,
        choose_sources: ChooseSources = _sources_for,
        watch_lead: timedelta = WATCH_LEAD,
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self._choose_presence = choose_presence
        self._choose_sources = choose_sources
        self._lead = watch_lead
        self._presence: PresenceInput | None = None
        self._sources: list[InterruptionInput] = []
        self._presence_notes: list[str] = []
        self._source_notes: list[str] = []
        self._watching = False  # what the sources were last told
        self._fresh = False  # sources not told yet (a new source is watched from construction)
        self._following = self._again = False
        self._running = False
        # Wakes once per interval, shortly before the prompt is due, to start watching.
        self._lead_timer = QTimer(self)
        self._lead_timer.setSingleShot(True)
        self._lead_timer.setTimerType(Qt.TimerType.VeryCoarseTimer)
        self._lead_timer.timeout.connect(self._follow)
        controller.changed.connect(self._follow)

    @property
    def diagnosis(self) -> list[str]:
        return [
            *(f"presence: {line}" for line in self._presence_notes),
            *(f"interruptions: {line}" for line in self._source_notes),
        ]

    @property
    def watching(self) -> bool:
        """Whether the interruption sources are followed now."""
        return self._watching

    def idle_seconds(self) -> float | None:
        """For the controller (:class:`~backbreak.controller.IdleQuery`)."""
        return None if self._presence is None else self._presence.idle_seconds()

    def start(self, settings: Settings) -> None:
        self._running = True
        self._presence, self._presence_notes = self._choose_presence()
        presence = self._presence
        presence.went_idle.connect(self._controller.went_idle)
        presence.came_back.connect(self._controller.came_back)
        presence.lock_changed.connect(self._controller.lock_changed)
        presence.sleep_changed.connect(self._controller.sleep_changed)
        presence.start(settings.presence.idle_minutes * 60)
        self._controller.set_idle_query(self)
        self._choose_interruptions(settings)
        for line in self.diagnosis:
            log.info("%s", line)

    def apply(self, old: Settings, new: Settings) -> None:
        """Only what changed is rebuilt."""
        if new.interruptions != old.interruptions:
            self._choose_interruptions(new)
        if new.presence != old.presence and self._presence is not None:
            self._presence.stop()
            self._presence.start(new.presence.idle_minutes * 60)
            self._follow()

    def stop(self) -> None:
        self._running = False
        self._lead_timer.stop()
        self._replace_sources([])
        if self._presence is not None:
            self._controller.set_idle_query(None)
            self._presence.stop()
            self._presence = None

    def _choose_interruptions(self, settings: Settings) -> None:
        sources, self._source_notes = self._choose_sources(settings)
        self._replace_sources(sources)
        self._report()

    def _replace_sources(self, sources: Sequence[InterruptionInput]) -> None:
        for old in self._sources:
            old.changed.disconnect(self._on_changed)
            old.stop()
        self._sources = list(sources)
        self._fresh = True
        for source in self._sources:
            source.changed.connect(self._on_changed)
            source.start()

    def _on_changed(self, _active: bool) -> None:
        self._report()

    def _report(self) -> None:
        self._controller.interruptions_changed(
            frozenset(source.name for source in self._sources if source.active())
        )

    def _follow(self) -> None:
        """Keep the inputs in step with the planner's status (after each re-plan)."""
        if not self._running:
            return
        if self._following:  # a source answering at once re-plans from inside this call
            self._again = True
            return
        self._following = True
        try:
            self._again = True
            while self._again:
                self._again = False
                self._follow_once()
        finally:
            self._following = False

    def _follow_once(self) -> None:
        status, now = self._controller.status(), self._controller.now()
        if self._presence is not None:
            # Outside work hours nothing counts, so idle polling stops.
            self._presence.set_active_hours(status.in_work_period)
        upcoming = status.next_prompt
        until_lead = None if upcoming is None else upcoming - self._lead - now
        # A prompt the user asked for ("Take a break now") starts no watching: a source
        # catching up would withdraw it.
        watching = (
            (status.phase is Phase.PROMPT and self._watching)
            or bool(status.deferred_by)
            or (until_lead is not None and until_lead <= timedelta())
        )
        if until_lead is not None and not watching:
            wait_ms = math.ceil(until_lead.total_seconds() * 1000)
            self._lead_timer.start(min(wait_ms, MAX_WAIT_MS))
        else:
            self._lead_timer.stop()
        if watching != self._watching or self._fresh:
            self._watching, self._fresh = watching, False
            log.debug("interruption sources %s", "watched" if watching else "not watched")
            for source in list(self._sources):
                source.set_watching(watching)
