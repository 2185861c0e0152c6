"""Step 11 well-being check: the seven-day balance, the mood chart and the wins list."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.block_shapes import assert_valid_result
from worksheets.compute.host import Host
from worksheets.compute.runner import run

TODAY = date(2026, 11, 27)


def result(answers: object, today: date = TODAY) -> list[dict]:
    return run("wellbeing-wins", answers, today)


def first(blocks: list[dict], kind: str) -> dict:
    return next(b for b in blocks if b["type"] == kind)


def balance_lines(blocks: list[dict]) -> list[str]:
    return next(b for b in blocks if b["type"] == "list" and not b["title"])["items"]


def check(day: date, **values: str) -> dict:
    return {"date": day.isoformat(), **values}


def test_empty_answers_invite_a_first_check() -> None:
    for empty in ({}, None, {"checks": [], "wins": []}, {"checks": [{"date": "2026-11-27"}]}):
        blocks = result(empty)
        assert len(blocks) == 1
        assert blocks[0]["type"] == "text"
        assert "Add today's check" in blocks[0]["text"]


def test_week_balance_averages_and_counts() -> None:
    answers = {"checks": [
        check(TODAY, sleep_hours="7", movement_minutes="30", connection="call", mood="4"),
        check(TODAY - timedelta(days=1), sleep_hours="6", movement_minutes="0",
              connection="none", mood="2"),
        check(TODAY - timedelta(days=2), sleep_hours="8", connection="together", mood="3"),
    ]}
    blocks = result(answers)
    assert first(blocks, "heading")["text"] == "Your week: 21 Nov to 27 Nov"
    assert balance_lines(blocks) == [
        "Days checked in: 3 of 7",
        "Sleep: 7 hours a night on average (3 days)",
        "Movement: 15 minutes a day on average (2 days)",
        "Days with some movement: 1 of 7",
        "Days with time with people: 2 of 7",
    ]
    mood = first(blocks, "score")
    assert (mood["value"], mood["max"], mood["detail"]) == (3.0, 5.0, "over 3 days")


def test_mood_chart_is_in_date_order_whatever_the_row_order() -> None:
    answers = {"checks": [
        check(TODAY, mood="5"),
        check(TODAY - timedelta(days=3), mood="1"),
        check(TODAY - timedelta(days=1), sleep_hours="7"),  # no mood: no bar
    ]}
    chart = first(result(answers), "chart")
    assert chart["labels"] == ["Tue 24 Nov", "Fri 27 Nov"]
    assert chart["values"] == [1.0, 5.0]
    assert chart["unit"] == "of 5"


def test_window_is_the_seven_days_up_to_today() -> None:
    answers = {"checks": [
        check(TODAY - timedelta(days=7), mood="1", movement_minutes="60"),  # eighth day: out
        check(TODAY - timedelta(days=6), mood="3", movement_minutes="10"),  # first day: in
    ]}
    blocks = result(answers)
    assert "Days with some movement: 1 of 7" in balance_lines(blocks)
    assert first(blocks, "score")["value"] == 3.0


def test_week_across_the_year_end() -> None:
    today = date(2027, 1, 2)
    answers = {"checks": [check(today - timedelta(days=n), mood="4", connection="message")
                          for n in range(10)]}
    blocks = result(answers, today)
    assert first(blocks, "heading")["text"] == "Your week: 27 Dec to 2 Jan"
    assert "Days with time with people: 7 of 7" in balance_lines(blocks)
    assert first(blocks, "chart")["labels"][0] == "Sun 27 Dec"
    assert first(blocks, "chart")["labels"][-1] == "Sat 2 Jan"


def test_two_rows_for_one_day_merge_and_blanks_do_not_erase() -> None:
    answers = {"checks": [
        check(TODAY, sleep_hours="5", mood="2"),
        check(TODAY, mood="4", sleep_hours=""),
    ]}
    blocks = result(answers)
    assert "Days checked in: 1 of 7" in balance_lines(blocks)
    assert "Sleep: 5 hours a night on average (1 day)" in balance_lines(blocks)
    assert first(blocks, "score")["value"] == 4.0


def test_malformed_and_out_of_range_values_are_left_out() -> None:
    answers = {"checks": [
        check(TODAY, sleep_hours="abc", movement_minutes="-5", mood="9", connection="call"),
        check(TODAY - timedelta(days=1), sleep_hours="7,5", mood="3", connection="sometimes"),
        {"date": "2026-13-01", "mood": "5"},
        {"date": "not a date", "mood": "5"},
        "not a row",
    ]}
    blocks = result(answers)
    lines = balance_lines(blocks)
    assert "Sleep: 7.5 hours a night on average (1 day)" in lines
    assert "Movement: not logged this week" in lines
    assert "Days with time with people: 1 of 7" in lines  # "sometimes" is no option
    assert first(blocks, "score")["value"] == 3.0
    notes = [b["text"] for b in blocks if b["type"] == "text"]
    assert any("2 checks without a date" in note for note in notes)


def test_future_days_are_named_not_counted() -> None:
    answers = {"checks": [check(TODAY + timedelta(days=3), mood="5")]}
    texts = [b["text"] for b in result(answers) if b["type"] == "text"]
    assert texts[0].startswith("No check-ins in the last seven days")
    assert "1 day dated after today" in texts[1]


def test_nudge_points_at_the_thinner_side_of_the_week() -> None:
    lonely = {"checks": [check(TODAY - timedelta(days=n), movement_minutes="20", connection="none")
                         for n in range(3)]}
    assert any("People were the thinnest" in b.get("text", "") for b in result(lonely))
    still = {"checks": [check(TODAY, movement_minutes="0", connection="call")]}
    assert any("20-minute walk" in b.get("text", "") for b in result(still))
    steady = {"checks": [check(TODAY, movement_minutes="20", connection="call")]}
    assert any("every day you checked in" in b.get("text", "") for b in result(steady))


def test_wins_newest_first_with_a_count() -> None:
    answers = {"wins": [
        {"date": "2026-11-02", "what": "Shortlisted for the planner role"},
        {"date": "2026-11-26", "what": "Recruiter callback"},
        {"date": "", "what": "Asked for feedback"},
        {"date": "2026-11-26", "what": "Second interview booked"},
        {"date": "2026-11-25", "what": "   "},
    ]}
    blocks = result(answers)
    wins = next(b for b in blocks if b["type"] == "list")
    assert wins["title"] == "Newest first (4)"
    assert wins["items"] == [
        "26 Nov 2026: Second interview booked",
        "26 Nov 2026: Recruiter callback",
        "2 Nov 2026: Shortlisted for the planner role",
        "Asked for feedback",
    ]
    assert "4 wins so far, 2 in the last seven days." in [b.get("text") for b in blocks]


def test_wins_across_the_year_end_sort_by_date_not_text() -> None:
    answers = {"wins": [{"date": "2026-12-31", "what": "Course module done"},
                        {"date": "2027-01-01", "what": "Callback"}]}
    wins = next(b for b in result(answers, date(2027, 1, 1)) if b["type"] == "list")
    assert wins["items"] == ["1 Jan 2027: Callback", "31 Dec 2026: Course module done"]


def test_unicode_and_very_long_win_text_pass_through_unchanged() -> None:
    long_text = "Ünïcödé win 🎉 " * 500
    wins = next(b for b in result({"wins": [{"date": "2026-11-27", "what": long_text}]})
                if b["type"] == "list")
    assert wins["items"] == [f"27 Nov 2026: {long_text.strip()}"]


values = st.one_of(st.none(), st.text(max_size=12), st.integers(), st.floats(),
                   st.booleans(), st.lists(st.text(max_size=5), max_size=3))
rows = st.lists(st.dictionaries(st.sampled_from(
    ["date", "sleep_hours", "movement_minutes", "connection", "mood", "what", "other"]),
    st.one_of(values, st.dates().map(date.isoformat)), max_size=6), max_size=8)


# The first run in a fresh checkout builds Hypothesis's Unicode tables, which is slow.
@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(["checks", "wins", "other"]),
                       st.one_of(values, rows), max_size=3), st.dates())
def test_any_answers_give_blocks_without_raising(answers: dict, today: date) -> None:
    assert_valid_result(result(answers, today))


# --- A gentle pointer to support after a run of low days (issue 12) ---------------------

ADVISERS = Host(organization="Northside Careers", contact="careers@example.org",
                appointment_url="https://example.org/book")


def pointer(blocks: list[dict]) -> dict | None:
    return next((b for b in blocks if b["type"] == "note"), None)


@pytest.mark.parametrize(("moods", "shown"), [
    (["1", "2", "1"], True),                  # three low days
    (["2", "2", "2", "5", "5"], True),        # low days among good ones still count
    (["1", "1"], False),                      # two are not yet a run
    (["3", "3", "3", "3"], False),            # middling is not low
    (["1", "1", "", "4"], False),             # a day without a mood is not a low day
])
def test_three_low_days_in_the_week_point_to_support(moods: list[str], shown: bool) -> None:
    checks = [check(TODAY - timedelta(days=n), mood=mood) for n, mood in enumerate(moods)]
    blocks = run("wellbeing-wins", {"checks": checks}, TODAY, host=ADVISERS)
    note = pointer(blocks)
    assert (note is not None) == shown
    if note:
        assert blocks[0] is note
        hrefs = [b["href"] for b in note["blocks"] if b["type"] == "link"]
        assert hrefs == ["https://example.org/book", "support/"]
        assert {"type": "text", "text": "Contact: careers@example.org"} in note["blocks"]
        assert "Keep that rhythm going" not in str(blocks)


def test_low_days_older_than_the_week_do_not_count() -> None:
    checks = [check(TODAY - timedelta(days=n), mood="1") for n in (7, 8, 9)]
    assert pointer(run("wellbeing-wins", {"checks": checks}, TODAY, host=ADVISERS)) is None


def test_without_host_services_the_pointer_links_support_only() -> None:
    checks = [check(TODAY - timedelta(days=n), mood="1") for n in range(3)]
    note = pointer(run("wellbeing-wins", {"checks": checks}, TODAY, host=Host()))
    assert note is not None
    assert [b["type"] for b in note["blocks"]] == ["text", "link"]
    assert note["blocks"][0]["text"].startswith("Your mood was low on 3 of the last 7 days.")
