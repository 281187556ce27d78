"""How the exercise window fits a screen: at most :data:`MAX_SIZE`, never larger than the
screen's free area at any scale factor, centred there with the window manager's frame counted.

:class:`FittedWindow` does the measuring and placing; the window that derives from it says how
its content tightens (:meth:`FittedWindow._set_compact`), where its buttons go
(:meth:`FittedWindow._arrange_buttons`) and how tall it needs to be
(:meth:`FittedWindow._height_for`).
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QRect, QSize, Qt
from PySide6.QtGui import QCursor, QGuiApplication, QMoveEvent, QResizeEvent
from PySide6.QtWidgets import QStyle, QWidget

MAX_SIZE = QSize(480, 600)
"""The window's largest size, in logical pixels; on a smaller screen (or a larger scale
factor) it fits the screen's available area instead (:meth:`FittedWindow.fit_to`)."""
MIN_WIDTH = 420
WIDE_WIDTH = 640
"""How wide the window may grow on a screen short of height, so text takes fewer lines."""
COMPACT_BELOW = 480
"""Below this much height (logical pixels) the window tightens its spacing."""


class FittedWindow(QWidget):
    """A top-level window sized and centred for one screen's available area."""

    def __init__(self, parent: QWidget | None, flags: Qt.WindowType) -> None:
        super().__init__(parent, flags)
        self.compact = False
        self._area: QRect | None = None  # where fit_to() last fitted the window
        self._fitting = False
        self._settled = False  # checked against the window manager's frame once shown
        self._fitted_frame = QMargins()  # the frame fit_to() allowed for

    # -- what the content decides -------------------------------------------------------

    def _set_compact(self, compact: bool) -> None:
        """Short of height (``True``): tighten the content; records the state."""
        self.compact = compact

    def _arrange_buttons(self, width: int) -> None:
        """Lay the buttons out for ``width``."""

    def _height_for(self, width: int) -> int:
        """The height that shows everything at ``width``."""
        return self.sizeHint().height()

    def _resized(self) -> None:
        """The window's size changed (before it is checked against the screen)."""

    # -- measuring and placing -----------------------------------------------------------

    def sizeHint(self) -> QSize:
        return super().sizeHint().expandedTo(QSize(MIN_WIDTH, 0)).boundedTo(MAX_SIZE)

    def _place_on_cursor_screen(self) -> None:
        screen = QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()
        if screen is None:  # pragma: no cover - no screen at all
            return
        if self.screen() is not screen:
            self.setScreen(screen)
        self.fit_to(screen.availableGeometry())

    def fit_to(self, area: QRect) -> None:
        """Size the window for ``area`` (a screen's available geometry, in logical pixels) and
        centre it there, its frame included: at most :data:`MAX_SIZE`, and never larger than
        the area at any scale. Short of room the drawing shrinks, text wraps, the ending
        buttons take a second row and, last, the part above the buttons scrolls."""
        self._area = QRect(area)
        frame = self._fitted_frame = self._frame_margins()
        room = area.marginsRemoved(frame)
        self._set_compact(room.height() < COMPACT_BELOW)
        # Short of height, wider: the text then takes fewer lines.
        wanted = WIDE_WIDTH if self.compact else max(self.sizeHint().width(), MIN_WIDTH)
        width = max(1, min(wanted, MAX_SIZE.width() if not self.compact else wanted, room.width()))
        self._arrange_buttons(width)
        height = max(1, min(self._height_for(width), MAX_SIZE.height(), room.height()))
        outer = QRect(
            0, 0, width + frame.left() + frame.right(), height + frame.top() + frame.bottom()
        )
        outer.moveCenter(area.center())
        x = max(area.left(), min(outer.left(), area.right() + 1 - outer.width()))
        y = max(area.top(), min(outer.top(), area.bottom() + 1 - outer.height()))
        self._fitting = True
        try:
            self.resize(width, height)
            self.move(x, y)
        finally:
            self._fitting = False

    def _known_frame(self) -> QMargins:
        """The window manager's frame around the window (none yet: null margins)."""
        frame, inner = self.frameGeometry(), self.geometry()
        return QMargins(
            inner.left() - frame.left(),
            inner.top() - frame.top(),
            frame.right() - inner.right(),
            frame.bottom() - inner.bottom(),
        )

    def _frame_margins(self) -> QMargins:
        """The window manager's frame: as it is once known, a title bar's worth before."""
        known = self._known_frame()
        if not known.isNull():
            return known
        title = self.style().pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight)
        return QMargins(2, title + 2, 2, 2)

    def _keep_on_screen(self) -> None:
        """Fitted before the window manager framed it (with a guess for the frame): once the
        frame is known, fit again with it unless the guess was right. Only then: afterwards
        the user may put the window where they like."""
        if self._settled or self._fitting or self._area is None or not self.isVisible():
            return
        known = self._known_frame()
        if known.isNull():
            return  # not framed (yet)
        self._settled = True
        if known != self._fitted_frame or not self._area.contains(self.frameGeometry()):
            self.fit_to(self._area)

    def moveEvent(self, event: QMoveEvent) -> None:
        super().moveEvent(event)
        self._keep_on_screen()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._resized()
        self._keep_on_screen()
