"""One editor per settings key, chosen by the key's kind.

A :class:`Field` owns the input widgets of one key, turns them into the raw value the schema
parses (``KeySpec.parse``) and says what is wrong with the value as the user types. The dialog
lays fields out, assigns their mnemonics and shows their :class:`Note`.
"""

from __future__ import annotations

import datetime

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from backbreak.config.kinds import Days, OneOf, Whole
from backbreak.config.schema import KeySpec
from backbreak.ui.language import arg, translate
from backbreak.ui.settings.notes import Note, Problem
from backbreak.ui.settings.text import NO_WORK_DAYS, NOT_A_TIME, day_name, with_mnemonic
from backbreak.ui.settings.timebox import TimeBox


class Field(QObject):
    """The editor of one key. Subclasses set ``editor`` and implement value access."""

    changed = Signal()
    editor: QWidget
    """What the dialog puts in the form: the input itself or a row of inputs."""
    note_below = False
    """Show the note under a wide editor instead of beside it."""

    def __init__(self, spec: KeySpec, parent: QWidget) -> None:
        super().__init__(parent)
        self.spec = spec
        self.host = parent
        self.note = Note(parent)

    def inputs(self) -> list[QWidget]:
        """The widgets the user operates, in tab order (the first is the label's buddy)."""
        raise NotImplementedError

    def value(self) -> object:
        """The raw value, as ``KeySpec.parse`` takes it."""
        raise NotImplementedError

    def set_value(self, value: object) -> None:
        raise NotImplementedError

    def check(self) -> Problem | None:
        """What is wrong with the value typed so far (``None``: nothing)."""
        try:
            self.spec.parse(self.value())
        except ValueError:
            return Problem(
                "error", arg(translate("Settings", "Not allowed: use %1."), self.spec.allowed)
            )
        return None

    def make_label(self, taken: set[str]) -> QLabel | None:
        """The row's label with a free mnemonic; ``None`` when the input carries its own text."""
        label = QLabel(with_mnemonic(self.spec.label, taken) + ":", self.host)
        label.setBuddy(self.inputs()[0])
        label.setToolTip(self.spec.help)
        return label

    def set_enabled(self, enabled: bool) -> None:
        for widget in self.inputs():
            widget.setEnabled(enabled)

    def describe(self, problem: Problem | None) -> None:
        """Show ``problem`` next to the field and in the inputs' accessible descriptions."""
        self.note.show_problem(problem)
        help_text = self.spec.help
        description = help_text if problem is None else f"{problem.text} {help_text}"
        for widget in self.inputs():
            widget.setAccessibleDescription(description)
            widget.setToolTip(help_text)


class IntField(Field):
    """A whole number; what is typed is shown as typed, in range or not.

    The spin box itself takes any 32-bit number so that ``300`` typed into a field that allows
    5 to 240 stays ``300`` (a ``QSpinBox`` with the real bounds drops the last digit, and puts
    the last good value back when the field loses focus); :meth:`check` then says what is
    allowed and the dialog refuses to save. The arrow keys stay within the real bounds.
    """

    def __init__(self, spec: KeySpec, parent: QWidget) -> None:
        super().__init__(spec, parent)
        kind = spec.kind
        assert isinstance(kind, Whole), spec.dotted
        suffix = f" {spec.unit}" if spec.unit else ""
        self.spin = NumberBox(kind.low, kind.high, suffix, parent)
        self.spin.setAccessibleName(spec.label)
        # QSpinBox.textChanged stays quiet while the text is not a valid value; its line edit
        # reports every keystroke, so errors show as you type.
        self.spin.lineEdit().textChanged.connect(self.changed)
        # Leaving an empty field, or the arrow keys, change the text without a text signal.
        self.spin.editingFinished.connect(self.changed)
        self.spin.valueChanged.connect(self.changed)
        # Return in a field with an error would press OK with the last good value; swallow it
        # instead so the error stays in view.
        self.spin.installEventFilter(self)
        self.editor = self.spin

    def inputs(self) -> list[QWidget]:
        return [self.spin]

    def value(self) -> object:
        return self.spin.value()

    def set_value(self, value: object) -> None:
        if isinstance(value, int):
            self.spin.setValue(value)

    def check(self) -> Problem | None:
        unit = self.spin.suffix()
        bounds = f"from {self.spin.low} to {self.spin.high}{unit}"
        if not self.spin.hasAcceptableInput():
            if not self.spin.cleanText().strip():
                return Problem("error", f"Enter a whole number {bounds}.")
            return Problem("error", f"Not a whole number: use a whole number {bounds}.")
        if not self.spin.low <= self.spin.value() <= self.spin.high:
            return Problem("error", f"Out of range: use a whole number {bounds}.")
        return super().check()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not (
            watched is self.spin
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            return False
        problem = self.check()
        return problem is not None and problem.level == "error"


class NumberBox(QSpinBox):
    """A spin box that shows any number typed, while its arrows keep to ``low``..``high``."""

    def __init__(self, low: int, high: int, suffix: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.low, self.high = low, high
        self.setSuffix(suffix)
        # Sized for the real bounds and one digit more (what a slip of the finger adds),
        # before they are widened for typing.
        self.setRange(low, min(max(high, 0) * 10 + 9, 2**31 - 1))
        self._hint = super().sizeHint()
        self.setRange(-(2**31), 2**31 - 1)

    def stepBy(self, steps: int) -> None:
        self.setValue(min(max(self.value() + steps, self.low), self.high))
        self.selectAll()

    def stepEnabled(self) -> QAbstractSpinBox.StepEnabledFlag:
        flags = QAbstractSpinBox.StepEnabledFlag.StepNone
        if not self.isEnabled() or self.isReadOnly():
            return flags
        if self.value() < self.high:
            flags |= QAbstractSpinBox.StepEnabledFlag.StepUpEnabled
        if self.value() > self.low:
            flags |= QAbstractSpinBox.StepEnabledFlag.StepDownEnabled
        return flags

    def sizeHint(self) -> QSize:
        return self._hint

    def minimumSizeHint(self) -> QSize:
        return self._hint


class BoolField(Field):
    def __init__(self, spec: KeySpec, parent: QWidget) -> None:
        super().__init__(spec, parent)
        self.box = QCheckBox(spec.label, parent)
        self.box.setAccessibleName(spec.label)
        self.box.toggled.connect(self.changed)
        self.editor = self.box

    def inputs(self) -> list[QWidget]:
        return [self.box]

    def value(self) -> object:
        return self.box.isChecked()

    def set_value(self, value: object) -> None:
        self.box.setChecked(bool(value))

    def make_label(self, taken: set[str]) -> QLabel | None:
        self.box.setText(with_mnemonic(self.spec.label, taken))
        return None


class TimeField(Field):
    """A time of day typed as people write it; see :class:`TimeBox`."""

    def __init__(self, spec: KeySpec, parent: QWidget) -> None:
        super().__init__(spec, parent)
        self.edit = TimeBox(parent)
        self.edit.setAccessibleName(spec.label)
        self.edit.lineEdit().textChanged.connect(self.changed)
        self.editor = self.edit

    def inputs(self) -> list[QWidget]:
        return [self.edit]

    def value(self) -> object:
        value = self.edit.time()
        return value if value is not None else self.edit.text()

    def time(self) -> datetime.time | None:
        """The time shown, or ``None`` while the text is no time."""
        return self.edit.time()

    def set_value(self, value: object) -> None:
        if isinstance(value, datetime.time):
            self.edit.set_time(value)

    def check(self) -> Problem | None:
        if self.edit.time() is None:
            return Problem("error", translate("Settings", NOT_A_TIME))
        return super().check()


class DaysField(Field):
    """Seven day boxes plus "Every day" and "Weekdays" shortcuts."""

    note_below = True

    def __init__(self, spec: KeySpec, parent: QWidget) -> None:
        super().__init__(spec, parent)
        kind = spec.kind
        assert isinstance(kind, Days), spec.dotted
        self.editor = QWidget(parent)
        self.editor.setAccessibleName(spec.label)
        row = QHBoxLayout(self.editor)
        row.setContentsMargins(0, 0, 0, 0)
        self.days: dict[str, QCheckBox] = {}
        for day in kind.choices:
            box = QCheckBox(day_name(day, short=True).capitalize(), self.editor)
            box.setAccessibleName(day_name(day))
            box.toggled.connect(self.changed)
            row.addWidget(box)
            self.days[day] = box
        row.addSpacing(8)
        self.every_day = QPushButton(translate("Settings", "Every day"), self.editor)
        self.every_day.setAccessibleName(self.every_day.text())
        self.every_day.clicked.connect(lambda: self.set_value(kind.choices))
        self.weekdays = QPushButton(translate("Settings", "Weekdays"), self.editor)
        self.weekdays.setAccessibleName(self.weekdays.text())
        self.weekdays.clicked.connect(lambda: self.set_value(kind.choices[:5]))
        row.addWidget(self.every_day)
        row.addWidget(self.weekdays)
        row.addStretch(1)

    def inputs(self) -> list[QWidget]:
        return [*self.days.values(), self.every_day, self.weekdays]

    def value(self) -> object:
        return tuple(day for day, box in self.days.items() if box.isChecked())

    def set_value(self, value: object) -> None:
        chosen = set(value) if isinstance(value, list | tuple) else set()
        for day, box in self.days.items():
            box.setChecked(day in chosen)

    def check(self) -> Problem | None:
        if not self.value():
            return Problem("warning", translate("Settings", NO_WORK_DAYS))
        return super().check()

    def make_label(self, taken: set[str]) -> QLabel | None:
        label = super().make_label(taken)
        self.every_day.setText(with_mnemonic(translate("Settings", "Every day"), taken))
        self.weekdays.setText(with_mnemonic(translate("Settings", "Weekdays"), taken))
        return label


class ChoiceField(Field):
    def __init__(self, spec: KeySpec, parent: QWidget) -> None:
        super().__init__(spec, parent)
        self.combo = QComboBox(parent)
        self.combo.setAccessibleName(spec.label)
        kind = spec.kind
        assert isinstance(kind, OneOf), spec.dotted
        for choice, title in kind.titles.items():
            self.combo.addItem(translate("Settings", title), choice)
        self.combo.currentIndexChanged.connect(self.changed)
        self.editor = self.combo

    def inputs(self) -> list[QWidget]:
        return [self.combo]

    def value(self) -> object:
        return self.combo.currentData()

    def set_value(self, value: object) -> None:
        index = self.combo.findData(value)
        if index < 0:
            self.combo.addItem(str(value), value)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(index)
