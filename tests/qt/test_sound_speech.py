"""The chime: it plays the desktop's way where the system can, and fails quietly where not.

libcanberra, the players, winsound and the app's volume are replaced by recording fakes here;
tests/e2e/test_chime_heard.py hears the real chime through a PulseAudio null sink.
"""

from __future__ import annotations

import importlib.util
import logging
import math
import shutil
import struct
import subprocess
import sys
import wave
from pathlib import Path
from types import SimpleNamespace

import pytest
from pytestqt.qtbot import QtBot

from backbreak.config.schema import Settings, SoundSettings
from backbreak.platform.sound import Chime, NullChime, base, chime_path, make_chime
from backbreak.platform.sound.base import volume_decibels
from backbreak.platform.sound.canberra import CA_ERROR_DISABLED, CanberraChime
from backbreak.platform.sound.gnome import SwitchedChime, on_gnome
from backbreak.platform.sound.players import PlayerChime, afplay, linux_player, paplay, pw_play
from backbreak.platform.sound.windows import WinsoundChime
from backbreak.platform.speech import NullSpeaker
from backbreak.shell.session import BreakOptions


@pytest.fixture(autouse=True)
def _fresh_log_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(base, "_logged", set())


def nothing_installed(name: str) -> str | None:
    return None


def test_the_null_chime_fits_the_protocol() -> None:
    chime: Chime = NullChime()
    chime.play()
    chime.set_volume(50)
    assert not chime.available


def test_the_volume_setting_in_decibels() -> None:
    assert volume_decibels(100) == 0
    assert volume_decibels(60) == -4
    assert volume_decibels(1) == -40
    assert volume_decibels(150) == 0


class FakeCanberra:
    def __init__(self, code: int = 0) -> None:
        self.code = code
        self.played: list[tuple[Path, int]] = []

    def play(self, path: Path, decibels: int) -> int:
        self.played.append((path, decibels))
        return self.code

    def error_text(self, code: int) -> str:
        return "Not available"


class FakeChime:
    available = True

    def __init__(self) -> None:
        self.plays = 0
        self.volumes: list[int] = []

    def play(self) -> None:
        self.plays += 1

    def set_volume(self, volume: int) -> None:
        self.volumes.append(volume)


def test_libcanberra_plays_the_bundled_file_at_the_set_volume() -> None:
    canberra = FakeCanberra()
    chime = CanberraChime(canberra, chime_path(), 60)  # type: ignore[arg-type]
    chime.play()
    chime.set_volume(100)
    chime.play()
    chime.set_volume(0)
    chime.play()  # silent: not even asked
    assert canberra.played == [(chime_path(), -4), (chime_path(), 0)]
    assert chime.available


def test_where_libcanberra_fails_the_player_plays_and_speaks_for_itself(
    caplog: pytest.LogCaptureFixture,
) -> None:
    fallback = FakeChime()
    canberra = FakeCanberra(code=-2)
    chime = CanberraChime(canberra, chime_path(), 60, fallback)  # type: ignore[arg-type]
    with caplog.at_level(logging.WARNING, logger="backbreak.platform.sound"):
        chime.play()
        chime.play()
    assert fallback.plays == 2
    assert len(canberra.played) == 1  # not asked again
    assert caplog.records == []  # the player's own line says whether it plays


def test_where_libcanberra_fails_alone_the_log_says_so_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    chime = CanberraChime(FakeCanberra(code=-2), chime_path(), 60)  # type: ignore[arg-type]
    with caplog.at_level(logging.WARNING, logger="backbreak.platform.sound"):
        chime.play()
        chime.play()
    assert not chime.available
    assert len(caplog.records) == 1
    assert "Not available" in caplog.records[0].message


def test_the_desktops_event_sounds_switch_is_not_worked_around() -> None:
    fallback = FakeChime()
    chime = CanberraChime(FakeCanberra(code=CA_ERROR_DISABLED), chime_path(), 60, fallback)  # type: ignore[arg-type]
    chime.play()
    assert fallback.plays == 0


def test_without_libcanberra_or_a_player_linux_says_what_to_install_once(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr("backbreak.platform.sound.canberra.open_canberra", lambda: None)
    with caplog.at_level(logging.WARNING, logger="backbreak.platform.sound"):
        first = make_chime(60, platform="linux", which=nothing_installed)
        second = make_chime(60, platform="linux", which=nothing_installed)
    assert isinstance(first, NullChime)
    assert isinstance(second, NullChime)
    assert len(caplog.records) == 1
    assert "libcanberra0" in caplog.records[0].message
    assert "pw-play" in caplog.records[0].message


def test_linux_prefers_libcanberra_then_pipewire_then_pulseaudio(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("backbreak.platform.sound.canberra.open_canberra", FakeCanberra)
    assert isinstance(make_chime(60, platform="linux", which=nothing_installed), CanberraChime)
    monkeypatch.setattr("backbreak.platform.sound.canberra.open_canberra", lambda: None)
    both = make_chime(60, platform="linux", which=lambda name: f"/usr/bin/{name}", environ={})
    assert isinstance(both, PlayerChime)
    assert linux_player(lambda name: f"/usr/bin/{name}") is pw_play
    assert linux_player(lambda name: "/usr/bin/paplay" if name == "paplay" else None) is paplay


def gnome_settings_problem() -> str | None:
    if shutil.which("gsettings") is None:
        return "needs gsettings (Debian's libglib2.0-bin)"
    schemas = subprocess.run(["gsettings", "list-schemas"], capture_output=True, text=True)
    if "org.gnome.desktop.sound" not in schemas.stdout.split():
        return "needs the org.gnome.desktop.sound schema (gsettings-desktop-schemas)"
    return None


GNOME_SETTINGS_PROBLEM = gnome_settings_problem()


@pytest.mark.skipif(GNOME_SETTINGS_PROBLEM is not None, reason=GNOME_SETTINGS_PROBLEM or "")
def test_on_gnome_the_event_sounds_switch_silences_the_chime(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # the real gsettings, on a settings file of this test's own instead of the user's dconf
    monkeypatch.setenv("GSETTINGS_BACKEND", "keyfile")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))

    def switch(value: str) -> None:
        command = ["gsettings", "set", "org.gnome.desktop.sound", "event-sounds", value]
        subprocess.run(command, check=True, timeout=30)

    canberra = FakeCanberra()
    monkeypatch.setattr("backbreak.platform.sound.canberra.open_canberra", lambda: canberra)
    switch("false")
    chime = make_chime(60, platform="linux", environ={"XDG_CURRENT_DESKTOP": "ubuntu:GNOME"})
    assert isinstance(chime, SwitchedChime)
    process = chime._switch.process
    qtbot.waitUntil(lambda: process.state() is process.ProcessState.NotRunning, timeout=10_000)
    chime.play()
    assert canberra.played == []
    switch("true")
    with qtbot.waitSignal(process.finished, timeout=10_000):
        chime.set_volume(60)  # the next break asks again
    chime.play()
    assert len(canberra.played) == 1


def test_only_gnome_has_the_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    assert on_gnome({"XDG_CURRENT_DESKTOP": "GNOME"})
    assert on_gnome({"XDG_CURRENT_DESKTOP": "ubuntu:GNOME"})
    assert not on_gnome({"XDG_CURRENT_DESKTOP": "KDE"})
    assert not on_gnome({})
    monkeypatch.setattr("backbreak.platform.sound.canberra.open_canberra", FakeCanberra)
    kde = make_chime(60, platform="linux", environ={"XDG_CURRENT_DESKTOP": "KDE"})
    assert isinstance(kde, CanberraChime)


def test_the_player_commands_carry_the_volume() -> None:
    path = Path("/x/chime.wav")
    assert pw_play(path, 60) == [
        "pw-play",
        "--media-role=Notification",
        "--volume=0.600",
        str(path),
    ]
    assert "--volume=65536" in paplay(path, 100)
    assert "--volume=33199" in paplay(path, 13)  # cubic scale: 65536 × ∛0.13
    assert afplay(path, 25) == ["afplay", "-v", "0.250", str(path)]


RECORD = "import sys; open(sys.argv[1], 'a').write(' '.join(sys.argv[2:]) + '\\n')"


def test_a_player_starts_without_waiting_and_only_one_at_a_time(
    qtbot: QtBot, tmp_path: Path
) -> None:
    log = tmp_path / "played"
    gate = tmp_path / "gate"

    def player(path: Path, volume: int) -> list[str]:
        # records, then plays "until" the gate file appears
        code = RECORD + "\nimport os\nwhile not os.path.exists(sys.argv[3]): pass"
        return [sys.executable, "-c", code, str(log), str(volume), str(gate)]

    chime = PlayerChime(player, chime_path(), 40)
    chime.play()
    qtbot.waitUntil(lambda: log.exists() and log.read_text() != "", timeout=10_000)
    chime.play()  # the first one still plays: dropped
    gate.touch()
    with qtbot.waitSignal(chime.process.finished, timeout=10_000):
        pass
    chime.set_volume(0)
    chime.play()
    chime.set_volume(70)
    gate.unlink()
    chime.play()
    qtbot.waitUntil(lambda: len(log.read_text().splitlines()) == 2, timeout=10_000)
    gate.touch()
    with qtbot.waitSignal(chime.process.finished, timeout=10_000):
        pass
    assert [line.split()[0] for line in log.read_text().splitlines()] == ["40", "70"]


def test_a_player_that_cannot_start_is_one_line_in_the_log(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    chime = PlayerChime(lambda path, volume: [str(tmp_path / "no-such-player")], chime_path(), 60)
    with caplog.at_level(logging.WARNING, logger="backbreak.platform.sound"):
        with qtbot.waitSignal(chime.process.errorOccurred, timeout=10_000):
            chime.play()
        chime.play()
    assert not chime.available
    assert len(caplog.records) == 1
    assert "could not start" in caplog.records[0].message


def test_macos_plays_with_afplay(qtbot: QtBot) -> None:
    chime = make_chime(60, platform="darwin")
    assert isinstance(chime, PlayerChime)


class FakeWinsound:
    SND_FILENAME = 0x20000
    SND_ASYNC = 0x1
    SND_NODEFAULT = 0x2

    def __init__(self, fail: bool = False) -> None:
        self.calls: list[tuple[str, int]] = []
        self.fail = fail

    def PlaySound(self, sound: str, flags: int) -> None:
        self.calls.append((sound, flags))
        if self.fail:
            raise RuntimeError("Failed to play sound")


def test_windows_plays_the_file_asynchronously_without_the_default_beep() -> None:
    module = FakeWinsound()
    chime = WinsoundChime(chime_path(), 60, module)  # type: ignore[arg-type]
    chime.play()
    chime.set_volume(0)
    chime.play()
    assert module.calls == [(str(chime_path()), 0x20000 | 0x1 | 0x2)]


def test_windows_without_a_sound_device_is_one_line_in_the_log(
    caplog: pytest.LogCaptureFixture,
) -> None:
    module = FakeWinsound(fail=True)
    chime = WinsoundChime(chime_path(), 60, module)  # type: ignore[arg-type]
    with caplog.at_level(logging.WARNING, logger="backbreak.platform.sound"):
        chime.play()
        chime.play()
    assert len(module.calls) == 1
    assert not chime.available
    assert len(caplog.records) == 1


def test_windows_is_chosen_on_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "winsound", SimpleNamespace(**vars(FakeWinsound)))
    assert isinstance(make_chime(60, platform="win32"), WinsoundChime)


def test_a_missing_sound_file_leaves_the_chime_silent(tmp_path: Path) -> None:
    assert isinstance(make_chime(60, tmp_path / "nothing.wav"), NullChime)


def test_one_chime_serves_every_break_at_the_current_volume() -> None:
    made: list[FakeChime] = []

    def factory(volume: int) -> FakeChime:
        made.append(FakeChime())
        return made[-1]

    options = BreakOptions(
        Settings(sound=SoundSettings(volume=35)), make_chime=factory, make_speaker=NullSpeaker
    )
    first = options.chime()
    options.settings = Settings(sound=SoundSettings(volume=80))
    assert options.chime() is first
    assert len(made) == 1
    assert made[0].volumes == [80]


def read_wav(path: Path) -> tuple[wave._wave_params, list[int]]:
    with wave.open(str(path), "rb") as wav:
        params = wav.getparams()
        frames = wav.readframes(params.nframes)
    return params, list(struct.unpack(f"<{params.nframes}h", frames))


def test_the_chime_sound_is_short_soft_and_clean() -> None:
    params, samples = read_wav(chime_path())
    assert (params.nchannels, params.sampwidth, params.framerate) == (1, 2, 44_100)
    assert 0.5 <= params.nframes / params.framerate <= 0.7
    peak = max(abs(s) for s in samples)
    assert 20 * math.log10(peak / 32768) <= -6.0
    assert peak > 32768 * 10 ** (-12 / 20)  # not inaudibly quiet either
    assert abs(samples[0]) < 200  # gentle attack: no click at the start
    assert all(abs(s) < 300 for s in samples[-50:])  # and none at the end


def test_the_chime_script_makes_the_same_file(tmp_path: Path) -> None:
    script = chime_path().with_name("make_chime.py")
    spec = importlib.util.spec_from_file_location("make_chime", script)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.write(tmp_path / "chime.wav")
    assert (tmp_path / "chime.wav").read_bytes() == chime_path().read_bytes()


def test_opening_the_app_does_not_load_sound_speech_or_svg() -> None:
    code = (
        "import backbreak.shell.session, backbreak.ui.exercise_window, backbreak.platform.sound\n"
        "import backbreak.platform.speech, sys\n"
        "print('\\n'.join(sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    loaded = set(result.stdout.split())
    assert "backbreak.ui.exercise_window" in loaded
    assert not loaded & {"PySide6.QtMultimedia", "PySide6.QtTextToSpeech", "PySide6.QtSvg"}
    # each backend is loaded when the first break makes its chime or speaker
    backends = {
        "backbreak.platform.sound.canberra",
        "backbreak.platform.sound.players",
        "backbreak.platform.speech.ssip",
        "PySide6.QtNetwork",
    }
    assert not loaded & backends


CHIMES_IN_A_ROW = """
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication, QTimer
from backbreak.logs import setup_logging
from backbreak.platform.sound import make_chime

setup_logging(Path(sys.argv[1]))
app = QCoreApplication([])
chime = make_chime(60)
for _ in range(3):  # a step after another
    chime.play()
    QTimer.singleShot(1000, app.quit)
    app.exec()
print(type(chime).__name__)
"""


def test_without_a_sound_server_the_log_has_one_line_and_the_terminal_nothing_more(
    tmp_path: Path,
) -> None:
    runtime = tmp_path / "runtime"  # a fresh session folder: no sound server listens there
    runtime.mkdir(mode=0o700)
    result = subprocess.run(
        [sys.executable, "-c", CHIMES_IN_A_ROW, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        env={
            "PATH": "/usr/bin:/bin",
            "HOME": str(tmp_path),
            "XDG_RUNTIME_DIR": str(runtime),
            "PULSE_SERVER": f"unix:{runtime}/none",
            "ALSA_CONFIG_PATH": "/dev/null",  # no sound card either, even where there is one
        },
    )
    assert result.returncode == 0, result.stderr
    log_lines = (tmp_path / "backbreak.log").read_text(encoding="utf-8").splitlines()
    assert len(log_lines) == 1, log_lines
    assert "No sound for the break chime" in log_lines[0]
    assert "sound server" in log_lines[0]
    assert result.stderr.splitlines() == log_lines, result.stderr
