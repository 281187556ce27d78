"""The chime and the speaker: they work where the system can, and fail quietly where not."""

from __future__ import annotations

import importlib.util
import logging
import math
import struct
import subprocess
import sys
import wave
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from backbreak.platform import sound, speech
from backbreak.platform.sound import Chime, NullChime, QtChime, chime_path
from backbreak.platform.speech import MOCK_ENGINE, NullSpeaker, QtSpeaker, Speaker, real_engines


def cannot_load(module: str) -> str | None:
    """Why a Qt add-on module cannot load here, where the reason is a missing system library
    rather than a fault of ours: Debian's libpulse0 is not installed on a fresh machine."""
    try:
        importlib.import_module(f"PySide6.{module}")
    except ImportError as exc:
        if "libpulse" in str(exc):
            return f"{module} cannot load: libpulse0 missing ({exc})"
        raise
    return None


MULTIMEDIA_PROBLEM = cannot_load("QtMultimedia")
TEXT_TO_SPEECH_PROBLEM = cannot_load("QtTextToSpeech")
needs_multimedia = pytest.mark.skipif(
    MULTIMEDIA_PROBLEM is not None, reason=MULTIMEDIA_PROBLEM or ""
)
needs_text_to_speech = pytest.mark.skipif(
    TEXT_TO_SPEECH_PROBLEM is not None, reason=TEXT_TO_SPEECH_PROBLEM or ""
)


@pytest.fixture(autouse=True)
def _fresh_log_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sound, "_logged", set())
    monkeypatch.setattr(speech, "_logged", set())


def test_null_objects_fit_the_protocols() -> None:
    chime: Chime = NullChime()
    speaker: Speaker = NullSpeaker()
    chime.play()
    chime.set_volume(50)
    speaker.say("hello")
    speaker.stop()
    assert not chime.available
    assert not speaker.available


def test_the_chime_cannot_load_without_qtmultimedia(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # As where PySide6-Addons or libpulse0 is missing: the import fails.
    monkeypatch.setitem(sys.modules, "PySide6.QtMultimedia", None)
    with caplog.at_level(logging.WARNING, logger="backbreak.platform.sound"):
        first = QtChime()
        second = QtChime()
    assert not first.available
    assert not second.available
    first.play()
    first.set_volume(30)
    assert first.volume == 30
    assert [r.message for r in caplog.records].count(caplog.records[0].message) == 1
    assert "No sound for the break chime" in caplog.records[0].message


@needs_multimedia
def test_the_chime_plays_or_reports_an_error(qtbot: QtBot) -> None:
    from PySide6.QtMultimedia import QSoundEffect

    chime = QtChime()
    effect = chime.effect
    assert effect is not None
    qtbot.waitUntil(lambda: effect.status() is not QSoundEffect.Status.Loading, timeout=5000)
    status = effect.status()
    assert status in (QSoundEffect.Status.Ready, QSoundEffect.Status.Error)
    assert chime.available == (status is QSoundEffect.Status.Ready)
    chime.play()  # plays where there is a sound server, does nothing otherwise
    chime.set_volume(150)
    assert chime.volume == 100
    assert effect.volume() == pytest.approx(1.0)
    chime.set_volume(-3)
    assert chime.volume == 0


def test_a_missing_sound_file_leaves_the_chime_unavailable(qtbot: QtBot, tmp_path: Path) -> None:
    chime = QtChime(tmp_path / "nothing.wav")
    assert not chime.available
    chime.play()


@needs_multimedia
def test_at_volume_zero_the_chime_is_silent(qtbot: QtBot) -> None:
    class Effect:
        plays = 0

        def play(self) -> None:
            self.plays += 1

        def status(self) -> object:
            return None

        def setVolume(self, volume: float) -> None:
            pass

    chime = QtChime()
    effect = Effect()
    chime._effect = effect  # type: ignore[assignment]
    chime.play()
    assert effect.plays == 1
    chime.set_volume(0)
    chime.play()
    assert effect.plays == 1


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


def test_the_mock_engine_is_never_chosen() -> None:
    assert real_engines(["mock", "speechd"]) == ["speechd"]
    assert real_engines([MOCK_ENGINE]) == []


@needs_text_to_speech
def test_the_speaker_never_speaks_to_the_mock_engine(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtTextToSpeech import QTextToSpeech

    monkeypatch.setattr(QTextToSpeech, "availableEngines", staticmethod(lambda: ["mock"]))
    speaker = QtSpeaker()
    assert speaker.engine is None
    assert not speaker.available
    speaker.say("Sit tall.")
    speaker.stop()


def test_the_speaker_uses_a_real_engine_or_none(qtbot: QtBot) -> None:
    speaker = QtSpeaker()
    assert speaker.engine != MOCK_ENGINE
    if speaker.engine is None:  # no speech-dispatcher here: quietly unavailable
        assert not speaker.available
    speaker.say("Sit tall.")
    speaker.stop()


def test_the_speaker_is_unavailable_without_qttexttospeech(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setitem(sys.modules, "PySide6.QtTextToSpeech", None)
    with caplog.at_level(logging.WARNING, logger="backbreak.platform.speech"):
        speaker = QtSpeaker()
    assert not speaker.available
    speaker.say("Sit tall.")
    assert "No speech" in caplog.text


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


CHIMES_IN_A_ROW = """
import logging, sys
from pathlib import Path
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
from backbreak.logs import setup_logging
from backbreak.platform.sound import QtChime

setup_logging(Path(sys.argv[1]))
app = QApplication([])
for _ in range(3):  # a break after another, each with its own chime
    chime = QtChime()
    effect = chime.effect
    assert effect is not None
    if effect.status() is effect.Status.Loading:
        loop = QEventLoop()
        effect.statusChanged.connect(loop.quit)
        QTimer.singleShot(5000, loop.quit)
        loop.exec()
    chime.play()
    print(chime.available)
"""


@needs_multimedia
def test_no_sound_is_one_line_in_the_log_and_nothing_from_qt_on_the_terminal(
    tmp_path: Path,
) -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHIMES_IN_A_ROW, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    if result.stdout.split() == ["True"] * 3:
        pytest.skip("a sound server plays the chime here")
    log_lines = (tmp_path / "backbreak.log").read_text(encoding="utf-8").splitlines()
    assert len(log_lines) == 1, log_lines
    assert "No sound for the break chime" in log_lines[0]
    # The same one line may reach the terminal (warnings do); nothing from Qt's multimedia.
    assert result.stderr.splitlines() == log_lines, result.stderr
