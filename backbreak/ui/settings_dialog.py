"""Tray menu → Settings…: the dialog that edits ``settings.toml`` (see ``backbreak.ui.settings``).

Construct it once with the settings file's path, the loaded :class:`LayeredSettings`, the
exercise catalogue and the start-at-login backend; call :meth:`SettingsDialog.present` to show
it and re-plan on :attr:`SettingsDialog.applied`.
"""

from backbreak.ui.settings.conflict import CONFLICT_TEXT, ConflictChoice
from backbreak.ui.settings.dialog import TITLE, SettingsDialog

__all__ = ["CONFLICT_TEXT", "TITLE", "ConflictChoice", "SettingsDialog"]
