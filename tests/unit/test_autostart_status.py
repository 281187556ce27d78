"""How the start-at-login state reads (``--diagnose``, the settings dialog's General tab)."""

from __future__ import annotations

from pathlib import Path

from backbreak.platform.autostart import NullAutostart, choose_autostart
from backbreak.platform.autostart.status import login_status

COMMAND = ["/opt/backbreak/bin/backbreak"]


def test_off_says_off_first_and_where_it_would_go(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    autostart = choose_autostart("linux", env, COMMAND)
    entry = tmp_path / "config" / "autostart" / "backbreak.desktop"

    assert login_status(autostart) == f"off (when on: desktop entry {entry})"

    autostart.enable()
    assert login_status(autostart) == f"on (desktop entry {entry})"

    autostart.disable()
    assert login_status(autostart).startswith("off ")


def test_no_backend_describes_itself_as_if_it_were_on(tmp_path: Path) -> None:
    for platform in ("linux", "darwin"):
        autostart = choose_autostart(platform, {"HOME": str(tmp_path)}, COMMAND)
        text = autostart.describe()
        assert "at login" not in text, platform
        assert "started" not in text, platform
        assert login_status(autostart).startswith("off (when on: "), platform


def test_unsupported_says_so() -> None:
    assert login_status(NullAutostart("platform 'plan9'")) == (
        "not supported on this system (platform 'plan9')"
    )
    assert login_status(NullAutostart()) == "not supported on this system"
