"""The running app reports its live state, so that `backbreak plan` agrees with the tray."""

from __future__ import annotations

import json
from datetime import timedelta

from pytestqt.qtbot import QtBot

from backbreak.core.plan import LiveState, simulate_live
from backbreak.core.planner import Phase
from backbreak.shell.commands import RemoteCommands
from backbreak.ui.status_text import status_line

from .helpers import DURATIONS, make_controller, office_rules


class Shell:
    def present(self, activation_token: str = "") -> str:
        return "tray"


def test_the_state_reply_plans_the_trays_next_break_first(qtbot: QtBot) -> None:
    controller, clock, _deadline = make_controller()
    controller.start()
    clock.advance(timedelta(minutes=20))
    controller.take_break_now()  # from the menu: the prompt shows at 09:20
    controller.snooze()
    clock.advance(timedelta(minutes=3))
    handle = RemoteCommands(controller, Shell())
    reply = json.loads(json.dumps(handle({"cmd": "state"})))
    assert reply["ok"] is True
    state = LiveState.from_json(reply["state"])
    assert state.phase is Phase.SNOOZED
    assert state.at == clock.now()
    status = controller.status()
    assert state.next_prompt == status.next_prompt
    plan = simulate_live(office_rules(), DURATIONS, state, clock.now() + timedelta(days=1))
    assert plan[0].at == status.next_prompt
    assert plan[0].exercise == "seated-t-spine-matrix"
    assert status_line(status, clock.now()).startswith("Snoozed")
