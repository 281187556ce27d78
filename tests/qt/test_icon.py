"""The tray icons stay legible at panel sizes on light and dark panels alike."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from backbreak.resources import resource_path

ICONS = ["backbreak.svg", "backbreak-paused.svg", "backbreak-meeting.svg"]
SIZES = [16, 22, 24, 32]
LIGHT_PANEL = QColor("#f0f0f0")
DARK_PANEL = QColor("#202020")
TRANSPARENT = QColor(0, 0, 0, 0)

Pixel = tuple[int, int, int, int]


def render(name: str, size: int, background: QColor) -> list[Pixel]:
    renderer = QSvgRenderer(str(resource_path("icons", name)))
    assert renderer.isValid(), name
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(background)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    pixels = []
    for y in range(size):
        for x in range(size):
            c = image.pixelColor(x, y)
            pixels.append((c.red(), c.green(), c.blue(), c.alpha()))
    return pixels


def distance(p: Pixel, color: QColor) -> float:
    dr, dg, db = p[0] - color.red(), p[1] - color.green(), p[2] - color.blue()
    return float((dr * dr + dg * dg + db * db) ** 0.5)


def luminance(p: Pixel) -> float:
    return 0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2]


@pytest.fixture(autouse=True)
def _app(qapp: QApplication) -> None:
    """QPainter on a QImage needs a GUI application."""


@pytest.mark.parametrize("name", ICONS)
def test_icon_uses_only_tiny_features(name: str) -> None:
    text = resource_path("icons", name).read_text(encoding="utf-8")
    for feature in ("<filter", "<mask", "<style", "class=", "<image", "<text"):
        assert feature not in text, f"{name} uses {feature}, which QtSvg does not render"
    renderer = QSvgRenderer(str(resource_path("icons", name)))
    assert renderer.isValid()
    assert renderer.viewBoxF() == QRectF(0, 0, 64, 64)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", ICONS)
def test_icon_is_not_blank(name: str, size: int) -> None:
    pixels = render(name, size, TRANSPARENT)
    opaque = sum(1 for p in pixels if p[3] > 200) / len(pixels)
    assert opaque > 0.7, f"{name} at {size}px covers only {opaque:.0%}"


@pytest.mark.parametrize("background", [LIGHT_PANEL, DARK_PANEL], ids=["light", "dark"])
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", ICONS)
def test_icon_stands_out_from_the_panel(name: str, size: int, background: QColor) -> None:
    pixels = render(name, size, background)
    distinct = sum(1 for p in pixels if distance(p, background) > 80) / len(pixels)
    assert distinct > 0.5, f"{name} at {size}px blends into {background.name()}: {distinct:.0%}"


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", ICONS)
def test_glyph_is_legible_on_its_tile(name: str, size: int) -> None:
    """A bright glyph of real area on a clearly darker tile."""
    pixels = [p for p in render(name, size, TRANSPARENT) if p[3] == 255]
    bright = sum(1 for p in pixels if luminance(p) > 220) / len(pixels)
    dark = sum(1 for p in pixels if luminance(p) < 130) / len(pixels)
    assert bright > 0.08, f"{name} at {size}px: glyph covers only {bright:.0%}"
    assert dark > 0.3, f"{name} at {size}px: tile covers only {dark:.0%}"


def changed_share(first: list[Pixel], second: list[Pixel]) -> float:
    changed = sum(
        1 for a, b in zip(first, second, strict=True) if distance(a, QColor(b[0], b[1], b[2])) > 60
    )
    return changed / len(first)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("backbreak.svg", "backbreak-paused.svg"),
        ("backbreak.svg", "backbreak-meeting.svg"),
        ("backbreak-paused.svg", "backbreak-meeting.svg"),
    ],
)
def test_each_state_has_an_icon_of_its_own(one: str, other: str, size: int) -> None:
    """Running, paused and in a meeting differ by a third of the icon or more."""
    assert changed_share(render(one, size, LIGHT_PANEL), render(other, size, LIGHT_PANEL)) > 0.3
