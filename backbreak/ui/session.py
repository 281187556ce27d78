"""Connects the controller to the prompt and the exercise window."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QObject, Qt

from backbreak.controller import Controller
from backbreak.core.exercises import Exercise
from backbreak.ui.exercise_window import ExerciseWindow
from backbreak.ui.prompt import BreakPrompt


class BreakSession(QObject):
    """Owns the single prompt and at most one exercise window."""

    def __init__(
        self,
        controller: Controller,
        catalogue: Mapping[str, Exercise],
        snooze_minutes: int,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self._catalogue = catalogue
        self.prompt = BreakPrompt(snooze_minutes)
        self.window: ExerciseWindow | None = None
        controller.prompt_requested.connect(self._show_prompt)
        controller.prompt_withdrawn.connect(self.prompt.hide)
        controller.break_started.connect(self._open_exercise)
        self.prompt.start_clicked.connect(controller.start_from_prompt)
        self.prompt.snooze_clicked.connect(controller.snooze)
        self.prompt.skip_clicked.connect(controller.skip)

    def _show_prompt(self, exercise_id: str) -> None:
        self.prompt.show_for(self._catalogue[exercise_id])

    def _open_exercise(self, exercise_id: str) -> None:
        self.prompt.hide()
        if self.window is not None:
            self.window.start()
            return
        window = ExerciseWindow(self._catalogue[exercise_id])
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.finished.connect(self._controller.finish_break)
        window.destroyed.connect(self._forget_window)
        self.window = window
        window.start()

    def _forget_window(self) -> None:
        self.window = None

    def close(self) -> None:
        self.prompt.close()
        if self.window is not None:
            self.window.close()
