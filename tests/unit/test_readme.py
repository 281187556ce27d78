"""The README documents every settings key with its real default, and the two commands."""

from __future__ import annotations

from pathlib import Path

import pytest

from backbreak.config.schema import KEYS, KeySpec, format_value

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("key", KEYS, ids=lambda key: key.dotted)
def test_every_settings_key_is_documented_with_its_default(key: KeySpec) -> None:
    row = next((line for line in README.splitlines() if line.startswith(f"| `{key.dotted}`")), "")
    assert row, f"{key.dotted} is missing from the README's settings table"
    assert f"`{format_value(key.to_toml(key.default))}`" in row


def test_quick_start_has_exactly_the_two_commands() -> None:
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = quick.split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["make run", "make test"]
