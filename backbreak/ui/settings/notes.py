"""What the dialog says next to a field (errors, warnings, notes) and under it (hints)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QStyle, QWidget

Level = Literal["error", "warning", "info"]
_COLOURS: dict[Level, str] = {"error": "#c0182b", "warning": "#9a5b00", "info": ""}
_ICONS: dict[Level, QStyle.StandardPixmap] = {
    "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
    "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
    "info": QStyle.StandardPixmap.SP_MessageBoxInformation,
}


@dataclass(frozen=True)
class Problem:
    """What to show next to a field: an error blocks saving, a warning or info does not."""

    level: Level
    text: str


class Note(QWidget):
    """A small icon and a short text next to a field; hidden when there is nothing to say."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.icon = QLabel(self)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.label, 1)
        self.problem: Problem | None = None
        self.hide()

    def show_problem(self, problem: Problem | None) -> None:
        self.problem = problem
        if problem is None:
            self.label.clear()
            self.hide()
            return
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon = self.style().standardIcon(_ICONS[problem.level])
        self.icon.setPixmap(icon.pixmap(size, size))
        self.icon.setVisible(problem.level != "info")
        self.label.setText(problem.text)
        colour = _COLOURS[problem.level]
        self.label.setStyleSheet(f"color: {colour};" if colour else "")
        self.label.setAccessibleName(problem.text)
        self.show()

    def text(self) -> str:
        return self.label.text() if self.problem is not None else ""


class StatusLine(Note):
    """A :class:`Note` with a fixed place: two lines, kept whether or not it says something.

    Its text never asks for more room (no height for width, no size hint of its own), so a
    message appearing changes nothing around it; the full text is also its tooltip.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        policy.setRetainSizeWhenHidden(True)
        self.setSizePolicy(policy)
        self.setFixedHeight(2 * self.label.fontMetrics().lineSpacing())

    def show_problem(self, problem: Problem | None) -> None:
        super().show_problem(problem)
        self.setToolTip(problem.text if problem is not None else "")

    def hasHeightForWidth(self) -> bool:
        return False

    def sizeHint(self) -> QSize:
        return QSize(0, self.height())


def hint_label(text: str, parent: QWidget) -> QLabel:
    """A key's description under its input, in smaller, quieter text."""
    hint = QLabel(text, parent)
    hint.setTextFormat(Qt.TextFormat.PlainText)
    hint.setWordWrap(True)
    hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    font = hint.font()
    font.setPointSizeF(font.pointSizeF() * 0.9)
    hint.setFont(font)
    return hint
