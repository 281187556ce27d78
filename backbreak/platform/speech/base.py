"""What every speaker shares: the interface, the silent one and the one-line log."""

from __future__ import annotations

import logging
from typing import Protocol

log = logging.getLogger("backbreak.platform.speech")

_logged: set[str] = set()


def log_once(key: str, message: str, *args: object) -> None:
    """A warning the first time ``key`` comes up in this process, nothing after."""
    if key not in _logged:
        _logged.add(key)
        log.warning(message, *args)


class Speaker(Protocol):
    @property
    def available(self) -> bool: ...

    def say(self, text: str) -> None:
        """Speak ``text``, cutting short whatever this speaker was still saying."""

    def stop(self) -> None: ...


class NullSpeaker:
    """Speech turned off, or no engine to speak with."""

    available = False

    def say(self, text: str) -> None:
        pass

    def stop(self) -> None:
        pass
