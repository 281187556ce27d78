"""Start at login on macOS: the per-user LaunchAgent ``~/Library/LaunchAgents/org.backbreak.plist``.

launchd reads the folder at the next login and ``RunAtLoad`` starts backbreak; nothing is loaded
now (backbreak is already running). A plist of that name with another ``Label`` was not written
by backbreak and is never rewritten or removed.
"""

from __future__ import annotations

import plistlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from backbreak.platform.autostart.base import (
    AutostartError,
    looks_like_backbreak,
    reason,
    remove_file,
    write_file,
)

LABEL = "org.backbreak"


def render(command: Sequence[str]) -> str:
    """The LaunchAgent property list (XML) for ``command``."""
    agent: dict[str, Any] = {
        "Label": LABEL,
        "ProgramArguments": list(command),
        "RunAtLoad": True,
        "ProcessType": "Interactive",
    }
    return plistlib.dumps(agent, fmt=plistlib.FMT_XML, sort_keys=False).decode("utf-8")


@dataclass(frozen=True)
class _Existing:
    data: bytes
    ours: bool
    starts_backbreak: bool


def _inspect(data: bytes) -> _Existing:
    try:
        agent = plistlib.loads(data)
    except Exception as exc:  # plistlib raises ValueError, ExpatError, TypeError… on bad input
        raise ValueError(f"not a valid property list: {exc}") from exc
    if not isinstance(agent, dict):
        raise ValueError("the property list is not a dictionary")
    ours = agent.get("Label") == LABEL
    argv = agent.get("ProgramArguments")
    if not (isinstance(argv, list) and argv and all(isinstance(arg, str) for arg in argv)):
        program = agent.get("Program")
        argv = [program] if isinstance(program, str) and program else []
    runs = agent.get("RunAtLoad") is True and agent.get("Disabled") is not True and bool(argv)
    return _Existing(data, ours, runs and (ours or looks_like_backbreak(argv)))


class MacLaunchAgentAutostart:
    """A LaunchAgent property list under ``<home>/Library/LaunchAgents``."""

    name = "macos-launchagent"

    def __init__(self, command: Sequence[str], home: Path) -> None:
        self._command = list(command)
        self.path = home / "Library" / "LaunchAgents" / f"{LABEL}.plist"

    def _existing(self) -> _Existing | None:
        """``None`` when there is no file; ``OSError``/``ValueError`` when it cannot be used."""
        try:
            data = self.path.read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            return None
        return _inspect(data)

    def is_enabled(self) -> bool:
        try:
            existing = self._existing()
        except (OSError, ValueError):
            return False  # launchd cannot use it either
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
                return
            raise AutostartError(
                f"could not turn on start at login: {self.path} was not written by backbreak "
                "and does not start it; remove or edit that file yourself"
            )
        text = render(self._command)
        if existing is None or existing.data != text.encode("utf-8"):
            write_file(self.path, text)

    def disable(self) -> None:
        try:
            existing = self._existing()
        except (OSError, ValueError):
            return
        if existing is None:
            return
        if existing.ours:
            remove_file(self.path)
        elif existing.starts_backbreak:
            raise AutostartError(
                f"could not turn off start at login: {self.path} was not written by backbreak, "
                "so it is left alone; remove it yourself"
            )

    def describe(self) -> str:
        return f"launch agent {self.path} (started by launchd at login)"
