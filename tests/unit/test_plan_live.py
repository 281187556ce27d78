"""Planning from the running app's state: the plan's first prompt is the tray's next break."""

from __future__ import annotations

import copy
import json
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from backbreak.core.plan import LiveState, PlannedPrompt, live_state, simulate, simulate_live
from backbreak.core.planner import Phase, Planner, PromptDue, Rules
from backbreak.core.workhours import WorkHours

CPH = ZoneInfo("Europe/Copenhagen")
DURATIONS = {"matrix": timedelta(seconds=90), "breathing": timedelta(seconds=120)}
ROTATION = ("matrix", "breathing", "matrix")


def rules(start: time = time(9), end: time = time(17), interval: int = 45) -> Rules:
    return Rules(
        WorkHours(frozenset(range(5)), start, end, CPH),
        timedelta(minutes=interval),
        timedelta(minutes=10),
    )


def at(hh: int, mm: int = 0, day: int = 2) -> datetime:
    """Local Copenhagen time on Monday 2 March 2026 (or another March day)."""
    return datetime(2026, 3, day, hh, mm, tzinfo=CPH)


def carry_on(planner: Planner, now: datetime, end: datetime) -> list[PlannedPrompt]:
    """What the real planner does next, with the user present and starting every break."""
    prompts: list[PlannedPrompt] = []
    t = now
    while True:
        for event in planner.poll(t):
            if isinstance(event, PromptDue):
                prompts.append(PlannedPrompt(t, event.exercise))
                t += planner.break_length(planner.start_break(t))
                planner.finish_break(t, completed=True)
        deadline = planner.next_deadline(t)
        if deadline is None or deadline >= end:
            return prompts
        t = max(t, deadline)


def through_json(state: LiveState) -> LiveState:
    return LiveState.from_json(json.loads(json.dumps(state.to_json())))


def test_an_app_started_after_work_start_is_planned_from_its_own_count() -> None:
    # The app started at 13:00: the tray says 13:45. The settings alone assume presence
    # since 09:00 and say something else.
    planner = Planner(rules(), ROTATION, DURATIONS, at(13))
    now = at(13, 20)
    state = through_json(live_state(planner, now))
    assert state.counted == timedelta(minutes=20)
    assert state.next_prompt == at(13, 45)
    live = simulate_live(rules(), DURATIONS, state, at(17))
    assert live[0] == PlannedPrompt(at(13, 45), "matrix")
    assert live[1] == PlannedPrompt(at(13, 45) + timedelta(minutes=45, seconds=90), "breathing")
    assert simulate(rules(), ROTATION, DURATIONS, now, at(17))[0].at != at(13, 45)
    assert live == carry_on(planner, now, at(17))


def test_rotation_position_snooze_pause_and_meeting_are_carried_over() -> None:
    planner = Planner(rules(), ROTATION, DURATIONS, at(9))
    for event in planner.poll(at(9, 45)):
        assert event == PromptDue("matrix")
    planner.start_break(at(9, 45))
    planner.finish_break(at(9, 47), completed=True)
    planner.poll(at(10, 32))
    planner.snooze(at(10, 32))  # the breathing prompt comes back at 10:42
    state = through_json(live_state(planner, at(10, 35)))
    assert (state.phase, state.position, state.next_prompt) == (Phase.SNOOZED, 1, at(10, 42))
    live = simulate_live(rules(), DURATIONS, state, at(17))
    assert live[0] == PlannedPrompt(at(10, 42), "breathing")
    assert live[1].exercise == "matrix"
    assert live == carry_on(planner, at(10, 35), at(17))

    paused = Planner(rules(), ROTATION, DURATIONS, at(9))
    paused.pause(at(9, 30), at(11))
    state = through_json(live_state(paused, at(10)))
    assert state.paused_until == at(11)
    live = simulate_live(rules(), DURATIONS, state, at(17))
    assert live[0].at == at(11, 15) == state.next_prompt  # 30 min counted, 15 to go
    assert live == carry_on(paused, at(10), at(17))

    meeting = Planner(rules(), ROTATION, DURATIONS, at(9))
    meeting.start_meeting(at(9, 30), at(10, 30))
    state = through_json(live_state(meeting, at(10)))
    live = simulate_live(rules(), DURATIONS, state, at(17))
    assert live[0].at == at(10, 31) == state.next_prompt  # one minute after the meeting
    assert live == carry_on(meeting, at(10), at(17))


def test_a_prompt_on_screen_is_the_first_and_a_break_under_way_ends_now() -> None:
    planner = Planner(rules(), ROTATION, DURATIONS, at(9))
    planner.poll(at(9, 45))
    state = through_json(live_state(planner, at(9, 50)))
    assert state.phase is Phase.PROMPT
    live = simulate_live(rules(), DURATIONS, state, at(17))
    assert live[0] == PlannedPrompt(at(9, 50), "matrix")
    assert live[1] == PlannedPrompt(at(9, 50) + timedelta(minutes=45, seconds=90), "breathing")

    planner.start_break(at(9, 50))
    state = through_json(live_state(planner, at(9, 51)))
    assert (state.phase, state.exercise) == (Phase.BREAK, "matrix")
    live = simulate_live(rules(), DURATIONS, state, at(17))
    assert live[0] == PlannedPrompt(at(10, 36), "breathing")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"rotation": []}, "rotation"),
        ({"rotation": [1]}, "rotation"),
        ({"position": 3}, "position"),
        ({"position": True}, "position"),
        ({"phase": "dancing"}, "phase"),
        ({"counted_seconds": float("nan")}, "counted_seconds"),
        ({"counted_seconds": -1}, "counted_seconds"),
        ({"at": "2026-03-02T09:00"}, "at: no UTC offset"),
        ({"next_prompt": "soon"}, "next_prompt"),
        ({"meeting": "yes"}, "meeting"),
        ({"deferred_by": "fullscreen"}, "deferred_by"),
    ],
)
def test_a_garbled_state_is_refused_naming_the_field(
    change: dict[str, object], message: str
) -> None:
    good = live_state(Planner(rules(), ROTATION, DURATIONS, at(9)), at(10)).to_json()
    assert LiveState.from_json(good).counted == timedelta(hours=1)
    with pytest.raises(ValueError, match=message):
        LiveState.from_json({**good, **change})


ACTIONS = st.lists(
    st.tuples(
        st.sampled_from(["wait", "answer", "snooze", "skip", "pause", "resume", "meet", "away"]),
        st.integers(1, 200),
    ),
    max_size=25,
)


@settings(max_examples=300, deadline=None)
@given(actions=ACTIONS, interval=st.integers(5, 90), start_hour=st.integers(6, 12))
def test_the_live_plan_is_what_the_real_planner_does_next(
    actions: list[tuple[str, int]], interval: int, start_hour: int
) -> None:
    """Whatever happened today, planning from the snapshot equals carrying on for real."""
    work = rules(interval=interval)
    now = at(start_hour)
    planner = Planner(work, ROTATION, DURATIONS, now)
    meeting_over = now
    for action, minutes in actions:
        span = timedelta(minutes=minutes)
        if action == "wait":  # as the app does: poll at every deadline on the way
            target = now + span
            while (deadline := planner.next_deadline(now)) is not None and deadline <= target:
                now = max(now, deadline)
                planner.poll(now)
            now = target
            planner.poll(now)
        elif action == "answer" and planner.phase in (Phase.PROMPT, Phase.SNOOZED):
            planner.start_break(now)
            now += timedelta(minutes=2)
            planner.finish_break(now, completed=True)
        elif action == "snooze":
            planner.snooze(now)
        elif action == "skip":
            planner.skip(now)
        elif action == "pause":
            planner.pause(now, now + span)
        elif action == "resume":
            planner.resume(now)
        elif action == "meet":
            planner.start_meeting(now, now + span)
            meeting_over = max(meeting_over, now + span)
        elif action == "away":
            planner.away(now, now + span, now + span)
            now += span
    state = through_json(live_state(planner, now))
    assume(state.phase in (Phase.WORKING, Phase.SNOOZED))
    assume(not meeting_over <= now < meeting_over + timedelta(minutes=2))  # no grace to know of
    end = now + timedelta(days=2)
    live = simulate_live(work, DURATIONS, state, end)
    assert live == carry_on(copy.deepcopy(planner), now, end)
    if state.next_prompt is not None and state.next_prompt < end:
        assert live[0].at == state.next_prompt
