"""Speaking through a command: ``spd-say`` (Linux fallback), ``say`` (macOS), PowerShell (Windows).

Each utterance is one QProcess, started without waiting; the text goes on standard input where
the command reads it there, so no text is ever parsed as an option. A new step cuts the last
one short: ``say`` and PowerShell speak while they run, so the process is killed; ``spd-say``
only hands the text to speech-dispatcher and exits, so ``spd-say --cancel`` silences it (and
whatever other programs had queued: spd-say cannot name one client, which is why the SSIP
client comes first).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QProcess

from backbreak.platform.speech.base import log_once

#: Longer than any step; a bound on what goes to a child process.
MAX_TEXT = 2000

WINDOWS_SCRIPT = (
    "[Console]::InputEncoding = [System.Text.Encoding]::UTF8; "
    "Add-Type -AssemblyName System.Speech; "
    "$voice = New-Object System.Speech.Synthesis.SpeechSynthesizer; "
    "$voice.Speak([Console]::In.ReadToEnd())"
)


@dataclass(frozen=True)
class Voice:
    """How a command speaks a text (its arguments, and what goes on its standard input)."""

    speak: Callable[[str], tuple[list[str], str | None]]
    #: The command that silences what was said; None: killing the speaking process does.
    cancel: list[str] | None = None


def spd_say() -> Voice:
    return Voice(
        lambda text: (["spd-say", "--application-name", "backbreak", "--", text], None),
        cancel=["spd-say", "--cancel"],
    )


def mac_say() -> Voice:
    return Voice(lambda text: (["say", "-f", "-"], text))


def windows_speech() -> Voice:
    command = ["powershell", "-NoProfile", "-NonInteractive", "-Command", WINDOWS_SCRIPT]
    return Voice(lambda text: (command, text))


class CommandSpeaker:
    """Speaks each text with a new process, after silencing the last one."""

    def __init__(self, voice: Voice, parent: QObject | None = None) -> None:
        self._voice = voice
        self._pending: str | None = None
        self._spoke = False  # something was handed over since the last silencing
        self._silence = False  # silence that before going on
        self._failed = False
        self._process = QProcess(parent)
        self._process.setStandardOutputFile(QProcess.nullDevice())
        self._process.setStandardErrorFile(QProcess.nullDevice())
        self._process.errorOccurred.connect(self._error)
        self._process.finished.connect(self._advance)

    @property
    def available(self) -> bool:
        return not self._failed

    @property
    def process(self) -> QProcess:
        return self._process

    def say(self, text: str) -> None:
        if not self._failed:
            self._pending = text[:MAX_TEXT]
            self._silence = self._spoke
            self._advance()

    def stop(self) -> None:
        self._pending = None
        self._silence = self._spoke
        self._advance()

    def _advance(self) -> None:
        if self._failed:
            return
        if self._process.state() is not QProcess.ProcessState.NotRunning:
            if self._voice.cancel is None:
                self._process.kill()  # finished comes back here
            return
        if self._silence and self._voice.cancel is not None:
            self._silence = self._spoke = False
            self._process.start(self._voice.cancel[0], self._voice.cancel[1:])
            self._process.closeWriteChannel()
            return
        self._silence = False
        if self._pending is None:
            return
        command, stdin = self._voice.speak(self._pending)
        self._pending = None
        self._spoke = True
        self._process.start(command[0], command[1:])
        if stdin is not None:
            self._process.write(stdin.encode("utf-8"))
        self._process.closeWriteChannel()

    def _error(self, error: QProcess.ProcessError) -> None:
        if error is QProcess.ProcessError.FailedToStart:
            self._failed = True
            log_once(
                "command",
                "No speech: %s could not start (%s)",
                self._process.program(),
                self._process.errorString(),
            )
