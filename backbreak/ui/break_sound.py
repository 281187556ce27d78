"""What a guided break needs from sound: a chime to play and a voice to read the steps.

The shell makes the real ones (the desktop's sound and speech services, ``backbreak.platform``) and
hands them in, so the window never imports the platform and tests pass recording fakes.
"""

from __future__ import annotations

from typing import Protocol


class Chime(Protocol):
    def play(self) -> None: ...


class Speaker(Protocol):
    @property
    def available(self) -> bool: ...

    def say(self, text: str) -> None: ...

    def stop(self) -> None: ...


class Silence:
    """No chime and no voice: sound turned off, or nothing given."""

    available = False

    def play(self) -> None:
        pass

    def say(self, text: str) -> None:
        pass

    def stop(self) -> None:
        pass
