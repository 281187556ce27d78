"""Owns the "Your breaks" window: built when first opened, gone again once closed.

An idle tray app holds no window it is not showing, and a closed window keeps no numbers that
could go stale: each :meth:`HistoryView.open` builds or refreshes it from the history, and
:meth:`HistoryView.refresh` (connected to the recorder's "recorded" signal) re-reads only while
it is open. Reading the summary takes milliseconds even for ten years of breaks
(``bench/history_window.py``), so it is done on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction

from backbreak.ui.history.source import HistorySource

if TYPE_CHECKING:
    from backbreak.ui.history.window import YourBreaksWindow


class HistoryView(QObject):
    """``titles``: exercise id → title, to name the routine's exercises."""

    def __init__(
        self,
        access: HistorySource,
        titles: Mapping[str, str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._access = access
        self._titles = titles
        self._window: YourBreaksWindow | None = None

    @property
    def window(self) -> YourBreaksWindow | None:
        """The window while it exists (closing deletes it)."""
        if self._window is not None and not shiboken6.isValid(self._window):
            self._window = None
        return self._window

    def set_titles(self, titles: Mapping[str, str]) -> None:
        """The catalogue changed (own exercises edited): used from the next refresh."""
        self._titles = titles
        window = self.window
        if window is not None:
            window.titles = titles

    @Slot()
    def open(self) -> None:
        """Show the window with the history as it is now, and bring it forward."""
        window = self.window
        if window is None:
            from backbreak.ui.history.window import YourBreaksWindow  # only once someone asks

            window = YourBreaksWindow(self._access, self._titles)
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self._window = window
        window.present()

    @Slot()
    def refresh(self) -> None:
        """A break was recorded: re-read while the window is open."""
        window = self.window
        if window is not None and window.isVisible():
            window.refresh()

    def close(self) -> None:
        window = self.window
        if window is not None:
            window.close()


def offer_history(
    action: QAction, access: HistorySource | None, titles: Mapping[str, str], parent: QObject
) -> HistoryView | None:
    """Connect "Your breaks…" to a view of ``access``; without a history (none is kept)
    the action stays hidden."""
    action.setVisible(access is not None)
    if access is None:
        return None
    view = HistoryView(access, titles, parent)
    action.triggered.connect(view.open)
    return view
