"""Exercise illustrations: SVG drawn crisp at the screen's pixel density, mirrored on demand.

One drawing serves both sides of an exercise: a mirrored step shows the same SVG
flipped left to right. Rendered pixmaps are cached per (file, size, pixel ratio,
mirrored), so repainting costs nothing and resizing renders once per size.

A drawing that refers to anything outside itself (another file, an embedded image, a DOCTYPE)
is not drawn: its step is shown without a picture and the log names the file and the reason
(see :mod:`backbreak.ui.svg_guard`).
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPixmap, QTransform
from PySide6.QtWidgets import QSizePolicy, QWidget

from backbreak.ui.svg_guard import read_checked

log = logging.getLogger(__name__)

CACHE_SIZE = 32


def render_svg(path: Path, size: QSize, dpr: float = 1.0, *, mirrored: bool = False) -> QPixmap:
    """``path`` drawn to fit ``size`` logical pixels (aspect kept, centred) at pixel ratio ``dpr``.

    Returns a null pixmap when the file cannot be read as SVG or refers to anything outside
    itself. Cached.
    """
    return _render(str(path), size.width(), size.height(), round(dpr, 3), mirrored)


def clear_cache() -> None:
    _render.cache_clear()
    _load.cache_clear()


def cache_info() -> str:
    return str(_render.cache_info())


@lru_cache(maxsize=CACHE_SIZE)
def _render(path: str, width: int, height: int, dpr: float, mirrored: bool) -> QPixmap:
    if mirrored:
        # The plain drawing (from the cache when it is there), flipped left to right.
        plain = _render(path, width, height, dpr, False)
        if plain.isNull():
            return plain
        flipped = plain.transformed(QTransform.fromScale(-1, 1))
        flipped.setDevicePixelRatio(dpr)
        return flipped
    # QtSvg is loaded with the first illustration, not when the app starts.
    from PySide6.QtSvg import QSvgRenderer

    data = _load(path)
    if data is None:
        return QPixmap()
    renderer = QSvgRenderer(QByteArray(data))
    if not renderer.isValid() or width <= 0 or height <= 0:
        log.warning("Cannot draw illustration %s", path)
        return QPixmap()
    pixmap = QPixmap(max(1, round(width * dpr)), max(1, round(height * dpr)))
    pixmap.setDevicePixelRatio(dpr)
    pixmap.fill(Qt.GlobalColor.transparent)
    target = _fit(renderer.defaultSize().toSizeF(), QSizeF(width, height))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, target)
    painter.end()
    return pixmap


@lru_cache(maxsize=CACHE_SIZE)
def _load(path: str) -> bytes | None:
    """The file's checked bytes, read once per file (so its warning is logged once)."""
    checked = read_checked(Path(path))
    if checked.problem is not None:
        log.warning("Illustration %s is not shown: it %s", path, checked.problem)
        return None
    return checked.data


def _fit(source: QSizeF, box: QSizeF) -> QRectF:
    """The largest rectangle with ``source``'s proportions centred in ``box``."""
    if source.isEmpty():
        return QRectF(0, 0, box.width(), box.height())
    scaled = source.scaled(box, Qt.AspectRatioMode.KeepAspectRatio)
    return QRectF(
        (box.width() - scaled.width()) / 2,
        (box.height() - scaled.height()) / 2,
        scaled.width(),
        scaled.height(),
    )


class IllustrationView(QWidget):
    """Shows one SVG at whatever size the layout gives it, re-rendered for each size."""

    def __init__(self, parent: QWidget | None = None, *, preferred: int = 200) -> None:
        super().__init__(parent)
        self._path: Path | None = None
        self._mirrored = False
        self._preferred = preferred
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(QSize(preferred * 3 // 5, preferred * 3 // 5))

    def sizeHint(self) -> QSize:
        return QSize(self._preferred, self._preferred)

    def set_illustration(self, path: Path | None, *, mirrored: bool = False) -> None:
        if (path, mirrored) != (self._path, self._mirrored):
            self._path = path
            self._mirrored = mirrored
            self.update()

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def mirrored(self) -> bool:
        return self._mirrored

    def pixmap(self) -> QPixmap:
        """What is drawn at the widget's current size (a null pixmap when there is nothing)."""
        if self._path is None:
            return QPixmap()
        side = min(self.width(), self.height())
        return render_svg(
            self._path, QSize(side, side), self.devicePixelRatioF(), mirrored=self._mirrored
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        pixmap = self.pixmap()
        if pixmap.isNull():
            return
        logical = pixmap.deviceIndependentSize()
        x = (self.width() - logical.width()) / 2
        y = (self.height() - logical.height()) / 2
        painter = QPainter(self)
        painter.drawPixmap(round(x), round(y), pixmap)
        painter.end()
