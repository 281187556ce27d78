"""The General tab: start at login, which is no settings-file key but the system's own state."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from backbreak.platform.autostart import Autostart, AutostartError
from backbreak.platform.autostart.status import login_status
from backbreak.ui.settings.notes import Note, Problem, hint_label
from backbreak.ui.settings.text import with_mnemonic

LOGIN_TEXT = "Start backbreak when I log in"
NOT_SUPPORTED = "not supported on this system"


class GeneralPage(QWidget):
    """Start at login goes through :class:`Autostart` when the dialog applies, not on toggle.

    The line under the check box says what the system does now ("Start at login is off …"),
    and, while the box says otherwise, that OK or Apply will change it.
    """

    def __init__(self, autostart: Autostart, taken: set[str], parent: QWidget) -> None:
        super().__init__(parent)
        self.autostart = autostart
        self.supported = autostart.name != "null"
        self.login = QCheckBox(with_mnemonic(LOGIN_TEXT, taken), self)
        self.login.setAccessibleName(LOGIN_TEXT)
        self.login_note = Note(self)
        self.login_hint = hint_label("", self)
        login_row = QHBoxLayout()
        login_row.addWidget(self.login)
        login_row.addWidget(self.login_note, 1)
        login_row.addStretch(0)
        self.login.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        login_column = QVBoxLayout()
        login_column.addLayout(login_row)
        login_column.addWidget(self.login_hint)

        grid = QGridLayout(self)
        grid.setColumnStretch(1, 1)
        grid.addLayout(login_column, 0, 1)
        grid.setRowStretch(1, 1)
        self._problem: Problem | None = None
        self.login.toggled.connect(lambda _on: self._show_state())
        self.refresh()

    def inputs(self) -> list[QWidget]:
        return [self.login]

    def refresh(self) -> None:
        """Show what the system says now, dropping an unapplied change."""
        if not self.supported:
            self.login.setChecked(False)
            self.login.setEnabled(False)
            self.login.setToolTip(login_status(self.autostart))
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
        self._problem = problem
        self.login_note.show_problem(problem)
        self._show_state()

    def _show_state(self) -> None:
        text = f"Start at login is {login_status(self.autostart)}."
        if self.supported and self.login.isChecked() != self.autostart.is_enabled():
            text += f" Choose OK or Apply to turn it {'on' if self.login.isChecked() else 'off'}."
        self.login_hint.setText(text)
        if self._problem is not None:
            text = f"{self._problem.text}. {text}"
        self.login.setAccessibleDescription(text)
