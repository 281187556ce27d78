"""A private headless X desktop for one end-to-end test (also used by ``bench/footprint.py``).

What it starts, each in its own process group so teardown can kill it and everything it spawned:

- ``Xvfb`` on a free display (picked by the server itself through ``-displayfd``),
- a private D-Bus session bus (configured by :mod:`tests.buses`), so nothing reaches the host's bus,
- ``trayer`` as the XEmbed system tray host, docked at the top right of the screen.

Programs under test run through :meth:`Desktop.spawn` with an isolated environment: a fresh HOME
and XDG base directories under the desktop's root directory, ``DISPLAY``,
``DBUS_SESSION_BUS_ADDRESS`` and ``QT_QPA_PLATFORM=xcb``. Every process started in the desktop
carries a marker variable (:data:`TAG_VAR`) in its environment, which is how :meth:`Desktop.stop`
finds processes that escaped their process group (and reports them as leaks) and how
:meth:`Desktop.app_processes` tells whether anything of the app is still running.

The X server is queried with the usual command-line tools (``xdotool``, ``xwininfo``, ``xprop``,
ImageMagick's ``import``/``convert``) plus two libX11 calls made through ctypes (who owns the
tray selection, whether the keyboard is grabbed), which no command-line tool reports.

No pytest imports here: the bench uses this module outside pytest.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import re
import select
import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple, TypeVar

from tests.buses import STANDARD_SERVICES, daemon_argv, listen_address
from tests.e2e.processes import TAG_VAR as TAG_VAR  # where the tests have always found it
from tests.e2e.processes import (
    ProcInfo,
    descends_from,
    kill_pids,
    log_tail,
    name_of,
    popen_logged,
    proc_info,
    tagged_pids,
    terminate_group,
)

T = TypeVar("T")

#: Executables the desktop needs, with the Debian package that ships each one.
REQUIRED_TOOLS: Mapping[str, str] = {
    "Xvfb": "xvfb",
    "trayer": "trayer",
    "xdotool": "xdotool",
    "import": "imagemagick",
    "convert": "imagemagick",
    "dbus-daemon": "dbus-x11",
    "xwininfo": "x11-utils",
    "xprop": "x11-utils",
    "xmessage": "x11-utils",
}

SCREEN = "1280x800x24"
TRAYER_ARGS: tuple[str, ...] = (
    "--edge", "top", "--align", "right", "--widthtype", "request", "--height", "32",
    "--transparent", "false", "--tint", "0xdddddd", "--SetDockType", "true", "--expand", "true",
)  # fmt: skip

# Resource ids the X server hands to one client share their high bits; with Xvfb's default of
# 256 clients the low 21 bits are the per-client part. Windows whose ids differ in the high bits
# belong to different clients (a docked icon is a foreign window inside the tray's window).
_CLIENT_MASK = ~0x1FFFFF

_STARTUP_TIMEOUT = 15.0
_POLL_INTERVAL = 0.02


def missing(tools: Mapping[str, str]) -> list[str]:
    """The ``tools`` (tool -> Debian package) not found on PATH, as "tool (package)"."""
    return [f"{tool} ({pkg})" for tool, pkg in tools.items() if not shutil.which(tool)]


def missing_tools() -> list[str]:
    """The tools from :data:`REQUIRED_TOOLS` not found on PATH, as "tool (package)"."""
    return missing(REQUIRED_TOOLS)


class Geometry(NamedTuple):
    """A window's absolute position on the screen and its size, in pixels."""

    x: int
    y: int
    w: int
    h: int

    @property
    def centre(self) -> tuple[int, int]:
        return self.x + self.w // 2, self.y + self.h // 2

    def contains(self, other: Geometry) -> bool:
        return (
            self.x <= other.x
            and self.y <= other.y
            and other.x + other.w <= self.x + self.w
            and other.y + other.h <= self.y + self.h
        )

    def crop_spec(self, margin: int = 0) -> str:
        """ImageMagick ``-crop`` argument for this rectangle grown by ``margin`` on every side."""
        x, y = max(0, self.x - margin), max(0, self.y - margin)
        return f"{self.w + 2 * margin}x{self.h + 2 * margin}+{x}+{y}"


@dataclass(frozen=True)
class WindowInfo:
    wid: int
    name: str
    geometry: Geometry
    mapped: bool  # map state IsViewable: mapped and all its ancestors mapped
    override_redirect: bool


class DesktopError(RuntimeError):
    """The desktop itself could not be started (not a failure of the program under test)."""


def poll_until(
    probe: Callable[[], T | None],
    timeout: float,
    message: str | Callable[[], str],
    interval: float = _POLL_INTERVAL,
) -> T:
    """Call ``probe`` until it returns something other than None/False; AssertionError on timeout.

    For polling the external X server and child processes, never for Qt in-process.
    """
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value is not None and value is not False:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(message() if callable(message) else message)
        time.sleep(interval)


class _Xlib:
    """The two questions no command-line tool answers, asked through libX11."""

    def __init__(self) -> None:
        lib = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
        lib.XOpenDisplay.restype = ctypes.c_void_p
        lib.XOpenDisplay.argtypes = [ctypes.c_char_p]
        lib.XCloseDisplay.argtypes = [ctypes.c_void_p]
        lib.XDefaultRootWindow.restype = ctypes.c_ulong
        lib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        lib.XInternAtom.restype = ctypes.c_ulong
        lib.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
        lib.XGetSelectionOwner.restype = ctypes.c_ulong
        lib.XGetSelectionOwner.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
        lib.XGrabKeyboard.restype = ctypes.c_int
        lib.XGrabKeyboard.argtypes = [
            ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int, ctypes.c_int,
            ctypes.c_ulong,
        ]  # fmt: skip
        lib.XUngrabKeyboard.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
        lib.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
        self._lib = lib

    @contextlib.contextmanager
    def _connect(self, display: str) -> Iterator[int]:
        dpy = self._lib.XOpenDisplay(display.encode())
        if not dpy:
            raise DesktopError(f"cannot open X display {display}")
        try:
            yield dpy
        finally:
            self._lib.XCloseDisplay(dpy)

    def selection_owner(self, display: str, selection: str) -> int:
        with self._connect(display) as dpy:
            atom = self._lib.XInternAtom(dpy, selection.encode(), 0)
            return int(self._lib.XGetSelectionOwner(dpy, atom))

    def keyboard_grabbed(self, display: str) -> bool:
        """True when another client holds an active keyboard grab (as an open Qt menu does)."""
        grab_success, already_grabbed, grab_mode_async, current_time = 0, 1, 1, 0
        with self._connect(display) as dpy:
            root = self._lib.XDefaultRootWindow(dpy)
            status = self._lib.XGrabKeyboard(
                dpy, root, 0, grab_mode_async, grab_mode_async, current_time
            )
            if status == grab_success:
                self._lib.XUngrabKeyboard(dpy, current_time)
                self._lib.XSync(dpy, 0)
            return bool(status == already_grabbed)


_XWININFO_CHILD = re.compile(
    r"^\s+(0x[0-9a-f]+) .*?\s(\d+)x(\d+)[+-]-?\d+[+-]-?\d+\s+\+?(-?\d+)\+?(-?\d+)\s*$"
)


def _parse_window_list(text: str) -> list[tuple[int, Geometry]]:
    """Child windows listed by ``xwininfo -children|-tree``: (id, absolute geometry)."""
    out = []
    for line in text.splitlines():
        m = _XWININFO_CHILD.match(line)
        if m:
            wid, w, h, x, y = m.groups()
            out.append((int(wid, 16), Geometry(int(x), int(y), int(w), int(h))))
    return out


class Desktop:
    """A private headless desktop rooted in ``root`` (a fresh, empty directory)."""

    def __init__(self, root: Path, *, screen: str = SCREEN) -> None:
        self.root = Path(root)
        self.screen = screen
        self.tag = uuid.uuid4().hex
        self.home = self.root / "home"
        self.logs = self.root / "logs"
        self.display = ""
        self.env: dict[str, str] = {}
        self._infra: list[tuple[str, subprocess.Popen[bytes]]] = []
        self._apps: list[tuple[str, subprocess.Popen[bytes]]] = []
        self._xlib: _Xlib | None = None
        self._tray_window = 0

    # ------------------------------------------------------------------ lifecycle

    def __enter__(self) -> Desktop:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        missing = missing_tools()
        if missing:
            raise DesktopError("missing tools: " + ", ".join(missing))
        try:
            self._xlib = _Xlib()
        except OSError:
            self._xlib = None
        self.logs.mkdir(parents=True, exist_ok=True)
        self.env = self._base_env()
        try:
            self._start_xvfb()
            self._start_session_bus()
            self._start_tray()
        except BaseException:
            self.stop()
            raise

    def _base_env(self) -> dict[str, str]:
        home = self.home
        # A short path of its own: under pytest's long temp folder the app's socket path would
        # be too long, and the app would fall back to /tmp/backbreak-<uid>, which suites run
        # side by side on one machine would share.
        runtime = Path(tempfile.mkdtemp(prefix="bb-run-", dir="/tmp"))
        self._runtime = runtime
        env = {
            "PATH": os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin"),
            "HOME": str(home),
            "USER": os.environ.get("USER", "root"),
            "LOGNAME": os.environ.get("LOGNAME", os.environ.get("USER", "root")),
            "LANG": "C.UTF-8",
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_STATE_HOME": str(home / ".local" / "state"),
            "XDG_DATA_HOME": str(home / ".local" / "share"),
            "XDG_CACHE_HOME": str(home / ".cache"),
            "XDG_RUNTIME_DIR": str(runtime),
            "TMPDIR": str(self.root / "tmp"),
            "QT_QPA_PLATFORM": "xcb",
            TAG_VAR: self.tag,
        }
        if "TZ" in os.environ:
            env["TZ"] = os.environ["TZ"]
        for key in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
            Path(env[key]).mkdir(parents=True, exist_ok=True)
        Path(env["TMPDIR"]).mkdir(parents=True, exist_ok=True)
        runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
        runtime.chmod(0o700)
        return env

    def _popen(
        self,
        name: str,
        argv: Sequence[str],
        env: Mapping[str, str],
        cwd: Path | None = None,
        pass_fds: Sequence[int] = (),
    ) -> subprocess.Popen[bytes]:
        return popen_logged(self.logs / f"{name}.log", argv, env, cwd=cwd, pass_fds=pass_fds)

    def _start_with_fd_report(self, name: str, argv: Sequence[str], fd_args: Sequence[str]) -> str:
        """Start a daemon that writes one line (display number, bus address) to a given fd."""
        read_fd, write_fd = os.pipe()
        try:
            proc = self._popen(
                name,
                [*argv, *(a.format(fd=write_fd) for a in fd_args)],
                self.env,
                pass_fds=(write_fd,),
            )
            self._infra.append((name, proc))
            os.close(write_fd)
            write_fd = -1
            buf = b""
            deadline = time.monotonic() + _STARTUP_TIMEOUT
            while b"\n" not in buf:
                left = deadline - time.monotonic()
                if left <= 0 or proc.poll() is not None:
                    break
                ready, _, _ = select.select([read_fd], [], [], left)
                if not ready:
                    break
                chunk = os.read(read_fd, 4096)
                if not chunk:
                    break
                buf += chunk
        finally:
            os.close(read_fd)
            if write_fd >= 0:
                os.close(write_fd)
        line = buf.split(b"\n")[0].decode().strip()
        if not line:
            raise DesktopError(f"{name} did not start:\n{self.log_text(name)}")
        return line

    def _start_xvfb(self) -> None:
        number = self._start_with_fd_report(
            "xvfb",
            ["Xvfb", "-screen", "0", self.screen, "-nolisten", "tcp", "-noreset"],
            ("-displayfd", "{fd}"),
        )
        self.display = f":{number}"
        self.env["DISPLAY"] = self.display

    def _start_session_bus(self) -> None:
        listen = listen_address(Path(self.env["XDG_RUNTIME_DIR"]) / "bus")
        argv = daemon_argv(self.root, listen, services=STANDARD_SERVICES)
        address = self._start_with_fd_report("dbus-session", argv, ("--print-address={fd}",))
        self.env["DBUS_SESSION_BUS_ADDRESS"] = address

    def _start_tray(self) -> None:
        self._infra.append(("trayer", self._popen("trayer", ["trayer", *TRAYER_ARGS], self.env)))

        def tray_ready() -> int | None:
            if self._infra[-1][1].poll() is not None:
                raise DesktopError(f"trayer exited:\n{self.log_text('trayer')}")
            if self._xlib and not self._xlib.selection_owner(self.display, "_NET_SYSTEM_TRAY_S0"):
                return None
            for wid in self._search("--classname", "^panel$"):
                info = self.window_info(wid)
                if info and info.mapped and "trayer" in self._xprop(wid, "WM_CLASS"):
                    return wid
            return None

        self._tray_window = poll_until(
            tray_ready, _STARTUP_TIMEOUT, "trayer's panel did not appear / own the tray selection"
        )

    def stop(self) -> list[ProcInfo]:
        """Kill everything started in this desktop. Returns the app processes that had left their
        process group (they are killed too): a program that leaves those behind has a bug."""
        for _, proc in reversed(self._apps):
            terminate_group(proc)
        leaked = self.app_processes()
        kill_pids(p.pid for p in leaked)
        for _, proc in reversed(self._infra):
            terminate_group(proc)
        # Whatever is left carrying our tag (bus-activated services and the like) goes too.
        kill_pids(tagged_pids(self.tag))
        self._apps.clear()
        self._infra.clear()
        runtime = getattr(self, "_runtime", None)
        if runtime is not None:
            shutil.rmtree(runtime, ignore_errors=True)
        return leaked

    # ------------------------------------------------------------------ processes

    def spawn(
        self,
        argv: Sequence[str],
        *,
        name: str = "app",
        cwd: Path | str | None = None,
        extra_env: Mapping[str, str] | None = None,
    ) -> subprocess.Popen[bytes]:
        """Start a program inside the desktop (own process group, output to ``logs/NAME.log``)."""
        env = dict(self.env)
        env.update(extra_env or {})
        proc = self._popen(name, argv, env, cwd=Path(cwd) if cwd else None)
        self._apps.append((name, proc))
        return proc

    def log_text(self, name: str, tail: int = 4000) -> str:
        """The end of a started program's combined stdout/stderr."""
        return log_tail(self.logs / f"{name}.log", tail)

    def wait_process_exit(self, proc: subprocess.Popen[bytes], timeout: float) -> int:
        """The process's exit code; AssertionError if it is still running after ``timeout`` s."""
        try:
            return proc.wait(timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(
                f"{name_of(proc)} (pid {proc.pid}) still running after {timeout} s"
            ) from None

    def app_processes(self) -> list[ProcInfo]:
        """Live processes started in this desktop other than the desktop's own (X server, bus,
        tray and what those spawned), wherever they are in the process tree."""
        infra = {proc.pid for _, proc in self._infra}
        found = (proc_info(pid) for pid in tagged_pids(self.tag) if not descends_from(pid, infra))
        return [info for info in found if info is not None]

    # ------------------------------------------------------------------ X helpers

    def _tool_env(self) -> dict[str, str]:
        # The query tools are not part of the desktop: no tag, so they never count as leaks.
        return {k: v for k, v in self.env.items() if k != TAG_VAR}

    def _run(self, argv: Sequence[str], check: bool = True) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            list(argv),
            env=self._tool_env(),
            capture_output=True,
            text=True,
            errors="replace",
            timeout=30,
            check=False,
        )
        if check and result.returncode != 0:
            raise RuntimeError(
                f"{' '.join(argv)} failed with {result.returncode}: {result.stderr.strip()}"
            )
        return result

    def run_xdotool(self, *args: str | int, check: bool = True) -> str:
        """Run ``xdotool ARGS`` against this desktop's display; returns its stdout."""
        return self._run(["xdotool", *map(str, args)], check=check).stdout

    def _search(self, *args: str) -> list[int]:
        out = self.run_xdotool("search", *args, check=False)  # exit 1 = nothing found
        return [int(w) for w in out.split()]

    def _xprop(self, wid: int, *props: str) -> str:
        return self._run(["xprop", "-id", str(wid), *props], check=False).stdout

    def window_info(self, wid: int) -> WindowInfo | None:
        """Geometry and state of one window, or None if it no longer exists."""
        result = self._run(["xwininfo", "-id", str(wid)], check=False)
        if result.returncode != 0:
            return None
        text = result.stdout

        def field(label: str) -> str:
            m = re.search(rf"^\s*{label}:\s*(.*)$", text, re.MULTILINE)
            return m.group(1).strip() if m else ""

        head = re.search(r"Window id: 0x[0-9a-f]+ (.*)$", text, re.MULTILINE)
        name = head.group(1) if head else ""
        name = name[1:-1] if name.startswith('"') and name.endswith('"') else ""
        geometry = Geometry(
            int(field("Absolute upper-left X") or 0),
            int(field("Absolute upper-left Y") or 0),
            int(field("Width") or 0),
            int(field("Height") or 0),
        )
        return WindowInfo(
            wid=wid,
            name=name,
            geometry=geometry,
            mapped=field("Map State") == "IsViewable",
            override_redirect=field("Override Redirect State") == "yes",
        )

    def window_name(self, wid: int) -> str:
        """The window's title (``_NET_WM_NAME``, else ``WM_NAME``), exactly as set."""
        return self.run_xdotool("getwindowname", wid, check=False).rstrip("\n")

    def window_property(self, wid: int, prop: str) -> str:
        """``xprop`` output for one property of a window ("... not found." when unset)."""
        return self._xprop(wid, prop).strip()

    def find_window(self, title_regex: str, timeout: float = 5.0) -> int:
        """A visible window whose title matches ``title_regex`` (Python ``re.search``)."""
        pattern = re.compile(title_regex)

        def probe() -> int | None:
            for wid in self._search("--onlyvisible", "--name", "."):
                if pattern.search(self.window_name(wid)):
                    return wid
            return None

        return poll_until(
            probe,
            timeout,
            lambda: (
                f"no visible window titled /{title_regex}/ within {timeout} s; visible: "
                + repr([self.window_name(w) for w in self._search("--onlyvisible", "--name", ".")])
            ),
        )

    def focused_window(self) -> int:
        """The X input focus window (0 for None, 1 for PointerRoot, as X reports them)."""
        out = self.run_xdotool("getwindowfocus", "-f", check=False).strip()
        return int(out) if out.isdigit() else 0

    def toplevels(self) -> list[WindowInfo]:
        """All children of the root window, in stacking order (bottom first)."""
        listing = self._run(["xwininfo", "-root", "-children"]).stdout
        infos = (self.window_info(wid) for wid, _ in _parse_window_list(listing))
        return [info for info in infos if info is not None]

    def popups(self) -> list[WindowInfo]:
        """Mapped override-redirect top-level windows (menus, tooltips) not owned by the tray."""
        tray_client = self._tray_window & _CLIENT_MASK
        return [
            w
            for w in self.toplevels()
            if w.mapped and w.override_redirect and (w.wid & _CLIENT_MASK) != tray_client
        ]

    def keyboard_grabbed(self) -> bool:
        """Whether some client holds the keyboard grab (True if that cannot be checked)."""
        return self._xlib.keyboard_grabbed(self.display) if self._xlib else True

    def wait_for_popup(self, before: Collection[int], timeout: float = 3.0) -> WindowInfo:
        """A popup that was not in ``before`` and that holds the keyboard (so keys reach it)."""

        def probe() -> WindowInfo | None:
            new = [w for w in self.popups() if w.wid not in before]
            return new[-1] if new and self.keyboard_grabbed() else None

        return poll_until(probe, timeout, f"no new popup window within {timeout} s")

    def wait_popups_closed(self, timeout: float = 3.0) -> None:
        poll_until(
            lambda: not self.popups(),
            timeout,
            lambda: f"popups still open after {timeout} s: {self.popups()}",
        )

    # ------------------------------------------------------------------ tray

    @property
    def tray_window(self) -> int:
        """trayer's panel window, which the docked icons are reparented into."""
        return self._tray_window

    def tray_geometry(self) -> Geometry:
        info = self.window_info(self._tray_window)
        if info is None:
            raise AssertionError("trayer's panel window is gone")
        return info.geometry

    def tray_icons(self) -> list[WindowInfo]:
        """Icons docked in the tray: other clients' windows inside trayer's panel (trayer wraps
        each in a socket window of its own) that are mapped and have a nonzero size."""
        listing = self._run(["xwininfo", "-tree", "-id", str(self._tray_window)], check=False)
        tray_client = self._tray_window & _CLIENT_MASK
        icons = []
        for wid, geometry in _parse_window_list(listing.stdout):
            if (wid & _CLIENT_MASK) == tray_client or geometry.w <= 0 or geometry.h <= 0:
                continue
            info = self.window_info(wid)
            if info and info.mapped:
                icons.append(info)
        return icons

    def tray_icon_geometry(
        self, timeout: float = 5.0, proc: subprocess.Popen[bytes] | None = None
    ) -> Geometry:
        """(x, y, w, h) of the first docked icon; fails early if ``proc`` exits meanwhile."""

        def probe() -> Geometry | None:
            icons = self.tray_icons()
            if icons:
                return icons[0].geometry
            if proc is not None and proc.poll() is not None:
                raise AssertionError(
                    f"{name_of(proc)} exited with {proc.returncode} before its icon docked:\n"
                    + self.log_text(name_of(proc))
                )
            return None

        def message() -> str:
            text = f"no tray icon docked within {timeout} s"
            if proc is not None:
                text += f"; {name_of(proc)} log:\n{self.log_text(name_of(proc))}"
            return text

        return poll_until(probe, timeout, message)

    # ------------------------------------------------------------------ images

    def screenshot(self, path: Path | str) -> Path:
        """Save the whole screen as PNG."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self._run(["import", "-window", "root", str(path)])
        return path

    def crop(self, source: Path | str, dest: Path | str, area: Geometry, scale: int = 100) -> Path:
        """Save the ``area`` of the ``source`` image to ``dest``, scaled by ``scale`` percent."""
        dest = Path(dest)
        dest.parent.mkdir(parents=True, exist_ok=True)
        self._run(
            ["convert", str(source), "-crop", area.crop_spec(), "+repage"]
            + ([] if scale == 100 else ["-scale", f"{scale}%"])
            + [str(dest)]
        )
        return dest

    def colour_count(self, image: Path | str) -> int:
        """Number of distinct colours in an image (1 for a blank area)."""
        return int(self._run(["convert", str(image), "-format", "%k", "info:"]).stdout.strip())


#: What the ``start_desktop`` fixture gives: starts a desktop that is stopped after the test.
StartDesktop = Callable[[Desktop], Desktop]
