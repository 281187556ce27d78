"""Private D-Bus buses for the D-Bus test modules: one bus with two connections (one for fake
services, one for backbreak's side), and a connection to no bus at all."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtDBus import QDBusConnection
from PySide6.QtWidgets import QApplication

from tests.buses import connection, no_connection, private_bus


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


@pytest.fixture
def no_bus(qapp: QApplication) -> Iterator[QDBusConnection]:
    """A connection that failed (nothing listens at its address)."""
    with no_connection() as bus:
        yield bus
