"""Export… and Clear history…: the file dialog and the confirmation, both window-modal and
asynchronous (``open()``), so the window stays responsive and tests answer them like a user."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from backbreak.config.i18n import QT_TRANSLATE_NOOP
from backbreak.ui.language import translate

CSV_FILTER = "CSV, for spreadsheets (*.csv)"
JSON_FILTER = "JSON (*.json)"
KINDS = {CSV_FILTER: "csv", JSON_FILTER: "json"}
CLEAR_TITLE = QT_TRANSLATE_NOOP("YourBreaks", "Clear history")


def kind_for(path: Path, chosen_filter: str) -> tuple[Path, str]:
    """The file and its format: a ``.csv`` or ``.json`` name says which; a name without
    either takes the chosen filter's format and its suffix."""
    suffix = path.suffix.lower()
    if suffix in (".csv", ".json"):
        return path, suffix[1:]
    kind = KINDS.get(chosen_filter, "csv")
    return path.with_name(f"{path.name}.{kind}"), kind


def export_dialog(parent: QWidget, folder: Path, today: date) -> QFileDialog:
    """A save dialog in ``folder`` with a dated name; the suffix follows the chosen filter.

    No default suffix: Qt would add the first filter's to a bare name whatever filter is
    chosen later; :func:`kind_for` adds the chosen one."""
    dialog = QFileDialog(parent, translate("YourBreaks", "Export your breaks"))
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setNameFilters([CSV_FILTER, JSON_FILTER])
    dialog.setDirectory(str(folder))
    dialog.selectFile(f"backbreak-history-{today.isoformat()}.csv")
    dialog.filterSelected.connect(lambda chosen: _follow_filter(dialog, chosen))
    return dialog


def _follow_filter(dialog: QFileDialog, chosen: str) -> None:
    kind = KINDS.get(chosen, "csv")
    names = dialog.selectedFiles()
    if names:
        name = Path(names[0])
        if name.suffix.lower() in (".csv", ".json"):
            dialog.selectFile(name.with_suffix(f".{kind}").name)


def clear_box(parent: QWidget, question: str) -> QMessageBox:
    """Yes/No, "No" the default: clearing cannot be undone."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        translate("YourBreaks", CLEAR_TITLE),
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    yes = box.button(QMessageBox.StandardButton.Yes)
    yes.setText(translate("YourBreaks", "Clear history"))
    box.button(QMessageBox.StandardButton.No).setText(translate("YourBreaks", "Keep it"))
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box
