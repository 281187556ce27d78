"""The running app names itself after its launcher, so the desktop can match the two."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from backbreak import APP_ID, __version__
from backbreak.app import name_application

LAUNCHERS = Path(__file__).resolve().parents[2] / "packaging" / "linux"


@pytest.fixture
def restored(qapp: QApplication) -> Iterator[QApplication]:
    before = (qapp.applicationName(), qapp.applicationVersion(), qapp.desktopFileName())
    yield qapp
    qapp.setApplicationName(before[0])
    qapp.setApplicationVersion(before[1])
    qapp.setDesktopFileName(before[2])


def test_the_desktop_file_name_is_the_launchers(restored: QApplication) -> None:
    name_application(restored)

    assert restored.desktopFileName() == APP_ID
    assert (LAUNCHERS / f"{restored.desktopFileName()}.desktop").is_file()
    assert (restored.applicationName(), restored.applicationVersion()) == ("backbreak", __version__)
