"""Help/About: what backbreak is, the safety note, and where its files are."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from backbreak import __version__
from backbreak.ui.folders import open_folder
from backbreak.ui.safety import SAFETY_POINTS, SAFETY_TITLE

ABOUT_TITLE = "About backbreak"


class AboutWindow(QWidget):
    """Non-modal; ``details`` are plain lines (file locations, chosen backends)."""

    def __init__(
        self,
        details: Sequence[str] = (),
        folder: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(ABOUT_TITLE)
        self.setAccessibleName(ABOUT_TITLE)
        heading = QLabel(f"backbreak {__version__}", self)
        heading.setStyleSheet("font-weight: bold; font-size: 13pt;")
        intro = QLabel(
            "Movement breaks during your work hours, with guided exercises for the mid-back.",
            self,
        )
        intro.setWordWrap(True)
        safety_heading = QLabel(SAFETY_TITLE, self)
        safety_heading.setStyleSheet("font-weight: bold;")
        self.safety = QLabel("\n".join(f"• {point}" for point in SAFETY_POINTS), self)
        self.safety.setWordWrap(True)
        self.safety.setAccessibleName("Safety note")
        self.details = QLabel("\n".join(details), self)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAccessibleName("Details")
        self.folder_button = QPushButton("Open settings folder", self)
        self.folder_button.setAccessibleName("Open settings folder")
        self.folder_button.setAccessibleDescription(
            "Show the folder with settings.toml and your own exercises"
        )
        self.folder_button.setVisible(folder is not None)
        if folder is not None:
            self.folder_button.clicked.connect(lambda: open_folder(folder))
        close = QPushButton("Close", self)
        close.setAccessibleName("Close")
        close.setAccessibleDescription("Close this window")
        close.clicked.connect(self.close)
        close.setDefault(True)
        layout = QVBoxLayout(self)
        widgets = (heading, intro, safety_heading, self.safety, self.details, self.folder_button)
        for widget in (*widgets, close):
            layout.addWidget(widget)
        self.setMaximumWidth(520)

    def present(self) -> None:
        self.show()
        self.raise_()
        self.activateWindow()
