"""Presence logic against fakes: the poll schedule on a hand-moved clock, the Windows and macOS
backends against fake OS calls, the composite's merging, and the backend choice per system.

Nothing here waits for real time: the schedule is driven by calling ``poll()`` (the single
timer's handler) and reading what the timer was set to.
"""

from __future__ import annotations

import ctypes
import subprocess
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtDBus import QDBusConnection
from pytestqt.qtbot import QtBot

from backbreak.platform.presence.base import NullPresence, PresenceMonitor, PresenceUnavailable
from backbreak.platform.presence.compose import CompositePresence
from backbreak.platform.presence.freedesktop import DBUS_BACKOFF
from backbreak.platform.presence.macos import (
    IOKitApi,
    IoregApi,
    MacPresence,
    parse_ioreg,
)
from backbreak.platform.presence.polling import (
    RETRY_S,
    SLACK_S,
    Backoff,
    PollingPresence,
)
from backbreak.platform.presence.select import choose_presence
from backbreak.platform.presence.windows import LASTINPUTINFO, Win32Api, WindowsPresence

T = 120.0  # the idle threshold used throughout


class Clock:
    """A monotonic clock moved by hand."""

    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


class FakeIdle:
    """An idle counter on the fake clock: reset by ``touch()``; reads can be made to fail."""

    def __init__(self, clock: Clock, idle: float = 0.0) -> None:
        self.clock = clock
        self.last_input = clock.t - idle
        self.opened = self.closed = 0
        self.failing = False
        self.reads = 0

    def touch(self, ago: float = 0.0) -> None:
        self.last_input = self.clock.t - ago

    def open(self) -> None:
        self.opened += 1

    def read_idle(self) -> float | None:
        self.reads += 1
        return None if self.failing else self.clock.t - self.last_input

    def close(self) -> None:
        self.closed += 1


class Recorder:
    """Everything a monitor emitted, in order."""

    def __init__(self, monitor: PresenceMonitor) -> None:
        self.events: list[tuple[str, Any]] = []
        monitor.went_idle.connect(lambda s: self.events.append(("went_idle", s)))
        monitor.came_back.connect(lambda: self.events.append(("came_back", None)))
        monitor.lock_changed.connect(lambda b: self.events.append(("lock", b)))
        monitor.sleep_changed.connect(lambda b: self.events.append(("sleep", b)))

    def take(self) -> list[tuple[str, Any]]:
        events, self.events = self.events, []
        return events


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def polling(qapp: Any, clock: Clock) -> Iterator[tuple[PollingPresence, FakeIdle, Recorder]]:
    source = FakeIdle(clock, idle=30.0)
    monitor = PollingPresence(source, monotonic=clock)
    recorder = Recorder(monitor)
    monitor.start(T)
    monitor.poll()  # the first reading, which start() leaves to the event loop
    yield monitor, source, recorder
    monitor.stop()


def wait_s(monitor: PollingPresence) -> float:
    """What the single timer is set to, in seconds; it must be running."""
    assert monitor.timer.isActive()
    assert monitor.timer.isSingleShot()
    return monitor.timer.interval() / 1000.0


def run_timer(monitor: PollingPresence, clock: Clock) -> None:
    """Let the timer's interval pass on the fake clock and call its handler."""
    clock.advance(wait_s(monitor))
    monitor.poll()


# -- the schedule -----------------------------------------------------------------------


def test_start_reads_once_from_the_event_loop(qapp: Any, clock: Clock, qtbot: QtBot) -> None:
    source = FakeIdle(clock, idle=30.0)
    monitor = PollingPresence(source, monotonic=clock)
    monitor.start(T)
    assert source.opened == 1
    assert source.reads == 0  # not inside start()
    assert wait_s(monitor) == 0
    qtbot.waitUntil(lambda: source.reads == 1, timeout=1000)
    assert wait_s(monitor) == pytest.approx(T - 30 + SLACK_S)
    monitor.stop()


def test_next_poll_is_when_the_threshold_can_first_be_reached(
    polling: tuple[PollingPresence, FakeIdle, Recorder], clock: Clock
) -> None:
    monitor, _, recorder = polling  # one reading taken: idle 30 s of 120 s
    assert wait_s(monitor) == pytest.approx(T - 30 + SLACK_S)
    assert monitor.timer.timerType() is Qt.TimerType.VeryCoarseTimer
    assert recorder.take() == []


def test_a_user_who_keeps_typing_costs_one_reading_per_threshold(
    polling: tuple[PollingPresence, FakeIdle, Recorder], clock: Clock
) -> None:
    monitor, source, recorder = polling
    for _ in range(10):
        clock.advance(wait_s(monitor) - 0.5)
        source.touch()  # typing, right before each reading
        clock.advance(0.5)
        monitor.poll()
        assert wait_s(monitor) == pytest.approx(T - 0.5 + SLACK_S)
    assert source.reads == 11  # the fixture's reading and ten more
    assert recorder.take() == []


def test_went_idle_then_backs_off_then_came_back(
    polling: tuple[PollingPresence, FakeIdle, Recorder], clock: Clock
) -> None:
    monitor, source, recorder = polling
    run_timer(monitor, clock)  # nobody touched anything: idle is T + slack now
    assert recorder.take() == [("went_idle", pytest.approx(T + SLACK_S))]
    assert monitor.idle_reported

    waits = []
    for _ in range(40):
        waits.append(wait_s(monitor))
        run_timer(monitor, clock)
    assert recorder.take() == []
    backoff = Backoff()
    assert waits[0] == backoff.steps[0][1]
    assert set(waits) == {10.0, 15.0}
    assert waits == sorted(waits)  # never faster again while away
    idle_past = clock.t - source.last_input - T
    assert idle_past > 60
    assert wait_s(monitor) == backoff.final_s

    clock.advance(3)
    source.touch()
    clock.advance(wait_s(monitor) - 3)
    monitor.poll()
    assert recorder.take() == [("came_back", None)]
    assert not monitor.idle_reported
    idle_now = clock.t - source.last_input
    assert wait_s(monitor) == pytest.approx(T - idle_now + SLACK_S)


@pytest.mark.parametrize(
    ("backoff", "wakeups_per_reading"),
    [(Backoff(), 2.2), (DBUS_BACKOFF, 6.0)],  # measured: X11 round trip; QtDBus call
    ids=["x11", "dbus"],
)
def test_an_hour_away_stays_inside_the_wakeup_budget(
    qapp: Any, clock: Clock, backoff: Backoff, wakeups_per_reading: float
) -> None:
    """The app may spend 0.3 wakeups/s idle and spends 0.05/s elsewhere: 0.25/s are ours, in
    every minute, including the first one after went_idle."""
    source = FakeIdle(clock, idle=0)
    monitor = PollingPresence(source, monotonic=clock, backoff=backoff)
    monitor.start(T)
    readings: list[float] = []
    while clock.t < 1000.0 + 3600:
        monitor.poll()
        readings.append(clock.t)
        clock.advance(wait_s(monitor))
    monitor.stop()
    busiest = max(sum(1 for r in readings if start <= r < start + 60) for start in readings)
    assert busiest * wakeups_per_reading / 60 < 0.25
    assert len(readings) * wakeups_per_reading / 3600 < 0.25


def test_input_followed_by_a_pause_longer_than_the_threshold_is_still_a_return(
    qapp: Any, clock: Clock
) -> None:
    """With a short threshold, the counter may be past it again at the next reading."""
    source = FakeIdle(clock, idle=0)
    monitor = PollingPresence(source, monotonic=clock, backoff=Backoff((), 15.0))
    recorder = Recorder(monitor)
    monitor.start(2.0)
    clock.advance(3)
    monitor.poll()
    assert recorder.take() == [("went_idle", 3.0)]
    clock.advance(10)
    source.touch()
    clock.advance(5)  # input, then 5 s of quiet: past the 2 s threshold again
    monitor.poll()
    assert recorder.take() == [("came_back", None), ("went_idle", 5.0)]
    monitor.stop()


def test_outside_active_hours_nothing_is_polled_and_the_state_is_kept(
    polling: tuple[PollingPresence, FakeIdle, Recorder], clock: Clock
) -> None:
    monitor, source, recorder = polling
    run_timer(monitor, clock)
    assert recorder.take() == [("went_idle", pytest.approx(T + SLACK_S))]
    reads = source.reads
    monitor.set_active_hours(False)
    assert not monitor.timer.isActive()
    assert monitor.next_poll_in() is None
    clock.advance(14 * 3600)
    source.touch()
    assert source.reads == reads

    monitor.set_active_hours(True)
    assert wait_s(monitor) == 0  # look at once
    monitor.poll()
    assert recorder.take() == [("came_back", None)]


def test_a_failing_reading_is_retried_slowly_without_false_signals(
    polling: tuple[PollingPresence, FakeIdle, Recorder], clock: Clock
) -> None:
    monitor, source, recorder = polling
    source.failing = True
    run_timer(monitor, clock)
    assert wait_s(monitor) == RETRY_S
    run_timer(monitor, clock)
    assert recorder.take() == []
    source.failing = False
    clock.advance(wait_s(monitor))
    source.touch()
    monitor.poll()
    assert recorder.take() == []
    assert wait_s(monitor) == pytest.approx(T + SLACK_S)


def test_stop_stops_the_timer_and_closes_the_source(
    polling: tuple[PollingPresence, FakeIdle, Recorder],
) -> None:
    monitor, source, _ = polling
    monitor.stop()
    assert not monitor.timer.isActive()
    assert source.closed == 1
    monitor.poll()  # a late timeout after stop does nothing
    assert source.reads == 1  # the fixture's reading only
    assert monitor.idle_seconds() is None


def test_bad_threshold_is_refused(polling: tuple[PollingPresence, FakeIdle, Recorder]) -> None:
    with pytest.raises(ValueError, match="positive"):
        polling[0].start(0)


def test_the_real_timer_drives_the_schedule(qapp: Any, qtbot: QtBot) -> None:
    """The same logic on the real clock, with a threshold of a fraction of a second."""
    import time

    start = time.monotonic()

    class Quiet:
        def open(self) -> None: ...

        def read_idle(self) -> float:
            return time.monotonic() - start

        def close(self) -> None: ...

    monitor = PollingPresence(Quiet())
    with qtbot.waitSignal(monitor.went_idle, timeout=5000) as idle:
        monitor.start(0.2)
    assert idle.args is not None
    assert idle.args[0] >= 0.2
    monitor.stop()


# -- Windows ---------------------------------------------------------------------------


class FakeUser32:
    def __init__(self) -> None:
        self.last_input_tick: int | None = 0

    def GetLastInputInfo(self, info: Any) -> int:
        assert info.contents.cbSize == ctypes.sizeof(LASTINPUTINFO)
        if self.last_input_tick is None:
            return 0
        info.contents.dwTime = self.last_input_tick & 0xFFFFFFFF
        return 1


class FakeKernel32:
    def __init__(self) -> None:
        self.tick = 0

    def GetTickCount64(self) -> int:
        return self.tick


def test_windows_idle_time_handles_the_32_bit_wrap() -> None:
    user32, kernel32 = FakeUser32(), FakeKernel32()
    api = Win32Api(user32, kernel32)
    kernel32.tick = 50 * 86400 * 1000  # 50 days up: the 32-bit count has wrapped once
    user32.last_input_tick = kernel32.tick - 90_000
    assert api.idle_ms() == 90_000
    kernel32.tick = 2**32 + 500  # wrapped between the last input and now
    user32.last_input_tick = 2**32 - 1000
    assert api.idle_ms() == 1500


def test_windows_backend_reports_idle_and_return(qapp: Any, clock: Clock) -> None:
    user32, kernel32 = FakeUser32(), FakeKernel32()
    kernel32.tick = user32.last_input_tick = 10_000_000
    monitor = WindowsPresence(lambda: Win32Api(user32, kernel32), monotonic=clock)
    recorder = Recorder(monitor)
    monitor.start(T)
    assert monitor.idle_seconds() == 0
    monitor.poll()
    assert wait_s(monitor) == pytest.approx(T + SLACK_S)
    clock.advance(wait_s(monitor))
    kernel32.tick += int(wait_s(monitor) * 1000)
    monitor.poll()
    assert recorder.take() == [("went_idle", pytest.approx(T + SLACK_S))]
    clock.advance(5)
    kernel32.tick += 5000
    user32.last_input_tick = kernel32.tick - 1000
    monitor.poll()
    assert recorder.take() == [("came_back", None)]
    monitor.stop()


def test_windows_backend_is_unavailable_when_the_call_fails(qapp: Any) -> None:
    user32 = FakeUser32()
    user32.last_input_tick = None
    monitor = WindowsPresence(lambda: Win32Api(user32, FakeKernel32()))
    with pytest.raises(PresenceUnavailable, match="GetLastInputInfo"):
        monitor.probe()


def test_windows_real_calls_refuse_other_systems(qapp: Any) -> None:
    with pytest.raises(PresenceUnavailable, match="not Windows"):
        WindowsPresence().probe()


# -- macOS ------------------------------------------------------------------------------

NUMBER_TYPE, DATA_TYPE = 22, 20


class FakeIOKit:
    def __init__(self) -> None:
        self.service = 0x2303
        self.matched: list[bytes] = []
        self.released: list[int] = []
        self.property_ns: int | None = 0
        self.as_data = False

    def IOServiceMatching(self, name: bytes) -> int:
        self.matched.append(name)
        return 0x1000

    def IOServiceGetMatchingService(self, port: int, matching: int) -> int:
        assert (port, matching) == (0, 0x1000)
        return self.service

    def IORegistryEntryCreateCFProperty(
        self, service: int, key: int, allocator: None, options: int
    ) -> int:
        assert (service, key, options) == (self.service, 0x5000, 0)
        if self.property_ns is None:
            return 0
        return 0x7001 if self.as_data else 0x7000

    def IOObjectRelease(self, obj: int) -> int:
        self.released.append(obj)
        return 0


class FakeCF:
    def __init__(self, iokit: FakeIOKit) -> None:
        self.iokit = iokit
        self.released: list[int] = []
        self._buffer = ctypes.create_string_buffer(8)

    def CFStringCreateWithCString(self, alloc: None, text: bytes, encoding: int) -> int:
        assert (text, encoding) == (b"HIDIdleTime", 0x08000100)
        return 0x5000

    def CFGetTypeID(self, obj: int) -> int:
        return DATA_TYPE if obj == 0x7001 else NUMBER_TYPE

    def CFNumberGetTypeID(self) -> int:
        return NUMBER_TYPE

    def CFDataGetTypeID(self) -> int:
        return DATA_TYPE

    def CFNumberGetValue(self, number: int, kind: int, out: Any) -> bool:
        assert (number, kind) == (0x7000, 4)  # kCFNumberSInt64Type
        out.contents.value = self.iokit.property_ns
        return True

    def CFDataGetLength(self, data: int) -> int:
        return 8

    def CFDataGetBytePtr(self, data: int) -> int:
        assert self.iokit.property_ns is not None
        self._buffer.raw = self.iokit.property_ns.to_bytes(8, "little")
        return ctypes.addressof(self._buffer)

    def CFRelease(self, obj: int) -> None:
        self.released.append(obj)


def test_macos_reads_hid_idle_time_and_releases_everything(qapp: Any, clock: Clock) -> None:
    iokit = FakeIOKit()
    cf = FakeCF(iokit)
    monitor = MacPresence(lambda: IOKitApi(iokit, cf), monotonic=clock)
    recorder = Recorder(monitor)
    iokit.property_ns = 125 * 10**9
    monitor.start(T)
    assert iokit.matched == [b"IOHIDSystem"]
    assert monitor.idle_seconds() == pytest.approx(125.0)
    monitor.poll()
    assert recorder.take() == [("went_idle", pytest.approx(125.0))]
    assert cf.released == [0x7000, 0x7000]  # each property released after reading
    iokit.property_ns = 2 * 10**9
    clock.advance(5)
    monitor.poll()
    assert recorder.take() == [("came_back", None)]
    monitor.stop()
    assert iokit.released == [iokit.service]
    assert 0x5000 in cf.released


def test_macos_older_systems_give_cfdata(qapp: Any) -> None:
    iokit = FakeIOKit()
    cf = FakeCF(iokit)
    iokit.as_data = True
    iokit.property_ns = 7 * 10**9
    api = IOKitApi(iokit, cf)
    api.open()
    assert api.idle_ns() == 7 * 10**9
    assert cf.released == [0x7001]
    api.close()


def test_macos_without_the_service_is_unavailable(qapp: Any) -> None:
    iokit = FakeIOKit()
    iokit.service = 0
    with pytest.raises(PresenceUnavailable, match="IOHIDSystem"):
        IOKitApi(iokit, FakeCF(iokit)).open()


IOREG_SAMPLE = b"""+-o Root  <class IORegistryEntry, id 0x100000100, retain 30>
  +-o IOResources  <class IOResources, id 0x100000117, registered, matched, active>
    +-o IOHIDSystem  <class IOHIDSystem, id 0x1000002c2, registered, matched, active>
      | {
      |   "HIDIdleTime" = 4321000000
      |   "HIDKeyboardModifierMappingPairs" = ()
      | }
"""


def test_ioreg_fallback_parses_the_idle_time() -> None:
    assert parse_ioreg(IOREG_SAMPLE) == 4_321_000_000
    assert parse_ioreg(b"nothing here") is None
    calls: list[list[str]] = []

    def run(argv: list[str], **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
        calls.append(argv)
        return subprocess.CompletedProcess(argv, 0, IOREG_SAMPLE, b"")

    api = IoregApi(run)
    api.open()
    assert api.idle_ns() == 4_321_000_000
    assert calls[0][:3] == ["ioreg", "-c", "IOHIDSystem"]


def test_macos_real_calls_refuse_other_systems(qapp: Any) -> None:
    with pytest.raises(PresenceUnavailable, match="not macOS"):
        MacPresence().probe()


# -- merging sources ------------------------------------------------------------------------


class Source(PresenceMonitor):
    """A monitor whose signals the test emits by hand."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.calls: list[str] = []

    def start(self, idle_threshold_s: float) -> None:
        self.calls.append(f"start {idle_threshold_s}")

    def stop(self) -> None:
        self.calls.append("stop")

    def set_active_hours(self, active: bool) -> None:
        self.calls.append(f"active {active}")

    def idle_seconds(self) -> float | None:
        return 42.0


@pytest.fixture
def composite(qapp: Any) -> tuple[CompositePresence, Source, Source, Recorder]:
    idle, logind = Source("idle"), Source("logind")
    monitor = CompositePresence(idle, [logind])
    return monitor, idle, logind, Recorder(monitor)


def test_composite_passes_idle_and_return_through(
    composite: tuple[CompositePresence, Source, Source, Recorder],
) -> None:
    monitor, idle, logind, recorder = composite
    assert monitor.name == "idle+logind"
    monitor.start(T)
    monitor.set_active_hours(False)
    monitor.stop()
    assert idle.calls == logind.calls == [f"start {T}", "active False", "stop"]
    assert monitor.idle_seconds() == 42.0
    idle.went_idle.emit(130.0)
    idle.went_idle.emit(150.0)  # one spell, one went_idle
    idle.came_back.emit()
    idle.came_back.emit()
    assert recorder.take() == [("went_idle", 130.0), ("came_back", None)]


def test_composite_a_locked_screen_ends_its_spell_at_unlock(
    composite: tuple[CompositePresence, Source, Source, Recorder],
) -> None:
    _monitor, idle, logind, recorder = composite
    idle.went_idle.emit(130.0)
    logind.lock_changed.emit(True)
    idle.came_back.emit()  # typing the password is not a return
    idle.lock_changed.emit(True)  # the desktop's screen saver agrees: no second lock_changed
    logind.lock_changed.emit(False)  # logind says unlocked, the screen saver not yet
    assert recorder.take() == [("went_idle", 130.0), ("lock", True)]
    idle.lock_changed.emit(False)
    assert recorder.take() == [("lock", False), ("came_back", None)]
    idle.came_back.emit()  # the idle backend noticing the input later changes nothing
    assert recorder.take() == []


def test_composite_lock_without_idle_and_sleep_across_it(
    composite: tuple[CompositePresence, Source, Source, Recorder],
) -> None:
    monitor, idle, logind, recorder = composite
    logind.lock_changed.emit(True)
    logind.sleep_changed.emit(True)
    idle.went_idle.emit(500.0)  # already away: nothing new
    logind.sleep_changed.emit(False)  # resumed to the lock screen
    assert recorder.take() == [("lock", True), ("sleep", True), ("sleep", False)]
    assert monitor.away
    logind.lock_changed.emit(False)
    assert recorder.take() == [("lock", False), ("came_back", None)]


def test_composite_resume_without_lock_is_a_return(
    composite: tuple[CompositePresence, Source, Source, Recorder],
) -> None:
    monitor, _, logind, recorder = composite
    logind.sleep_changed.emit(True)
    logind.sleep_changed.emit(False)
    assert recorder.take() == [("sleep", True), ("sleep", False), ("came_back", None)]
    assert not monitor.away


def test_null_presence_knows_nothing(qapp: Any, qtbot: QtBot) -> None:
    null = NullPresence()
    recorder = Recorder(null)
    null.start(T)
    assert null.idle_seconds() is None
    null.set_active_hours(False)
    null.set_active_hours(True)
    null.stop()
    assert recorder.events == []


# -- choosing -----------------------------------------------------------------------------


def lines_for(notes: list[str], backend: str) -> list[str]:
    return [line for line in notes if line.startswith(backend + ":")]


def test_choice_on_windows(qapp: Any, clock: Clock) -> None:
    user32, kernel32 = FakeUser32(), FakeKernel32()
    made: list[WindowsPresence] = []

    def make() -> WindowsPresence:
        made.append(WindowsPresence(lambda: Win32Api(user32, kernel32), monotonic=clock))
        return made[0]

    monitor, notes = choose_presence(env={}, platform="win32", make_windows=make, qt_platform="")
    assert monitor.name == "windows"
    assert isinstance(monitor, CompositePresence)
    assert monitor.idle is made[0]
    assert notes[0] == "in use: windows"
    assert lines_for(notes, "windows") == ["windows: chosen"]
    assert lines_for(notes, "gnome-mutter") == ["gnome-mutter: no D-Bus desktop on win32"]
    assert lines_for(notes, "x11-screensaver") == ["x11-screensaver: no X11 on win32"]
    assert lines_for(notes, "macos") == ["macos: not macOS (platform win32)"]
    assert lines_for(notes, "logind") == ["logind: not on win32"]
    assert lines_for(notes, "null") == ["null: not needed"]


def test_choice_on_macos_falls_back_to_null_when_iokit_fails(qapp: Any) -> None:
    iokit = FakeIOKit()
    iokit.service = 0
    monitor, notes = choose_presence(
        env={},
        platform="darwin",
        make_macos=lambda: MacPresence(lambda: IOKitApi(iokit, FakeCF(iokit))),
        qt_platform="cocoa",
    )
    assert monitor.name == "null"
    assert lines_for(notes, "macos") == ["macos: no IOHIDSystem service"]
    (null,) = lines_for(notes, "null")
    assert "wall-clock time" in null
    assert "chosen" in null


def test_choice_on_macos(qapp: Any) -> None:
    iokit = FakeIOKit()
    monitor, notes = choose_presence(
        env={},
        platform="darwin",
        make_macos=lambda: MacPresence(lambda: IOKitApi(iokit, FakeCF(iokit))),
        qt_platform="cocoa",
    )
    assert monitor.name == "macos"
    assert lines_for(notes, "windows") == ["windows: not Windows (platform darwin)"]


def test_choice_without_buses_or_x_is_null(no_bus: QDBusConnection) -> None:
    monitor, notes = choose_presence(
        env={"XDG_SESSION_TYPE": "tty"},
        platform="linux",
        session_bus=no_bus,
        system_bus=no_bus,
        qt_platform="offscreen",
    )
    assert monitor.name == "null"
    assert notes[0] == "in use: null"
    (mutter,) = lines_for(notes, "gnome-mutter")
    assert mutter.startswith("gnome-mutter: no session bus")
    (screensaver,) = lines_for(notes, "freedesktop-screensaver")
    assert screensaver.startswith("freedesktop-screensaver: no session bus")
    assert lines_for(notes, "x11-screensaver") == [
        "x11-screensaver: not an X11 session (platform offscreen, no DISPLAY)"
    ]
    assert lines_for(notes, "windows") == ["windows: not Windows (platform linux)"]
    (null,) = lines_for(notes, "null")
    assert "counts wall-clock time" in null
    (logind,) = lines_for(notes, "logind")
    assert logind.startswith("logind: no system bus")
    assert "no screen lock or sleep" in logind


@pytest.mark.parametrize(
    ("env", "qt_platform", "expected"),
    [
        ({"WAYLAND_DISPLAY": "wayland-0"}, "wayland", "not an X11 session (platform wayland)"),
        (
            {"XDG_SESSION_TYPE": "wayland", "DISPLAY": ":0"},
            "xcb",
            "not an X11 session (platform wayland: XWayland sees only input to X clients)",
        ),
        ({"DISPLAY": ":4242"}, "offscreen", "cannot open X display :4242"),
    ],
)
def test_choice_explains_why_x11_is_not_used(
    no_bus: QDBusConnection, env: dict[str, str], qt_platform: str, expected: str
) -> None:
    _, notes = choose_presence(
        env=env, platform="linux", session_bus=no_bus, system_bus=no_bus, qt_platform=qt_platform
    )
    assert lines_for(notes, "x11-screensaver") == [f"x11-screensaver: {expected}"]


class AskingIdle(FakeIdle):
    """A source that answers later, like one over D-Bus: the test answers its questions."""

    def __init__(self, clock: Clock, idle: float = 0.0) -> None:
        super().__init__(clock, idle)
        self.questions: list[Callable[[float | None], None]] = []

    def ask_idle(self, answer: Callable[[float | None], None]) -> None:
        self.questions.append(answer)

    def answer(self) -> None:
        self.questions.pop(0)(self.clock.t - self.last_input)


def test_a_source_that_answers_later_is_asked_never_read(qapp: Any, clock: Clock) -> None:
    source = AskingIdle(clock, idle=30.0)
    monitor = PollingPresence(source, monotonic=clock)
    recorder = Recorder(monitor)
    monitor.start(T)
    monitor.poll()
    monitor.poll()  # the schedule fires again before the answer: no second question
    assert source.reads == 0  # nothing waited for the source
    assert len(source.questions) == 1
    assert monitor.readings == 0

    clock.advance(T)  # the answer comes when the user has been away past the threshold
    source.answer()
    assert recorder.take() == [("went_idle", 30.0 + T)]
    assert monitor.readings == 1
    assert wait_s(monitor) > 0  # the next question waits for the schedule

    monitor.stop()
    run = len(source.questions)
    monitor.start(T)
    monitor.poll()
    assert len(source.questions) == run + 1  # a question left unanswered at stop is not awaited
    assert source.reads == 0
    monitor.stop()
