"""The control requests of ``backbreak status / snooze / pause ...`` as the running app answers
them: each field checked (the peer is hostile), the controller driven, the prompt withdrawn."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from backbreak.config.schema import Settings
from backbreak.controller import Controller
from backbreak.core.clock import FakeClock
from backbreak.core.planner import Outcome, Phase
from backbreak.history.stats import DayTally
from backbreak.platform.sound import NullChime
from backbreak.platform.speech import NullSpeaker
from backbreak.shell.commands import RemoteCommands
from backbreak.shell.session import BreakOptions, BreakSession
from tests.qt.helpers import CATALOGUE, make_controller


class Shell:
    def present(self, activation_token: str = "") -> str:
        return "tray"


def commands(
    today: DayTally | None = None, goal: int = 6
) -> tuple[RemoteCommands, Controller, FakeClock]:
    controller, clock, _deadline = make_controller()
    controller.start()
    handle = RemoteCommands(
        controller,
        Shell(),
        today=None if today is None else (lambda: today),
        daily_goal=lambda: goal,
    )
    return handle, controller, clock


def ask(handle: RemoteCommands, request: dict[str, object]) -> dict[str, object]:
    """As the socket would: the reply must be JSON."""
    reply: dict[str, object] = json.loads(json.dumps(handle(request)))
    return reply


def test_status_reports_every_part_and_today_from_the_history(qtbot: QtBot) -> None:
    tally = DayTally(date(2026, 3, 2), exercised=2, natural=1, skipped=1, seconds_moved=330)
    handle, _controller, _clock = commands(tally, goal=5)
    reply = ask(handle, {"cmd": "status"})
    assert reply["ok"] is True
    assert reply["phase"] == "working"
    assert reply["paused_until"] is None
    assert reply["meeting"] is False
    assert reply["meeting_until"] is None
    assert reply["deferred_by"] == []
    assert datetime.fromisoformat(str(reply["next_break"])).tzinfo is not None
    assert reply["today"] == {"taken": 3, "due": 4, "goal": 5, "minutes_moved": 6}


def test_status_without_a_history_says_today_is_unknown(qtbot: QtBot) -> None:
    handle, _controller, _clock = commands()
    assert ask(handle, {"cmd": "status"})["today"] is None


def test_pause_for_minutes_and_until_tomorrow_then_resume(qtbot: QtBot) -> None:
    handle, controller, clock = commands()
    reply = ask(handle, {"cmd": "pause", "minutes": 90})
    assert reply["ok"] is True
    until = datetime.fromisoformat(str(reply["paused_until"]))
    assert until == clock.now() + timedelta(minutes=90)
    reply = ask(handle, {"cmd": "pause", "until_tomorrow": True})
    until = datetime.fromisoformat(str(reply["paused_until"]))
    assert until.astimezone().time().hour == 0
    reply = ask(handle, {"cmd": "resume"})
    assert reply["paused_until"] is None
    assert controller.status().paused_until is None


def test_meeting_with_and_without_an_end(qtbot: QtBot) -> None:
    handle, _controller, clock = commands()
    reply = ask(handle, {"cmd": "meeting-start", "minutes": 45})
    assert reply["meeting"] is True
    end = datetime.fromisoformat(str(reply["meeting_until"]))
    assert end == clock.now() + timedelta(minutes=45)
    reply = ask(handle, {"cmd": "meeting-start", "minutes": None})
    assert (reply["meeting"], reply["meeting_until"]) == (True, None)
    reply = ask(handle, {"cmd": "meeting-end"})
    assert reply["meeting"] is False


def test_snooze_and_skip_need_a_prompt(qtbot: QtBot) -> None:
    handle, controller, _clock = commands()
    for command in ("snooze", "skip"):
        reply = ask(handle, {"cmd": command})
        assert reply["ok"] is False
        assert "no break prompt is showing" in str(reply["error"])
    assert ask(handle, {"cmd": "break-now"})["phase"] == "prompt"
    assert ask(handle, {"cmd": "snooze"})["phase"] == "snoozed"
    assert ask(handle, {"cmd": "skip"})["phase"] == "working"  # a snoozed break can be skipped
    assert controller.planner.records[-1].outcome is Outcome.SKIPPED


HOSTILE = [
    {"cmd": "pause", "minutes": "30"},
    {"cmd": "pause", "minutes": 30.0},
    {"cmd": "pause", "minutes": True},
    {"cmd": "pause", "minutes": 0},
    {"cmd": "pause", "minutes": -5},
    {"cmd": "pause", "minutes": 24 * 60 + 1},
    {"cmd": "pause", "minutes": 10**100},
    {"cmd": "pause"},
    {"cmd": "pause", "minutes": None},
    {"cmd": "pause", "until_tomorrow": 1},
    {"cmd": "pause", "until_tomorrow": False},
    {"cmd": "pause", "until_tomorrow": True, "minutes": 30},
    {"cmd": "pause", "minutes": 30, "until": "2099-01-01"},
    {"cmd": "meeting-start", "minutes": [30]},
    {"cmd": "meeting-start", "minutes": 1e308},
    {"cmd": "meeting-start", "minutes": 99999999},
    {"cmd": "meeting-end", "now": True},
    {"cmd": "break-now", "exercise": "x"},
    {"cmd": "status", "verbose": True},
    {"cmd": ["pause"]},
    {"cmd": None},
]


@pytest.mark.parametrize("request_", HOSTILE, ids=[json.dumps(r) for r in HOSTILE])
def test_malformed_requests_are_refused_and_change_nothing(
    qtbot: QtBot, request_: dict[str, object]
) -> None:
    handle, controller, _clock = commands()
    before = controller.status()
    reply = ask(handle, request_)
    assert reply["ok"] is False
    assert isinstance(reply["error"], str)
    assert controller.status() == before


def quiet_options() -> BreakOptions:
    return BreakOptions(Settings(), make_chime=lambda volume: NullChime(), make_speaker=NullSpeaker)


@pytest.mark.parametrize(
    "request_",
    [
        {"cmd": "snooze"},
        {"cmd": "skip"},
        {"cmd": "pause", "minutes": 30},
        {"cmd": "meeting-start", "minutes": None},
    ],
    ids=["snooze", "skip", "pause", "meeting"],
)
def test_answering_from_the_command_line_hides_the_prompt_window(
    qtbot: QtBot, request_: dict[str, object]
) -> None:
    controller, _clock, _deadline = make_controller()
    controller.start()
    session = BreakSession(controller, CATALOGUE, quiet_options())
    handle = RemoteCommands(controller, Shell())
    assert ask(handle, {"cmd": "break-now"})["ok"] is True
    assert session.prompt.isVisible()
    assert session.presentation == "window"
    assert ask(handle, request_)["ok"] is True
    assert controller.status().phase is not Phase.PROMPT
    assert not session.prompt.isVisible()
    assert session.presentation == ""
    session.close()
