"""The window's parts: today with the daily goal, a chart with the words for its selection,
the streaks and the weekly programme. Each takes a Summary and shows it; none reads the file."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from backbreak.history.stats import Summary
from backbreak.ui.history import texts
from backbreak.ui.history.bars import Bar, BarChart
from backbreak.ui.language import arg, translate


def heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.1)
    label.setFont(font)
    return label


def text_label(name: str, parent: QWidget) -> QLabel:
    label = QLabel("", parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setAccessibleName(name)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class TodayPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = text_label(translate("YourBreaks", "Today"), self)
        self.goal = text_label(translate("YourBreaks", "Daily goal"), self)
        self.goal.setWordWrap(False)  # beside the bar, a wrapping label is squeezed to a word
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(translate("YourBreaks", "Progress toward the daily goal"))
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(self.fontMetrics().height())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(translate("YourBreaks", "Today"), self))
        layout.addWidget(self.line)
        row = QHBoxLayout()
        row.addWidget(self.goal)
        row.addWidget(self.progress, 1)
        layout.addLayout(row)

    def show_summary(self, summary: Summary, locale: QLocale) -> None:
        self.line.setText(texts.today_line(summary, locale))
        goal = texts.goal_line(summary, locale)
        self.goal.setText(goal)
        self.progress.setRange(0, max(1, summary.goals.breaks_per_day))
        self.progress.setValue(min(summary.today.taken, self.progress.maximum()))
        self.progress.setAccessibleDescription(goal)


class ChartPanel(QWidget):
    """A heading, the chart and beside it the selected bar in words."""

    def __init__(self, title: str, detail_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart = BarChart(title, self)
        self.detail = text_label(detail_name, self)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setMinimumWidth(150)
        self._words: Sequence[str] = ()
        self._description = ""
        self.chart.selected.connect(self._show_selected)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(title, self))
        row = QHBoxLayout()
        row.addWidget(self.chart, 3)
        row.addWidget(self.detail, 2)
        layout.addLayout(row)

    def show_bars(
        self,
        bars: Sequence[Bar],
        words: Sequence[str],
        description: str,
        selection: int,
        goal: int | None = None,
        goal_label: str = "",
    ) -> None:
        """``words``: each bar in a sentence, for the label when it is selected."""
        self._words = tuple(words)
        keep = self.chart.selection if len(self.chart.bars) == len(bars) else selection
        self.chart.set_bars(bars, keep, goal, goal_label)
        self._description = description
        self._show_selected(self.chart.selection)

    def _show_selected(self, index: int) -> None:
        """The label beside the chart, and the chart's description, which starts with the
        selection so that a screen reader says what an arrow key moved to."""
        words = self._words[index] if 0 <= index < len(self._words) else ""
        self.detail.setText(words)
        self.chart.setAccessibleDescription(
            arg(translate("YourBreaks", "Selected: %1. %2"), words, self._description)
        )


class LinePanel(QWidget):
    """A heading and lines of text (the streaks, the programme)."""

    def __init__(self, title: str, names: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(title, self))
        self.lines = [text_label(name, self) for name in names]
        for label in self.lines:
            layout.addWidget(label)


def week_bars(summary: Summary, locale: QLocale) -> tuple[list[Bar], list[str]]:
    today = summary.today.day
    bars = [
        Bar(
            texts.day_name(tally.day, locale),
            tally.exercised,
            tally.natural,
            tally.skipped,
            note=translate("YourBreaks", "today") if tally.day == today else "",
            marked=tally.day == today,
            future=tally.day > today,
        )
        for tally in summary.week
    ]
    return bars, [texts.day_words(tally, locale, today) for tally in summary.week]


def weeks_bars(summary: Summary, locale: QLocale) -> tuple[list[Bar], list[str]]:
    """Each week under its first day's number, with the month's name where a month begins
    (full dates do not fit under twelve bars); the current week in bold."""
    last = len(summary.weeks) - 1
    bars = []
    month = 0
    for index, week in enumerate(summary.weeks):
        first = week.first_day
        new_month = first.month != month
        month = first.month
        bars.append(
            Bar(
                locale.toString(first.day),
                week.exercised,
                week.natural,
                week.skipped,
                note=texts.month_name(first, locale) if new_month else "",
                marked=index == last,
            )
        )
    goal = summary.goals.routines_per_week
    words = [texts.week_words(week, locale, goal) for week in summary.weeks]
    words[-1] = words[-1].replace(":", translate("YourBreaks", " (this week):"), 1)
    return bars, words


def show_programme(
    panel: LinePanel, summary: Summary, titles: Mapping[str, str], locale: QLocale
) -> None:
    progress, dots, routine = panel.lines
    if not summary.routine:
        progress.setText(texts.no_routine())
        dots.hide()
        routine.hide()
        return
    progress.setText(texts.programme_line(summary, locale))
    dots.setText(texts.programme_dots(summary))
    dots.setAccessibleDescription(texts.programme_line(summary, locale))
    dots.show()
    routine.setText(texts.routine_line(summary.routine, titles))
    routine.show()
