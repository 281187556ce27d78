"""Tray menu → Your breaks…: the window that shows the break history.

The window (:mod:`~backbreak.ui.history.window`) is imported only when it is first opened. It
reads the history through :class:`~backbreak.ui.history.source.HistorySource` (what the shell's
recorder offers) and never opens the file itself.
"""
