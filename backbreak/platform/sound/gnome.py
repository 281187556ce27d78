"""GNOME's switch for event sounds (Settings → Sound → "Alert sound" off, or dconf's
``org.gnome.desktop.sound event-sounds``), which GTK apps obey and plain libcanberra does not.

The value lives in dconf's database, which only the dconf client library reads, so it is read
with one ``gsettings get`` process when the chime is made and again at each break (when the
volume is set), never waiting for it: until the first answer the chime plays, as GNOME's own
default does.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QProcess

from backbreak.platform.sound.base import Chime

SCHEMA = "org.gnome.desktop.sound"
KEY = "event-sounds"
#: "true" or "false" and a newline; anything longer is not an answer.
MAX_ANSWER = 64


def on_gnome(environ: Mapping[str, str]) -> bool:
    desktops = environ.get("XDG_CURRENT_DESKTOP", "").lower().split(":")
    return "gnome" in desktops


class EventSoundsSwitch:
    """The last answer of ``gsettings get org.gnome.desktop.sound event-sounds``."""

    def __init__(self, command: Sequence[str] = ("gsettings",)) -> None:
        self.enabled = True
        self._command = [*command, "get", SCHEMA, KEY]
        self._process = QProcess()
        self._process.setStandardErrorFile(QProcess.nullDevice())
        self._process.finished.connect(self._answered)
        self.refresh()

    @property
    def process(self) -> QProcess:
        return self._process

    def refresh(self) -> None:
        if self._process.state() is QProcess.ProcessState.NotRunning:
            self._process.start(self._command[0], self._command[1:])

    def _answered(self) -> None:
        answer = bytes(self._process.read(MAX_ANSWER).data()).strip()
        if answer in (b"true", b"false"):
            self.enabled = answer == b"true"


class SwitchedChime:
    """A chime that stays silent while the desktop's event sounds are switched off."""

    def __init__(self, chime: Chime, switch: EventSoundsSwitch) -> None:
        self._chime = chime
        self._switch = switch

    @property
    def available(self) -> bool:
        return self._chime.available

    @property
    def inner(self) -> Chime:
        return self._chime

    def set_volume(self, volume: int) -> None:
        self._chime.set_volume(volume)
        self._switch.refresh()

    def play(self) -> None:
        if self._switch.enabled:
            self._chime.play()
