"""The guided break's widgets and how they are laid out, at full size and on a small screen.

:class:`ExerciseLayout` only builds and arranges: the title and step position, the progress
bar, the illustration or breathing pacer, the instruction, the countdown and the buttons. What
they show and what the buttons do is :class:`~backbreak.ui.exercise_window.ExerciseWindow`.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from backbreak.config.i18n import QT_TRANSLATE_NOOP
from backbreak.core.exercises import BreathingPattern, Exercise
from backbreak.ui.breathing_pacer import BreathingPacer, relative_font
from backbreak.ui.exercise_fit import FittedWindow
from backbreak.ui.illustration import IllustrationView
from backbreak.ui.language import arg, translate
from backbreak.ui.prompt_text import describe_duration
from backbreak.ui.safety import SafetyNote, safety_points
from backbreak.ui.scroll_box import ScrollBody, ScrollBox

MIN_PICTURE = 48
"""The smallest the illustration gets, in logical pixels, before the window scrolls."""
DONE_TEXT = QT_TRANSLATE_NOOP("Exercise", "You gave your back %1. Back to work, a little looser.")
SHORT_DONE_TEXT = QT_TRANSLATE_NOOP("Exercise", "Back to work, a little looser.")


class ExerciseLayout(FittedWindow):
    """The widgets of a guided break for ``exercise``, laid out; nothing is connected yet."""

    def __init__(
        self,
        exercise: Exercise,
        pattern: BreathingPattern,
        *,
        reduce_motion: bool,
        show_safety_note: bool,
        parent: QWidget | None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self.exercise = exercise
        self.pattern = pattern
        self.reduce_motion = reduce_motion
        self.setWindowTitle(arg(translate("Exercise", "%1 — backbreak"), exercise.title))
        self.setAccessibleName(arg(translate("Exercise", "%1, guided exercise"), exercise.title))
        self.setAccessibleDescription(exercise.summary)

        # The exercise's own safety lines at every start; the general points the first time.
        self.safety_note: SafetyNote | None = None
        self._general_safety = show_safety_note
        points = safety_points(exercise.safety, general=show_safety_note)
        if points:
            self.safety_note = SafetyNote(points, self, remembered=show_safety_note)

        self.title = QLabel(exercise.title, self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # a title is never markup
        self.title.setFont(relative_font(self.font(), 1.25, bold=True))
        self.title.setWordWrap(True)
        self.position = QLabel("", self)
        self.position.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(max(6, self.fontMetrics().height() // 2))
        self.progress.setAccessibleName(translate("Exercise", "Exercise progress"))

        self.illustration = IllustrationView(self, preferred=220)
        self.illustration.setAccessibleName(translate("Exercise", "Illustration"))
        # On a small screen the drawing gives way first, down to a thumbnail.
        self.illustration.setMinimumSize(QSize(MIN_PICTURE, MIN_PICTURE))
        self.pacer: BreathingPacer | None = None
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.illustration)
        if any(step.breathing for step in exercise.steps):
            self.pacer = BreathingPacer(pattern, reduce_motion=reduce_motion)
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
        self.countdown.setAccessibleName(translate("Exercise", "Time left in this step"))
        self.paused_label = QLabel(translate("Exercise", "Paused"), self)
        self.paused_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.paused_label.setFont(relative_font(self.font(), 1.0, bold=True))
        self.paused_label.setStyleSheet("color: #b45309;")
        self.paused_label.hide()

        self.back_button = self._button(
            translate("Exercise", "Back"),
            translate("Exercise", "Back"),
            translate("Exercise", "Go back to the previous step (Left arrow)"),
        )
        self.pause_button = self._button(
            translate("Exercise", "Pause"),
            translate("Exercise", "Pause"),
            translate("Exercise", "Pause the countdown (Space)"),
        )
        self.next_button = self._button(
            translate("Exercise", "Next"),
            translate("Exercise", "Next step"),
            translate("Exercise", "Skip to the next step (Right arrow)"),
        )
        self.finish_early_button = self._button(
            translate("Exercise", "Finish early"),
            translate("Exercise", "Finish early"),
            translate("Exercise", "End the exercise here: the time done counts as a shorter break"),
        )
        self.close_button = self._button(
            translate("Exercise", "Close"),
            translate("Exercise", "Close"),
            translate(
                "Exercise",
                "Close without taking the break: it is not counted, a new interval starts (Esc)",
            ),
        )
        self.finish_button = self._button(
            translate("Exercise", "Finish"),
            translate("Exercise", "Finish"),
            translate("Exercise", "Finish the break and get back to work (Enter)"),
        )
        self.finish_button.setDefault(True)
        self.finish_button.hide()
        self._lay_out()

    def _lay_out(self) -> None:
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

    def _button(self, text: str, name: str, description: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(name)
        button.setAccessibleDescription(description)
        button.setToolTip(description)
        # Space belongs to pause/resume, so Enter activates the focused button.
        button.setAutoDefault(True)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        return button

    def _shortcut(self, key: Qt.Key, action: object) -> QShortcut:
        shortcut = QShortcut(QKeySequence(key), self)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.setAutoRepeat(False)
        shortcut.activated.connect(action)
        return shortcut

    # -- fitting the screen (see FittedWindow) -------------------------------------------

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
        if self.pacer is None or self.stack.currentWidget() is not self.pacer:
            self.countdown.setFont(self._countdown_font)  # the pacer's steps keep the small one

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

    def _resized(self) -> None:
        self._reserve_instruction_height()

    def _reserve_instruction_height(self, width: int | None = None) -> None:
        """Room for the longest instruction, so the layout does not jump from step to step."""
        if width is None:
            width = self.instruction.width()
        if width <= 0:
            return
        metrics = QFontMetrics(self.instruction.font())
        flags = int(Qt.TextFlag.TextWordWrap)
        texts = [step.text for step in self.exercise.steps]
        texts.append(arg(translate("Exercise", DONE_TEXT), describe_duration(659)))
        box = QRect(0, 0, width, 10_000)
        tallest = max(metrics.boundingRect(box, flags, text).height() for text in texts)
        if self.instruction.minimumHeight() != tallest:
            self.instruction.setMinimumHeight(tallest)
