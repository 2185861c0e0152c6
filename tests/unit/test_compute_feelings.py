"""Step 1 feelings check-in: the strength trend in date order, the notes, the common feelings."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.block_shapes import assert_valid_result
from worksheets.compute.feelings import direction
from worksheets.compute.runner import run

TODAY = date(2027, 1, 3)
SUPPORT_PAGE = "If you are struggling"


def result(answers: object) -> list[dict]:
    return run("feelings-check-in", answers, TODAY)


def of(blocks: list[dict], kind: str) -> list[dict]:
    return [b for b in blocks if b["type"] == kind]


def texts(blocks: list[dict]) -> str:
    return " ".join(b["text"] for b in of(blocks, "text"))


def entry(day: str, strength: str = "", *feelings: str, journal: str = "") -> dict:
    return {"date": day, "intensity": strength, "emotions": list(feelings), "journal": journal}


def test_empty_answers_invite_a_first_check_in() -> None:
    for empty in ({}, None, "nonsense", {"checkins": []}, {"checkins": [{"date": "2027-01-03"}]},
                  {"checkins": "abc"}):
        blocks = result(empty)
        assert [b["type"] for b in blocks] == ["text"]
        assert "first check-in" in blocks[0]["text"]


def test_one_entry_gives_its_strength_and_feelings_but_no_chart() -> None:
    blocks = result({"checkins": [entry("2027-01-02", "6", "disappointment", "worry")]})
    assert not of(blocks, "chart")
    assert "6 of 10" in texts(blocks)
    assert SUPPORT_PAGE not in texts(blocks)
    assert of(blocks, "list")[0]["items"] == ["Disappointment: 1 of 1 check-in",
                                              "Worry: 1 of 1 check-in"]


def test_one_heavy_entry_points_gently_to_support() -> None:
    blocks = result({"checkins": [entry("2027-01-02", "9", "sadness")]})
    assert SUPPORT_PAGE in texts(blocks)
    assert "http" not in texts(blocks)


def test_falling_trend_across_a_year_end_in_date_order() -> None:
    # Entered out of order; the compute sorts by date, across the turn of the year.
    answers = {"checkins": [
        entry("2027-01-02", "4", "hope"),
        entry("2026-12-28", "9", "anger", "self-doubt"),
        entry("2026-12-31", "6", "anger"),
    ]}
    blocks = result(answers)
    chart = of(blocks, "chart")[0]
    assert chart["labels"] == ["28 Dec 2026", "31 Dec 2026", "2 Jan 2027"]
    assert chart["values"] == [9.0, 6.0, 4.0]
    assert "eased, from 9 at your first check-in to 4 now" in texts(blocks)
    assert SUPPORT_PAGE not in texts(blocks)
    table = of(blocks, "table")[0]
    assert table["rows"] == [["First", "28 Dec 2026", "9 of 10", "Anger, Self-doubt"],
                             ["Latest", "2 Jan 2027", "4 of 10", "Hope"]]
    assert of(blocks, "list")[0]["items"][0] == "Anger: 2 of 3 check-ins"


def test_rising_trend_is_calm_and_names_the_support_page() -> None:
    blocks = result({"checkins": [entry("2027-01-01", "3"), entry("2027-01-02", "5")]})
    words = texts(blocks)
    assert "stronger than your first (3)" in words
    assert "not a step back" in words
    assert f"“{SUPPORT_PAGE}”" in words
    assert "someone you trust" in words
    assert "eased" not in words


def test_chart_labels_leave_out_the_year_within_one_year_and_number_repeats() -> None:
    blocks = result({"checkins": [entry("2027-01-01", "7"), entry("2027-01-01", "5"),
                                  entry("2027-01-02", "5")]})
    assert of(blocks, "chart")[0]["labels"] == ["1 Jan", "1 Jan (2)", "2 Jan"]


def test_undated_entries_come_last_and_are_named_by_position() -> None:
    blocks = result({"checkins": [entry("", "2"), entry("2027-01-01", "6"),
                                  entry("not a date", "1")]})
    assert of(blocks, "chart")[0]["labels"] == ["1 Jan", "Check-in 1", "Check-in 3"]
    assert of(blocks, "chart")[0]["values"] == [6.0, 2.0, 1.0]


def test_unrated_entries_still_count_feelings() -> None:
    blocks = result({"checkins": [entry("2027-01-01", "", "relief"),
                                  entry("2027-01-02", "abc", "relief", "hope", journal="ok")]})
    assert not of(blocks, "chart")
    assert "Rate how strong" in texts(blocks)
    assert of(blocks, "list")[0]["items"] == ["Relief: 2 of 2 check-ins",
                                              "Hope: 1 of 2 check-ins"]


def test_out_of_range_strengths_are_ignored() -> None:
    blocks = result({"checkins": [entry("2027-01-01", "11"), entry("2027-01-02", "-1"),
                                  entry("2027-01-03", "4.5")]})
    assert not of(blocks, "chart")
    assert "4.5 of 10" in texts(blocks)


def test_most_named_feelings_are_capped_at_three_with_ties_in_list_order() -> None:
    blocks = result({"checkins": [
        entry("2027-01-01", "5", "hope", "anger", "worry", "sadness"),
        entry("2027-01-02", "5", "hope", "worry", "hope"),
    ]})
    assert of(blocks, "list")[0]["items"] == ["Worry: 2 of 2 check-ins", "Hope: 2 of 2 check-ins",
                                              "Anger: 1 of 2 check-ins"]


def test_unknown_feelings_and_long_unicode_journal_are_harmless() -> None:
    journal = "Ich bin enttäuscht 😞 " * 2000
    blocks = result({"checkins": [entry("2027-01-02", "5", "weltschmerz", journal=journal)]})
    assert of(blocks, "list")[0]["items"] == ["weltschmerz: 1 of 1 check-in"]


@pytest.mark.parametrize(("values", "expected"), [
    ([8, 5], "falling"), ([5, 8], "rising"), ([5, 5], "level"), ([9, 2, 2, 7], "falling"),
    ([2, 10, 1, 3], "mixed"), ([5, 5, 5], "level"), ([4, 8, 4], "level"),
])
def test_direction(values: list[float], expected: str) -> None:
    assert direction([float(v) for v in values]) == expected


VALUE = st.one_of(st.text(max_size=12), st.integers(-5, 15).map(str), st.none(),
                  st.lists(st.text(max_size=12), max_size=3))


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.dictionaries(st.sampled_from(["date", "intensity", "emotions", "journal"]),
                                VALUE), max_size=6))
def test_any_rows_never_raise(rows: list[dict]) -> None:
    assert_valid_result(result({"checkins": rows}))
