"""Step 12 reframe record: before and after, the reflection, and the prompt for what is empty."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.block_shapes import assert_valid_result
from worksheets.compute.runner import run

TODAY = date(2026, 11, 27)
FULL = {
    "situation": "Tuesday, an email after my second interview saying they chose someone else.",
    "feelings": "disappointed, embarrassed",
    "feeling_intensity": "70",
    "automatic_thought": "I'm not smart enough for data jobs.",
    "thought_belief": "85",
    "evidence_for": "I froze on the SQL question about joins.",
    "evidence_against": "They invited me back. The recruiter said it was close.",
    "reframe": "I can reach a final round. My joins need practice, and I can fix that.",
    "reframe_belief": "70",
    "thought_belief_after": "35",
    "feeling_intensity_after": "40",
}


def result(answers: object) -> list[dict]:
    """The record's own blocks, after checking the support link closes every result."""
    blocks = run("reframe-record", answers, TODAY)
    assert blocks[-1] == {"type": "link", "text": "If you are struggling: who to talk to",
                          "href": "support/",
                          "lead": "If this brings up more than you can carry today:"}
    return blocks[:-1]


def texts(blocks: list[dict]) -> list[str]:
    return [b["text"] for b in blocks if b["type"] in ("text", "heading")]


def test_empty_answers_invite_the_situation() -> None:
    for empty in ({}, None, {"situation": "   "}, []):
        blocks = result(empty)
        assert len(blocks) == 1
        assert blocks[0]["text"].startswith("Start with the situation")


def test_full_record_shows_changes_reflection_and_no_prompt() -> None:
    blocks = result(FULL)
    table = next(b for b in blocks if b["type"] == "table")
    assert table["rows"] == [
        ["Belief in the automatic thought", "85", "35", "down 50"],
        ["How strong the feeling was", "70", "40", "down 30"],
    ]
    score = next(b for b in blocks if b["type"] == "score")
    assert (score["value"], score["max"]) == (70.0, 100.0)
    reflection = texts(blocks)[texts(blocks).index("Reflection") + 1]
    assert "fell from 85 to 35" in reflection
    assert "The feeling went from 70 to 40." in reflection
    assert "redirection (70) more than the harsh thought (35)" in reflection
    assert f"Your redirection: “{FULL['reframe']}”" in texts(blocks)
    assert texts(blocks)[-1].startswith("Every part is filled in")


def test_prompt_asks_for_the_first_empty_part_in_form_order() -> None:
    answers = {key: FULL[key] for key in ("situation", "automatic_thought", "evidence_for")}
    blocks = result(answers)
    assert blocks[-2] == {"type": "heading", "text": "Next: What you felt"}
    assert blocks[-1]["text"].endswith("(7 more after this one.)")


def test_empty_evidence_against_gets_the_helping_questions() -> None:
    answers = {**FULL, "evidence_against": "", "reframe": "", "reframe_belief": "",
               "thought_belief_after": "", "feeling_intensity_after": ""}
    blocks = result(answers)
    assert blocks[-2]["text"] == "Next: Evidence against the thought"
    assert "another reason they might have picked someone else" in blocks[-1]["text"]


def test_last_empty_part_says_nothing_more_follows() -> None:
    blocks = result({**FULL, "feeling_intensity_after": ""})
    assert blocks[-2]["text"] == "Next: Now, how strong the feeling is"
    assert "more after this one" not in blocks[-1]["text"]
    table = next(b for b in blocks if b["type"] == "table")
    assert table["rows"][1] == ["How strong the feeling was", "70", "not rated", "not yet"]


def test_a_small_drop_a_standstill_and_a_rise_each_read_differently() -> None:
    small = texts(result({**FULL, "thought_belief_after": "80"}))
    assert any("eased a little, from 85 to 80" in t for t in small)
    level = texts(result({**FULL, "thought_belief_after": "85"}))
    assert any("has not moved yet" in t for t in level)
    rose = texts(result({**FULL, "thought_belief_after": "90", "feeling_intensity_after": "90"}))
    assert any("feels stronger than before" in t for t in rose)
    assert any("as strong as before" in t for t in rose)


def test_reframe_line_only_when_it_outweighs_the_old_thought() -> None:
    blocks = result({**FULL, "reframe_belief": "30"})
    assert not any("more than the harsh thought" in t for t in texts(blocks))


def test_malformed_and_out_of_range_ratings_count_as_not_rated() -> None:
    blocks = result({"situation": "x", "thought_belief": "abc", "thought_belief_after": "150",
                     "feeling_intensity": "-5", "feeling_intensity_after": "40"})
    table = next(b for b in blocks if b["type"] == "table")
    assert table["rows"] == [["How strong the feeling was", "not rated", "40", "not yet"]]
    assert "Next: What you felt" in texts(blocks)


def test_decimal_comma_and_step_free_ratings_are_read() -> None:
    blocks = result({"thought_belief": "72,5", "thought_belief_after": "37"})
    table = next(b for b in blocks if b["type"] == "table")
    assert table["rows"][0][1:] == ["72.5", "37", "down 35.5"]


def test_unicode_and_very_long_reframe_pass_through() -> None:
    reframe = "Ce « non » m’oriente vers une équipe qui forme les débutants. 🌱 " * 200
    blocks = result({"reframe": reframe})
    assert f"Your redirection: “{reframe.strip()}”" in texts(blocks)


fields = st.sampled_from([*sorted(FULL), "other"])
values = st.one_of(st.none(), st.text(max_size=20), st.integers(), st.floats(),
                   st.booleans(), st.lists(st.text(max_size=5), max_size=3),
                   st.integers(-50, 200).map(str))


# The first run in a fresh checkout builds Hypothesis's Unicode tables, which is slow.
@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(fields, values, max_size=12))
def test_any_answers_give_blocks_without_raising(answers: dict) -> None:
    blocks = result(answers)
    assert_valid_result(blocks)
    assert blocks[-1]["type"] == "text"
