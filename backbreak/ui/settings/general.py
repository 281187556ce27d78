"""The General tab: start at login (not a settings-file key) and the language."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from backbreak.platform.autostart import Autostart, AutostartError
from backbreak.ui.settings.notes import Note, Problem, hint_label
from backbreak.ui.settings.text import with_mnemonic

LOGIN_TEXT = "Start backbreak when I log in"
NOT_SUPPORTED = "not supported on this system"
LANGUAGE_HINT = "More languages will be offered once translations exist."


class GeneralPage(QWidget):
    """Start at login goes through :class:`Autostart` when the dialog applies, not on toggle."""

    def __init__(self, autostart: Autostart, taken: set[str], parent: QWidget) -> None:
        super().__init__(parent)
        self.autostart = autostart
        self.supported = autostart.name != "null"
        self.login = QCheckBox(with_mnemonic(LOGIN_TEXT, taken), self)
        self.login.setAccessibleName(LOGIN_TEXT)
        self.login_note = Note(self)
        self.login_hint = hint_label(autostart.describe(), self)
        login_row = QHBoxLayout()
        login_row.addWidget(self.login)
        login_row.addWidget(self.login_note, 1)
        login_row.addStretch(0)
        self.login.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        login_column = QVBoxLayout()
        login_column.addLayout(login_row)
        login_column.addWidget(self.login_hint)

        self.language = QComboBox(self)
        self.language.addItem("English", "en")
        self.language.setEnabled(False)
        self.language.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.language.setAccessibleName("Language")
        self.language.setAccessibleDescription(LANGUAGE_HINT)
        language_label = QLabel(with_mnemonic("Language", taken) + ":", self)
        language_label.setBuddy(self.language)
        language_label.setMinimumHeight(self.language.sizeHint().height())
        language_column = QVBoxLayout()
        language_column.addWidget(self.language)
        language_column.addWidget(hint_label(LANGUAGE_HINT, self))

        grid = QGridLayout(self)
        grid.setColumnStretch(1, 1)
        grid.addLayout(login_column, 0, 1)
        grid.addWidget(language_label, 1, 0, Qt.AlignmentFlag.AlignTop)
        grid.addLayout(language_column, 1, 1)
        grid.setRowStretch(2, 1)
        self.refresh()

    def inputs(self) -> list[QWidget]:
        return [self.login, self.language]

    def refresh(self) -> None:
        """Show what the system says now, dropping an unapplied change."""
        if not self.supported:
            self.login.setChecked(False)
            self.login.setEnabled(False)
            self.login_hint.hide()  # the note says it; the details are in the tooltip
            self._say(Problem("info", NOT_SUPPORTED))
            return
        self.login.setChecked(self.autostart.is_enabled())
        self._say(None)

    def apply(self) -> bool:
        """Turn start at login on or off as ticked; ``False`` (and the reason shown) on failure."""
        if not self.supported:
            return True
        wanted = self.login.isChecked()
        try:
            if wanted != self.autostart.is_enabled():
                if wanted:
                    self.autostart.enable()
                else:
                    self.autostart.disable()
        except AutostartError as error:
            self._say(Problem("error", str(error)))
            return False
        self._say(None)
        return True

    def _say(self, problem: Problem | None) -> None:
        self.login_note.show_problem(problem)
        text = self.autostart.describe()
        if problem is not None:
            text = f"{problem.text}. {text}"
        self.login.setAccessibleDescription(text)
