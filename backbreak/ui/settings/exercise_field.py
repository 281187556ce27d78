"""The ``break.exercise`` editor: alternate, one exercise, or a rotation the user ticks."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from backbreak.config.i18n import QT_TRANSLATE_NOOP
from backbreak.config.schema import KeySpec
from backbreak.core.exercises import ALTERNATE, MAX_ROTATION, Exercise
from backbreak.ui.language import arg, translate
from backbreak.ui.settings.fields import Field
from backbreak.ui.settings.notes import Problem
from backbreak.ui.settings.text import by_name, exercise_title, with_mnemonic

ALTERNATE_TITLE = QT_TRANSLATE_NOOP("Settings", "Alternate (office set + breathing)")
ROTATE_TITLE = QT_TRANSLATE_NOOP("Settings", "Rotate through…")
ROTATE = ":rotate"
"""Combo data of the rotation choice; never an exercise id (ids have no colon)."""
NOTHING_TICKED = QT_TRANSLATE_NOOP("Settings", "Tick at least one exercise to rotate through.")
_ID_ROLE = Qt.ItemDataRole.UserRole


def _missing(exercise_id: str) -> str:
    return arg(translate("Settings", "%1 (not installed)"), exercise_id)


class ExerciseField(Field):
    """A combo of "alternate", every exercise by name and "Rotate through…", which reveals a
    checkable list (the rotation in order, then the other exercises by name) with Move up and
    Move down."""

    note_below = True

    def __init__(self, spec: KeySpec, parent: QWidget, catalogue: Mapping[str, Exercise]) -> None:
        super().__init__(spec, parent)
        self.catalogue = catalogue
        self.editor = QWidget(parent)
        self.combo = QComboBox(self.editor)
        self.combo.setAccessibleName(spec.label)
        self.combo.addItem(translate("Settings", ALTERNATE_TITLE), ALTERNATE)
        for exercise_id in by_name(catalogue):
            self.combo.addItem(exercise_title(catalogue[exercise_id]), exercise_id)
        self.combo.addItem(translate("Settings", ROTATE_TITLE), ROTATE)

        self.panel = QWidget(self.editor)
        self.list = QListWidget(self.panel)
        self.list.setAccessibleName(translate("Settings", "Exercises to rotate through"))
        self.list.setAccessibleDescription(
            translate(
                "Settings", "Ticked exercises are shown in this order, one per break; Space ticks."
            )
        )
        self.up = QPushButton(translate("Settings", "Move up"), self.panel)
        self.up.setAccessibleName(self.up.text())
        self.up.setAccessibleDescription(
            translate("Settings", "Show the selected exercise earlier in the rotation")
        )
        self.down = QPushButton(translate("Settings", "Move down"), self.panel)
        self.down.setAccessibleName(self.down.text())
        self.down.setAccessibleDescription(
            translate("Settings", "Show the selected exercise later in the rotation")
        )
        buttons = QVBoxLayout()
        buttons.addWidget(self.up)
        buttons.addWidget(self.down)
        buttons.addStretch(1)
        panel_row = QHBoxLayout(self.panel)
        panel_row.setContentsMargins(0, 0, 0, 0)
        panel_row.addWidget(self.list, 1)
        panel_row.addLayout(buttons)
        column = QVBoxLayout(self.editor)
        column.setContentsMargins(0, 0, 0, 0)
        choice_row = QHBoxLayout()
        choice_row.addWidget(self.combo)
        choice_row.addStretch(1)
        column.addLayout(choice_row)
        column.addWidget(self.panel)

        self._original: tuple[str, ...] | None = None
        self._fill_list(())
        rows = min(max(self.list.count(), 4), 10)
        row_height = self.list.sizeHintForRow(0)
        self.list.setFixedHeight(row_height * rows + 2 * self.list.frameWidth())
        self.panel.setVisible(False)
        self.combo.currentIndexChanged.connect(self._choice_changed)
        self.list.itemChanged.connect(lambda _item: self.changed.emit())
        self.list.currentRowChanged.connect(lambda _row: self._update_moves())
        self.up.clicked.connect(lambda: self._move(-1))
        self.down.clicked.connect(lambda: self._move(1))

    def inputs(self) -> list[QWidget]:
        return [self.combo, self.list, self.up, self.down]

    def make_label(self, taken: set[str]) -> QLabel | None:
        label = super().make_label(taken)
        self.up.setText(with_mnemonic(translate("Settings", "Move up"), taken))
        self.down.setText(with_mnemonic(translate("Settings", "Move down"), taken))
        return label

    def rotating(self) -> bool:
        return bool(self.combo.currentData() == ROTATE)

    def ticked(self) -> list[str]:
        items = (self.list.item(row) for row in range(self.list.count()))
        return [
            str(item.data(_ID_ROLE)) for item in items if item.checkState() == Qt.CheckState.Checked
        ]

    def value(self) -> object:
        if not self.rotating():
            return str(self.combo.currentData())
        ticked = self.ticked()
        # A rotation from the file with repeats ("a, b, a, c") is kept as written unless the
        # user changed what is ticked or the order.
        if self._original is not None and list(dict.fromkeys(self._original)) == ticked:
            return self._original
        return tuple(ticked)

    def set_value(self, value: object) -> None:
        if isinstance(value, tuple | list):
            rotation = tuple(str(item) for item in value)
            self._original = rotation
            self._fill_list(rotation)
            self.combo.setCurrentIndex(self.combo.findData(ROTATE))
        else:
            self._original = None
            self._fill_list(())
            index = self.combo.findData(value)
            if index < 0:
                self.combo.insertItem(self.combo.count() - 1, _missing(str(value)), value)
                index = self.combo.count() - 2
            self.combo.setCurrentIndex(index)
        self._choice_changed()

    def check(self) -> Problem | None:
        if self.rotating():
            rotation = self.value()
            if not rotation:
                return Problem("error", translate("Settings", NOTHING_TICKED))
            if isinstance(rotation, tuple) and len(rotation) > MAX_ROTATION:
                return Problem(
                    "error", arg(translate("Settings", "Tick at most %1 exercises."), MAX_ROTATION)
                )
        return super().check()

    def _fill_list(self, rotation: tuple[str, ...]) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        first = list(dict.fromkeys(rotation))
        rest = [key for key in by_name(self.catalogue) if key not in first]
        for exercise_id in first + rest:
            exercise = self.catalogue.get(exercise_id)
            title = exercise_title(exercise) if exercise is not None else _missing(exercise_id)
            item = QListWidgetItem(title, self.list)
            item.setData(_ID_ROLE, exercise_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            ticked = exercise_id in rotation
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        self.list.setCurrentRow(0)
        self.list.blockSignals(False)
        self._update_moves()

    def _choice_changed(self) -> None:
        self.panel.setVisible(self.rotating())
        self.changed.emit()

    def _move(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        self.list.blockSignals(True)
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)
        self.list.blockSignals(False)
        self._update_moves()
        self.changed.emit()

    def _update_moves(self) -> None:
        row = self.list.currentRow()
        self.up.setEnabled(self.list.isEnabled() and row > 0)
        self.down.setEnabled(self.list.isEnabled() and 0 <= row < self.list.count() - 1)

    def set_enabled(self, enabled: bool) -> None:
        self.combo.setEnabled(enabled)
        self.list.setEnabled(enabled)
        self._update_moves()
