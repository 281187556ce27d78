"""A minimal guided break: the exercise's steps, one at a time, with a countdown."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from backbreak.core.exercises import Exercise


class ExerciseWindow(QWidget):
    """Emits ``finished(True)`` when all steps are done, ``finished(False)`` when closed early."""

    finished = Signal(bool)

    def __init__(self, exercise: Exercise, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self.exercise = exercise
        self.setWindowTitle(f"{exercise.title} — backbreak")
        self._step = 0
        self._left = exercise.steps[0].seconds
        self._done = False
        self._reported = False

        self.title = QLabel(exercise.title, self)
        self.title.setStyleSheet("font-weight: bold; font-size: 14pt;")
        self.position = QLabel("", self)
        self.instruction = QLabel("", self)
        self.instruction.setWordWrap(True)
        self.instruction.setMinimumHeight(80)
        self.countdown = QLabel("", self)
        self.countdown.setStyleSheet("font-size: 20pt;")
        self.progress = QProgressBar(self)
        self.progress.setRange(0, len(exercise.steps))
        self.progress.setAccessibleName("Exercise progress")
        self.next_button = QPushButton("Next", self)
        self.next_button.setAccessibleName("Next step")
        self.next_button.clicked.connect(self.next_step)
        self.finish_button = QPushButton("Finish", self)
        self.finish_button.setAccessibleName("Finish the break")
        self.finish_button.clicked.connect(self._finish)

        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.finish_button)
        layout = QVBoxLayout(self)
        for widget in (self.title, self.position, self.instruction, self.countdown, self.progress):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        self.resize(420, 300)

        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.tick)
        self._show_step()

    def start(self) -> None:
        self._timer.start()
        self.show()
        self.raise_()
        self.activateWindow()

    def tick(self) -> None:
        """One second passed (driven by the window's timer, or by tests directly)."""
        if self._done:
            return
        self._left -= 1
        if self._left <= 0:
            self.next_step()
        else:
            self._show_step()

    def next_step(self) -> None:
        if self._step + 1 >= len(self.exercise.steps):
            self._all_done()
            return
        self._step += 1
        self._left = self.exercise.steps[self._step].seconds
        self._show_step()

    def _show_step(self) -> None:
        step = self.exercise.steps[self._step]
        self.position.setText(f"Step {self._step + 1} of {len(self.exercise.steps)}")
        self.instruction.setText(step.text)
        self.countdown.setText(f"{self._left} s")
        self.progress.setValue(self._step)

    def _all_done(self) -> None:
        self._done = True
        self._timer.stop()
        self.position.setText("Done")
        self.instruction.setText("Well done. Back to work, a little looser.")
        self.countdown.setText("")
        self.progress.setValue(len(self.exercise.steps))
        self.next_button.setEnabled(False)

    def _finish(self) -> None:
        self._report(completed=self._done)
        self.close()

    def _report(self, *, completed: bool) -> None:
        if not self._reported:
            self._reported = True
            self._timer.stop()
            self.finished.emit(completed)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._report(completed=self._done)
        super().closeEvent(event)
