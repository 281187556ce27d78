"""Start at login on macOS: the per-user LaunchAgent ``~/Library/LaunchAgents/org.backbreak.plist``.

launchd reads the folder at the next login and ``RunAtLoad`` starts backbreak; nothing is loaded
now (backbreak is already running). A plist of that name with another ``Label`` was not written
by backbreak and is never rewritten or removed.
"""

from __future__ import annotations

import plistlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from backbreak.platform.autostart.base import (
    ExistingFile,
    FileAutostart,
    looks_like_backbreak,
    read_entry,
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


def _inspect(data: bytes) -> ExistingFile:
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
    return ExistingFile(data, ours, runs and (ours or looks_like_backbreak(argv)))


class MacLaunchAgentAutostart(FileAutostart):
    """A LaunchAgent property list under ``<home>/Library/LaunchAgents``."""

    name = "macos-launchagent"

    def __init__(self, command: Sequence[str], home: Path) -> None:
        self._command = list(command)
        self.path = home / "Library" / "LaunchAgents" / f"{LABEL}.plist"

    def _existing(self) -> ExistingFile | None:
        data = read_entry(self.path)
        return None if data is None else _inspect(data)

    def _render(self) -> str:
        return render(self._command)

    def describe(self) -> str:
        return f"launch agent {self.path}"
