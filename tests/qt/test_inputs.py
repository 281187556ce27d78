"""The platform inputs follow the settings and the planner; the diagnosis says what is used."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from backbreak.config.schema import InterruptionsSettings, PresenceSettings, Settings
from backbreak.controller import Controller
from backbreak.core.planner import Outcome, Phase
from backbreak.shell import inputs as inputs_module
from backbreak.shell.inputs import InterruptionInput, PlatformInputs, PresenceInput
from tests.qt.helpers import FakePresence, FakeSource, make_controller


def fixed_presence(presence: FakePresence) -> tuple[PresenceInput, list[str]]:
    return presence, ["x11-screensaver: chosen"]


def test_sources_start_with_the_settings_and_follow_changes(qtbot: QtBot) -> None:
    controller, _clock, _deadline = make_controller()
    controller.start()
    presence = FakePresence()
    chosen: list[Settings] = []
    built: list[FakeSource] = []

    def choose_sources(settings: Settings) -> tuple[Sequence[InterruptionInput], list[str]]:
        chosen.append(settings)
        on = settings.interruptions.fullscreen
        built.extend([FakeSource("fullscreen")] if on else [])
        return built[-1:] if on else [], [f"fullscreen: {'x11' if on else 'off'}"]

    inputs = PlatformInputs(
        controller,
        choose_presence=lambda: fixed_presence(presence),
        choose_sources=choose_sources,
    )
    settings = Settings(presence=PresenceSettings(idle_minutes=3))
    inputs.start(settings)
    assert presence.threshold == 180
    assert built[0].started
    assert inputs.diagnosis == [
        "presence: x11-screensaver: chosen",
        "interruptions: fullscreen: x11",
    ]

    unchanged = dataclasses.replace(settings)
    inputs.apply(settings, unchanged)
    assert len(chosen) == 1  # nothing rebuilt when nothing changed

    quiet = dataclasses.replace(
        settings,
        interruptions=InterruptionsSettings(fullscreen=False),
        presence=PresenceSettings(idle_minutes=5),
    )
    inputs.apply(settings, quiet)
    assert len(chosen) == 2
    assert not built[0].started
    assert inputs.diagnosis[-1] == "interruptions: fullscreen: off"
    assert presence.threshold == 300
    inputs.stop()
    assert presence.stopped


def test_presence_reports_reach_the_planner(qtbot: QtBot) -> None:
    controller, clock, deadline = make_controller()
    controller.start()
    presence = FakePresence()
    inputs = PlatformInputs(
        controller, choose_presence=lambda: fixed_presence(presence), choose_sources=no_sources
    )
    inputs.start(Settings())
    assert presence.active_hours[-1] is True
    clock.advance(timedelta(minutes=20))
    presence.went_idle.emit(120.0)
    assert controller.status().next_prompt is None  # away: nothing is due
    clock.advance(timedelta(minutes=3))
    presence.came_back.emit()
    assert controller.planner.records[-1].outcome is Outcome.NATURAL
    assert deadline.when == clock.now() + timedelta(minutes=45)
    presence.idle = 0.5  # typing: a due prompt waits for a lull read through the owner
    clock.advance(timedelta(minutes=45))
    with qtbot.assertNotEmitted(controller.prompt_requested):
        deadline.due.emit()
        qtbot.waitUntil(lambda: deadline.when == clock.now() + timedelta(seconds=2.5))


def no_sources(_settings: Settings) -> tuple[Sequence[InterruptionInput], list[str]]:
    return [], []


def watching_fullscreen(
    controller: Controller, **options: Any
) -> tuple[PlatformInputs, FakeSource]:
    """Inputs started with the default settings, a quiet presence and one fullscreen source."""
    fullscreen = FakeSource("fullscreen")
    inputs = PlatformInputs(
        controller,
        choose_presence=lambda: fixed_presence(FakePresence()),
        choose_sources=lambda _settings: ([fullscreen], []),
        **options,
    )
    inputs.start(Settings())
    return inputs, fullscreen


def test_sources_are_watched_only_while_a_prompt_is_near_due_or_held(qtbot: QtBot) -> None:
    controller, clock, deadline = make_controller()
    controller.start()
    inputs, fullscreen = watching_fullscreen(controller)
    assert not fullscreen.watching  # 09:00, the prompt is due at 09:45: nothing to hold back
    clock.advance(timedelta(minutes=44, seconds=30))
    deadline.due.emit()  # any re-plan (here a stray wakeup) re-decides
    qtbot.waitUntil(lambda: fullscreen.watching)  # within a minute of the prompt
    clock.advance(timedelta(seconds=30))
    fullscreen.set(True)
    deadline.due.emit()
    qtbot.waitUntil(lambda: controller.status().deferred_by == ("fullscreen",))
    assert controller.status().phase is Phase.WORKING
    with qtbot.waitSignal(controller.prompt_requested):
        fullscreen.set(False)
    assert fullscreen.watching  # a prompt on screen: a fullscreen window withdraws it
    controller.snooze()
    assert not fullscreen.watching  # ten minutes to go
    inputs.stop()
    assert not fullscreen.started


def test_a_prompt_asked_for_is_not_withdrawn_by_a_source_catching_up(qtbot: QtBot) -> None:
    """ "Take a break now" while nothing is near due: the sources stay unwatched, so a
    fullscreen window they had not followed does not take the prompt the user asked for."""
    controller, _clock, _deadline = make_controller()
    controller.start()
    _inputs, fullscreen = watching_fullscreen(controller)
    fullscreen.set(True)  # unwatched: not followed
    with qtbot.assertNotEmitted(controller.prompt_withdrawn):
        controller.take_break_now()
    assert controller.status().phase is Phase.PROMPT


def test_sources_chosen_again_while_a_prompt_is_shown_are_watched(qtbot: QtBot) -> None:
    controller, clock, deadline = make_controller()
    controller.start()
    built: list[FakeSource] = []

    def choose_sources(_settings: Settings) -> tuple[Sequence[InterruptionInput], list[str]]:
        built.append(FakeSource("fullscreen"))
        return built[-1:], []

    inputs = PlatformInputs(
        controller,
        choose_presence=lambda: fixed_presence(FakePresence()),
        choose_sources=choose_sources,
    )
    settings = Settings()
    inputs.start(settings)
    clock.advance(timedelta(minutes=44, seconds=30))
    deadline.due.emit()  # a re-plan within the lead: watched from here on
    qtbot.waitUntil(lambda: built[0].watching)
    clock.advance(timedelta(seconds=30))
    with qtbot.waitSignal(controller.prompt_requested):
        deadline.due.emit()
    quiet = Settings(interruptions=InterruptionsSettings(do_not_disturb=False))
    inputs.apply(settings, quiet)
    assert len(built) == 2
    assert built[1].watching  # told to be, not only watched from construction
    assert built[1].started
    assert not built[0].started
    controller.snooze()
    assert not built[1].watching
    inputs.apply(quiet, settings)
    assert not built[2].watching  # a new source is told at once that nothing is near


def test_the_lead_timer_starts_watching_before_the_prompt_is_due(qtbot: QtBot) -> None:
    controller, clock, _deadline = make_controller()
    controller.start()
    _inputs, fullscreen = watching_fullscreen(
        controller, watch_lead=timedelta(minutes=45) - timedelta(milliseconds=50)
    )
    assert not fullscreen.watching
    clock.advance(timedelta(seconds=1))  # the lead moment passes without any re-plan
    qtbot.waitUntil(lambda: fullscreen.watching, timeout=2000)


def test_the_calls_switch_reaches_the_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[dict[str, bool]] = []

    def choose(**switches: bool) -> tuple[list[FakeSource], list[str]]:
        seen.append(switches)
        return [], []

    monkeypatch.setattr(inputs_module, "choose_interruption_sources", choose)
    inputs_module._sources_for(Settings())
    inputs_module._sources_for(Settings(interruptions=InterruptionsSettings(calls=False)))
    assert [switches["calls"] for switches in seen] == [True, False]
    assert all(switches["fullscreen"] and switches["do_not_disturb"] for switches in seen)
