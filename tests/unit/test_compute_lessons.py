"""Step 10 lessons log: recurring themes, repeated words and the changes committed to."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.block_shapes import assert_valid_result
from worksheets.compute.lessons import themes_in, word_key, words_in
from worksheets.compute.runner import run

TODAY = date(2026, 4, 5)
# The example on the step page: three office manager interviews.
LUIS = [
    {"date": "2026-03-20", "interview": "Law firm",
     "learned": "Shorter answers worked. Still vague on budgets",
     "change": "Bring one budget example with numbers"},
    {"date": "2026-03-03", "interview": "Dental clinic",
     "learned": "I talked too long about my old job", "change": "Keep answers under two minutes"},
    {"date": "2026-04-02", "interview": "Charity",
     "learned": "Budget answer went well. Nervous at the start",
     "change": "Arrive 15 minutes early and walk around the block"},
]


def result(answers: Any) -> list[dict]:
    return run("lessons-log", answers, TODAY)


def block(blocks: list[dict], kind: str, title: str = "") -> dict:
    return next(b for b in blocks if b["type"] == kind and (not title or b.get("title") == title))


def test_empty_answers_invite_a_first_entry() -> None:
    untouched = {"entries": [{"date": "2026-04-05", "interview": "Acme"}]}
    for empty in ({}, None, {"entries": []}, {"entries": "abc"}, untouched):
        blocks = result(empty)
        assert len(blocks) == 1
        assert blocks[0]["text"].startswith("After your next interview, add one thing")


def test_recurring_themes_count_entries_and_name_them() -> None:
    blocks = result({"entries": LUIS})
    assert block(blocks, "list", "Themes that keep coming up")["items"] == [
        "Timing: in 2 of 3 entries (Dental clinic, Charity)",
        "Concise answers: in 2 of 3 entries (Dental clinic, Law firm)",
    ]
    assert any(b.get("text", "").startswith("The themes you mention most are timing and "
                                            "concise answers. Pick one") for b in blocks)


def test_repeated_words_fold_plurals_and_skip_stop_and_theme_words() -> None:
    blocks = result({"entries": LUIS})
    assert block(blocks, "list", "Your own words that repeat")["items"] == [
        "budget: in 2 entries"]


def test_changes_are_listed_in_date_order() -> None:
    assert block(result({"entries": LUIS}), "list", "Changes you committed to")["items"] == [
        "Dental clinic (3 Mar 2026): Keep answers under two minutes",
        "Law firm (20 Mar 2026): Bring one budget example with numbers",
        "Charity (2 Apr 2026): Arrive 15 minutes early and walk around the block",
    ]


def test_one_entry_names_its_themes_without_calling_them_recurring() -> None:
    blocks = result({"entries": [LUIS[1]]})
    assert blocks[0]["text"] == (
        "One entry so far. A theme counts as recurring once it shows up in two interviews. "
        "This one touches on timing and concise answers.")


def test_a_single_top_theme_and_a_theme_in_every_entry() -> None:
    entries = [{"learned": "I was nervous at the start", "change": "Breathe slowly"},
               {"learned": "Less nervous this time", "change": "Practice the salary answer"},
               {"learned": "Calm from the start", "change": "Research the team"}]
    blocks = result({"entries": entries})
    items = block(blocks, "list", "Themes that keep coming up")["items"]
    assert items == ["Nerves: in 3 of 3 entries (Interview 1, Interview 2, Interview 3)"]
    assert any(b.get("text", "").startswith("The theme you mention most is nerves. Take it")
               for b in blocks)
    assert block(blocks, "list", "Your own words that repeat")["items"] == [
        "start: in 2 entries"]


def test_no_repeats_across_entries_is_said_kindly() -> None:
    blocks = result({"entries": [{"learned": "Salary came up early on"},
                                 {"learned": "They wanted a portfolio"}]})
    assert blocks[0]["text"].startswith("No theme repeats across your 2 entries yet.")


def test_undated_and_unnamed_entries_keep_their_place_after_dated_ones() -> None:
    entries = [{"learned": "x", "change": "First, undated"},
               {"date": "2026-01-02", "learned": "y", "change": "Dated"},
               {"date": "garbage", "interview": "Acme", "change": "Bad date"}]
    assert block(result({"entries": entries}), "list", "Changes you committed to")["items"] == [
        "Interview 2 (2 Jan 2026): Dated", "Interview 1: First, undated", "Acme: Bad date"]


def test_entries_across_a_year_end_sort_by_date() -> None:
    entries = [{"date": "2027-01-03", "interview": "B", "change": "Later"},
               {"date": "2026-12-30", "interview": "A", "change": "Earlier"}]
    items = block(result({"entries": entries}), "list", "Changes you committed to")["items"]
    assert items == ["A (30 Dec 2026): Earlier", "B (3 Jan 2027): Later"]


def test_many_entries_shorten_the_list_of_names() -> None:
    entries = [{"interview": f"Org {n}", "learned": "More research needed"} for n in range(6)]
    items = block(result({"entries": entries}), "list", "Themes that keep coming up")["items"]
    assert items == ["Research: in 6 of 6 entries (Org 0, Org 1, Org 2, Org 3 and 2 more)"]


def test_themes_match_whole_words_and_phrases() -> None:
    assert themes_in("I froze on the salary question and ran out of time") == {
        "Nerves", "Salary", "Questions", "Timing"}
    assert themes_in("Next time, pay attention to the panel") == frozenset()
    assert themes_in("I told the STAR story about the warehouse") == {"Examples"}
    assert themes_in("Unprepared for the case study; read up on their mission") == {
        "Preparation", "Examples", "Research"}
    assert themes_in("") == frozenset()


def test_word_helpers() -> None:
    assert word_key("Budgets") == "budget"
    assert word_key("stories") == "story"
    assert word_key("process") == "process"
    assert word_key("manager's") == "manager"
    assert words_in("The manager's budget, budgets and the budget again") == {
        "manager": "manager's", "budget": "budget"}
    assert "nervous" not in words_in("Nervous portfolio")  # a theme word is not repeated twice
    assert "präsentation" in words_in("Die Präsentation war gut")


def test_unicode_words_repeat_across_entries() -> None:
    entries = [{"learned": "Mehr Übung mit der Präsentation"},
               {"learned": "Die Präsentation lief besser"}]
    items = block(result({"entries": entries}), "list", "Your own words that repeat")["items"]
    assert "präsentation: in 2 entries" in items


def test_very_long_text_is_fine() -> None:
    entries = [{"learned": "budget forecast " * 5000, "change": "x" * 20000}] * 3
    blocks = result({"entries": entries})
    items = block(blocks, "list", "Your own words that repeat")["items"]
    assert items == ["budget: in 3 entries", "forecast: in 3 entries"]


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(
    st.sampled_from(["entries", "x"]),
    st.one_of(st.text(), st.lists(st.one_of(
        st.dictionaries(st.sampled_from(["date", "interview", "learned", "change"]),
                        st.one_of(st.text(max_size=80), st.dates().map(date.isoformat),
                                  st.integers(), st.none())),
        st.text(max_size=5)), max_size=8)),
))
def test_any_answers_give_plain_blocks_without_raising(answers: dict) -> None:
    blocks = result(answers)
    assert_valid_result(blocks)
    assert {b["type"] for b in blocks} <= {"text", "list"}
