"""The chime on Windows, through the system's own player (``winsound``, in the standard library).

``SND_ASYNC`` returns at once; ``SND_NODEFAULT`` keeps Windows from playing its default beep
when the file cannot be played. PlaySound has no volume of its own: the system's volume and
mute apply, and the setting only chooses between silent (0) and playing (1..100).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

from backbreak.platform.sound.base import VolumeChime, log_once


class WinsoundChime(VolumeChime):
    def __init__(self, source: Path, volume: int, module: ModuleType | None = None) -> None:
        super().__init__(volume)
        self._source = source
        self._winsound = module
        if module is None:
            try:
                self._winsound = importlib.import_module("winsound")
            except ImportError as exc:
                self._failed = True
                log_once("winsound", "No sound for the break chime: %s", exc)

    def play(self) -> None:
        if self.silent or self._winsound is None:
            return
        ws = self._winsound
        try:
            ws.PlaySound(str(self._source), ws.SND_FILENAME | ws.SND_ASYNC | ws.SND_NODEFAULT)
        except RuntimeError as exc:  # what winsound raises when the sound cannot be played
            self._failed = True
            log_once("winsound-play", "No sound for the break chime: %s", exc)
