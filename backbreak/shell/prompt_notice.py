"""The break prompt as a desktop notification with Start / Snooze / Skip buttons.

Used where the desktop, not the app, decides where a window goes and whether it gets the
keyboard (Wayland): the notification server draws the prompt in its own place, never takes the
keyboard from the window the user types in, and keeps it reachable from the keyboard and
screen readers by the desktop's own means (GNOME: Super+V; Plasma: the notification applet).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from backbreak.core.exercises import Exercise
from backbreak.platform.notifications import (
    CLOSED_DISMISSED,
    URGENCY_CRITICAL,
    Notification,
    NotificationServer,
)
from backbreak.ui.language import Plural, translate
from backbreak.ui.prompt_text import prompt_text

log = logging.getLogger(__name__)

START, SNOOZE, SKIP = "start", "snooze", "skip"

#: How long a dismissal waits for the action that may have caused it: servers send
#: ActionInvoked and NotificationClosed as two signals, in either order.
DISMISS_GRACE_MS = 500


class NotificationPrompt(QObject):
    """One notification at a time: showing again replaces it, never piles a second one up.

    A user who dismisses it (the close button, a swipe) is asking for "later": that is a
    snooze. It is sent as critical, with no timeout, so it stays until answered or withdrawn
    (GNOME keeps only critical banners on screen and shows their buttons at once).
    """

    start_clicked = Signal()
    snooze_clicked = Signal()
    skip_clicked = Signal()

    def __init__(
        self, server: NotificationServer, snooze_minutes: int, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._server = server
        self._snooze_minutes = snooze_minutes
        self._id = 0  # the server's id of the notification on screen; 0: none
        self._pending = False  # a Notify call is on its way
        self._wanted = False  # should a prompt be on screen
        self._last: Notification | None = None
        self._dismissed_id = 0  # closed by the user; an action for it may still come
        self._shown_again = False  # once per prompt, so a server that keeps closing it wins
        self._dismissed = QTimer(self)
        self._dismissed.setSingleShot(True)
        self._dismissed.setInterval(DISMISS_GRACE_MS)
        self._dismissed.timeout.connect(self._on_dismissed)
        server.action_invoked.connect(self._on_action)
        server.closed.connect(self._on_closed)

    def set_snooze_minutes(self, minutes: int) -> None:
        self._snooze_minutes = minutes

    def show_for(self, exercise: Exercise) -> bool:
        """Show (or refresh) the one prompt. False: the server could not be asked."""
        self._wanted = True
        self._shown_again = False
        text = prompt_text(exercise)  # the same words as the prompt window
        self._last = Notification(
            summary=text.heading,
            body=text.body,
            actions=(
                (START, translate("Prompt", "Start")),
                (SNOOZE, Plural.tr("Snooze %n min", "", self._snooze_minutes)),
                (SKIP, translate("Prompt", "Skip")),
            ),
            urgency=URGENCY_CRITICAL,
            timeout_ms=0,
            category="presence",
        )
        if self._pending:
            return True  # sent once the id of the one on its way is known
        return self._send()

    def _send(self) -> bool:
        assert self._last is not None
        self._pending = True
        sent = self._server.notify(self._last, replaces=self._id, on_id=self._on_id)
        if not sent:
            self._pending = False
        return sent

    def _on_id(self, ident: int) -> None:
        self._pending = False
        self._id = ident
        if not self._wanted:
            self._server.close_notification(ident)
            self._id = 0

    def hide(self) -> None:
        """Withdraw it (answered elsewhere, the user left, a break started)."""
        self._wanted = False
        self._dismissed.stop()
        if self._id:
            self._server.close_notification(self._id)
            self._id = 0

    def close(self) -> None:
        self.hide()

    def _on_action(self, ident: int, key: str) -> None:
        if not ident or ident not in (self._id, self._dismissed_id):
            return
        self._dismissed.stop()
        self._id = self._dismissed_id = 0
        self._wanted = False
        signal = {
            START: self.start_clicked,
            SNOOZE: self.snooze_clicked,
            SKIP: self.skip_clicked,
        }.get(key)
        if signal is None:
            log.info("prompt notification: ignoring action %r", key)
            return
        log.info("prompt answered from the notification: %s", key)
        self._server.close_notification(ident)
        signal.emit()

    def _on_closed(self, ident: int, reason: int) -> None:
        if not ident or ident != self._id:
            return
        self._id = 0
        if not self._wanted:
            return
        if reason == CLOSED_DISMISSED:
            self._dismissed_id = ident
            self._dismissed.start()
        elif not self._shown_again:
            self._shown_again = True
            # Expired or closed by the server: still due, so show it again.
            log.info("prompt notification closed by the server (reason %d): shown again", reason)
            self._send()
        else:
            log.info("prompt notification closed by the server again (reason %d)", reason)

    def _on_dismissed(self) -> None:
        self._dismissed_id = 0
        if self._wanted and not self._id:
            self._wanted = False
            log.info("prompt notification dismissed: snoozed")
            self.snooze_clicked.emit()
