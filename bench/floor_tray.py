"""The floor for this stack: what ``bench/footprint.py`` compares backbreak against.

A QApplication, a QSystemTrayIcon with an icon painted at start-up, a one-item menu and one
APScheduler job (the stack's scheduler, stock ``QtScheduler``, a 20-minute interval job that
emits a signal); nothing else (no settings, no log file, no single-instance guard), so every
figure above this one is backbreak's own.

Run:  QT_QPA_PLATFORM=xcb .venv/bin/python bench/floor_tray.py
"""

from __future__ import annotations

import signal
import sys

from apscheduler.schedulers.qt import QtScheduler
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon


class BreakBus(QObject):
    break_due = Signal(str)


def painted_icon() -> QIcon:
    pixmap = QPixmap(64, 64)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#00796b"))
    painter.drawRoundedRect(4, 4, 56, 56, 12, 12)
    painter.setBrush(QColor("#ffffff"))
    painter.drawEllipse(24, 12, 16, 16)
    painter.drawRect(28, 30, 8, 22)
    painter.end()
    return QIcon(pixmap)


def main() -> int:
    # Default SIGINT/SIGTERM handling: a Python-level handler would need a periodic timer to
    # run inside the Qt event loop, i.e. idle wakeups the floor should not have.
    signal.signal(signal.SIGINT, signal.SIG_DFL)

    app = QApplication(sys.argv)
    app.setApplicationName("floor-tray")
    app.setQuitOnLastWindowClosed(False)

    menu = QMenu()
    menu.addAction("Quit").triggered.connect(app.quit)
    tray = QSystemTrayIcon(painted_icon())
    tray.setToolTip("bare PySide6 tray (floor)")
    tray.setContextMenu(menu)
    tray.show()

    bus = BreakBus()
    bus.break_due.connect(lambda kind: tray.showMessage("Break", f"Time for a {kind} break"))
    scheduler = QtScheduler()
    scheduler.add_job(bus.break_due.emit, "interval", minutes=20, args=["short"], id="break")
    scheduler.start()
    code = app.exec()
    scheduler.shutdown(wait=False)
    return code


if __name__ == "__main__":
    sys.exit(main())
