"""The key to the bar charts: each part's pattern with its name, so colour is not the code."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from backbreak.ui.history.bars import paint_part

PARTS = ("Exercised", "Away long enough", "Skipped")
NUMBERS = "number: breaks taken"


class Swatch(QWidget):
    """A small sample of one part of a bar."""

    def __init__(self, part: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._part = part
        size = self.fontMetrics().height()
        self.setFixedSize(QSize(size, size))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        paint_part(painter, QRectF(self.rect()), self._part, self.palette())
        painter.end()


class Legend(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Key")
        self.setAccessibleDescription(
            "Each bar stacks breaks exercised (solid), breaks that came from being away long "
            "enough (diagonal lines) and breaks skipped (dotted); the number above a bar is "
            "the breaks taken, and the dashed line is the daily goal."
        )
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for part, name in enumerate(PARTS):
            row.addWidget(Swatch(part, self))
            row.addWidget(QLabel(name, self))
            row.addSpacing(8)
        hint = QLabel(f"({NUMBERS}; dashes: daily goal)", self)
        hint.setWordWrap(True)
        row.addWidget(hint, 1)
