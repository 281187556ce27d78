"""The tray icon, or a small status window where there is no system tray."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QCloseEvent, QCursor, QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSystemTrayIcon,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from backbreak.controller import Controller
from backbreak.core.planner import Status
from backbreak.resources import resource_path
from backbreak.ui.actions import AppActions
from backbreak.ui.language import arg, translate
from backbreak.ui.status_text import tooltip


class IconState(Enum):
    """What the tray icon says at a glance; each state has its own drawing."""

    RUNNING = "backbreak.svg"
    PAUSED = "backbreak-paused.svg"
    MEETING = "backbreak-meeting.svg"


def app_icon(state: IconState = IconState.RUNNING) -> QIcon:
    return QIcon(str(resource_path("icons", state.value)))


def icon_state(status: Status) -> IconState:
    """A meeting outranks a pause: it is what holds breaks back while it lasts."""
    if status.meeting:
        return IconState.MEETING
    if status.paused_until is not None:
        return IconState.PAUSED
    return IconState.RUNNING


class TrayShell(QObject):
    """The normal home of backbreak: an icon in the system tray with its menu."""

    def __init__(
        self,
        controller: Controller,
        actions: AppActions,
        parent: QObject | None = None,
        *,
        menu_at_pointer: bool | None = None,
    ) -> None:
        """``menu_at_pointer``: whether the app may open its menu of its own accord (not on
        Wayland, where a menu needs a window the user just used); by default, from Qt's
        platform."""
        super().__init__(parent)
        if menu_at_pointer is None:
            menu_at_pointer = not QGuiApplication.platformName().startswith("wayland")
        self._menu_at_pointer = menu_at_pointer
        self._controller = controller
        self._progress: Callable[[], str | None] = lambda: None
        self._icons = {state: app_icon(state) for state in IconState}
        self.menu = QMenu()
        actions.fill_menu(self.menu)
        self.icon = self._make_icon()
        controller.changed.connect(self.refresh)
        self.refresh()

    def _make_icon(self) -> QSystemTrayIcon:
        icon = QSystemTrayIcon(self._icons[IconState.RUNNING], self)
        icon.setContextMenu(self.menu)
        icon.activated.connect(self._on_activated)
        return icon

    def show(self) -> None:
        self.icon.show()

    def renew(self) -> None:
        """Replace the icon with a new one, which binds to whatever tray exists now."""
        old, visible = self.icon, self.icon.isVisible()
        old.hide()
        old.setContextMenu(None)  # type: ignore[arg-type]
        old.deleteLater()
        self.icon = self._make_icon()
        self.refresh()
        if visible:
            self.icon.show()

    def hide(self) -> None:
        self.icon.hide()

    def show_progress_from(self, progress: Callable[[], str | None]) -> None:
        """Where the tooltip's second line (today's breaks against the goal) comes from."""
        self._progress = progress
        self.refresh()

    def refresh(self) -> None:
        status = self._controller.status()
        self.icon.setToolTip(tooltip(status, self._controller.now(), self._progress()))
        self.icon.setIcon(self._icons[icon_state(status)])

    def placed(self) -> bool:
        """Whether the tray has put the icon in its place, so a balloon points at it.

        An XEmbed icon (the X11 tray) is a window of its own, at the screen's origin until the
        tray embeds it, and Qt says nothing when that happens. A StatusNotifierItem icon has no
        geometry at all: its messages are desktop notifications, placed by the desktop.
        """
        geometry = self.icon.geometry()
        return not geometry.isValid() or geometry.topLeft() != QPoint(0, 0)

    def notify(self, title: str, message: str) -> None:
        self.icon.showMessage(title, message, QSystemTrayIcon.MessageIcon.Information, 15_000)

    def present(self) -> bool:
        """Another launch asked us to show ourselves: pop the menu up at the pointer, where
        the platform lets an app do that; says whether it did."""
        if not self._menu_at_pointer:
            return False
        self.menu.popup(QCursor.pos())
        return True

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason is QSystemTrayIcon.ActivationReason.Trigger:
            self.menu.popup(QCursor.pos())


class StatusWindow(QWidget):
    """Where no system tray exists, backbreak lives in this small window instead."""

    def __init__(self, controller: Controller, actions: AppActions) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self._controller = controller
        self.setWindowTitle("backbreak")
        self.setWindowIcon(app_icon())
        self.status = QLabel("", self)
        self.status.setAccessibleName(translate("Tray", "Next break"))
        self.explain = QLabel(
            translate(
                "Tray",
                "No system tray was found, so backbreak shows this window instead. "
                "Closing it minimises it; use Quit to stop backbreak.",
            ),
            self,
        )
        self.explain.setWordWrap(True)
        self.message = QLabel("", self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.hide()

        row = QHBoxLayout()
        take = QPushButton(actions.take_break.text(), self)
        take.clicked.connect(actions.take_break.trigger)
        take.setEnabled(actions.take_break.isEnabled())
        actions.take_break.enabledChanged.connect(take.setEnabled)
        self.take_button = take
        pause = QToolButton(self)
        pause.setText(actions.pause_menu.title())
        pause.setAccessibleName(actions.pause_menu.title())
        pause.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        pause.setMenu(actions.pause_menu)
        self.resume_button = QPushButton(actions.resume.text(), self)
        self.resume_button.clicked.connect(actions.resume.trigger)
        meeting = QToolButton(self)
        meeting.setText(actions.meeting_menu.title())
        meeting.setAccessibleName(actions.meeting_menu.title())
        meeting.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        meeting.setMenu(actions.meeting_menu)
        self.meeting_button = meeting
        self.end_meeting_button = QPushButton(actions.end_meeting.text(), self)
        self.end_meeting_button.clicked.connect(actions.end_meeting.trigger)
        breaks = QPushButton(actions.your_breaks.text(), self)
        breaks.setAccessibleName(translate("Tray", "Your breaks"))
        breaks.clicked.connect(actions.your_breaks.trigger)
        breaks.setVisible(actions.your_breaks.isVisible())
        actions.your_breaks.visibleChanged.connect(
            lambda: breaks.setVisible(actions.your_breaks.isVisible())
        )
        self.breaks_button = breaks
        settings = QPushButton(actions.settings.text(), self)
        settings.clicked.connect(actions.settings.trigger)
        about = QPushButton(translate("Tray", "About"), self)
        about.setAccessibleName(actions.about.text())
        about.clicked.connect(actions.about.trigger)
        quit_button = QPushButton(actions.quit.text(), self)
        quit_button.clicked.connect(actions.quit.trigger)
        self.pause_button = pause
        for widget in (
            take,
            pause,
            self.resume_button,
            meeting,
            self.end_meeting_button,
            breaks,
            settings,
            about,
            quit_button,
        ):
            row.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.message)
        layout.addLayout(row)
        layout.addWidget(self.explain)
        controller.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        status = self._controller.status()
        self.status.setText(tooltip(status, self._controller.now()))
        paused = status.paused_until is not None
        self.resume_button.setVisible(paused)
        self.pause_button.setVisible(not paused)
        self.end_meeting_button.setVisible(status.meeting)
        self.meeting_button.setVisible(not status.meeting)

    def notify(self, title: str, message: str) -> None:
        self.notify_quietly(title, message)
        self.present()

    def notify_quietly(self, title: str, message: str) -> None:
        """Keep the message on the window's message line without bringing the window up."""
        self.message.setText(arg(translate("Tray", "%1: %2"), title, message))
        self.message.show()

    def present(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()
        self.showMinimized()
