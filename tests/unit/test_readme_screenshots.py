"""The README's pictures exist, and each one is written by an end-to-end test on every run
(tests/e2e, through the ``screenshots`` fixture), so none can go stale unnoticed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
SCREENSHOTS = ROOT / "packaging" / "screenshots"
IMAGES = re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", README)
E2E_SOURCES = "\n".join(
    path.read_text(encoding="utf-8") for path in sorted((ROOT / "tests" / "e2e").rglob("*.py"))
)


def test_the_readme_shows_pictures() -> None:
    assert IMAGES


@pytest.mark.parametrize("image", IMAGES)
def test_every_picture_the_readme_shows_exists(image: str) -> None:
    path = ROOT / image
    assert path.is_file(), f"README.md shows {image}, which does not exist"
    assert path.read_bytes().startswith(b"\x89PNG\r\n\x1a\n"), f"{image} is not a PNG"


@pytest.mark.parametrize("image", IMAGES)
def test_every_screenshot_the_readme_shows_is_made_by_an_e2e_test(image: str) -> None:
    path = ROOT / image
    assert path.parent == SCREENSHOTS, f"{image}: README screenshots live in {SCREENSHOTS}"
    assert f'screenshots / "{path.name}"' in E2E_SOURCES, (
        f"no e2e test writes {image} (as screenshots / {path.name!r}): it would go stale"
    )


def test_no_screenshot_is_left_that_the_readme_does_not_show() -> None:
    shown = {(ROOT / image).resolve() for image in IMAGES}
    left = sorted(p.name for p in SCREENSHOTS.glob("*.png") if p.resolve() not in shown)
    assert left == []
