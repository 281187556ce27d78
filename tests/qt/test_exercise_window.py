"""The guided break window, driven through Qt with a hand-fired ticker: no real waiting."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QProgressBar,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from backbreak.core.exercises import BREATHING_PATTERNS, Exercise, Step
from backbreak.resources import resources_dir
from backbreak.ui.breathing_pacer import BreathingPacer
from backbreak.ui.exercise_window import MAX_SIZE, Ending, ExerciseWindow
from backbreak.ui.illustration import clear_cache, render_svg
from backbreak.ui.safety import SAFETY_POINTS
from tests.qt.helpers import CATALOGUE
from tests.qt.screen_fit import report_at_200_percent
from tests.qt.widgets import activate, tab_chain

# An asymmetric drawing: a left-right flip is plain to see.
TEST_SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="120" height="120"
     viewBox="0 0 120 120">
  <rect x="8" y="20" width="30" height="80" fill="#b91c1c"/>
  <circle cx="90" cy="40" r="18" fill="#1d4ed8"/>
  <path d="M20 110 L110 70" stroke="#0f766e" stroke-width="7" stroke-linecap="round"/>
</svg>
"""


class FakeTicker(QObject):
    timeout = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.active = False
        self.starts = 0

    def start(self) -> None:
        self.active = True
        self.starts += 1

    def stop(self) -> None:
        self.active = False

    def fire(self, times: int = 1) -> None:
        for _ in range(times):
            if self.active:
                self.timeout.emit()


class FakeChime:
    available = True

    def __init__(self) -> None:
        self.plays = 0
        self.volume = 100

    def play(self) -> None:
        self.plays += 1

    def set_volume(self, volume: int) -> None:
        self.volume = volume


class FakeSpeaker:
    available = True

    def __init__(self) -> None:
        self.said: list[str] = []
        self.stops = 0

    def say(self, text: str) -> None:
        self.said.append(text)

    def stop(self) -> None:
        self.stops += 1


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "move.svg").write_text(TEST_SVG, encoding="utf-8")
    (tmp_path / "sit.svg").write_text(
        TEST_SVG.replace("#b91c1c", "#334155").replace("#1d4ed8", "#94a3b8"), encoding="utf-8"
    )
    return tmp_path


def make_exercise(folder: Path | None, *, breathing: bool = False) -> Exercise:
    steps = [
        Step("Sit tall.", 3, "sit.svg"),
        Step("Turn to one side.", 4, "move.svg"),
        Step("Turn to the other side.", 4, "move.svg", mirrored=True),
    ]
    if breathing:
        steps.append(Step("Follow the pacer.", 16, "sit.svg", breathing=True))
    steps.append(Step("Sit tall again.", 2, "sit.svg"))
    return Exercise(
        id="test-twist",
        title="Test twist",
        summary="A short test exercise.",
        position="seated",
        equipment=("chair",),
        office=True,
        steps=tuple(steps),
        safety=("Turn gently.",),
        folder=folder,
    )


def open_window(
    qtbot: QtBot, exercise: Exercise, **kwargs: object
) -> tuple[ExerciseWindow, FakeTicker]:
    ticker = FakeTicker()
    window = ExerciseWindow(exercise, ticker=ticker, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.start()
    qtbot.waitExposed(window)
    return window, ticker


def active_timers(widget: QWidget) -> list[QTimer]:
    return [timer for timer in widget.findChildren(QTimer) if timer.isActive()]


def test_steps_come_in_order_with_their_countdowns(qtbot: QtBot, folder: Path) -> None:
    exercise = make_exercise(folder)
    window, ticker = open_window(qtbot, exercise)
    assert ticker.active
    seen = []
    for _ in range(12):
        seen.append((window.position.text(), window.countdown.text(), window.instruction.text()))
        ticker.fire()
    assert window.countdown.text() == "1 s"
    assert seen[:4] == [
        ("Step 1 of 4", "3 s", "Sit tall."),
        ("Step 1 of 4", "2 s", "Sit tall."),
        ("Step 1 of 4", "1 s", "Sit tall."),
        ("Step 2 of 4", "4 s", "Turn to one side."),
    ]
    assert seen[7] == ("Step 3 of 4", "4 s", "Turn to the other side.")
    assert seen[11] == ("Step 4 of 4", "2 s", "Sit tall again.")
    assert window.progress.value() == round(1000 * 12 / 13)
    ticker.fire()
    assert window.position.text() == "Done"
    assert window.walkthrough.completed
    assert not ticker.active
    assert window.progress.value() == window.progress.maximum()


def test_mirrored_steps_show_the_same_drawing_flipped(qtbot: QtBot, folder: Path) -> None:
    window, _ticker = open_window(qtbot, make_exercise(folder))
    window.next_step()
    assert window.illustration.path == folder / "move.svg"
    assert not window.illustration.mirrored
    plain = window.illustration.pixmap().toImage()
    window.next_step()
    assert window.illustration.path == folder / "move.svg"
    assert window.illustration.mirrored
    mirrored = window.illustration.pixmap().toImage()
    assert not plain.isNull()
    assert mirrored != plain
    assert mirrored == plain.flipped(Qt.Orientation.Horizontal)


def test_pause_stops_the_countdown_and_resume_carries_on(qtbot: QtBot, folder: Path) -> None:
    window, ticker = open_window(qtbot, make_exercise(folder))
    ticker.fire()
    qtbot.mouseClick(window.pause_button, Qt.MouseButton.LeftButton)
    assert window.walkthrough.paused
    assert not ticker.active
    assert window.paused_label.isVisible()
    assert window.pause_button.text() == "Resume"
    assert window.pause_button.accessibleName() == "Resume"
    window.advance(30)  # time while paused does not count
    assert window.countdown.text() == "2 s"
    assert window.seconds_done == 1
    qtbot.mouseClick(window.pause_button, Qt.MouseButton.LeftButton)
    assert not window.walkthrough.paused
    assert ticker.active
    assert not window.paused_label.isVisible()
    ticker.fire()
    assert window.countdown.text() == "1 s"
    assert window.seconds_done == 2


def test_back_and_next_buttons(qtbot: QtBot, folder: Path) -> None:
    window, ticker = open_window(qtbot, make_exercise(folder))
    qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
    assert window.position.text() == "Step 2 of 4"
    assert window.countdown.text() == "4 s"
    ticker.fire(2)
    qtbot.mouseClick(window.back_button, Qt.MouseButton.LeftButton)
    assert window.position.text() == "Step 1 of 4"
    assert window.countdown.text() == "3 s"
    for _ in range(4):
        qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
    assert window.position.text() == "Done"


def test_finishing_reports_completed(qtbot: QtBot, folder: Path) -> None:
    window, ticker = open_window(qtbot, make_exercise(folder))
    ticker.fire(13)
    assert window.walkthrough.completed
    assert window.finish_button.isVisible()
    assert not window.next_button.isVisible()
    assert "Well done" in window.instruction.text()
    with qtbot.waitSignal(window.finished) as done:
        qtbot.mouseClick(window.finish_button, Qt.MouseButton.LeftButton)
    assert done.args == ["completed"]
    assert not window.isVisible()
    assert window.seconds_done == 13


def test_close_reports_closed_not_a_break_taken(qtbot: QtBot, folder: Path) -> None:
    window, ticker = open_window(qtbot, make_exercise(folder))
    ticker.fire(5)
    reports: list[str] = []
    window.finished.connect(reports.append)
    qtbot.mouseClick(window.close_button, Qt.MouseButton.LeftButton)
    assert reports == [Ending.CLOSED]
    assert window.seconds_done == 5
    assert not window.isVisible()
    window.close()  # reported once only
    assert reports == [Ending.CLOSED]


def test_finish_early_reports_ended_early_not_closed(qtbot: QtBot, folder: Path) -> None:
    window, ticker = open_window(qtbot, make_exercise(folder))
    ticker.fire(4)
    reports: list[str] = []
    window.finished.connect(reports.append)
    qtbot.mouseClick(window.finish_early_button, Qt.MouseButton.LeftButton)
    assert reports == [Ending.ENDED_EARLY]
    assert window.seconds_done == 4
    assert not window.walkthrough.running
    assert not window.isVisible()
    window.close()
    assert reports == [Ending.ENDED_EARLY]


def test_finish_early_and_close_say_what_each_records(qtbot: QtBot, folder: Path) -> None:
    window, _ticker = open_window(qtbot, make_exercise(folder))
    early = window.finish_early_button.accessibleDescription()
    close = window.close_button.accessibleDescription()
    assert "counts as a shorter break" in early
    assert "not counted" in close
    assert window.finish_early_button.toolTip() == early
    assert window.close_button.toolTip() == close


def test_closing_after_completion_counts_as_completed(qtbot: QtBot, folder: Path) -> None:
    window, ticker = open_window(qtbot, make_exercise(folder))
    ticker.fire(13)
    with qtbot.waitSignal(window.finished) as done:
        window.close()
    assert done.args == ["completed"]


def test_keyboard_only(qtbot: QtBot, folder: Path) -> None:
    window, ticker = open_window(qtbot, make_exercise(folder))
    activate(qtbot, window)
    QTest.keyClick(window, Qt.Key.Key_Space)
    assert window.walkthrough.paused
    QTest.keyClick(window, Qt.Key.Key_Space)
    assert not window.walkthrough.paused
    QTest.keyClick(window, Qt.Key.Key_Right)
    assert window.position.text() == "Step 2 of 4"
    QTest.keyClick(window, Qt.Key.Key_Right)
    assert window.position.text() == "Step 3 of 4"
    QTest.keyClick(window, Qt.Key.Key_Left)
    assert window.position.text() == "Step 2 of 4"
    # Space pauses even with a button focused; Enter presses the focused button.
    window.next_button.setFocus()
    qtbot.waitUntil(window.next_button.hasFocus)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert window.walkthrough.paused
    assert window.position.text() == "Step 2 of 4"
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert window.position.text() == "Step 3 of 4"
    QTest.keyClick(window, Qt.Key.Key_Space)
    ticker.fire(6)
    assert window.position.text() == "Done"
    qtbot.waitUntil(window.finish_button.hasFocus)
    with qtbot.waitSignal(window.finished) as done:
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert done.args == ["completed"]


def test_escape_closes_without_counting_the_break(qtbot: QtBot, folder: Path) -> None:
    window, ticker = open_window(qtbot, make_exercise(folder))
    activate(qtbot, window)
    ticker.fire(2)
    with qtbot.waitSignal(window.finished) as done:
        QTest.keyClick(window, Qt.Key.Key_Escape)
    assert done.args == ["closed"]
    assert window.seconds_done == 2
    assert not window.isVisible()


def test_tab_order_runs_through_the_controls_left_to_right(qtbot: QtBot, folder: Path) -> None:
    window, _ticker = open_window(qtbot, make_exercise(folder), show_safety_note=True)
    activate(qtbot, window)
    assert window.safety_note is not None
    expected = [
        window.safety_note.ok_button,
        window.back_button,
        window.pause_button,
        window.next_button,
        window.finish_early_button,
        window.close_button,
    ]
    assert tab_chain(qtbot, expected[0], 7) == [*expected, expected[0]]
    assert list(window.tab_order[: len(expected)]) == expected


def test_every_control_has_an_accessible_name_and_description(qtbot: QtBot, folder: Path) -> None:
    window, _ticker = open_window(
        qtbot, make_exercise(folder, breathing=True), show_safety_note=True
    )
    controls: list[QWidget] = [
        *window.findChildren(QAbstractButton),
        *window.findChildren(QProgressBar),
        *window.findChildren(BreathingPacer),
    ]
    assert len(controls) >= 9
    for widget in controls:
        assert widget.accessibleName(), widget
        assert widget.accessibleDescription(), widget.accessibleName()
    for widget in window.findChildren(QWidget):
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            assert isinstance(widget, QAbstractButton), widget


def test_illustrations_render_crisp_at_1x_and_2x() -> None:
    folder = resources_dir() / "illustrations"
    files = sorted(folder.glob("*.svg")) or sorted((resources_dir() / "icons").glob("*.svg"))
    assert files
    clear_cache()
    for path in files:
        one = render_svg(path, QSize(120, 120), 1.0)
        two = render_svg(path, QSize(120, 120), 2.0)
        assert (one.width(), one.height(), one.devicePixelRatio()) == (120, 120, 1.0)
        assert (two.width(), two.height(), two.devicePixelRatio()) == (240, 240, 2.0)
        assert two.deviceIndependentSize().toSize() == QSize(120, 120)
        for pixmap in (one, two):
            image = pixmap.toImage().convertToFormat(QImage.Format.Format_ARGB32)
            opaque = sum(
                1
                for y in range(0, image.height(), 4)
                for x in range(0, image.width(), 4)
                if image.pixelColor(x, y).alpha() > 0
            )
            assert opaque > 20, path.name
        # 2x is drawn afresh at full resolution, not the 1x drawing scaled up.
        upscaled = one.toImage().scaled(240, 240)
        assert two.toImage().convertToFormat(upscaled.format()) != upscaled


def test_renders_are_cached_and_mirroring_is_one_drawing_flipped(folder: Path) -> None:
    clear_cache()
    path = folder / "move.svg"
    plain = render_svg(path, QSize(90, 90), 2.0)
    assert render_svg(path, QSize(90, 90), 2.0).cacheKey() == plain.cacheKey()
    mirrored = render_svg(path, QSize(90, 90), 2.0, mirrored=True)
    assert mirrored.devicePixelRatio() == 2.0
    assert mirrored.toImage() == plain.toImage().flipped(Qt.Orientation.Horizontal)
    assert render_svg(folder / "missing.svg", QSize(90, 90)).isNull()


def test_the_pacer_replaces_the_illustration_on_a_breathing_step(
    qtbot: QtBot, folder: Path
) -> None:
    exercise = make_exercise(folder, breathing=True)
    window, ticker = open_window(qtbot, exercise, pattern=BREATHING_PATTERNS["box"])
    assert window.pacer is not None
    pacer = window.pacer
    assert not pacer.isVisible()
    assert not pacer.animating
    ticker.fire(11)
    assert window.stack.currentWidget() is pacer
    assert pacer.isVisible()
    assert pacer.animating  # ~30 fps while on screen and running
    assert window.countdown.text() == "16 s left"
    ticker.fire(2)
    assert pacer.state.phase == "in"
    small = pacer.level
    ticker.fire(1)
    assert pacer.level > small  # grows breathing in
    assert pacer.phase_label.text() == "Breathe in"
    ticker.fire(6)
    assert pacer.phase_label.text() == "Breathe out"
    big = pacer.level
    ticker.fire(1)
    assert pacer.level < big  # shrinks breathing out
    window.pause()
    assert not pacer.animating
    window.resume()
    assert pacer.animating
    ticker.fire(6)
    assert window.stack.currentWidget() is window.illustration
    assert not pacer.animating


def test_pacer_size_follows_the_breath(qtbot: QtBot) -> None:
    pacer = BreathingPacer(BREATHING_PATTERNS["box"], clock=lambda: 0.0)
    qtbot.addWidget(pacer)
    sizes = []
    for tenth in range(0, 161, 5):
        pacer.set_elapsed(tenth / 10)
        sizes.append((pacer.state.phase, pacer.level, pacer.circle.radius()))
    growing = [size for phase, size, _r in sizes[:8]]
    assert growing == sorted(growing)
    assert sizes[0][0] == "in"
    shrinking = [size for phase, size, _r in sizes[16:24]]
    assert shrinking == sorted(shrinking, reverse=True)
    pacer.set_elapsed(2)
    assert pacer.count_label.text() == "2"
    assert pacer.phase_label.text() == "Breathe in"


def test_reduce_motion_shows_a_countdown_and_nothing_moves(qtbot: QtBot, folder: Path) -> None:
    exercise = make_exercise(folder, breathing=True)
    window, ticker = open_window(
        qtbot, exercise, pattern=BREATHING_PATTERNS["slow"], reduce_motion=True
    )
    assert window.pacer is not None
    pacer = window.pacer
    ticker.fire(11)
    assert window.stack.currentWidget() is pacer
    assert pacer.isVisible()
    assert not pacer.circle.isVisible()
    assert not pacer.animating
    assert not pacer.frame_timer.isActive()
    seen = []
    for _ in range(8):
        seen.append((pacer.phase_label.text(), pacer.count_label.text()))
        ticker.fire()
    assert seen == [
        ("Breathe in", "6"),
        ("Breathe in", "5"),
        ("Breathe in", "4"),
        ("Breathe in", "3"),
        ("Breathe in", "2"),
        ("Breathe in", "1"),
        ("Breathe out", "5"),
        ("Breathe out", "4"),
    ]
    assert not pacer.frame_timer.isActive()
    # A breathing step lasts whole breaths: 16 s of "slow" (11 s a breath) becomes 11 s.
    assert window.walkthrough.step_seconds == 11


def test_chime_at_each_step_change_and_speech_reads_each_step(qtbot: QtBot, folder: Path) -> None:
    chime = FakeChime()
    speaker = FakeSpeaker()
    exercise = make_exercise(folder)
    window, ticker = open_window(qtbot, exercise, chime=chime, speaker=speaker)
    assert chime.plays == 0
    assert speaker.said == ["Sit tall."]
    ticker.fire(3)
    assert chime.plays == 1
    window.next_step()
    assert chime.plays == 2
    window.back()
    assert chime.plays == 3
    ticker.fire(13)
    assert window.walkthrough.completed
    assert chime.plays == 3 + 2 + 1  # two more steps and the end
    assert speaker.said[:3] == ["Sit tall.", "Turn to one side.", "Turn to the other side."]
    assert speaker.said[-1] == "Well done."
    window.close()
    assert speaker.stops >= 1


def test_no_chime_when_sound_is_off(qtbot: QtBot, folder: Path) -> None:
    chime = FakeChime()
    window, ticker = open_window(qtbot, make_exercise(folder))  # no chime given: silent
    ticker.fire(13)
    assert window.walkthrough.completed
    assert chime.plays == 0


def test_safety_note_shows_first_and_got_it_is_remembered(qtbot: QtBot, folder: Path) -> None:
    window, _ticker = open_window(qtbot, make_exercise(folder), show_safety_note=True)
    note = window.safety_note
    assert note is not None
    assert note.isVisible()
    assert note.geometry().top() < window.title.geometry().top()
    assert "feels sharp" in " ".join(SAFETY_POINTS)
    assert "healthcare professional" in " ".join(SAFETY_POINTS)
    assert "not replace" in " ".join(SAFETY_POINTS) or "do not replace" in " ".join(SAFETY_POINTS)
    assert not note.isWindow()
    with qtbot.waitSignal(window.safety_note_acknowledged):
        qtbot.mouseClick(note.ok_button, Qt.MouseButton.LeftButton)
    assert not note.isVisible()
    later, _ticker = open_window(qtbot, make_exercise(folder))
    assert later.safety_note is not None  # the exercise's own line, every time
    assert later.safety_note.points == ("Turn gently.",)


def test_an_exercise_without_safety_lines_shows_no_note_after_the_first(
    qtbot: QtBot, folder: Path
) -> None:
    exercise = replace(make_exercise(folder), safety=())
    window, _ticker = open_window(qtbot, exercise)
    assert window.safety_note is None
    first, _ticker = open_window(qtbot, exercise, show_safety_note=True)
    assert first.safety_note is not None
    assert first.safety_note.points == SAFETY_POINTS


def test_the_exercises_own_safety_lines_come_first_at_its_start(qtbot: QtBot) -> None:
    exercise = CATALOGUE["foam-roll-thoracic-extension"]
    window, _ticker = open_window(qtbot, exercise)
    note = window.safety_note
    assert note is not None
    assert note.isVisible()
    assert note.geometry().bottom() < window.title.geometry().top()
    assert note.points == exercise.safety
    assert "osteoporosis" in note.text.text()
    assert SAFETY_POINTS[3] not in note.text.text()  # the general note was seen already
    assert "osteoporosis" in note.accessibleDescription()
    with qtbot.assertNotEmitted(window.safety_note_acknowledged):
        qtbot.mouseClick(note.ok_button, Qt.MouseButton.LeftButton)
    assert not note.isVisible()


def test_the_first_break_combines_both_notes_without_saying_things_twice(
    qtbot: QtBot,
) -> None:
    exercise = CATALOGUE["foam-roll-thoracic-extension"]
    window, _ticker = open_window(qtbot, exercise, show_safety_note=True)
    note = window.safety_note
    assert note is not None
    # Its own lines first; of the general points only those they do not already say
    # (its lines already ask to move within comfort and to stop if the pain gets worse).
    assert note.points == (*exercise.safety, SAFETY_POINTS[2], SAFETY_POINTS[3])
    with qtbot.waitSignal(window.safety_note_acknowledged):
        qtbot.mouseClick(note.ok_button, Qt.MouseButton.LeftButton)


def test_the_window_is_small_on_top_and_never_grabs(qtbot: QtBot, folder: Path) -> None:
    window, _ticker = open_window(qtbot, make_exercise(folder, breathing=True))
    assert window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert not window.isModal()
    assert window.windowModality() is Qt.WindowModality.NonModal
    assert QWidget.keyboardGrabber() is None
    assert QWidget.mouseGrabber() is None
    assert window.width() <= MAX_SIZE.width()
    assert window.height() <= MAX_SIZE.height()
    screen = QGuiApplication.screenAt(window.frameGeometry().center())
    assert screen is not None
    area = screen.availableGeometry()
    centre = window.frameGeometry().center()
    assert abs(centre.x() - area.center().x()) <= 2
    assert abs(centre.y() - area.center().y()) <= 2


@pytest.mark.parametrize("exercise_id", sorted(CATALOGUE))
@pytest.mark.parametrize("safety", [False, True])
def test_every_exercise_fits_in_480_by_600(qtbot: QtBot, exercise_id: str, safety: bool) -> None:
    window = ExerciseWindow(CATALOGUE[exercise_id], show_safety_note=safety, ticker=FakeTicker())
    qtbot.addWidget(window)
    hint = window.sizeHint()
    assert hint.width() <= 480
    assert hint.height() <= 600
    minimum = window.minimumSizeHint()
    assert minimum.width() <= 480
    assert minimum.height() <= 600


def test_no_timer_runs_once_the_window_is_closed(qtbot: QtBot, folder: Path) -> None:
    window = ExerciseWindow(make_exercise(folder, breathing=True))  # the real 1 s ticker
    qtbot.addWidget(window)
    assert active_timers(window) == []  # not shown: nothing ticks
    window.start()
    qtbot.waitExposed(window)
    window.advance(11)  # on the breathing step: ticker and pacer frames
    assert len(active_timers(window)) == 2
    window.pause()
    assert active_timers(window) == []
    window.resume()
    with qtbot.waitSignal(window.finished):
        window.close()
    assert active_timers(window) == []


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_ticking_keeps_the_reference_to_none(qtbot: QtBot, folder: Path) -> None:
    # PySide6 6.12.0 under Python 3.11 drops a reference to None on every void Qt
    # call; a few thousand calls abort the process. pyproject.toml keeps it out.
    _window, ticker = open_window(qtbot, make_exercise(folder, breathing=True))
    ticker.fire(12)
    before = sys.getrefcount(None)
    ticker.fire(10)
    assert sys.getrefcount(None) >= before - 5


def controls_outside(window: ExerciseWindow, area: QRect) -> list[str]:
    """The visible buttons that are not wholly inside ``area``."""
    widgets = [button for button in window.findChildren(QPushButton) if button.isVisible()]
    outside = []
    for widget in widgets:
        rect = QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())
        if not area.contains(rect):
            outside.append(f"{widget.accessibleName() or widget.objectName()} at {rect}")
    return outside


@pytest.mark.parametrize(
    ("area", "everything_shown"),
    [
        (QRect(0, 0, 683, 354), True),
        (QRect(40, 30, 600, 330), True),
        (QRect(0, 0, 400, 300), False),
    ],
    ids=["1366x768-at-200%-with-a-panel", "small-offset", "800x600-at-200%"],
)
@pytest.mark.parametrize("exercise_id", ["foam-roll-thoracic-extension", "breathing"])
def test_the_window_fits_a_small_screen_with_every_button_on_it(
    qtbot: QtBot, area: QRect, everything_shown: bool, exercise_id: str
) -> None:
    window = ExerciseWindow(CATALOGUE[exercise_id], show_safety_note=True, ticker=FakeTicker())
    qtbot.addWidget(window)
    window.fit_to(area)
    window.show()
    qtbot.waitExposed(window)
    assert area.contains(window.frameGeometry())
    assert controls_outside(window, area) == []
    assert window.illustration.height() > 0  # smaller, but still there
    assert window.safety_note is not None
    window.safety_note.ok_button.click()
    for _ in range(len(window.exercise.steps)):  # the pacer and the longest text fit too
        window.next_step()
        assert controls_outside(window, area) == []
        if everything_shown:  # the smallest layout fits: nothing scrolls out of sight
            qtbot.waitUntil(lambda: not window.scroller.verticalScrollBar().isVisible())


FIT_CHECK = """
import json, sys
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QPushButton
from backbreak.ui.exercise_window import ExerciseWindow
from tests.qt.helpers import CATALOGUE

app = QApplication([])
area = app.primaryScreen().availableGeometry()
problems = []
for exercise in CATALOGUE.values():
    for first in (True, False):
        window = ExerciseWindow(exercise, show_safety_note=first)
        window.start()
        app.processEvents()
        frame = window.frameGeometry()
        if not area.contains(frame):
            problems.append(f"{exercise.id}: frame {frame} outside {area}")
        for button in window.findChildren(QPushButton):
            if button.isVisible():
                rect = QRect(button.mapToGlobal(QPoint(0, 0)), button.size())
                if not area.contains(rect):
                    problems.append(f"{exercise.id}: {button.text()} at {rect}")
        window.close()
print(json.dumps({"area": [area.width(), area.height()], "problems": problems}))
"""


def test_the_window_fits_1366_by_768_at_200_percent(tmp_path: Path) -> None:
    assert report_at_200_percent(tmp_path, FIT_CHECK)["problems"] == []


def test_the_user_may_move_the_window_once_it_is_fitted(qtbot: QtBot, folder: Path) -> None:
    window, _ticker = open_window(qtbot, make_exercise(folder))
    size = window.size()
    area = window.screen().availableGeometry()
    corner = QPoint(area.right() - 50, area.bottom() - 50)  # mostly off the screen
    window.move(corner)
    qtbot.waitUntil(lambda: window.pos() == corner)
    assert window.size() == size
