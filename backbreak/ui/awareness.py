"""Which presence and interruption sources the controller listens to, kept in step
with the settings, and why (the diagnosis shown in the log and in About)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject

from backbreak.config.schema import Settings
from backbreak.controller import Controller
from backbreak.platform.interruptions import InterruptionSource, choose_interruption_sources
from backbreak.platform.presence import choose_presence
from backbreak.platform.presence.base import PresenceMonitor

log = logging.getLogger(__name__)

ChoosePresence = Callable[[], tuple[PresenceMonitor, list[str]]]
ChooseSources = Callable[[Settings], tuple[list[InterruptionSource], list[str]]]


def _sources_for(settings: Settings) -> tuple[list[InterruptionSource], list[str]]:
    return choose_interruption_sources(
        fullscreen=settings.interruptions.fullscreen,
        do_not_disturb=settings.interruptions.do_not_disturb,
        calls=settings.interruptions.calls,
    )


class Awareness(QObject):
    def __init__(
        self,
        controller: Controller,
        parent: QObject | None = None,
        *,
        choose_presence: ChoosePresence = choose_presence,
        choose_sources: ChooseSources = _sources_for,
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self._choose_presence = choose_presence
        self._choose_sources = choose_sources
        self._presence_notes: list[str] = []
        self._source_notes: list[str] = []

    @property
    def diagnosis(self) -> list[str]:
        return [
            *(f"presence: {line}" for line in self._presence_notes),
            *(f"interruptions: {line}" for line in self._source_notes),
        ]

    def start(self, settings: Settings) -> None:
        presence, self._presence_notes = self._choose_presence()
        self._controller.set_presence(presence, settings.presence.idle_minutes * 60)
        self._watch_interruptions(settings)
        for line in self.diagnosis:
            log.info("%s", line)

    def apply(self, old: Settings, new: Settings) -> None:
        """Only what changed is rebuilt."""
        if new.interruptions != old.interruptions:
            self._watch_interruptions(new)
        presence = self._controller.presence
        if new.presence != old.presence and presence is not None:
            self._controller.set_presence(presence, new.presence.idle_minutes * 60)

    def _watch_interruptions(self, settings: Settings) -> None:
        sources, self._source_notes = self._choose_sources(settings)
        self._controller.set_interruption_sources(sources)
