"""The key to the bar charts: each part's pattern with its name, so colour is not the code."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from backbreak.config.i18n import QT_TRANSLATE_NOOP
from backbreak.ui.history.bars import paint_part
from backbreak.ui.language import arg, translate

PARTS = (
    QT_TRANSLATE_NOOP("YourBreaks", "Exercised"),
    QT_TRANSLATE_NOOP("YourBreaks", "Away long enough"),
    QT_TRANSLATE_NOOP("YourBreaks", "Skipped"),
)
NUMBERS = QT_TRANSLATE_NOOP("YourBreaks", "number: breaks taken")


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
        self.setAccessibleName(translate("YourBreaks", "Key"))
        self.setAccessibleDescription(
            translate(
                "YourBreaks",
                "Each bar stacks breaks exercised (solid), breaks that came from being away long "
                "enough (diagonal lines) and breaks skipped (dotted); the number above a bar is "
                "the breaks taken, and the dashed line is the daily goal.",
            )
        )
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for part, name in enumerate(PARTS):
            row.addWidget(Swatch(part, self))
            row.addWidget(QLabel(translate("YourBreaks", name), self))
            row.addSpacing(8)
        hint = QLabel(
            arg(
                translate("YourBreaks", "(%1; dashes: daily goal)"),
                translate("YourBreaks", NUMBERS),
            ),
            self,
        )
        hint.setWordWrap(True)
        row.addWidget(hint, 1)
