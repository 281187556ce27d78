"""The summary read from a store: one place that knows which days the statistics need."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta, tzinfo

from backbreak.history.stats import WEEKS_SHOWN, Goals, Summary, summarize, week_start_of
from backbreak.history.store import HistoryStore


def load_summary(
    store: HistoryStore,
    today: date,
    zone: tzinfo | None,
    goals: Goals,
    routine: Collection[str],
    *,
    first_weekday: int = 0,
) -> Summary:
    """The statistics as of ``today`` (a day in ``zone``).

    Every day from the first event is read, because a streak may be as old as the history;
    the shown weeks are covered even when the history is younger.
    """
    shown_from = week_start_of(today, first_weekday) - timedelta(weeks=WEEKS_SHOWN - 1)
    span = store.span()
    first = shown_from if span is None else min(shown_from, span[0].astimezone(zone).date())
    tallies = store.day_tallies(first, today + timedelta(days=6), zone)
    return summarize(tallies, today, goals, routine, first_weekday=first_weekday)
