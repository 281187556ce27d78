"""Qt's multimedia and speech back-ends talk to the terminal; backbreak says it once in the log.

Where no sound server runs, each ``QSoundEffect`` prints "playback of this format is not
supported", the PulseAudio back-end "pa_context_connect() failed" and the FFmpeg back-end its
version banner: a line per break on the terminal, while the chime's own single warning already
says what matters. Most of these come in Qt's "default" logging category, which filter rules
cannot silence without silencing every other Qt warning, so a message handler moves the ones
from these back-ends to the debug log and passes all others on unchanged.

Installed before QtMultimedia or QtTextToSpeech is first imported; installing again is harmless.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from PySide6.QtCore import QMessageLogContext, QtMsgType, qFormatLogMessage, qInstallMessageHandler

log = logging.getLogger(__name__)

Handler = Callable[[QtMsgType, QMessageLogContext, str], object]

#: Logging categories of Qt's multimedia and speech modules.
CATEGORIES = ("qt.multimedia", "qt.speech", "qt.texttospeech")
#: How the uncategorised messages of those modules and their back-ends begin.
PREFIXES = (
    "QSoundEffect",
    "QAudio",
    "QMediaDevices",
    "QTextToSpeech",
    "PulseAudioService",
    "QPulseAudio",
)

_installed: list[bool] = []
_previous: list[Handler | None] = []


def from_multimedia(category: str | None, message: str) -> bool:
    """Whether a Qt message comes from the multimedia or speech back-ends."""
    if category and category.startswith(CATEGORIES):
        return True
    return message.startswith(PREFIXES)


def _handle(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    if from_multimedia(context.category, message):
        log.debug("Qt: %s", message)
        return
    previous = _previous[0] if _previous else None
    if previous is not None:
        previous(mode, context, message)
    elif sys.stderr is not None:  # what Qt's own handler does
        sys.stderr.write(qFormatLogMessage(mode, context, message) + "\n")


def quiet_multimedia_messages() -> None:
    """Route the multimedia and speech back-ends' messages to the debug log from now on."""
    if _installed:
        return
    _installed.append(True)
    _previous.append(qInstallMessageHandler(_handle))
