"""The breathing pacer: a circle that fills on the in-breath and empties on the out-breath.

Time comes from the exercise window (``set_elapsed`` on every tick of the
walkthrough); between ticks the pacer moves on by itself, ~30 frames a second,
but only while it is on screen and running. With ``reduce_motion`` nothing moves:
the phase name and a countdown change once a second instead.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from PySide6.QtCore import QPointF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QHideEvent, QPainter, QPaintEvent, QPen, QShowEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from backbreak.core.breathing import BreathState, Pattern, breath_at
from backbreak.ui.breathing_words import phase_label
from backbreak.ui.language import translate

FRAME_MS = 33  # ~30 frames a second
# How far the pacer runs ahead of the last tick before it waits for the next one.
MAX_AHEAD = 1.5
# The smallest circle, as a share of the largest: an empty chest is not nothing.
MIN_SCALE = 0.3
TEAL = QColor("#0f766e")
PALE_TEAL = QColor("#5eead4")


def relative_font(base: QFont, factor: float, *, bold: bool = False) -> QFont:
    """``base`` scaled by ``factor``: text follows the user's font size and the screen's DPI."""
    font = QFont(base)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * factor)
    elif font.pixelSize() > 0:  # pragma: no cover - fonts set in pixels are rare
        font.setPixelSize(round(font.pixelSize() * factor))
    font.setBold(bold)
    return font


class PacerCircle(QWidget):
    """Paints the pacer: a pale ring at full size and a teal disc of the current size."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._size = 0.0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(QSize(40, 40))  # small screens: the words still pace the breath

    def sizeHint(self) -> QSize:
        return QSize(180, 180)

    @property
    def level(self) -> float:
        return self._size

    def set_level(self, size: float) -> None:
        size = min(1.0, max(0.0, size))
        if not math.isclose(size, self._size, abs_tol=1e-4):
            self._size = size
            self.update()

    def radius(self) -> float:
        """The disc's radius in logical pixels at the current size."""
        largest = min(self.width(), self.height()) / 2 - 4
        return max(0.0, largest * (MIN_SCALE + (1 - MIN_SCALE) * self._size))

    def paintEvent(self, event: QPaintEvent) -> None:
        largest = min(self.width(), self.height()) / 2 - 4
        if largest <= 0:
            return
        centre = QPointF(self.width() / 2, self.height() / 2)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        ring = QPen(PALE_TEAL, 2)
        ring.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(ring)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(centre, largest, largest)
        fill = QColor(TEAL)
        fill.setAlphaF(0.85)
        painter.setPen(QPen(TEAL, 2))
        painter.setBrush(fill)
        radius = self.radius()
        painter.drawEllipse(centre, radius, radius)
        painter.end()


class BreathingPacer(QWidget):
    """Paces a breathing pattern; ``phase_changed`` carries the new phase's label."""

    phase_changed = Signal(str)

    def __init__(
        self,
        pattern: Pattern,
        *,
        reduce_motion: bool = False,
        clock: Callable[[], float] = time.monotonic,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._pattern = pattern
        self._reduce_motion = reduce_motion
        self._clock = clock
        self._anchor = 0.0
        self._anchor_at = clock()
        self._running = False
        self._last_phase: tuple[int, int] | None = None
        self._state = breath_at(pattern, 0.0)

        self.setAccessibleName(translate("Breathing", "Breathing pacer"))
        self.setAccessibleDescription(
            translate(
                "Breathing",
                "Shows when to breathe in, hold and breathe out, with a countdown for each.",
            )
        )
        self.circle = PacerCircle(self)
        self.circle.setAccessibleName(translate("Breathing", "Breathing circle"))
        self.circle.setAccessibleDescription(
            translate("Breathing", "Grows as you breathe in and shrinks as you breathe out.")
        )
        self.phase_label = QLabel("", self)
        self.phase_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.phase_label.setFont(relative_font(self.font(), 1.5, bold=True))
        self.count_label = QLabel("", self)
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.count_label.setFont(relative_font(self.font(), 3.0 if reduce_motion else 1.8))
        self.count_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        if reduce_motion:
            # No moving shape: the phase name and a big countdown, centred.
            self.circle.hide()
            layout.addStretch(1)
            layout.addWidget(self.phase_label)
            layout.addWidget(self.count_label)
            layout.addStretch(1)
        else:
            layout.addWidget(self.circle, 1)
            layout.addWidget(self.phase_label)
            layout.addWidget(self.count_label)

        # Frames while animating; in reduce-motion mode one wake-up per count instead.
        self.frame_timer = QTimer(self)
        self.frame_timer.setObjectName("pacerFrameTimer")
        self.frame_timer.setInterval(FRAME_MS)
        self.frame_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.frame_timer.timeout.connect(self._refresh)
        self.count_timer = QTimer(self)
        self.count_timer.setObjectName("pacerCountTimer")
        self.count_timer.setSingleShot(True)
        self.count_timer.timeout.connect(self._refresh)
        self._refresh()

    # -- what the window uses -------------------------------------------------

    @property
    def reduce_motion(self) -> bool:
        return self._reduce_motion

    @property
    def pattern(self) -> Pattern:
        return self._pattern

    def set_pattern(self, pattern: Pattern) -> None:
        self._pattern = pattern
        self._last_phase = None
        self._refresh()

    def set_elapsed(self, seconds: float) -> None:
        """The walkthrough says ``seconds`` of the breathing step have passed."""
        self._anchor = max(0.0, seconds)
        self._anchor_at = self._clock()
        self._refresh()

    def set_running(self, running: bool) -> None:
        """Paused (False) the pacer holds still; running it moves on from the last tick."""
        if running != self._running:
            self._running = running
            self._anchor_at = self._clock()
            self._refresh()
            self._update_timers()

    @property
    def running(self) -> bool:
        return self._running

    @property
    def animating(self) -> bool:
        """Whether the ~30 fps frame timer is going."""
        return self.frame_timer.isActive()

    @property
    def state(self) -> BreathState:
        return self._state

    @property
    def level(self) -> float:
        """The pacer's size, 0 (empty) .. 1 (full)."""
        return self._state.size

    def elapsed(self) -> float:
        """Seconds into the pattern as shown: the last tick, plus time since while running."""
        if not self._running:
            return self._anchor
        ahead = min(MAX_AHEAD, max(0.0, self._clock() - self._anchor_at))
        return self._anchor + ahead

    # -- Qt ----------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._update_timers()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._update_timers()

    # -- internals -----------------------------------------------------------

    def _update_timers(self) -> None:
        live = self._running and self.isVisible()
        if live and not self._reduce_motion:
            if not self.frame_timer.isActive():
                self.frame_timer.start()
        else:
            self.frame_timer.stop()
        if live and self._reduce_motion:
            self._arm_count_timer()
        else:
            self.count_timer.stop()

    def _arm_count_timer(self) -> None:
        # Wake when the countdown next changes (or the phase ends), not before.
        left = self._state.seconds_left
        until = left - math.floor(left - 1e-9) if left > 0 else 1.0
        self.count_timer.start(max(20, min(1000, math.ceil(until * 1000) + 5)))

    def _refresh(self) -> None:
        state = breath_at(self._pattern, self.elapsed())
        self._state = state
        self.circle.set_level(state.size)
        label = phase_label(state.phase)
        if self.phase_label.text() != label:
            self.phase_label.setText(label)
        count = str(state.count)
        if self.count_label.text() != count:
            self.count_label.setText(count)
        phase = (state.cycle, state.phase_index)
        if phase != self._last_phase:
            self._last_phase = phase
            self.phase_changed.emit(label)
        if self._reduce_motion and self._running and self.isVisible():
            self._arm_count_timer()
