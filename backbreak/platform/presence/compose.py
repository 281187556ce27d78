"""One monitor out of an idle backend plus the backends that add lock and sleep (logind).

The composite keeps one notion of "away" so that consumers see a clean sequence:

- ``went_idle(s)`` from the idle backend starts a spell away (unless one is under way);
- ``lock_changed(True)`` / ``sleep_changed(True)`` from any source are passed on and start a
  spell away too (the consumer takes "now" as its start);
- the spell ends with exactly one ``came_back``: at input (idle backend) while neither locked
  nor asleep, at unlock while awake, or at resume while unlocked (the user opened the lid or
  pressed a key to wake the machine). A lock screen that feels the password being typed does
  not end a spell before it unlocks.

The lock state is the "or" of the sources that report one (logind's LockedHint, the desktop's
screen saver); ``lock_changed`` fires only when that changes.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject

from backbreak.platform.presence.base import PresenceMonitor

__all__ = ["CompositePresence"]


class CompositePresence(PresenceMonitor):
    """``idle`` answers idle time; every source may report lock and sleep."""

    def __init__(
        self,
        idle: PresenceMonitor,
        extras: Sequence[PresenceMonitor] = (),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.idle = idle
        self.extras = tuple(extras)
        self.name = "+".join(m.name for m in (idle, *self.extras))
        self._away = False
        self._locks: dict[int, bool] = {}
        self._sleeps: dict[int, bool] = {}
        idle.went_idle.connect(self._on_went_idle)
        idle.came_back.connect(self._end_spell)
        for index, source in enumerate((idle, *self.extras)):
            source.lock_changed.connect(lambda locked, i=index: self._on_lock(i, locked))
            source.sleep_changed.connect(lambda asleep, i=index: self._on_sleep(i, asleep))

    @property
    def members(self) -> tuple[PresenceMonitor, ...]:
        return (self.idle, *self.extras)

    @property
    def away(self) -> bool:
        return self._away

    @property
    def locked(self) -> bool:
        return any(self._locks.values())

    @property
    def asleep(self) -> bool:
        return any(self._sleeps.values())

    def probe(self) -> None:
        for member in self.members:
            member.probe()

    def start(self, idle_threshold_s: float) -> None:
        self._away = False
        self._locks.clear()
        self._sleeps.clear()
        for member in self.members:
            member.start(idle_threshold_s)

    def stop(self) -> None:
        for member in reversed(self.members):
            member.stop()

    def idle_seconds(self) -> float | None:
        return self.idle.idle_seconds()

    def set_active_hours(self, active: bool) -> None:
        for member in self.members:
            member.set_active_hours(active)

    # -- merging ------------------------------------------------------------------------

    def _on_went_idle(self, seconds: float) -> None:
        if not self._away:
            self._away = True
            self.went_idle.emit(seconds)

    def _on_lock(self, source: int, locked: bool) -> None:
        before = self.locked
        self._locks[source] = locked
        now = self.locked
        if now == before:
            return
        self.lock_changed.emit(now)
        if now:
            self._away = True
        else:
            self._end_spell()

    def _on_sleep(self, source: int, asleep: bool) -> None:
        before = self.asleep
        self._sleeps[source] = asleep
        now = self.asleep
        if now == before:
            return
        self.sleep_changed.emit(now)
        if now:
            self._away = True
        else:
            self._end_spell()

    def _end_spell(self) -> None:
        """Input, unlock or resume: back, unless still locked or asleep."""
        if self._away and not self.locked and not self.asleep:
            self._away = False
            self.came_back.emit()
