"""Reading the step instructions aloud, with the system's own speech service.

- Linux: speech-dispatcher, spoken to directly in its SSIP protocol over its Unix socket
  (started with ``speech-dispatcher --spawn`` where it is not running yet), else through the
  ``spd-say`` command;
- macOS: ``say``; Windows: the System.Speech synthesizer through PowerShell.

Nothing here needs PySide6-Addons. Anywhere else the speaker is unavailable, says once in the
log what is missing, and ``say`` does nothing.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import QLocale

from backbreak.platform.speech.base import NullSpeaker, Speaker, log_once

__all__ = ["NullSpeaker", "Speaker", "make_speaker", "socket_path"]

Which = Callable[[str], str | None]


def socket_path(environ: Mapping[str, str]) -> Path | None:
    """Where speech-dispatcher listens, as its own client library finds it."""
    address = environ.get("SPEECHD_ADDRESS", "")
    if address.startswith("unix_socket:"):
        return Path(address.removeprefix("unix_socket:"))
    if address:  # an inet_socket: not ours to reach
        return None
    runtime = environ.get("XDG_RUNTIME_DIR")
    return Path(runtime) / "speech-dispatcher" / "speechd.sock" if runtime else None


def make_speaker(
    *,
    platform: str = sys.platform,
    environ: Mapping[str, str] = os.environ,
    which: Which = shutil.which,
) -> Speaker:
    """The speaker this system offers, or a silent one after one line in the log."""
    if platform == "darwin":
        from backbreak.platform.speech.commands import CommandSpeaker, mac_say

        return CommandSpeaker(mac_say())
    if platform == "win32":
        from backbreak.platform.speech.commands import CommandSpeaker, windows_speech

        return CommandSpeaker(windows_speech())
    path = socket_path(environ)
    spawn = which("speech-dispatcher")
    if path is not None and (path.exists() or spawn is not None):
        from backbreak.platform.speech.ssip import SsipSpeaker

        command = [spawn, "--spawn"] if spawn is not None else None
        return SsipSpeaker(str(path), command, language=QLocale().name().split("_")[0])
    if which("spd-say") is not None:
        from backbreak.platform.speech.commands import CommandSpeaker, spd_say

        return CommandSpeaker(spd_say())
    log_once("linux", "No speech: install speech-dispatcher to hear the steps read aloud")
    return NullSpeaker()
