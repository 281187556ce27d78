"""The command line's grammar: DURATION, bad usage (exit 2, one line) and an app that is not
running (exit 3) for every command that needs it."""

from __future__ import annotations

import argparse
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from backbreak.cli import build_parser, main
from backbreak.cli.control import request_for
from backbreak.cli.durations import DurationError, describe, parse_minutes
from backbreak.cli.parser import EXIT_NOT_RUNNING, EXIT_USAGE
from tests.homes import private_homes
from tests.unit.test_startup_imports import loaded_after


@pytest.fixture(autouse=True)
def runtime_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A runtime folder of our own: never the running app of the machine running the tests."""
    return private_homes(tmp_path, monkeypatch)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("30m", 30),
        ("1h", 60),
        ("1h30m", 90),
        ("90m", 90),
        ("1m", 1),
        ("24h", 1440),
        ("23h60m", 1440),
        ("1440m", 1440),
        (" 2H ", 120),
        ("0h5m", 5),
    ],
)
def test_durations(text: str, minutes: int) -> None:
    assert parse_minutes(text) == minutes


@pytest.mark.parametrize(
    "text",
    ["", "30", "m", "h", "1h1h", "30m1h", "1.5h", "-5m", "+5m", "5 m", "5min", "1d", "0m",
     "0h", "24h1m", "1441m", "25h", "99999h", "1" * 400 + "m", "１０m", "½h"],
)  # fmt: skip
def test_bad_durations_are_refused_in_one_line(text: str) -> None:
    with pytest.raises(DurationError) as caught:
        parse_minutes(text)
    assert "\n" not in str(caught.value)


def test_durations_are_written_back_as_they_are_read() -> None:
    for minutes in range(1, 1441):
        assert parse_minutes(describe(minutes)) == minutes


BAD_USAGE = [
    ["nonsense"],
    ["status", "--csv"],
    ["status", "now"],
    ["break-now", "5m"],
    ["snooze", "10m"],
    ["skip", "--all"],
    ["pause", "2x"],
    ["pause", "0m"],
    ["pause", "25h"],
    ["pause", "30"],
    ["pause", "30m", "--until-tomorrow"],
    ["pause", "30m", "10m"],
    ["resume", "now"],
    ["meeting"],
    ["meeting", "later"],
    ["meeting", "start", "--for"],
    ["meeting", "start", "--for", "0m"],
    ["meeting", "start", "--for", "1d"],
    ["meeting", "start", "30m"],
    ["meeting", "end", "--for", "5m"],
    ["history", "--days", "0"],
    ["history", "--days", "3661"],
    ["history", "--days", "seven"],
    ["history", "--json", "--csv"],
    ["stats", "--csv"],
    ["stats", "--days", "7"],
    ["plan", "--days", "0"],
    ["completion"],
    ["completion", "zsh"],
]


@pytest.mark.parametrize("argv", BAD_USAGE, ids=" ".join)
def test_bad_usage_is_one_line_and_exit_status_2(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == EXIT_USAGE
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("backbreak")
    assert ": error: " in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "prog"),
    [(["snooze", "now"], "backbreak snooze"), (["meeting", "end", "x"], "backbreak meeting end")],
)
def test_a_stray_argument_is_named_by_its_command(
    argv: list[str], prog: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == EXIT_USAGE
    assert capsys.readouterr().err == f"{prog}: error: unrecognized arguments: {argv[-1]}\n"


HELP = ["status", "break-now", "snooze", "skip", "pause", "resume", "meeting", "history",
        "stats", "plan"]  # fmt: skip


@pytest.mark.parametrize("command", HELP)
def test_every_command_has_help_with_examples(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main([command, "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert f"usage: backbreak {command}" in out
    assert f"examples:\n  backbreak {command}" in out


CONTROL = [
    (["status"], {"cmd": "status"}),
    (["status", "--json"], {"cmd": "status"}),
    (["break-now"], {"cmd": "break-now"}),
    (["snooze"], {"cmd": "snooze"}),
    (["skip"], {"cmd": "skip"}),
    (["pause"], {"cmd": "pause", "minutes": 30}),
    (["pause", "1h30m"], {"cmd": "pause", "minutes": 90}),
    (["pause", "--until-tomorrow"], {"cmd": "pause", "until_tomorrow": True}),
    (["resume"], {"cmd": "resume"}),
    (["meeting", "start"], {"cmd": "meeting-start", "minutes": None}),
    (["meeting", "start", "--for", "45m"], {"cmd": "meeting-start", "minutes": 45}),
    (["meeting", "end"], {"cmd": "meeting-end"}),
]


@pytest.mark.parametrize(("argv", "request_"), CONTROL, ids=[" ".join(a) for a, _ in CONTROL])
def test_each_control_command_sends_its_request(
    argv: list[str], request_: dict[str, object]
) -> None:
    args: argparse.Namespace = build_parser().parse_args(argv)
    assert request_for(args) == request_


@pytest.mark.parametrize("argv", [argv for argv, _ in CONTROL], ids=" ".join)
def test_control_commands_say_how_to_start_backbreak_when_it_is_not_running(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == EXIT_NOT_RUNNING
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1
    assert "backbreak is not running" in err
    assert "start it with `backbreak` or from your applications menu" in err


@pytest.mark.parametrize("argv", [["status"], ["pause", "1h"], ["history"], ["stats"]])
def test_commands_load_neither_qt_nor_the_scheduler(argv: list[str], tmp_path: Path) -> None:
    runtime = tmp_path / "own-run"
    runtime.mkdir(mode=0o700)
    modules = loaded_after(
        "import os\n"
        f"os.environ.update(XDG_RUNTIME_DIR={str(runtime)!r}, XDG_DATA_HOME={str(tmp_path)!r})\n"
        "from backbreak.cli import main\n"
        "import contextlib, io\n"
        "quiet = io.StringIO()\n"
        "with contextlib.redirect_stdout(quiet), contextlib.redirect_stderr(quiet):\n"
        f"    main({argv!r})"
    )
    assert "backbreak.cli" in modules
    assert not {m for m in modules if m.startswith(("PySide6", "apscheduler"))}


def test_the_entry_point_loads_no_sqlite_before_it_knows_the_command() -> None:
    modules = loaded_after("import backbreak.cli\nbackbreak.cli.build_parser()")
    assert "sqlite3" not in modules
    assert "backbreak.cli.history" not in modules


def complete(script: str, line: str) -> list[str]:
    """What bash offers for ``line`` (the word being typed is its last, maybe empty)."""
    words = line.split(" ")
    program = (
        f"{script}\nCOMP_WORDS=({' '.join(shlex.quote(w) for w in words)})\n"
        f"COMP_CWORD={len(words) - 1}\n_backbreak\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n"
    )
    done = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", program],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    return [word for word in done.stdout.splitlines() if word]


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bash_completion_offers_the_commands_and_their_options(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["completion", "bash"]) == 0
    script = capsys.readouterr().out
    assert complete(script, "backbreak b") == ["break-now"]
    assert set(complete(script, "backbreak ")) >= set(HELP) | {"--version", "completion"}
    assert complete(script, "backbreak pause --u") == ["--until-tomorrow"]
    assert complete(script, "backbreak meeting ") == ["start", "end", "--help"]
    assert complete(script, "backbreak meeting start --") == ["--help", "--for"]
    assert complete(script, "backbreak history --days 3 --c") == ["--csv"]
    assert complete(script, "backbreak completion ") == ["bash", "--help"]


def test_starting_the_tray_app_builds_no_parser() -> None:
    """The tray app runs all day: the command line's parser is never built for it."""
    script = (
        "import sys, backbreak.app\n"
        "backbreak.app.run = lambda: 7\n"
        "from backbreak.cli import main\n"
        "code = main([])\n"
        "print(code, 'backbreak.cli.parser' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.stdout.split() == ["7", "False"], done.stderr
