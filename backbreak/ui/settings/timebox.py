"""A time-of-day input that takes the time as people type it.

``QTimeEdit`` only accepts digits typed into a selected section: after a click, after Ctrl+A or
after Home, typed digits were dropped and only the arrow keys changed the time. This box keeps
the spin box's look and arrow keys but lets the line edit take any text: "22", "2200", "22:00"
and "9:30" all mean what they say; a full "HH:MM" is overwritten digit by digit from the
cursor (Home, then "2200"); a click selects the hours or the minutes for the next digits to
replace. Text that is not a time stays as typed so the field can say what is wrong with it.
"""

from __future__ import annotations

import datetime
import re

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtGui import QKeyEvent, QValidator
from PySide6.QtWidgets import QAbstractSpinBox, QStyle, QStyleOptionSpinBox, QWidget

_SHAPES = (
    re.compile(r"(?P<h>[0-9]{1,2})"),
    re.compile(r"(?P<h>[0-9]{1,2})[:.h](?P<m>[0-9]{2})"),
    re.compile(r"(?P<h>[0-9]{1,2})(?P<m>[0-9]{2})"),
)
_FULL = re.compile(r"[0-9]{2}:[0-9]{2}")
_MINUTES_AT = 3
"""Where the minutes start in ``HH:MM``; the cursor left of it steps and types the hours."""


def parse_time(text: str) -> datetime.time | None:
    """The time ``text`` means ("9", "22", "930", "2200", "9:30", "22.00"), or ``None``."""
    stripped = text.strip()
    for shape in _SHAPES:
        match = shape.fullmatch(stripped)
        if match is None:
            continue
        hour = int(match["h"])
        minute = int(match.groupdict().get("m") or 0)
        if hour <= 23 and minute <= 59:
            return datetime.time(hour, minute)
        return None
    return None


def format_time(value: datetime.time) -> str:
    return f"{value:%H:%M}"


class TimeBox(QAbstractSpinBox):
    """Any text may be typed; :meth:`time` is ``None`` until it reads as a time of day."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._last = datetime.time(0, 0)
        # A finished, valid entry is shown the canonical way (the same time, never another).
        self.editingFinished.connect(self._tidy)
        self.lineEdit().installEventFilter(self)

    def time(self) -> datetime.time | None:
        return parse_time(self.text())

    def set_time(self, value: datetime.time) -> None:
        self._last = value
        self.lineEdit().setText(format_time(value))

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        # Nothing typed is refused: what is not (yet) a time is shown and explained instead.
        if parse_time(text) is None:
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Acceptable, text, pos

    def stepEnabled(self) -> QAbstractSpinBox.StepEnabledFlag:
        if not self.isEnabled() or self.isReadOnly():
            return QAbstractSpinBox.StepEnabledFlag.StepNone
        return (
            QAbstractSpinBox.StepEnabledFlag.StepUpEnabled
            | QAbstractSpinBox.StepEnabledFlag.StepDownEnabled
        )

    def stepBy(self, steps: int) -> None:
        """Step the hours or, with the cursor in them, the minutes; both wrap around.

        The stepped part is left selected, so typing replaces it.
        """
        edit = self.lineEdit()
        current = self.time() or self._last
        minutes = current.hour * 60 + current.minute
        in_minutes = _FULL.fullmatch(edit.text()) is not None and (
            edit.cursorPosition() >= _MINUTES_AT
        )
        if in_minutes:
            hour, minute = current.hour, (current.minute + steps) % 60
        else:
            hour, minute = (minutes // 60 + steps) % 24, current.minute
        self.set_time(datetime.time(hour, minute))
        self._select_part(in_minutes)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self._overwrite(event.text())
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A click in a shown time selects the hours or the minutes, so what is typed next
        # replaces them ("2" → 02:00, "22" → 22:00), as in a time field of a web form.
        if watched is self.lineEdit() and event.type() == QEvent.Type.MouseButtonRelease:
            edit = self.lineEdit()
            if not edit.hasSelectedText() and _FULL.fullmatch(edit.text()):
                self._select_part(edit.cursorPosition() >= _MINUTES_AT)
        return False

    def sizeHint(self) -> QSize:
        self.ensurePolished()
        metrics = self.fontMetrics()
        text = QSize(metrics.horizontalAdvance("00:00") + metrics.averageCharWidth() * 2, 0)
        text.setHeight(self.lineEdit().sizeHint().height())
        option = QStyleOptionSpinBox()
        self.initStyleOption(option)
        return self.style().sizeFromContents(QStyle.ContentsType.CT_SpinBox, option, text, self)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def _overwrite(self, typed: str) -> None:
        """In a full ``HH:MM`` a typed character replaces the one under the cursor."""
        edit = self.lineEdit()
        text = edit.text()
        if len(typed) != 1 or not typed.isprintable() or edit.hasSelectedText():
            return
        if _FULL.fullmatch(text) is None:
            return
        pos = edit.cursorPosition()
        if pos < len(text) and text[pos] == ":" and typed != ":":
            pos += 1
        if pos < len(text):
            edit.setSelection(pos, 1)

    def _select_part(self, minutes: bool) -> None:
        self.lineEdit().setSelection(_MINUTES_AT if minutes else 0, 2)

    def _tidy(self) -> None:
        value = self.time()
        if value is not None:
            self._last = value
            if self.text() != format_time(value):
                self.lineEdit().setText(format_time(value))
