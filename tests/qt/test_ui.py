"""Tray menu, no-tray window, prompt and the minimal exercise window, driven through Qt."""

from __future__ import annotations

import logging
import os
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QIcon, QImage
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QMenu
from pytestqt.qtbot import QtBot

from backbreak import __version__
from backbreak.config.schema import BreakSettings, Settings, SoundSettings
from backbreak.controller import Controller
from backbreak.core.planner import Outcome, Phase
from backbreak.platform.sound import NullChime
from backbreak.platform.speech import NullSpeaker
from backbreak.resources import resource_path
from backbreak.shell.commands import RemoteCommands
from backbreak.shell.session import BreakOptions, BreakSession
from backbreak.ui.about import AboutWindow
from backbreak.ui.actions import AppActions
from backbreak.ui.exercise_window import ExerciseWindow
from backbreak.ui.folders import open_folder
from backbreak.ui.home import Home, StatusPlace
from backbreak.ui.prompt import PROMPT_TITLE, BreakPrompt
from backbreak.ui.tray import StatusWindow, TrayShell
from tests.qt.helpers import CATALOGUE, make_controller


def quiet_options() -> BreakOptions:
    """Break options with sound and speech replaced by silent fakes."""
    return BreakOptions(Settings(), make_chime=lambda volume: NullChime(), make_speaker=NullSpeaker)


def next_prompt(controller: Controller) -> datetime:
    upcoming = controller.status().next_prompt
    assert upcoming is not None
    return upcoming


def visible_texts(menu: QMenu) -> list[str]:
    return [a.text() or "-" for a in menu.actions() if a.isVisible()]


def test_tray_menu_order_and_info_line(qtbot: QtBot) -> None:
    controller, _clock, _deadline = make_controller()
    controller.start()
    actions = AppActions(controller)
    tray = TrayShell(controller, actions)
    assert visible_texts(tray.menu) == [
        "Next break at " + next_prompt(controller).astimezone().strftime("%H:%M"),
        "-",
        "Take a break now",
        "Pause",
        "In a meeting",
        "-",
        "Settings…",
        "About backbreak",
        "-",
        "Quit",
    ]
    assert not actions.info.isEnabled()
    assert [a.text() for a in actions.pause_menu.actions()] == [
        "For 30 minutes",
        "For 1 hour",
        "Until tomorrow",
    ]
    assert tray.icon.toolTip() == f"backbreak — {actions.info.text()}"


def test_pausing_from_the_menu_swaps_pause_for_resume_and_updates_the_tooltip(
    qtbot: QtBot,
) -> None:
    controller, clock, _deadline = make_controller()
    controller.start()
    actions = AppActions(controller)
    tray = TrayShell(controller, actions)
    actions.pause_60.trigger()
    until = (clock.now() + timedelta(hours=1)).astimezone()
    assert "Resume" in visible_texts(tray.menu)
    assert "Pause" not in visible_texts(tray.menu)
    assert tray.icon.toolTip().startswith(f"backbreak — Paused until {until:%H:%M}")
    actions.resume.trigger()
    assert "Pause" in visible_texts(tray.menu)
    assert controller.status().paused_until is None


def test_meeting_mode_from_the_menu(qtbot: QtBot) -> None:
    controller, clock, deadline = make_controller()
    controller.start()
    actions = AppActions(controller)
    tray = TrayShell(controller, actions)
    assert [a.text() for a in actions.meeting_menu.actions()] == [
        "For 30 minutes",
        "For 1 hour",
        "Until I end it",
    ]
    actions.meeting_60.trigger()
    until = (clock.now() + timedelta(hours=1)).astimezone()
    assert tray.icon.toolTip() == f"backbreak — In a meeting until {until:%H:%M}"
    assert "End meeting" in visible_texts(tray.menu)
    assert "In a meeting" not in visible_texts(tray.menu)
    # The break comes due 45 minutes in: the app wakes then to record it as held back by the
    # meeting, and next when the meeting ends.
    assert deadline.when == clock.now() + timedelta(minutes=45)
    clock.advance(timedelta(minutes=45))
    deadline.due.emit()
    qtbot.waitUntil(lambda: deadline.when == clock.now() + timedelta(minutes=15))
    actions.end_meeting.trigger()
    assert controller.status().meeting is False
    actions.meeting_open.trigger()
    assert tray.icon.toolTip() == "backbreak — In a meeting: no breaks until you end it"


def icon_image(icon: QIcon) -> QImage:
    return icon.pixmap(22, 22).toImage()


def state_icon(name: str) -> QImage:
    return icon_image(QIcon(str(resource_path("icons", name))))


def test_the_tray_icon_shows_meeting_mode_apart_from_paused_and_running(qtbot: QtBot) -> None:
    controller, _clock, _deadline = make_controller()
    controller.start()
    actions = AppActions(controller)
    tray = TrayShell(controller, actions)
    running, paused, meeting = (
        state_icon(name)
        for name in ("backbreak.svg", "backbreak-paused.svg", "backbreak-meeting.svg")
    )
    assert running != meeting
    assert paused != meeting
    assert icon_image(tray.icon.icon()) == running
    actions.meeting_30.trigger()
    assert icon_image(tray.icon.icon()) == meeting
    actions.end_meeting.trigger()
    assert icon_image(tray.icon.icon()) == running
    actions.pause_30.trigger()
    assert icon_image(tray.icon.icon()) == paused
    actions.meeting_open.trigger()  # a meeting while paused: the meeting is what matters now
    assert icon_image(tray.icon.icon()) == meeting


def test_take_a_break_now_is_disabled_while_a_break_runs(qtbot: QtBot) -> None:
    controller, _clock, _deadline = make_controller()
    controller.start()
    actions = AppActions(controller)
    window = StatusWindow(controller, actions)
    qtbot.addWidget(window)
    assert actions.take_break.isEnabled()
    actions.take_break.trigger()
    controller.start_from_prompt()
    assert controller.status().phase is Phase.BREAK
    assert not actions.take_break.isEnabled()
    assert not window.take_button.isEnabled()
    controller.finish_break(True)
    assert actions.take_break.isEnabled()
    assert window.take_button.isEnabled()


def test_take_a_break_now_shows_the_prompt_and_start_opens_the_exercise(qtbot: QtBot) -> None:
    controller, _clock, _deadline = make_controller()
    controller.start()
    actions = AppActions(controller)
    session = BreakSession(controller, CATALOGUE, quiet_options())
    actions.take_break.trigger()
    assert session.prompt.isVisible()
    assert session.window is None
    qtbot.mouseClick(session.prompt.start_button, Qt.MouseButton.LeftButton)
    assert not session.prompt.isVisible()
    assert session.window is not None
    assert session.window.isVisible()
    assert session.window.windowTitle() == "Seated T-spine matrix — backbreak"
    assert controller.status().phase is Phase.BREAK
    session.close()  # closed: recorded as not taken, and the window is deleted
    qtbot.waitUntil(lambda: session.window is None)
    assert controller.planner.records[-1].outcome is Outcome.SKIPPED


def test_prompt_buttons_drive_the_planner_and_hide_the_prompt(qtbot: QtBot) -> None:
    controller, clock, deadline = make_controller()
    controller.start()
    session = BreakSession(controller, CATALOGUE, quiet_options())
    clock.advance(timedelta(minutes=45))
    deadline.due.emit()
    qtbot.waitUntil(session.prompt.isVisible)
    assert session.prompt.windowTitle() == PROMPT_TITLE
    assert "Seated T-spine matrix" in session.prompt.detail.text()
    qtbot.mouseClick(session.prompt.snooze_button, Qt.MouseButton.LeftButton)
    assert not session.prompt.isVisible()
    assert controller.status().phase is Phase.SNOOZED
    clock.advance(timedelta(minutes=10))
    deadline.due.emit()
    qtbot.waitUntil(session.prompt.isVisible)
    qtbot.mouseClick(session.prompt.skip_button, Qt.MouseButton.LeftButton)
    assert not session.prompt.isVisible()
    assert controller.planner.records[-1].outcome is Outcome.SKIPPED
    clock.advance(timedelta(minutes=45))
    deadline.due.emit()
    qtbot.waitUntil(session.prompt.isVisible)
    qtbot.mouseClick(session.prompt.start_button, Qt.MouseButton.LeftButton)
    assert session.window is not None
    assert session.window.isVisible()
    session.close()
    qtbot.waitUntil(lambda: session.window is None)


def test_the_prompt_does_not_take_keyboard_focus(qtbot: QtBot) -> None:
    editor = QLineEdit()
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    prompt = BreakPrompt(10)
    qtbot.addWidget(prompt)
    prompt.show_for(CATALOGUE["breathing"])
    qtbot.waitExposed(prompt)
    assert prompt.windowFlags() & Qt.WindowType.WindowDoesNotAcceptFocus
    assert prompt.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    qtbot.keyClicks(editor, "typing on")
    assert editor.text() == "typing on"
    assert QApplication.focusWidget() is editor
    assert all(
        b.focusPolicy() == Qt.FocusPolicy.NoFocus
        for b in (prompt.start_button, prompt.snooze_button, prompt.skip_button)
    )


PROMPT_WORDING = {
    "standing-side-bend": ("Time to stand up and move", ""),
    "seated-t-spine-matrix": ("Time for a seated exercise at your desk", ""),
    "seated-thoracic-extension": (
        "Time for a seated exercise at your desk",
        "Needs: chair with a firm backrest",
    ),
    "breathing": ("Time for a breathing break", ""),
    "foam-roll-thoracic-extension": (
        "Time for an exercise on the floor",
        "Needs: floor space, foam roller",
    ),
    "t-spine-rotation-all-fours": (
        "Time for an exercise on the floor",
        "Needs: floor space, mat or carpet",
    ),
    "sport-cord-rows": (
        "Time to stand up and move",
        "Needs: elastic cord anchored at chest height",
    ),
}


@pytest.mark.parametrize("exercise_id", sorted(PROMPT_WORDING))
def test_the_prompt_says_what_the_due_exercise_asks_for(qtbot: QtBot, exercise_id: str) -> None:
    heading, needs = PROMPT_WORDING[exercise_id]
    prompt = BreakPrompt(10)
    qtbot.addWidget(prompt)
    prompt.show_for(CATALOGUE["standing-side-bend"])
    prompt.show_for(CATALOGUE[exercise_id])  # shown again for another exercise: follows it
    assert prompt.heading.text() == heading
    assert prompt.needs.text() == needs
    assert prompt.needs.isVisible() == bool(needs)
    assert CATALOGUE[exercise_id].title in prompt.detail.text()


def test_prompt_sits_inside_the_screen(qtbot: QtBot) -> None:
    prompt = BreakPrompt(10)
    qtbot.addWidget(prompt)
    prompt.show_for(CATALOGUE["seated-t-spine-matrix"])
    area = prompt.screen().availableGeometry()
    assert area.contains(prompt.frameGeometry())


@pytest.mark.parametrize("exercise_id", sorted(CATALOGUE))
def test_exercise_window_completes_after_every_step(qtbot: QtBot, exercise_id: str) -> None:
    exercise = CATALOGUE[exercise_id]
    window = ExerciseWindow(exercise)
    qtbot.addWidget(window)
    seen_steps = []
    for _ in range(int(exercise.duration.total_seconds())):
        seen_steps.append(window.position.text())
        window.tick()
    assert seen_steps[0] == f"Step 1 of {len(exercise.steps)}"
    assert f"Step {len(exercise.steps)} of {len(exercise.steps)}" in seen_steps
    assert window.position.text() == "Done"
    with qtbot.waitSignal(window.finished) as done:
        qtbot.mouseClick(window.finish_button, Qt.MouseButton.LeftButton)
    assert done.args == ["completed"]


def test_closing_the_exercise_window_early_reports_closed(qtbot: QtBot) -> None:
    window = ExerciseWindow(CATALOGUE["breathing"])
    qtbot.addWidget(window)
    window.tick()
    with qtbot.waitSignal(window.finished) as done:
        window.close()
    assert done.args == ["closed"]


def test_finish_early_counts_the_time_done_and_close_counts_nothing(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="backbreak.controller")
    controller, clock, _deadline = make_controller()
    controller.start()
    session = BreakSession(controller, CATALOGUE, quiet_options())
    exercise = controller.status().exercise

    controller.take_break_now()
    controller.start_from_prompt()
    assert session.window is not None
    session.window.advance(12)
    qtbot.mouseClick(session.window.finish_early_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: session.window is None)
    early = controller.planner.records[-1]
    assert early.outcome is Outcome.ENDED_EARLY
    assert early.seconds == pytest.approx(12, abs=0.4)  # the real ticker adds a part second
    assert f"break {exercise}: ended early after 12 s, counted as a shorter break" in caplog.text
    assert controller.status().phase is Phase.WORKING

    controller.take_break_now()
    following = controller.status().exercise
    controller.start_from_prompt()
    assert session.window is not None
    session.window.advance(5)
    qtbot.mouseClick(session.window.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: session.window is None)
    closed = controller.planner.records[-1]
    assert closed.outcome is Outcome.SKIPPED
    assert closed.seconds == pytest.approx(5, abs=0.4)
    assert f"break {following}: closed after 5 s, not counted as taken (skipped)" in caplog.text
    status = controller.status()
    assert status.phase is Phase.WORKING  # a new interval, not the prompt straight back
    assert status.exercise == following  # like Skip: the same exercise comes next time
    assert status.next_prompt == clock.now() + timedelta(minutes=45)


def test_status_window_is_the_no_tray_home_and_closing_only_minimises(qtbot: QtBot) -> None:
    controller, _clock, _deadline = make_controller()
    controller.start()
    actions = AppActions(controller)
    window = StatusWindow(controller, actions)
    qtbot.addWidget(window)
    window.present()
    qtbot.waitExposed(window)
    assert window.status.text().startswith("backbreak — Next break at")
    window.close()
    assert window.isVisible()
    window.notify("backbreak settings", "line 1, column 3: broken")
    assert "line 1, column 3" in window.message.text()
    assert window.message.isVisible()


def test_settings_folder_is_created_and_handed_to_the_file_manager(
    qtbot: QtBot, tmp_path: Path
) -> None:
    opened: list[QUrl] = []
    folder = tmp_path / "config" / "backbreak"

    def open_url(url: QUrl) -> bool:
        opened.append(url)
        return True

    assert open_folder(folder, open_url)
    assert folder.is_dir()
    assert [url.toLocalFile() for url in opened] == [str(folder)]
    assert not open_folder(folder, lambda url: False)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert not open_folder(blocker / "sub", lambda url: True)


def test_remote_commands_present_the_shell_and_report_status(qtbot: QtBot) -> None:
    controller, _clock, _deadline = make_controller()
    controller.start()
    presented: list[bool] = []

    class Shell:
        def present(self, activation_token: str = "") -> str:
            presented.append(True)
            return "window"

    handle = RemoteCommands(controller, Shell())
    assert handle({"cmd": "activate"}) == {"ok": True, "shown": "window"}
    assert presented == [True]
    reply = handle({"cmd": "status"})
    assert reply["ok"] is True
    assert str(reply["status"]).startswith("Next break at ")
    assert handle({"cmd": "explode"}) == {"ok": False, "error": "unknown command 'explode'"}
    assert presented == [True]


def test_break_options_reach_the_exercise_window_and_the_safety_note_shows_once(
    qtbot: QtBot,
) -> None:
    controller, _clock, _deadline = make_controller()
    controller.start()
    chimes: list[int] = []

    def make_chime(volume: int) -> NullChime:
        chimes.append(volume)
        return NullChime()

    settings = Settings(
        break_=BreakSettings(breathing_pattern="slow", reduce_motion=True),
        sound=SoundSettings(volume=35),
    )
    options = BreakOptions(
        settings, show_safety_note=True, make_chime=make_chime, make_speaker=NullSpeaker
    )
    session = BreakSession(controller, CATALOGUE, options)
    controller.take_break_now()
    controller.start_from_prompt()
    window = session.window
    assert window is not None
    assert window.pattern.id == "slow"
    assert window.reduce_motion is True
    assert chimes == [35]
    assert window.safety_note is not None
    with qtbot.waitSignal(session.safety_note_seen):
        qtbot.mouseClick(window.safety_note.ok_button, Qt.MouseButton.LeftButton)
    session.close()
    qtbot.waitUntil(lambda: session.window is None)
    controller.take_break_now()
    controller.start_from_prompt()
    assert session.window is not None
    assert session.window.safety_note is not None  # the exercise's own lines, every time
    assert session.window.safety_note.points == CATALOGUE["seated-t-spine-matrix"].safety
    session.close()
    qtbot.waitUntil(lambda: session.window is None)


def test_chime_off_means_no_chime_is_made(qtbot: QtBot) -> None:
    made: list[int] = []

    def make_chime(volume: int) -> NullChime:
        made.append(volume)
        return NullChime()

    options = BreakOptions(
        Settings(sound=SoundSettings(chime=False)),
        make_chime=make_chime,
        make_speaker=NullSpeaker,
    )
    assert isinstance(options.chime(), NullChime)
    assert made == []
    assert isinstance(options.speaker(), NullSpeaker)


def test_about_says_what_backbreak_is_and_keeps_the_diagnosis_in_details(
    qtbot: QtBot, qapp: QApplication
) -> None:
    details = [
        "Settings: /home/u/.config/backbreak/settings.toml",
        "presence: in use: x11-screensaver",
    ]
    about = AboutWindow(details, folder=Path("/home/u/.config/backbreak"))
    qtbot.addWidget(about)
    about.present()
    qtbot.waitExposed(about)
    assert about.windowTitle() == "About backbreak"
    assert about.heading.text() == f"backbreak {__version__}"
    assert "mid-back" in about.intro.text()
    assert "Stop if the pain gets worse or feels sharp." in about.safety.text()
    assert "healthcare professional" in about.safety.text()
    for source in ("Physio-pedia", "Mayo Clinic", "Journal of Pain Research", "OrthoInfo"):
        assert source in about.sources.text()
    assert "GNU General Public License" in about.licence.text()
    assert "version 3" in about.licence.text()
    assert "PySide6" in about.credits.text()
    # The diagnosis is there for a bug report, folded away until asked for.
    for label in (about.intro, about.safety, about.sources, about.licence, about.credits):
        assert "presence" not in label.text()
    assert not about.details.isVisible()
    qtbot.mouseClick(about.details_toggle, Qt.MouseButton.LeftButton)
    assert about.details.isVisible()
    assert about.details.toPlainText() == "\n".join(details)
    # Open, it still fits a 1366x768 screen, and no wrapped text is squeezed.
    qtbot.waitUntil(lambda: about.details.height() > 0)
    assert about.height() <= 740
    for label in (about.intro, about.safety, about.sources, about.licence, about.credits):
        assert label.height() >= label.heightForWidth(label.width()), label.accessibleName()
    qtbot.mouseClick(about.copy_button, Qt.MouseButton.LeftButton)
    assert qapp.clipboard().text() == f"backbreak {__version__}\n" + "\n".join(details)
    qtbot.mouseClick(about.details_toggle, Qt.MouseButton.LeftButton)
    assert not about.details.isVisible()
    buttons = about.findChildren(QAbstractButton)
    assert buttons
    assert all(b.accessibleName() and b.accessibleDescription() for b in buttons)


def test_the_tray_menu_answers_a_due_prompt_and_the_prompt_goes(qtbot: QtBot) -> None:
    controller, _clock, _deadline = make_controller()
    controller.start()
    actions = AppActions(controller)
    session = BreakSession(controller, CATALOGUE, quiet_options())
    assert not actions.snooze.isVisible()
    actions.take_break.trigger()
    assert session.prompt.isVisible()
    assert actions.snooze.isVisible()
    assert actions.snooze.text() == "Snooze 10 min"
    actions.snooze.trigger()
    assert controller.status().phase is Phase.SNOOZED
    assert not session.prompt.isVisible()  # answered from the menu: the window goes too
    assert not actions.snooze.isVisible()

    actions.take_break.trigger()
    assert session.prompt.isVisible()
    actions.skip.trigger()
    assert not session.prompt.isVisible()
    assert controller.planner.records[-1].outcome is Outcome.SKIPPED

    actions.take_break.trigger()
    actions.start_prompted.trigger()
    assert not session.prompt.isVisible()
    assert session.window is not None
    session.close()
    qtbot.waitUntil(lambda: session.window is None)


class PlaceableTray:
    """A tray icon that Qt may not have placed in the tray yet."""

    def __init__(self, placed: bool) -> None:
        self.is_placed = placed
        self.messages: list[str] = []
        self.presented = 0

    def show(self) -> None:
        pass

    def hide(self) -> None:
        pass

    def renew(self) -> None:
        pass

    def placed(self) -> bool:
        return self.is_placed

    def notify(self, title: str, message: str) -> None:
        self.messages.append(f"{title}: {message}")

    def present(self) -> bool:
        self.presented += 1
        return True


def no_window() -> StatusPlace:
    raise AssertionError("the tray icon is the home: no status window is made")


def test_a_second_launch_brings_the_status_window_back_and_says_so(qtbot: QtBot) -> None:
    controller, _clock, _deadline = make_controller()
    controller.start()
    actions = AppActions(controller)
    windows: list[StatusWindow] = []

    def make_window() -> StatusWindow:
        windows.append(StatusWindow(controller, actions))
        qtbot.addWidget(windows[-1])
        return windows[-1]

    home = Home(PlaceableTray(True), make_window, tray_available=lambda: False)
    home.show()
    window = windows[0]
    qtbot.waitExposed(window)
    window.close()  # the close button only minimises
    qtbot.waitUntil(window.isMinimized)
    reply = RemoteCommands(controller, home)({"cmd": "activate"})
    assert reply == {"ok": True, "shown": "window"}
    assert window.isVisible()
    assert not window.isMinimized()


def test_a_second_launch_opens_the_tray_menu_and_says_so(qtbot: QtBot) -> None:
    controller, _clock, _deadline = make_controller()
    controller.start()
    tray = PlaceableTray(True)
    home = Home(tray, no_window, tray_available=lambda: True)
    home.show()
    assert RemoteCommands(controller, home)({"cmd": "activate"}) == {"ok": True, "shown": "menu"}
    assert tray.presented == 1


def test_a_message_waits_until_the_tray_has_placed_the_icon(qtbot: QtBot) -> None:
    """A balloon shown before the icon is docked points at the screen's corner."""
    tray = PlaceableTray(False)
    home = Home(tray, no_window, tray_available=lambda: True)
    home.show()
    home.notify("backbreak settings", "line 1: broken")
    assert tray.messages == []
    tray.is_placed = True
    qtbot.waitUntil(lambda: tray.messages == ["backbreak settings: line 1: broken"])
    home.notify("backbreak settings", "later")
    assert tray.messages[-1] == "backbreak settings: later"


def test_a_message_for_an_icon_never_placed_goes_to_the_status_window(qtbot: QtBot) -> None:
    tray, window = PlaceableTray(False), StatusPlaceFake()
    home = Home(tray, lambda: window, tray_available=lambda: True, place_wait_ms=300)
    home.show()
    home.notify("backbreak settings", "line 1: broken")
    qtbot.waitUntil(lambda: window.messages == ["backbreak settings: line 1: broken"])
    assert tray.messages == []


class StatusPlaceFake:
    def __init__(self) -> None:
        self.messages: list[str] = []

    def show(self) -> None:
        pass

    def hide(self) -> None:
        pass

    def present(self) -> None:
        pass

    def notify(self, title: str, message: str) -> None:
        self.messages.append(f"{title}: {message}")

    def notify_quietly(self, title: str, message: str) -> None:
        self.messages.append(f"quietly {title}: {message}")


def test_a_second_launch_hands_its_activation_token_to_the_window_it_brings_back(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On Wayland only a launch the user made may bring a window forward; the launcher's token
    (XDG_ACTIVATION_TOKEN) is what Qt passes to the compositor when the window is activated."""
    monkeypatch.delenv("XDG_ACTIVATION_TOKEN", raising=False)
    controller, _clock, _deadline = make_controller()
    seen: list[str | None] = []

    class Window(StatusPlaceFake):
        def present(self) -> None:
            seen.append(os.environ.get("XDG_ACTIVATION_TOKEN"))

    home = Home(PlaceableTray(True), Window, tray_available=lambda: False)
    home.show()
    handle = RemoteCommands(controller, home)
    token = "gnome-shell/backbreak/1234-5-host_TIME1234"
    assert handle({"cmd": "activate", "activation_token": token})["shown"] == "window"
    assert seen == [token]
    assert "XDG_ACTIVATION_TOKEN" not in os.environ  # never left for a later window
    # A peer's junk is not handed on.
    for junk in ("x" * 300, "a b", "tok\nen", "", 12, None, ["t"]):
        handle({"cmd": "activate", "activation_token": junk})
    handle({"cmd": "activate"})
    assert seen == [token] + [None] * 8


def test_where_the_app_cannot_pop_up_its_menu_a_second_launch_says_where_the_icon_is(
    qtbot: QtBot,
) -> None:
    """On Wayland an app cannot open a menu of its own accord (the compositor wants a window
    the user just used as its parent), so the tray says so rather than claiming a menu."""
    controller, _clock, _deadline = make_controller()
    actions = AppActions(controller)
    tray = TrayShell(controller, actions, menu_at_pointer=False)
    home = Home(tray, lambda: StatusPlaceFake(), tray_available=lambda: True)
    home.show()
    assert RemoteCommands(controller, home)({"cmd": "activate"}) == {"ok": True, "shown": "tray"}
    assert not tray.menu.isVisible()
    home.hide()


def test_where_it_can_a_second_launch_opens_the_tray_menu(qtbot: QtBot) -> None:
    controller, _clock, _deadline = make_controller()
    actions = AppActions(controller)
    tray = TrayShell(controller, actions, menu_at_pointer=True)
    home = Home(tray, lambda: StatusPlaceFake(), tray_available=lambda: True)
    home.show()
    assert RemoteCommands(controller, home)({"cmd": "activate"}) == {"ok": True, "shown": "menu"}
    qtbot.waitUntil(tray.menu.isVisible)
    tray.menu.hide()
    home.hide()
