"""Settings tabs generated from the key registry: one editor per key, by kind."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

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
from backbreak.ui.settings.text import help_for

_FIELD_KINDS: dict[str, type[Field]] = {
    "int": IntField,
    "bool": BoolField,
    "time": TimeField,
    "days": DaysField,
    "choice": ChoiceField,
}


def make_field(spec: KeySpec, parent: QWidget, catalogue: Mapping[str, Exercise]) -> Field:
    """The editor for ``spec``'s kind."""
    if spec.kind == "exercise":
        return ExerciseField(spec, parent, catalogue)
    return _FIELD_KINDS[spec.kind](spec, parent)


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
    column.addWidget(hint_label(help_for(field.spec), page))
    return column
