"""Noticing that the settings file changed on disk while the dialog was open, and asking."""

from __future__ import annotations

import enum
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from backbreak.config.files import read_bounded
from backbreak.config.i18n import QT_TRANSLATE_NOOP
from backbreak.config.loader import MAX_FILE_BYTES
from backbreak.ui.language import arg, translate

CONFLICT_TEXT = QT_TRANSLATE_NOOP("Settings", "The settings file was changed outside backbreak.")


class ConflictChoice(enum.Enum):
    OVERWRITE = "overwrite"
    RELOAD = "reload"
    CANCEL = "cancel"


def fingerprint(path: Path) -> bytes | str | None:
    """What the file holds now: its bytes, ``None`` when missing, the error when unreadable.

    Bytes rather than the modification time: a file saved again unchanged is no conflict, and
    an edit within the file system's time resolution still is one.
    """
    try:
        return read_bounded(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        return None
    except OSError as error:
        return f"unreadable: {error.strerror or error}"


def ask_conflict(parent: QWidget, path: Path) -> ConflictChoice:
    """Ask with a message box: overwrite the file, reload from it, or do nothing for now."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(translate("Settings", "backbreak settings"))
    box.setText(translate("Settings", CONFLICT_TEXT))
    box.setInformativeText(
        arg(
            translate(
                "Settings",
                "%1 was edited while this window was open. Overwrite it with the values shown "
                "here, or reload the values from the file (your changes here are then lost)?",
            ),
            path,
        )
    )
    overwrite = box.addButton(
        translate("Settings", "&Overwrite"), QMessageBox.ButtonRole.DestructiveRole
    )
    reload = box.addButton(
        translate("Settings", "&Reload from file"), QMessageBox.ButtonRole.ActionRole
    )
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    for button in (overwrite, reload, cancel):
        button.setAccessibleName(button.text().replace("&", ""))
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is overwrite:
        return ConflictChoice.OVERWRITE
    if clicked is reload:
        return ConflictChoice.RELOAD
    return ConflictChoice.CANCEL
