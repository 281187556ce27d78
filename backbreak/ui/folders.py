"""Showing a folder in the user's file manager."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices


def open_folder(folder: Path, opener: Callable[[QUrl], bool] = QDesktopServices.openUrl) -> bool:
    """Create ``folder`` if needed and open it; False when no file manager took it."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return opener(QUrl.fromLocalFile(str(folder)))
