"""The app's commands as QActions, shared by the tray menu and the no-tray window."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from backbreak.controller import Controller
from backbreak.core.planner import Phase
from backbreak.ui.language import Plural, translate
from backbreak.ui.status_text import status_line


class AppActions(QObject):
    def __init__(self, controller: Controller, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self.info = QAction("", self)
        self.info.setEnabled(False)
        self.take_break = QAction(translate("Actions", "Take a break now"), self)
        self.take_break.triggered.connect(controller.take_break_now)
        # The prompt's own answers, also in the menu while a prompt is due: a keyboard path
        # wherever the prompt is drawn by the desktop (a notification) rather than by backbreak.
        self.start_prompted = QAction(translate("Actions", "Start break"), self)
        self.start_prompted.triggered.connect(controller.start_from_prompt)
        self.snooze = QAction(translate("Actions", "Snooze"), self)
        self.snooze.triggered.connect(controller.snooze)
        self.skip = QAction(translate("Actions", "Skip break"), self)
        self.skip.triggered.connect(controller.skip)
        self.pause_menu = QMenu(translate("Actions", "Pause"))
        self.pause_30 = self.pause_menu.addAction(translate("Actions", "For 30 minutes"))
        self.pause_30.triggered.connect(lambda: controller.pause_for(30))
        self.pause_60 = self.pause_menu.addAction(translate("Actions", "For 1 hour"))
        self.pause_60.triggered.connect(lambda: controller.pause_for(60))
        self.pause_tomorrow = self.pause_menu.addAction(translate("Actions", "Until tomorrow"))
        self.pause_tomorrow.triggered.connect(controller.pause_until_tomorrow)
        self.resume = QAction(translate("Actions", "Resume"), self)
        self.resume.triggered.connect(controller.resume)
        self.meeting_menu = QMenu(translate("Actions", "In a meeting"))
        self.meeting_30 = self.meeting_menu.addAction(translate("Actions", "For 30 minutes"))
        self.meeting_30.triggered.connect(lambda: controller.start_meeting(30))
        self.meeting_60 = self.meeting_menu.addAction(translate("Actions", "For 1 hour"))
        self.meeting_60.triggered.connect(lambda: controller.start_meeting(60))
        self.meeting_open = self.meeting_menu.addAction(translate("Actions", "Until I end it"))
        self.meeting_open.triggered.connect(lambda: controller.start_meeting(None))
        self.end_meeting = QAction(translate("Actions", "End meeting"), self)
        self.end_meeting.triggered.connect(controller.end_meeting)
        # Shown once the app keeps a history to show (the shell connects it to the window).
        self.your_breaks = QAction(translate("Actions", "Your breaks…"), self)
        self.your_breaks.setVisible(False)
        self.settings = QAction(translate("Actions", "Settings…"), self)
        self.about = QAction(translate("Actions", "About backbreak"), self)
        self.quit = QAction(translate("Actions", "Quit"), self)
        controller.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Bring texts and visibility up to date with the planner."""
        status = self._controller.status()
        self.info.setText(status_line(status, self._controller.now()))
        due = status.phase is Phase.PROMPT
        # During a break its window is already there; asking for another would do nothing.
        self.take_break.setEnabled(status.phase is not Phase.BREAK)
        for action in (self.start_prompted, self.snooze, self.skip):
            action.setVisible(due)
        minutes = round(self._controller.planner.rules.snooze.total_seconds() / 60)
        self.snooze.setText(Plural.tr("Snooze %n min", "", minutes))
        paused = status.paused_until is not None
        self.resume.setVisible(paused)
        self.pause_menu.menuAction().setVisible(not paused)
        self.end_meeting.setVisible(status.meeting)
        self.meeting_menu.menuAction().setVisible(not status.meeting)

    def fill_menu(self, menu: QMenu) -> None:
        """The tray menu's order; e2e tests navigate it with the keyboard."""
        menu.addAction(self.info)
        menu.addSeparator()
        menu.addAction(self.take_break)
        menu.addAction(self.start_prompted)
        menu.addAction(self.snooze)
        menu.addAction(self.skip)
        menu.addMenu(self.pause_menu)
        menu.addAction(self.resume)
        menu.addMenu(self.meeting_menu)
        menu.addAction(self.end_meeting)
        menu.addSeparator()
        menu.addAction(self.your_breaks)
        menu.addAction(self.settings)
        menu.addAction(self.about)
        menu.addSeparator()
        menu.addAction(self.quit)
        menu.aboutToShow.connect(self.refresh)
