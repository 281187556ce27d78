"""Start at login on Linux and the BSDs: ``$XDG_CONFIG_HOME/autostart/backbreak.desktop``.

The file backbreak writes carries ``X-backbreak-Managed=true``. A file of the same name without
that marker was made by the user (or a desktop's startup settings); backbreak reports whether it
would start backbreak but never rewrites or removes it: turning the setting off while such a file
starts backbreak fails with a message naming the file, so the user decides what happens to it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from backbreak import APP_ID
from backbreak.platform.autostart import desktop_entry as de
from backbreak.platform.autostart.base import (
    APP_NAME,
    ExistingFile,
    FileAutostart,
    looks_like_backbreak,
    read_text,
    write_file,
)

FILE_NAME = f"{APP_NAME}.desktop"
MARKER = f"X-{APP_NAME}-Managed"
# Name, Comment and Icon are the launcher's (packaging/linux/<APP_ID>.desktop), so a desktop's
# startup settings show the app as its app grid does. The file keeps its name, backbreak.desktop:
# renaming it would leave the entries already written behind, starting a second backbreak.
COMMENT = "Prompts you to stand up, move and breathe before your mid-back starts to hurt"


def config_home(env: Mapping[str, str]) -> Path:
    """``$XDG_CONFIG_HOME`` if it is an absolute path, else ``$HOME/.config`` (XDG base dirs).

    The spec says a relative (or empty) value is invalid and must be ignored.
    """
    configured = env.get("XDG_CONFIG_HOME", "")
    if configured and Path(configured).is_absolute():
        return Path(configured)
    home = env.get("HOME", "")
    base = Path(home) if home and Path(home).is_absolute() else Path.home()
    return base / ".config"


def render(command: Sequence[str]) -> str:
    """The desktop entry backbreak writes for ``command``."""
    return (
        "# Written by backbreak's start-at-login setting; turning it off removes this file.\n"
        f"[{de.GROUP}]\n"
        "Type=Application\n"
        f"Name={APP_NAME}\n"
        f"Comment={COMMENT}\n"
        f"Exec={de.format_exec(command)}\n"
        f"Icon={APP_ID}\n"
        "Terminal=false\n"
        "StartupNotify=false\n"
        "X-GNOME-Autostart-enabled=true\n"
        f"{MARKER}=true\n"
    )


def _inspect(text: str) -> ExistingFile:
    values = de.read_group(text)
    ours = de.is_true(values, MARKER)
    try:
        argv = de.parse_exec(values.get("Exec", ""))
    except ValueError:
        argv = []
    runs = (
        values.get("Type", "Application").strip() == "Application"
        and not de.is_true(values, "Hidden")
        and not de.is_false(values, "X-GNOME-Autostart-enabled")
        and bool(argv)
    )
    return ExistingFile(text.encode("utf-8"), ours, runs and (ours or looks_like_backbreak(argv)))


class XdgAutostart(FileAutostart):
    """A desktop entry in the user's XDG autostart folder."""

    name = "xdg"
    turn_off_hint = "remove it or turn it off in your desktop's startup settings"

    def __init__(self, command: Sequence[str], folder: Path) -> None:
        self._command = list(command)
        self.path = folder / FILE_NAME

    def _existing(self) -> ExistingFile | None:
        text = read_text(self.path)
        return None if text is None else _inspect(text)

    def _render(self) -> str:
        return render(self._command)

    def describe(self) -> str:
        return f"desktop entry {self.path}"

    def refresh(self) -> bool:
        """Rewrite an entry an earlier backbreak wrote whose name, comment or icon are out of
        date (entries before the app id named the icon ``backbreak``), keeping the command it
        starts: which backbreak runs at login is the user's choice, made when it was turned on.
        True if rewritten; raises :class:`AutostartError` if that failed."""
        try:
            text = read_text(self.path)
        except (OSError, ValueError):
            return False
        if text is None:
            return False
        existing = _inspect(text)
        if not (existing.ours and existing.starts_backbreak):
            return False  # not ours, or switched off in the desktop's settings: left alone
        fresh = render(de.parse_exec(de.read_group(text)["Exec"]))
        if fresh == text:
            return False
        write_file(self.path, fresh)
        return True
