"""An install needs PySide6-Essentials only: no module of backbreak imports PySide6-Addons' sound
or speech modules (import-linter cannot forbid a subpackage of an external package, so the
source is read here)."""

from __future__ import annotations

import ast
from pathlib import Path

import backbreak

ADDONS = {"PySide6.QtMultimedia", "PySide6.QtTextToSpeech"}


def addon_imports(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Call) and isinstance(node.func, (ast.Name, ast.Attribute)):
            names = [
                a.value
                for a in node.args
                if isinstance(a, ast.Constant) and isinstance(a.value, str)
            ]
        found += [name for name in names if any(name.startswith(m) for m in ADDONS)]
    return found


def test_the_check_sees_each_way_of_importing() -> None:
    assert addon_imports("from PySide6.QtMultimedia import QSoundEffect") != []
    assert addon_imports("from PySide6 import QtTextToSpeech") != []
    assert addon_imports("import PySide6.QtMultimedia") != []
    assert addon_imports("importlib.import_module('PySide6.QtMultimedia')") != []
    assert addon_imports("from PySide6.QtCore import QProcess") == []


def test_no_module_imports_pyside6_addons() -> None:
    root = Path(backbreak.__file__).parent
    offenders = {
        str(path.relative_to(root)): found
        for path in sorted(root.rglob("*.py"))
        if (found := addon_imports(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}
