"""Keeps the running app in step with the settings file.

Hand edits are noticed through a QFileSystemWatcher (inotify on Linux: no
polling). The folder is watched too, because an atomic save replaces the file
and a watch on the old file would be lost.

What is wrong with a reloaded file (a bad value, a newer ``schema_version``, a file
that cannot be read) is logged and emitted as ``problem``, the route start-up's
warnings take too; each distinct problem once, not again on every later edit.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from backbreak.config.layers import LayeredSettings
from backbreak.config.loader import SettingsSyntaxError
from backbreak.config.schema import Settings

log = logging.getLogger(__name__)

# Editors write a file in several steps; settle before reading it.
SETTLE_MS = 300


class SettingsSync(QObject):
    """Holds the settings in force; emits ``changed`` when they change."""

    changed = Signal(object)  # Settings
    problem = Signal(str)  # for the user: what is newly wrong with the files, one line each

    def __init__(
        self,
        path: Path,
        layered: LayeredSettings,
        load: Callable[[], LayeredSettings],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = path
        self.layered = layered
        self._load = load
        # Start-up has told the user about these already.
        self._reported: frozenset[str] = frozenset(layered.problems)
        self._watcher = QFileSystemWatcher(self)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.reload)
        self._watcher.fileChanged.connect(self._settle.start)
        self._watcher.directoryChanged.connect(self._settle.start)
        self._watch()

    @property
    def settings(self) -> Settings:
        return self.layered.settings

    def _watch(self) -> None:
        folder = self.path.parent
        if folder.is_dir() and str(folder) not in self._watcher.directories():
            self._watcher.addPath(str(folder))
        if self.path.is_file() and str(self.path) not in self._watcher.files():
            self._watcher.addPath(str(self.path))

    def reload(self) -> None:
        """Read the file again; a broken file keeps the settings in force and is reported once."""
        self._watch()
        try:
            layered = self._load()
        except SettingsSyntaxError as exc:
            self._report((f"{exc}; keeping the settings in force",))
            return
        self.adopt(layered)

    def adopt(self, layered: LayeredSettings) -> None:
        """New settings (reloaded, or saved by the dialog) take effect; new problems are told."""
        before = self.layered.settings
        self.layered = layered
        self._report(layered.problems)
        if layered.settings != before:
            log.info("settings changed")
            self.changed.emit(layered.settings)

    def _report(self, problems: tuple[str, ...]) -> None:
        """Log and emit the problems not reported yet; one that goes away and comes back is new."""
        news = [line for line in dict.fromkeys(problems) if line not in self._reported]
        self._reported = frozenset(problems)
        for line in news:
            log.warning("settings: %s", line)
        if news:
            self.problem.emit("\n".join(news))
