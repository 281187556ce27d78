"""Contact sheets: every step of every exercise, its illustration beside its text.

Each step's picture is drawn the way the exercise window draws it (``render_svg``, mirrored where
the step says so) on a light and on a dark window colour, with the step number and text beside
it, so a picture that contradicts its text is seen at a glance. One PNG per exercise.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/contact_sheet.py [--out /tmp/sheets]
        [--size 400] [--scale 0.5] [--columns N] [--exercises FOLDER]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QApplication

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from backbreak.config.exercise_files import illustration_path, load_catalogue  # noqa: E402
from backbreak.core.exercises import Exercise  # noqa: E402
from backbreak.resources import resources_dir  # noqa: E402
from backbreak.ui.illustration import render_svg  # noqa: E402

LIGHT = "#f0f0f0"
DARK = "#2b2b2b"
TEXT_WIDTH = 330
GAP = 12


def sheet(exercise: Exercise, size: int, scale: float, columns: int) -> QImage:
    """One exercise: a cell per step (light picture, dark picture, then the text), in columns."""
    shown = round(size * scale)
    row = shown + GAP
    cell = 2 * shown + 4 * GAP + TEXT_WIDTH
    rows = -(-len(exercise.steps) // columns)
    header = 40
    image = QImage(cell * columns, header + row * rows + GAP, QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    title = QFont()
    title.setPointSize(14)
    title.setBold(True)
    painter.setFont(title)
    painter.drawText(
        QRect(GAP, 0, image.width(), header), Qt.AlignmentFlag.AlignVCenter, exercise.title
    )
    body = QFont()
    body.setPointSize(11)
    painter.setFont(body)
    for number, step in enumerate(exercise.steps, start=1):
        top = header + (number - 1) % rows * row
        left = (number - 1) // rows * cell
        path = illustration_path(exercise, step)
        for column, background in enumerate((LIGHT, DARK)):
            box = QRect(left + GAP + column * (shown + GAP), top, shown, shown)
            painter.fillRect(box, QColor(background))
            if path is None:
                continue
            pixmap = render_svg(path, QSize(size, size), mirrored=step.mirrored)
            painter.drawPixmap(box, pixmap)
        name = step.illustration or "(no illustration)"
        if step.mirrored:
            name += " (mirrored)"
        if step.breathing:
            name += " [breathing pacer]"
        text = f"{number}. {step.text}\n\n{name}  {step.seconds} s"
        box = QRect(left + 3 * GAP + 2 * shown, top, TEXT_WIDTH, shown)
        painter.drawText(box, Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignTop, text)
    painter.end()
    return image


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/sheets"))
    parser.add_argument("--size", type=int, default=400, help="rendered size in px")
    parser.add_argument("--scale", type=float, default=0.5, help="shown at this share of it")
    parser.add_argument("--columns", type=int, default=0, help="0: one up to 6 steps, else two")
    parser.add_argument("--exercises", type=Path, default=resources_dir() / "exercises")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication([])
    args.out.mkdir(parents=True, exist_ok=True)
    for exercise in load_catalogue(args.exercises).values():
        target = args.out / f"{exercise.id}.png"
        columns = args.columns or (1 if len(exercise.steps) <= 6 else 2)
        if not sheet(exercise, args.size, args.scale, columns).save(str(target)):
            print(f"cannot write {target}", file=sys.stderr)
            return 1
        print(target)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
