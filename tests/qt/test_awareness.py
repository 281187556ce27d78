"""Presence and interruption sources follow the settings; the diagnosis says what is used."""

from __future__ import annotations

import dataclasses

import pytest
from pytestqt.qtbot import QtBot

from backbreak.config.schema import InterruptionsSettings, PresenceSettings, Settings
from backbreak.ui import awareness as awareness_module
from backbreak.ui.awareness import Awareness
from tests.qt.helpers import FakePresence, FakeSource, make_controller


def test_sources_start_with_the_settings_and_follow_changes(qtbot: QtBot) -> None:
    controller, _clock, _deadline = make_controller()
    controller.start()
    presence = FakePresence()
    chosen: list[Settings] = []

    def choose_sources(settings: Settings) -> tuple[list[FakeSource], list[str]]:
        chosen.append(settings)
        on = settings.interruptions.fullscreen
        return ([FakeSource("fullscreen")] if on else []), [f"fullscreen: {'x11' if on else 'off'}"]

    awareness = Awareness(
        controller,
        choose_presence=lambda: (presence, ["x11-screensaver: chosen"]),  # type: ignore[arg-type,return-value]
        choose_sources=choose_sources,  # type: ignore[arg-type]
    )
    settings = Settings(presence=PresenceSettings(idle_minutes=3))
    awareness.start(settings)
    assert presence.threshold == 180
    assert awareness.diagnosis == [
        "presence: x11-screensaver: chosen",
        "interruptions: fullscreen: x11",
    ]

    unchanged = dataclasses.replace(settings)
    awareness.apply(settings, unchanged)
    assert len(chosen) == 1  # nothing rebuilt when nothing changed

    quiet = dataclasses.replace(
        settings,
        interruptions=InterruptionsSettings(fullscreen=False),
        presence=PresenceSettings(idle_minutes=5),
    )
    awareness.apply(settings, quiet)
    assert len(chosen) == 2
    assert awareness.diagnosis[-1] == "interruptions: fullscreen: off"
    assert presence.threshold == 300


def test_the_calls_switch_reaches_the_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[dict[str, bool]] = []

    def choose(**switches: bool) -> tuple[list[FakeSource], list[str]]:
        seen.append(switches)
        return [], []

    monkeypatch.setattr(awareness_module, "choose_interruption_sources", choose)
    awareness_module._sources_for(Settings())
    awareness_module._sources_for(Settings(interruptions=InterruptionsSettings(calls=False)))
    assert [switches["calls"] for switches in seen] == [True, False]
    assert all(switches["fullscreen"] and switches["do_not_disturb"] for switches in seen)
