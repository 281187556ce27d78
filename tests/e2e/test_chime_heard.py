"""The chime really reaches the sound server, at the set volume, and honours its mute.

backbreak's own chime plays in a child process into a private PulseAudio null sink
(:mod:`tests.e2e.sound_server`), whose monitor is recorded and measured. Needs pulseaudio,
pulseaudio-utils, libcanberra0 and libcanberra-pulse (Debian); the tests skip naming what
is missing.
"""

from __future__ import annotations

import glob
import sys
import textwrap
from collections.abc import Iterator

import pytest

from tests.e2e.sound_server import (
    SINK,
    SoundServer,
    loudness,
    missing_server_packages,
    private_sound_server,
)

pytestmark = pytest.mark.e2e

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
    missing = missing_server_packages()
    if not glob.glob("/usr/lib/*/libcanberra.so.0"):
        missing.append("libcanberra0")
    if not glob.glob("/usr/lib/*/libcanberra-0.30/libcanberra-pulse.so"):
        missing.append("libcanberra-pulse")
    return missing


@pytest.fixture(scope="module")
def sound_server() -> Iterator[SoundServer]:
    missing = missing_packages()
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (Debian packages)")
    with private_sound_server() as server:
        yield server


def chime(server: SoundServer, backend: str, volume: int) -> list[int]:
    """What reached the sink while backbreak's chime played once."""
    return server.record([sys.executable, "-c", PLAY, backend, str(volume)])


def test_the_chime_is_heard_through_libcanberra(sound_server: SoundServer) -> None:
    peak, rms = loudness(chime(sound_server, "system", 60))
    assert peak > HEARD, (peak, rms)
    assert rms > HEARD / 4, (peak, rms)


def test_a_softer_setting_plays_softer(sound_server: SoundServer) -> None:
    loud, _ = loudness(chime(sound_server, "system", 100))
    soft, _ = loudness(chime(sound_server, "system", 20))
    assert loud > HEARD
    # 20 is a fifth of the amplitude (-14 dB); allow for the sound server's rounding
    assert 0.15 < soft / loud < 0.25, (soft, loud)


def test_volume_zero_plays_nothing(sound_server: SoundServer) -> None:
    peak, _ = loudness(chime(sound_server, "system", 0))
    assert peak < SILENT


def test_a_muted_output_stays_silent(sound_server: SoundServer) -> None:
    sound_server.pactl("set-sink-mute", SINK, "1")
    try:
        peak, _ = loudness(chime(sound_server, "system", 100))
    finally:
        sound_server.pactl("set-sink-mute", SINK, "0")
    assert peak < SILENT


def test_the_paplay_fallback_is_heard_at_the_set_volume(sound_server: SoundServer) -> None:
    loud, _ = loudness(chime(sound_server, "paplay", 100))
    soft, _ = loudness(chime(sound_server, "paplay", 20))
    assert loud > HEARD
    assert 0.15 < soft / loud < 0.25, (soft, loud)
