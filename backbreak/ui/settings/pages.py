"""Settings tabs generated from the declared keys: one editor per key, by kind."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from backbreak.config.kinds import Days, ExerciseChoice, Kind, OneOf, Switch, TimeOfDay, Whole
from backbreak.config.schema import KeySpec
from backbreak.core.exercises import Exercise
from backbreak.ui.settings.exercise_field import ExerciseField
from backbreak.ui.settings.fields import (
    BoolField,
    ChoiceField,
    DaysField,
    Field,
    IntField,
    TimeField,
)
from backbreak.ui.settings.notes import hint_label

Editor = Callable[[KeySpec, QWidget, Mapping[str, Exercise]], Field]

EDITORS: dict[type[Kind[Any]], Editor] = {
    Whole: lambda spec, parent, _catalogue: IntField(spec, parent),
    Switch: lambda spec, parent, _catalogue: BoolField(spec, parent),
    TimeOfDay: lambda spec, parent, _catalogue: TimeField(spec, parent),
    Days: lambda spec, parent, _catalogue: DaysField(spec, parent),
    OneOf: lambda spec, parent, _catalogue: ChoiceField(spec, parent),
    ExerciseChoice: ExerciseField,
}
"""The editor of each kind of key; a new kind of key needs one here."""


def make_field(spec: KeySpec, parent: QWidget, catalogue: Mapping[str, Exercise]) -> Field:
    """The editor for ``spec``'s kind."""
    return EDITORS[type(spec.kind)](spec, parent, catalogue)


def build_page(
    specs: Sequence[KeySpec],
    parent: QWidget,
    catalogue: Mapping[str, Exercise],
    reserved: set[str],
) -> tuple[QWidget, list[Field]]:
    """A tab page with a row per key: label, editor with its note, and the key's description.

    Mnemonics are picked so they clash neither with each other nor with ``reserved`` (the
    dialog's buttons and tab titles).
    """
    page = QWidget(parent)
    grid = QGridLayout(page)
    grid.setColumnStretch(1, 1)
    taken = set(reserved)
    fields: list[Field] = []
    for row, spec in enumerate(specs):
        field = make_field(spec, page, catalogue)
        fields.append(field)
        label = field.make_label(taken)
        if label is not None:
            # Level with the editor's first line, however tall the hint under it.
            label.setMinimumHeight(field.inputs()[0].sizeHint().height())
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
        grid.addLayout(_column(field, page), row, 1)
    grid.setRowStretch(len(specs), 1)
    return page, fields


def _column(field: Field, page: QWidget) -> QVBoxLayout:
    column = QVBoxLayout()
    if field.note_below:
        column.addWidget(field.editor)
        column.addWidget(field.note)
    else:
        row = QHBoxLayout()
        field.editor.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        row.addWidget(field.editor)
        row.addWidget(field.note, 1)
        row.addStretch(0)  # lets the row, and so the hint under it, use the full width
        column.addLayout(row)
    column.addWidget(hint_label(field.spec.help, page))
    return column


def stacked(top: QWidget, bottom: QWidget, parent: QWidget) -> QWidget:
    """``top`` above ``bottom`` on one page; ``bottom`` takes the room left."""
    page = QWidget(parent)
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(top, 0)
    layout.addWidget(bottom, 1)
    return page
