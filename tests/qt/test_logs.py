"""Log file set-up, rotation, and unhandled exceptions ending up in the log."""

from __future__ import annotations

import logging
import logging.handlers
import re
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from backbreak import logs


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    """Each test gets the process-wide hooks and handlers back as they were."""
    root = logging.getLogger()
    level = root.level
    before = list(root.handlers)
    excepthook = sys.excepthook
    thread_hook = threading.excepthook
    warned = logs._warned_no_file
    logs._warned_no_file = False
    yield
    for handler in list(root.handlers):
        if handler not in before:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)
    sys.excepthook = excepthook
    threading.excepthook = thread_hook
    logs._warned_no_file = warned


def owned_handlers() -> list[logging.Handler]:
    return [h for h in logging.getLogger().handlers if getattr(h, logs._OWNED, False)]


def file_handlers() -> list[logging.handlers.RotatingFileHandler]:
    return [h for h in owned_handlers() if isinstance(h, logging.handlers.RotatingFileHandler)]


def read_log(path: Path) -> str:
    for handler in owned_handlers():
        handler.flush()
    return path.read_text(encoding="utf-8")


def test_messages_reach_the_file_with_time_level_and_name(tmp_path: Path) -> None:
    path = logs.setup_logging(tmp_path / "logs")
    assert path == tmp_path / "logs" / "backbreak.log"
    logging.getLogger("backbreak.test").info("hello %s", "Rücken")
    logging.getLogger("backbreak.test").debug("too chatty")
    text = read_log(path)
    assert re.search(
        r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} INFO +backbreak\.test: hello Rücken$", text, re.M
    )
    assert "too chatty" not in text


def test_default_rotation_limits(tmp_path: Path) -> None:
    logs.setup_logging(tmp_path)
    (handler,) = file_handlers()
    assert handler.maxBytes == 1024 * 1024
    assert handler.backupCount == 5
    assert handler.encoding == "utf-8"


def test_warnings_also_go_to_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    logs.setup_logging(tmp_path)
    logging.getLogger("backbreak.test").info("quiet")
    logging.getLogger("backbreak.test").warning("loud")
    err = capsys.readouterr().err
    assert "loud" in err
    assert "quiet" not in err


def test_rotation_when_size_is_exceeded(tmp_path: Path) -> None:
    path = logs.setup_logging(tmp_path, max_bytes=2000, backup_count=2)
    log = logging.getLogger("backbreak.test")
    for n in range(100):
        log.info("line %03d %s", n, "x" * 80)
    read_log(path)
    assert path.exists()
    assert (tmp_path / "backbreak.log.1").exists()
    assert (tmp_path / "backbreak.log.2").exists()
    assert not (tmp_path / "backbreak.log.3").exists()
    for file in tmp_path.glob("backbreak.log*"):
        assert file.stat().st_size <= 2000
    assert "line 099" in path.read_text(encoding="utf-8")


def test_setup_twice_does_not_double_handlers(tmp_path: Path) -> None:
    first = logs.setup_logging(tmp_path)
    second = logs.setup_logging(tmp_path)
    assert first == second
    assert len(owned_handlers()) == 2
    assert len(file_handlers()) == 1
    logging.getLogger("backbreak.test").warning("only once")
    assert read_log(first).count("only once") == 1


def test_setup_again_switches_folder_and_level(tmp_path: Path) -> None:
    old = logs.setup_logging(tmp_path / "a")
    new = logs.setup_logging(tmp_path / "b", level=logging.DEBUG)
    logging.getLogger("backbreak.test").debug("details")
    assert "details" in read_log(new)
    assert "details" not in read_log(old)


def test_unwritable_folder_falls_back_to_stderr_and_says_so_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    log_dir = blocker / "logs"
    path = logs.setup_logging(log_dir)
    logs.setup_logging(log_dir)
    assert not path.exists()
    assert file_handlers() == []
    logging.getLogger("backbreak.test").info("still logged")
    err = capsys.readouterr().err
    assert err.count("logging to stderr only") == 1
    assert "still logged" in err


@pytest.mark.qt_no_exception_capture
def test_exception_in_slot_is_logged_and_loop_keeps_running(qtbot: QtBot, tmp_path: Path) -> None:
    path = logs.setup_logging(tmp_path)
    logs.install_excepthook()
    after: list[str] = []

    def broken_slot() -> None:
        raise ValueError("slot went wrong")

    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(broken_slot)
    timer.start(0)
    QTimer.singleShot(10, lambda: after.append("single shot"))
    qtbot.waitUntil(lambda: after == ["single shot"], timeout=3000)

    text = read_log(path)
    assert "CRITICAL" in text
    assert "unhandled exception" in text
    assert "Traceback (most recent call last):" in text
    assert "in broken_slot" in text
    assert "ValueError: slot went wrong" in text


def test_exception_in_thread_is_logged(tmp_path: Path) -> None:
    path = logs.setup_logging(tmp_path)
    logs.install_excepthook()

    def worker() -> None:
        raise RuntimeError("worker broke")

    thread = threading.Thread(target=worker, name="reminder-worker")
    thread.start()
    thread.join(5)
    text = read_log(path)
    assert "in thread reminder-worker" in text
    assert "RuntimeError: worker broke" in text
    assert "in worker" in text


def test_keyboard_interrupt_uses_default_hook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = logs.setup_logging(tmp_path)
    logs.install_excepthook()
    seen: list[type[BaseException]] = []

    def default_hook(
        exc_type: type[BaseException], value: BaseException, tb: TracebackType | None
    ) -> None:
        seen.append(exc_type)

    monkeypatch.setattr(sys, "__excepthook__", default_hook)
    sys.excepthook(KeyboardInterrupt, KeyboardInterrupt(), None)
    assert seen == [KeyboardInterrupt]
    assert read_log(path) == ""
