"""Exercise documents for the tests of the file format, the loader and the rotation."""

from __future__ import annotations

from typing import Any


def good_doc(**changes: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "id": "desk-reach",
        "title": "Desk reach",
        "summary": "Reach up tall.",
        "position": "standing",
        "equipment": [],
        "office": True,
        "safety": ["Stop if it hurts."],
        "steps": [
            {"text": "Stand tall.", "seconds": 10, "illustration": "reach.svg"},
            {"text": "Reach up.", "seconds": 15, "illustration": "reach.svg", "mirrored": True},
        ],
    }
    doc.update(changes)
    return {key: value for key, value in doc.items() if value is not None}


def step_doc(**changes: Any) -> dict[str, Any]:
    step: dict[str, Any] = {"text": "Reach.", "seconds": 20}
    step.update(changes)
    return {key: value for key, value in step.items() if value is not None}
