"""Start at login: XDG for real on disk, Windows and macOS against fakes of their OS APIs."""

from __future__ import annotations

import importlib
import os
import plistlib
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backbreak import APP_ID
from backbreak.platform import autostart as autostart_module
from backbreak.platform.autostart import (
    Autostart,
    AutostartError,
    MacLaunchAgentAutostart,
    NullAutostart,
    WindowsRunKeyAutostart,
    XdgAutostart,
    choose_autostart,
    launch_command,
    refresh_entry,
    written_files,
)
from backbreak.platform.autostart import desktop_entry as de
from backbreak.platform.autostart.base import GUI_SCRIPT, looks_like_backbreak
from backbreak.platform.autostart.windows import APPROVED_KEY, RUN_KEY
from tests.hostile import link_to_zero, make_fifo, posix_only, run_child

ROOT = Path(__file__).resolve().parents[2]
COMMAND = ["/opt/backbreak/bin/backbreak"]
# Every character the Exec quoting rules treat specially, in a path with spaces.
AWKWARD = [
    '/home/jo/My Apps/we"ird $HOME `x` \\ 100%/python',
    "-m",
    "backbreak",
    "",
    "tab\there",
    "new\nline",
    "it's <a|b> & c; *?#()~",
]

posix_as_user = pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions without root"
)


# --- XDG, on disk ------------------------------------------------------------------------------


def xdg(tmp_path: Path, command: list[str] | None = None) -> XdgAutostart:
    env = {"HOME": str(tmp_path / "home"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    chosen = choose_autostart("linux", env, command or COMMAND)
    assert isinstance(chosen, XdgAutostart)
    return chosen


def test_enable_writes_a_marked_desktop_entry_and_disable_removes_it(tmp_path: Path) -> None:
    autostart = xdg(tmp_path)
    assert autostart.path == tmp_path / "config" / "autostart" / "backbreak.desktop"
    assert not autostart.is_enabled()

    autostart.enable()

    values = de.read_group(autostart.path.read_text(encoding="utf-8"))
    assert values["Type"] == "Application"
    assert values["Name"] == "backbreak"
    assert values["Comment"]
    assert de.parse_exec(values["Exec"]) == COMMAND
    assert values["Icon"] == APP_ID
    assert values["Terminal"] == "false"
    assert values["X-GNOME-Autostart-enabled"] == "true"
    assert values["X-backbreak-Managed"] == "true"
    assert autostart.is_enabled()
    assert str(autostart.path) in autostart.describe()
    assert os.listdir(autostart.path.parent) == ["backbreak.desktop"]  # no temp files left

    autostart.disable()

    assert not autostart.path.exists()
    assert not autostart.is_enabled()


def test_enable_and_disable_are_idempotent(tmp_path: Path) -> None:
    autostart = xdg(tmp_path)
    autostart.enable()
    first = autostart.path.stat()

    autostart.enable()

    again = autostart.path.stat()
    assert (again.st_ino, again.st_mtime_ns) == (first.st_ino, first.st_mtime_ns)  # not rewritten
    autostart.disable()
    autostart.disable()
    assert not autostart.path.exists()


@pytest.mark.parametrize("xdg_config_home", [None, "", "relative/config"])
def test_an_unset_empty_or_relative_xdg_config_home_means_home_dot_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, xdg_config_home: str | None
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    if xdg_config_home is None:
        monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CONFIG_HOME", xdg_config_home)

    autostart = choose_autostart("linux", command=COMMAND)
    autostart.enable()

    assert (tmp_path / ".config" / "autostart" / "backbreak.desktop").is_file()


def test_the_written_entry_passes_desktop_file_validate(tmp_path: Path) -> None:
    autostart = xdg(tmp_path, AWKWARD)
    autostart.enable()
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        pytest.skip("desktop-file-validate (desktop-file-utils) is not installed")

    result = subprocess.run([tool, str(autostart.path)], capture_output=True, text=True)

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout + result.stderr == ""  # not even a warning or a hint


def test_exec_quotes_paths_with_spaces_and_reserved_characters_as_the_spec_says() -> None:
    # Quoted argument: backslash before " ` $ \ ; then the string escapes double every backslash.
    assert de.format_exec(["/opt/my apps/backbreak"]) == '"/opt/my apps/backbreak"'
    assert (
        de.format_exec(["/usr/bin/python3", "-m", "backbreak"]) == "/usr/bin/python3 -m backbreak"
    )
    assert de.format_exec(['a"b']) == '"a\\\\"b"'
    assert de.format_exec(["$HOME"]) == '"\\\\$HOME"'
    assert de.format_exec(["a\\b"]) == '"a\\\\\\\\b"'  # four backslashes, as the spec says
    assert de.format_exec(["100%"]) == "100%%"
    assert de.format_exec(["x", ""]) == 'x ""'
    assert de.format_exec(["new\nline"]) == '"new\\nline"'


def test_exec_round_trips_the_awkward_command_through_the_file(tmp_path: Path) -> None:
    autostart = xdg(tmp_path, AWKWARD)
    autostart.enable()

    values = de.read_group(autostart.path.read_text(encoding="utf-8"))

    assert de.parse_exec(values["Exec"]) == AWKWARD


@given(st.lists(st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\0"))))
def test_exec_round_trips_any_argument_vector(tail: list[str]) -> None:
    argv = ["/bin/program", *tail]
    line = de.format_exec(argv)
    assert "\n" not in line
    assert de.parse_exec(line) == argv
    assert de.parse_exec(de.read_group(f"[Desktop Entry]\nExec={line}\n")["Exec"]) == argv


def test_glib_starts_exactly_the_written_command(tmp_path: Path) -> None:
    """What a GNOME-style session does at login: GIO launches the entry; the program reports."""
    gio = shutil.which("gio")
    if gio is None or subprocess.run([gio, "help", "launch"], capture_output=True).returncode:
        pytest.skip("gio launch (GLib 2.72 or later) is not available")
    folder = tmp_path / 'odd "dir" $x `y`'
    folder.mkdir()
    program = folder / "report args"
    program.write_text('#!/bin/sh\nprintf "%s\\0" "$0" "$@"\n', encoding="utf-8")
    program.chmod(0o755)
    command = [str(program), *AWKWARD[1:], "100%", "a\\b", "$HOME", "%f"]
    autostart = xdg(tmp_path, command)
    autostart.enable()

    # The child inherits stdout, so the pipe reaches EOF only after the program has finished.
    result = subprocess.run(
        [gio, "launch", str(autostart.path)],
        capture_output=True,
        timeout=60,
        env={**os.environ, "HOME": str(tmp_path)},
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split(b"\0")[:-1] == [arg.encode() for arg in command]


def test_a_users_own_entry_that_starts_backbreak_is_reported_and_left_alone(
    tmp_path: Path,
) -> None:
    autostart = xdg(tmp_path)
    autostart.path.parent.mkdir(parents=True)
    users = "[Desktop Entry]\nType=Application\nName=Back\nExec=backbreak --quiet\n"
    autostart.path.write_text(users, encoding="utf-8")
    assert autostart.is_enabled()

    autostart.enable()  # already on: nothing to do
    with pytest.raises(AutostartError, match="not written by backbreak") as caught:
        autostart.disable()

    assert str(autostart.path) in str(caught.value)
    assert autostart.path.read_text(encoding="utf-8") == users
    assert autostart.is_enabled()


@pytest.mark.parametrize(
    "users",
    [
        "[Desktop Entry]\nType=Application\nName=Back\nExec=backbreak\nHidden=true\n",
        "[Desktop Entry]\nType=Application\nName=Other\nExec=/usr/bin/something-else\n",
    ],
    ids=["hidden", "another-program"],
)
def test_a_users_own_entry_that_does_not_start_backbreak_is_never_overwritten(
    tmp_path: Path, users: str
) -> None:
    autostart = xdg(tmp_path)
    autostart.path.parent.mkdir(parents=True)
    autostart.path.write_text(users, encoding="utf-8")
    assert not autostart.is_enabled()

    autostart.disable()  # already off: nothing to do, nothing removed
    with pytest.raises(AutostartError, match="not written by backbreak") as caught:
        autostart.enable()

    assert str(autostart.path) in str(caught.value)
    assert autostart.path.read_text(encoding="utf-8") == users


@pytest.mark.parametrize("switch_off", ["Hidden=true", "X-GNOME-Autostart-enabled=false"])
def test_hidden_counts_as_disabled_and_enable_switches_our_entry_back_on(
    tmp_path: Path, switch_off: str
) -> None:
    autostart = xdg(tmp_path)
    autostart.enable()
    text = autostart.path.read_text(encoding="utf-8")
    autostart.path.write_text(text + f"{switch_off}\n", encoding="utf-8")
    assert not autostart.is_enabled()

    autostart.enable()

    assert autostart.path.read_text(encoding="utf-8") == text
    assert autostart.is_enabled()


def test_enable_rewrites_our_entry_when_the_command_has_moved(tmp_path: Path) -> None:
    xdg(tmp_path, ["/old/venv/bin/backbreak"]).enable()
    moved = xdg(tmp_path, ["/new venv/bin/backbreak"])

    moved.enable()

    values = de.read_group(moved.path.read_text(encoding="utf-8"))
    assert de.parse_exec(values["Exec"]) == ["/new venv/bin/backbreak"]


def test_an_autostart_folder_that_cannot_be_created_gives_a_clear_error(tmp_path: Path) -> None:
    autostart = xdg(tmp_path)
    autostart.path.parent.parent.mkdir(parents=True)
    autostart.path.parent.write_text("not a folder", encoding="utf-8")

    with pytest.raises(AutostartError) as caught:
        autostart.enable()

    message = str(caught.value)
    assert message.startswith("could not turn on start at login: cannot write ")
    assert str(autostart.path) in message
    assert "\n" not in message
    assert isinstance(caught.value.__cause__, OSError)
    assert not autostart.is_enabled()


@posix_as_user
def test_a_read_only_autostart_folder_gives_a_clear_error(tmp_path: Path) -> None:
    autostart = xdg(tmp_path)
    autostart.path.parent.mkdir(parents=True)
    autostart.path.parent.chmod(0o500)
    try:
        with pytest.raises(AutostartError, match=r"cannot write .*\(Permission denied\)$"):
            autostart.enable()
    finally:
        autostart.path.parent.chmod(0o700)


@posix_as_user
def test_an_entry_that_cannot_be_removed_gives_a_clear_error(tmp_path: Path) -> None:
    autostart = xdg(tmp_path)
    autostart.enable()
    autostart.path.parent.chmod(0o500)
    try:
        with pytest.raises(AutostartError, match=r"cannot remove .*\(Permission denied\)$"):
            autostart.disable()
    finally:
        autostart.path.parent.chmod(0o700)
    assert autostart.is_enabled()


def test_an_unreadable_entry_is_off_and_never_replaced(tmp_path: Path) -> None:
    autostart = xdg(tmp_path)
    autostart.path.parent.mkdir(parents=True)
    autostart.path.write_bytes(b"[Desktop Entry]\nName=\xff\n")

    assert not autostart.is_enabled()
    autostart.disable()
    with pytest.raises(AutostartError, match="cannot be read"):
        autostart.enable()

    assert autostart.path.read_bytes() == b"[Desktop Entry]\nName=\xff\n"


def test_exec_parsing_drops_field_codes_and_rejects_an_open_quote() -> None:
    assert de.parse_exec("backbreak %U") == ["backbreak"]
    assert de.parse_exec("backbreak 100%%") == ["backbreak", "100%"]
    with pytest.raises(ValueError, match="unterminated"):
        de.parse_exec('"backbreak')


def test_the_reader_takes_only_the_desktop_entry_group_and_unlocalized_keys() -> None:
    text = (
        "# comment\n[Desktop Entry]\r\nName = backbreak\r\nName[de]=Rückenpause\n"
        "[Desktop Action x]\nExec=other\n"
    )
    assert de.read_group(text) == {"Name": "backbreak"}


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["/usr/bin/backbreak"], True),
        (["C:\\Program Files\\backbreak\\Backbreak.exe"], True),
        (["/usr/bin/python3", "-m", "backbreak", "--quiet"], True),
        (["python3", "-mbackbreak"], True),
        (["/usr/bin/python3", "-m", "backbreaker"], False),
        (["/usr/bin/backbreak-helper"], False),
        ([], False),
    ],
)
def test_looks_like_backbreak(argv: list[str], expected: bool) -> None:
    assert looks_like_backbreak(argv) is expected


# --- Windows, against a fake registry -----------------------------------------------------------


class FakeRegistry:
    """HKEY_CURRENT_USER as a dict of (key, value name) → data."""

    def __init__(self) -> None:
        self.values: dict[tuple[str, str], str | bytes] = {}
        self.writes = 0
        self.fail: OSError | None = None

    def get_value(self, key: str, name: str) -> str | bytes | None:
        return self.values.get((key, name))

    def set_string(self, key: str, name: str, value: str) -> None:
        if self.fail is not None:
            raise self.fail
        self.writes += 1
        self.values[key, name] = value

    def delete_value(self, key: str, name: str) -> None:
        if self.fail is not None:
            raise self.fail
        self.values.pop((key, name), None)


PYTHON_EXE = "C:\\Program Files\\Python311\\python.exe"


def test_windows_enable_writes_the_quoted_command_line_into_the_run_key() -> None:
    registry = FakeRegistry()
    registry.values[RUN_KEY, "OneDrive"] = "C:\\OneDrive.exe /background"
    autostart = WindowsRunKeyAutostart([PYTHON_EXE, "-m", "backbreak"], registry)
    assert not autostart.is_enabled()

    autostart.enable()
    autostart.enable()

    assert registry.values[RUN_KEY, "backbreak"] == f'"{PYTHON_EXE}" -m backbreak'
    assert registry.writes == 1
    assert autostart.is_enabled()
    assert "HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run" in (
        autostart.describe()
    )

    autostart.disable()
    autostart.disable()

    assert registry.values == {(RUN_KEY, "OneDrive"): "C:\\OneDrive.exe /background"}
    assert not autostart.is_enabled()


def test_windows_command_lines_follow_the_c_runtime_quoting() -> None:
    autostart = WindowsRunKeyAutostart(["C:\\a b\\backbreak.exe", 'say "hi"', "C:\\dir\\"])
    assert autostart.command_line == '"C:\\a b\\backbreak.exe" "say \\"hi\\"" C:\\dir\\'


def test_windows_task_manager_switching_it_off_counts_and_enable_clears_it() -> None:
    registry = FakeRegistry()
    autostart = WindowsRunKeyAutostart([PYTHON_EXE, "-m", "backbreak"], registry)
    autostart.enable()
    registry.values[APPROVED_KEY, "backbreak"] = b"\x03" + bytes(11)
    assert not autostart.is_enabled()

    autostart.enable()

    assert (APPROVED_KEY, "backbreak") not in registry.values
    assert autostart.is_enabled()
    registry.values[APPROVED_KEY, "backbreak"] = b"\x02" + bytes(11)  # Task Manager: enabled
    assert autostart.is_enabled()


def test_windows_registry_failures_become_clear_errors() -> None:
    registry = FakeRegistry()
    registry.fail = PermissionError(13, "Access is denied")
    autostart = WindowsRunKeyAutostart(["C:\\backbreak.exe"], registry)

    with pytest.raises(AutostartError, match=r"cannot write .*\(Access is denied\)$"):
        autostart.enable()
    with pytest.raises(AutostartError, match=r"cannot remove .*\(Access is denied\)$"):
        autostart.disable()


@pytest.mark.skipif(sys.platform == "win32", reason="the real registry exists there")
def test_windows_backend_elsewhere_is_off_and_says_why() -> None:
    autostart = choose_autostart("win32", {}, ["C:\\backbreak.exe"])

    assert autostart.name == "windows-run-key"
    assert not autostart.is_enabled()
    with pytest.raises(AutostartError, match="only available on Windows"):
        autostart.enable()


# --- macOS, LaunchAgents under tmp_path -------------------------------------------------------


def mac(tmp_path: Path, command: list[str] | None = None) -> MacLaunchAgentAutostart:
    chosen = choose_autostart("darwin", {"HOME": str(tmp_path)}, command or COMMAND)
    assert isinstance(chosen, MacLaunchAgentAutostart)
    return chosen


def test_macos_enable_writes_a_launch_agent_and_disable_removes_it(tmp_path: Path) -> None:
    command = ["/Users/jo/My Apps/venv/bin/python", "-m", "backbreak"]
    autostart = mac(tmp_path, command)
    assert autostart.path == tmp_path / "Library" / "LaunchAgents" / "org.backbreak.plist"
    assert not autostart.is_enabled()

    autostart.enable()

    agent = plistlib.loads(autostart.path.read_bytes())
    assert agent == {
        "Label": "org.backbreak",
        "ProgramArguments": command,
        "RunAtLoad": True,
        "ProcessType": "Interactive",
    }
    assert autostart.is_enabled()
    assert str(autostart.path) in autostart.describe()

    first = autostart.path.stat()
    autostart.enable()
    assert autostart.path.stat().st_ino == first.st_ino  # not rewritten

    autostart.disable()
    autostart.disable()
    assert not autostart.path.exists()
    assert not autostart.is_enabled()


def test_macos_disabled_key_counts_as_off_and_enable_restores_it(tmp_path: Path) -> None:
    autostart = mac(tmp_path)
    autostart.enable()
    agent = plistlib.loads(autostart.path.read_bytes())
    autostart.path.write_bytes(plistlib.dumps({**agent, "Disabled": True}))
    assert not autostart.is_enabled()

    autostart.enable()

    assert autostart.is_enabled()


def test_macos_a_plist_with_another_label_is_never_removed(tmp_path: Path) -> None:
    autostart = mac(tmp_path)
    autostart.path.parent.mkdir(parents=True)
    users = plistlib.dumps(
        {"Label": "com.jo.backbreak", "ProgramArguments": ["/usr/local/bin/backbreak"]}
        | {"RunAtLoad": True}
    )
    autostart.path.write_bytes(users)
    assert autostart.is_enabled()

    autostart.enable()
    with pytest.raises(AutostartError, match="not written by backbreak"):
        autostart.disable()

    assert autostart.path.read_bytes() == users


def test_macos_a_corrupt_plist_is_off_and_never_replaced(tmp_path: Path) -> None:
    autostart = mac(tmp_path)
    autostart.path.parent.mkdir(parents=True)
    autostart.path.write_bytes(b"<?xml version='1.0'?><plist><dict>")

    assert not autostart.is_enabled()
    autostart.disable()
    with pytest.raises(AutostartError, match="cannot be read"):
        autostart.enable()
    assert autostart.path.read_bytes() == b"<?xml version='1.0'?><plist><dict>"


def test_macos_an_unwritable_folder_gives_a_clear_error(tmp_path: Path) -> None:
    autostart = mac(tmp_path)
    (tmp_path / "Library").mkdir()
    (tmp_path / "Library" / "LaunchAgents").write_text("", encoding="utf-8")

    with pytest.raises(AutostartError, match=r"^could not turn on start at login: cannot write"):
        autostart.enable()


# --- Null and the choice ----------------------------------------------------------------------


def test_null_is_off_refuses_to_turn_on_and_says_so() -> None:
    autostart = NullAutostart()

    assert not autostart.is_enabled()
    with pytest.raises(AutostartError, match=r"^start at login is not supported on this system$"):
        autostart.enable()
    autostart.disable()
    assert "not supported" in autostart.describe()


@pytest.mark.parametrize(
    ("platform", "name"),
    [
        ("linux", "xdg"),
        ("freebsd14", "xdg"),
        ("openbsd7", "xdg"),
        ("win32", "windows-run-key"),
        ("darwin", "macos-launchagent"),
        ("cygwin", "null"),
        ("emscripten", "null"),
        ("aix", "null"),
    ],
)
def test_choose_autostart_per_platform(tmp_path: Path, platform: str, name: str) -> None:
    autostart = choose_autostart(platform, {"HOME": str(tmp_path)}, COMMAND)

    assert autostart.name == name
    assert isinstance(autostart, Autostart)
    assert autostart.describe()


def test_choose_autostart_uses_the_launch_command_by_default(tmp_path: Path) -> None:
    autostart = choose_autostart("darwin", {"HOME": str(tmp_path)})
    autostart.enable()

    agent = plistlib.loads((tmp_path / "Library/LaunchAgents/org.backbreak.plist").read_bytes())
    assert agent["ProgramArguments"] == launch_command()


# --- launch_command ---------------------------------------------------------------------------


SCRIPT = "backbreak.exe" if os.name == "nt" else "backbreak"


def fake_interpreter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "venv dir" / "bin"
    folder.mkdir(parents=True)
    python = folder / "python"
    python.write_text("", encoding="utf-8")
    monkeypatch.setattr(sys, "executable", str(python))
    return folder


def test_launch_command_prefers_the_console_script_next_to_the_interpreter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = fake_interpreter(tmp_path, monkeypatch)
    script = folder / SCRIPT
    script.write_text("", encoding="utf-8")
    script.chmod(0o755)

    assert launch_command() == [str(script)]


def test_launch_command_falls_back_to_python_dash_m(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = fake_interpreter(tmp_path, monkeypatch)

    assert launch_command() == [str(folder / "python"), "-m", "backbreak"]


def test_launch_command_paths_are_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_interpreter(tmp_path, monkeypatch)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "executable", os.path.join("venv dir", "bin", "python"))

    command = launch_command()

    assert Path(command[0]).is_absolute()
    assert command[0] == str(tmp_path / "venv dir" / "bin" / "python")


def test_launch_command_of_a_frozen_build_is_the_executable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = fake_interpreter(tmp_path, monkeypatch)
    monkeypatch.setattr(sys, "frozen", True, raising=False)

    assert launch_command() == [str(folder / "python")]


def test_the_package_needs_no_qt() -> None:
    code = (
        "import sys, backbreak.platform.autostart\n"
        "print(any(name.startswith('PySide6') for name in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
    assert autostart_module.__name__ == "backbreak.platform.autostart"


def test_the_files_each_backend_writes_are_known_for_temp_file_cleaning(tmp_path: Path) -> None:
    xdg = XdgAutostart(COMMAND, tmp_path / "autostart")
    assert written_files(xdg) == (tmp_path / "autostart" / "backbreak.desktop",)
    mac = MacLaunchAgentAutostart(COMMAND, tmp_path)
    assert written_files(mac) == (mac.path,)
    assert mac.path.parent == tmp_path / "Library" / "LaunchAgents"
    assert written_files(NullAutostart()) == ()


@posix_only
@pytest.mark.parametrize("hostile", ["fifo", "zero"])
def test_a_fifo_or_endless_device_at_the_entry_is_off_never_a_hang(
    tmp_path: Path, hostile: str
) -> None:
    autostart = xdg(tmp_path)
    autostart.path.parent.mkdir(parents=True)
    (make_fifo if hostile == "fifo" else link_to_zero)(autostart.path)
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from backbreak.platform.autostart import XdgAutostart\n"
        "from backbreak.platform.autostart.base import AutostartError\n"
        f"a = XdgAutostart(['backbreak'], Path({str(autostart.path.parent)!r}))\n"
        "print(a.is_enabled())\n"
        "try:\n"
        "    a.enable()\n"
        "except AutostartError as exc:\n"
        "    print(exc)\n"
    )
    result = run_child(code)
    assert result.returncode == 0, result.stderr
    off, refused = result.stdout.splitlines()
    assert off == "False"
    assert "cannot be read (not a regular file" in refused


# --- Windows: the GUI entry point, so no console window opens at login -------------------------


def windows_interpreter(tmp_path: Path, *names: str) -> Path:
    folder = tmp_path / "My venv" / "Scripts"
    folder.mkdir(parents=True)
    for name in ("python.exe", *names):
        (folder / name).write_text("", encoding="utf-8")
    return folder / "python.exe"


def test_on_windows_login_starts_the_gui_script(tmp_path: Path) -> None:
    python = windows_interpreter(tmp_path, "backbreak.exe", "backbreakw.exe", "pythonw.exe")

    command = launch_command(str(python), windows=True)

    assert command == [str(python.parent / "backbreakw.exe")]
    registry = FakeRegistry()
    WindowsRunKeyAutostart(command, registry).enable()
    assert registry.values[RUN_KEY, "backbreak"] == f'"{python.parent / "backbreakw.exe"}"'


def test_on_windows_without_the_gui_script_login_uses_pythonw(tmp_path: Path) -> None:
    python = windows_interpreter(tmp_path, "backbreak.exe", "pythonw.exe")

    assert launch_command(str(python), windows=True) == [
        str(python.parent / "pythonw.exe"),
        "-m",
        "backbreak",
    ]


def test_on_windows_with_neither_login_falls_back_to_the_console_script(tmp_path: Path) -> None:
    python = windows_interpreter(tmp_path, "backbreak.exe")
    assert launch_command(str(python), windows=True) == [str(python.parent / "backbreak.exe")]
    (python.parent / "backbreak.exe").unlink()
    assert launch_command(str(python), windows=True) == [str(python), "-m", "backbreak"]


def test_choose_autostart_for_windows_picks_the_windows_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    python = windows_interpreter(tmp_path, "backbreakw.exe")
    monkeypatch.setattr(sys, "executable", str(python))

    autostart = choose_autostart("win32", {})

    assert isinstance(autostart, WindowsRunKeyAutostart)
    assert autostart.command_line == f'"{python.parent / "backbreakw.exe"}"'


def test_the_gui_script_is_declared_and_counts_as_backbreak() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    target = pyproject["project"]["gui-scripts"][GUI_SCRIPT]
    module, _, name = target.partition(":")

    assert callable(getattr(importlib.import_module(module), name))
    assert pyproject["project"]["scripts"]["backbreak"] == "backbreak.cli:main"
    assert looks_like_backbreak(["C:\\venv\\Scripts\\backbreakw.exe"])


def test_the_gui_script_runs_without_console_streams(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # pythonw gives a GUI script no stdout or stderr; a command that writes must not crash.
    from backbreak.cli import gui

    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)

    assert gui.main(["completion", "bash"]) == 0
    assert sys.stdout is not None
    assert sys.stderr is not None


# --- entries written by earlier versions, brought up to date at start-up ------------------------

OLD_ENTRY = (
    "# Written by backbreak's start-at-login setting; turning it off removes this file.\n"
    "[Desktop Entry]\nType=Application\nName=backbreak\nComment=old words\n"
    "Exec=/old/venv/bin/backbreak\nIcon=backbreak\nTerminal=false\nStartupNotify=false\n"
    "X-GNOME-Autostart-enabled=true\nX-backbreak-Managed=true\n"
)


def test_an_earlier_entry_gets_the_launchers_icon_and_keeps_its_command(tmp_path: Path) -> None:
    autostart = xdg(tmp_path)  # this run's command is COMMAND, not the entry's
    autostart.path.parent.mkdir(parents=True)
    autostart.path.write_text(OLD_ENTRY, encoding="utf-8")

    assert refresh_entry(autostart)

    values = de.read_group(autostart.path.read_text(encoding="utf-8"))
    assert values["Icon"] == APP_ID
    assert de.parse_exec(values["Exec"]) == ["/old/venv/bin/backbreak"]
    assert autostart.is_enabled()
    assert not refresh_entry(autostart)  # already up to date: not written again


@pytest.mark.parametrize(
    "entry",
    [
        OLD_ENTRY.replace("X-backbreak-Managed=true\n", ""),  # the user's own
        OLD_ENTRY + "Hidden=true\n",  # switched off in the desktop's settings
        None,  # start at login is off
    ],
)
def test_entries_not_ours_or_switched_off_are_never_refreshed(
    tmp_path: Path, entry: str | None
) -> None:
    autostart = xdg(tmp_path)
    if entry is not None:
        autostart.path.parent.mkdir(parents=True)
        autostart.path.write_text(entry, encoding="utf-8")

    assert not refresh_entry(autostart)

    if entry is None:
        assert not autostart.path.exists()
    else:
        assert autostart.path.read_text(encoding="utf-8") == entry


def test_a_refresh_that_cannot_write_is_logged_not_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    autostart = xdg(tmp_path)
    autostart.path.parent.mkdir(parents=True)
    autostart.path.write_text(OLD_ENTRY, encoding="utf-8")

    def refuse(path: Path, text: str) -> None:
        raise AutostartError(f"could not turn on start at login: cannot write {path}")

    monkeypatch.setattr("backbreak.platform.autostart.xdg.write_file", refuse)

    assert not refresh_entry(autostart)
    assert "cannot write" in caplog.text
    assert autostart.path.read_text(encoding="utf-8") == OLD_ENTRY


def test_on_windows_an_earlier_console_script_value_moves_to_the_gui_script() -> None:
    registry = FakeRegistry()
    registry.values[RUN_KEY, "backbreak"] = '"C:\\My venv\\Scripts\\backbreak.exe"'
    autostart = WindowsRunKeyAutostart(["C:\\My venv\\Scripts\\backbreakw.exe"], registry)

    assert refresh_entry(autostart)

    assert registry.values[RUN_KEY, "backbreak"] == '"C:\\My venv\\Scripts\\backbreakw.exe"'
    assert not refresh_entry(autostart)


@pytest.mark.parametrize(
    "value",
    [
        '"C:\\Other\\Scripts\\backbreak.exe"',  # another install's: the user chose that one
        '"C:\\Python\\python.exe" -m backbreak',
        None,
    ],
)
def test_on_windows_other_values_are_never_refreshed(value: str | None) -> None:
    registry = FakeRegistry()
    if value is not None:
        registry.values[RUN_KEY, "backbreak"] = value
    autostart = WindowsRunKeyAutostart(["C:\\My venv\\Scripts\\backbreakw.exe"], registry)

    assert not refresh_entry(autostart)

    assert registry.values.get((RUN_KEY, "backbreak")) == value
