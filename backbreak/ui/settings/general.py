"""The General tab: start at login, which is no settings-file key but the system's own state."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from backbreak.config.i18n import QT_TRANSLATE_NOOP
from backbreak.ui.language import arg, translate
from backbreak.ui.settings.notes import Note, Problem, hint_label
from backbreak.ui.settings.text import with_mnemonic

LOGIN_TEXT = QT_TRANSLATE_NOOP("Settings", "Start backbreak when I log in")
NOT_SUPPORTED = QT_TRANSLATE_NOOP("Settings", "not supported on this system")


_STATES = (
    ("on (", QT_TRANSLATE_NOOP("Settings", "on (%1)")),
    ("off (when on: ", QT_TRANSLATE_NOOP("Settings", "off (when on: %1)")),
    (
        "not supported on this system (",
        QT_TRANSLATE_NOOP("Settings", "not supported on this system (%1)"),
    ),
)


def status_words(status: str) -> str:
    """:meth:`LoginStart.status` in the language shown; the details in brackets (a file, a
    registry key) stay as the system names them."""
    for start, words in _STATES:
        if status.startswith(start) and status.endswith(")"):
            return arg(translate("Settings", words), status[len(start) : -1])
    return status


class LoginStartError(Exception):
    """Turning start at login on or off failed; the message is fit to show next to the box."""


class LoginStart(Protocol):
    """Start at login as the system has it; the app hands in
    :class:`backbreak.shell.login_start.SystemLoginStart` over the platform's backend.

    ``enable`` and ``disable`` raise :class:`LoginStartError`.
    """

    @property
    def supported(self) -> bool: ...
    def is_enabled(self) -> bool: ...
    def enable(self) -> None: ...
    def disable(self) -> None: ...
    def status(self) -> str:
        """``"on (…)"``, ``"off (when on: …)"`` or ``"not supported on this system (…)"``."""


class GeneralPage(QWidget):
    """Start at login goes through :class:`LoginStart` when the dialog applies, not on toggle.

    The line under the check box says what the system does now ("Start at login is off …"),
    and, while the box says otherwise, that OK or Apply will change it.
    """

    def __init__(self, login_start: LoginStart, taken: set[str], parent: QWidget) -> None:
        super().__init__(parent)
        self.login_start = login_start
        self.supported = login_start.supported
        login_text = translate("Settings", LOGIN_TEXT)
        self.login = QCheckBox(with_mnemonic(login_text, taken), self)
        self.login.setAccessibleName(login_text)
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
            self.login.setToolTip(status_words(self.login_start.status()))
            self.login_hint.hide()  # the note says it; the details are in the tooltip
            self._say(Problem("info", translate("Settings", NOT_SUPPORTED)))
            return
        self.login.setChecked(self.login_start.is_enabled())
        self._say(None)

    def apply(self) -> bool:
        """Turn start at login on or off as ticked; ``False`` (and the reason shown) on failure."""
        if not self.supported:
            return True
        wanted = self.login.isChecked()
        try:
            if wanted != self.login_start.is_enabled():
                if wanted:
                    self.login_start.enable()
                else:
                    self.login_start.disable()
        except LoginStartError as error:
            self._say(Problem("error", str(error)))
            return False
        self._say(None)
        return True

    def _say(self, problem: Problem | None) -> None:
        self._problem = problem
        self.login_note.show_problem(problem)
        self._show_state()

    def _show_state(self) -> None:
        text = arg(
            translate("Settings", "Start at login is %1."), status_words(self.login_start.status())
        )
        if self.supported and self.login.isChecked() != self.login_start.is_enabled():
            text += " " + (
                translate("Settings", "Choose OK or Apply to turn it on.")
                if self.login.isChecked()
                else translate("Settings", "Choose OK or Apply to turn it off.")
            )
        self.login_hint.setText(text)
        if self._problem is not None:
            text = f"{self._problem.text}. {text}"
        self.login.setAccessibleDescription(text)
