"""What every "start at login" backend shares: the interface, its error and file helpers."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from backbreak.config.files import read_bounded
from backbreak.config.store import atomic_write_text

APP_NAME = "backbreak"
#: The GUI entry point (``[project.gui-scripts]``): on Windows it starts without a console.
GUI_SCRIPT = "backbreakw"


class AutostartError(Exception):
    """Start at login could not be turned on or off; the message says why, for the user."""


@runtime_checkable
class Autostart(Protocol):
    """One way of starting backbreak when the user logs in.

    ``is_enabled`` never raises: a state that cannot be read counts as off, because the session
    could not read it either. ``enable`` and ``disable`` are idempotent, raise
    :class:`AutostartError` with a message fit for the settings dialog, and ``disable`` removes
    only what backbreak wrote.
    """

    name: str

    def is_enabled(self) -> bool: ...

    def enable(self) -> None: ...

    def disable(self) -> None: ...

    def describe(self) -> str: ...


def looks_like_backbreak(argv: Sequence[str]) -> bool:
    """Whether a command line someone else wrote would start backbreak.

    True for the console and GUI scripts (``.../backbreak``, ``backbreak.exe``,
    ``backbreakw.exe``) and for ``python -m backbreak``.
    """
    if not argv:
        return False
    if _stem(argv[0]) in (APP_NAME, GUI_SCRIPT):
        return True
    args = list(argv[1:])
    for index, arg in enumerate(args):
        if arg == "-m" and index + 1 < len(args) and args[index + 1] == APP_NAME:
            return True
        if arg == f"-m{APP_NAME}":
            return True
    return False


def _stem(program: str) -> str:
    name = program.replace("\\", "/").rsplit("/", 1)[-1].lower()
    return name.removesuffix(".exe")


def reason(exc: BaseException) -> str:
    """The short cause of an OS error ("Permission denied"), without the traceback."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def write_file(path: Path, text: str) -> None:
    """Write ``path`` atomically (temp file in the same folder, fsync, rename) or say why not."""
    try:
        atomic_write_text(path, text)
    except UnicodeEncodeError as exc:
        raise AutostartError(
            f"could not turn on start at login: {path} cannot hold the command "
            f"(it is not valid UTF-8: {exc.reason})"
        ) from exc
    except OSError as exc:
        raise AutostartError(
            f"could not turn on start at login: cannot write {path} ({reason(exc)})"
        ) from exc


def remove_file(path: Path) -> None:
    """Remove ``path``; a file that is already gone is fine."""
    try:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
    except OSError as exc:
        raise AutostartError(
            f"could not turn off start at login: cannot remove {path} ({reason(exc)})"
        ) from exc


#: Our own entries are a few hundred bytes; anything much larger is not one.
ENTRY_LIMIT = 64 * 1024


def read_entry(path: Path) -> bytes | None:
    """The entry's bytes, ``None`` if there is none; ``OSError`` if unreadable, not a regular
    file (a FIFO there would otherwise hang the settings dialog) or over :data:`ENTRY_LIMIT`."""
    try:
        return read_bounded(path, ENTRY_LIMIT)
    except (FileNotFoundError, NotADirectoryError):  # the folder is missing or is a file
        return None


def read_text(path: Path) -> str | None:
    """The file's text, ``None`` if there is no file; ``OSError``/``ValueError`` if unreadable."""
    data = read_entry(path)
    return None if data is None else data.decode("utf-8")


@dataclass(frozen=True)
class ExistingFile:
    """What is already at the autostart path."""

    data: bytes
    ours: bool  # written by backbreak: ours to rewrite or remove
    starts_backbreak: bool  # the session (or launchd) would start backbreak from it


class FileAutostart:
    """Start at login through one file: an XDG desktop entry or a LaunchAgent.

    A file of that name that backbreak did not write is never rewritten or
    removed; turning the setting off while it starts backbreak fails with a
    message naming the file, so the user decides what happens to it.
    """

    path: Path
    turn_off_hint = "remove it yourself"

    def _existing(self) -> ExistingFile | None:
        """``None`` when there is no file; ``OSError``/``ValueError`` when it cannot be used."""
        raise NotImplementedError

    def _render(self) -> str:
        raise NotImplementedError

    def is_enabled(self) -> bool:
        try:
            existing = self._existing()
        except (OSError, ValueError):
            return False  # what starts programs at login cannot read it either
        return existing is not None and existing.starts_backbreak

    def enable(self) -> None:
        try:
            existing = self._existing()
        except (OSError, ValueError) as exc:
            raise AutostartError(
                f"could not turn on start at login: {self.path} exists but cannot be read "
                f"({reason(exc)}); remove it and try again"
            ) from exc
        if existing is not None and not existing.ours:
            if existing.starts_backbreak:
                return  # the user's own file already does it; leave it as it is
            raise AutostartError(
                f"could not turn on start at login: {self.path} was not written by backbreak "
                "and does not start it; remove or edit that file yourself"
            )
        text = self._render()
        if existing is None or existing.data != text.encode("utf-8"):
            write_file(self.path, text)

    def disable(self) -> None:
        try:
            existing = self._existing()
        except (OSError, ValueError):
            return  # unreadable: it starts nothing, and it may not be ours to remove
        if existing is None:
            return
        if existing.ours:
            remove_file(self.path)
        elif existing.starts_backbreak:
            raise AutostartError(
                f"could not turn off start at login: {self.path} was not written by backbreak, "
                f"so it is left alone; {self.turn_off_hint}"
            )
