"""The remembered app state: round trip, missing file, corrupt file moved aside."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from backbreak.config.state import AppState, load_state, save_state

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_missing_file_means_defaults(tmp_path: Path) -> None:
    assert load_state(tmp_path / "state.toml", NOW) == AppState()


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "state.toml"
    save_state(path, AppState().with_safety_note_seen())
    assert load_state(path, NOW).safety_note_seen is True
    assert list(path.parent.iterdir()) == [path]


def test_corrupt_file_is_moved_aside_with_its_bytes(tmp_path: Path) -> None:
    path = tmp_path / "state.toml"
    path.write_bytes(b"safety_note_seen = = yes\n")
    assert load_state(path, NOW) == AppState()
    moved = list(tmp_path.glob("state.toml.corrupt-*"))
    assert len(moved) == 1
    assert moved[0].read_bytes() == b"safety_note_seen = = yes\n"


def test_a_wrong_type_is_not_taken_for_true(tmp_path: Path) -> None:
    path = tmp_path / "state.toml"
    path.write_text('safety_note_seen = "yes"\n', encoding="utf-8")
    assert load_state(path, NOW).safety_note_seen is False
