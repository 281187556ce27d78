"""Private D-Bus buses for the tests: one ``dbus-daemon`` configuration and command line.

Every test that needs a bus starts its own daemon from here, so nothing reaches the host's
buses. The in-process tests (tests/qt) use :func:`private_bus` and :func:`connection`; the
headless desktops and shells (tests/e2e) start :func:`daemon_argv` as one of their own
processes, so that it is logged, tagged and killed with the rest of the desktop; a lone
compositor runs under :func:`in_session_argv`.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import ClassInfo
from PySide6.QtDBus import QDBusConnection

MISSING = "needs dbus-daemon (Debian package dbus-daemon)"

#: Where bus activation looks: nowhere (the default, so nothing real is ever started), the
#: desktop's usual folders, or one folder of the test's own.
STANDARD_SERVICES = "<standard_session_servicedirs/>"

_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>{kind}</type>
  <listen>{listen}</listen>
  <auth>EXTERNAL</auth>
  {servicedirs}
  <policy context="default">
    <allow user="*"/>
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""

_SOCKET_PATH_MAX = 100  # a socket path must fit in sockaddr_un (108 bytes)

T = TypeVar("T")


def listen_address(socket: Path) -> str:
    """Listen on ``socket``, or on an abstract socket where its path is too long for one."""
    if len(os.fsencode(socket)) < _SOCKET_PATH_MAX:
        return f"unix:path={socket}"
    return "unix:tmpdir=/tmp"


def write_config(
    root: Path, listen: str, *, kind: str = "session", services: Path | str | None = None
) -> Path:
    """A bus configuration in ``root``: listening on ``listen``, anyone may connect, own any
    name and eavesdrop. ``services``: a folder of activatable services,
    :data:`STANDARD_SERVICES`, or none."""
    if services is None:
        servicedirs = ""
    elif isinstance(services, Path):
        servicedirs = f"<servicedir>{services}</servicedir>"
    else:
        servicedirs = services
    root.mkdir(parents=True, exist_ok=True)
    config = root / f"{kind}-bus.conf"
    config.write_text(_CONFIG.format(kind=kind, listen=listen, servicedirs=servicedirs))
    return config


def daemon_argv(
    root: Path,
    listen: str,
    *,
    kind: str = "session",
    services: Path | str | None = None,
) -> list[str]:
    """The command line of a bus daemon configured by :func:`write_config`. Add
    ``--print-address=FD`` to learn the address it took."""
    config = write_config(root, listen, kind=kind, services=services)
    return ["dbus-daemon", "--nofork", "--nopidfile", "--nosyslog", f"--config-file={config}"]


def in_session_argv(root: Path, argv: Sequence[str]) -> list[str]:
    """The command line that runs ``argv`` on a session bus of its own (configured by
    :func:`write_config`), which ends when it does (``dbus-run-session``)."""
    config = write_config(root, listen_address(root / "bus"))
    return ["dbus-run-session", f"--config-file={config}", "--", *argv]


def require_daemon() -> None:
    """Skip the test where dbus-daemon is not installed."""
    if shutil.which("dbus-daemon") is None:
        pytest.skip(MISSING)


@contextlib.contextmanager
def private_bus(
    root: Path, *, services: Path | None = None, env: Mapping[str, str] | None = None
) -> Iterator[str]:
    """A bus of the test's own; yields its address. The daemon runs in its own process group,
    so that it and whatever it activated end together."""
    require_daemon()
    argv = daemon_argv(root, listen_address(root / "bus"), services=services)
    proc = subprocess.Popen(
        [*argv, "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=None if env is None else dict(env),
        start_new_session=True,
    )
    assert proc.stdout is not None
    try:
        address = proc.stdout.readline().decode().strip()
        assert address, "dbus-daemon did not print its address"
        yield address
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(5)
        proc.stdout.close()


@contextlib.contextmanager
def connection(address: str) -> Iterator[QDBusConnection]:
    """A connection of its own to the bus at ``address``, left open: it ends with the bus.

    Not ``disconnectFromBus``: that has QtDBus's own thread destroy the connection later, and
    on the way it disconnects the signals of the Python-made objects the test registered or
    connected (fake services, signal relays), which needs the GIL. A later blocking QtDBus
    call on the main thread (the next test's ``connectToBus``) holds the GIL while it waits
    for that thread: a deadlock. Left open, the connection is only ever closed by the bus
    daemon going away, which destroys nothing.
    """
    name = f"test-{uuid.uuid4().hex}"
    bus = QDBusConnection.connectToBus(address, name)
    assert bus.isConnected(), bus.lastError().message()
    yield bus


@contextlib.contextmanager
def no_connection() -> Iterator[QDBusConnection]:
    """A connection that failed: nothing listens at its address."""
    name = f"none-{uuid.uuid4().hex}"
    bus = QDBusConnection.connectToBus("unix:path=/nonexistent/backbreak-test-bus", name)
    assert not bus.isConnected()
    try:
        yield bus
    finally:
        QDBusConnection.disconnectFromBus(name)


def dbus_interface(name: str) -> Callable[[type[T]], type[T]]:
    """Class decorator: export a fake service's slots under the D-Bus interface ``name``.

    PySide6's ``ClassInfo`` takes a dict and is then applied to the class; its stub declares
    keyword arguments only and no ``__call__``, so it is called through this one typed door.
    """
    info: Callable[[dict[str, str]], Callable[[type[T]], type[T]]]
    info = ClassInfo  # type: ignore[assignment]  # the stub lacks the dict form and __call__
    return info({"D-Bus Interface": name})
