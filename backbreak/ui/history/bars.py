"""A bar chart of breaks, stacked exercised / natural / skipped, drawn with QPainter.

Used twice by the window: the days of this week (with the daily goal as a line) and the last
12 weeks. Colours come from the widget's palette, and each part of a bar also has its own fill
pattern, named in the legend, so the chart reads without colour and on light or dark themes.
It takes the keyboard: Left/Right (and Home/End) move the selected bar, which the window
describes in words beside it; a click selects too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFocusEvent,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QWidget


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    """Under the bar (a day's short name, a week's first day)."""
    exercised: int = 0
    natural: int = 0
    skipped: int = 0
    note: str = ""
    """A second line under the label ("today")."""
    marked: bool = False
    """Drawn in bold: today, the current week."""
    future: bool = False
    """Not yet come: drawn as nothing."""

    @property
    def total(self) -> int:
        return self.exercised + self.natural + self.skipped


MIN_CONTRAST = 3.0
"""WCAG's least contrast for graphics against what is around them."""


def luminance(colour: QColor) -> float:
    """Relative luminance (WCAG 2)."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(one: QColor, other: QColor) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable(colour: QColor, background: QColor) -> QColor:
    """``colour``, darkened on a light background or lightened on a dark one until it
    stands out from it (a theme's accent may be pale, or close to a dark window)."""
    towards_dark = luminance(background) > 0.18
    adjusted = QColor(colour)
    for _ in range(20):
        if contrast(adjusted, background) >= MIN_CONTRAST:
            break
        adjusted = adjusted.darker(115) if towards_dark else adjusted.lighter(115)
        if not towards_dark and adjusted.lightness() >= 250:
            adjusted = QColor.fromHslF(adjusted.hslHueF(), adjusted.hslSaturationF(), 0.8)
    return adjusted


def part_colours(palette: QPalette) -> tuple[QColor, QColor, QColor]:
    """Exercised, natural, skipped: the theme's accent (made to stand out from the window),
    the accent half-way to the background, and the text colour."""
    window = palette.color(QPalette.ColorRole.Window)
    accent = readable(palette.color(QPalette.ColorRole.Highlight), window)
    base = palette.color(QPalette.ColorRole.Base)
    natural = QColor(
        (accent.red() + base.red()) // 2,
        (accent.green() + base.green()) // 2,
        (accent.blue() + base.blue()) // 2,
    )
    return accent, natural, palette.color(QPalette.ColorRole.Text)


def part_brushes(palette: QPalette) -> tuple[QBrush, QBrush, QBrush]:
    """Solid for exercised, diagonal lines for natural, a sparse dot pattern for skipped."""
    exercised, _natural, skipped = part_colours(palette)
    return (
        QBrush(exercised),
        QBrush(exercised, Qt.BrushStyle.BDiagPattern),
        QBrush(skipped, Qt.BrushStyle.Dense6Pattern),
    )


def paint_part(painter: QPainter, rect: QRectF, part: int, palette: QPalette) -> None:
    """One part of a bar (0 exercised, 1 natural, 2 skipped), also used for the legend."""
    colours = part_colours(palette)
    brushes = part_brushes(palette)
    if part == 1:
        painter.fillRect(rect, colours[1])
    painter.fillRect(rect, brushes[part])
    painter.setPen(QPen(colours[0] if part < 2 else colours[2], 1))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))


class BarChart(QWidget):
    """Bars with their counts above and their labels below; one is selected."""

    selected = Signal(int)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(110)
        self._bars: tuple[Bar, ...] = ()
        self._goal: int | None = None
        self._goal_label = ""
        self._selection = 0

    def set_bars(
        self, bars: Sequence[Bar], selection: int, goal: int | None = None, goal_label: str = ""
    ) -> None:
        self._bars = tuple(bars)
        self._goal = goal
        self._goal_label = goal_label
        self._selection = max(0, min(selection, len(self._bars) - 1))
        self.update()

    @property
    def bars(self) -> tuple[Bar, ...]:
        return self._bars

    @property
    def selection(self) -> int:
        return self._selection

    def select(self, index: int) -> None:
        if not self._bars:
            return
        index = max(0, min(index, len(self._bars) - 1))
        if index != self._selection:
            self._selection = index
            self.update()
        self.selected.emit(index)

    def sizeHint(self) -> QSize:
        return QSize(60 * max(7, len(self._bars)), 170)

    def minimumSizeHint(self) -> QSize:
        return QSize(28 * max(7, len(self._bars)), 110)

    # -- input ---------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        moves = {
            Qt.Key.Key_Left: self._selection - 1,
            Qt.Key.Key_Right: self._selection + 1,
            Qt.Key.Key_Home: 0,
            Qt.Key.Key_End: len(self._bars) - 1,
        }
        key = Qt.Key(event.key())
        if key in moves and self._bars:
            self.select(moves[key])
            event.accept()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        slot = self._plot().width() / max(1, len(self._bars))
        index = int((event.position().x() - self._plot().left()) // slot)
        if 0 <= index < len(self._bars):
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self.select(index)
        super().mousePressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    # -- drawing -------------------------------------------------------------------------

    def _plot(self) -> QRectF:
        """Where the bars stand: room above for the counts, below for two lines of labels."""
        line = self.fontMetrics().height()
        return QRectF(self.rect()).adjusted(4, line + 4, -4, -(2 * line + 6))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        palette = self.palette()
        plot = self._plot()
        count = max(1, len(self._bars))
        slot = plot.width() / count
        top = max([bar.total for bar in self._bars] + [self._goal or 0, 1])
        scale = plot.height() / (top * 1.08)
        text = palette.color(QPalette.ColorRole.Text)
        faint = palette.color(QPalette.ColorRole.PlaceholderText)
        line = self.fontMetrics().height()

        for index, bar in enumerate(self._bars):
            left = plot.left() + index * slot
            column = QRectF(left, 0, slot, self.height())
            if index == self._selection:
                tint = QColor(palette.color(QPalette.ColorRole.Highlight))
                tint.setAlpha(48)
                painter.fillRect(column.adjusted(1, 1, -1, -1), tint)
                if self.hasFocus():
                    painter.setPen(QPen(text, 1, Qt.PenStyle.DashLine))
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.drawRect(column.adjusted(1.5, 1.5, -2.5, -2.5))
            width = max(4.0, slot * 0.56)
            x = left + (slot - width) / 2
            bottom = plot.bottom()
            if not bar.future:
                for part, value in enumerate((bar.exercised, bar.natural, bar.skipped)):
                    if value <= 0:
                        continue
                    height = value * scale
                    paint_part(painter, QRectF(x, bottom - height, width, height), part, palette)
                    bottom -= height
            font = QFont(self.font())
            font.setBold(bar.marked)
            painter.setFont(font)
            painter.setPen(text if not bar.future else faint)
            if not bar.future and bar.total:
                taken = bar.exercised + bar.natural
                above = QRectF(left, bottom - line - 2, slot, line)
                painter.drawText(above, Qt.AlignmentFlag.AlignCenter, str(taken))
            under = QRectF(left, plot.bottom() + 3, slot, line)
            painter.drawText(under, Qt.AlignmentFlag.AlignCenter, bar.label)
            if bar.note:
                painter.drawText(under.translated(0, line), Qt.AlignmentFlag.AlignCenter, bar.note)

        painter.setFont(self.font())
        painter.setPen(QPen(faint, 1))
        painter.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
        if self._goal:
            y = plot.bottom() - self._goal * scale
            painter.setPen(QPen(text, 1.5, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            label = QRectF(plot.left() + 2, y - line - 1, plot.width() - 4, line)
            painter.drawText(label, Qt.AlignmentFlag.AlignRight, self._goal_label)
        painter.end()
