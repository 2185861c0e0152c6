"""Step 8 momentum tracker: ISO-week counts, this week against the goal, streak and chart."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.block_shapes import assert_valid_result
from worksheets.compute.momentum import streak, week_start
from worksheets.compute.runner import run

SATURDAY = date(2027, 1, 2)  # ISO week 53 of 2026, which runs 28 Dec 2026 to 3 Jan 2027


def log(*days: str, kind: str = "application") -> list[dict[str, str]]:
    return [{"date": day, "kind": kind, "note": "Tailored application"} for day in days]


# 2 this week (so far), 3 and 4 in the two weeks before, then a thin week, then a strong one.
ACTIONS = [
    *log("2026-12-29", "2027-01-01"),
    *log("2026-12-21", "2026-12-23", "2026-12-27", kind="networking"),
    *log("2026-12-14", "2026-12-15", "2026-12-16", "2026-12-20", kind="learning"),
    *log("2026-12-09"),
    *log("2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04"),
]


def result(answers: Any, today: date = SATURDAY) -> list[dict]:
    return run("momentum-tracker", answers, today)


def block(blocks: list[dict], kind: str, title: str = "") -> dict:
    return next(b for b in blocks if b["type"] == kind and (not title or b.get("title") == title))


def streak_text(blocks: list[dict]) -> str:
    return next(b["text"] for b in blocks if b["type"] == "text")


def test_empty_answers_invite_a_goal_and_a_first_action() -> None:
    untouched_row = {"weekly_goal": "", "actions": [{"date": "2027-01-02"}]}
    for empty in ({}, None, {"actions": []}, untouched_row):
        blocks = result(empty)
        assert len(blocks) == 1
        assert blocks[0]["text"].startswith("Set a weekly goal and log your first action")


def test_an_unfinished_week_does_not_break_the_streak() -> None:
    blocks = result({"weekly_goal": "3", "actions": ACTIONS})
    score = block(blocks, "score")
    assert score["label"] == "This week (week 53, 28 Dec to 3 Jan)"
    assert (score["value"], score["max"]) == (2, 3)
    assert score["detail"] == "1 to go; 1 day left after today."
    assert streak_text(blocks) == ("Streak: 2 weeks in a row at or above your goal. This week "
                                   "is still open: 1 more keeps it going.")


def test_meeting_the_goal_this_week_adds_it_to_the_streak() -> None:
    blocks = result({"weekly_goal": "3", "actions": [*ACTIONS, *log("2027-01-02")]})
    assert block(blocks, "score")["detail"] == "Goal met."
    assert streak_text(blocks) == "Streak: 3 weeks in a row at or above your goal."


def test_the_streak_carries_across_the_year_end_into_the_new_year() -> None:
    actions = [*ACTIONS, *log("2027-01-02", "2027-01-04", "2027-01-05", "2027-01-06")]
    blocks = result({"weekly_goal": "3", "actions": actions}, today=date(2027, 1, 6))
    assert block(blocks, "score")["label"] == "This week (week 1, 4 Jan to 10 Jan)"
    assert streak_text(blocks) == "Streak: 4 weeks in a row at or above your goal."


def test_a_missed_full_week_ends_the_streak() -> None:
    blocks = result({"weekly_goal": "3", "actions": ACTIONS}, today=date(2027, 1, 11))
    assert streak_text(blocks) == "No streak yet. Meet your goal this week and it starts."


def test_the_chart_shows_the_last_eight_weeks_with_the_goal_line() -> None:
    chart = block(result({"weekly_goal": "3", "actions": ACTIONS}), "chart")
    assert chart["labels"] == ["9 Nov", "16 Nov", "23 Nov", "30 Nov", "7 Dec", "14 Dec",
                               "21 Dec", "28 Dec"]
    assert chart["values"] == [0, 0, 0, 5, 1, 4, 3, 2]
    assert chart["goal"] == 3


def test_this_week_is_broken_down_by_kind_in_form_order() -> None:
    actions = [*log("2026-12-30", kind="networking"), *log("2026-12-28", "2026-12-31"),
               {"date": "2027-01-01", "note": "Coffee with an alum"},
               {"date": "2027-01-01", "kind": "made-up"}]
    blocks = result({"weekly_goal": "5", "actions": actions})
    assert block(blocks, "list", "This week by kind")["items"] == [
        "Application: 2", "Networking: 1", "Other: 1", "made-up: 1"]
    assert block(blocks, "score")["value"] == 5


def test_week_start_is_monday_and_iso_weeks_cross_years() -> None:
    assert week_start(date(2025, 1, 1)) == date(2024, 12, 30)
    assert week_start(date(2024, 12, 30)) == date(2024, 12, 30)
    assert week_start(date(2027, 1, 3)) == date(2026, 12, 28)
    assert date(2027, 1, 3).isocalendar()[:2] == date(2026, 12, 28).isocalendar()[:2]


def test_streak_counts_back_from_this_week_or_last() -> None:
    monday = date(2026, 12, 28)
    counts = Counter({monday: 1, monday - timedelta(7): 2, monday - timedelta(14): 2})
    assert streak(counts, 2, date(2026, 12, 30)) == 2
    assert streak(counts, 1, date(2026, 12, 30)) == 3
    assert streak(counts, 3, date(2026, 12, 30)) == 0
    assert streak(Counter(), 1, date(2026, 12, 30)) == 0


def test_a_missing_or_malformed_goal_still_counts_the_week() -> None:
    for goal in ("abc", "0", "-2", None, ["3"]):
        blocks = result({"weekly_goal": goal, "actions": ACTIONS})
        assert blocks[0]["text"] == "This week (week 53, 28 Dec to 3 Jan): 2 actions so far."
        assert blocks[1]["text"].startswith("Add a weekly goal, as a number")
        assert block(blocks, "chart")["goal"] is None


def test_a_fractional_goal_and_extra_actions() -> None:
    blocks = result({"weekly_goal": "1.5", "actions": ACTIONS})
    assert block(blocks, "score")["detail"] == "Goal met, with 0.5 extra."
    assert streak_text(blocks) == "Streak: 3 weeks in a row at or above your goal."


def test_undated_and_future_entries_are_set_aside_and_explained() -> None:
    actions = [*log("2027-01-01"), {"date": "", "kind": "learning"},
               {"date": "not a date", "note": "Course"}, *log("2027-02-01")]
    blocks = result({"weekly_goal": "2", "actions": actions})
    assert block(blocks, "score")["value"] == 1
    assert block(blocks, "list", "Not counted yet")["items"] == [
        "2 entries without a date: add the day you did it and it counts.",
        "1 entry dated after today: counted once that day comes."]


def test_sunday_is_the_last_day() -> None:
    blocks = result({"weekly_goal": "3", "actions": ACTIONS}, today=date(2027, 1, 3))
    assert block(blocks, "score")["detail"] == "1 to go; today is the last day."


def test_a_long_unicode_note_is_fine() -> None:
    actions = [{"date": "2027-01-01", "kind": "networking", "note": "Café ☕ con María " * 500}]
    blocks = result({"weekly_goal": "1", "actions": actions})
    assert streak_text(blocks) == "Streak: 1 week in a row at or above your goal."


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(
    goal=st.one_of(st.text(max_size=6), st.integers(-5, 60).map(str), st.floats(), st.none()),
    rows=st.lists(st.one_of(
        st.fixed_dictionaries({"date": st.dates(date(2020, 1, 1), date(2030, 1, 1))
                                .map(date.isoformat),
                               "kind": st.sampled_from(["application", "networking", "", "x"]),
                               "note": st.text(max_size=10)}),
        st.dictionaries(st.text(max_size=5), st.text(max_size=5)), st.text(max_size=5)),
        max_size=30),
    today=st.dates(date(2020, 1, 1), date(2030, 1, 1)),
)
def test_any_answers_never_raise_and_the_chart_has_eight_weeks(
    goal: Any, rows: list, today: date
) -> None:
    blocks = result({"weekly_goal": goal, "actions": rows}, today=today)
    assert_valid_result(blocks)
    assert {b["type"] for b in blocks} <= {"text", "list", "score", "chart"}
    charts = [b for b in blocks if b["type"] == "chart"]
    assert all(len(c["values"]) == 8 for c in charts)
