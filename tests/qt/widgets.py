"""Look-ups and keyboard walks shared by the widget tests: a child, a tab's page, the focused
widget, activating a window, following Tab.

Qt answers these with ``QWidget | None``; a test that asks expects a widget, so each one
asserts that it got one."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget
from pytestqt.qtbot import QtBot

W = TypeVar("W", bound=QWidget)


def child(widget: QWidget, kind: type[W]) -> W:
    """The first child of ``widget`` that is a ``kind``."""
    found = widget.findChild(kind)
    assert found is not None, f"{widget!r} has no {kind.__name__}"
    return found


def page(tabs: QTabWidget, index: int) -> QWidget:
    """The page at ``index`` of ``tabs``."""
    widget = tabs.widget(index)
    assert widget is not None, f"no tab page {index}"
    return widget


def activate(qtbot: QtBot, window: QWidget) -> None:
    """Make ``window`` the active window, so that keys go to it."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def focused() -> QWidget:
    """The widget with the keyboard focus (a test that asks expects one)."""
    widget = QApplication.focusWidget()
    assert widget is not None, "no widget has the keyboard focus"
    return widget


def tab_chain(qtbot: QtBot, first: QWidget, count: int) -> list[QWidget]:
    """The ``count`` widgets that Tab visits, starting at ``first``."""
    first.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(first.hasFocus)
    chain = [first]
    for _ in range(count - 1):
        QTest.keyClick(focused(), Qt.Key.Key_Tab)
        chain.append(focused())
    return chain
