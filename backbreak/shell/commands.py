"""Requests from another backbreak process: a second launch, ``backbreak plan``, and the
control commands (:mod:`backbreak.shell.remote_control`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from backbreak.controller import Controller
from backbreak.core.plan import live_state
from backbreak.shell.remote_control import RemoteControl, TodayTally

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
    """Answers one JSON request with one JSON reply, on the GUI thread.

    ``today`` gives today's break tally for ``status`` (None: no history, ``"today": null``);
    ``daily_goal`` the goal it is measured against (the ``goals.breaks_per_day`` setting).
    """

    def __init__(
        self,
        controller: Controller,
        shell: Presentable,
        *,
        today: TodayTally | None = None,
        daily_goal: Callable[[], int] | None = None,
    ) -> None:
        self._controller = controller
        self._shell = shell
        self._control = RemoteControl(controller, today=today, daily_goal=daily_goal)

    def __call__(self, request: dict[str, object]) -> dict[str, object]:
        command = request.get("cmd")
        if command == "activate":
            return {"ok": True, "shown": self._shell.present(activation_token(request))}
        if isinstance(command, str) and command in RemoteControl.COMMANDS:
            return self._control(command, request)
        if command == "state":
            # What `backbreak plan` starts from, so that it agrees with the tray.
            state = live_state(self._controller.planner, self._controller.now())
            return {"ok": True, "state": state.to_json()}
        return {"ok": False, "error": f"unknown command {command!r}"}
