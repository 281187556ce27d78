"""What the breathing pacer says for each phase of a pattern (:mod:`backbreak.core.breathing`
names the phases ``"in"``, ``"hold"`` and ``"out"``; the words for them live here, with the
other text people read)."""

from __future__ import annotations

from backbreak.config.i18n import QT_TRANSLATE_NOOP
from backbreak.core.breathing import HOLD, IN, OUT
from backbreak.ui.language import translate

PHASE_LABELS = {
    IN: QT_TRANSLATE_NOOP("Breathing", "Breathe in"),
    HOLD: QT_TRANSLATE_NOOP("Breathing", "Hold"),
    OUT: QT_TRANSLATE_NOOP("Breathing", "Breathe out"),
}


def phase_label(phase: str) -> str:
    """The words shown (and spoken) for ``phase``; an unknown phase is shown as it is named."""
    label = PHASE_LABELS.get(phase)
    return phase if label is None else translate("Breathing", label)
