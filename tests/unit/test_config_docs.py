"""The README's settings-file table and example are what the declared keys say."""

from __future__ import annotations

from pathlib import Path

from backbreak.config.docs import generated_part, part_in, settings_table, with_table
from backbreak.config.loader import parse_settings
from backbreak.config.schema import KEYS, Settings

README = Path(__file__).resolve().parents[2] / "README.md"


def settings_section() -> str:
    return README.read_text(encoding="utf-8").split("\n## Settings file\n", 1)[1].split("\n## ")[0]


def test_the_readme_table_is_generated_from_the_declarations() -> None:
    text = README.read_text(encoding="utf-8")
    assert part_in(text) == generated_part(KEYS), (
        "The README's settings table is out of date: run "
        "`python -m backbreak.config.docs README.md`"
    )


def test_the_table_has_a_row_per_key_with_its_default_bounds_and_words() -> None:
    rows = settings_table(KEYS).splitlines()
    assert rows[:2] == ["| key | default | allowed |", "|---|---|---|"]
    assert [row.split(" | ")[0] for row in rows[2:]] == [f"| `{key.dotted}`" for key in KEYS]
    interval = rows[2]
    assert interval == (
        "| `schedule.interval_minutes` | `45` | a whole number from 5 to 240: "
        "minutes at the computer between breaks |"
    )
    assert '| `["mon", "tue", "wed", "thu", "fri"]` |' in rows[3]


def test_rewriting_the_readme_replaces_only_the_table() -> None:
    text = README.read_text(encoding="utf-8")
    stale = text.replace("a whole number from 5 to 240", "a whole number from 5 to 999")
    assert stale != text
    assert with_table(stale, KEYS) == text


def test_the_readme_example_file_sets_every_key_to_its_default() -> None:
    example = settings_section().split("```toml\n", 1)[1].split("```", 1)[0]
    loaded = parse_settings(example)
    assert loaded.problems == ()
    assert loaded.settings == Settings()
    assert set(loaded.values) == {key.dotted for key in KEYS}
