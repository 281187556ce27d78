"""Reading the step instructions aloud, where the system can.

QtTextToSpeech comes with PySide6-Addons and is imported only when a speaker is
made. Qt always offers a "mock" engine that speaks to nobody; it is never chosen.
On Linux the real engine is "speechd", which speaks only where speech-dispatcher
runs; anywhere else the speaker is unavailable, says so once in the log, and
``say`` does nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject

from backbreak.platform.qt_messages import quiet_multimedia_messages

if TYPE_CHECKING:
    from PySide6.QtTextToSpeech import QTextToSpeech

log = logging.getLogger(__name__)

MOCK_ENGINE = "mock"
_logged: set[str] = set()


def _log_once(key: str, message: str, *args: object) -> None:
    if key not in _logged:
        _logged.add(key)
        log.warning(message, *args)


class Speaker(Protocol):
    @property
    def available(self) -> bool: ...

    def say(self, text: str) -> None: ...

    def stop(self) -> None: ...


class NullSpeaker:
    """Speech turned off, or no engine to speak with."""

    available = False

    def say(self, text: str) -> None:
        pass

    def stop(self) -> None:
        pass


def real_engines(engines: Sequence[str]) -> list[str]:
    """The engines worth trying, in Qt's order, without the mock one."""
    return [name for name in engines if name != MOCK_ENGINE]


class QtSpeaker:
    """Speaks through ``QTextToSpeech`` with the first real engine that starts."""

    def __init__(self, parent: QObject | None = None) -> None:
        self._tts: QTextToSpeech | None = None
        self.engine: str | None = None
        quiet_multimedia_messages()
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech
        except ImportError as exc:
            _log_once("import", "No speech: %s", exc)
            return
        for name in real_engines(QTextToSpeech.availableEngines()):
            tts = QTextToSpeech(name, parent)
            if tts.state() is QTextToSpeech.State.Error:
                log.info("Speech engine %r did not start: %s", name, tts.errorString())
                tts.deleteLater()
                continue
            tts.stateChanged.connect(self._state_changed)
            self._tts = tts
            self.engine = name
            return
        _log_once("engine", "No speech: no text-to-speech engine is running")

    @property
    def available(self) -> bool:
        if self._tts is None:
            return False
        from PySide6.QtTextToSpeech import QTextToSpeech

        return self._tts.state() is not QTextToSpeech.State.Error

    def say(self, text: str) -> None:
        if self.available and self._tts is not None:
            self._tts.say(text)

    def stop(self) -> None:
        if self._tts is not None:
            self._tts.stop()

    def _state_changed(self) -> None:
        if not self.available and self._tts is not None:
            _log_once("error", "No speech: %s stopped (%s)", self.engine, self._tts.errorString())
