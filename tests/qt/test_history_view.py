"""Where "Your breaks…" is found (the tray menu, the no-tray window) and the view that owns the
window: built on first open, refreshed while open, gone once closed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from backbreak.shell.history_view import HistoryView, offer_history
from backbreak.ui.actions import AppActions
from backbreak.ui.history.window import TITLE, YourBreaksWindow
from backbreak.ui.tray import StatusWindow, TrayShell
from tests.qt.helpers import make_controller
from tests.qt.history_fakes import FakeHistory, empty_summary, seeded_summary

TITLES = {"seated-t-spine-matrix": "Seated T-spine matrix"}


def visible_texts(actions: AppActions) -> list[str]:
    tray = TrayShell(make_controller()[0], actions)
    return [a.text() or "-" for a in tray.menu.actions() if a.isVisible()]


def test_the_view_builds_the_window_on_first_open_and_refreshes_it(qtbot: QtBot) -> None:
    history = FakeHistory(seeded_summary())
    view = HistoryView(history, TITLES)
    assert view.window is None  # nothing built before it is asked for
    assert history.reads == 0
    view.open()
    window = view.window
    assert isinstance(window, YourBreaksWindow)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    assert window.windowTitle() == TITLE
    assert history.reads == 1
    history.current = empty_summary()
    view.refresh()  # a break was recorded
    assert history.reads == 2
    assert window.empty.isVisible()
    view.open()  # opened again: the same window, read afresh
    assert view.window is window
    assert history.reads == 3


def test_a_closed_window_is_not_refreshed_and_is_gone(qtbot: QtBot) -> None:
    history = FakeHistory(seeded_summary())
    view = HistoryView(history, TITLES)
    view.open()
    window = view.window
    assert window is not None
    with qtbot.waitSignal(window.destroyed):
        window.close()
    assert view.window is None  # no numbers kept for a window nobody sees
    view.refresh()
    assert history.reads == 1  # nothing read for a window nobody sees
    view.open()  # a new window, from the history as it is now
    assert view.window is not None
    qtbot.addWidget(view.window)
    assert history.reads == 2


def test_new_titles_reach_the_open_window(qtbot: QtBot) -> None:
    view = HistoryView(FakeHistory(seeded_summary()), {})
    view.open()
    assert view.window is not None
    qtbot.addWidget(view.window)
    assert "seated-t-spine-matrix" in view.window.programme.lines[2].text()
    view.set_titles(TITLES)
    view.refresh()
    assert "Seated T-spine matrix" in view.window.programme.lines[2].text()


def test_your_breaks_is_in_the_tray_menu_once_a_history_is_offered(qtbot: QtBot) -> None:
    controller, _clock, _deadline = make_controller()
    actions = AppActions(controller)
    assert "Your breaks…" not in visible_texts(actions)
    assert offer_history(actions.your_breaks, None, TITLES, actions) is None
    assert "Your breaks…" not in visible_texts(actions)
    history = FakeHistory(seeded_summary())
    view = offer_history(actions.your_breaks, history, TITLES, actions)
    assert view is not None
    texts = visible_texts(actions)
    assert texts[texts.index("Settings…") - 1] == "Your breaks…"
    actions.your_breaks.trigger()
    assert view.window is not None
    qtbot.addWidget(view.window)
    qtbot.waitExposed(view.window)
    assert history.reads == 1


def test_the_no_tray_window_has_a_your_breaks_button(qtbot: QtBot) -> None:
    controller, _clock, _deadline = make_controller()
    actions = AppActions(controller)
    status = StatusWindow(controller, actions)
    qtbot.addWidget(status)
    status.show()
    qtbot.waitExposed(status)
    assert not status.breaks_button.isVisible()  # no history kept: no button
    view = offer_history(actions.your_breaks, FakeHistory(seeded_summary()), TITLES, actions)
    assert view is not None
    assert status.breaks_button.isVisible()
    assert status.breaks_button.accessibleName() == "Your breaks"
    status.breaks_button.click()
    assert view.window is not None
    qtbot.addWidget(view.window)
    assert view.window.isVisible()


def test_offering_the_history_loads_neither_sqlite_nor_the_window() -> None:
    """The app wires "Your breaks…" at start-up, which must stay lean (see bench/)."""
    code = (
        "import sys\n"
        "import backbreak.shell.history_view, backbreak.ui.actions, backbreak.ui.tray\n"
        "print(' '.join(sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parents[2],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    modules = set(done.stdout.split())
    assert "backbreak.shell.history_view" in modules
    assert "sqlite3" not in modules
    assert "backbreak.ui.history.window" not in modules
