"""A private PulseAudio server whose one output is a null sink, and a recorder of that sink.

The server has its own runtime folder; as root it runs as nobody (PulseAudio refuses root
outside its system mode). What plays to the sink is read back from its monitor with ``parec``
and measured, so a test can tell whether a sound really arrived, and how loud.
"""

from __future__ import annotations

import array
import contextlib
import math
import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.e2e.processes import popen_logged, terminate_group

RATE = 44_100
SINK = "bbtest"


def missing_server_packages() -> list[str]:
    """The Debian packages a private sound server and its recorder need, where missing."""
    missing = []
    if shutil.which("pulseaudio") is None:
        missing.append("pulseaudio")
    if shutil.which("parec") is None or shutil.which("pactl") is None:
        missing.append("pulseaudio-utils")
    return missing


@dataclass
class SoundServer:
    env: dict[str, str]

    def pactl(self, *args: str) -> None:
        subprocess.run(["pactl", *args], env=self.env, check=True, timeout=10)

    def record(self, argv: list[str], env: dict[str, str] | None = None) -> list[int]:
        """The samples at the sink's monitor while ``argv`` runs."""
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
                argv,
                env=self.env | {"QT_QPA_PLATFORM": "offscreen"} | (env or {}),
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


@contextlib.contextmanager
def private_sound_server() -> Iterator[SoundServer]:
    """A PulseAudio with one null sink, the default, reached through ``SoundServer.env``."""
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
