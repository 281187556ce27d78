"""The break prompt: small, on top, and never stealing the keyboard from what the user types."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QCursor, QGuiApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from backbreak.config.i18n import QT_TRANSLATE_NOOP
from backbreak.core.exercises import Exercise
from backbreak.ui.language import Plural, translate
from backbreak.ui.prompt_text import prompt_text

PROMPT_TITLE = QT_TRANSLATE_NOOP("Prompt", "Time for a break — backbreak")
_MARGIN = 16


def _snooze_text(minutes: int) -> str:
    return Plural.tr("Snooze %n min", "", minutes)


class BreakPrompt(QWidget):
    """Start / Snooze / Skip. Non-modal; shown without activation."""

    start_clicked = Signal()
    snooze_clicked = Signal()
    skip_clicked = Signal()

    def __init__(self, snooze_minutes: int, parent: QWidget | None = None) -> None:
        super().__init__(
            parent,
            Qt.WindowType.Tool
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
            | Qt.WindowType.WindowDoesNotAcceptFocus,
        )
        self.setWindowTitle(translate("Prompt", PROMPT_TITLE))
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleName(translate("Prompt", "Break prompt"))

        frame = QFrame(self)
        frame.setObjectName("promptFrame")
        frame.setStyleSheet(
            "#promptFrame { border: 2px solid #0f766e; border-radius: 8px; }"
            "QLabel#promptHeading { font-weight: bold; font-size: 12pt; }"
            "QLabel#promptNeeds { font-weight: bold; }"
        )
        # The words come from prompt_text(), shared with the notification.
        self.heading = self._label(frame, "promptHeading")
        self.heading.setWordWrap(False)  # a short fixed sentence: the prompt widens to it
        self.detail = self._label(frame)
        self.needs = self._label(frame, "promptNeeds")
        self.summary = self._label(frame)

        self.start_button = self._button(
            translate("Prompt", "Start"),
            translate("Prompt", "Start the guided exercise now"),
            frame,
        )
        self.snooze_button = self._button(
            _snooze_text(snooze_minutes),
            translate("Prompt", "Remind me again a little later"),
            frame,
        )
        self.skip_button = self._button(
            translate("Prompt", "Skip"),
            translate("Prompt", "Skip this break and start a new interval"),
            frame,
        )
        self.start_button.clicked.connect(self.start_clicked)
        self.snooze_button.clicked.connect(self.snooze_clicked)
        self.skip_button.clicked.connect(self.skip_clicked)
        for button in (self.start_button, self.snooze_button, self.skip_button):
            button.clicked.connect(self.hide)

        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.snooze_button)
        buttons.addWidget(self.skip_button)
        inner = QVBoxLayout(frame)
        inner.addWidget(self.heading)
        inner.addWidget(self.detail)
        inner.addWidget(self.needs)
        inner.addWidget(self.summary)
        inner.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        self.setMinimumWidth(340)

    @staticmethod
    def _label(parent: QWidget, name: str = "") -> QLabel:
        label = QLabel("", parent)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        return label

    @staticmethod
    def _button(text: str, description: str, parent: QWidget) -> QPushButton:
        button = QPushButton(text, parent)
        button.setAccessibleName(text)
        button.setAccessibleDescription(description)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return button

    def set_snooze_minutes(self, minutes: int) -> None:
        self.snooze_button.setText(_snooze_text(minutes))
        self.snooze_button.setAccessibleName(self.snooze_button.text())

    def show_for(self, exercise: Exercise) -> None:
        """Show (or refresh) the one prompt; never a second window."""
        text = prompt_text(exercise)
        self.heading.setText(text.heading)
        self.detail.setText(text.detail)
        self.needs.setText(text.needs)
        self.needs.setVisible(bool(text.needs))
        self.summary.setText(text.summary)
        self.setAccessibleDescription(f"{text.heading}. {text.body}")
        self.adjustSize()
        self.move(self._corner())
        self.show()
        self.raise_()

    def _corner(self) -> QPoint:
        """Bottom-right of the screen the mouse is on, clear of panels."""
        screen = QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()
        area = screen.availableGeometry()
        return QPoint(
            area.right() - self.width() - _MARGIN, area.bottom() - self.height() - _MARGIN
        )
