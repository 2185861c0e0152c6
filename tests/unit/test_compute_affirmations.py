"""Step 15 affirmations: a stable daily rotation over own lines then chosen ones, and a card."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.block_shapes import assert_valid_result
from worksheets.compute.runner import run

TODAY = date(2026, 11, 27)
ALL = ["capable", "improving", "right_fit", "temporary", "not_a_no_to_me", "hard_things",
       "skills_remain", "next_step"]
ANSWERS = {
    "suggested": ["temporary", "capable", "right_fit"],
    "own": [{"text": "Patients trust me."}, {"text": "I bring calm to busy shifts."}],
}
ORDER = ["Patients trust me.", "I bring calm to busy shifts.", "I am capable.",
         "I am moving toward the right fit.", "This is temporary."]


def result(answers: object, today: date = TODAY) -> list[dict]:
    return run("affirmations", answers, today)


def card_lines(blocks: list[dict]) -> list[str]:
    return next(b for b in blocks if b["type"] == "card")["lines"]


def today_line(answers: object, today: date) -> str:
    blocks = result(answers, today)
    assert blocks[0] == {"type": "heading", "text": "For today"}
    return blocks[1]["text"]


def test_empty_answers_invite_a_choice() -> None:
    for empty in ({}, None, {"suggested": [], "own": [{"text": "  "}]}, {"suggested": ["gone"]}):
        blocks = result(empty)
        assert len(blocks) == 1
        assert blocks[0]["text"].startswith("Tick a line")


def test_own_lines_first_then_suggestions_in_definition_order() -> None:
    blocks = result(ANSWERS)
    assert card_lines(blocks) == ORDER
    assert blocks[2]["text"].startswith("Your affirmations (5 lines, one a day in this order)")


def test_todays_line_is_the_date_ordinal_modulo_the_list() -> None:
    assert today_line(ANSWERS, TODAY) == ORDER[TODAY.toordinal() % len(ORDER)]


def test_same_day_same_line_whatever_the_tick_order() -> None:
    shuffled = {**ANSWERS, "suggested": list(reversed(ANSWERS["suggested"]))}
    assert today_line(ANSWERS, TODAY) == today_line(ANSWERS, TODAY)
    assert today_line(ANSWERS, TODAY) == today_line(shuffled, TODAY)


def test_consecutive_days_show_each_line_once_before_wrapping() -> None:
    days = [TODAY + timedelta(days=n) for n in range(len(ORDER))]
    shown = [today_line(ANSWERS, day) for day in days]
    assert sorted(shown) == sorted(ORDER)
    assert today_line(ANSWERS, TODAY + timedelta(days=len(ORDER))) == shown[0]


def test_rotation_across_the_year_end_walks_the_list_in_order() -> None:
    start = date(2026, 12, 29)
    shown = [today_line(ANSWERS, start + timedelta(days=n)) for n in range(len(ORDER))]
    first = ORDER.index(shown[0])
    assert shown == [ORDER[(first + n) % len(ORDER)] for n in range(len(ORDER))]


def test_duplicates_are_shown_once_keeping_the_own_wording() -> None:
    answers = {"suggested": ["capable"], "own": [{"text": "i am  CAPABLE."},
                                                  {"text": "I am capable."}]}
    blocks = result(answers)
    assert card_lines(blocks) == ["i am  CAPABLE."]
    assert any(b.get("text", "").startswith("Your affirmations (1 line,") for b in blocks)


def test_the_card_to_print_holds_every_chosen_line_in_order() -> None:
    card = next(b for b in result(ANSWERS) if b["type"] == "card")
    assert card == {"type": "card", "title": "My affirmations", "lines": ORDER,
                    "footer": "Read one out loud today."}


def test_unknown_values_and_malformed_rows_are_ignored() -> None:
    answers = {"suggested": ["capable", 7, "not-an-option"],
               "own": ["loose text", {"text": 5}, {"text": "Ünïcödé ✨ line"}]}
    assert card_lines(result(answers)) == ["Ünïcödé ✨ line", "I am capable."]


@given(st.lists(st.sampled_from(ALL), unique=True, min_size=1),
       st.lists(st.text(min_size=1, max_size=30), max_size=5),
       st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 1, 1)))
@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=50)
def test_any_window_of_len_days_covers_every_line_once(chosen: list[str], own: list[str],
                                                       start: date) -> None:
    answers = {"suggested": chosen, "own": [{"text": t} for t in own]}
    listed = card_lines(result(answers, start))
    shown = [today_line(answers, start + timedelta(days=n)) for n in range(len(listed))]
    assert sorted(shown) == sorted(listed)
    assert today_line(answers, start) == today_line(answers, start)


# The first run in a fresh checkout builds Hypothesis's Unicode tables, which is slow.
@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(["suggested", "own", "other"]),
                       st.one_of(st.none(), st.text(max_size=8), st.integers(),
                                 st.lists(st.one_of(st.text(max_size=8), st.integers(),
                                                    st.dictionaries(st.just("text"),
                                                                    st.text(max_size=8))),
                                          max_size=4)), max_size=3),
       st.dates())
def test_any_answers_give_blocks_without_raising(answers: dict, today: date) -> None:
    assert_valid_result(result(answers, today))
