"""The single-instance channel: one live owner per address, one JSON reply per request."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import socket
import stat
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QObject, QSocketNotifier, QTimer
from pytestqt.qtbot import QtBot

from backbreak.platform import instance
from backbreak.platform.instance import (
    InstanceError,
    InstanceServer,
    instance_address,
    send_request,
)


def run_blocking(qtbot: QtBot, fn: Callable[[], Any]) -> Any:
    """Run a blocking client call in a thread while the Qt loop keeps serving."""
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = fn()
        except BaseException as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=5000)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def raw_exchange(address: str, data: bytes) -> dict[str, Any]:
    """Send raw bytes and read the single reply line, bypassing send_request's encoding."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(5)
        sock.connect(address)
        if data:
            sock.sendall(data)
        reply = b""
        while b"\n" not in reply:
            chunk = sock.recv(4096)
            if not chunk:
                break
            reply += chunk
    decoded: dict[str, Any] = json.loads(reply.split(b"\n")[0])
    return decoded


@pytest.fixture
def address(tmp_path: Path) -> str:
    path = str(tmp_path / "i.sock")
    assert len(path) < 100
    return path


class Recorder:
    def __init__(self) -> None:
        self.requests: list[dict[str, object]] = []

    def __call__(self, request: dict[str, object]) -> dict[str, object]:
        self.requests.append(request)
        if request.get("command") == "boom":
            raise RuntimeError("handler exploded")
        return {"ok": True, "echo": request}


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def server(qtbot: QtBot, address: str, recorder: Recorder) -> Iterator[InstanceServer]:
    srv = InstanceServer(address, recorder)
    assert srv.listen()
    yield srv
    srv.close()


def test_request_reaches_handler_and_reply_comes_back(
    qtbot: QtBot, server: InstanceServer, address: str, recorder: Recorder
) -> None:
    request: dict[str, object] = {"command": "show", "args": ["x", 1], "text": "Rücken"}
    reply = run_blocking(qtbot, lambda: send_request(address, request))
    assert reply == {"ok": True, "echo": request}
    assert recorder.requests == [request]


def test_socket_is_private_to_the_user(server: InstanceServer, address: str) -> None:
    mode = os.lstat(address).st_mode
    assert stat.S_ISSOCK(mode)
    assert stat.S_IMODE(mode) == 0o600
    assert server.listen()  # listening again is a no-op


def test_several_requests_in_a_row(
    qtbot: QtBot, server: InstanceServer, address: str, recorder: Recorder
) -> None:
    for n in range(5):
        request = {"n": n}
        assert run_blocking(qtbot, partial(send_request, address, request)) == {
            "ok": True,
            "echo": request,
        }
    assert len(recorder.requests) == 5


def test_no_server_returns_none(address: str) -> None:
    assert not os.path.exists(address)
    assert send_request(address, {"command": "show"}) is None


def test_stale_socket_file_without_server_returns_none(address: str) -> None:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as dead:
        dead.bind(address)
    assert stat.S_ISSOCK(os.lstat(address).st_mode)
    assert send_request(address, {"command": "show"}) is None


def test_stale_socket_file_is_taken_over(qtbot: QtBot, address: str, recorder: Recorder) -> None:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as dead:
        dead.bind(address)  # what a crashed instance leaves behind
    srv = InstanceServer(address, recorder)
    try:
        assert srv.listen()
        assert srv.is_listening()
        reply = run_blocking(qtbot, lambda: send_request(address, {"command": "ping"}))
        assert reply == {"ok": True, "echo": {"command": "ping"}}
    finally:
        srv.close()


def test_second_server_fails_while_first_lives(
    qtbot: QtBot, server: InstanceServer, address: str, recorder: Recorder
) -> None:
    second = InstanceServer(address, lambda r: {"ok": True, "from": "second"})
    try:
        assert not second.listen()
        assert not second.is_listening()
        # The first still owns the address and serves.
        reply = run_blocking(qtbot, lambda: send_request(address, {"command": "ping"}))
        assert reply == {"ok": True, "echo": {"command": "ping"}}

        server.close()
        assert not os.path.exists(address)
        assert second.listen()
        reply = run_blocking(qtbot, lambda: send_request(address, {"command": "ping"}))
        assert reply == {"ok": True, "from": "second"}
    finally:
        second.close()


def test_non_socket_file_is_not_deleted(address: str, recorder: Recorder) -> None:
    Path(address).write_text("precious")
    srv = InstanceServer(address, recorder)
    with pytest.raises(InstanceError):
        srv.listen()
    assert Path(address).read_text() == "precious"


def test_oversized_request_gets_error_and_server_keeps_serving(
    qtbot: QtBot, server: InstanceServer, address: str, recorder: Recorder
) -> None:
    big = {"command": "show", "blob": "x" * (instance.MAX_REQUEST_BYTES + 10)}
    reply = run_blocking(qtbot, lambda: send_request(address, big))
    assert reply == {"ok": False, "error": "request too large"}

    # Same without any newline at all.
    no_newline = b"{" + b" " * (instance.MAX_REQUEST_BYTES * 2)
    reply = run_blocking(qtbot, lambda: raw_exchange(address, no_newline))
    assert reply == {"ok": False, "error": "request too large"}

    assert recorder.requests == []
    assert run_blocking(qtbot, lambda: send_request(address, {"n": 1})) == {
        "ok": True,
        "echo": {"n": 1},
    }


@pytest.mark.parametrize(
    ("payload", "error"),
    [
        (b"not json\n", "invalid JSON"),
        (b"\xff\xfe{}\n", "invalid JSON"),
        (b"[1, 2]\n", "request must be a JSON object"),
    ],
)
def test_invalid_request_gets_error_and_server_keeps_serving(
    qtbot: QtBot,
    server: InstanceServer,
    address: str,
    recorder: Recorder,
    payload: bytes,
    error: str,
) -> None:
    reply = run_blocking(qtbot, lambda: raw_exchange(address, payload))
    assert reply == {"ok": False, "error": error}
    assert recorder.requests == []
    assert run_blocking(qtbot, lambda: send_request(address, {"n": 2})) == {
        "ok": True,
        "echo": {"n": 2},
    }


def test_request_split_across_writes_is_reassembled(
    qtbot: QtBot, server: InstanceServer, address: str, recorder: Recorder
) -> None:
    def slow_client() -> dict[str, Any]:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(5)
            sock.connect(address)
            for part in (b'{"comm', b'and": "sh', b'ow"}', b"\n"):
                sock.sendall(part)
            decoded: dict[str, Any] = json.loads(sock.makefile("rb").readline())
            return decoded

    assert run_blocking(qtbot, slow_client) == {"ok": True, "echo": {"command": "show"}}


def test_silent_client_is_dropped(
    qtbot: QtBot, address: str, recorder: Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(instance, "_IDLE_TIMEOUT_MS", 50)
    srv = InstanceServer(address, recorder)
    try:
        assert srv.listen()
        reply = run_blocking(qtbot, lambda: raw_exchange(address, b""))
        assert reply == {"ok": False, "error": "timeout"}
    finally:
        srv.close()


def test_handler_exception_is_logged_and_server_keeps_serving(
    qtbot: QtBot,
    server: InstanceServer,
    address: str,
    recorder: Recorder,
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.ERROR, logger="backbreak.platform.instance"):
        reply = run_blocking(qtbot, lambda: send_request(address, {"command": "boom"}))
    assert reply == {"ok": False, "error": "internal error"}
    records = [r for r in caplog.records if r.name == "backbreak.platform.instance"]
    assert len(records) == 1
    assert records[0].exc_info is not None
    assert "handler exploded" in caplog.text

    assert run_blocking(qtbot, lambda: send_request(address, {"n": 3})) == {
        "ok": True,
        "echo": {"n": 3},
    }


def test_handler_returning_garbage_becomes_internal_error(
    qtbot: QtBot, address: str, caplog: pytest.LogCaptureFixture
) -> None:
    srv = InstanceServer(address, lambda r: {"ok": True, "value": object()})
    try:
        assert srv.listen()
        with caplog.at_level(logging.ERROR, logger="backbreak.platform.instance"):
            reply = run_blocking(qtbot, lambda: send_request(address, {}))
        assert reply == {"ok": False, "error": "internal error"}
        assert caplog.records
    finally:
        srv.close()


def test_large_reply_is_written_as_the_client_takes_it(qtbot: QtBot, address: str) -> None:
    blob = "x" * 600_000  # several times what the socket buffers hold
    srv = InstanceServer(address, lambda r: {"ok": True, "blob": blob})
    try:
        assert srv.listen()
        reply = run_blocking(qtbot, lambda: send_request(address, {}, timeout_ms=5000))
        assert reply == {"ok": True, "blob": blob}
    finally:
        srv.close()


def test_client_that_does_not_take_its_reply_is_dropped(
    qtbot: QtBot, address: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(instance, "_IDLE_TIMEOUT_MS", 50)
    srv = InstanceServer(address, lambda r: {"ok": True, "blob": "x" * 2_000_000})
    try:
        assert srv.listen()
        with (
            caplog.at_level(logging.DEBUG, logger="backbreak.platform.instance"),
            socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client,
        ):
            client.connect(address)
            client.sendall(b"{}\n")
            qtbot.waitUntil(lambda: "does not take its reply" in caplog.text, timeout=5000)
            client.settimeout(5)
            received = 0
            with contextlib.suppress(ConnectionResetError):
                while chunk := client.recv(1 << 20):
                    received += len(chunk)
            assert 0 < received < 2_000_000
        qtbot.waitUntil(lambda: live_parts(srv) == (1, 0))
    finally:
        srv.close()


def test_handler_may_close_the_server(qtbot: QtBot, address: str) -> None:
    def handler(request: dict[str, object]) -> dict[str, object]:
        srv.close()
        return {"ok": True}

    srv = InstanceServer(address, handler)
    assert srv.listen()
    with pytest.raises(InstanceError, match="closed before a complete reply"):
        run_blocking(qtbot, lambda: send_request(address, {"command": "quit"}))
    assert not srv.is_listening()
    assert not os.path.exists(address)


def test_failing_accept_pauses_instead_of_spinning(
    qtbot: QtBot,
    server: InstanceServer,
    address: str,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(instance, "_ACCEPT_RETRY_MS", 20)
    real_accept = socket.socket.accept
    calls: list[int] = []

    def accept(sock: socket.socket) -> tuple[socket.socket, Any]:
        calls.append(1)
        if len(calls) == 1:
            raise OSError(24, "Too many open files")
        return real_accept(sock)

    monkeypatch.setattr(socket.socket, "accept", accept)
    with caplog.at_level(logging.WARNING, logger="backbreak.platform.instance"):
        reply = run_blocking(qtbot, lambda: send_request(address, {"n": 4}))
    assert reply == {"ok": True, "echo": {"n": 4}}
    assert "cannot accept" in caplog.text
    assert len(calls) <= 4  # one failure, one success, one would-block; no busy loop


needs_proc_fd = pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc")


def fd_count() -> int:
    return len(os.listdir("/proc/self/fd"))


def live_parts(srv: InstanceServer) -> tuple[int, int]:
    """Socket notifiers and timers the server still owns (deleted ones excluded)."""
    notifiers = [n for n in srv.findChildren(QSocketNotifier) if n.isEnabled()]
    timers = [t for t in srv.findChildren(QTimer) if t.isActive()]
    return len(notifiers), len(timers)


@needs_proc_fd
@pytest.mark.filterwarnings("error::ResourceWarning")  # a socket closed only by GC
def test_many_connections_leave_no_descriptors_or_timers_behind(
    qtbot: QtBot, address: str, recorder: Recorder
) -> None:
    baseline = fd_count()
    srv = InstanceServer(address, recorder)
    try:
        assert srv.listen()
        assert fd_count() == baseline + 1
        assert live_parts(srv) == (1, 0)  # idle: the listener only, no timer

        def clients() -> None:
            for n in range(40):
                assert send_request(address, {"n": n}) == {"ok": True, "echo": {"n": n}}
            assert raw_exchange(address, b"nope\n") == {"ok": False, "error": "invalid JSON"}
            for _ in range(10):  # hang up mid-request, or before sending anything
                with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
                    sock.connect(address)
                    sock.sendall(b'{"half')
                with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
                    sock.connect(address)
            # Several clients at once.
            socks = [socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) for _ in range(20)]
            try:
                for n, sock in enumerate(socks):
                    sock.connect(address)  # blocking: waits while the backlog is full
                    sock.settimeout(5)
                    sock.sendall(json.dumps({"n": n}).encode() + b"\n")
                for n, sock in enumerate(socks):
                    assert json.loads(sock.makefile("rb").readline()) == {
                        "ok": True,
                        "echo": {"n": n},
                    }
            finally:
                for sock in socks:
                    sock.close()

        run_blocking(qtbot, clients)
        qtbot.waitUntil(lambda: fd_count() == baseline + 1 and live_parts(srv) == (1, 0))
        qtbot.waitUntil(lambda: len(srv.findChildren(QObject)) == 1)  # connections deleted
    finally:
        srv.close()
    assert fd_count() == baseline
    assert live_parts(srv) == (0, 0)


@needs_proc_fd
@pytest.mark.filterwarnings("error::ResourceWarning")  # a socket closed only by GC
def test_close_drops_open_connections(qtbot: QtBot, address: str, recorder: Recorder) -> None:
    baseline = fd_count()
    srv = InstanceServer(address, recorder)
    assert srv.listen()
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.settimeout(5)
        client.connect(address)
        client.sendall(b'{"comm')
        qtbot.waitUntil(lambda: live_parts(srv) == (2, 1))  # listener, connection, idle timer
        srv.close()
        assert live_parts(srv) == (0, 0)
        assert not srv.is_listening()
        assert not os.path.exists(address)
        assert client.recv(100) == b""  # dropped without a reply
    assert fd_count() == baseline
    assert recorder.requests == []


@needs_proc_fd
@pytest.mark.filterwarnings("error::ResourceWarning")  # a socket closed only by GC
def test_destroying_the_server_releases_everything(
    qtbot: QtBot, address: str, recorder: Recorder
) -> None:
    baseline = fd_count()
    parent = QObject()
    srv = InstanceServer(address, recorder, parent)
    assert srv.listen()
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.settimeout(5)
        client.connect(address)
        client.sendall(b'{"comm')
        qtbot.waitUntil(lambda: live_parts(srv) == (2, 1))
        shiboken6.delete(parent)  # as when the application object goes away
        assert not shiboken6.isValid(srv)
        assert not os.path.exists(address)
        assert client.recv(100) == b""
    assert fd_count() == baseline
    assert send_request(address, {"command": "show"}) is None


def test_close_leaves_a_successors_socket_alone(
    qtbot: QtBot, server: InstanceServer, address: str
) -> None:
    os.unlink(address)  # someone removed our file and another instance took the address
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as other:
        other.bind(address)
        server.close()
        assert stat.S_ISSOCK(os.lstat(address).st_mode)


def test_importing_the_module_does_not_load_qtnetwork() -> None:
    code = "import sys, backbreak.platform.instance; sys.exit('PySide6.QtNetwork' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def _fake_server(address: str, reply: bytes | None) -> tuple[socket.socket, threading.Thread]:
    """A plain socket server that answers with ``reply`` (or never, if None)."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(address)
    listener.listen(1)

    def serve() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.makefile("rb").readline()
            if reply is not None:
                conn.sendall(reply)
            else:
                conn.recv(1)  # until the client gives up

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    return listener, thread


@pytest.mark.parametrize("garbage", [b"<html>\n", b"[1]\n", b'{"ok": tr'])
def test_garbled_reply_raises(address: str, garbage: bytes) -> None:
    listener, thread = _fake_server(address, garbage)
    try:
        with pytest.raises(InstanceError):
            send_request(address, {"command": "show"})
    finally:
        thread.join(5)
        listener.close()


def test_timeout_raises(address: str) -> None:
    listener, thread = _fake_server(address, None)
    try:
        with pytest.raises(InstanceError, match="within 200 ms"):
            send_request(address, {"command": "show"}, timeout_ms=200)
    finally:
        thread.join(5)
        listener.close()


def test_address_is_private_and_short(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runtime = tmp_path / "run" / "backbreak"
    monkeypatch.setattr("platformdirs.user_runtime_path", lambda name: runtime)
    address = instance_address()
    assert address == str(runtime / "instance.sock")
    assert stat.S_IMODE(os.stat(runtime).st_mode) == 0o700


def test_address_falls_back_when_runtime_path_too_long(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runtime = tmp_path / ("x" * 120)
    monkeypatch.setattr("platformdirs.user_runtime_path", lambda name: runtime)
    monkeypatch.setattr("tempfile.gettempdir", lambda: str(tmp_path))
    address = instance_address()
    assert len(os.fsencode(address)) <= 100
    assert f"backbreak-{os.getuid()}" in address
    assert Path(address).parent.parent == tmp_path
    assert stat.S_IMODE(os.stat(Path(address).parent).st_mode) == 0o700
    assert not runtime.exists()


HOSTILE_NESTING = [
    b"[" * 30000 + b"]" * 30000 + b"\n",
    b'{"a":' * 10000 + b"1" + b"}" * 10000 + b"\n",
]


@needs_proc_fd
@pytest.mark.filterwarnings("error::ResourceWarning")  # a socket closed only by GC
def test_deeply_nested_requests_are_refused_and_leave_no_descriptors_behind(
    qtbot: QtBot, address: str, recorder: Recorder
) -> None:
    baseline = fd_count()
    srv = InstanceServer(address, recorder)
    try:
        assert srv.listen()

        def clients() -> None:
            for n in range(40):
                payload = HOSTILE_NESTING[n % 2]
                assert len(payload) < instance.MAX_REQUEST_BYTES
                assert raw_exchange(address, payload) == {
                    "ok": False,
                    "error": "request nested too deeply",
                }

        run_blocking(qtbot, clients)
        qtbot.waitUntil(lambda: fd_count() == baseline + 1 and live_parts(srv) == (1, 0))
        assert run_blocking(qtbot, lambda: send_request(address, {"n": 5})) == {
            "ok": True,
            "echo": {"n": 5},
        }
        assert recorder.requests == [{"n": 5}]
    finally:
        srv.close()
    assert fd_count() == baseline


def test_nesting_and_brackets_inside_strings_within_the_limit_are_served(
    qtbot: QtBot, server: InstanceServer, address: str, recorder: Recorder
) -> None:
    nested: object = "[{[{" * 1000  # brackets inside a string do not nest anything
    for _ in range(instance.MAX_REQUEST_DEPTH - 1):
        nested = [nested]
    request = {"deep": nested, "quote": 'a "quoted" \\ ] } text'}
    reply = run_blocking(qtbot, lambda: send_request(address, request))
    assert reply == {"ok": True, "echo": request}


@needs_proc_fd
@pytest.mark.filterwarnings("error::ResourceWarning")  # a socket closed only by GC
def test_a_failure_while_answering_still_answers_and_closes(
    qtbot: QtBot,
    address: str,
    recorder: Recorder,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken_answer(line: bytes, handler: object) -> dict[str, object]:
        raise RecursionError("maximum recursion depth exceeded")

    baseline = fd_count()
    srv = InstanceServer(address, recorder)
    try:
        assert srv.listen()
        monkeypatch.setattr(instance, "answer", broken_answer)
        with caplog.at_level(logging.ERROR, logger="backbreak.platform.instance"):
            for _ in range(5):
                reply = run_blocking(qtbot, lambda: raw_exchange(address, b"{}\n"))
                assert reply == {"ok": False, "error": "internal error"}
        assert "maximum recursion depth" in caplog.text
        qtbot.waitUntil(lambda: fd_count() == baseline + 1 and live_parts(srv) == (1, 0))
    finally:
        srv.close()
    assert fd_count() == baseline


def test_a_failing_handler_is_logged_with_the_command_name(
    qtbot: QtBot, address: str, caplog: pytest.LogCaptureFixture
) -> None:
    def handler(request: dict[str, object]) -> dict[str, object]:
        raise RuntimeError("handler exploded")

    srv = InstanceServer(address, handler)
    try:
        assert srv.listen()
        with caplog.at_level(logging.ERROR, logger="backbreak.platform.instance"):
            reply = run_blocking(qtbot, lambda: send_request(address, {"cmd": "status"}))
        assert reply == {"ok": False, "error": "internal error"}
        assert "failed for 'status'" in caplog.text
    finally:
        srv.close()
