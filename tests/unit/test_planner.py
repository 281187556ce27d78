"""The planner as scenario days, driven by a fake clock."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backbreak.core.clock import FakeClock
from backbreak.core.planner import (
    BreakRecord,
    MeetingEnded,
    Outcome,
    PauseEnded,
    Phase,
    Planner,
    PromptDue,
    PromptWithdrawn,
    Rules,
)
from backbreak.core.workhours import WorkHours

CPH = ZoneInfo("Europe/Copenhagen")
WEEKDAYS = frozenset(range(5))
DURATIONS = {"matrix": timedelta(seconds=90), "breathing": timedelta(seconds=120)}


def rules(
    start: time = time(9),
    end: time = time(17),
    days: frozenset[int] = WEEKDAYS,
    interval: int = 45,
    snooze: int = 10,
) -> Rules:
    return Rules(
        WorkHours(days, start, end, CPH), timedelta(minutes=interval), timedelta(minutes=snooze)
    )


def at(day: int, hh: int, mm: int = 0, ss: int = 0, month: int = 3) -> datetime:
    """A local Copenhagen time in 2026 (2 March 2026 is a Monday)."""
    return datetime(2026, month, day, hh, mm, ss, tzinfo=CPH)


ENDINGS = frozenset(
    {Outcome.COMPLETED, Outcome.ENDED_EARLY, Outcome.SKIPPED, Outcome.SNOOZED, Outcome.NATURAL}
)


def ended(planner: Planner) -> list[BreakRecord]:
    """The records of how breaks ended (leaving out prompted, started, deferred, paused)."""
    return [record for record in planner.records if record.outcome in ENDINGS]


class Day:
    """A planner with a fake clock, driven the way the app drives it."""

    def __init__(self, rules: Rules, start: datetime, rotation: tuple[str, ...] = ("matrix",)):
        self.clock = FakeClock(start)
        self.planner = Planner(rules, rotation, DURATIONS, start)

    def run_until(self, end: datetime) -> list[tuple[datetime, object]]:
        """Jump from deadline to deadline (as the scheduler would) until ``end``."""
        seen: list[tuple[datetime, object]] = []
        while True:
            deadline = self.planner.next_deadline(self.clock.now())
            if deadline is None or deadline > end:
                self.clock.advance(end - self.clock.now())
                seen += [(end, e) for e in self.planner.poll(end)]
                return seen
            self.clock.advance(max(timedelta(), deadline - self.clock.now()))
            events = self.planner.poll(self.clock.now())
            seen += [(self.clock.now(), e) for e in events]
            if any(isinstance(e, PromptDue) for e in events):
                return seen

    def local(self) -> datetime:
        return self.clock.now().astimezone(CPH)


def test_first_prompt_comes_one_interval_after_work_start() -> None:
    day = Day(rules(), at(2, 8, 0))
    seen = day.run_until(at(2, 12))
    assert seen == [(day.clock.now(), PromptDue("matrix"))]
    assert day.local() == at(2, 9, 45)


def test_break_done_starts_a_new_interval_from_its_end() -> None:
    day = Day(rules(), at(2, 9, 0))
    day.run_until(at(2, 12))
    day.planner.start_break(day.clock.now())
    day.clock.advance(timedelta(seconds=90))
    day.planner.finish_break(day.clock.now(), completed=True)
    day.run_until(at(2, 12))
    assert day.local() == at(2, 10, 31, 30)
    assert ended(day.planner)[-1].outcome is Outcome.COMPLETED
    assert ended(day.planner)[-1].seconds == 90


def test_snooze_brings_the_prompt_back_after_snooze_minutes() -> None:
    day = Day(rules(), at(2, 9, 0))
    day.run_until(at(2, 12))  # 09:45 prompt
    day.planner.snooze(day.clock.now())
    assert day.planner.phase is Phase.SNOOZED
    seen = day.run_until(at(2, 12))
    assert day.local() == at(2, 9, 55)
    assert [e for _, e in seen] == [PromptDue("matrix")]


def test_skip_starts_a_new_interval_without_a_break() -> None:
    day = Day(rules(), at(2, 9, 0))
    day.run_until(at(2, 12))
    day.planner.skip(day.clock.now())
    day.run_until(at(2, 12))
    assert day.local() == at(2, 10, 30)
    assert [r.outcome for r in day.planner.records] == [
        Outcome.PROMPTED,
        Outcome.SKIPPED,
        Outcome.PROMPTED,
    ]


def test_pause_freezes_the_count_and_ending_it_is_reported() -> None:
    day = Day(rules(), at(2, 9, 0))
    day.clock.advance(timedelta(minutes=30))  # 09:30, 30 min counted
    day.planner.pause(day.clock.now(), at(2, 10, 30))
    seen = day.run_until(at(2, 12))
    # 15 more minutes are needed after the pause ends at 10:30.
    assert day.local() == at(2, 10, 45)
    assert [type(e) for _, e in seen] == [PauseEnded, PromptDue]


def test_pause_withdraws_a_prompt_on_screen_and_resume_brings_it_back() -> None:
    day = Day(rules(), at(2, 9, 0))
    day.run_until(at(2, 12))
    day.planner.pause(day.clock.now(), at(2, 11))
    assert day.planner.poll(day.clock.now()) == [PromptWithdrawn("paused")]
    day.clock.advance(timedelta(minutes=5))
    day.planner.resume(day.clock.now())
    assert day.planner.poll(day.clock.now()) == [PauseEnded(), PromptDue("matrix")]


def test_no_prompts_outside_work_hours_or_on_weekends() -> None:
    day = Day(rules(), at(6, 16, 30))  # Friday 16:30: the period ends before 45 min pass
    seen = day.run_until(at(9, 12))
    assert [e for _, e in seen] == [PromptDue("matrix")]
    assert day.local() == at(9, 9, 45)  # Monday


def test_a_prompt_never_survives_the_end_of_its_work_period() -> None:
    day = Day(rules(), at(2, 16, 0))
    day.run_until(at(2, 18))  # 16:45 prompt
    assert day.local() == at(2, 16, 45)
    day.planner.snooze(day.clock.now())  # would come back at 16:55
    day.planner.snooze(day.clock.now())
    seen = day.run_until(at(2, 18))
    assert day.local() == at(2, 16, 55)
    assert [e for _, e in seen] == [PromptDue("matrix")]
    day.planner.snooze(day.clock.now())  # 17:05 is after work: withdrawn at 17:00
    assert day.planner.next_deadline(day.clock.now()) == at(2, 17)
    day.clock.advance(timedelta(minutes=5))
    assert day.planner.poll(day.clock.now()) == [PromptWithdrawn("work period ended")]
    assert day.planner.phase is Phase.WORKING


def test_each_work_period_starts_from_zero() -> None:
    day = Day(rules(start=time(9), end=time(9, 40)), at(2, 9, 0))
    assert day.planner.next_deadline(day.clock.now()) is None  # 40-min periods never reach 45
    assert day.planner.status(day.clock.now()).next_prompt is None


def test_suspend_in_the_middle_of_an_interval_counts_as_a_break() -> None:
    day = Day(rules(), at(2, 9, 0))
    day.clock.advance(timedelta(minutes=40))
    start = day.clock.now()
    day.clock.suspend(timedelta(minutes=30))  # slept through the 09:45 due time
    day.planner.away(start, day.clock.now(), day.clock.now())
    assert day.planner.poll(day.clock.now()) == []  # no stale prompt on waking
    assert day.planner.records[-1].outcome is Outcome.NATURAL
    day.run_until(at(2, 12))
    assert day.local() == at(2, 10, 55)


def test_a_prompt_on_screen_is_withdrawn_when_the_machine_slept_longer_than_a_break() -> None:
    day = Day(rules(), at(2, 9, 0))
    day.run_until(at(2, 12))
    start = day.clock.now()
    day.clock.suspend(timedelta(minutes=20))
    day.planner.away(start, day.clock.now(), day.clock.now())
    assert day.planner.poll(day.clock.now()) == [
        PromptWithdrawn("away long enough to count as a break")
    ]


def test_short_suspend_does_not_count_as_work() -> None:
    day = Day(rules(), at(2, 9, 0))
    day.clock.advance(timedelta(minutes=44))
    start = day.clock.now()
    day.clock.suspend(timedelta(seconds=60))  # shorter than a 90 s break
    day.planner.away(start, day.clock.now(), day.clock.now())
    assert day.planner.poll(day.clock.now()) == []
    day.run_until(at(2, 12))
    assert day.local() == at(2, 9, 46)


def test_live_presence_short_idle_pauses_the_count_long_idle_is_a_break() -> None:
    day = Day(rules(), at(2, 9, 0))
    day.clock.advance(timedelta(minutes=10))
    day.planner.user_away(day.clock.now() - timedelta(minutes=1), day.clock.now())
    assert day.planner.worked(day.clock.now()) == timedelta(minutes=9)
    day.clock.advance(timedelta(seconds=20))  # away 80 s in all: shorter than a 90 s break
    day.planner.user_back(day.clock.now())
    assert day.planner.worked(day.clock.now()) == timedelta(minutes=9)
    day.planner.user_away(day.clock.now(), day.clock.now())
    day.clock.advance(timedelta(minutes=5))
    day.planner.user_back(day.clock.now())
    assert day.planner.worked(day.clock.now()) == timedelta()
    assert day.planner.records[-1].outcome is Outcome.NATURAL


def test_a_prompt_on_screen_is_withdrawn_when_the_user_leaves() -> None:
    day = Day(rules(), at(2, 9, 0))
    day.run_until(at(2, 12))  # 09:45 prompt, nobody answers
    shown = day.planner.phase
    assert shown is Phase.PROMPT
    day.clock.advance(timedelta(minutes=2))
    day.planner.user_away(day.clock.now() - timedelta(minutes=2), day.clock.now())
    assert day.planner.poll(day.clock.now()) == [PromptWithdrawn("away")]
    assert day.planner.phase is Phase.WORKING
    day.clock.advance(timedelta(minutes=10))
    day.planner.user_back(day.clock.now())  # away 12 min: longer than a break
    assert day.planner.poll(day.clock.now()) == []
    assert day.planner.records[-1].outcome is Outcome.NATURAL
    assert day.planner.records[-1].seconds == 12 * 60
    assert day.planner.next_deadline(day.clock.now()) == at(2, 9, 57) + timedelta(minutes=45)


def test_a_prompt_withdrawn_for_a_short_absence_comes_back_with_the_user() -> None:
    day = Day(rules(), at(2, 9, 0))
    day.run_until(at(2, 12))  # 09:45 prompt
    day.planner.user_away(day.clock.now(), day.clock.now())  # screen locked at once
    assert day.planner.poll(day.clock.now()) == [PromptWithdrawn("away")]
    assert day.planner.next_deadline(day.clock.now()) is None  # nothing while away
    day.clock.advance(timedelta(seconds=30))  # shorter than a 90 s break
    day.planner.user_back(day.clock.now())
    assert day.planner.poll(day.clock.now(), idle_seconds=10) == [PromptDue("matrix")]
    assert all(r.outcome is not Outcome.NATURAL for r in day.planner.records)


def test_a_meeting_past_the_end_of_work_shows_the_next_days_break_not_one_that_never_comes() -> (
    None
):
    day = Day(rules(), at(2, 16, 0))
    day.planner.start_meeting(at(2, 16, 10), at(2, 17, 30))
    assert day.planner.status(at(2, 16, 10)).next_prompt == at(3, 9, 45)
    seen = day.run_until(at(3, 12))
    assert [(t, e) for t, e in seen if isinstance(e, PromptDue)] == [
        (at(3, 9, 45), PromptDue("matrix"))
    ]


def test_a_snoozed_prompt_during_a_meeting_is_shown_as_coming_after_it() -> None:
    day = Day(rules(), at(2, 9, 0))
    day.run_until(at(2, 12))  # 09:45 prompt
    day.planner.snooze(at(2, 9, 45))  # back at 09:55...
    day.planner.start_meeting(at(2, 9, 50), at(2, 10, 30))  # ...but the meeting runs on
    assert day.planner.status(at(2, 9, 50)).next_prompt == at(2, 10, 31)
    day.planner.start_meeting(at(2, 9, 50), at(2, 17, 30))  # past the end of work
    assert day.planner.status(at(2, 9, 50)).next_prompt == at(3, 9, 45)


def test_night_shift_across_the_dst_change_counts_real_time() -> None:
    # Saturday 24 Oct 2026 22:00 -> Sunday 06:00; clocks go back at 03:00 that night.
    shift = rules(start=time(22), end=time(6), days=frozenset(range(7)), interval=60)
    day = Day(shift, at(24, 22, 0, month=10))
    prompts: list[datetime] = []
    while len(prompts) < 20:
        seen = day.run_until(at(25, 12, month=10))
        if not any(isinstance(e, PromptDue) for _, e in seen):
            break
        prompts.append(day.clock.now())
        day.planner.start_break(day.clock.now())
        day.clock.advance(timedelta(seconds=90))
        day.planner.finish_break(day.clock.now(), completed=True)
    gaps = {b - a for a, b in pairwise(prompts)}
    assert gaps == {timedelta(minutes=61, seconds=30)}  # real elapsed time, DST or not
    # The shift is 9 real hours long that night, so it holds 8 prompts.
    assert len(prompts) == 8
    assert prompts[-1] < at(25, 6, month=10)


def test_alternate_rotation_advances_after_each_break() -> None:
    day = Day(rules(), at(2, 9, 0), rotation=("matrix", "breathing"))
    names = []
    for _ in range(3):
        seen = day.run_until(at(2, 17))
        names += [e.exercise for _, e in seen if isinstance(e, PromptDue)]
        day.planner.start_break(day.clock.now())
        day.clock.advance(timedelta(minutes=1))
        day.planner.finish_break(day.clock.now(), completed=False)
    assert names == ["matrix", "breathing", "matrix"]
    assert ended(day.planner)[0].outcome is Outcome.ENDED_EARLY


def test_closing_the_exercise_is_a_skip_and_the_same_exercise_comes_next() -> None:
    day = Day(rules(), at(2, 9, 0), rotation=("matrix", "breathing"))
    day.run_until(at(2, 12))  # 09:45
    day.planner.start_break(day.clock.now())
    day.clock.advance(timedelta(seconds=20))
    day.planner.finish_break(day.clock.now(), completed=False, seconds_done=18, taken=False)
    record = day.planner.records[-1]
    assert (record.outcome, record.exercise, record.seconds) == (Outcome.SKIPPED, "matrix", 18)
    day.planner.poll(day.clock.now())
    seen = day.run_until(at(2, 17))
    assert seen[-1] == (at(2, 9, 45, 20) + timedelta(minutes=45), PromptDue("matrix"))


def test_interval_change_applies_at_once() -> None:
    day = Day(rules(), at(2, 9, 0))
    day.clock.advance(timedelta(minutes=20))
    day.planner.apply_rules(rules(interval=15), day.clock.now())
    assert day.planner.poll(day.clock.now()) == [PromptDue("matrix")]


def test_wall_clock_set_back_does_not_freeze_counting() -> None:
    day = Day(rules(), at(2, 10, 0))
    day.planner.poll(at(2, 10, 30))
    day.planner.poll(at(2, 10, 0))  # clock corrected backwards
    deadline = day.planner.next_deadline(at(2, 10, 0))
    assert deadline is not None
    assert deadline <= at(2, 10, 45)


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        Planner(rules(), ("matrix",), DURATIONS, datetime(2026, 3, 2, 9))


@settings(max_examples=200, deadline=None)
@given(
    actions=st.lists(
        st.tuples(
            st.sampled_from(
                [
                    "wait",
                    "snooze",
                    "skip",
                    "break",
                    "pause",
                    "resume",
                    "sleep",
                    "meeting",
                    "end-meeting",
                    "fullscreen",
                    "windowed",
                    "typing",
                ]
            ),
            st.integers(min_value=1, max_value=600),
        ),
        max_size=40,
    )
)
def test_invariants_hold_for_any_sequence_of_events(actions: list[tuple[str, int]]) -> None:
    """Prompts are due only inside work periods and there is never more than one at a time."""
    shift = rules(start=time(22), end=time(6), days=frozenset({0, 2, 4, 5}), interval=30)
    clock = FakeClock(at(2, 21, 0))
    planner = Planner(shift, ("matrix",), DURATIONS, clock.now())
    showing = False
    typing = False
    for action, minutes in actions:
        now = clock.now()
        if action == "wait":
            clock.advance(timedelta(minutes=minutes))
        elif action == "sleep":
            clock.suspend(timedelta(minutes=minutes))
            planner.away(now, clock.now(), clock.now())
        elif action == "snooze":
            planner.snooze(now)
        elif action == "skip":
            planner.skip(now)
        elif action == "break":
            planner.start_break(now)
            clock.advance(timedelta(seconds=minutes))
            planner.finish_break(clock.now(), completed=True)
        elif action == "pause":
            planner.pause(now, now + timedelta(minutes=minutes))
        elif action == "meeting":
            planner.start_meeting(now, now + timedelta(minutes=minutes) if minutes % 2 else None)
        elif action == "end-meeting":
            planner.end_meeting(now)
        elif action in ("fullscreen", "windowed"):
            planner.defer("fullscreen", action == "fullscreen", now)
        elif action == "typing":
            typing = minutes % 3 == 0
        else:
            planner.resume(now)
        events = planner.poll(clock.now(), idle_seconds=0.0 if typing else None)
        deadline = planner.next_deadline(clock.now())
        assert deadline is None or deadline > clock.now(), "overdue right after a poll"
        for event in events:
            if isinstance(event, PromptDue):
                assert not showing, "a second prompt while one is showing"
                assert shift.work.period_at(clock.now()) is not None
                status = planner.status(clock.now())
                assert not status.meeting
                assert not status.deferred_by
                showing = True
            elif isinstance(event, PromptWithdrawn):
                showing = False
        if planner.phase is not Phase.PROMPT:
            showing = False


def test_prompt_now_works_outside_work_hours_and_start_follows() -> None:
    day = Day(rules(), at(7, 11, 0))  # a Saturday
    day.planner.prompt_now(day.clock.now())
    assert day.planner.poll(day.clock.now()) == [PromptDue("matrix")]
    assert day.planner.start_break(day.clock.now()) == "matrix"
    assert day.planner.poll(day.clock.now()) == [PromptWithdrawn("break started")]
    day.planner.prompt_now(day.clock.now())  # ignored during a break
    assert day.planner.poll(day.clock.now()) == []
    assert day.planner.phase is Phase.BREAK


def test_a_break_due_while_typing_waits_for_a_lull() -> None:
    day = Day(rules(), at(2, 9, 0))
    day.clock.advance(timedelta(minutes=45))
    now = day.clock.now()
    assert day.planner.poll(now, idle_seconds=0.4) == []  # mid-sentence
    assert day.planner.next_deadline(now) == now + timedelta(seconds=2.6)
    day.clock.advance(timedelta(seconds=2.6))
    assert day.planner.poll(day.clock.now(), idle_seconds=1.0) == []  # still typing
    day.clock.advance(timedelta(seconds=2))
    assert day.planner.poll(day.clock.now(), idle_seconds=3.5) == [PromptDue("matrix")]


def test_a_lull_is_waited_for_at_most_a_minute() -> None:
    day = Day(rules(), at(2, 9, 0))
    day.clock.advance(timedelta(minutes=45))
    due = day.clock.now()
    shown = []
    for _ in range(100):
        deadline = day.planner.next_deadline(day.clock.now())
        assert deadline is not None
        day.clock.advance(deadline - day.clock.now())
        shown = day.planner.poll(day.clock.now(), idle_seconds=0.0)  # typing non-stop
        if shown:
            break
    assert shown == [PromptDue("matrix")]
    assert day.clock.now() - due == timedelta(seconds=60)


def test_meeting_mode_holds_prompts_and_offers_the_due_break_once_soon_after() -> None:
    day = Day(rules(), at(2, 9, 0))
    day.clock.advance(timedelta(minutes=30))
    day.planner.start_meeting(day.clock.now(), until=at(2, 10, 30))
    seen = day.run_until(at(2, 12))
    assert day.local() == at(2, 10, 31)  # one minute after the meeting ends
    assert [type(e) for _, e in seen] == [MeetingEnded, PromptDue]
    assert day.planner.status(day.clock.now()).meeting is False


def test_a_meeting_until_ended_withdraws_the_prompt_and_counting_goes_on() -> None:
    day = Day(rules(), at(2, 9, 0))
    day.run_until(at(2, 12))  # 09:45 prompt on screen
    day.planner.start_meeting(day.clock.now())
    assert day.planner.poll(day.clock.now()) == [PromptWithdrawn("meeting")]
    assert day.planner.next_deadline(day.clock.now()) is None  # nothing until it ends
    day.clock.advance(timedelta(hours=2))
    assert day.planner.poll(day.clock.now()) == []
    day.planner.end_meeting(day.clock.now())
    seen = day.run_until(at(2, 14))
    assert [type(e) for _, e in seen] == [MeetingEnded, PromptDue]
    assert day.local() == at(2, 11, 46)


def test_fullscreen_defers_the_prompt_until_it_ends() -> None:
    day = Day(rules(), at(2, 9, 0))
    day.clock.advance(timedelta(minutes=40))
    day.planner.defer("fullscreen", True, day.clock.now())
    day.clock.advance(timedelta(minutes=20))
    assert day.planner.poll(day.clock.now()) == []
    assert day.planner.next_deadline(day.clock.now()) is None
    assert day.planner.status(day.clock.now()).deferred_by == ("fullscreen",)
    day.planner.defer("fullscreen", False, day.clock.now())
    assert day.planner.poll(day.clock.now()) == [PromptDue("matrix")]


def test_deferral_withdraws_a_prompt_on_screen_and_shows_it_once_afterwards() -> None:
    day = Day(rules(), at(2, 9, 0))
    day.run_until(at(2, 12))
    day.planner.defer("do-not-disturb", True, day.clock.now())
    day.planner.defer("fullscreen", True, day.clock.now())
    assert day.planner.poll(day.clock.now()) == [PromptWithdrawn("do-not-disturb")]
    day.planner.defer("do-not-disturb", False, day.clock.now())
    assert day.planner.poll(day.clock.now()) == []  # fullscreen still on
    day.planner.defer("fullscreen", False, day.clock.now())
    assert day.planner.poll(day.clock.now()) == [PromptDue("matrix")]
    assert day.planner.poll(day.clock.now()) == []


def test_away_during_a_deferral_still_counts_as_a_break() -> None:
    day = Day(rules(), at(2, 9, 0))
    day.clock.advance(timedelta(minutes=50))
    day.planner.defer("fullscreen", True, day.clock.now())
    start = day.clock.now()
    day.clock.suspend(timedelta(minutes=10))
    day.planner.away(start, day.clock.now(), day.clock.now())
    day.planner.defer("fullscreen", False, day.clock.now())
    assert day.planner.poll(day.clock.now()) == []
    assert day.planner.records[-1].outcome is Outcome.NATURAL


def test_the_time_done_reported_by_the_window_is_recorded() -> None:
    day = Day(rules(), at(2, 9, 0))
    day.planner.start_break(day.clock.now())
    day.clock.advance(timedelta(minutes=3))  # included a pause
    day.planner.finish_break(day.clock.now(), completed=False, seconds_done=41.5)
    assert day.planner.records[-1].outcome is Outcome.ENDED_EARLY
    assert day.planner.records[-1].seconds == 41.5


# -- what the history is told ------------------------------------------------------------


def kinds(planner: Planner) -> list[tuple[Outcome, str]]:
    return [(record.outcome, record.cause) for record in planner.records]


def test_a_prompt_and_a_started_break_are_recorded_with_their_exercise() -> None:
    day = Day(rules(), at(2, 9, 0))
    day.run_until(at(2, 12))
    day.planner.start_break(day.clock.now())
    day.clock.advance(timedelta(seconds=90))
    day.planner.finish_break(day.clock.now(), completed=True)
    assert kinds(day.planner) == [
        (Outcome.PROMPTED, ""),
        (Outcome.STARTED, ""),
        (Outcome.COMPLETED, ""),
    ]
    assert {record.exercise for record in day.planner.records} == {"matrix"}
    assert day.planner.records[0].at == at(2, 9, 45)


def test_a_break_due_during_a_meeting_is_recorded_once_as_deferred_by_it() -> None:
    day = Day(rules(), at(2, 9, 0))
    day.clock.advance(timedelta(minutes=30))
    day.planner.start_meeting(at(2, 9, 30), at(2, 10, 30))
    seen = day.run_until(at(2, 12))
    assert any(isinstance(event, PromptDue) for _, event in seen)
    assert kinds(day.planner) == [(Outcome.DEFERRED, "meeting"), (Outcome.PROMPTED, "")]
    # Recorded when it came due, as a deferral by fullscreen is, and offered after the meeting.
    assert [r.at for r in day.planner.records] == [at(2, 9, 45), at(2, 10, 31)]


@pytest.mark.parametrize("until", [at(2, 17, 30), None])
def test_a_break_held_back_by_a_meeting_past_the_end_of_work_is_recorded(
    until: datetime | None,
) -> None:
    """Due at 16:45 in a meeting that outlasts the work day: never offered, still deferred."""
    day = Day(rules(), at(2, 16, 0))
    day.planner.start_meeting(at(2, 16, 0), until)
    day.run_until(at(2, 17, 30))
    if until is None:
        day.planner.end_meeting(at(2, 17, 30))
    day.run_until(at(3, 9, 30))
    assert [(r.outcome, r.cause, r.at) for r in day.planner.records] == [
        (Outcome.DEFERRED, "meeting", at(2, 16, 45))
    ]


def test_a_prompt_withdrawn_for_a_meeting_is_recorded_as_deferred() -> None:
    day = Day(rules(), at(2, 9, 0))
    day.run_until(at(2, 12))
    day.planner.start_meeting(day.clock.now())
    day.clock.advance(timedelta(minutes=20))
    day.planner.end_meeting(day.clock.now())
    assert kinds(day.planner) == [(Outcome.PROMPTED, ""), (Outcome.DEFERRED, "meeting")]


def test_a_deferral_is_recorded_once_with_what_held_the_break_back() -> None:
    day = Day(rules(), at(2, 9, 0))
    day.planner.defer("fullscreen", True, at(2, 9, 10))
    day.clock.advance(at(2, 9, 50) - day.clock.now())
    for minute in range(50, 59):
        day.planner.poll(at(2, 9, minute))
    day.planner.defer("fullscreen", False, at(2, 10, 0))
    day.planner.poll(at(2, 10, 0))
    assert kinds(day.planner) == [(Outcome.DEFERRED, "fullscreen"), (Outcome.PROMPTED, "")]


def test_a_pause_is_recorded() -> None:
    day = Day(rules(), at(2, 9, 0))
    day.planner.pause(at(2, 9, 10), at(2, 10))
    assert kinds(day.planner) == [(Outcome.PAUSED, "")]


@pytest.mark.parametrize("cause", ["idle", "lock", "sleep"])
def test_a_natural_break_says_why_the_user_was_away(cause: str) -> None:
    day = Day(rules(), at(2, 9, 0))
    day.planner.user_away(at(2, 9, 10), at(2, 9, 12), cause)
    day.planner.user_back(at(2, 9, 20))
    assert kinds(day.planner) == [(Outcome.NATURAL, cause)]


def test_the_strongest_cause_of_one_absence_is_kept() -> None:
    day = Day(rules(), at(2, 9, 0))
    day.planner.user_away(at(2, 9, 10), at(2, 9, 12), "idle")
    day.planner.user_away(at(2, 9, 12), at(2, 9, 12), "sleep")
    day.planner.user_away(at(2, 9, 13), at(2, 9, 13), "lock")
    day.planner.user_back(at(2, 9, 20))
    day.planner.user_away(at(2, 9, 30), at(2, 9, 32), "idle")
    day.planner.user_back(at(2, 9, 40))
    assert kinds(day.planner) == [(Outcome.NATURAL, "sleep"), (Outcome.NATURAL, "idle")]


def test_a_sleep_found_after_the_fact_is_a_natural_break_by_sleep() -> None:
    day = Day(rules(), at(2, 9, 0))
    day.planner.away(at(2, 9, 10), at(2, 9, 40), at(2, 9, 41))
    assert kinds(day.planner) == [(Outcome.NATURAL, "sleep")]


def test_a_meeting_over_long_before_the_break_is_due_adds_no_grace_to_it() -> None:
    # An absence reported at the meeting's end leaves no deadline there: the poll at the due
    # time, three hours later, is the first to see the meeting over.
    day = Day(rules(interval=5), at(2, 6, 0))
    day.planner.start_meeting(at(2, 6, 0), at(2, 6, 2))
    day.planner.away(at(2, 6, 1), at(2, 6, 2), at(2, 6, 2))
    day.clock.advance(timedelta(minutes=2))
    day.run_until(at(2, 12))
    assert day.local() == at(2, 9, 5)
    assert kinds(day.planner) == [(Outcome.PROMPTED, "")]


@pytest.mark.parametrize("cause", ["lock", "sleep", "idle"])
def test_away_outside_work_hours_is_no_break(cause: str) -> None:
    """A screen locked (or a machine asleep) from Friday evening to Saturday morning is a day
    off, not a break: recorded, it would make Saturday a day below the goal and end a streak."""
    day = Day(rules(), at(6, 16, 0))  # Friday 6 March
    day.run_until(at(6, 16, 30))
    day.planner.user_away(at(6, 17, 30), at(6, 17, 30), cause)
    day.planner.user_back(at(7, 10, 0))
    day.planner.away(at(9, 7, 0), at(9, 8, 30), at(9, 8, 30), cause)  # Monday, before work
    assert [r for r in day.planner.records if r.outcome is Outcome.NATURAL] == []


def test_away_across_the_start_of_work_counts_its_work_time() -> None:
    """Away from 08:30 to 09:10: ten minutes of work time away, long enough to be a break
    (recorded with the whole absence)."""
    day = Day(rules(), at(9, 8, 0))
    day.planner.away(at(9, 8, 30), at(9, 9, 10), at(9, 9, 10), "sleep")
    assert [(r.outcome, r.at, r.seconds) for r in day.planner.records] == [
        (Outcome.NATURAL, at(9, 9, 10), 2400.0)
    ]
