"""The steps are really spoken by speech-dispatcher, and a stop really silences them.

backbreak's speaker runs in a child process with a fresh session folder, so it finds no
speech-dispatcher socket and starts the service itself (``speech-dispatcher --spawn``); the
voice goes to a private PulseAudio null sink (:mod:`tests.e2e.sound_server`) whose monitor is
recorded. Needs speech-dispatcher, speech-dispatcher-espeak-ng, pulseaudio and
pulseaudio-utils (Debian); the tests skip naming what is missing.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.sound_server import RATE, SoundServer, missing_server_packages, private_sound_server

pytestmark = pytest.mark.e2e

ESPEAK_MODULE = Path("/usr/lib/speech-dispatcher-modules/sd_espeak-ng")
LOUD = 500

SAY = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QCoreApplication, QTimer
    from backbreak.platform.speech import make_speaker
    from backbreak.platform.speech.commands import CommandSpeaker, spd_say

    app = QCoreApplication([])
    speaker = CommandSpeaker(spd_say()) if sys.argv[3] == "spd-say" else make_speaker()
    print(type(speaker).__name__, flush=True)
    speaker.say(
        "Sit tall, let your shoulders drop, and breathe in slowly through your nose "
        "while you count to four, then breathe out through your mouth."
    )
    if sys.argv[1] == "stop":
        QTimer.singleShot(int(sys.argv[2]), speaker.stop)
    QTimer.singleShot(12_000, app.quit)  # longer than the sentence
    app.exec()
    print(speaker.available)
    """
)


@pytest.fixture(scope="module")
def sound_server() -> Iterator[SoundServer]:
    missing = missing_server_packages()
    if shutil.which("speech-dispatcher") is None:
        missing.append("speech-dispatcher")
    if not ESPEAK_MODULE.exists():
        missing.append("speech-dispatcher-espeak-ng")
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (Debian packages)")
    with private_sound_server() as server:
        yield server


@pytest.fixture
def session(tmp_path: Path) -> Iterator[dict[str, str]]:
    """A session folder with no speech-dispatcher yet; the one backbreak starts ends here."""
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    yield {"XDG_RUNTIME_DIR": str(runtime), "HOME": str(tmp_path)}
    pid_file = runtime / "speech-dispatcher" / "pid" / "speech-dispatcher.pid"
    with contextlib.suppress(OSError, ValueError):
        os.kill(int(pid_file.read_text().strip()), signal.SIGTERM)


def audible_seconds(samples: list[int]) -> float:
    """From the first to the last loud sample."""
    loud = [i for i, sample in enumerate(samples) if abs(sample) > LOUD]
    return (loud[-1] - loud[0]) / RATE if loud else 0.0


def test_a_step_is_heard_through_speech_dispatcher(
    sound_server: SoundServer, session: dict[str, str]
) -> None:
    samples = sound_server.record([sys.executable, "-c", SAY, "say", "0", "ssip"], session)
    assert audible_seconds(samples) > 4.0  # the whole sentence, about 7 s


@pytest.mark.parametrize("speaker", ["ssip", "spd-say"])
def test_stop_silences_the_step(
    sound_server: SoundServer, session: dict[str, str], speaker: str
) -> None:
    samples = sound_server.record([sys.executable, "-c", SAY, "stop", "2500", speaker], session)
    assert 0.5 < audible_seconds(samples) < 3.0


def test_spd_say_is_heard(sound_server: SoundServer, session: dict[str, str]) -> None:
    samples = sound_server.record([sys.executable, "-c", SAY, "say", "0", "spd-say"], session)
    assert audible_seconds(samples) > 4.0
