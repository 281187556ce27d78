"""What the breathing pacer says for each phase of a pattern (:mod:`backbreak.core.breathing`
names the phases ``"in"``, ``"hold"`` and ``"out"``; the words for them live here, with the
other text people read)."""

from __future__ import annotations

from backbreak.core.breathing import HOLD, IN, OUT

PHASE_LABELS = {IN: "Breathe in", HOLD: "Hold", OUT: "Breathe out"}


def phase_label(phase: str) -> str:
    """The words shown (and spoken) for ``phase``; an unknown phase is shown as it is named."""
    return PHASE_LABELS.get(phase, phase)
