"""The ``wayland`` idle backend against real compositors, headless: sway (org_kde_kwin_idle) and
KWin (ext-idle-notify-v1).

Each compositor runs in its own process group with a private runtime dir; the monitor runs in
this process (offscreen Qt) with WAYLAND_DISPLAY pointing at the compositor's socket and a 1 s
threshold. Input that the compositor counts as user activity:

- sway: ``wtype`` types a key through the virtual-keyboard protocol;
- KWin: a small pywayland client moves the pointer through ``org_kde_kwin_fake_input``. KWin
  offers that protocol only to programs whose desktop file lists it in
  ``X-KDE-Wayland-Interfaces``, so the test writes one for this Python interpreter into the
  compositor's XDG_DATA_HOME.

Debian packages: sway, wtype (sway); kwin-wayland, plasma-wayland-protocols, dbus-daemon (KWin).
sway refuses to run as root: as root it runs as nobody through setpriv (the socket stays
reachable for root).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtDBus import QDBusConnection
from pytestqt.qtbot import QtBot

from backbreak.platform.presence.select import choose_presence
from backbreak.platform.presence.wayland import WaylandPresence
from tests.buses import in_session_argv

pytestmark = pytest.mark.e2e

THRESHOLD_S = 1.0
FAKE_INPUT_XML = Path("/usr/share/plasma-wayland-protocols/fake-input.xml")
NOBODY = 65534

FAKE_INPUT_CLIENT = """
import importlib.util, sys
from pywayland.client.display import Display
spec = importlib.util.spec_from_file_location("fake_input", sys.argv[2])
mod = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mod)
display = Display(sys.argv[1])
display.connect()
registry = display.get_registry()
names = {}
registry.dispatcher["global"] = lambda _r, name, iface, _v: names.setdefault(iface, name)
display.roundtrip()
if "org_kde_kwin_fake_input" not in names:
    sys.exit("org_kde_kwin_fake_input is not offered to this client")
fake = registry.bind(names["org_kde_kwin_fake_input"], mod.OrgKdeKwinFakeInput, 1)
fake.authenticate("backbreak tests", "idle detection test")
fake.pointer_motion(10.0, 10.0)
display.roundtrip()
display.disconnect()
"""


@dataclass
class Compositor:
    name: str
    protocol: str
    socket: str
    log: Path
    proc: subprocess.Popen[bytes]
    make_input: Callable[[], None] | None = None
    no_input_reason: str = ""
    extra: list[str] = field(default_factory=list)

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self) -> None:
        """End the whole process group (KWin outlives dbus-run-session by a moment)."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(10)
        deadline = time.monotonic() + 10
        while True:
            self.proc.poll()  # reap the leader, or its zombie keeps the group alive
            try:
                os.killpg(self.proc.pid, 0)
            except ProcessLookupError:
                break
            if time.monotonic() > deadline:
                os.killpg(self.proc.pid, signal.SIGKILL)
            time.sleep(0.05)  # waiting for other processes to exit, not for Qt

    def tail(self) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-15:])
        except OSError:
            return "(no log)"


def _wait_for_socket(proc: subprocess.Popen[bytes], path: Path, log: Path) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if path.is_socket():
            return
        if proc.poll() is not None:
            break
        time.sleep(0.1)  # waiting for another process, not for Qt
    tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
    pytest.fail(f"the compositor did not create {path}:\n{tail}")


def _private_dirs(base: Path, uid: int) -> tuple[Path, Path]:
    base.mkdir(mode=0o755, parents=True)
    base.chmod(0o755)
    run, home = base / "run", base / "home"
    run.mkdir(mode=0o700)
    home.mkdir()
    if uid != os.getuid():
        os.chown(run, uid, uid)
        os.chown(home, uid, uid)
    return run, home


def start_sway(base: Path) -> Compositor:
    if shutil.which("sway") is None:
        pytest.skip("needs sway (Debian package sway)")
    as_root = os.getuid() == 0
    uid = NOBODY if as_root else os.getuid()
    run, home = _private_dirs(base, uid)
    config = base / "config"
    config.write_text("output HEADLESS-1 resolution 1280x800\nxwayland disable\n")
    config.chmod(0o644)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_RUNTIME_DIR": str(run),
        "WAYLAND_DISPLAY": "wl-sway",
        "WLR_BACKENDS": "headless",
        "WLR_LIBINPUT_NO_DEVICES": "1",
        "WLR_RENDERER": "pixman",
        "WLR_HEADLESS_OUTPUTS": "1",
    }
    command = ["sway", "-c", str(config)]
    if as_root:
        command = ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", *command]
    log = base / "sway.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    # sway ignores WAYLAND_DISPLAY for its own socket: take the first one it creates
    deadline = time.monotonic() + 20
    sockets: list[Path] = []
    while time.monotonic() < deadline and proc.poll() is None:
        sockets = sorted(p for p in run.glob("wayland-*") if p.is_socket())
        if sockets:
            break
        time.sleep(0.1)  # waiting for another process, not for Qt
    comp = Compositor("sway", "org_kde_kwin_idle", "", log, proc)
    if not sockets:
        comp.stop()
        pytest.fail(f"sway did not start:\n{comp.tail()}")
    comp.socket = str(sockets[0])
    if shutil.which("wtype") is None:
        comp.no_input_reason = "input on sway needs wtype (Debian package wtype)"
    else:
        sock = comp.socket

        def type_a_key() -> None:
            subprocess.run(
                ["wtype", "a"],
                env={**os.environ, "WAYLAND_DISPLAY": sock},
                check=True,
                timeout=10,
                capture_output=True,
            )

        comp.make_input = type_a_key
    return comp


def start_kwin(base: Path) -> Compositor:
    binary = shutil.which("kwin_wayland")
    if binary is None:
        pytest.skip("needs kwin_wayland (Debian package kwin-wayland)")
    if shutil.which("dbus-run-session") is None:
        pytest.skip("needs dbus-run-session (Debian package dbus-daemon)")
    run, home = _private_dirs(base, os.getuid())
    kwin = base / "kwin_wayland"
    shutil.copyfile(binary, kwin)  # a plain copy: no file capabilities (refused in containers)
    kwin.chmod(0o755)
    data = base / "data"
    (data / "applications").mkdir(parents=True)
    (data / "applications" / "backbreak-idle-test-input.desktop").write_text(
        "[Desktop Entry]\nType=Application\nName=idle test input\nNoDisplay=true\n"
        f"Exec={os.path.realpath(sys.executable)}\n"
        "X-KDE-Wayland-Interfaces=org_kde_kwin_fake_input\n"
    )
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_RUNTIME_DIR": str(run),
        "XDG_DATA_HOME": str(data),
        "XDG_CONFIG_HOME": str(base / "config"),
        "XDG_CACHE_HOME": str(base / "cache"),
        "XDG_SESSION_TYPE": "wayland",
        "QT_QPA_PLATFORM": "offscreen",
    }
    log = base / "kwin.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            in_session_argv(base / "dbus", [str(kwin), "--virtual", "--width", "1280",
                                            "--height", "800", "--socket", "wl-kde"]),
            env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    comp = Compositor("kwin", "ext-idle-notify-v1", str(run / "wl-kde"), log, proc)
    try:
        _wait_for_socket(proc, run / "wl-kde", log)
    except BaseException:
        comp.stop()
        raise
    if not FAKE_INPUT_XML.exists():
        comp.no_input_reason = "input on KWin needs fake-input.xml (plasma-wayland-protocols)"
        return comp
    bindings = base / "fake_input.py"
    subprocess.run(
        [sys.executable, "-m", "pywayland.scanner", "-i", str(FAKE_INPUT_XML), "-o", str(base)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    assert bindings.exists()
    sock = comp.socket

    def move_the_pointer() -> None:
        done = subprocess.run(
            [sys.executable, "-c", FAKE_INPUT_CLIENT, sock, str(bindings)],
            capture_output=True,
            text=True,
            timeout=10,
        )
        assert done.returncode == 0, done.stderr

    comp.make_input = move_the_pointer
    return comp


STARTERS = {"sway": start_sway, "kwin": start_kwin}


@pytest.fixture(params=sorted(STARTERS))
def compositor(request: pytest.FixtureRequest) -> Iterator[Compositor]:
    # Not tmp_path: pytest's folders are private to this user, and sway runs as nobody.
    top = Path(tempfile.mkdtemp(prefix=f"backbreak-{request.param}-"))
    top.chmod(0o755)
    try:
        comp = STARTERS[request.param](top / "c")
    except BaseException:
        shutil.rmtree(top, ignore_errors=True)
        raise
    try:
        yield comp
    finally:
        comp.stop()
        print(f"{comp.name} log, last lines:\n{comp.tail()}")  # shown when the test fails
        shutil.rmtree(top, ignore_errors=True)


@pytest.fixture
def monitor(compositor: Compositor, qapp: Any) -> Iterator[WaylandPresence]:
    presence = WaylandPresence(env={"WAYLAND_DISPLAY": compositor.socket}, platform="linux")
    yield presence
    presence.stop()


def test_idle_then_input_then_idle_again(
    compositor: Compositor, monitor: WaylandPresence, qtbot: QtBot
) -> None:
    monitor.probe()
    assert monitor.detail == f"{compositor.protocol} on {compositor.socket}"
    started = time.monotonic()
    with qtbot.waitSignal(monitor.went_idle, timeout=10_000) as idle:
        monitor.start(THRESHOLD_S)
    assert idle.args == [THRESHOLD_S]
    assert time.monotonic() - started >= THRESHOLD_S * 0.9  # not before the threshold
    idle_s = monitor.idle_seconds()
    assert idle_s is not None
    assert idle_s >= THRESHOLD_S
    if compositor.make_input is None:
        pytest.skip(f"went_idle checked; {compositor.no_input_reason}")
    with qtbot.waitSignal(monitor.came_back, timeout=10_000):
        compositor.make_input()
    assert monitor.idle_seconds() is None
    with qtbot.waitSignal(monitor.went_idle, timeout=10_000):
        pass  # the same notification serves the next spell


def test_choice_on_the_compositor(compositor: Compositor, no_bus: QDBusConnection) -> None:
    monitor, notes = choose_presence(
        env={"WAYLAND_DISPLAY": compositor.socket, "XDG_SESSION_TYPE": "wayland"},
        platform="linux",
        session_bus=no_bus,
        system_bus=no_bus,
        qt_platform="wayland",
    )
    monitor.stop()
    assert f"wayland: chosen ({compositor.protocol} on {compositor.socket})" in notes
    assert monitor.name == "wayland"


def test_compositor_exit_stops_the_monitor_cleanly(
    compositor: Compositor, monitor: WaylandPresence, qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    monitor.start(60)
    assert monitor.connected
    compositor.stop()
    qtbot.waitUntil(lambda: not monitor.connected, timeout=10_000)
    lost = [r.getMessage() for r in caplog.records if "no idle information" in r.getMessage()]
    assert len(lost) == 1
    assert monitor.idle_seconds() is None
