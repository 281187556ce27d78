"""The exercise illustrations: small SVG Tiny files that stay legible on light and dark windows.

The exercise window shows them at about 220 logical px (440 px on HiDPI screens). Teal marks
movement (an arrow or the moving part), so it appears in the movement poses and nowhere else.
"""

from __future__ import annotations

import functools

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from backbreak.resources import resources_dir

FOLDER = resources_dir() / "illustrations"

STILL = [
    "seated-tall.svg",
    "seated-hands-behind-head.svg",
    "standing-tall.svg",
    "quadruped.svg",
    "foam-roller-setup.svg",
    "cord-row-start.svg",
]
MOVING = [
    "seated-rotation.svg",
    "seated-extension.svg",
    "scapular-squeeze.svg",
    "standing-side-bend.svg",
    "quadruped-rotation.svg",
    "foam-roller-extension.svg",
    "cord-row-pull.svg",
    "breathing-seated.svg",
]
# Every illustration in the folder gets the generic checks, including ones added later.
ALL = sorted(set(STILL + MOVING) | {path.name for path in FOLDER.glob("*.svg")})

LOGICAL = 220
SIZES = [LOGICAL, 2 * LOGICAL]
MAX_BYTES = 8 * 1024
FORBIDDEN = (
    "<script",
    "<style",
    "<filter",
    "<mask",
    "<image",
    "<foreignobject",
    "<text",
    "href",
    "class=",
)
TEAL = "#0f766e"
DARK_WINDOW = "#2b2b2b"
LIGHT_WINDOWS = ["#ffffff", "#f0f0f0"]

Pixel = tuple[int, int, int, int]


@functools.cache
def render(name: str, size: int, background: str | None = None) -> tuple[Pixel, ...]:
    """RGBA pixels of one illustration drawn at size×size over a background (or none)."""
    renderer = QSvgRenderer(str(FOLDER / name))
    assert renderer.isValid(), name
    image = QImage(size, size, QImage.Format.Format_RGBA8888)
    image.fill(QColor(background) if background else QColor(Qt.GlobalColor.transparent))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = bytes(image.constBits())
    return tuple((data[i], data[i + 1], data[i + 2], data[i + 3]) for i in range(0, len(data), 4))


def distance(p: Pixel, color: str) -> float:
    c = QColor(color)
    dr, dg, db = p[0] - c.red(), p[1] - c.green(), p[2] - c.blue()
    return float((dr * dr + dg * dg + db * db) ** 0.5)


def drawn(pixels: tuple[Pixel, ...]) -> list[int]:
    """Indices of the pixels the drawing covers (on a transparent background)."""
    return [i for i, p in enumerate(pixels) if p[3] > 200]


def outline(pixels: tuple[Pixel, ...], size: int) -> list[int]:
    """Covered pixels that touch an uncovered one: where the drawing meets the window."""
    empty = [p[3] < 20 for p in pixels]
    edge = []
    for i in drawn(pixels):
        x, y = i % size, i // size
        neighbours = ((x + dx, y + dy) for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)))
        if any(
            0 <= nx < size and 0 <= ny < size and empty[ny * size + nx] for nx, ny in neighbours
        ):
            edge.append(i)
    return edge


def teal_share(name: str) -> float:
    pixels = render(name, LOGICAL)
    teal = sum(1 for p in pixels if p[3] > 200 and distance(p, TEAL) < 30)
    return teal / len(pixels)


@pytest.fixture(autouse=True)
def _app(qapp: QApplication) -> None:
    """QPainter on a QImage needs a GUI application."""


def test_every_pose_has_an_illustration() -> None:
    missing = [name for name in STILL + MOVING if not (FOLDER / name).is_file()]
    assert not missing, f"missing illustrations: {missing}"


@pytest.mark.parametrize("name", ALL)
def test_is_a_small_svg_tiny_file(name: str) -> None:
    path = FOLDER / name
    assert path.stat().st_size <= MAX_BYTES, f"{name} is {path.stat().st_size} bytes"
    text = path.read_text(encoding="utf-8").lower()
    for feature in FORBIDDEN:
        assert feature not in text, f"{name} uses {feature}, which the illustrations avoid"
    renderer = QSvgRenderer(str(path))
    assert renderer.isValid(), name
    assert renderer.viewBoxF() == QRectF(0, 0, 240, 240), name


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", ALL)
def test_draws_a_figure_on_a_transparent_background(name: str, size: int) -> None:
    pixels = render(name, size)
    covered = len(drawn(pixels)) / len(pixels)
    assert covered > 0.08, f"{name} at {size}px covers only {covered:.1%}"
    assert covered < 0.5, f"{name} at {size}px covers {covered:.0%}: is the background filled?"
    corners = [pixels[0], pixels[size - 1], pixels[-size], pixels[-1]]
    assert all(p[3] == 0 for p in corners), f"{name} has an opaque background"


@pytest.mark.parametrize("name", MOVING)
def test_movement_is_shown_in_teal(name: str) -> None:
    share = teal_share(name)
    assert share > 0.003, f"{name}: no visible teal arrow or moving part ({share:.2%})"


@pytest.mark.parametrize("name", STILL)
def test_still_poses_have_no_movement_colour(name: str) -> None:
    share = teal_share(name)
    assert share < 0.0005, f"{name} shows teal ({share:.2%}) but is a still pose"


@pytest.mark.parametrize("name", ALL)
def test_outline_stands_out_on_a_dark_window(name: str) -> None:
    """The dark slate figure alone would vanish on #2b2b2b; its edge must stay visible."""
    shape = render(name, LOGICAL)
    on_dark = render(name, LOGICAL, DARK_WINDOW)
    edge = outline(shape, LOGICAL)
    visible = sum(1 for i in edge if distance(on_dark[i], DARK_WINDOW) > 80) / len(edge)
    assert visible > 0.95, f"{name}: only {visible:.0%} of its outline stands out on dark"


@pytest.mark.parametrize("background", LIGHT_WINDOWS)
@pytest.mark.parametrize("name", ALL)
def test_figure_stands_out_on_a_light_window(name: str, background: str) -> None:
    shape = render(name, LOGICAL)
    on_light = render(name, LOGICAL, background)
    covered = drawn(shape)
    visible = sum(1 for i in covered if distance(on_light[i], background) > 80) / len(covered)
    assert visible > 0.6, f"{name}: only {visible:.0%} of it stands out on {background}"
