"""Requests from another backbreak process: a second launch, or ``backbreak plan``."""

from __future__ import annotations

from typing import Protocol

from backbreak.controller import Controller
from backbreak.core.plan import live_state
from backbreak.ui.status_text import status_line

#: The longest activation token handed on; real ones are well under 100 characters.
MAX_TOKEN_CHARS = 256


class Presentable(Protocol):
    def present(self, activation_token: str = "") -> str:
        """Show ourselves; returns how ("menu", "tray" or "window"), for the launch that
        asked (see :meth:`backbreak.ui.home.Home.present`)."""
        ...


def activation_token(request: dict[str, object]) -> str:
    """The launcher's activation token the asking launch passed on, if it looks like one.

    The peer is not trusted: only short printable ASCII without spaces is handed to Qt.
    """
    token = request.get("activation_token")
    if not isinstance(token, str) or not 0 < len(token) <= MAX_TOKEN_CHARS:
        return ""
    if not all("!" <= char <= "~" for char in token):
        return ""
    return token


class RemoteCommands:
    """Answers one JSON request with one JSON reply, on the GUI thread."""

    def __init__(self, controller: Controller, shell: Presentable) -> None:
        self._controller = controller
        self._shell = shell

    def __call__(self, request: dict[str, object]) -> dict[str, object]:
        command = request.get("cmd")
        if command == "activate":
            return {"ok": True, "shown": self._shell.present(activation_token(request))}
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
        if command == "state":
            # What `backbreak plan` starts from, so that it agrees with the tray.
            state = live_state(self._controller.planner, self._controller.now())
            return {"ok": True, "state": state.to_json()}
        return {"ok": False, "error": f"unknown command {command!r}"}
