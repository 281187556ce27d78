"""The guided break: one step at a time, with its illustration, a countdown and a chime.

A small window on the screen the mouse is on, above other windows, that can take
the keyboard focus but never grabs it, and fits that screen's free area at any scale
(:meth:`ExerciseWindow.fit_to`). The walkthrough (``backbreak.core.walkthrough``)
keeps the time; the window shows it and forwards the controls:

- Space pauses and resumes, Left and Right go back and forward, Esc closes; every
  button works with Tab and Enter too.
- A breathing step shows the breathing pacer instead of an illustration.
- ``finished`` says how it ended, once (an :class:`Ending`): ``"completed"`` (all steps
  done), ``"ended early"`` (Finish early: the time done counts as a shorter break) or
  ``"closed"`` (Close, Esc, the window's close button: not counted as a break taken);
  ``seconds_done`` tells how long was exercised.

Time comes from a ticker: by default a 1 s ``QTimer`` that runs only while the
window is shown and the walkthrough is running. Tests pass their own ticker (an
object with ``start()``, ``stop()`` and a ``timeout`` signal) or call ``advance``.
"""

from __future__ import annotations

import enum
import html
import itertools
from collections.abc import Sequence
from typing import Protocol

from PySide6.QtCore import QMargins, QRect, QSize, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import (
    QCloseEvent,
    QCursor,
    QFontMetrics,
    QGuiApplication,
    QHideEvent,
    QKeySequence,
    QMoveEvent,
    QResizeEvent,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from backbreak.config.exercise_files import illustration_path
from backbreak.core.breathing import whole_breaths
from backbreak.core.exercises import (
    BREATHING_PATTERNS,
    DEFAULT_BREATHING_PATTERN,
    BreathingPattern,
    Exercise,
    Step,
)
from backbreak.core.walkthrough import Completed, EndedEarly, Event, StepChanged, Walkthrough
from backbreak.platform.sound import Chime, NullChime
from backbreak.platform.speech import NullSpeaker, Speaker
from backbreak.ui.breathing_pacer import BreathingPacer, relative_font
from backbreak.ui.illustration import IllustrationView, clear_cache
from backbreak.ui.prompt_text import describe_duration
from backbreak.ui.safety import SafetyNote, safety_points
from backbreak.ui.scroll_box import ScrollBody, ScrollBox

MAX_SIZE = QSize(480, 600)
"""The window's largest size, in logical pixels; on a smaller screen (or a larger scale
factor) it fits the screen's available area instead (:meth:`ExerciseWindow.fit_to`)."""
MIN_WIDTH = 420
WIDE_WIDTH = 640
"""How wide the window may grow on a screen short of height, so text takes fewer lines."""
COMPACT_BELOW = 480
"""Below this much height (logical pixels) the window tightens its spacing."""
MIN_PICTURE = 48
"""The smallest the illustration gets, in logical pixels, before the window scrolls."""
TICK_MS = 1000
DONE_TEXT = "You gave your back {time}. Back to work, a little looser."
SHORT_DONE_TEXT = "Back to work, a little looser."
MIN_SECONDS_WORTH_SAYING = 10  # stepping through with Next should not read "0 s"


class Ending(enum.StrEnum):
    """How a guided break ended, as ``finished`` reports it."""

    COMPLETED = "completed"
    ENDED_EARLY = "ended early"
    """Finish early: what was done counts as a (shorter) break."""
    CLOSED = "closed"
    """Closed before the end: the break is not counted as taken."""


class Ticker(Protocol):
    """What drives the walkthrough: ``timeout`` once a second between ``start()`` and ``stop()``."""

    @property
    def timeout(self) -> SignalInstance: ...

    def start(self) -> None: ...

    def stop(self) -> None: ...


def _set_text(widget: QLabel | QPushButton, text: str) -> bool:
    """Set ``text`` unless it is already there; whether it changed."""
    if widget.text() == text:
        return False
    widget.setText(text)
    return True


def format_countdown(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds} s"
    minutes, rest = divmod(seconds, 60)
    return f"{minutes}:{rest:02d}"


class ExerciseWindow(QWidget):
    """Walks through ``exercise``; emits ``finished(ending)`` exactly once."""

    finished = Signal(str)  # an Ending
    safety_note_acknowledged = Signal()

    def __init__(
        self,
        exercise: Exercise,
        *,
        pattern: BreathingPattern | None = None,
        reduce_motion: bool = False,
        chime: Chime | None = None,
        speaker: Speaker | None = None,
        ticker: Ticker | None = None,
        show_safety_note: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self.exercise = exercise
        self.pattern = pattern or BREATHING_PATTERNS[DEFAULT_BREATHING_PATTERN]
        self.reduce_motion = reduce_motion
        self._chime: Chime = chime if chime is not None else NullChime()
        self._speaker: Speaker = speaker if speaker is not None else NullSpeaker()
        self.walkthrough = Walkthrough(
            [
                whole_breaths(step.seconds, self.pattern) if step.breathing else step.seconds
                for step in exercise.steps
            ]
        )
        self._reported = False
        self._ticking = False
        self._shown_step: int | None = None
        self._area: QRect | None = None  # where fit_to() last fitted the window
        self._fitting = False
        self._settled = False  # checked against the window manager's frame once shown
        self._fitted_frame = QMargins()  # the frame fit_to() allowed for

        self.setWindowTitle(f"{exercise.title} — backbreak")
        self.setAccessibleName(f"{exercise.title}, guided exercise")
        self.setAccessibleDescription(exercise.summary)

        if ticker is None:
            timer = QTimer(self)
            timer.setObjectName("exerciseTicker")
            timer.setInterval(TICK_MS)
            ticker = timer
        self._ticker = ticker
        self._ticker.timeout.connect(self.tick)

        self._build(show_safety_note)
        self._show_step()

    # -- building -------------------------------------------------------------

    def _build(self, show_safety_note: bool) -> None:
        # The exercise's own safety lines at every start; the general points the first time.
        self.safety_note: SafetyNote | None = None
        self._general_safety = show_safety_note
        points = safety_points(self.exercise.safety, general=show_safety_note)
        if points:
            self.safety_note = SafetyNote(points, self, remembered=show_safety_note)
            self.safety_note.acknowledged.connect(self._safety_acknowledged)

        self.title = QLabel(self.exercise.title, self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # a title is never markup
        self.title.setFont(relative_font(self.font(), 1.25, bold=True))
        self.title.setWordWrap(True)
        self.position = QLabel("", self)
        self.position.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(max(6, self.fontMetrics().height() // 2))
        self.progress.setAccessibleName("Exercise progress")

        self.illustration = IllustrationView(self, preferred=220)
        self.illustration.setAccessibleName("Illustration")
        # On a small screen the drawing gives way first, down to a thumbnail.
        self.illustration.setMinimumSize(QSize(MIN_PICTURE, MIN_PICTURE))
        self.pacer: BreathingPacer | None = None
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.illustration)
        if any(step.breathing for step in self.exercise.steps):
            self.pacer = BreathingPacer(self.pattern, reduce_motion=self.reduce_motion)
            self.stack.addWidget(self.pacer)

        self.instruction = QLabel("", self)
        self.instruction.setTextFormat(Qt.TextFormat.PlainText)
        self.instruction.setWordWrap(True)
        self.instruction.setFont(relative_font(self.font(), 1.1))
        self.instruction.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.instruction.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.countdown = QLabel("", self)
        self._large_countdown_font = relative_font(self.font(), 2.0, bold=True)
        self._small_countdown_font = relative_font(self.font(), 1.2, bold=True)
        self._countdown_font = self._large_countdown_font
        self.countdown.setFont(self._countdown_font)
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown.setAccessibleName("Time left in this step")
        self.paused_label = QLabel("Paused", self)
        self.paused_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.paused_label.setFont(relative_font(self.font(), 1.0, bold=True))
        self.paused_label.setStyleSheet("color: #b45309;")
        self.paused_label.hide()

        self.back_button = self._button(
            "Back", "Back", "Go back to the previous step (Left arrow)", self.back
        )
        self.pause_button = self._button(
            "Pause", "Pause", "Pause the countdown (Space)", self.toggle_pause
        )
        self.next_button = self._button(
            "Next", "Next step", "Skip to the next step (Right arrow)", self.next_step
        )
        self.finish_early_button = self._button(
            "Finish early",
            "Finish early",
            "End the exercise here: the time done counts as a shorter break",
            self.finish_early,
        )
        self.close_button = self._button(
            "Close",
            "Close",
            "Close without taking the break: it is not counted, a new interval starts (Esc)",
            self.close,
        )
        self.finish_button = self._button(
            "Finish", "Finish", "Finish the break and get back to work (Enter)", self._finish
        )
        self.finish_button.setDefault(True)
        self.finish_button.hide()

        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.position)
        timer_row = QHBoxLayout()
        timer_row.addStretch(1)
        timer_row.addWidget(self.countdown)
        timer_row.addWidget(self.paused_label)
        timer_row.addStretch(1)
        # Two groups in one row; on a narrow screen the ending buttons go to a second row.
        self._nav_buttons = QHBoxLayout()
        self._nav_buttons.setSpacing(6)
        for button in (self.back_button, self.pause_button, self.next_button):
            self._nav_buttons.addWidget(button)
        self._end_buttons = QHBoxLayout()
        self._end_buttons.setSpacing(6)
        self._end_buttons.addStretch(1)
        for button in (self.finish_early_button, self.close_button, self.finish_button):
            self._end_buttons.addWidget(button)
        self.buttons = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.buttons.setSpacing(12)
        self.buttons.addLayout(self._nav_buttons)
        self.buttons.addLayout(self._end_buttons, 1)

        # Everything above the buttons; it scrolls only on a screen too small for even the
        # smallest drawing, so the buttons are always on screen.
        self.body = ScrollBody()
        body = self._body_layout = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        if self.safety_note is not None:
            body.addWidget(self.safety_note)
        body.addLayout(header)
        body.addWidget(self.progress)
        body.addWidget(self.stack, 1)
        body.addWidget(self.instruction)
        body.addLayout(timer_row)
        self.scroller = ScrollBox(self.body, self, min_lines=3)

        layout = self._layout = QVBoxLayout(self)
        layout.addWidget(self.scroller, 1)
        layout.addLayout(self.buttons)
        self.compact = True
        self._set_compact(False)

        order: list[QWidget] = []
        if self.safety_note is not None:
            order.append(self.safety_note.ok_button)
        order += [
            self.back_button,
            self.pause_button,
            self.next_button,
            self.finish_early_button,
            self.close_button,
            self.finish_button,
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        self.tab_order: tuple[QWidget, ...] = tuple(order)

        self._shortcuts = {
            "pause": self._shortcut(Qt.Key.Key_Space, self.toggle_pause),
            "back": self._shortcut(Qt.Key.Key_Left, self.back),
            "next": self._shortcut(Qt.Key.Key_Right, self.next_step),
            "close": self._shortcut(Qt.Key.Key_Escape, self.close),
            "finish": self._shortcut(Qt.Key.Key_Return, self._finish),
            "finish-enter": self._shortcut(Qt.Key.Key_Enter, self._finish),
        }
        self._shortcuts["finish"].setEnabled(False)
        self._shortcuts["finish-enter"].setEnabled(False)

    def _button(self, text: str, name: str, description: str, action: object) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(name)
        button.setAccessibleDescription(description)
        button.setToolTip(description)
        # Space belongs to pause/resume, so Enter activates the focused button.
        button.setAutoDefault(True)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.clicked.connect(action)
        return button

    def _shortcut(self, key: Qt.Key, action: object) -> QShortcut:
        shortcut = QShortcut(QKeySequence(key), self)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.setAutoRepeat(False)
        shortcut.activated.connect(action)
        return shortcut

    # -- what the app and tests use ---------------------------------------------

    @property
    def seconds_done(self) -> float:
        """Seconds spent exercising so far (paused time not counted)."""
        return self.walkthrough.elapsed

    @property
    def step(self) -> Step:
        return self.exercise.steps[self.walkthrough.index]

    @property
    def ticking(self) -> bool:
        return self._ticking

    def start(self) -> None:
        """Show the window centred on the screen the mouse is on, above other windows."""
        first_show = not self.isVisible()
        if first_show:
            self._place_on_cursor_screen()
        self.show()
        self.raise_()
        self.activateWindow()
        if first_show:
            self.pause_button.setFocus(Qt.FocusReason.OtherFocusReason)
            self._say_step()

    def tick(self) -> None:
        """One second passed (the ticker's ``timeout``; tests may call it directly)."""
        self.advance(1.0)

    def advance(self, seconds: float) -> None:
        """``seconds`` passed: move the countdown (not while paused or finished)."""
        self._apply(self.walkthrough.tick(seconds))

    def toggle_pause(self) -> None:
        if not self.walkthrough.running:
            return
        if not self.walkthrough.paused:
            self._catch_up()
        self._apply(self.walkthrough.toggle_pause())

    def pause(self) -> None:
        if self.walkthrough.running and not self.walkthrough.paused:
            self.toggle_pause()

    def resume(self) -> None:
        if self.walkthrough.paused:
            self.toggle_pause()

    def next_step(self) -> None:
        if self.walkthrough.running:
            self._restart_ticker()
            self._apply(self.walkthrough.next())

    def back(self) -> None:
        if self.walkthrough.running:
            self._restart_ticker()
            self._apply(self.walkthrough.back())

    def finish_early(self) -> None:
        """Stop here and count what was done: ``finished("ended early")``; the window closes."""
        if self.walkthrough.running:
            self._catch_up()
            self._apply(self.walkthrough.finish_early())
            self._report(Ending.ENDED_EARLY)
        self.close()

    # -- reacting to the walkthrough ---------------------------------------------

    def _apply(self, events: Sequence[Event]) -> None:
        for event in events:
            if isinstance(event, StepChanged | Completed):
                self._chime.play()
        self._show_step()
        if any(isinstance(event, StepChanged) for event in events):
            self._say_step()
        if any(isinstance(event, Completed) for event in events):
            self._show_done()
        if any(isinstance(event, EndedEarly) for event in events):
            self._speaker.stop()
        self._sync_timers()

    def _show_step(self) -> None:
        """Bring the labels up to date; only what changed is touched (this runs every second)."""
        walk = self.walkthrough
        if walk.completed:
            return
        step = self.step
        if self._shown_step != walk.index:
            self._shown_step = walk.index
            where = f"Step {walk.index + 1} of {walk.step_count}"
            self.position.setText(where)
            self.progress.setAccessibleDescription(where)
            self.instruction.setText(step.text)
            if step.breathing and self.pacer is not None:
                self.stack.setCurrentWidget(self.pacer)
                self.countdown.setFont(self._small_countdown_font)
            else:
                self.stack.setCurrentWidget(self.illustration)
                self.countdown.setFont(self._countdown_font)
                self._show_illustration(step)
        if self.pacer is not None and step.breathing:
            self.pacer.set_elapsed(walk.step_elapsed)
        value = round(1000 * walk.position / walk.total_seconds)
        if self.progress.value() != value:
            self.progress.setValue(value)
        left = format_countdown(walk.display_seconds_left)
        _set_text(self.countdown, f"{left} left" if step.breathing else left)
        if self.paused_label.isVisible() != walk.paused:
            self.paused_label.setVisible(walk.paused)
        if _set_text(self.pause_button, "Resume" if walk.paused else "Pause"):
            self.pause_button.setAccessibleName(self.pause_button.text())
            self.pause_button.setAccessibleDescription(
                "Carry on with the countdown (Space)"
                if walk.paused
                else "Pause the countdown (Space)"
            )

    def _show_illustration(self, step: Step) -> None:
        path = illustration_path(self.exercise, step)
        self.illustration.set_illustration(path, mirrored=step.mirrored)
        self.illustration.setAccessibleDescription(step.text)

    def _show_done(self) -> None:
        self.position.setText("Done")
        self.progress.setValue(self.progress.maximum())
        self.progress.setAccessibleDescription("Exercise completed")
        self.countdown.setText("")
        self.countdown.hide()
        message = html.escape(
            DONE_TEXT.format(time=describe_duration(self.seconds_done))
            if self.seconds_done >= MIN_SECONDS_WORTH_SAYING
            else SHORT_DONE_TEXT
        )
        self.instruction.setTextFormat(Qt.TextFormat.RichText)
        self.instruction.setText(
            f'<p style="font-size: x-large; font-weight: bold;">Well done.</p><p>{message}</p>'
        )
        self.paused_label.hide()
        self.stack.setCurrentWidget(self.illustration)
        self._show_illustration(self.exercise.steps[-1])
        for button in (
            self.back_button,
            self.pause_button,
            self.next_button,
            self.finish_early_button,
            self.close_button,
        ):
            button.hide()
        self.finish_button.show()
        self.finish_button.setFocus(Qt.FocusReason.OtherFocusReason)
        for key in ("pause", "back", "next"):
            self._shortcuts[key].setEnabled(False)
        self._shortcuts["finish"].setEnabled(True)
        self._shortcuts["finish-enter"].setEnabled(True)
        if self._speaker.available:
            self._speaker.say("Well done.")

    def _say_step(self) -> None:
        if self.walkthrough.running and self._speaker.available:
            self._speaker.say(self.step.text)

    def _safety_acknowledged(self) -> None:
        if self._general_safety:
            self.safety_note_acknowledged.emit()
        self.pause_button.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- timers ------------------------------------------------------------------

    def _sync_timers(self) -> None:
        """The ticker runs only while the window is shown and the countdown is on."""
        walk = self.walkthrough
        should = walk.running and not walk.paused and not self._reported and self.isVisible()
        if should and not self._ticking:
            self._ticking = True
            self._ticker.start()
        elif not should and self._ticking:
            self._ticking = False
            self._ticker.stop()
        if self.pacer is not None:
            self.pacer.set_running(should and self.step.breathing)

    def _catch_up(self) -> None:
        """Count the part of a second since the last tick (before pausing or stopping)."""
        if self._ticking and isinstance(self._ticker, QTimer) and self._ticker.isActive():
            partial = (self._ticker.interval() - max(0, self._ticker.remainingTime())) / 1000
            if partial > 0:
                self._apply(self.walkthrough.tick(partial))
        self._restart_ticker()

    def _restart_ticker(self) -> None:
        """A new step or a resumed countdown gets a full second before its first tick."""
        if self._ticking:
            self._ticker.stop()
            self._ticker.start()

    # -- placement and size --------------------------------------------------------

    def sizeHint(self) -> QSize:
        return super().sizeHint().expandedTo(QSize(420, 0)).boundedTo(MAX_SIZE)

    def _place_on_cursor_screen(self) -> None:
        screen = QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()
        if screen is None:  # pragma: no cover - no screen at all
            return
        if self.screen() is not screen:
            self.setScreen(screen)
        self.fit_to(screen.availableGeometry())

    def fit_to(self, area: QRect) -> None:
        """Size the window for ``area`` (a screen's available geometry, in logical pixels) and
        centre it there, its frame included: at most :data:`MAX_SIZE`, and never larger than
        the area at any scale. Short of room the drawing shrinks, text wraps, the ending
        buttons take a second row and, last, the part above the buttons scrolls."""
        self._area = QRect(area)
        frame = self._fitted_frame = self._frame_margins()
        room = area.marginsRemoved(frame)
        self._set_compact(room.height() < COMPACT_BELOW)
        # Short of height, wider: the text then takes fewer lines.
        wanted = WIDE_WIDTH if self.compact else max(self.sizeHint().width(), MIN_WIDTH)
        width = max(1, min(wanted, MAX_SIZE.width() if not self.compact else wanted, room.width()))
        self._arrange_buttons(width)
        height = max(1, min(self._height_for(width), MAX_SIZE.height(), room.height()))
        outer = QRect(
            0, 0, width + frame.left() + frame.right(), height + frame.top() + frame.bottom()
        )
        outer.moveCenter(area.center())
        x = max(area.left(), min(outer.left(), area.right() + 1 - outer.width()))
        y = max(area.top(), min(outer.top(), area.bottom() + 1 - outer.height()))
        self._fitting = True
        try:
            self.resize(width, height)
            self.move(x, y)
        finally:
            self._fitting = False

    def _set_compact(self, compact: bool) -> None:
        """Short of height: less space around things, a smaller countdown, a wider window."""
        if compact == self.compact:
            return
        self.compact = compact
        layout, body = self._layout, self._body_layout
        if compact:
            layout.setContentsMargins(8, 6, 8, 6)
        else:
            layout.setContentsMargins(14, 12, 14, 12)
        for box in (layout, body):
            box.setSpacing(4 if compact else 8)
        self._countdown_font = self._small_countdown_font if compact else self._large_countdown_font
        if not (self.walkthrough.running and self.step.breathing):
            self.countdown.setFont(self._countdown_font)

    def _known_frame(self) -> QMargins:
        """The window manager's frame around the window (none yet: null margins)."""
        frame, inner = self.frameGeometry(), self.geometry()
        return QMargins(
            inner.left() - frame.left(),
            inner.top() - frame.top(),
            frame.right() - inner.right(),
            frame.bottom() - inner.bottom(),
        )

    def _frame_margins(self) -> QMargins:
        """The window manager's frame: as it is once known, a title bar's worth before."""
        known = self._known_frame()
        if not known.isNull():
            return known
        title = self.style().pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight)
        return QMargins(2, title + 2, 2, 2)

    def _arrange_buttons(self, width: int) -> None:
        """One row of buttons where it fits in ``width``, two where it does not."""
        margins = self._layout.contentsMargins()
        one_row = (
            self._nav_buttons.minimumSize().width()
            + self.buttons.spacing()
            + self._end_buttons.minimumSize().width()
            + margins.left()
            + margins.right()
        )
        wanted = (
            QBoxLayout.Direction.LeftToRight
            if one_row <= width
            else QBoxLayout.Direction.TopToBottom
        )
        if self.buttons.direction() != wanted:
            self.buttons.setDirection(wanted)

    def _height_for(self, width: int) -> int:
        """The height that shows everything at ``width``: the text wrapped, the drawing whole."""
        margins = self._layout.contentsMargins()
        inner = width - margins.left() - margins.right()
        self._reserve_instruction_height(inner)
        return (
            margins.top()
            + self.scroller.content_height(inner)
            + self._layout.spacing()
            + self.buttons.sizeHint().height()
            + margins.bottom()
        )

    def _keep_on_screen(self) -> None:
        """Fitted before the window manager framed it (with a guess for the frame): once the
        frame is known, fit again with it unless the guess was right. Only then: afterwards
        the user may put the window where they like."""
        if self._settled or self._fitting or self._area is None or not self.isVisible():
            return
        known = self._known_frame()
        if known.isNull():
            return  # not framed (yet)
        self._settled = True
        if known != self._fitted_frame or not self._area.contains(self.frameGeometry()):
            self.fit_to(self._area)

    def moveEvent(self, event: QMoveEvent) -> None:
        super().moveEvent(event)
        self._keep_on_screen()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._reserve_instruction_height()
        self._keep_on_screen()

    def _reserve_instruction_height(self, width: int | None = None) -> None:
        """Room for the longest instruction, so the layout does not jump from step to step."""
        if width is None:
            width = self.instruction.width()
        if width <= 0:
            return
        metrics = QFontMetrics(self.instruction.font())
        flags = int(Qt.TextFlag.TextWordWrap)
        texts = [step.text for step in self.exercise.steps]
        texts.append(DONE_TEXT.format(time="10 min 59 s"))
        box = QRect(0, 0, width, 10_000)
        tallest = max(metrics.boundingRect(box, flags, text).height() for text in texts)
        if self.instruction.minimumHeight() != tallest:
            self.instruction.setMinimumHeight(tallest)

    # -- Qt events ------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._reserve_instruction_height()
        self._keep_on_screen()
        self._sync_timers()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._sync_timers()

    def _finish(self) -> None:
        if self.walkthrough.completed:
            self._report(Ending.COMPLETED)
            self.close()

    def _report(self, ending: Ending) -> None:
        if not self._reported:
            self._reported = True
            self._sync_timers()
            self._speaker.stop()
            self.finished.emit(ending)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Close, Esc, the window's close button, quitting: not a break taken (unless done)."""
        if self.walkthrough.running:
            self._catch_up()
            self._apply(self.walkthrough.finish_early())
        self._report(Ending.COMPLETED if self.walkthrough.completed else Ending.CLOSED)
        super().closeEvent(event)
        self._sync_timers()
        # The app runs all day: rendered illustrations are not kept between breaks.
        clear_cache()
