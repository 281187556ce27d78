"""Requests from another backbreak process (a second launch, later the CLI)."""

from __future__ import annotations

from typing import Protocol

from backbreak.controller import Controller
from backbreak.ui.status_text import status_line


class Presentable(Protocol):
    def present(self) -> str:
        """Show ourselves; returns how ("menu" or "window"), for the launch that asked."""
        ...


class RemoteCommands:
    """Answers one JSON request with one JSON reply, on the GUI thread."""

    def __init__(self, controller: Controller, shell: Presentable) -> None:
        self._controller = controller
        self._shell = shell

    def __call__(self, request: dict[str, object]) -> dict[str, object]:
        command = request.get("cmd")
        if command == "activate":
            return {"ok": True, "shown": self._shell.present()}
        if command == "status":
            status = self._controller.status()
            upcoming = status.next_prompt
            return {
                "ok": True,
                "status": status_line(status, self._controller.now()),
                "phase": status.phase.value,
                "next_break": None if upcoming is None else upcoming.isoformat(),
                "deferred_by": list(status.deferred_by),
            }
        return {"ok": False, "error": f"unknown command {command!r}"}
