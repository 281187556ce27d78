"""The Danish translation is complete and current: every word the interface shows is in the
committed .ts, translated, with the same placeholders; the .qm is built from that .ts; every
shipped exercise carries its Danish words."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from backbreak.config.exercise_files import load_catalogue
from backbreak.config.i18n import LANGUAGES, SOURCE_LANGUAGE
from backbreak.resources import resources_dir

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"
TRANSLATED = [language for language in LANGUAGES if language != SOURCE_LANGUAGE]
_PLACEHOLDER = re.compile(r"%[1-9n]|\{[a-z_]*\}")


def _tool(name: str) -> str:
    found = Path(sys.executable).with_name(name)
    path = str(found) if found.exists() else shutil.which(name)
    if path is None:
        pytest.skip(f"{name} (shipped with PySide6-Essentials) is not installed")
    return path


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {
        (context.findtext("name", ""), message.findtext("source", "")): message
        for context in root.iter("context")
        for message in context.iter("message")
    }


def _ts(language: str) -> Path:
    return TRANSLATIONS / f"backbreak_{language}.ts"


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_ts_holds_exactly_the_words_of_the_sources(language: str, tmp_path: Path) -> None:
    fresh = tmp_path / f"backbreak_{language}.ts"
    subprocess.run(
        [_tool("pyside6-lupdate"), "-extensions", "py", "-locations", "none", "-silent",
         str(ROOT / "backbreak"), "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    wanted, committed = set(_messages(fresh)), set(_messages(_ts(language)))
    assert not wanted - committed, f"run `make translations`; missing: {sorted(wanted - committed)}"
    assert not committed - wanted, f"run `make translations`; unused: {sorted(committed - wanted)}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_word_is_translated_with_its_placeholders(language: str) -> None:
    problems = []
    for (context, source), message in _messages(_ts(language)).items():
        translation = message.find("translation")
        assert translation is not None
        forms = [form.text or "" for form in translation.iter("numerusform")] or [
            translation.text or ""
        ]
        if translation.get("type") in ("unfinished", "vanished", "obsolete"):
            problems.append(f"{context}: {source!r} is {translation.get('type')}")
        for form in forms:
            if not form.strip():
                problems.append(f"{context}: {source!r} has no translation")
            elif sorted(_PLACEHOLDER.findall(form)) != sorted(_PLACEHOLDER.findall(source)):
                problems.append(f"{context}: {source!r} -> {form!r}: placeholders differ")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_qm_is_built_from_the_ts(language: str, tmp_path: Path) -> None:
    built = tmp_path / "built.qm"
    subprocess.run(
        [_tool("pyside6-lrelease"), "-silent", str(_ts(language)), "-qm", str(built)],
        check=True,
        capture_output=True,
    )
    shipped = TRANSLATIONS / f"backbreak_{language}.qm"
    assert shipped.read_bytes() == built.read_bytes(), "stale .qm: run `make translations`"


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_shipped_exercise_is_translated(language: str) -> None:
    catalogue = load_catalogue(resources_dir() / "exercises")
    untranslated = [
        exercise_id
        for exercise_id, exercise in catalogue.items()
        if language not in (text.language for text in exercise.translations)
    ]
    assert not untranslated, f"no [translations.{language}] in: {', '.join(untranslated)}"
