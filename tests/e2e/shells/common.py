"""What every headless shell shares: private folders and buses, processes, D-Bus helpers.

A :class:`Shell` lives in a fresh directory under :data:`RUN_BASE` (every parent at mode 755 or
stricter, so platformdirs accepts the runtime folders in it) with its own HOME, XDG folders and
D-Bus session bus. Everything it starts runs in its own process group, carries the tag variable
:data:`~tests.e2e.processes.TAG_VAR` and writes its output to ``<log_dir>/<name>.log``;
:meth:`Shell.stop` kills by process group and then by tag.

The app under test gets a fresh HOME per launch (:meth:`Shell.launch_app`) and talks to the
shell through :meth:`Shell.env_for_app`. D-Bus is driven with ``busctl --json`` (structured
replies, file descriptor passing) and watched with ``dbus-monitor``.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from tests.buses import STANDARD_SERVICES, daemon_argv
from tests.e2e.desktop import Geometry, missing, poll_until
from tests.e2e.processes import (
    TAG_VAR,
    kill_pids,
    log_tail,
    popen_logged,
    tagged_pids,
    terminate_group,
)

REPO_ROOT = Path(__file__).resolve().parents[3]
PROMPT_TITLE = "Time for a break — backbreak"
STATUS_WINDOW_TITLE = "backbreak"
TEXT_WINDOW_TITLE = "e2e text window"
TEXT_WINDOW_SCRIPT = Path(__file__).with_name("text_window.py")
WATCHER = "org.kde.StatusNotifierWatcher"
NOTIFICATIONS = "org.freedesktop.Notifications"

#: Shell roots live here: /run is root's and mode 755, unlike /tmp (world-writable).
RUN_BASE = Path(os.environ.get("BACKBREAK_E2E_RUN", "/run/backbreak-e2e"))

#: Tools every shell needs, with the Debian package that ships each one.
COMMON_TOOLS: Mapping[str, str] = {
    "dbus-daemon": "dbus-daemon",
    "dbus-monitor": "dbus-bin",
    "busctl": "systemd",
    "convert": "imagemagick",
}

T = TypeVar("T")


class ShellError(RuntimeError):
    """The shell itself could not be started or queried (not a failure of the app)."""


@dataclass(frozen=True)
class Window:
    title: str
    app_id: str  # Wayland app id or X11 WM_CLASS (resource class)
    geometry: Geometry
    focused: bool
    keep_above: bool

    def as_dict(self) -> dict[str, object]:
        return {
            "title": self.title,
            "app_id": self.app_id,
            "geometry": list(self.geometry),
            "focused": self.focused,
            "keep_above": self.keep_above,
        }


@dataclass(frozen=True)
class Notify:
    """One ``org.freedesktop.Notifications.Notify`` call seen on the session bus."""

    seen_at: float  # the bus's wall-clock timestamp (time.time() scale)
    app_name: str
    summary: str
    body: str
    actions: tuple[str, ...]  # keys and labels, alternating, as sent

    @property
    def action_keys(self) -> tuple[str, ...]:
        return self.actions[0::2]


def wait_until(
    probe: Callable[[], T | None],
    timeout: float,
    message: str | Callable[[], str],
    interval: float = 0.1,
) -> T:
    """Poll a subprocess-backed ``probe`` until it returns a true value (AssertionError after)."""
    return poll_until(probe, timeout, message, interval)


def _private(path: Path, mode: int = 0o700) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    path.chmod(mode)
    return path


class Shell:
    """Base of the headless shells. Subclasses set :attr:`name`, :attr:`tools` and implement
    :meth:`_start_shell`, :meth:`screenshot`, :meth:`windows` and :meth:`enable_tray`."""

    name = "shell"
    tools: ClassVar[Mapping[str, str]] = {}
    #: Whether :meth:`click` sends real pointer input.
    can_click = False
    #: QT_QPA_PLATFORM for the app under test.
    qt_platform = "wayland"
    startup_timeout = 60.0

    def __init__(self, log_dir: Path, *, tray: bool = True) -> None:
        self.log_dir = Path(log_dir)
        self.tray = tray
        self.tag = uuid.uuid4().hex
        self.root = Path()
        self.env: dict[str, str] = {}
        self.bus_address = ""
        self.system_bus_address = ""
        self._infra: list[tuple[str, subprocess.Popen[bytes]]] = []
        self._apps: list[tuple[str, subprocess.Popen[bytes]]] = []
        self._homes = 0

    # ------------------------------------------------------------------ lifecycle

    @classmethod
    def missing_tools(cls) -> list[str]:
        return missing({**COMMON_TOOLS, **cls.tools})

    def __enter__(self) -> Shell:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        absent = self.missing_tools()
        if absent:
            raise ShellError(f"{self.name}: missing " + ", ".join(absent))
        _private(RUN_BASE, 0o755)
        _x11_socket_dir()
        self.root = Path(tempfile.mkdtemp(prefix=f"{self.name}-", dir=RUN_BASE))
        self.root.chmod(0o755)
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.env = self._base_env(self.root / "shell-home", self.root / "shell-runtime")
        try:
            self._start_session_bus()
            self._start_shell()
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        for _, proc in reversed(self._apps):
            terminate_group(proc)
        for _, proc in reversed(self._infra):
            terminate_group(proc)
        kill_pids(tagged_pids(self.tag))
        self._apps.clear()
        self._infra.clear()
        if self.root != Path() and self.root.is_dir():
            shutil.rmtree(self.root, ignore_errors=True)

    def _start_shell(self) -> None:
        raise NotImplementedError

    # ------------------------------------------------------------------ environment

    def _base_env(self, home: Path, runtime: Path, owner: int | None = None) -> dict[str, str]:
        env = {
            "PATH": os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin"),
            "HOME": str(home),
            "USER": "root",
            "LOGNAME": "root",
            "LANG": "C.UTF-8",
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_STATE_HOME": str(home / ".local" / "state"),
            "XDG_DATA_HOME": str(home / ".local" / "share"),
            "XDG_CACHE_HOME": str(home / ".cache"),
            "XDG_RUNTIME_DIR": str(runtime),
            "XDG_DATA_DIRS": "/usr/local/share:/usr/share",
            "XDG_CONFIG_DIRS": "/etc/xdg",
            "NO_AT_BRIDGE": "1",
            TAG_VAR: self.tag,
        }
        if "TZ" in os.environ:
            env["TZ"] = os.environ["TZ"]
        _private(home)
        for key in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
            _private(Path(env[key]))
        _private(runtime)
        if owner is not None:
            for path in (home, runtime, *home.rglob("*")):
                os.chown(path, owner, owner)
        return env

    def env_for_app(self, home: Path | None = None) -> dict[str, str]:
        """What the app under test needs: a private HOME (fresh if none given), the shell's
        session bus and display, and the Qt platform plugin that suits the variant."""
        if home is None:
            self._homes += 1
            home = self.root / f"app-home-{self._homes}"
        env = self._base_env(home, home.with_name(home.name + "-runtime"))
        env["DBUS_SESSION_BUS_ADDRESS"] = self.bus_address
        env["QT_QPA_PLATFORM"] = self.qt_platform
        env.update(self._display_env())
        return env

    def _display_env(self) -> dict[str, str]:
        raise NotImplementedError

    # ------------------------------------------------------------------ processes

    def _popen(
        self,
        name: str,
        argv: Sequence[str],
        env: Mapping[str, str],
        *,
        uid: int | None = None,
        pass_fds: Sequence[int] = (),
        cwd: Path | None = None,
    ) -> subprocess.Popen[bytes]:
        if uid is not None:
            argv = ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", *argv]
        log = self.log_dir / f"{name}.log"
        return popen_logged(log, argv, env, cwd=cwd, pass_fds=pass_fds)

    def start_infra(self, name: str, argv: Sequence[str], **kwargs: Any) -> subprocess.Popen[bytes]:
        """Start part of the shell (killed last)."""
        env = kwargs.pop("env", self.env)
        proc = self._popen(name, argv, env, **kwargs)
        self._infra.append((name, proc))
        return proc

    def spawn(
        self, argv: Sequence[str], *, name: str, env: Mapping[str, str] | None = None
    ) -> subprocess.Popen[bytes]:
        """Start a client (the app, the text window) in the shell; killed first."""
        proc = self._popen(name, argv, env or self.env_for_app(), cwd=REPO_ROOT)
        self._apps.append((name, proc))
        return proc

    def kill(self, proc: subprocess.Popen[bytes]) -> None:
        terminate_group(proc)
        self._apps = [(n, p) for n, p in self._apps if p is not proc]

    def kill_clients(self) -> None:
        """End every client started with :meth:`spawn` (the shell keeps running)."""
        for _, proc in reversed(self._apps):
            terminate_group(proc)
        self._apps.clear()

    def log_text(self, name: str, tail: int = 4000) -> str:
        return log_tail(self.log_dir / f"{name}.log", tail)

    def all_logs(self) -> str:
        return "\n".join(
            f"----- {log.name} -----\n{self.log_text(log.stem)}"
            for log in sorted(self.log_dir.glob("*.log"))
        )

    def check_alive(self) -> None:
        """ShellError naming the first part of the shell that died."""
        for name, proc in self._infra:
            if proc.poll() is not None:
                raise ShellError(
                    f"{self.name}: {name} exited with {proc.returncode}:\n{self.log_text(name)}"
                )

    def run(
        self,
        argv: Sequence[str],
        *,
        check: bool = True,
        env: Mapping[str, str] | None = None,
        timeout: float = 30.0,
        **kwargs: Any,
    ) -> subprocess.CompletedProcess[str]:
        """A query tool run against the shell (no tag: it is not part of the shell)."""
        base = env if env is not None else self.env
        tool_env = {k: v for k, v in base.items() if k != TAG_VAR}
        tool_env["DBUS_SESSION_BUS_ADDRESS"] = self.bus_address
        result = subprocess.run(
            list(argv),
            env=tool_env,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout,
            check=False,
            **kwargs,
        )
        if check and result.returncode != 0:
            raise ShellError(
                f"{' '.join(argv)} failed with {result.returncode}: {result.stderr.strip()}"
            )
        return result

    # ------------------------------------------------------------------ buses

    def _start_bus(self, kind: str, socket: Path) -> str:
        services = STANDARD_SERVICES if kind == "session" else None
        argv = daemon_argv(self.root, f"unix:path={socket}", kind=kind, services=services)
        name = f"dbus-{kind}"
        proc = self.start_infra(name, argv)
        wait_until(
            lambda: socket.exists() or proc.poll() is not None,
            10.0,
            f"{name} did not create {socket}",
        )
        if proc.poll() is not None:
            raise ShellError(f"{name} exited:\n{self.log_text(name)}")
        socket.chmod(0o777)
        return f"unix:path={socket}"

    def _start_session_bus(self) -> None:
        buses = _private(self.root / "bus", 0o755)
        self.bus_address = self._start_bus("session", buses / "session")
        self.env["DBUS_SESSION_BUS_ADDRESS"] = self.bus_address

    def start_system_bus(self) -> None:
        buses = _private(self.root / "bus", 0o755)
        self.system_bus_address = self._start_bus("system", buses / "system")
        self.env["DBUS_SYSTEM_BUS_ADDRESS"] = self.system_bus_address

    def busctl(self, *args: str, check: bool = True, timeout: float = 20.0) -> Any:
        """``busctl --json=short ARGS`` on the session bus; the decoded JSON (None if empty)."""
        result = self.run(
            ["busctl", f"--address={self.bus_address}", "--json=short", "--", *args],
            check=check,
            timeout=timeout,
        )
        if result.returncode != 0 or not result.stdout.strip():
            return None
        return json.loads(result.stdout)

    def has_name(self, name: str) -> bool:
        reply = self.busctl(
            "call", "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
            "NameHasOwner", "s", name,
        )  # fmt: skip
        return bool(reply and reply["data"][0])

    def wait_for_name(self, name: str, timeout: float) -> None:
        def probe() -> bool:
            self.check_alive()
            return self.has_name(name)

        wait_until(probe, timeout, lambda: f"{self.name}: {name} not on the bus after {timeout} s")

    # ------------------------------------------------------------------ tray

    def tray_items(self) -> list[str]:
        """``RegisteredStatusNotifierItems`` (empty when no watcher runs)."""
        reply = self.busctl(
            "get-property", WATCHER, "/StatusNotifierWatcher", WATCHER,
            "RegisteredStatusNotifierItems", check=False,
        )  # fmt: skip
        return list(reply["data"]) if reply else []

    def item_property(self, item: str, prop: str) -> Any:
        bus, path = split_item(item)
        reply = self.busctl(
            "get-property", bus, path, "org.kde.StatusNotifierItem", prop, check=False
        )
        return reply["data"] if reply else None

    def app_item(self, app_pid: int) -> str | None:
        """The registered item owned by the process ``app_pid`` (None if not registered)."""
        for item in self.tray_items():
            bus, _ = split_item(item)
            reply = self.busctl(
                "call", "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                "GetConnectionUnixProcessID", "s", bus, check=False,
            )  # fmt: skip
            if reply and reply["data"][0] == app_pid:
                return item
        return None

    def menu(self, item: str) -> DBusMenu:
        bus, _ = split_item(item)
        path = self.item_property(item, "Menu")
        if not path:
            raise AssertionError(f"tray item {item} exports no Menu")
        return DBusMenu(self, bus, str(path))

    def enable_tray(self) -> None:
        """Start the StatusNotifierWatcher/host of a shell started with ``tray=False``."""
        raise NotImplementedError

    def panel_area(self) -> Geometry:
        """Where the shell shows tray icons (a strip of its panel)."""
        raise NotImplementedError

    def item_geometry(self, item: str) -> Geometry | None:
        """The item's icon on screen, where the shell tells (None otherwise)."""
        return None

    # ------------------------------------------------------------------ screen

    def screenshot(self, path: Path) -> Path:
        raise NotImplementedError

    def windows(self) -> list[Window]:
        raise NotImplementedError

    def focused_title(self) -> str | None:
        return next((w.title for w in self.windows() if w.focused), None)

    def find_window(self, title: str, timeout: float) -> Window:
        def probe() -> Window | None:
            self.check_alive()
            return next((w for w in self.windows() if w.title == title), None)

        return wait_until(
            probe,
            timeout,
            lambda: (
                f"{self.name}: no window titled {title!r} within {timeout} s; "
                f"windows: {[w.title for w in self.windows()]}"
            ),
        )

    def click(self, x: int, y: int) -> None:
        raise NotImplementedError(f"{self.name} offers no pointer input here")

    # ------------------------------------------------------------------ notifications

    def notifications_shown(self) -> list[dict[str, object]]:
        """The shell's own view of notifications on screen (what it offers; may be empty)."""
        return []

    def notification_geometry(self) -> Geometry | None:
        """Where the shell shows the current notification banner, if it tells."""
        return None

    def answer_notification(self, app_name: str, action: str) -> bool:
        """Invoke ``action`` on the app's notification the way a user of this shell would.
        False when the shell offers no such way here."""
        return False

    def watch_notifications(self) -> NotifyWatch:
        watch = NotifyWatch(self)
        watch.start()
        return watch

    # ------------------------------------------------------------------ the app

    def launch_app(self, *args: str, name: str = "backbreak") -> App:
        env = self.env_for_app()
        proc = self.spawn([sys.executable, "-m", "backbreak", *args], name=name, env=env)
        return App(self, proc, env, name)

    def open_text_window(self, timeout: float = 15.0) -> tuple[subprocess.Popen[bytes], Path]:
        """The small text window that holds the focus; returns it and the file it mirrors the
        typed text into."""
        env = self.env_for_app()
        mirror = Path(env["HOME"]) / "typed.txt"
        proc = self.spawn(
            [sys.executable, str(TEXT_WINDOW_SCRIPT), TEXT_WINDOW_TITLE, str(mirror)],
            name="text-window",
            env=env,
        )
        self.find_window(TEXT_WINDOW_TITLE, timeout)
        return proc, mirror


def _x11_socket_dir() -> None:
    """/tmp/.X11-unix as Xwayland wants it: root's, mode 1777. An Xwayland started by sway (as
    nobody) creates it as nobody's when it is missing, and kwin then refuses it."""
    path = Path("/tmp/.X11-unix")
    path.mkdir(exist_ok=True)
    if os.geteuid() == 0 and path.stat().st_uid != 0:
        os.chown(path, 0, 0)
    with contextlib.suppress(PermissionError):
        path.chmod(0o1777)


def split_item(item: str) -> tuple[str, str]:
    """(bus name, object path) of an entry of ``RegisteredStatusNotifierItems``."""
    if "@/" in item:  # GNOME's AppIndicator extension: "BUS@PATH"
        bus, _, path = item.partition("@")
        return bus, path
    if "/" in item:
        bus, _, path = item.partition("/")
        return bus, "/" + path
    return item, "/StatusNotifierItem"


@dataclass
class App:
    """The app under test, running in a shell."""

    shell: Shell
    proc: subprocess.Popen[bytes]
    env: dict[str, str]
    name: str

    @property
    def home(self) -> Path:
        return Path(self.env["HOME"])

    @property
    def log_file(self) -> Path:
        # platformdirs.user_log_path("backbreak") on Linux: $XDG_STATE_HOME/backbreak/log
        return Path(self.env["XDG_STATE_HOME"]) / "backbreak" / "log" / "backbreak.log"

    def log(self) -> str:
        try:
            return self.log_file.read_text(errors="replace")
        except OSError:
            return ""

    def output(self) -> str:
        return self.shell.log_text(self.name)

    def describe(self) -> str:
        return f"app output:\n{self.output()}\napp log:\n{self.log()[-4000:]}"

    def check_running(self) -> None:
        if self.proc.poll() is not None:
            raise AssertionError(f"backbreak exited with {self.proc.returncode}\n{self.describe()}")

    def item(self, timeout: float = 10.0) -> str:
        """Its registered StatusNotifierItem."""

        def probe() -> str | None:
            self.check_running()
            return self.shell.app_item(self.proc.pid)

        return wait_until(
            probe,
            timeout,
            lambda: (
                f"backbreak registered no tray item within {timeout} s "
                f"(registered: {self.shell.tray_items()})\n{self.describe()}"
            ),
        )

    def wait_log(self, pattern: str, timeout: float) -> re.Match[str]:
        regex = re.compile(pattern, re.MULTILINE)

        def probe() -> re.Match[str] | None:
            self.check_running()
            return regex.search(self.log())

        return wait_until(
            probe,
            timeout,
            lambda: f"no /{pattern}/ in the app's log in {timeout} s\n" + self.describe(),
        )

    def status(self) -> dict[str, object]:
        """The running instance's reply to a ``status`` request over its control socket."""
        from backbreak.platform.instance import send_request

        socket = Path(self.env["XDG_RUNTIME_DIR"]) / "backbreak" / "instance.sock"
        reply = send_request(str(socket), {"cmd": "status"}, timeout_ms=3000)
        if reply is None:
            raise AssertionError(f"nobody answers on {socket}\n{self.describe()}")
        return reply

    def stop(self) -> None:
        self.shell.kill(self.proc)


@dataclass
class MenuItem:
    id: int
    label: str
    enabled: bool
    visible: bool
    children: list[MenuItem] = field(default_factory=list)

    def walk(self) -> list[MenuItem]:
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out


class DBusMenu:
    """A ``com.canonical.dbusmenu`` menu, as a tray host sees it."""

    IFACE = "com.canonical.dbusmenu"

    def __init__(self, shell: Shell, bus: str, path: str) -> None:
        self.shell, self.bus, self.path = shell, bus, path

    def layout(self) -> MenuItem:
        # AboutToShow first, as a host does before it shows the menu (Qt refreshes items then).
        self.shell.busctl("call", self.bus, self.path, self.IFACE, "AboutToShow", "i", "0",
                          check=False)  # fmt: skip
        reply = self.shell.busctl(
            "call", self.bus, self.path, self.IFACE, "GetLayout", "iias", "0", "-1", "4",
            "label", "enabled", "visible", "type",
        )  # fmt: skip
        return _menu_item(reply["data"][1])

    def labels(self) -> list[str]:
        return [i.label for i in self.layout().walk() if i.label and i.visible]

    def find(self, label: str | re.Pattern[str]) -> MenuItem | None:
        for item in self.layout().walk():
            text = item.label
            hit = label.search(text) if isinstance(label, re.Pattern) else text == label
            if hit and item.visible:
                return item
        return None

    def click(self, label: str | re.Pattern[str]) -> MenuItem:
        item = self.find(label)
        if item is None:
            raise AssertionError(f"no menu item {label!r}; the menu has {self.labels()}")
        if not item.enabled:
            raise AssertionError(f"menu item {label!r} is disabled")
        self.shell.busctl(
            "call", self.bus, self.path, self.IFACE, "Event", "isvu", str(item.id), "clicked",
            "i", "0", "0",
        )  # fmt: skip
        return item


def _menu_item(node: list[Any]) -> MenuItem:
    ident, props, children = node
    label = props.get("label", {}).get("data", "")
    # dbusmenu marks mnemonics with "_" ("__" is a literal underscore).
    label = re.sub(r"_(.)", r"\1", label)
    return MenuItem(
        id=int(ident),
        label=label,
        enabled=bool(props.get("enabled", {}).get("data", True)),
        visible=bool(props.get("visible", {}).get("data", True)),
        children=[_menu_item(child["data"]) for child in children],
    )


class NotifyWatch:
    """``dbus-monitor`` on the session bus for Notify calls, parsed."""

    def __init__(self, shell: Shell) -> None:
        self.shell = shell
        self.log = shell.log_dir / f"notify-monitor-{uuid.uuid4().hex[:8]}.txt"
        self._proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        rule = f"type='method_call',interface='{NOTIFICATIONS}',member='Notify'"
        env = {k: v for k, v in self.shell.env.items() if k != TAG_VAR}
        with self.log.open("wb") as out:
            self._proc = subprocess.Popen(
                ["dbus-monitor", "--address", self.shell.bus_address, rule],
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        # dbus-monitor prints its own NameAcquired signal once it is monitoring.
        wait_until(
            lambda: (
                "NameAcquired" in self.log.read_text(errors="replace")
                or self._proc is None
                or self._proc.poll() is not None
            ),
            10.0,
            "dbus-monitor did not start",
        )

    def stop(self) -> None:
        if self._proc is not None:
            terminate_group(self._proc)
            self._proc = None

    def seen(self) -> list[Notify]:
        return parse_monitor(self.log.read_text(errors="replace"))

    def wait(self, app_name: str, timeout: float, since: float = 0.0) -> Notify | None:
        """The first Notify from ``app_name`` seen after ``since``, or None after ``timeout``."""
        deadline = time.monotonic() + timeout
        while True:
            for note in self.seen():
                if note.app_name == app_name and note.seen_at >= since:
                    return note
            if time.monotonic() >= deadline:
                return None
            time.sleep(0.05)


_MESSAGE = re.compile(r"^(?:method call|method return|signal|error) ", re.MULTILINE)
_HEADER = re.compile(r"^method call time=(\d+\.\d+) .*member=Notify\s*$", re.MULTILINE)
# A string argument (it may span lines), the opening of a container, or its end.
_TOKEN = re.compile(
    r'^\s*(?:string "(?P<s>.*?)"$|(?P<open>array \[|dict entry\(|struct \{)$|(?P<close>[\])}])$)',
    re.MULTILINE | re.DOTALL,
)


def parse_monitor(text: str) -> list[Notify]:
    """Notify calls out of ``dbus-monitor``'s text output."""
    out: list[Notify] = []
    starts = [m.start() for m in _MESSAGE.finditer(text)] + [len(text)]
    for begin, end in itertools.pairwise(starts):
        block = text[begin:end]
        header = _HEADER.match(block)
        if not header:
            continue
        top: list[str] = []
        actions: list[str] = []
        depth = arrays = 0
        for token in _TOKEN.finditer(block, header.end()):
            if token.group("open"):
                depth += 1
                arrays += 1
            elif token.group("close"):
                depth -= 1
            elif depth == 0:
                top.append(token.group("s"))
            elif arrays == 1:
                actions.append(token.group("s"))
        if len(top) >= 4:
            out.append(Notify(float(header.group(1)), top[0], top[2], top[3], tuple(actions)))
    return out


@contextlib.contextmanager
def notify_watch(shell: Shell) -> Any:
    watch = shell.watch_notifications()
    try:
        yield watch
    finally:
        watch.stop()
