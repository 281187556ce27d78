"""Composition root: build the objects, wire their signals, run the event loop. No logic."""

from __future__ import annotations

import functools
import logging
import os
import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import platformdirs

from backbreak import APP_ID, __version__

if TYPE_CHECKING:
    from PySide6.QtGui import QGuiApplication

    from backbreak.scheduling import DeadlineTimer
    from backbreak.ui.about import AboutWindow
    from backbreak.ui.settings_dialog import SettingsDialog

log = logging.getLogger("backbreak")


def run() -> int:
    from backbreak.logs import install_excepthook, setup_logging

    log_file = setup_logging(platformdirs.user_log_path("backbreak"))
    install_excepthook()
    log.info("backbreak %s starting (log: %s)", __version__, log_file)

    from backbreak.platform.local_zone import use_utc_if_unusable

    if (zone_problem := use_utc_if_unusable()) is not None:
        log.warning("%s; using UTC", zone_problem)

    from backbreak.platform.instance_client import InstanceBusy, InstanceError, hand_over
    from backbreak.platform.instance_folder import instance_address

    def refuse(busy: InstanceBusy) -> int:
        """A running instance that does not answer is still running: never start a second."""
        log.error("%s", busy)
        print(busy, file=sys.stderr)
        return 1

    try:
        address: str | None = instance_address()
    except InstanceError as exc:  # no safe place for the socket at all
        log.warning("running without the single-instance guard: %s", exc)
        address = None
    try:
        if address is not None and (reply := hand_over(address, activate_request())) is not None:
            print(already_running(reply))
            return 0
    except InstanceBusy as exc:
        return refuse(exc)

    from backbreak.platform.qt_libraries import qt_start_problem

    if (qt_problem := qt_start_problem()) is not None:  # Qt would abort() instead of saying it
        log.info("%s", qt_problem)  # the file's copy; stderr gets the one plain line below
        print(f"backbreak: {qt_problem}", file=sys.stderr)
        return 1

    from PySide6.QtCore import QTimer
    from PySide6.QtDBus import QDBusConnection
    from PySide6.QtWidgets import QApplication

    from backbreak.config.exercise_files import load_catalogue, load_custom_exercises
    from backbreak.config.layers import load_layered, site_settings_paths
    from backbreak.config.schema import Settings
    from backbreak.config.state import load_state, save_state, state_path
    from backbreak.config.store import custom_exercises_path, remove_stale_temps, settings_path
    from backbreak.controller import Controller
    from backbreak.core.clock import SystemClock
    from backbreak.core.exercises import in_language, merge_catalogues
    from backbreak.core.planner import Planner
    from backbreak.history.location import history_path
    from backbreak.platform.autostart import choose_autostart, refresh_entry, written_files
    from backbreak.platform.instance import InstanceServer
    from backbreak.platform.signals import SignalQuitter
    from backbreak.resources import resources_dir
    from backbreak.shell.clock_control import Handler, clock_control_from_env
    from backbreak.shell.commands import RemoteCommands
    from backbreak.shell.diagnose import desktop_notifications, prompt_diagnosis
    from backbreak.shell.history_recorder import HistoryRecorder, history_options
    from backbreak.shell.history_view import offer_history
    from backbreak.shell.home_links import DesktopNotices, TrayWatcher
    from backbreak.shell.inputs import PlatformInputs
    from backbreak.shell.login_start import SystemLoginStart
    from backbreak.shell.plan_inputs import plan_inputs
    from backbreak.shell.session import BreakOptions, BreakSession
    from backbreak.shell.settings_sync import SettingsSync
    from backbreak.ui.actions import AppActions
    from backbreak.ui.home import Home
    from backbreak.ui.language import install_language, translate
    from backbreak.ui.status_text import progress_line, status_line
    from backbreak.ui.tray import StatusWindow, TrayShell, app_icon

    app = QApplication(sys.argv[:1])
    name_application(app)
    app.setQuitOnLastWindowClosed(False)
    app.setWindowIcon(app_icon())

    # exit(), not quit(): quit() lets a window veto it, and the no-tray window only minimises.
    def quit_app() -> None:
        app.exit(0)

    quitter = SignalQuitter(quit_app, app)

    server = None if address is None else InstanceServer(address, lambda r: handle(r), app)
    try:
        claimed = server is None or server.listen()
    except InstanceError as exc:  # e.g. a regular file where the socket belongs: no one is there
        log.warning("running without the single-instance guard: %s", exc)
        claimed = True
    if not claimed and address is not None:
        # Another instance took the address since the hand-over above.
        try:
            reply = hand_over(address, activate_request())
            if reply is None:
                raise InstanceBusy("another backbreak was starting or stopping; try again")
        except InstanceBusy as exc:
            return refuse(exc)
        print(already_running(reply))
        return 0

    path = settings_path()
    state_file = state_path()
    autostart = choose_autostart()
    stale = remove_stale_temps([path, state_file, *written_files(autostart)])
    if stale:
        log.info("removed %d temporary files left by interrupted saves", len(stale))
    refresh_entry(autostart)
    site_paths = site_settings_paths()
    layered = load_layered(path, site_paths, datetime.now(UTC), quarantine=True)
    for message in layered.problems:
        log.warning("settings: %s", message)
    settings = layered.settings
    notices = list(layered.problems)
    # Before any widget exists: widgets take their words when they are built.
    language = install_language(app, settings.interface.language)
    shipped = load_catalogue(resources_dir() / "exercises")
    custom, custom_problems = load_custom_exercises(custom_exercises_path(), reserved=shipped)
    catalogue = in_language(merge_catalogues(shipped, custom), language)
    plan = plan_inputs(settings, catalogue)
    for problem in (*custom_problems, *plan.warnings):
        log.warning("exercises: %s", problem)
        notices.append(problem)
    test_clock = clock_control_from_env()  # e2e tests only: see backbreak.shell.clock_control
    clock = SystemClock() if test_clock is None else test_clock.clock
    planner = Planner(plan.rules, plan.rotation, plan.durations, clock.now())

    def make_deadline() -> DeadlineTimer:
        from backbreak.scheduling import DeadlineTimer

        return DeadlineTimer(app) if test_clock is None else test_clock.deadline(app)

    controller = Controller(clock, planner, make_deadline, app)
    history = HistoryRecorder(
        history_path(), clock.now, **history_options(settings, plan.rotation, catalogue), parent=app
    )
    controller.recorded.connect(history.record)
    actions = AppActions(controller, app)
    state = load_state(state_file, clock.now())
    options = BreakOptions(settings, show_safety_note=not state.safety_note_seen)
    notifications = desktop_notifications()
    # On Wayland the compositor places windows and gives them the keyboard as it likes, so the
    # prompt is a notification there wherever the server offers buttons.
    prefer_notification = app.platformName().startswith("wayland")
    session = BreakSession(
        controller,
        catalogue,
        options,
        app,
        notifications=notifications if prefer_notification else None,
    )

    def remember_safety_note() -> None:
        try:
            save_state(state_file, load_state(state_file, clock.now()).with_safety_note_seen())
        except OSError as exc:
            log.warning("could not save %s: %s", state_file, exc)

    session.safety_note_seen.connect(remember_safety_note)

    sync = SettingsSync(
        path,
        layered,
        lambda: load_layered(path, site_paths, clock.now(), quarantine=False),
        app,
    )

    platform_inputs = (
        PlatformInputs(controller, app)
        if test_clock is None
        else PlatformInputs(controller, app, choose_presence=test_clock.choose_presence)
    )

    def apply_settings(new: Settings) -> None:
        old = session.options.settings
        changed = plan_inputs(new, catalogue)
        for warning in changed.warnings:
            log.warning("exercises: %s", warning)
        controller.apply_plan(changed.rules, changed.rotation, changed.durations)
        history.configure(**history_options(new, changed.rotation, catalogue))
        session.set_settings(new)
        platform_inputs.apply(old, new)

    sync.changed.connect(apply_settings)

    bus = QDBusConnection.sessionBus() if notifications is not None else None
    tray = TrayShell(controller, actions, app)
    tray.show_progress_from(lambda: progress_line(history.today(), history.goals.breaks_per_day))
    history.changed.connect(tray.refresh)
    shell = Home(
        tray,
        lambda: StatusWindow(controller, actions),
        tray_watch=None if bus is None else TrayWatcher(bus, app),
        notifications=None if notifications is None else DesktopNotices(notifications),
        parent=app,
    )

    # Built when first asked for (an idle app holds no window it has not shown), then kept.
    @functools.cache
    def settings_dialog() -> SettingsDialog:
        from backbreak.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(
            path,
            sync.layered,
            catalogue,
            SystemLoginStart(choose_autostart()),
            load=lambda: load_layered(path, site_paths, clock.now(), quarantine=False),
        )
        dialog.applied.connect(lambda _settings: sync.reload())
        return dialog

    @functools.cache
    def about_window() -> AboutWindow:
        from backbreak.ui.about import AboutWindow

        return AboutWindow(
            [
                f"Settings: {path}",
                f"Your own exercises: {custom_exercises_path()}",
                f"Log: {log_file}",
                *platform_inputs.diagnosis,
                f"prompt: {prompt_diagnosis(notifications, prefer_notification)}",
            ],
            folder=path.parent,
        )

    handle: Handler = RemoteCommands(
        controller,
        shell,
        today=lambda: history.today(open_it=True),
        daily_goal=lambda: history.goals.breaks_per_day,
    )
    if test_clock is not None:
        handle = test_clock.commands(handle)
    actions.settings.triggered.connect(lambda: settings_dialog().present())
    actions.about.triggered.connect(lambda: about_window().present())
    titles = {key: exercise.title for key, exercise in catalogue.items()}
    if (history_view := offer_history(actions.your_breaks, history, titles, app)) is not None:
        history.changed.connect(history_view.refresh)
    actions.quit.triggered.connect(quit_app)
    shell.show()
    if notices:
        shell.notify(translate("Notices", "backbreak settings"), "\n".join(notices))
    sync.problem.connect(
        lambda message: shell.notify(translate("Notices", "backbreak settings"), message)
    )
    history.problem_found.connect(
        lambda message: shell.notify(translate("Notices", "backbreak history"), message)
    )

    def start_scheduling() -> None:
        if notifications is not None:
            notifications.start()
        controller.start()
        platform_inputs.start(settings)
        history.open_existing()
        log.info("ready: %s", status_line(controller.status(), clock.now()))

    # The icon first, then the scheduler: the user sees backbreak sooner.
    QTimer.singleShot(0, start_scheduling)

    code = app.exec()
    log.info("quitting")
    session.close()
    if notifications is not None:
        notifications.stop()
    platform_inputs.stop()
    controller.stop()
    history.close()
    if server is not None:
        server.close()
    quitter.close()
    shell.hide()
    return code


def name_application(app: QGuiApplication) -> None:
    """Name the app for the desktop: Wayland compositors and notification servers match its
    windows to the launcher ``<APP_ID>.desktop`` by the desktop file name."""
    app.setApplicationName("backbreak")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)


def activate_request() -> dict[str, object]:
    """Ask the running backbreak to show itself, with this launch's activation token (given
    by the desktop's launcher on Wayland), without which it may not come forward."""
    request: dict[str, object] = {"cmd": "activate"}
    token = os.environ.get("XDG_ACTIVATION_TOKEN", "")
    if token:
        request["activation_token"] = token
    return request


def already_running(reply: dict[str, object] | None) -> str:
    """What a second launch tells the user, from what the running one says it did."""
    shown = None if reply is None else reply.get("shown")
    if shown == "window":
        return "backbreak is already running; its window is brought to the front."
    if shown == "menu":
        return "backbreak is already running; its tray menu is open at the mouse pointer."
    if shown == "tray":
        return "backbreak is already running; its icon is in the system tray."
    return "backbreak is already running."
