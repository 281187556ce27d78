"""Connects the controller to the prompt and the exercise window.

The prompt has two presentations, chosen each time one is shown:

- a desktop notification with Start / Snooze / Skip (:mod:`backbreak.shell.prompt_notice`) when
  the app was told to prefer it (on Wayland, where the compositor places and focuses windows
  as it likes) and the session's notification server offers buttons ("actions");
- otherwise the small prompt window (:mod:`backbreak.ui.prompt`), which X11 window managers
  place in the bottom-right corner without giving it the keyboard.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Qt, Signal

from backbreak.config.schema import Settings
from backbreak.controller import Controller
from backbreak.core.exercises import BREATHING_PATTERNS, Exercise
from backbreak.platform.notifications import NotificationServer
from backbreak.platform.sound import Chime, NullChime, make_chime
from backbreak.platform.speech import NullSpeaker, Speaker, make_speaker
from backbreak.shell.prompt_notice import NotificationPrompt
from backbreak.ui.exercise_window import Ending, ExerciseWindow
from backbreak.ui.prompt import BreakPrompt

log = logging.getLogger(__name__)


@dataclass
class BreakOptions:
    """How breaks look and sound, from the settings, plus the first-time safety note."""

    settings: Settings
    show_safety_note: bool = False
    make_chime: Callable[[int], Chime] = lambda volume: make_chime(volume)
    make_speaker: Callable[[], Speaker] = lambda: make_speaker()
    _chime: Chime | None = field(default=None, init=False, repr=False)

    def chime(self) -> Chime:
        """One chime for the app's life (one sound-server connection), at today's volume."""
        sound = self.settings.sound
        if not sound.chime:
            return NullChime()
        if self._chime is None:
            self._chime = self.make_chime(sound.volume)
        else:
            self._chime.set_volume(sound.volume)
        return self._chime

    def speaker(self) -> Speaker:
        return self.make_speaker() if self.settings.sound.speak else NullSpeaker()


class BreakSession(QObject):
    """Owns the single prompt and at most one exercise window."""

    safety_note_seen = Signal()  # the user acknowledged the first-time safety note

    def __init__(
        self,
        controller: Controller,
        catalogue: Mapping[str, Exercise],
        options: BreakOptions,
        parent: QObject | None = None,
        *,
        notifications: NotificationServer | None = None,
    ) -> None:
        """``notifications``: prefer prompts as desktop notifications where it offers buttons."""
        super().__init__(parent)
        self._controller = controller
        self._catalogue = catalogue
        self.options = options
        self._snooze_minutes = options.settings.schedule.snooze_minutes
        self._prompt: BreakPrompt | None = None
        self._notice: NotificationPrompt | None = None
        self._notifications = notifications
        self._showing: BreakPrompt | NotificationPrompt | None = None
        self._exercise_id = ""
        self.window: ExerciseWindow | None = None
        controller.prompt_requested.connect(self._show_prompt)
        controller.prompt_withdrawn.connect(self._hide_prompt)
        controller.break_started.connect(self._open_exercise)
        if notifications is not None:
            notifications.availability_changed.connect(self._on_notifications_changed)

    @property
    def prompt(self) -> BreakPrompt:
        """Built on first use: an idle app should not hold a window it has not shown."""
        if self._prompt is None:
            self._prompt = BreakPrompt(self._snooze_minutes)
            self._prompt.start_clicked.connect(self._controller.start_from_prompt)
            self._prompt.snooze_clicked.connect(self._controller.snooze)
            self._prompt.skip_clicked.connect(self._controller.skip)
        return self._prompt

    @property
    def notice(self) -> NotificationPrompt | None:
        """The notification presentation, if the app prefers it (built on first use)."""
        if self._notice is None and self._notifications is not None:
            self._notice = NotificationPrompt(self._notifications, self._snooze_minutes, self)
            self._notice.start_clicked.connect(self._controller.start_from_prompt)
            self._notice.snooze_clicked.connect(self._controller.snooze)
            self._notice.skip_clicked.connect(self._controller.skip)
        return self._notice

    @property
    def presentation(self) -> str:
        """How the prompt on screen is shown: "notification", "window" or "" (none)."""
        if self._showing is None:
            return ""
        return "window" if self._showing is self._prompt else "notification"

    def set_settings(self, settings: Settings) -> None:
        """New settings apply from the next prompt and the next break."""
        self.options.settings = settings
        self._snooze_minutes = settings.schedule.snooze_minutes
        if self._prompt is not None:
            self._prompt.set_snooze_minutes(self._snooze_minutes)
        if self._notice is not None:
            self._notice.set_snooze_minutes(self._snooze_minutes)

    def _hide_prompt(self) -> None:
        if self._showing is not None:
            self._showing.hide()
            self._showing = None

    def _show_prompt(self, exercise_id: str) -> None:
        self._exercise_id = exercise_id
        exercise = self._catalogue[exercise_id]
        server, notice = self._notifications, self.notice
        if server is not None and notice is not None and server.supports_actions():
            if self._showing is not notice:
                self._hide_prompt()
            if notice.show_for(exercise):
                self._shown_as(notice, f"notification ({server.describe()})")
                return
        if self._showing is not self._prompt:
            self._hide_prompt()
        self.prompt.show_for(exercise)
        unusable = "" if server is None else f": notifications unusable ({server.describe()})"
        self._shown_as(self.prompt, f"window{unusable}")

    def _shown_as(self, presenter: BreakPrompt | NotificationPrompt, how: str) -> None:
        """Remember what is on screen; say so in the log when the presentation changes."""
        if self._showing is not presenter:
            log.info("prompt shown as %s", how)
        self._showing = presenter

    def _on_notifications_changed(self) -> None:
        """The server came, went or changed: a prompt on screen moves to what works now."""
        if self._showing is not None and self._exercise_id:
            self._show_prompt(self._exercise_id)

    def _open_exercise(self, exercise_id: str) -> None:
        self._hide_prompt()
        if self.window is not None:
            self.window.start()
            return
        options = self.options
        window = ExerciseWindow(
            self._catalogue[exercise_id],
            pattern=BREATHING_PATTERNS[options.settings.break_.breathing_pattern],
            reduce_motion=options.settings.break_.reduce_motion,
            chime=options.chime(),
            speaker=options.speaker(),
            show_safety_note=options.show_safety_note,
        )
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.finished.connect(
            lambda ending: self._controller.finish_break(
                ending == Ending.COMPLETED, window.seconds_done, taken=ending != Ending.CLOSED
            )
        )
        window.safety_note_acknowledged.connect(self._safety_note_seen)
        window.destroyed.connect(self._forget_window)
        self.window = window
        window.start()

    def _safety_note_seen(self) -> None:
        self.options.show_safety_note = False
        self.safety_note_seen.emit()

    def _forget_window(self) -> None:
        self.window = None

    def close(self) -> None:
        if self._notice is not None:
            self._notice.close()
        if self._prompt is not None:
            self._prompt.close()
        if self.window is not None:
            self.window.close()
