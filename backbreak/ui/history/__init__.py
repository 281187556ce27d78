"""Tray menu → Your breaks…: the window that shows the break history (see ``window``).

The window reads the history through :class:`~backbreak.ui.history.source.HistorySource`
(what the shell's recorder offers) and never opens the file itself.
"""

from backbreak.ui.history.window import TITLE, YourBreaksWindow

__all__ = ["TITLE", "YourBreaksWindow"]
