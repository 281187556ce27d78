"""A small text window standing in for the editor the user types in.

Usage: ``python text_window.py TITLE MIRROR_FILE``. Whatever is typed into its line edit is
written to MIRROR_FILE, so a test can tell where keystrokes went.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget


def main() -> int:
    title, mirror = sys.argv[1], Path(sys.argv[2])
    app = QApplication(sys.argv[:1])
    app.setDesktopFileName("e2e-text-window")
    window = QWidget()
    window.setWindowTitle(title)
    edit = QLineEdit(window)
    edit.setPlaceholderText("typing here")
    edit.textChanged.connect(lambda text: mirror.write_text(text))
    layout = QVBoxLayout(window)
    layout.addWidget(edit)
    window.resize(420, 90)
    window.show()
    window.activateWindow()
    edit.setFocus()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
