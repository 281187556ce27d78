"""Your breaks: today, this week, the last 12 weeks, the streaks and the weekly programme.

Non-modal. It reads everything through a :class:`HistorySource` when it is refreshed (the
owner calls :meth:`YourBreaksWindow.refresh` on opening and when a break is recorded) and keeps
nothing else. Where the history cannot be read it says why instead of drawing charts; where
nothing is recorded yet it says so instead of drawing empty axes. On a small screen (a laptop
at 200 %) the parts scroll and the buttons stay in view.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QLocale, QMargins, QRect, QSize, Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from backbreak.config.i18n import QT_TRANSLATE_NOOP
from backbreak.history.stats import Summary
from backbreak.ui.history import exporting, texts
from backbreak.ui.history.legend import Legend
from backbreak.ui.history.panels import (
    ChartPanel,
    LinePanel,
    TodayPanel,
    show_programme,
    text_label,
    week_bars,
    weeks_bars,
)
from backbreak.ui.history.source import HistorySource
from backbreak.ui.language import arg, translate

TITLE = QT_TRANSLATE_NOOP("YourBreaks", "Your breaks")
PREFERRED = QSize(720, 760)


def _button(text: str, description: str, parent: QWidget) -> QPushButton:
    button = QPushButton(text, parent)
    button.setAccessibleName(text.rstrip("…"))
    button.setAccessibleDescription(description)
    return button


class YourBreaksWindow(QWidget):
    """``titles``: exercise id → title, to name the routine's exercises."""

    def __init__(
        self,
        source: HistorySource,
        titles: Mapping[str, str],
        *,
        locale: QLocale | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(translate("YourBreaks", TITLE))
        self.setAccessibleName(self.windowTitle())
        self._source = source
        self.titles: Mapping[str, str] = titles
        self._locale = locale if locale is not None else QLocale()
        self.setLocale(self._locale)
        self.summary: Summary | None = None
        self.export_dialog: QFileDialog | None = None
        self.confirm_box: QMessageBox | None = None

        self.off_notice = text_label(translate("YourBreaks", "History is off"), self)
        self.off_notice.setText(texts.history_off())
        self.problem = text_label(translate("YourBreaks", "Problem"), self)
        self.message = text_label(translate("YourBreaks", "Message"), self)
        for label in (self.off_notice, self.problem, self.message):
            label.hide()
        bold = QFont(self.problem.font())
        bold.setBold(True)
        self.problem.setFont(bold)

        body = QWidget()
        self.empty = text_label(translate("YourBreaks", "Nothing recorded yet"), body)
        self.empty.setText(texts.tr(texts.EMPTY))
        self.today = TodayPanel(body)
        self.week = ChartPanel(
            translate("YourBreaks", "This week"), translate("YourBreaks", "Selected day"), body
        )
        self.legend = Legend(body)
        self.weeks = ChartPanel(
            translate("YourBreaks", "Last 12 weeks"), translate("YourBreaks", "Selected week"), body
        )
        self.streaks = LinePanel(
            translate("YourBreaks", "Streaks"), [translate("YourBreaks", "Streaks")], body
        )
        self.programme = LinePanel(
            translate("YourBreaks", "Weekly programme"),
            [
                translate("YourBreaks", "Mid-back routine this week"),
                translate("YourBreaks", "Routine days"),
                translate("YourBreaks", "The routine's exercises"),
            ],
            body,
        )
        dots = self.programme.lines[1]
        large = QFont(dots.font())
        large.setPointSizeF(large.pointSizeF() * 1.6)
        dots.setFont(large)
        dots.setAccessibleName(translate("YourBreaks", "Routine days"))
        self.charts = [self.today, self.week, self.legend, self.weeks, self.streaks]
        inner = QVBoxLayout(body)
        inner.addWidget(self.today)
        inner.addSpacing(6)
        inner.addWidget(self.empty)
        for part in (self.week, self.legend, self.weeks, self.streaks, self.programme):
            inner.addWidget(part)
            inner.addSpacing(6)
        inner.addStretch(1)
        self.scroller = QScrollArea(self)
        self.scroller.setWidget(body)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.export_button = _button(
            translate("YourBreaks", "Export…"),
            translate("YourBreaks", "Save every recorded break to a CSV or JSON file"),
            self,
        )
        self.export_button.clicked.connect(self.ask_export)
        self.clear_button = _button(
            translate("YourBreaks", "Clear history…"),
            translate("YourBreaks", "Delete every recorded break, after asking"),
            self,
        )
        self.clear_button.clicked.connect(self.ask_clear)
        self.close_button = _button(
            translate("YourBreaks", "Close"), translate("YourBreaks", "Close this window"), self
        )
        self.close_button.clicked.connect(self.close)
        self.close_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.off_notice)
        layout.addWidget(self.problem)
        layout.addWidget(self.scroller, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(PREFERRED)

    # -- showing -------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the history again and show it."""
        source = self._source
        self.off_notice.setVisible(not source.recording())
        summary = self.summary = source.summary()
        if summary is None:
            self.problem.setText(
                texts.tr(texts.UNREADABLE)
                + "\n\n"
                + (source.problem() or translate("YourBreaks", "The reason is not known."))
            )
            self.problem.show()
            self.empty.hide()
            self.programme.hide()
            for part in self.charts:
                part.hide()
            self.export_button.setEnabled(False)
            self.clear_button.setEnabled(False)
            return
        problem = source.problem()
        self.problem.setText(problem or "")
        self.problem.setVisible(bool(problem))
        self.export_button.setEnabled(True)
        self.clear_button.setEnabled(True)
        self._show(summary)

    def _show(self, summary: Summary) -> None:
        locale = self._locale
        empty = texts.is_empty(summary)
        self.empty.setVisible(empty)
        for part in self.charts:
            part.setVisible(not empty)
        self.programme.show()
        self.today.show_summary(summary, locale)
        self.today.show()  # even with nothing recorded: today's goal is worth seeing
        bars, words = week_bars(summary, locale)
        today_index = next(
            (i for i, tally in enumerate(summary.week) if tally.day == summary.today.day), 0
        )
        goal = summary.goals.breaks_per_day
        self.week.show_bars(
            bars,
            words,
            texts.week_description(summary, locale),
            today_index,
            goal,
            arg(translate("YourBreaks", "goal %1"), locale.toString(goal)),
        )
        bars, words = weeks_bars(summary, locale)
        self.weeks.show_bars(bars, words, texts.weeks_description(summary, locale), len(bars) - 1)
        self.streaks.lines[0].setText(texts.streak_line(summary, locale))
        show_programme(self.programme, summary, self.titles, locale)

    def present(self) -> None:
        """Refresh, fit the screen the first time, and bring the window forward."""
        self.refresh()
        if not self.isVisible():
            screen = self.screen() or QGuiApplication.primaryScreen()
            if screen is not None:
                self.fit_to(screen.availableGeometry())
        self.show()
        self.raise_()
        self.activateWindow()

    def fit_to(self, area: QRect) -> None:
        """At most :data:`PREFERRED`, its frame included never larger than ``area``, centred
        there; what does not fit scrolls above the buttons."""
        frame, inner = self.frameGeometry(), self.geometry()
        margins = QMargins(
            inner.left() - frame.left(),
            inner.top() - frame.top(),
            frame.right() - inner.right(),
            frame.bottom() - inner.bottom(),
        )
        if margins.isNull():  # not framed yet: a title bar's worth
            title = self.style().pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight)
            margins = QMargins(2, title + 2, 2, 2)
        room = area.marginsRemoved(margins)
        width = max(1, min(PREFERRED.width(), room.width()))
        height = max(1, min(PREFERRED.height(), room.height()))
        self.resize(width, height)
        outer_width = width + margins.left() + margins.right()
        outer_height = height + margins.top() + margins.bottom()
        self.move(
            area.left() + max(0, (area.width() - outer_width) // 2),
            area.top() + max(0, (area.height() - outer_height) // 2),
        )

    # -- Export… and Clear history… ------------------------------------------------------

    def ask_export(self) -> None:
        today = (
            self.summary.today.day
            if self.summary is not None
            else datetime.now().astimezone().date()
        )
        dialog = exporting.export_dialog(self, Path.home(), today)
        dialog.fileSelected.connect(lambda name: self.export_to(name, dialog.selectedNameFilter()))
        self.export_dialog = dialog
        dialog.open()

    def export_to(self, name: str, chosen_filter: str) -> None:
        if not name:
            return
        path, kind = exporting.kind_for(Path(name), chosen_filter)
        try:
            count = self._source.export(path, kind)
        except (OSError, ValueError) as exc:
            self._say(arg(translate("YourBreaks", "Not exported: %1"), exc))
            return
        self._say(texts.exported(count, str(path), self._locale))

    def ask_clear(self) -> None:
        box = exporting.clear_box(self, texts.clear_question(self.summary, self._locale))
        box.finished.connect(lambda answer: self._cleared(answer))
        self.confirm_box = box
        box.open()

    def _cleared(self, answer: int) -> None:
        self.confirm_box = None
        if answer != QMessageBox.StandardButton.Yes.value:
            return
        try:
            self._source.clear()
        except OSError as exc:
            self._say(arg(translate("YourBreaks", "Not cleared: %1"), exc))
            return
        self._say(translate("YourBreaks", "The history is cleared."))
        self.refresh()

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
