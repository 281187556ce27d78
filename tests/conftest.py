"""Shared test set-up: Qt runs offscreen unless a test starts its own X server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

if TYPE_CHECKING:
    from PySide6.QtDBus import QDBusConnection
    from PySide6.QtWidgets import QApplication


@pytest.fixture
def no_bus(qapp: QApplication) -> Iterator[QDBusConnection]:
    """A D-Bus connection that failed (nothing listens at its address)."""
    from tests.buses import no_connection  # Qt only for the tests that ask for it

    with no_connection() as bus:
        yield bus
