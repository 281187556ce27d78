"""What ``backbreak status / break-now / snooze / skip / pause / resume / meeting`` ask of the
running app, checked field by field and carried out by the controller.

The socket's peer is not trusted: a request with a field of the wrong type, out of bounds or
unknown gets ``{"ok": false, "error": ...}`` and changes nothing. Every action answers with
the status after it, so the command line can say what it did ("Paused until 15:40.").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime

from backbreak.controller import Controller
from backbreak.core.planner import Phase
from backbreak.history.stats import DayTally, Goals
from backbreak.ui.status_text import status_line

MAX_MINUTES = 24 * 60
"""The longest pause or meeting one request may ask for (as ``backbreak pause`` allows)."""

Reply = dict[str, object]
TodayTally = Callable[[], DayTally | None]


class BadRequest(Exception):
    """The request is malformed; the message goes back to the peer."""


def _fields(request: Mapping[str, object], allowed: frozenset[str]) -> None:
    unknown = sorted(set(request) - allowed - {"cmd"})
    if unknown:
        raise BadRequest(f"unknown field {unknown[0]!r}")


def _minutes(value: object, name: str = "minutes") -> int:
    # bool is an int to Python, never to a peer: true is not a minute.
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadRequest(f"{name} must be a whole number of minutes")
    if not 1 <= value <= MAX_MINUTES:
        raise BadRequest(f"{name} must be from 1 to {MAX_MINUTES}")
    return value


def _moment(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


class RemoteControl:
    """The control commands; ``today`` gives today's tally (None: no history to read)."""

    COMMANDS = frozenset(
        {"status", "break-now", "snooze", "skip", "pause", "resume", "meeting-start",
         "meeting-end"}
    )  # fmt: skip

    def __init__(
        self,
        controller: Controller,
        *,
        today: TodayTally | None = None,
        daily_goal: Callable[[], int] | None = None,
    ) -> None:
        self._controller = controller
        self._today = today
        self._daily_goal = daily_goal or (lambda: Goals().breaks_per_day)

    def __call__(self, command: str, request: Mapping[str, object]) -> Reply:
        try:
            return self._answer(command, request)
        except BadRequest as exc:
            return {"ok": False, "error": str(exc)}

    def _answer(self, command: str, request: Mapping[str, object]) -> Reply:
        controller = self._controller
        phase = controller.status().phase
        if command == "pause":
            _fields(request, frozenset({"minutes", "until_tomorrow"}))
            if "until_tomorrow" in request:
                if "minutes" in request or request["until_tomorrow"] is not True:
                    raise BadRequest('give either "minutes" or "until_tomorrow": true')
                controller.pause_until_tomorrow()
            else:
                controller.pause_for(_minutes(request.get("minutes")))
            return self.status()
        if command == "meeting-start":
            _fields(request, frozenset({"minutes"}))
            minutes = request.get("minutes")
            controller.start_meeting(None if minutes is None else _minutes(minutes))
            return self.status()
        _fields(request, frozenset())
        if command in ("snooze", "skip"):
            answerable = (Phase.PROMPT,) if command == "snooze" else (Phase.PROMPT, Phase.SNOOZED)
            if phase not in answerable:
                what = "showing" if command == "snooze" else "showing or snoozed"
                return {"ok": False, "error": f"no break prompt is {what}", "phase": phase.value}
            controller.snooze() if command == "snooze" else controller.skip()
        elif command == "break-now":
            controller.take_break_now()
        elif command == "resume":
            controller.resume()
        elif command == "meeting-end":
            controller.end_meeting()
        return self.status()

    def status(self) -> Reply:
        """The status line and every part of it, times as ISO 8601 with their offset."""
        controller = self._controller
        status = controller.status()
        tally = None if self._today is None else self._today()
        today = (
            None
            if tally is None
            else {
                "taken": tally.taken,
                "due": tally.due,
                "goal": self._daily_goal(),
                "minutes_moved": round(tally.seconds_moved / 60),
            }
        )
        return {
            "ok": True,
            "status": status_line(status, controller.now(), english=True),
            "phase": status.phase.value,
            "next_break": _moment(status.next_prompt),
            "paused_until": _moment(status.paused_until),
            "meeting": status.meeting,
            "meeting_until": _moment(status.meeting_until),
            "deferred_by": list(status.deferred_by),
            "today": today,
        }
