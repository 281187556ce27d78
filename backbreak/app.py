"""Composition root: build the objects, wire their signals, run the event loop. No logic."""

from __future__ import annotations

import logging
import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import platformdirs

from backbreak import __version__

if TYPE_CHECKING:
    from backbreak.scheduling import DeadlineTimer

log = logging.getLogger("backbreak")


def run() -> int:
    from backbreak.logs import install_excepthook, setup_logging

    log_file = setup_logging(platformdirs.user_log_path("backbreak"))
    install_excepthook()
    log.info("backbreak %s starting (log: %s)", __version__, log_file)

    from backbreak.platform.instance import (
        InstanceError,
        InstanceServer,
        instance_address,
        send_request,
    )

    address = instance_address()
    try:
        if send_request(address, {"cmd": "activate"}) is not None:
            print("backbreak is already running; it shows its menu now.")
            return 0
    except InstanceError as exc:
        log.warning("an instance socket exists but did not answer properly: %s", exc)

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QSystemTrayIcon

    from backbreak.config.rules import planner_rules
    from backbreak.config.store import load_at_startup, settings_path
    from backbreak.controller import Controller
    from backbreak.core.clock import SystemClock
    from backbreak.core.exercises import load_catalogue, rotation_for
    from backbreak.core.planner import Planner
    from backbreak.platform.signals import SignalQuitter
    from backbreak.resources import resources_dir
    from backbreak.ui.actions import AppActions
    from backbreak.ui.commands import RemoteCommands
    from backbreak.ui.folders import open_folder
    from backbreak.ui.session import BreakSession
    from backbreak.ui.status_text import status_line
    from backbreak.ui.tray import StatusWindow, TrayShell, app_icon

    app = QApplication(sys.argv[:1])
    app.setApplicationName("backbreak")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("backbreak")
    app.setQuitOnLastWindowClosed(False)
    app.setWindowIcon(app_icon())

    # exit(), not quit(): quit() lets a window veto it, and the no-tray window only minimises.
    def quit_app() -> None:
        app.exit(0)

    quitter = SignalQuitter(quit_app, app)

    server = InstanceServer(address, lambda request: handle(request), app)
    try:
        if not server.listen():
            send_request(address, {"cmd": "activate"})
            print("backbreak is already running; it shows its menu now.")
            return 0
    except InstanceError as exc:  # e.g. a regular file where the socket belongs
        log.warning("running without the single-instance guard: %s", exc)

    path = settings_path()
    startup = load_at_startup(path, datetime.now(UTC))
    for message in startup.messages():
        log.warning("settings: %s", message)
    settings = startup.settings
    catalogue = load_catalogue(resources_dir() / "exercises")
    clock = SystemClock()
    planner = Planner(
        planner_rules(settings),
        rotation_for(settings.break_.exercise, catalogue),
        {key: exercise.duration for key, exercise in catalogue.items()},
        clock.now(),
    )

    def make_deadline() -> DeadlineTimer:
        from backbreak.scheduling import DeadlineTimer

        return DeadlineTimer(app)

    controller = Controller(clock, planner, make_deadline, app)
    actions = AppActions(controller, app)
    session = BreakSession(controller, catalogue, settings.schedule.snooze_minutes, app)

    shell: TrayShell | StatusWindow
    if QSystemTrayIcon.isSystemTrayAvailable():
        shell = TrayShell(controller, actions, app)
    else:
        log.warning("no system tray available: showing the status window instead")
        shell = StatusWindow(controller, actions)

    def open_settings_folder() -> None:
        if not open_folder(path.parent):
            shell.notify("Settings", f"Edit {path} in a text editor; backbreak reads it at start.")

    handle = RemoteCommands(controller, shell)
    actions.settings.triggered.connect(open_settings_folder)
    actions.quit.triggered.connect(quit_app)
    shell.show()
    if startup.messages():
        shell.notify("backbreak settings", "\n".join(startup.messages()))

    def start_scheduling() -> None:
        controller.start()
        log.info("ready: %s", status_line(controller.status(), clock.now()))

    # The icon first, then the scheduler: the user sees backbreak sooner.
    QTimer.singleShot(0, start_scheduling)

    code = app.exec()
    log.info("quitting")
    session.close()
    controller.stop()
    server.close()
    quitter.close()
    shell.hide()
    return code
