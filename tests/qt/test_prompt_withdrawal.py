"""A prompt on screen goes away whenever it stops being due, whoever answered it.

The prompt's own buttons hide it themselves; the tray menu and ``backbreak snooze / skip /
pause / meeting start`` reach only the controller, so its ``prompt_withdrawn`` must say so.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from backbreak.controller import Controller
from tests.qt.helpers import make_controller

ANSWERS: dict[str, Callable[[Controller], None]] = {
    "snooze": Controller.snooze,
    "skip": Controller.skip,
    "pause": lambda controller: controller.pause_for(30),
    "pause until tomorrow": Controller.pause_until_tomorrow,
    "meeting": lambda controller: controller.start_meeting(None),
    "start": Controller.start_from_prompt,
}


@pytest.mark.parametrize("answer", ANSWERS)
def test_every_answer_to_a_prompt_withdraws_it(qtbot: QtBot, answer: str) -> None:
    controller, _clock, _deadline = make_controller()
    controller.start()
    with qtbot.waitSignal(controller.prompt_requested):
        controller.take_break_now()
    with qtbot.waitSignal(controller.prompt_withdrawn):
        ANSWERS[answer](controller)


def test_a_snoozed_prompt_coming_back_is_not_withdrawn_again(qtbot: QtBot) -> None:
    controller, _clock, _deadline = make_controller()
    controller.start()
    with qtbot.waitSignal(controller.prompt_requested):
        controller.take_break_now()
    with qtbot.waitSignal(controller.prompt_withdrawn):
        controller.snooze()
    with qtbot.assertNotEmitted(controller.prompt_withdrawn):
        controller.resume()  # nothing on screen: nothing to withdraw
