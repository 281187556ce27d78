"""The chime really reaches the sound server, at the set volume, and honours its mute.

A private PulseAudio server (its own runtime folder; as root it runs as nobody) has one null
sink; its monitor is recorded with ``parec`` while backbreak's own chime plays in a child
process, and the samples are measured. Needs pulseaudio, pulseaudio-utils, libcanberra0 and
libcanberra-pulse (Debian); each test skips naming what is missing.
"""

from __future__ import annotations

import array
import glob
import math
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.e2e.processes import popen_logged, terminate_group

pytestmark = pytest.mark.e2e

RATE = 44_100
SINK = "bbtest"
#: The bundled chime peaks at about 14 600 (-7 dBFS); the sink's monitor carries it unchanged.
HEARD = 1000
SILENT = 50

PLAY = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QCoreApplication, QTimer
    from backbreak.platform.sound import make_chime
    from backbreak.platform.sound.players import PlayerChime, paplay
    from backbreak.resources import resources_dir

    app = QCoreApplication([])
    backend, volume = sys.argv[1], int(sys.argv[2])
    if backend == "paplay":
        chime = PlayerChime(paplay, resources_dir() / "sounds" / "chime.wav", volume)
    else:
        chime = make_chime(volume)
    print(type(chime).__name__, flush=True)
    chime.play()
    QTimer.singleShot(1500, app.quit)  # the chime lasts 0.6 s
    app.exec()
    """
)


def missing_packages() -> list[str]:
    missing = []
    if shutil.which("pulseaudio") is None:
        missing.append("pulseaudio")
    if shutil.which("parec") is None or shutil.which("pactl") is None:
        missing.append("pulseaudio-utils")
    if not glob.glob("/usr/lib/*/libcanberra.so.0") and not glob.glob("/usr/lib/libcanberra.so.0"):
        missing.append("libcanberra0")
    if not glob.glob("/usr/lib/*/libcanberra-0.30/libcanberra-pulse.so"):
        missing.append("libcanberra-pulse")
    return missing


@dataclass
class SoundServer:
    env: dict[str, str]

    def pactl(self, *args: str) -> None:
        subprocess.run(["pactl", *args], env=self.env, check=True, timeout=10)

    def record_chime(self, backend: str, volume: int) -> list[int]:
        """The samples at the sink's monitor while the chime plays in a child process."""
        recorder = subprocess.Popen(
            [
                "parec",
                "-d",
                f"{SINK}.monitor",
                "--raw",
                "--format=s16le",
                "--channels=1",
                f"--rate={RATE}",
                "--latency-msec=20",
            ],
            env=self.env,
            stdout=subprocess.PIPE,
        )
        assert recorder.stdout is not None
        chunks: list[bytes] = []
        first = threading.Event()

        def drain() -> None:
            assert recorder.stdout is not None
            while chunk := os.read(recorder.stdout.fileno(), 65536):
                chunks.append(chunk)
                first.set()

        reader = threading.Thread(target=drain, daemon=True)
        reader.start()
        try:
            assert first.wait(10), "parec recorded nothing"  # the monitor runs: recording
            played = subprocess.run(
                [sys.executable, "-c", PLAY, backend, str(volume)],
                env=self.env | {"QT_QPA_PLATFORM": "offscreen"},
                capture_output=True,
                text=True,
                timeout=30,
            )
            assert played.returncode == 0, played.stderr
        finally:
            recorder.terminate()
            recorder.wait(10)
            reader.join(10)
        samples = array.array("h")
        data = b"".join(chunks)
        samples.frombytes(data[: len(data) // 2 * 2])
        return list(samples)


def loudness(samples: list[int]) -> tuple[int, float]:
    """Peak and the RMS of the loudest 100 ms."""
    peak = max((abs(s) for s in samples), default=0)
    window = RATE // 10
    best = 0.0
    for start in range(0, max(1, len(samples) - window), window // 4):
        part = samples[start : start + window]
        if part:
            best = max(best, math.sqrt(sum(s * s for s in part) / len(part)))
    return peak, best


@pytest.fixture(scope="module")
def sound_server() -> Iterator[SoundServer]:
    missing = missing_packages()
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (Debian packages)")
    # not under pytest's own folder, which the server's user (nobody, as root) cannot enter
    base = Path(tempfile.mkdtemp(prefix="backbreak-pulse-"))
    base.chmod(0o755)
    runtime = base / "runtime"
    runtime.mkdir(mode=0o700)
    argv = [
        "pulseaudio", "--daemonize=no", "-n", "--exit-idle-time=-1", "--disallow-exit",
        "--use-pid-file=false", "--log-target=stderr",
        f"--load=module-null-sink sink_name={SINK}",
        f"--load=module-native-protocol-unix socket={runtime}/native auth-anonymous=1",
    ]  # fmt: skip
    if os.getuid() == 0:  # PulseAudio refuses to run as root outside its system mode
        uid = 65534
        os.chown(runtime, uid, uid)
        argv = ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", *argv]
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(runtime),
        "XDG_RUNTIME_DIR": str(runtime),
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
    }
    server = popen_logged(base / "pulseaudio.log", argv, env)
    client = env | {"PULSE_SERVER": f"unix:{runtime}/native"}
    try:
        deadline = time.monotonic() + 15
        while subprocess.run(["pactl", "info"], env=client, capture_output=True).returncode:
            assert server.poll() is None, (base / "pulseaudio.log").read_text()[-2000:]
            assert time.monotonic() < deadline, "PulseAudio did not start"
            time.sleep(0.05)
        yield SoundServer(client)
    finally:
        terminate_group(server)
        shutil.rmtree(base, ignore_errors=True)


def test_the_chime_is_heard_through_libcanberra(sound_server: SoundServer) -> None:
    peak, rms = loudness(sound_server.record_chime("system", 60))
    assert peak > HEARD, (peak, rms)
    assert rms > HEARD / 4, (peak, rms)


def test_a_softer_setting_plays_softer(sound_server: SoundServer) -> None:
    loud, _ = loudness(sound_server.record_chime("system", 100))
    soft, _ = loudness(sound_server.record_chime("system", 20))
    assert loud > HEARD
    # 20 is a fifth of the amplitude (-14 dB); allow for the sound server's rounding
    assert 0.15 < soft / loud < 0.25, (soft, loud)


def test_volume_zero_plays_nothing(sound_server: SoundServer) -> None:
    peak, _ = loudness(sound_server.record_chime("system", 0))
    assert peak < SILENT


def test_a_muted_output_stays_silent(sound_server: SoundServer) -> None:
    sound_server.pactl("set-sink-mute", SINK, "1")
    try:
        peak, _ = loudness(sound_server.record_chime("system", 100))
    finally:
        sound_server.pactl("set-sink-mute", SINK, "0")
    assert peak < SILENT


def test_the_paplay_fallback_is_heard_at_the_set_volume(sound_server: SoundServer) -> None:
    loud, _ = loudness(sound_server.record_chime("paplay", 100))
    soft, _ = loudness(sound_server.record_chime("paplay", 20))
    assert loud > HEARD
    assert 0.15 < soft / loud < 0.25, (soft, loud)
