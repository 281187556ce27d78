"""A scroll area that asks for all of its content's height but can make do with little.

The exercise window has to fit any screen at any scale with its buttons on it (a 1366×768
laptop at 200 % leaves 683×384 logical pixels). What cannot shrink goes into a box like this:
on a screen with room it shows everything without a scroll bar; on a small one it scrolls
instead of pushing the rest of the window off the screen.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


class ScrollBox(QScrollArea):
    """Holds ``content``; vertical scrolling only, and only when there is no room."""

    def __init__(self, content: QWidget, parent: QWidget | None = None, *, min_lines: int = 2):
        """A :class:`ScrollBody` ``content`` fills the box; other content (a label) keeps the
        height its wrapped text needs."""
        super().__init__(parent)
        self._min_lines = min_lines
        self._fill = isinstance(content, ScrollBody)
        self._content = content
        self.setWidget(content)
        # QScrollArea's own resizing holds content at its height-for-width: fine for a label.
        self.setWidgetResizable(not self._fill)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the buttons are the controls
        # Transparent: the box is a layout aid, not something to see.
        self.viewport().setAutoFillBackground(False)
        content.setAutoFillBackground(False)
        if self._fill:
            content.installEventFilter(self)  # its layout changed (a note hidden): fill again

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._fill and watched is self._content and event.type() == QEvent.Type.LayoutRequest:
            self._fill_viewport()
        return super().eventFilter(watched, event)

    def content_height(self, width: int) -> int:
        """How tall the content wants to be at ``width`` (its text wrapped to it)."""
        content = self._content
        layout = content.layout()
        if layout is not None and layout.hasHeightForWidth():
            height = layout.totalHeightForWidth(width)
        else:
            height = content.heightForWidth(width) if content.hasHeightForWidth() else -1
        return height if height > 0 else content.sizeHint().height()

    def sizeHint(self) -> QSize:
        """All of the content (QScrollArea's own hint stops at 24 lines)."""
        content = self._content
        width = self.viewport().width() if self.isVisible() else content.sizeHint().width()
        return QSize(content.sizeHint().width(), self.content_height(max(1, width)))

    def minimumSizeHint(self) -> QSize:
        lines = self.fontMetrics().lineSpacing() * self._min_lines
        return QSize(self._content.minimumSizeHint().width(), lines)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            if self._fill:
                self._fill_viewport()
            else:
                self._fit_content()
        return super().viewportEvent(event)

    def _fit_content(self) -> None:
        """Never taller than the content at this width: spare room goes to the rest."""
        tallest = self.content_height(max(1, self.viewport().width())) + 2 * self.frameWidth()
        if self.maximumHeight() != tallest:
            self.setMaximumHeight(tallest)

    def _fill_viewport(self) -> None:
        """The body as wide as the box and as tall as the box or its minimum, the taller."""
        content = self._content
        width = self.viewport().width()
        least = content.minimumSizeHint().height()
        size = QSize(width, max(self.viewport().height(), least))
        if content.size() != size:
            content.resize(size)


class ScrollBody(QWidget):
    """Content for a :class:`ScrollBox` that fills it and gives way down to its minimum.

    QScrollArea's own resizing holds content with wrapped text at the height that text wants
    (its height-for-width) and scrolls the rest. The box instead gives this content its own
    height and lets the layout shrink what can shrink (a drawing) until only the minimum at
    the box's width is left; only below that does the box scroll.
    """

    def minimumSizeHint(self) -> QSize:
        """The layout's minimum at the box's width, wrapped text included."""
        layout = self.layout()
        if layout is None:
            return super().minimumSizeHint()
        viewport = self.parentWidget()
        width = viewport.width() if viewport is not None and viewport.width() > 0 else self.width()
        smallest = layout.totalMinimumSize()
        if layout.hasHeightForWidth() and width > 0:
            return QSize(smallest.width(), layout.totalMinimumHeightForWidth(width))
        return smallest
