"""The spoken steps: SSIP to speech-dispatcher (against a fake server that checks what was
sent), and the command speakers (against fake commands)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import ClassVar

import pytest
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from pytestqt.qtbot import QtBot

from backbreak.platform.speech import NullSpeaker, Speaker, base, make_speaker, socket_path
from backbreak.platform.speech.commands import CommandSpeaker, Voice, mac_say, windows_speech
from backbreak.platform.speech.ssip import (
    MAX_LINE,
    ProtocolError,
    ReplyReader,
    SsipSpeaker,
    message_data,
)


@pytest.fixture(autouse=True)
def _fresh_log_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(base, "_logged", set())


class FakeSpeechd:
    """Answers SSIP as speech-dispatcher does, and keeps what each client sent."""

    REPLIES: ClassVar[dict[bytes, bytes]] = {
        b"SET": b"208 OK CLIENT NAME SET\r\n",
        b"SPEAK": b"230 OK RECEIVING DATA\r\n",
        b"CANCEL": b"210 OK CANCELED\r\n",
    }

    def __init__(self, path: Path) -> None:
        self.server = QLocalServer()
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        assert self.server.listen(str(path)), self.server.errorString()
        self.server.newConnection.connect(self._accept)
        self.lines: list[bytes] = []
        self.messages: list[str] = []
        self._receiving: list[bytes] | None = None
        self.clients: list[QLocalSocket] = []

    def _accept(self) -> None:
        while (client := self.server.nextPendingConnection()) is not None:
            self.clients.append(client)
            client.readyRead.connect(lambda c=client: self._read(c))

    def _read(self, client: QLocalSocket) -> None:
        while client.canReadLine():
            line = bytes(client.readLine().data()).removesuffix(b"\r\n")
            if self._receiving is not None:
                if line == b".":
                    self.messages.append(b"\n".join(self._receiving).decode())
                    self._receiving = None
                    client.write(b"225-21\r\n225 OK MESSAGE QUEUED\r\n")
                else:
                    self._receiving.append(line[1:] if line.startswith(b"..") else line)
                continue
            self.lines.append(line)
            if line == b"SPEAK":
                self._receiving = []
            client.write(self.REPLIES.get(line.split(b" ")[0], b"500 ERR INVALID COMMAND\r\n"))


def test_a_step_is_spoken_and_the_next_one_cancels_it(qtbot: QtBot, tmp_path: Path) -> None:
    server = FakeSpeechd(tmp_path / "speechd.sock")
    speaker = SsipSpeaker(str(tmp_path / "speechd.sock"), language="de")
    speaker.say("Sit tall.")
    qtbot.waitUntil(lambda: server.messages == ["Sit tall."], timeout=5000)
    speaker.say(".hidden dots\nand two lines")
    qtbot.waitUntil(lambda: len(server.messages) == 2, timeout=5000)
    speaker.stop()
    qtbot.waitUntil(lambda: server.lines[-1] == b"CANCEL SELF", timeout=5000)
    assert server.lines == [
        b"SET SELF CLIENT_NAME user:backbreak:steps",
        b"SET SELF LANGUAGE de",
        b"SPEAK",
        b"CANCEL SELF",
        b"SPEAK",
        b"CANCEL SELF",
    ]
    assert server.messages[1] == ".hidden dots\nand two lines"
    assert speaker.available
    assert len(server.clients) == 1  # one connection for the whole break


def test_steps_said_faster_than_the_server_answers_speak_only_the_last(
    qtbot: QtBot, tmp_path: Path
) -> None:
    server = FakeSpeechd(tmp_path / "speechd.sock")
    speaker = SsipSpeaker(str(tmp_path / "speechd.sock"))
    for text in ("one", "two", "three"):
        speaker.say(text)
    qtbot.waitUntil(lambda: server.messages == ["three"], timeout=5000)


def test_the_text_block_is_dot_stuffed_and_ends_with_a_lone_dot() -> None:
    assert message_data("a\r\n.b") == b"a\r\n..b\r\n.\r\n"


def test_replies_are_read_in_bounded_pieces() -> None:
    reader = ReplyReader()
    assert reader.feed(b"225-21\r\n225 OK MES") == []
    assert reader.feed(b"SAGE QUEUED\r\n210 OK\r\n") == [225, 210]
    with pytest.raises(ProtocolError):
        reader.feed(b"not ssip\r\n")
    with pytest.raises(ProtocolError):
        ReplyReader().feed(b"2" * (MAX_LINE + 1))


def test_a_hostile_server_ends_speech_with_one_line_in_the_log(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    server = QLocalServer()
    assert server.listen(str(tmp_path / "speechd.sock"))
    server.newConnection.connect(
        lambda: server.nextPendingConnection().write(b"x" * (4 * MAX_LINE))
    )
    speaker = SsipSpeaker(str(tmp_path / "speechd.sock"))
    with caplog.at_level(logging.WARNING, logger="backbreak.platform.speech"):
        speaker.say("Sit tall.")
        qtbot.waitUntil(lambda: not speaker.available, timeout=5000)
        speaker.say("Breathe.")
    assert len(caplog.records) == 1
    assert "not SSIP" in caplog.records[0].message


def test_a_missing_service_is_started_then_reached(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "speechd.sock"
    flag = tmp_path / "spawned"
    spawn = [sys.executable, "-c", f"open({str(flag)!r}, 'w').close()"]
    speaker = SsipSpeaker(str(path), spawn)
    qtbot.waitUntil(flag.exists, timeout=10_000)
    # the "service" did not listen: speech gives up, once
    qtbot.waitUntil(lambda: not speaker.available, timeout=10_000)


def test_a_service_started_on_demand_is_spoken_to(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "speechd.sock"
    servers: list[FakeSpeechd] = []
    # "spawning" here is a quick command; the fake service listens once it has run, as
    # speech-dispatcher --spawn returns once the daemon listens
    spawn = [sys.executable, "-c", "pass"]
    speaker = SsipSpeaker(str(path), spawn)
    servers.append(FakeSpeechd(path))
    speaker.say("Sit tall.")
    qtbot.waitUntil(lambda: servers[0].messages == ["Sit tall."], timeout=10_000)


def test_no_socket_and_no_service_means_no_speech(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="backbreak.platform.speech"):
        speaker = SsipSpeaker(str(tmp_path / "absent.sock"))
        qtbot.waitUntil(lambda: not speaker.available, timeout=5000)
        speaker.say("Sit tall.")
    assert len(caplog.records) == 1
    assert "not running" in caplog.records[0].message


def test_where_speech_dispatcher_listens() -> None:
    assert socket_path({"XDG_RUNTIME_DIR": "/run/user/1000"}) == Path(
        "/run/user/1000/speech-dispatcher/speechd.sock"
    )
    assert socket_path({"SPEECHD_ADDRESS": "unix_socket:/tmp/s.sock"}) == Path("/tmp/s.sock")
    assert socket_path({"SPEECHD_ADDRESS": "inet_socket:localhost:6560"}) is None
    assert socket_path({}) is None


def test_each_system_gets_its_speaker(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    def none(name: str) -> str | None:
        return None

    env = {"XDG_RUNTIME_DIR": str(tmp_path)}
    assert isinstance(make_speaker(platform="darwin", environ=env, which=none), CommandSpeaker)
    assert isinstance(make_speaker(platform="win32", environ=env, which=none), CommandSpeaker)
    linux = make_speaker(platform="linux", environ=env, which=lambda name: f"/usr/bin/{name}")
    assert isinstance(linux, SsipSpeaker)
    only_spd_say = make_speaker(
        platform="linux",
        environ={},
        which=lambda name: "/usr/bin/spd-say" if name == "spd-say" else None,
    )
    assert isinstance(only_spd_say, CommandSpeaker)
    with caplog.at_level(logging.WARNING, logger="backbreak.platform.speech"):
        nothing: Speaker = make_speaker(platform="linux", environ=env, which=none)
    assert isinstance(nothing, NullSpeaker)
    assert "install speech-dispatcher" in caplog.text


RECORDER = (
    "import sys, time\n"
    "open(sys.argv[1], 'a').write(sys.argv[2] + ':' + sys.stdin.read() + '\\n')\n"
    "while len(sys.argv) > 3: time.sleep(0.05)\n"  # "speaks" until killed
)


def test_a_new_step_kills_the_command_still_speaking(qtbot: QtBot, tmp_path: Path) -> None:
    log = tmp_path / "said"
    voice = Voice(lambda text: ([sys.executable, "-c", RECORDER, str(log), "say", "long"], text))
    speaker = CommandSpeaker(voice)
    speaker.say("Sit tall.")
    qtbot.waitUntil(lambda: log.exists() and "Sit tall." in log.read_text(), timeout=10_000)
    speaker.say("Breathe.")  # the first is still "speaking": killed, then the next
    qtbot.waitUntil(lambda: "Breathe." in log.read_text(), timeout=10_000)
    with qtbot.waitSignal(speaker.process.finished, timeout=10_000):
        speaker.stop()
    assert log.read_text().splitlines() == ["say:Sit tall.", "say:Breathe."]


def test_spd_say_is_cancelled_by_its_own_command(qtbot: QtBot, tmp_path: Path) -> None:
    log = tmp_path / "said"
    voice = Voice(
        lambda text: ([sys.executable, "-c", RECORDER, str(log), "speak"], text),
        cancel=[sys.executable, "-c", RECORDER, str(log), "cancel"],
    )
    speaker = CommandSpeaker(voice)
    speaker.say("Sit tall.")
    speaker.say("Breathe.")
    qtbot.waitUntil(lambda: log.exists() and "Breathe." in log.read_text(), timeout=10_000)
    qtbot.waitUntil(
        lambda: speaker.process.state() is speaker.process.ProcessState.NotRunning, timeout=10_000
    )
    assert log.read_text().splitlines() == ["speak:Sit tall.", "cancel:", "speak:Breathe."]


def test_a_speech_command_that_cannot_start_is_one_line_in_the_log(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    speaker = CommandSpeaker(Voice(lambda text: ([str(tmp_path / "no-say")], None)))
    with caplog.at_level(logging.WARNING, logger="backbreak.platform.speech"):
        speaker.say("Sit tall.")
        qtbot.waitUntil(lambda: not speaker.available, timeout=10_000)
        speaker.say("Breathe.")
    assert len(caplog.records) == 1


def test_macos_and_windows_read_the_text_from_standard_input() -> None:
    assert mac_say().speak("-v evil") == (["say", "-f", "-"], "-v evil")
    command, stdin = windows_speech().speak("Sit tall.")
    assert command[0] == "powershell"
    assert "System.Speech" in command[-1]
    assert stdin == "Sit tall."
