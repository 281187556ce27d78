"""A private D-Bus bus with two connections (one for fake services, one for backbreak's side),
shared by the D-Bus test modules."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtDBus import QDBusConnection
from PySide6.QtWidgets import QApplication

from tests.buses import connection, private_bus


@pytest.fixture
def bus_address(tmp_path: Path) -> Iterator[str]:
    with private_bus(tmp_path / "dbus") as address:
        yield address


@pytest.fixture
def service_bus(qapp: QApplication, bus_address: str) -> Iterator[QDBusConnection]:
    """The fakes' connection."""
    with connection(bus_address) as bus:
        yield bus


@pytest.fixture
def client_bus(qapp: QApplication, bus_address: str) -> Iterator[QDBusConnection]:
    """backbreak's connection."""
    with connection(bus_address) as bus:
        yield bus
