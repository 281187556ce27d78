"""Six working weeks of breaks, driven as the app drives the planner, written to a real history.

Each day is a script of what the user does (take, snooze, skip, meetings, absences...). Every
step states the events it must leave in the history; the tallies, the streaks and the weekly
programme are checked against numbers worked out from the script by hand. The weeks cross the
change to summer time (Sunday 29 March 2026), with a break taken in the first minutes of the
first summer-time day.
"""

from __future__ import annotations

import time as time_module
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from backbreak.config.exercise_files import load_catalogue
from backbreak.config.rotation import routine_in
from backbreak.core.planner import Planner, PromptDue, PromptWithdrawn, Rules
from backbreak.core.workhours import WorkHours
from backbreak.history.from_planner import event_of
from backbreak.history.reading import load_summary
from backbreak.history.stats import WEEKS_SHOWN, DayTally, Goals, Summary
from backbreak.history.store import HistoryStore, open_history
from backbreak.resources import resource_path

CPH = ZoneInfo("Europe/Copenhagen")
CATALOGUE = load_catalogue(resource_path("exercises"))
MATRIX, BREATHING, ROWS, SQUEEZE = ROTATION = (
    "seated-t-spine-matrix",
    "breathing",
    "sport-cord-rows",
    "scapular-squeeze",
)
DURATIONS = {key: exercise.duration for key, exercise in CATALOGUE.items()}
RULES = Rules(
    WorkHours(frozenset(range(5)), time(9), time(17), CPH),
    interval=timedelta(minutes=45),
    snooze=timedelta(minutes=10),
)
GOALS = Goals(breaks_per_day=6, routines_per_week=3)
FIRST_MONDAY = date(2026, 3, 9)
LAST_DAY = date(2026, 4, 17)

Expected = tuple[datetime, str, str | None, str, int | None]
"""One event as the test states it: local time, kind, cause, exercise, seconds."""


def local(day: date, clock: str) -> datetime:
    """``clock`` ("HH:MM" or "HH:MM:SS") on ``day`` in Copenhagen."""
    return datetime.combine(day, time.fromisoformat(clock), tzinfo=CPH)


class Turns:
    """Which exercise comes next, kept by the test: the rotation moves on after an exercise
    done (completed or ended early), never after a skip or a natural break."""

    def __init__(self) -> None:
        self.done = 0

    @property
    def exercise(self) -> str:
        return ROTATION[self.done % len(ROTATION)]

    def did(self) -> str:
        exercise = self.exercise
        self.done += 1
        return exercise


class Sim:
    """The planner on a fake clock, polled at each deadline as the scheduler does, every new
    record written to ``store`` through :func:`event_of` as the shell's recorder does."""

    def __init__(self, store: HistoryStore, start: datetime) -> None:
        self.now = start.astimezone(UTC)
        self.planner = Planner(RULES, ROTATION, DURATIONS, self.now)
        self.store = store
        self.written = 0
        self.prompted: datetime | None = None  # when the prompt on screen came

    def poll(self) -> bool:
        """Poll as the app does after every deadline and action; whether a prompt came."""
        came = False
        for event in self.planner.poll(self.now):
            if isinstance(event, PromptDue):
                came, self.prompted = True, self.now
            elif isinstance(event, PromptWithdrawn):
                self.prompted = None
        self._write()
        return came

    def _write(self) -> None:
        new = self.planner.recorded - self.written
        for record in self.planner.records[len(self.planner.records) - new :]:
            event = event_of(record)
            if event is not None:
                self.store.record(event)
        self.written = self.planner.recorded

    def run_to(self, moment: datetime) -> None:
        """Jump from deadline to deadline up to ``moment``; no prompt may come on the way."""
        moment = moment.astimezone(UTC)
        while (deadline := self.planner.next_deadline(self.now)) is not None:
            if deadline > moment:
                break
            self.now = max(self.now, deadline)
            assert not self.poll(), f"unexpected prompt at {self.now.astimezone(CPH)}"
        self.now = moment
        assert not self.poll(), f"unexpected prompt at {self.now.astimezone(CPH)}"

    def wait_for_prompt(self) -> datetime:
        """Jump from deadline to deadline until a prompt is on screen; when it came."""
        while self.prompted is None:
            deadline = self.planner.next_deadline(self.now)
            assert deadline is not None, "no prompt will ever come"
            self.now = max(self.now, deadline)
            self.poll()
        return self.prompted.astimezone(CPH)

    def act(self, moment: datetime, action: str, *args: object) -> None:
        """At ``moment``, call the planner's ``action`` as the controller would."""
        self.run_to(moment)
        getattr(self.planner, action)(self.now, *args)
        self.poll()


# -- the steps a day is made of ------------------------------------------------------------


class Step:
    def drive(self, sim: Sim, day: date) -> None:
        raise NotImplementedError

    def expect(self, day: date, turns: Turns) -> list[Expected]:
        raise NotImplementedError


def _prompt(sim: Sim, day: date, clock: str) -> None:
    came = sim.wait_for_prompt()
    assert came == local(day, clock), f"prompt at {came}, the script says {clock}"


@dataclass
class Take(Step):
    """The prompt comes at ``prompt``; the break is started at once and finished at ``done``:
    in full, or (``early``) ended early after that many seconds of exercise."""

    prompt: str
    done: str
    early: int | None = None

    def drive(self, sim: Sim, day: date) -> None:
        _prompt(sim, day, self.prompt)
        exercise = sim.planner.start_break(sim.now)
        sim.poll()
        seconds = self.early if self.early is not None else DURATIONS[exercise].total_seconds()
        sim.run_to(local(day, self.done))
        sim.planner.finish_break(sim.now, completed=self.early is None, seconds_done=seconds)
        sim.poll()

    def expect(self, day: date, turns: Turns) -> list[Expected]:
        exercise = turns.did()
        prompt, done = local(day, self.prompt), local(day, self.done)
        if self.early is not None:
            ending: Expected = (done, "ended_early", None, exercise, self.early)
        else:
            seconds = int(DURATIONS[exercise].total_seconds())
            ending = (done, "completed", None, exercise, seconds)
        return [
            (prompt, "prompted", None, exercise, None),
            (prompt, "started", None, exercise, None),
            ending,
        ]


@dataclass
class BreakNow(Take):
    """The user asks for a break at ``prompt`` (outside work hours too) and does it."""

    def drive(self, sim: Sim, day: date) -> None:
        sim.act(local(day, self.prompt), "prompt_now")
        super().drive(sim, day)


@dataclass
class Snooze(Step):
    prompt: str

    def drive(self, sim: Sim, day: date) -> None:
        _prompt(sim, day, self.prompt)
        sim.planner.snooze(sim.now)
        sim.poll()
        sim.prompted = None  # the prompt is off screen until the snooze is over

    def expect(self, day: date, turns: Turns) -> list[Expected]:
        at = local(day, self.prompt)
        return [
            (at, "prompted", None, turns.exercise, None),
            (at, "snoozed", None, turns.exercise, None),
        ]


@dataclass
class Skip(Step):
    prompt: str

    def drive(self, sim: Sim, day: date) -> None:
        _prompt(sim, day, self.prompt)
        sim.planner.skip(sim.now)
        sim.poll()

    def expect(self, day: date, turns: Turns) -> list[Expected]:
        at = local(day, self.prompt)
        return [
            (at, "prompted", None, turns.exercise, None),
            (at, "skipped", None, turns.exercise, None),
        ]


@dataclass
class Meeting(Step):
    """A meeting from ``start`` to ``end`` across the time ``due``: the break is recorded as
    held back then, and offered a minute after the meeting (if work has not ended)."""

    start: str
    due: str
    end: str

    def drive(self, sim: Sim, day: date) -> None:
        sim.act(local(day, self.start), "start_meeting", local(day, self.end))

    def expect(self, day: date, turns: Turns) -> list[Expected]:
        return [(local(day, self.due), "deferred", "meeting", turns.exercise, None)]


@dataclass
class Fullscreen(Step):
    """A fullscreen window from ``start`` to ``end``; the break due at ``due`` waits for it."""

    start: str
    due: str
    end: str

    def drive(self, sim: Sim, day: date) -> None:
        sim.run_to(local(day, self.start))
        sim.planner.defer("fullscreen", True, sim.now)
        sim.poll()
        sim.run_to(local(day, self.end))
        sim.planner.defer("fullscreen", False, sim.now)
        sim.poll()

    def expect(self, day: date, turns: Turns) -> list[Expected]:
        return [(local(day, self.due), "deferred", "fullscreen", turns.exercise, None)]


@dataclass
class Idle(Step):
    """No input since ``since``, noticed at ``noticed``, back at ``back``; ``counts``: long
    enough to be the break."""

    since: str
    noticed: str
    back: str
    counts: bool

    def drive(self, sim: Sim, day: date) -> None:
        sim.run_to(local(day, self.noticed))
        sim.planner.user_away(local(day, self.since), sim.now, "idle")
        sim.poll()
        sim.act(local(day, self.back), "user_back")

    def expect(self, day: date, turns: Turns) -> list[Expected]:
        if not self.counts:
            return []
        return [(local(day, self.back), "natural", "idle", turns.exercise, None)]


@dataclass
class Lock(Step):
    """The screen is locked from ``start`` to ``end``, ``days`` later; ``counts``: long enough
    inside work hours to be the break."""

    start: str
    end: str
    days: int = 0
    counts: bool = True

    def drive(self, sim: Sim, day: date) -> None:
        sim.run_to(local(day, self.start))
        sim.planner.user_away(sim.now, sim.now, "lock")
        sim.poll()
        sim.act(local(day + timedelta(days=self.days), self.end), "user_back")

    def expect(self, day: date, turns: Turns) -> list[Expected]:
        if not self.counts:
            return []
        back = local(day + timedelta(days=self.days), self.end)
        return [(back, "natural", "lock", turns.exercise, None)]


@dataclass
class Sleep(Step):
    """The machine sleeps from ``start`` to ``end`` (no deadline fires); the resume check finds
    the gap afterwards."""

    start: str
    end: str

    def drive(self, sim: Sim, day: date) -> None:
        sim.run_to(local(day, self.start))
        sim.now = local(day, self.end).astimezone(UTC)
        sim.planner.away(local(day, self.start), sim.now, sim.now, "sleep")
        sim.poll()

    def expect(self, day: date, turns: Turns) -> list[Expected]:
        return [(local(day, self.end), "natural", "sleep", turns.exercise, None)]


@dataclass
class Pause(Step):
    start: str
    until: str

    def drive(self, sim: Sim, day: date) -> None:
        sim.act(local(day, self.start), "pause", local(day, self.until))

    def expect(self, day: date, turns: Turns) -> list[Expected]:
        return [(local(day, self.start), "paused", None, turns.exercise, None)]


# -- the six weeks -------------------------------------------------------------------------


def takes(spans: str, early: int | None = None) -> list[Step]:
    """Breaks taken at once, one per span: "09:45-09:47" is prompted at 09:45 and done at
    09:47 (in full, or ended early after ``early`` seconds of exercise)."""
    pairs = (span.split("-") for span in spans.split())
    return [Take(prompt, done, early) for prompt, done in pairs]


# Every prompt taken at once and done in two minutes: the next comes 45 minutes later.
PLAIN = takes(
    "09:45-09:47 10:32-10:34 11:19-11:21 12:06-12:08 12:53-12:55 13:40-13:42 14:27-14:29"
    " 15:14-15:16 16:01-16:03 16:48-16:50"
)
SNOOZE_SKIP_EARLY = [
    Snooze("09:45"),
    Take("09:55", "09:57"),
    Skip("10:42"),
    Take("11:27", "11:28", early=40),
    *takes("12:13-12:15 13:00-13:02 13:47-13:49 14:34-14:36 15:21-15:23 16:08-16:10"),
    Take("16:55", "16:57"),
]
MEETING_AND_FULLSCREEN = [
    Take("09:45", "09:47"),
    Meeting("10:00", "10:32", "11:00"),
    Take("11:01", "11:03"),
    Fullscreen("11:30", "11:48", "12:10"),
    Take("12:10", "12:12"),
    *takes("12:57-12:59 13:44-13:46 14:31-14:33 15:18-15:20 16:05-16:07"),
    Meeting("16:30", "16:52", "17:30"),  # past the end of work: never offered
]
ABSENCES = [
    Take("09:45", "09:47"),
    Idle("10:00:00", "10:00:30", "10:00:50", counts=False),  # 50 s more to work
    Take("10:32:50", "10:34:50"),
    Idle("11:00", "11:05", "11:20", counts=True),
    *takes("12:05-12:07 12:52-12:54 13:39-13:41 14:26-14:28 15:13-15:15 16:00-16:02"),
    Take("16:47", "16:49"),
]
LOCK_AND_PAUSE = [
    Take("09:45", "09:47"),
    Lock("10:10", "10:25"),
    Take("11:10", "11:12"),
    Pause("11:30", "12:30"),  # 18 minutes counted, 27 to go after it
    *takes("12:57-12:59 13:44-13:46 14:31-14:33 15:18-15:20 16:05-16:07 16:52-16:54"),
]
ASLEEP_AT_NOON = [
    *takes("09:45-09:47 10:32-10:34 11:19-11:21"),
    Sleep("12:00", "13:00"),
    *takes("13:45-13:47 14:32-14:34 15:19-15:21 16:06-16:08 16:53-16:55"),
]
NO_BREAK = [Skip("09:45"), Skip("10:30"), Pause("10:40", "17:00")]
SHORT_DAY = [*takes("09:45-09:47 10:32-10:34 11:19-11:21"), Pause("11:30", "17:00")]
# Locked from Friday evening to Saturday morning, or to Monday before work: days off, no break.
LOCKED_TO_SATURDAY = [*PLAIN, Lock("17:30", "10:00", days=1, counts=False)]
LOCKED_TO_MONDAY = [*PLAIN, Lock("17:30", "08:50", days=3, counts=False)]
SUMMER_TIME_MONDAY = [BreakNow("00:20", "00:22"), *PLAIN]  # 29 March 22:20 UTC
ALL_ENDED_EARLY = takes(
    "09:45-09:46 10:31-10:32 11:17-11:18 12:03-12:04 12:49-12:50 13:35-13:36 14:21-14:22"
    " 15:07-15:08 15:53-15:54 16:39-16:40",
    early=45,
)

WEEKS: list[list[list[Step]]] = [
    [PLAIN, SNOOZE_SKIP_EARLY, MEETING_AND_FULLSCREEN, ABSENCES, LOCK_AND_PAUSE],  # 9 March
    [ASLEEP_AT_NOON, NO_BREAK, PLAIN, PLAIN, LOCKED_TO_SATURDAY],  # 16 March
    [PLAIN, PLAIN, PLAIN, PLAIN, PLAIN],  # 23 March; summer time from Sunday 29 March
    [SUMMER_TIME_MONDAY, PLAIN, PLAIN, PLAIN, LOCKED_TO_MONDAY],  # 30 March
    [PLAIN, PLAIN, SHORT_DAY, PLAIN, PLAIN],  # 6 April
    [PLAIN, PLAIN, PLAIN, ALL_ENDED_EARLY, PLAIN],  # 13 April
]

# Breaks taken (exercised or natural) each working day, counted from the scripts above.
TAKEN = [
    [10, 9, 8, 10, 9],
    [9, 0, 10, 10, 10],
    [10, 10, 10, 10, 10],
    [11, 10, 10, 10, 10],
    [10, 10, 3, 10, 10],
    [10, 10, 10, 10, 10],
]
# Days with the routine (matrix and rows) completed, per week: no completion on 17 March,
# none in full on 16 April; the short day of 8 April (the 204th to 206th exercises done)
# completes squeeze, matrix and breathing, not rows.
ROUTINE_DAYS = [5, 4, 5, 5, 4, 4]
SKIPPED = [1, 2, 0, 0, 0, 0]
NATURAL = [2, 1, 0, 0, 0, 0]


def script() -> Iterator[tuple[date, list[Step]]]:
    for week, days in enumerate(WEEKS):
        for weekday, steps in enumerate(days):
            yield FIRST_MONDAY + timedelta(weeks=week, days=weekday), steps


def expected_events() -> list[Expected]:
    turns = Turns()
    return [event for day, steps in script() for step in steps for event in step.expect(day, turns)]


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HistoryStore]:
    path = tmp_path_factory.mktemp("history") / "history.sqlite3"
    start = local(FIRST_MONDAY, "08:00")
    with open_history(path, now=start).store as store:
        sim = Sim(store, start)
        for day, steps in script():
            for step in steps:
                step.drive(sim, day)
        sim.run_to(local(LAST_DAY, "23:00"))
        yield store


def _all(store: HistoryStore) -> list[Expected]:
    far = (datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))
    return [
        (e.at.astimezone(CPH), e.kind.value, e.cause, e.exercise, e.seconds)
        for e in store.events(*far)
    ]


def test_the_history_holds_what_each_day_s_script_says(history: HistoryStore) -> None:
    actual, expected = _all(history), expected_events()
    for index, (got, wanted) in enumerate(zip(actual, expected, strict=False)):
        assert got == wanted, f"event {index}"
    assert len(actual) == len(expected)


def test_the_rotation_includes_routine_exercises() -> None:
    assert routine_in(ROTATION, CATALOGUE) == (MATRIX, ROWS)
    assert {BREATHING, SQUEEZE}.isdisjoint(routine_in(ROTATION, CATALOGUE))


def _expected_tallies() -> dict[date, Counter[str]]:
    tallies: dict[date, Counter[str]] = {}
    for at, kind, _cause, _exercise, _seconds in expected_events():
        tallies.setdefault(at.date(), Counter())[kind] += 1
    return tallies


def _check_tallies(tallies: dict[date, DayTally]) -> None:
    expected = _expected_tallies()
    assert sorted(tallies) == sorted(expected)
    for day, counts in expected.items():
        tally = tallies[day]
        assert (tally.prompted, tally.started, tally.skipped, tally.snoozed) == (
            counts["prompted"],
            counts["started"],
            counts["skipped"],
            counts["snoozed"],
        ), day
        assert (tally.deferred, tally.paused, tally.natural) == (
            counts["deferred"],
            counts["paused"],
            counts["natural"],
        ), day
        assert tally.exercised == counts["completed"] + counts["ended_early"], day
    for (week, weekday), taken in _by_day(TAKEN):
        day = FIRST_MONDAY + timedelta(weeks=week, days=weekday)
        assert tallies[day].taken == taken, day


def _by_day(table: list[list[int]]) -> Iterator[tuple[tuple[int, int], int]]:
    for week, row in enumerate(table):
        for weekday, value in enumerate(row):
            yield (week, weekday), value


def test_day_tallies_in_the_user_s_zone(history: HistoryStore) -> None:
    tallies = history.day_tallies(FIRST_MONDAY, LAST_DAY, CPH)
    _check_tallies(tallies)
    # The 23-hour day has nothing; the break at 00:20 summer time is Monday's, not Sunday's.
    assert date(2026, 3, 29) not in tallies
    assert tallies[date(2026, 3, 30)].prompted == 11


@pytest.mark.skipif(not hasattr(time_module, "tzset"), reason="needs time.tzset")
def test_day_tallies_in_the_system_s_local_time(
    history: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Europe/Copenhagen")
    time_module.tzset()
    try:
        tallies = history.day_tallies(FIRST_MONDAY, LAST_DAY, None)
    finally:
        monkeypatch.undo()
        time_module.tzset()
    _check_tallies(tallies)
    assert date(2026, 3, 29) not in tallies


def _summary_of(store: HistoryStore, day: date) -> Summary:
    return load_summary(store, day, CPH, GOALS, routine_in(ROTATION, CATALOGUE))


def _summary(store: HistoryStore) -> Summary:
    return _summary_of(store, LAST_DAY)


def test_summary_on_the_last_day(history: HistoryStore) -> None:
    summary = _summary(history)
    last_day = [e for e in expected_events() if e[0].date() == LAST_DAY]
    assert summary.today.day == LAST_DAY
    assert summary.today.taken == summary.today.exercised == 10
    assert summary.today.seconds_moved == sum(e[4] or 0 for e in last_day)
    assert summary.today.completed_exercises == frozenset(ROTATION)
    assert [t.taken for t in summary.week] == [10, 10, 10, 10, 10, 0, 0]
    assert [t.completed_exercises >= {MATRIX, ROWS} for t in summary.week[:5]] == [
        True,
        True,
        True,
        False,  # every break ended early
        True,
    ]
    # Goal met every day from 18 March to 7 April (15 working days), broken by the short day
    # of 8 April, met again since 9 April: 9, 10, 13-17 April. Weekends neither break nor count.
    assert (summary.streak, summary.best_streak) == (7, 15)
    assert summary.routines_this_week == 4
    assert summary.routine == (MATRIX, ROWS)
    short_day = _summary_of(history, date(2026, 4, 8)).today
    assert short_day.completed_exercises == {SQUEEZE, MATRIX, BREATHING}


def test_the_twelve_week_strip(history: HistoryStore) -> None:
    weeks = _summary(history).weeks
    assert len(weeks) == WEEKS_SHOWN
    empty, ours = weeks[: WEEKS_SHOWN - 6], weeks[WEEKS_SHOWN - 6 :]
    assert all((w.taken, w.skipped, w.routines, w.goal_days) == (0, 0, 0, 0) for w in empty)
    assert [w.first_day for w in ours] == [FIRST_MONDAY + timedelta(weeks=n) for n in range(6)]
    assert [w.taken for w in ours] == [sum(row) for row in TAKEN]
    assert [w.natural for w in ours] == NATURAL
    assert [w.skipped for w in ours] == SKIPPED
    assert [w.routines for w in ours] == ROUTINE_DAYS
    assert [w.goal_days for w in ours] == [5, 4, 5, 5, 4, 5]
