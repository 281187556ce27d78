"""Start at login: one small interface with a backend per OS and a fallback that says "no".

``choose_autostart()`` picks the backend for this system; the settings dialog shows
``is_enabled()`` and ``describe()`` and calls ``enable()``/``disable()``, both idempotent, showing
the message of any :class:`AutostartError` to the user.

Backends: ``xdg`` (Linux and the BSDs), ``windows-run-key``, ``macos-launchagent`` and ``null``.
None of them needs Qt.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from backbreak.platform.autostart.base import (
    APP_NAME,
    GUI_SCRIPT,
    Autostart,
    AutostartError,
    FileAutostart,
)
from backbreak.platform.autostart.macos import MacLaunchAgentAutostart
from backbreak.platform.autostart.null import NullAutostart
from backbreak.platform.autostart.windows import Registry, WindowsRunKeyAutostart
from backbreak.platform.autostart.xdg import XdgAutostart, config_home

__all__ = [
    "Autostart",
    "AutostartError",
    "MacLaunchAgentAutostart",
    "NullAutostart",
    "Registry",
    "WindowsRunKeyAutostart",
    "XdgAutostart",
    "choose_autostart",
    "launch_command",
    "refresh_entry",
    "written_files",
]

_log = logging.getLogger(__name__)

_XDG_PLATFORMS = ("linux", "freebsd", "openbsd", "netbsd", "dragonfly", "sunos")


def launch_command(executable: str | None = None, *, windows: bool = os.name == "nt") -> list[str]:
    """How the session should start backbreak, with absolute paths.

    A frozen build is its own executable. Otherwise, on Windows, the ``backbreakw`` GUI script
    (or ``pythonw -m backbreak``) next to the interpreter, so that no console window opens at
    login; elsewhere, and as the last resort on Windows, the ``backbreak`` console script next
    to the interpreter (a venv's ``bin/`` or ``Scripts\\``, ``/usr/bin``) if there is one, else
    ``python -m backbreak``. Paths are made absolute but symlinks are kept: a venv's ``python``
    is a symlink whose target would lose the venv.
    """
    interpreter = os.path.abspath(executable or sys.executable)
    if getattr(sys, "frozen", False):
        return [interpreter]
    folder = Path(interpreter).parent
    if windows:
        gui_script = folder / f"{GUI_SCRIPT}.exe"
        if gui_script.is_file():
            return [str(gui_script)]
        pythonw = folder / "pythonw.exe"
        if pythonw.is_file():
            return [str(pythonw), "-m", APP_NAME]
        script = folder / f"{APP_NAME}.exe"
        if script.is_file():
            return [str(script)]
        return [interpreter, "-m", APP_NAME]
    script = folder / APP_NAME
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [interpreter, "-m", APP_NAME]


def choose_autostart(
    platform: str = sys.platform,
    env: Mapping[str, str] = os.environ,
    command: list[str] | None = None,
) -> Autostart:
    """The backend for ``platform`` (``sys.platform`` values); ``null`` where none fits."""
    argv = command if command is not None else launch_command(windows=platform == "win32")
    if platform == "win32":
        return WindowsRunKeyAutostart(argv)
    if platform == "darwin":
        home = _home(env)
        if home is None:
            return NullAutostart("the home folder is unknown")
        return MacLaunchAgentAutostart(argv, home)
    if platform.startswith(_XDG_PLATFORMS):
        try:
            folder = config_home(env) / "autostart"
        except RuntimeError:  # no $HOME and no passwd entry
            return NullAutostart("the home folder is unknown")
        return XdgAutostart(argv, folder)
    return NullAutostart(f"platform {platform!r}")


def written_files(autostart: Autostart) -> tuple[Path, ...]:
    """The files ``autostart`` writes (atomically: a killed write can leave a temp file by one)."""
    return (autostart.path,) if isinstance(autostart, FileAutostart) else ()


def refresh_entry(autostart: Autostart) -> bool:
    """Bring an entry an earlier backbreak wrote up to date, at start-up (see each backend's
    ``refresh``); True if rewritten. A failure is logged, never raised: the old entry still
    starts backbreak."""
    if not isinstance(autostart, XdgAutostart | WindowsRunKeyAutostart):
        return False
    try:
        refreshed = autostart.refresh()
    except AutostartError as exc:
        _log.warning("start at login: %s", exc)
        return False
    if refreshed:
        _log.info("start at login: brought %s up to date", autostart.describe())
    return refreshed


def _home(env: Mapping[str, str]) -> Path | None:
    home = env.get("HOME", "")
    if home and Path(home).is_absolute():
        return Path(home)
    try:
        return Path.home()
    except RuntimeError:
        return None
