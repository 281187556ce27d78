"""The D-Bus helper every backend uses (QtDBus).

- :mod:`.client`: asynchronous calls and signal subscriptions that close safely; all a running
  backend needs.
- :mod:`.typed`: ``u``/``t``/``y`` arguments, which PySide6 cannot write by itself.
- :mod:`.probe`: the bounded blocking calls allowed while a backend is being chosen.
"""

from __future__ import annotations

from backbreak.platform.dbus.client import (
    BUS_DAEMON_TIMEOUT_MS,
    CALL_TIMEOUT_MS,
    BusClient,
    BusSignal,
    method_call,
    service_registered,
    unwrap,
)
from backbreak.platform.dbus.probe import (
    PROBE_TIMEOUT_MS,
    DBusCallError,
    bus_problem,
    probe_call,
    probe_interface,
    probe_property,
    typed_call,
)
from backbreak.platform.dbus.typed import TypedArgumentUnavailable, byte, uint32, uint64

__all__ = [
    "BUS_DAEMON_TIMEOUT_MS",
    "CALL_TIMEOUT_MS",
    "PROBE_TIMEOUT_MS",
    "BusClient",
    "BusSignal",
    "DBusCallError",
    "TypedArgumentUnavailable",
    "bus_problem",
    "byte",
    "method_call",
    "probe_call",
    "probe_interface",
    "probe_property",
    "service_registered",
    "typed_call",
    "uint32",
    "uint64",
    "unwrap",
]
