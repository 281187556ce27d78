"""Timed wake-ups for the app; the only package that may import APScheduler.

The GUI-thread scheduler replaces APScheduler's stock ``QtScheduler``, whose jobs run on a worker
thread and whose timers cannot be cancelled.
"""

from backbreak.scheduling.lean_import import ssl_hidden

with ssl_hidden():
    from backbreak.scheduling.deadline import DeadlineTimer

__all__ = ["DeadlineTimer"]
