"""backbreak inside the desktops its users run: GNOME Shell (Wayland and Xwayland), Plasma, sway.

Each shell starts once per variant (module scope); each test starts the real app with a fresh
HOME and ends it. The tray is driven over D-Bus the way a panel does (StatusNotifierItem,
dbusmenu); answers to the prompt go through what the user of that shell has: a real pointer
click on GNOME, ``makoctl invoke`` on sway, the tray menu on Plasma.

Artifacts: ``tests/e2e/artifacts/<variant>-prompt.png`` (downscaled screen with the prompt) and
``<variant>-prompt.json`` (how and where the prompt was shown).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import _reports
from tests.e2e.desktop import Geometry
from tests.e2e.shells import VARIANTS, make_shell, shell_class
from tests.e2e.shells.common import (
    PROMPT_TITLE,
    REPO_ROOT,
    STATUS_WINDOW_TITLE,
    TEXT_WINDOW_TITLE,
    WATCHER,
    App,
    Notify,
    NotifyWatch,
    Shell,
    ShellError,
    Window,
    wait_until,
)

pytestmark = pytest.mark.e2e

PROMPT_TIMEOUT = 5.0
TRAY_TIMEOUT = 5.0
ARTIFACTS = Path(__file__).parent / "artifacts"


def _skip_if_missing(variant: str) -> None:
    absent = shell_class(variant).missing_tools()
    if absent:
        pytest.skip(f"{variant} tests need: " + ", ".join(absent))


@pytest.fixture(scope="module", params=VARIANTS)
def running_shell(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Shell]:
    variant = request.param
    _skip_if_missing(variant)
    shell = make_shell(variant, tmp_path_factory.mktemp(f"{variant}-logs"))
    try:
        shell.start()
    except ShellError as exc:
        shell.stop()
        pytest.fail(f"{variant} did not start: {exc}\n{shell.all_logs()}")
    yield shell
    shell.stop()


def _on_failure(request: pytest.FixtureRequest, shell: Shell) -> None:
    report = request.node.stash.get(_reports, {}).get("call")
    if report is None or not report.failed:
        return
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name)
    try:
        print(f"screen at failure: {shell.screenshot(ARTIFACTS / f'failed-{slug}.png')}")
        print("windows:", [w.as_dict() for w in shell.windows()])
    except Exception as exc:  # the logs matter more than the picture
        print(f"no screenshot: {exc}")
    print(shell.all_logs())


@pytest.fixture
def shell(running_shell: Shell, request: pytest.FixtureRequest) -> Iterator[Shell]:
    """The module's shell; the clients a test started are gone afterwards."""
    try:
        yield running_shell
    finally:
        _on_failure(request, running_shell)
        running_shell.kill_clients()
        # Windows of the ended clients must be gone before the next test looks at focus.
        wait_until(
            lambda: _only_shell_windows(running_shell),
            10.0,
            "windows of ended clients stay on screen",
        )


def _only_shell_windows(shell: Shell) -> bool:
    ours = {PROMPT_TITLE, TEXT_WINDOW_TITLE, STATUS_WINDOW_TITLE}
    return not any(w.title in ours for w in shell.windows())


# ---------------------------------------------------------------------- helpers


def _diff_pixels(shell: Shell, a: Path, b: Path) -> int:
    result = shell.run(["compare", "-metric", "AE", str(a), str(b), "null:"], check=False)
    return int(float(result.stderr.split()[0]))


def _crop(shell: Shell, source: Path, area: Geometry, dest: Path) -> Path:
    shell.run(["convert", str(source), "-crop", area.crop_spec(), "+repage", str(dest)])
    return dest


def _colours(shell: Shell, image: Path) -> int:
    return int(shell.run(["convert", str(image), "-format", "%k", "info:"]).stdout.strip())


def _tray_strip(shell: Shell, item: str) -> Geometry:
    """Where the item's icon is drawn: the shell's own answer where it gives one, else the part
    of the panel that holds the tray (right end; on Plasma left of the clock)."""
    exact = shell.item_geometry(item)
    if exact is not None:
        return exact
    panel = shell.panel_area()
    if shell.name == "plasma-wayland":
        return Geometry(panel.x + panel.w - 300, panel.y, 170, panel.h)
    return Geometry(panel.x + panel.w - 120, panel.y, 120, panel.h)


def _focus_text_window(shell: Shell) -> tuple[subprocess.Popen[bytes], Path]:
    window, mirror = shell.open_text_window()
    wait_until(
        lambda: shell.focused_title() == TEXT_WINDOW_TITLE,
        5.0,
        lambda: f"the text window did not get the focus: {[w.as_dict() for w in shell.windows()]}",
    )
    return window, mirror
    wait_until(
        lambda: mirror.exists() and mirror.read_text() == "abc",
        5.0,
        lambda: f"typed text did not reach the text window ({mirror})",
    )
    return window, mirror


def _wait_prompt(
    shell: Shell, app: App, watch: NotifyWatch, since: float, timeout: float
) -> tuple[str, Notify | Window]:
    """("notification", Notify) or ("window", Window), whichever shows first."""

    def probe() -> tuple[str, Notify | Window] | None:
        app.check_running()
        note = next((n for n in watch.seen() if n.app_name == "backbreak"), None)
        if note is not None and note.seen_at >= since:
            return "notification", note
        window = next((w for w in shell.windows() if w.title == PROMPT_TITLE), None)
        return ("window", window) if window else None

    return wait_until(
        probe,
        timeout,
        lambda: (
            f"no prompt within {timeout} s (no Notify from backbreak, no window titled "
            f"{PROMPT_TITLE!r}); windows: {[w.title for w in shell.windows()]}\n{app.describe()}"
        ),
        0.05,
    )


def _save_prompt_screenshot(shell: Shell, tmp: Path) -> Path:
    full = shell.screenshot(tmp / "prompt-full.png")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    dest = ARTIFACTS / f"{shell.name}-prompt.png"
    shell.run(["convert", str(full), "-resize", "50%", "-strip", str(dest)])
    return dest


def _app_status_phase(app: App) -> str:
    return str(app.status()["phase"])


# ---------------------------------------------------------------------- tests


def test_icon_registered_and_drawn_in_the_panel(shell: Shell, tmp_path: Path) -> None:
    before = shell.screenshot(tmp_path / "before.png")
    app = shell.launch_app()
    item = app.item(TRAY_TIMEOUT)

    assert item in shell.tray_items()
    assert shell.item_property(item, "Status") in ("Active", "NeedsAttention")
    strip = _tray_strip(shell, item)
    assert strip.w >= 16, strip
    assert strip.h >= 16, strip
    empty = _crop(shell, before, strip, tmp_path / "strip-before.png")

    def drawn() -> Path | None:
        after = _crop(shell, shell.screenshot(tmp_path / "after.png"), strip,
                      tmp_path / "strip-after.png")  # fmt: skip
        return after if _diff_pixels(shell, empty, after) > 30 else None

    after = wait_until(drawn, TRAY_TIMEOUT, f"nothing new drawn in the tray area {strip}")
    assert _colours(shell, after) >= 3, "the tray area holds no icon, only flat colour"


def test_a_second_launch_says_what_it_did(shell: Shell) -> None:
    """Where Qt runs on Wayland the app cannot open its menu by itself: the second launch says
    the icon is in the tray; as an X11 client it opens the menu and says so."""
    app = shell.launch_app()
    app.item(TRAY_TIMEOUT)
    result = shell.run([sys.executable, "-m", "backbreak"], env=app.env, cwd=REPO_ROOT)
    assert result.returncode == 0, result.stderr
    if app.env["QT_QPA_PLATFORM"].startswith("wayland"):
        said = "backbreak is already running; its icon is in the system tray."
    else:
        said = "backbreak is already running; its tray menu is open at the mouse pointer."
    assert result.stdout.strip() == said
    assert app.proc.poll() is None


def test_prompt_keeps_focus_on_the_text_window(shell: Shell, tmp_path: Path) -> None:
    _focus_text_window(shell)
    watch = shell.watch_notifications()
    try:
        app = shell.launch_app()
        menu = shell.menu(app.item(TRAY_TIMEOUT))
        assert shell.focused_title() == TEXT_WINDOW_TITLE, "the tray icon took the focus"

        since = time.time()
        started = time.monotonic()
        menu.click("Take a break now")
        kind, shown = _wait_prompt(shell, app, watch, since, PROMPT_TIMEOUT)
        latency = time.monotonic() - started
        if kind == "notification":
            app.wait_log(r"prompt shown as notification", 5.0)
        else:
            assert "prompt shown as notification" not in app.log(), app.describe()
        # Let a focus change that follows the map arrive before judging.
        time.sleep(1.0)
        windows = shell.windows()
        place: dict[str, object] = {"shell": shell.name, "presentation": kind,
                                    "latency_s": round(latency, 3)}  # fmt: skip
        if isinstance(shown, Notify):
            assert set(shown.action_keys) >= {"start", "snooze", "skip"}, shown
            geometry = shell.notification_geometry()
            place.update(
                summary=shown.summary,
                actions=list(shown.actions),
                geometry=list(geometry) if geometry else None,
                shell_view=shell.notifications_shown(),
            )
        else:
            prompt = next(w for w in windows if w.title == PROMPT_TITLE)
            place.update(geometry=list(prompt.geometry), keep_above=prompt.keep_above)
        place["focused"] = shell.focused_title()
        place["windows"] = [w.as_dict() for w in windows]
        shot = _save_prompt_screenshot(shell, tmp_path)
        (ARTIFACTS / f"{shell.name}-prompt.json").write_text(json.dumps(place, indent=2) + "\n")
        print(json.dumps(place, indent=2), f"\nscreenshot: {shot}")

        assert shell.focused_title() == TEXT_WINDOW_TITLE, (
            f"the prompt ({kind}) took the focus from the text window: {place}"
        )
        assert place["geometry"], f"the shell does not tell where the {kind} is"
    finally:
        watch.stop()


def _answer_prompt(shell: Shell, app: App, kind: str, shown: Notify | Window) -> str:
    """Snooze the way this shell's user can; returns how."""
    if kind == "notification" and shell.answer_notification("backbreak", "snooze"):
        return "notification button"
    if kind == "window" and shell.can_click:
        assert isinstance(shown, Window)
        g = shown.geometry
        shell.click(g.x + g.w // 2, g.y + g.h - 25)  # the middle of Start | Snooze | Skip
        return "click on the window's Snooze button"
    shell.menu(app.item()).click(re.compile(r"^Snooze \d+ min$"))
    return "tray menu"


def test_snooze_answers_the_prompt(shell: Shell, tmp_path: Path) -> None:
    watch = shell.watch_notifications()
    try:
        app = shell.launch_app()
        menu = shell.menu(app.item(TRAY_TIMEOUT))
        since = time.time()
        menu.click("Take a break now")
        kind, shown = _wait_prompt(shell, app, watch, since, PROMPT_TIMEOUT)
        assert _app_status_phase(app) == "prompt"
        labels = shell.menu(app.item()).labels()
        assert {"Start break", "Skip break"} <= set(labels), labels

        how = _answer_prompt(shell, app, kind, shown)

        wait_until(
            lambda: _app_status_phase(app) == "snoozed",
            5.0,
            lambda: (
                f"snoozing by {how} did not change the state: {app.status()}\n" + app.describe()
            ),
        )
        assert str(app.status()["status"]).startswith("Snoozed until"), app.status()
        if kind == "window":
            wait_until(
                lambda: PROMPT_TITLE not in [w.title for w in shell.windows()],
                5.0,
                "the prompt window stayed after Snooze",
            )
        assert "Start break" not in shell.menu(app.item()).labels()
    finally:
        watch.stop()


_PRESENCE = re.compile(r"^presence: in use: (\S+)", re.MULTILINE)


def test_idle_source_is_not_null(shell: Shell) -> None:
    env = shell.env_for_app()
    result = shell.run([sys.executable, "-m", "backbreak", "--diagnose"], env=env,
                       cwd=REPO_ROOT)  # fmt: skip
    assert result.returncode == 0, result.stderr
    found = _PRESENCE.search(result.stdout)
    assert found, f"--diagnose names no presence source:\n{result.stdout}"
    source = found.group(1)
    assert source != "null", f"no idle source in {shell.name}:\n{result.stdout}"


# ---------------------------------------------------------------------- late tray


@pytest.fixture(params=VARIANTS)
def trayless_shell(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Shell]:
    """A shell started without its StatusNotifierWatcher (enable it with enable_tray())."""
    _skip_if_missing(request.param)
    shell = make_shell(request.param, tmp_path / "logs", tray=False)
    try:
        shell.start()
    except ShellError as exc:
        shell.stop()
        pytest.fail(f"{request.param} did not start: {exc}\n{shell.all_logs()}")
    try:
        yield shell
    finally:
        _on_failure(request, shell)
        shell.stop()


def test_late_tray_replaces_the_status_window(
    trayless_shell: Shell, request: pytest.FixtureRequest
) -> None:
    shell = trayless_shell
    assert not shell.has_name(WATCHER), "the shell started with a StatusNotifierWatcher"
    app = shell.launch_app()
    shell.find_window(STATUS_WINDOW_TITLE, 10.0)
    app.check_running()

    shell.enable_tray()
    shell.wait_for_name(WATCHER, 60.0)
    appeared = time.monotonic()
    app.item(TRAY_TIMEOUT)
    wait_until(
        lambda: STATUS_WINDOW_TITLE not in [w.title for w in shell.windows()],
        max(0.5, TRAY_TIMEOUT - (time.monotonic() - appeared)),
        "the status window stayed after the tray appeared",
    )
    assert time.monotonic() - appeared <= TRAY_TIMEOUT + 0.5
