"""The soft chime at each step of a guided break, played the way the desktop plays its sounds.

- Linux: the freedesktop sound service through libcanberra (``libcanberra.so.0``), else
  PipeWire's ``pw-play`` or PulseAudio's ``paplay``; the sound server's mute applies, and
  on GNOME its switch for event sounds.
- Windows: ``winsound`` (the system's own player); macOS: ``afplay``.

Nothing here needs PySide6-Addons. Where no way to play is found, the chime says once in the
log what to install and stays silent: a break works without sound.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from backbreak.platform.sound.base import (
    DEFAULT_VOLUME,
    Chime,
    NullChime,
    chime_path,
    log_once,
)

__all__ = ["DEFAULT_VOLUME", "Chime", "NullChime", "chime_path", "make_chime"]

Which = Callable[[str], str | None]

LINUX_HINT = (
    "No sound for the break chime: install libcanberra0 (with libcanberra-pulse), "
    "or pipewire-bin (pw-play) or pulseaudio-utils (paplay)"
)


def make_chime(
    volume: int = DEFAULT_VOLUME,
    source: Path | None = None,
    *,
    platform: str = sys.platform,
    which: Which = shutil.which,
    environ: Mapping[str, str] = os.environ,
) -> Chime:
    """The best chime this system offers, or a silent one after one line in the log."""
    path = source if source is not None else chime_path()
    if not path.is_file():
        log_once(f"missing:{path}", "No sound for the break chime: %s is missing", path)
        return NullChime()
    if platform == "win32":
        from backbreak.platform.sound.windows import WinsoundChime

        return WinsoundChime(path, volume)
    if platform == "darwin":
        from backbreak.platform.sound.players import PlayerChime, afplay

        return PlayerChime(afplay, path, volume)
    chime = _linux_chime(path, volume, which)
    from backbreak.platform.sound.gnome import EventSoundsSwitch, SwitchedChime, on_gnome

    gsettings = which("gsettings")
    if chime.available and on_gnome(environ) and gsettings is not None:
        return SwitchedChime(chime, EventSoundsSwitch([gsettings]))
    return chime


def _linux_chime(path: Path, volume: int, which: Which) -> Chime:
    from backbreak.platform.sound.canberra import CanberraChime, open_canberra
    from backbreak.platform.sound.players import PlayerChime, linux_player

    player = linux_player(which)
    fallback = PlayerChime(player, path, volume) if player is not None else None
    canberra = open_canberra()
    if canberra is not None:
        return CanberraChime(canberra, path, volume, fallback)
    if fallback is not None:
        return fallback
    log_once("linux", LINUX_HINT)
    return NullChime()
