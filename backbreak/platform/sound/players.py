"""Command-line players: PipeWire's ``pw-play``, PulseAudio's ``paplay``, macOS's ``afplay``.

A player is started with QProcess, which never blocks the GUI thread and reaps the child when
it ends. One plays at a time: a chime asked for while the last one still plays is dropped (a
chime lasts 0.6 s, a step much longer). Players run under the C locale, so "0.60" reads the
same whatever the user's locale.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment

from backbreak.platform.sound.base import VolumeChime, log_once, volume_gain

#: The command that plays ``path`` at ``volume`` (1..100).
Player = Callable[[Path, int], list[str]]
Which = Callable[[str], str | None]

#: PulseAudio's volume scale (pa_volume_t): 65536 is 100 %, and it is cubic in amplitude.
PA_VOLUME_NORM = 65536


def pw_play(path: Path, volume: int) -> list[str]:
    return [
        "pw-play",
        "--media-role=Notification",
        f"--volume={volume_gain(volume):.3f}",
        str(path),
    ]


def paplay(path: Path, volume: int) -> list[str]:
    level = round(PA_VOLUME_NORM * volume_gain(volume) ** (1 / 3))
    return [
        "paplay",
        "--client-name=backbreak",
        "--property=media.role=event",
        f"--volume={level}",
        str(path),
    ]


def afplay(path: Path, volume: int) -> list[str]:
    return ["afplay", "-v", f"{volume_gain(volume):.3f}", str(path)]


def linux_player(which: Which) -> Player | None:
    """PipeWire's player where PipeWire runs the desktop's sound, else PulseAudio's."""
    for name, player in (("pw-play", pw_play), ("paplay", paplay)):
        if which(name) is not None:
            return player
    return None


class PlayerChime(VolumeChime):
    """Plays the chime by starting a player command, one at a time, without waiting."""

    def __init__(
        self, player: Player, source: Path, volume: int, parent: QObject | None = None
    ) -> None:
        super().__init__(volume)
        self._player = player
        self._source = source
        self._process = QProcess(parent)
        self._process.setStandardOutputFile(QProcess.nullDevice())
        self._process.setStandardErrorFile(QProcess.nullDevice())
        environment = QProcessEnvironment.systemEnvironment()
        environment.insert("LC_ALL", "C")
        self._process.setProcessEnvironment(environment)
        self._process.errorOccurred.connect(self._error)
        self._process.finished.connect(self._finished)

    @property
    def process(self) -> QProcess:
        return self._process

    def play(self) -> None:
        if self.silent:
            return
        if self._process.state() is not QProcess.ProcessState.NotRunning:
            return  # the last chime still plays
        command = self._player(self._source, self._volume)
        self._process.start(command[0], command[1:])

    def _error(self, error: QProcess.ProcessError) -> None:
        if error is QProcess.ProcessError.FailedToStart:
            self._failed = True
            log_once(
                "player-start",
                "No sound for the break chime: %s could not start (%s)",
                self._process.program(),
                self._process.errorString(),
            )

    def _finished(self, code: int, status: QProcess.ExitStatus) -> None:
        if status is QProcess.ExitStatus.NormalExit and code != 0:
            log_once(
                "player-exit",
                "No sound for the break chime: %s ended with status %d; "
                "is a sound server (PipeWire or PulseAudio) running?",
                self._process.program(),
                code,
            )
