"""The safety note at the start of a guided break.

A small panel, never modal, inline at the top of the exercise window (it can also
stand on its own as a little window). Every exercise shows its own safety lines
(the roller never under the neck, a secure anchor for the cord...) each time it
starts; the first guided break adds the general points, after the exercise's own
and without those they already say (:func:`safety_points`). "Got it" hides it and
emits ``acknowledged``; the app remembers only that the general points were seen.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from backbreak.config.i18n import QT_TRANSLATE_NOOP
from backbreak.ui.language import arg, translate
from backbreak.ui.scroll_box import ScrollBox

SAFETY_TITLE = QT_TRANSLATE_NOOP("Safety", "Before you start")
SAFETY_POINTS = (
    QT_TRANSLATE_NOOP("Safety", "Move gently, within a range that feels comfortable."),
    QT_TRANSLATE_NOOP("Safety", "Stop if the pain gets worse or feels sharp."),
    QT_TRANSLATE_NOOP(
        "Safety",
        "If mid-back pain persists despite regular exercise, or limits your daily activities, "
        "see a healthcare professional.",
    ),
    QT_TRANSLATE_NOOP(
        "Safety", "These exercises complement professional care; they do not replace it."
    ),
)
"""The general points, in English; :func:`general_points` gives them in the language shown."""
_SAID_BY = (
    QT_TRANSLATE_NOOP("SafetyWords", "comfortable"),
    QT_TRANSLATE_NOOP("SafetyWords", "pain gets worse"),
    QT_TRANSLATE_NOOP("SafetyWords", "mid-back pain"),
    QT_TRANSLATE_NOOP("SafetyWords", "professional care"),
)
"""For each general point, words that show an exercise's own line already says it (the
translation: the words a translated exercise's line would use)."""


def general_points() -> tuple[str, ...]:
    """The general safety points in the language shown."""
    return tuple(translate("Safety", point) for point in SAFETY_POINTS)


def safety_points(own: Sequence[str], *, general: bool) -> tuple[str, ...]:
    """What the note lists: the exercise's ``own`` lines first, then, with ``general``, the
    general points that none of them already says."""
    lines = tuple(line for line in own if line.strip())
    if not general:
        return lines
    said = " ".join(lines).casefold()
    return lines + tuple(
        point
        for point, words in zip(general_points(), _SAID_BY, strict=True)
        if words not in said and translate("SafetyWords", words).casefold() not in said
    )


class SafetyNote(QFrame):
    """The note with a "Got it" button. Without a parent it is a small window of its own."""

    acknowledged = Signal()

    def __init__(
        self,
        points: Sequence[str] = SAFETY_POINTS,
        parent: QWidget | None = None,
        *,
        remembered: bool = True,
    ) -> None:
        """``remembered``: "Got it" hides it for good (the general points), not only now."""
        super().__init__(parent)
        self.setObjectName("safetyNote")
        if parent is None:
            self.setWindowTitle(
                arg(translate("Safety", "%1 — backbreak"), translate("Safety", SAFETY_TITLE))
            )
            self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#safetyNote { border: 1px solid #b45309; border-radius: 6px;"
            " background: palette(base); }"
        )
        self.points = tuple(points)
        self.setAccessibleName(translate("Safety", "Safety note"))
        self.setAccessibleDescription(" ".join(self.points))

        self.heading = QLabel(translate("Safety", SAFETY_TITLE), self)
        heading_font = self.heading.font()
        heading_font.setBold(True)
        self.heading.setFont(heading_font)
        # A table rather than a list: a hanging indent without the list's 40-pixel margin.
        rows = "".join(
            f'<tr><td style="padding-right: 6px;">•</td><td>{html.escape(point)}</td></tr>'
            for point in self.points
        )
        self.text = QLabel(f'<table cellspacing="0" cellpadding="0">{rows}</table>')
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # All of it where there is room; on a small screen it scrolls, so the exercise fits.
        self.text_box = ScrollBox(self.text, self, min_lines=3)

        self.ok_button = QPushButton(translate("Safety", "Got it"), self)
        self.ok_button.setAccessibleName(self.ok_button.text())
        self.ok_button.setAccessibleDescription(
            translate("Safety", "Hide the safety note; the general points will not be shown again")
            if remembered
            else translate("Safety", "Hide the safety note until this exercise starts again")
        )
        self.ok_button.setAutoDefault(True)
        self.ok_button.clicked.connect(self._acknowledge)

        row = QHBoxLayout()
        row.addWidget(self.heading, 1)
        row.addWidget(self.ok_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        layout.addLayout(row)
        layout.addWidget(self.text_box, 1)

    def _acknowledge(self) -> None:
        self.hide()
        self.acknowledged.emit()
