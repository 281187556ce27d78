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
        self._snooze_minutes = snooze_minutes
        self._prompt: BreakPrompt | None = None
        self.window: ExerciseWindow | None = None
        controller.prompt_requested.connect(self._show_prompt)
        controller.prompt_withdrawn.connect(self._hide_prompt)
        controller.break_started.connect(self._open_exercise)

    @property
    def prompt(self) -> BreakPrompt:
        """Built on first use: an idle app should not hold a window it has not shown."""
        if self._prompt is None:
            self._prompt = BreakPrompt(self._snooze_minutes)
            self._prompt.start_clicked.connect(self._controller.start_from_prompt)
            self._prompt.snooze_clicked.connect(self._controller.snooze)
            self._prompt.skip_clicked.connect(self._controller.skip)
        return self._prompt

    def _hide_prompt(self) -> None:
        if self._prompt is not None:
            self._prompt.hide()

    def _show_prompt(self, exercise_id: str) -> None:
        self.prompt.show_for(self._catalogue[exercise_id])

    def _open_exercise(self, exercise_id: str) -> None:
        self._hide_prompt()
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
        if self._prompt is not None:
            self._prompt.close()
        if self.window is not None:
            self.window.close()
