"""The guided break: one step at a time, with its illustration, a countdown and a chime.

A small window on the screen the mouse is on, above other windows, that can take
the keyboard focus but never grabs it, and fits that screen's free area at any scale
(:meth:`~backbreak.ui.exercise_fit.FittedWindow.fit_to`). The walkthrough
(``backbreak.core.walkthrough``) keeps the time; the window shows it and forwards the controls:

- Space pauses and resumes, Left and Right go back and forward, Esc closes; every
  button works with Tab and Enter too.
- A breathing step shows the breathing pacer instead of an illustration.
- ``finished`` says how it ended, once (an :class:`Ending`): ``"completed"`` (all steps
  done), ``"ended early"`` (Finish early: the time done counts as a shorter break) or
  ``"closed"`` (Close, Esc, the window's close button: not counted as a break taken);
  ``seconds_done`` tells how long was exercised.

The widgets and their layout are :mod:`backbreak.ui.exercise_layout`; fitting a screen is
:mod:`backbreak.ui.exercise_fit`.

Time comes from a ticker: by default a 1 s ``QTimer`` that runs only while the
window is shown and the walkthrough is running. Tests pass their own ticker (an
object with ``start()``, ``stop()`` and a ``timeout`` signal) or call ``advance``.
"""

from __future__ import annotations

import enum
import html
from collections.abc import Sequence
from typing import Protocol

from PySide6.QtCore import Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QCloseEvent, QHideEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from backbreak.config.exercise_files import illustration_path
from backbreak.core.breathing import whole_breaths
from backbreak.core.exercises import (
    BREATHING_PATTERNS,
    DEFAULT_BREATHING_PATTERN,
    BreathingPattern,
    Exercise,
    Step,
)
from backbreak.core.walkthrough import Completed, EndedEarly, Event, StepChanged, Walkthrough
from backbreak.ui.break_sound import Chime, Silence, Speaker
from backbreak.ui.exercise_fit import MAX_SIZE
from backbreak.ui.exercise_layout import DONE_TEXT, SHORT_DONE_TEXT, ExerciseLayout
from backbreak.ui.illustration import clear_cache
from backbreak.ui.language import Plural, arg, translate
from backbreak.ui.prompt_text import describe_duration

__all__ = ["MAX_SIZE", "Ending", "ExerciseWindow", "Ticker", "format_countdown"]


TICK_MS = 1000
MIN_SECONDS_WORTH_SAYING = 10  # stepping through with Next should not read "0 s"


class Ending(enum.StrEnum):
    """How a guided break ended, as ``finished`` reports it."""

    COMPLETED = "completed"
    ENDED_EARLY = "ended early"
    """Finish early: what was done counts as a (shorter) break."""
    CLOSED = "closed"
    """Closed before the end: the break is not counted as taken."""


class Ticker(Protocol):
    """What drives the walkthrough: ``timeout`` once a second between ``start()`` and ``stop()``."""

    @property
    def timeout(self) -> SignalInstance: ...

    def start(self) -> None: ...

    def stop(self) -> None: ...


def _set_text(widget: QLabel | QPushButton, text: str) -> bool:
    """Set ``text`` unless it is already there; whether it changed."""
    if widget.text() == text:
        return False
    widget.setText(text)
    return True


def format_countdown(seconds: int) -> str:
    if seconds < 60:
        return Plural.tr("%n s", "", seconds)
    minutes, rest = divmod(seconds, 60)
    return f"{minutes}:{rest:02d}"


class ExerciseWindow(ExerciseLayout):
    """Walks through ``exercise``; emits ``finished(ending)`` exactly once."""

    finished = Signal(str)  # an Ending
    safety_note_acknowledged = Signal()

    def __init__(
        self,
        exercise: Exercise,
        *,
        pattern: BreathingPattern | None = None,
        reduce_motion: bool = False,
        chime: Chime | None = None,
        speaker: Speaker | None = None,
        ticker: Ticker | None = None,
        show_safety_note: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        pattern = pattern or BREATHING_PATTERNS[DEFAULT_BREATHING_PATTERN]
        super().__init__(
            exercise,
            pattern,
            reduce_motion=reduce_motion,
            show_safety_note=show_safety_note,
            parent=parent,
        )
        self.walkthrough = Walkthrough(
            [
                whole_breaths(step.seconds, pattern) if step.breathing else step.seconds
                for step in exercise.steps
            ]
        )
        self._chime: Chime = chime if chime is not None else Silence()
        self._speaker: Speaker = speaker if speaker is not None else Silence()
        self._reported = False
        self._ticking = False
        self._shown_step: int | None = None

        if ticker is None:
            timer = QTimer(self)
            timer.setObjectName("exerciseTicker")
            timer.setInterval(TICK_MS)
            ticker = timer
        self._ticker = ticker
        self._ticker.timeout.connect(self.tick)
        self._connect_controls()
        self._show_step()

    def _connect_controls(self) -> None:
        if self.safety_note is not None:
            self.safety_note.acknowledged.connect(self._safety_acknowledged)
        for button, action in (
            (self.back_button, self.back),
            (self.pause_button, self.toggle_pause),
            (self.next_button, self.next_step),
            (self.finish_early_button, self.finish_early),
            (self.close_button, self.close),
            (self.finish_button, self._finish),
        ):
            button.clicked.connect(action)
        self._shortcuts = {
            "pause": self._shortcut(Qt.Key.Key_Space, self.toggle_pause),
            "back": self._shortcut(Qt.Key.Key_Left, self.back),
            "next": self._shortcut(Qt.Key.Key_Right, self.next_step),
            "close": self._shortcut(Qt.Key.Key_Escape, self.close),
            "finish": self._shortcut(Qt.Key.Key_Return, self._finish),
            "finish-enter": self._shortcut(Qt.Key.Key_Enter, self._finish),
        }
        self._shortcuts["finish"].setEnabled(False)
        self._shortcuts["finish-enter"].setEnabled(False)

    # -- what the app and tests use ---------------------------------------------

    @property
    def seconds_done(self) -> float:
        """Seconds spent exercising so far (paused time not counted)."""
        return self.walkthrough.elapsed

    @property
    def step(self) -> Step:
        return self.exercise.steps[self.walkthrough.index]

    @property
    def ticking(self) -> bool:
        return self._ticking

    def start(self) -> None:
        """Show the window centred on the screen the mouse is on, above other windows."""
        first_show = not self.isVisible()
        if first_show:
            self._place_on_cursor_screen()
        self.show()
        self.raise_()
        self.activateWindow()
        if first_show:
            self.pause_button.setFocus(Qt.FocusReason.OtherFocusReason)
            self._say_step()

    def tick(self) -> None:
        """One second passed (the ticker's ``timeout``; tests may call it directly)."""
        self.advance(1.0)

    def advance(self, seconds: float) -> None:
        """``seconds`` passed: move the countdown (not while paused or finished)."""
        self._apply(self.walkthrough.tick(seconds))

    def toggle_pause(self) -> None:
        if not self.walkthrough.running:
            return
        if not self.walkthrough.paused:
            self._catch_up()
        self._apply(self.walkthrough.toggle_pause())

    def pause(self) -> None:
        if self.walkthrough.running and not self.walkthrough.paused:
            self.toggle_pause()

    def resume(self) -> None:
        if self.walkthrough.paused:
            self.toggle_pause()

    def next_step(self) -> None:
        if self.walkthrough.running:
            self._restart_ticker()
            self._apply(self.walkthrough.next())

    def back(self) -> None:
        if self.walkthrough.running:
            self._restart_ticker()
            self._apply(self.walkthrough.back())

    def finish_early(self) -> None:
        """Stop here and count what was done: ``finished("ended early")``; the window closes."""
        if self.walkthrough.running:
            self._catch_up()
            self._apply(self.walkthrough.finish_early())
            self._report(Ending.ENDED_EARLY)
        self.close()

    # -- reacting to the walkthrough ---------------------------------------------

    def _apply(self, events: Sequence[Event]) -> None:
        for event in events:
            if isinstance(event, StepChanged | Completed):
                self._chime.play()
        self._show_step()
        if any(isinstance(event, StepChanged) for event in events):
            self._say_step()
        if any(isinstance(event, Completed) for event in events):
            self._show_done()
        if any(isinstance(event, EndedEarly) for event in events):
            self._speaker.stop()
        self._sync_timers()

    def _show_step(self) -> None:
        """Bring the labels up to date; only what changed is touched (this runs every second)."""
        walk = self.walkthrough
        if walk.completed:
            return
        step = self.step
        if self._shown_step != walk.index:
            self._shown_step = walk.index
            where = arg(translate("Exercise", "Step %1 of %2"), walk.index + 1, walk.step_count)
            self.position.setText(where)
            self.progress.setAccessibleDescription(where)
            self.instruction.setText(step.text)
            if step.breathing and self.pacer is not None:
                self.stack.setCurrentWidget(self.pacer)
                self.countdown.setFont(self._small_countdown_font)
            else:
                self.stack.setCurrentWidget(self.illustration)
                self.countdown.setFont(self._countdown_font)
                self._show_illustration(step)
        if self.pacer is not None and step.breathing:
            self.pacer.set_elapsed(walk.step_elapsed)
        value = round(1000 * walk.position / walk.total_seconds)
        if self.progress.value() != value:
            self.progress.setValue(value)
        left = format_countdown(walk.display_seconds_left)
        _set_text(
            self.countdown, arg(translate("Exercise", "%1 left"), left) if step.breathing else left
        )
        if self.paused_label.isVisible() != walk.paused:
            self.paused_label.setVisible(walk.paused)
        pause_text = translate("Exercise", "Resume" if walk.paused else "Pause")
        if _set_text(self.pause_button, pause_text):
            self.pause_button.setAccessibleName(self.pause_button.text())
            self.pause_button.setAccessibleDescription(
                translate("Exercise", "Carry on with the countdown (Space)")
                if walk.paused
                else translate("Exercise", "Pause the countdown (Space)")
            )

    def _show_illustration(self, step: Step) -> None:
        path = illustration_path(self.exercise, step)
        self.illustration.set_illustration(path, mirrored=step.mirrored)
        self.illustration.setAccessibleDescription(step.text)

    def _show_done(self) -> None:
        self.position.setText(translate("Exercise", "Done"))
        self.progress.setValue(self.progress.maximum())
        self.progress.setAccessibleDescription(translate("Exercise", "Exercise completed"))
        self.countdown.setText("")
        self.countdown.hide()
        message = html.escape(
            arg(translate("Exercise", DONE_TEXT), describe_duration(self.seconds_done))
            if self.seconds_done >= MIN_SECONDS_WORTH_SAYING
            else translate("Exercise", SHORT_DONE_TEXT)
        )
        self.instruction.setTextFormat(Qt.TextFormat.RichText)
        well_done = html.escape(translate("Exercise", "Well done."))
        self.instruction.setText(
            f'<p style="font-size: x-large; font-weight: bold;">{well_done}</p><p>{message}</p>'
        )
        self.paused_label.hide()
        self.stack.setCurrentWidget(self.illustration)
        self._show_illustration(self.exercise.steps[-1])
        for button in (
            self.back_button,
            self.pause_button,
            self.next_button,
            self.finish_early_button,
            self.close_button,
        ):
            button.hide()
        self.finish_button.show()
        self.finish_button.setFocus(Qt.FocusReason.OtherFocusReason)
        for key in ("pause", "back", "next"):
            self._shortcuts[key].setEnabled(False)
        self._shortcuts["finish"].setEnabled(True)
        self._shortcuts["finish-enter"].setEnabled(True)
        if self._speaker.available:
            self._speaker.say(translate("Exercise", "Well done."))

    def _say_step(self) -> None:
        if self.walkthrough.running and self._speaker.available:
            self._speaker.say(self.step.text)

    def _safety_acknowledged(self) -> None:
        if self._general_safety:
            self.safety_note_acknowledged.emit()
        self.pause_button.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- timers ------------------------------------------------------------------

    def _sync_timers(self) -> None:
        """The ticker runs only while the window is shown and the countdown is on."""
        walk = self.walkthrough
        should = walk.running and not walk.paused and not self._reported and self.isVisible()
        if should and not self._ticking:
            self._ticking = True
            self._ticker.start()
        elif not should and self._ticking:
            self._ticking = False
            self._ticker.stop()
        if self.pacer is not None:
            self.pacer.set_running(should and self.step.breathing)

    def _catch_up(self) -> None:
        """Count the part of a second since the last tick (before pausing or stopping)."""
        if self._ticking and isinstance(self._ticker, QTimer) and self._ticker.isActive():
            partial = (self._ticker.interval() - max(0, self._ticker.remainingTime())) / 1000
            if partial > 0:
                self._apply(self.walkthrough.tick(partial))
        self._restart_ticker()

    def _restart_ticker(self) -> None:
        """A new step or a resumed countdown gets a full second before its first tick."""
        if self._ticking:
            self._ticker.stop()
            self._ticker.start()

    # -- Qt events ------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._reserve_instruction_height()
        self._keep_on_screen()
        self._sync_timers()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._sync_timers()

    def _finish(self) -> None:
        if self.walkthrough.completed:
            self._report(Ending.COMPLETED)
            self.close()

    def _report(self, ending: Ending) -> None:
        if not self._reported:
            self._reported = True
            self._sync_timers()
            self._speaker.stop()
            self.finished.emit(ending)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Close, Esc, the window's close button, quitting: not a break taken (unless done)."""
        if self.walkthrough.running:
            self._catch_up()
            self._apply(self.walkthrough.finish_early())
        self._report(Ending.COMPLETED if self.walkthrough.completed else Ending.CLOSED)
        super().closeEvent(event)
        self._sync_timers()
        # The app runs all day: rendered illustrations are not kept between breaks.
        clear_cache()
