"""Help/About: what backbreak is, the safety note, where its exercises come from, its licence
and credits; the diagnosis (file locations, chosen sources) folded away under "Details", with a
button that copies it for a bug report."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from backbreak import __version__
from backbreak.config.i18n import QT_TRANSLATE_NOOP
from backbreak.resources import resource_path
from backbreak.ui.folders import open_folder
from backbreak.ui.language import translate
from backbreak.ui.safety import general_points

ABOUT_TITLE = QT_TRANSLATE_NOOP("About", "About backbreak")
WIDTH = 520
INTRO = QT_TRANSLATE_NOOP(
    "About",
    "backbreak reminds you to stand up, move and breathe during your work hours, before your "
    "mid-back starts to hurt, and guides you through a short exercise for it.",
)
SOURCES = QT_TRANSLATE_NOOP(
    "About",
    "The exercises are written for backbreak from what these sources recommend: The Prehab "
    "Guys, “Mid Back Prehab”; Physio-pedia, “Back Exercises”; American Academy of "
    "Orthopaedic Surgeons, “Spine Conditioning Program” (OrthoInfo) and Rehabilitation of "
    "the Spine (2017); Mayo Clinic, “Back Pain: How to Prevent and Manage it”; University "
    "of Rochester Medical Center, Back Exercise Guide; New York State Workers’ Compensation "
    "Board, Mid and Low Back Injury Medical Treatment Guidelines (2021); Kjaer P. et al. "
    "(2014), “Mid-back Pain: An Overview”, Journal of Pain Research.",
)
LICENCE = QT_TRANSLATE_NOOP(
    "About",
    "backbreak is free software: you may share and change it under the GNU General Public "
    "License, version 3 or (at your option) any later version. It comes with no warranty.",
)
CREDITS = QT_TRANSLATE_NOOP(
    "About",
    "Built with Qt for Python (PySide6), APScheduler, platformdirs, tomli-w and pywayland. "
    "The illustrations, icons and chime were made for backbreak.",
)


def _heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setStyleSheet("font-weight: bold;")
    return label


def _text(text: str, parent: QWidget, name: str) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setAccessibleName(name)
    return label


def _button(text: str, description: str, parent: QWidget) -> QPushButton:
    button = QPushButton(text, parent)
    button.setAccessibleName(text)
    button.setAccessibleDescription(description)
    return button


class AboutWindow(QWidget):
    """Non-modal; ``details`` are plain lines (file locations, chosen backends)."""

    def __init__(
        self,
        details: Sequence[str] = (),
        folder: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(translate("About", ABOUT_TITLE))
        self.setAccessibleName(self.windowTitle())
        self._details_lines = list(details)

        logo = QLabel(self)
        logo.setPixmap(QIcon(str(resource_path("icons", "backbreak.svg"))).pixmap(48, 48))
        logo.setAccessibleName(translate("About", "backbreak icon"))
        self.heading = QLabel(f"backbreak {__version__}", self)
        self.heading.setStyleSheet("font-weight: bold; font-size: 14pt;")
        self.heading.setAccessibleName(translate("About", "Version"))
        top = QHBoxLayout()
        top.addWidget(logo)
        top.addWidget(self.heading, 1)

        self.intro = _text(translate("About", INTRO), self, translate("About", "What backbreak is"))
        self.safety = _text(
            "\n".join(f"• {point}" for point in general_points()),
            self,
            translate("About", "Safety"),
        )
        self.sources = _text(
            translate("About", SOURCES), self, translate("About", "Where the exercises come from")
        )
        self.licence = _text(translate("About", LICENCE), self, translate("About", "Licence"))
        self.credits = _text(translate("About", CREDITS), self, translate("About", "Credits"))

        self.details_toggle = QToolButton(self)
        self.details_toggle.setText(translate("About", "Details"))
        self.details_toggle.setCheckable(True)
        self.details_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.details_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.details_toggle.setAutoRaise(True)
        self.details_toggle.setAccessibleName(translate("About", "Details"))
        self.details_toggle.setAccessibleDescription(
            translate(
                "About",
                "Show or hide where backbreak keeps its files and which desktop services it uses",
            )
        )
        self.details_toggle.toggled.connect(self._show_details)

        self.details = QPlainTextEdit("\n".join(self._details_lines), self)
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.details.setAccessibleName(translate("About", "Details"))
        self.details.setFixedHeight(150)
        self.copy_button = _button(
            translate("About", "Copy details"),
            translate("About", "Copy the version and these details, for a bug report"),
            self,
        )
        self.copy_button.clicked.connect(self.copy_details)
        self.folder_button = _button(
            translate("About", "Open settings folder"),
            translate("About", "Show the folder with settings.toml and your own exercises"),
            self,
        )
        self.folder_button.setVisible(folder is not None)
        if folder is not None:
            self.folder_button.clicked.connect(lambda: open_folder(folder))
        self._details_panel = QWidget(self)
        panel = QVBoxLayout(self._details_panel)
        panel.setContentsMargins(0, 0, 0, 0)
        panel.addWidget(self.details)
        detail_buttons = QHBoxLayout()
        detail_buttons.addWidget(self.copy_button)
        detail_buttons.addWidget(self.folder_button)
        detail_buttons.addStretch(1)
        panel.addLayout(detail_buttons)
        self._details_panel.hide()

        close = _button(translate("About", "Close"), translate("About", "Close this window"), self)
        close.clicked.connect(self.close)
        close.setDefault(True)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)

        layout = self._layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.intro)
        for title, label in (
            (self.safety.accessibleName(), self.safety),
            (self.sources.accessibleName(), self.sources),
            (self.licence.accessibleName(), self.licence),
            (self.credits.accessibleName(), self.credits),
        ):
            layout.addSpacing(4)
            layout.addWidget(_heading(title, self))
            layout.addWidget(label)
        layout.addSpacing(4)
        layout.addWidget(self.details_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self._details_panel)
        layout.addStretch(1)
        layout.addLayout(bottom)
        self.setFixedWidth(WIDTH)
        self._fit()

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(
            "\n".join([f"backbreak {__version__}", *self._details_lines])
        )

    def _show_details(self, shown: bool) -> None:
        self.details_toggle.setArrowType(
            Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        )
        self._details_panel.setVisible(shown)
        self._fit()

    def _fit(self) -> None:
        """As tall as the wrapped text needs at this width (a top-level window does not ask
        its word-wrapped labels for their height by itself, and squeezes them)."""
        self._layout.activate()
        self.setFixedHeight(self._layout.totalHeightForWidth(WIDTH))

    def present(self) -> None:
        self.show()
        self.raise_()
        self.activateWindow()
