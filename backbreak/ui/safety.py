"""The safety note shown before the first guided break.

A small panel, never modal: the exercise window shows it inline at the top the
first time, and it can also stand on its own as a little window. "Got it" emits
``acknowledged`` so the app can remember not to show it again.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

SAFETY_TITLE = "Before you start"
SAFETY_POINTS = (
    "Move gently, within a range that feels comfortable.",
    "Stop if the pain gets worse or feels sharp.",
    "If mid-back pain persists despite regular exercise, or limits your daily activities, "
    "see a healthcare professional.",
    "These exercises complement professional care; they do not replace it.",
)
SAFETY_TEXT = " ".join(SAFETY_POINTS)


class SafetyNote(QFrame):
    """The note with a "Got it" button. Without a parent it is a small window of its own."""

    acknowledged = Signal()

    def __init__(self, extra: Sequence[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("safetyNote")
        if parent is None:
            self.setWindowTitle(f"{SAFETY_TITLE} — backbreak")
            self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#safetyNote { border: 1px solid #b45309; border-radius: 6px;"
            " background: palette(base); }"
        )
        self.setAccessibleName("Safety note")
        self.setAccessibleDescription(SAFETY_TEXT)

        self.heading = QLabel(SAFETY_TITLE, self)
        heading_font = self.heading.font()
        heading_font.setBold(True)
        self.heading.setFont(heading_font)
        points = [*SAFETY_POINTS, *(line for line in extra if line.strip())]
        items = "".join(f"<li>{html.escape(point)}</li>" for point in points)
        self.text = QLabel(f'<ul style="margin: 0; -qt-list-indent: 1;">{items}</ul>', self)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)

        self.ok_button = QPushButton("Got it", self)
        self.ok_button.setAccessibleName("Got it")
        self.ok_button.setAccessibleDescription("Hide the safety note; it will not be shown again")
        self.ok_button.setAutoDefault(True)
        self.ok_button.clicked.connect(self._acknowledge)

        row = QHBoxLayout()
        row.addWidget(self.heading, 1)
        row.addWidget(self.ok_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        layout.addLayout(row)
        layout.addWidget(self.text)

    def _acknowledge(self) -> None:
        self.hide()
        self.acknowledged.emit()
