"""The exercise illustrations: small SVG Tiny files that stay legible on light and dark windows.

The exercise window shows them at about 220 logical px (440 px on HiDPI screens). Teal marks
movement (an arrow or the moving part), so it appears in the movement poses and nowhere else.
"""

from __future__ import annotations

import functools
import logging
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from backbreak.config.exercise_files import illustration_path, load_catalogue
from backbreak.core.exercises import Exercise, Step
from backbreak.resources import resources_dir
from backbreak.ui.illustration import IllustrationView, clear_cache, render_svg
from backbreak.ui.svg_guard import outside_reference, read_checked

FOLDER = resources_dir() / "illustrations"
CATALOGUE = load_catalogue(resources_dir() / "exercises")
VIEW = re.compile(r"<desc>(front|side) view</desc>")

STILL = [
    "seated-tall.svg",
    "seated-hands-behind-head.svg",
    "seated-side-tall.svg",
    "seated-side-backrest.svg",
    "seated-side-hands-behind-head.svg",
    "standing-tall.svg",
    "quadruped.svg",
    "foam-roller-setup.svg",
    "cord-row-start.svg",
    "cord-row-done.svg",
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


def rgba(color: QColor) -> Pixel:
    """``color``'s channels (QColor.getRgb gives the same, but its stub says ``object``)."""
    return (color.red(), color.green(), color.blue(), color.alpha())


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


# --- drawings that reach outside themselves -----------------------------------------------------

SQUARE = '<rect x="10" y="10" width="80" height="80" fill="#1d4ed8"/>'
SVG_OPEN = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    'width="100" height="100" viewBox="0 0 100 100">'
)
REFUSED_PARTS = {  # (before the <svg> tag, inside it)
    "image": ("", '<image x="0" y="0" width="100" height="100" href="../out/red.png"/>'),
    "image-data": ("", '<image width="9" height="9" xlink:href="data:image/png;base64,AAAA"/>'),
    "use-file": ("", '<use xlink:href="other.svg#shape"/>'),
    "use-absolute": ("", '<use href="file:///etc/shape.svg#a"/>'),
    "fill-url": ("", '<rect width="80" height="80" fill="url(other.svg#paint)"/>'),
    "style-url": ("", '<rect width="8" height="8" style="fill: url( \'http://x/p\' )"/>'),
    "style-import": ("", '<style>@import "other.css";</style>'),
    "stylesheet-pi": ('<?xml-stylesheet href="other.css"?>', ""),
    "entity": ('<!DOCTYPE svg [<!ENTITY e SYSTEM "/etc/hostname">]>', "<desc>&e;</desc>"),
    "doctype": ('<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://x/svg11.dtd">', ""),
    "link": ("", '<a href="http://example.com/"><circle r="5"/></a>'),
}
REFUSED = {
    case: f"{before}{SVG_OPEN}{SQUARE}{inside}</svg>"
    for case, (before, inside) in REFUSED_PARTS.items()
}
SAME_DOCUMENT = (
    f"{SVG_OPEN}<defs><linearGradient id='g'><stop offset='0' stop-color='#1d4ed8'/>"
    "<stop offset='1' stop-color='#1d4ed8'/></linearGradient>"
    f'<g id="shape">{SQUARE}</g></defs>'
    '<use xlink:href="#shape"/><rect x="40" y="40" width="20" height="20" fill="url(#g)"/></svg>'
)


def blue_share(pixmap: QPixmap) -> float:
    image = pixmap.toImage()
    blue = sum(
        1
        for y in range(image.height())
        for x in range(image.width())
        if distance(rgba(QColor(image.pixel(x, y))), "#1d4ed8") < 30
    )
    return blue / (image.width() * image.height())


def test_an_image_from_outside_the_folder_is_not_drawn(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The drawing names a red picture in a sibling folder: neither it nor the drawing shows."""
    outside = tmp_path / "out"
    outside.mkdir()
    red = QImage(100, 100, QImage.Format.Format_RGB32)
    red.fill(QColor("#ff0000"))
    assert red.save(str(outside / "red.png"))
    folder = tmp_path / "exercises"
    folder.mkdir()
    svg = folder / "peek.svg"
    svg.write_text(REFUSED["image"], encoding="utf-8")
    clear_cache()
    with caplog.at_level(logging.WARNING):
        pixmap = render_svg(svg, QSize(100, 100))
    assert pixmap.isNull(), "an illustration with an <image> was drawn"
    assert any(str(svg) in record.getMessage() for record in caplog.records), caplog.text


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_references_outside_the_document_are_refused_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, case: str
) -> None:
    svg = tmp_path / f"{case}.svg"
    svg.write_text(REFUSED[case], encoding="utf-8")
    clear_cache()
    with caplog.at_level(logging.WARNING):
        first = render_svg(svg, QSize(100, 100))
        again = render_svg(svg, QSize(120, 120))
    assert first.isNull(), f"{case} was drawn"
    assert again.isNull(), f"{case} was drawn at another size"
    warnings = [r.getMessage() for r in caplog.records if str(svg) in r.getMessage()]
    assert len(warnings) == 1, warnings  # once per file, not once per size
    assert "not shown" in warnings[0]


def test_same_document_references_still_draw(tmp_path: Path) -> None:
    svg = tmp_path / "inside.svg"
    svg.write_text(SAME_DOCUMENT, encoding="utf-8")
    clear_cache()
    pixmap = render_svg(svg, QSize(100, 100))
    assert not pixmap.isNull()
    assert blue_share(pixmap) > 0.5  # the <use>d square: 80×80 of 100×100


def test_a_refused_illustration_leaves_the_view_empty(qtbot: QtBot, tmp_path: Path) -> None:
    """The step is still shown; only its picture is missing."""
    svg = tmp_path / "use-file.svg"
    svg.write_text(REFUSED["use-file"], encoding="utf-8")
    clear_cache()
    view = IllustrationView(preferred=100)
    qtbot.addWidget(view)
    view.set_illustration(svg)
    view.resize(100, 100)
    view.show()
    qtbot.waitExposed(view)
    assert view.pixmap().isNull()
    assert blue_share(view.grab()) < 0.01


@pytest.mark.parametrize("name", ALL)
def test_shipped_illustrations_refer_to_nothing_outside(name: str) -> None:
    checked = read_checked(FOLDER / name)
    assert checked.problem is None, f"{name} {checked.problem}"
    assert outside_reference(checked.data) is None


# --- the pictures beside their steps -----------------------------------------------------------


STEPS = [
    pytest.param(exercise, number, step, id=f"{exercise.id}-{number}")
    for exercise in CATALOGUE.values()
    for number, step in enumerate(exercise.steps, start=1)
]


@pytest.mark.parametrize(("exercise", "number", "step"), STEPS)
def test_every_step_shows_a_picture(exercise: Exercise, number: int, step: Step) -> None:
    """Each shipped step names an illustration that exists and draws a figure at window size."""
    path = illustration_path(exercise, step)
    assert path is not None, f"{exercise}: step {number} has no usable illustration"
    clear_cache()
    pixmap = render_svg(path, QSize(LOGICAL, LOGICAL), mirrored=step.mirrored)
    assert not pixmap.isNull(), f"{path.name} does not draw"
    image = pixmap.toImage()
    covered = sum(
        1
        for y in range(0, LOGICAL, 4)
        for x in range(0, LOGICAL, 4)
        if image.pixelColor(x, y).alpha() > 200
    )
    assert covered / (LOGICAL // 4) ** 2 > 0.08, f"{path.name} draws next to nothing"


def view_of(name: str) -> str:
    found = VIEW.search((FOLDER / name).read_text(encoding="utf-8"))
    assert found, f"{name} does not say whether it is a front or a side view"
    return found.group(1)


@pytest.mark.parametrize("name", ALL)
def test_every_illustration_declares_its_viewpoint(name: str) -> None:
    assert view_of(name) in ("front", "side")


@pytest.mark.parametrize("exercise_id", sorted(CATALOGUE))
def test_one_exercise_keeps_one_viewpoint(exercise_id: str) -> None:
    """Switching between a front and a side view mid-exercise reads as a different movement."""
    names = {step.illustration for step in CATALOGUE[exercise_id].steps if step.illustration}
    views = {name: view_of(name) for name in sorted(names)}
    assert len(set(views.values())) == 1, f"{exercise_id} mixes viewpoints: {views}"


def test_every_shipped_illustration_is_used() -> None:
    used = {step.illustration for exercise in CATALOGUE.values() for step in exercise.steps}
    unused = sorted(set(ALL) - used)
    assert not unused, f"illustrations no exercise shows: {unused}"
