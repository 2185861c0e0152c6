"""Step 13 answer builder: word count, speaking time, flags, the draft and the question bank."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.block_shapes import assert_valid_result
from worksheets.compute.runner import run
from worksheets.compute.star import count_words, speaking_time

TODAY = date(2026, 11, 27)
STORY = {
    "question": "Tell me about a time you solved a problem under pressure.",
    "format": "STAR",
    "situation": "In my internship the weekly late-delivery report broke before a board meeting.",
    "task": "My manager asked me to fix it by Thursday.",
    "action": "I compared the raw data with last month's file and fixed the date format.",
    "result": "The report went out a day early, showing 6% late, not 14%.",
}


def result(answers: object) -> list[dict]:
    return run("star-builder", answers, TODAY)


def block(blocks: list[dict], kind: str, title: str = "") -> dict:
    return next(b for b in blocks if b["type"] == kind and (not title or b["title"] == title))


def words(count: int) -> str:
    return " ".join(["word"] * count)


def test_empty_answers_invite_a_first_part_and_show_no_bank() -> None:
    for empty in ({}, None, {"format": "CAR"}, {"question": "Why us?"}):
        blocks = result(empty)
        assert len(blocks) == 1
        assert blocks[0]["text"].startswith("Write any part of your answer")


def test_word_count_keeps_contractions_hyphens_and_other_scripts_whole() -> None:
    assert count_words("I don't know — a well-known 6% rise, naïve café!") == 9
    assert count_words("  ") == 0
    assert count_words("Я решил задачу за два дня") == 6


def test_speaking_time_at_130_words_a_minute() -> None:
    assert speaking_time(0) == "about 0 seconds"
    assert speaking_time(1) == "about 0 seconds"
    assert speaking_time(65) == "about 30 seconds"
    assert speaking_time(130) == "about 1 minute"
    assert speaking_time(215) == "about 1 minute 39 seconds"
    assert speaking_time(260) == "about 2 minutes"


def test_complete_star_answer_counts_every_part_and_has_no_flags() -> None:
    blocks = result(STORY)
    assert blocks[0] == {"type": "heading", "text": "Your STAR answer"}
    total = sum(count_words(STORY[k]) for k in ("situation", "task", "action", "result"))
    assert blocks[1]["items"] == [f"{total} words",
                                  f"Speaking time: {speaking_time(total)} at 130 words a minute"]
    assert blocks[2]["type"] == "text" and "look right" in blocks[2]["text"]


def test_the_question_is_not_counted() -> None:
    blocks = result({"question": words(100), "action": words(10)})
    assert blocks[1]["items"][0] == "10 words"


def test_missing_result_is_flagged() -> None:
    flags = block(result({**STORY, "result": ""}), "list", "Before you practice")["items"]
    assert len(flags) == 1
    assert flags[0].startswith("No result yet")


def test_long_answer_is_flagged_past_260_words_only() -> None:
    at_limit = result({"action": words(250), "result": words(10)})
    assert not any(b.get("title") == "Before you practice" for b in at_limit)
    over = block(result({"action": words(251), "result": words(10)}), "list",
                 "Before you practice")["items"]
    assert over == [over[0]]
    assert over[0].startswith("At 261 words this runs past two minutes")


def test_very_long_answer_gets_both_flags() -> None:
    flags = block(result({"situation": words(5000)}), "list", "Before you practice")["items"]
    assert [f.split(".")[0] for f in flags] == ["No result yet", "At 5000 words this runs past "
                                                "two minutes"]


def test_star_draft_lists_the_parts_in_order() -> None:
    draft = block(result(STORY), "draft")
    assert draft["subject"] == f"Practice answer: {STORY['question']}"
    assert draft["body"] == (
        f"Question: {STORY['question']}\n\nSituation: {STORY['situation']}\n\n"
        f"Task: {STORY['task']}\n\nAction: {STORY['action']}\n\nResult: {STORY['result']}")


def test_car_draft_calls_the_situation_a_challenge_and_leaves_out_the_task() -> None:
    blocks = result({**STORY, "format": "CAR", "question": ""})
    assert blocks[0]["text"] == "Your CAR answer"
    draft = block(blocks, "draft")
    assert draft["subject"] == "Practice answer"
    assert draft["body"].startswith(f"Challenge: {STORY['situation']}\n\nAction:")
    assert "Task:" not in draft["body"]
    total = sum(count_words(STORY[k]) for k in ("situation", "action", "result"))
    assert blocks[1]["items"][0] == f"{total} words"
    flags = block(blocks, "list", "Before you practice")["items"]
    assert flags == ["Your task is left out of the CAR draft. Fold it into the challenge, "
                     "or switch to STAR."]


def test_empty_parts_show_in_the_draft_and_unknown_format_means_star() -> None:
    blocks = result({"format": "SOAR", "action": "I rebuilt the rota."})
    assert blocks[0]["text"] == "Your STAR answer"
    assert block(blocks, "draft")["body"] == ("Situation: (still to write)\n\nTask: (still to "
                                              "write)\n\nAction: I rebuilt the rota.\n\n"
                                              "Result: (still to write)")


AD = ("Customer support lead. You will coach a team of six, handle customer escalations, "
      "keep customers informed, and work with stakeholders across the business. Ledger "
      "experience is a plus.")


def bank(answers: dict) -> list[list]:
    return block(result(answers), "table")["rows"]


def test_bank_orders_themes_by_mentions_then_takes_second_questions() -> None:
    rows = bank({"action": "x", "job_description": AD})
    assert [why for _, why in rows] == [
        "customer (3 times)", "stakeholder (once)", "team (once)", "lead (once)",
        "customer (3 times)", "stakeholder (once)",
    ]
    assert rows[0][0] == "Tell me about a time you turned an unhappy customer around."
    assert rows[4][0] == "Describe a time you went further than a customer expected."


def test_bank_is_deterministic_and_shows_even_before_an_answer() -> None:
    first = result({"job_description": AD})
    assert first == result({"job_description": AD})
    assert first[-1]["title"] == "Questions to practice from this job description"


def test_bank_skips_the_question_already_being_answered() -> None:
    asked = "tell me about a time you turned an unhappy customer around"
    rows = bank({"question": asked, "action": "x", "job_description": AD})
    assert rows[0][1] == "stakeholder (once)"
    assert all(q.casefold().rstrip(".") != asked for q, _ in rows)


def test_bank_matches_whole_words_only() -> None:
    rows = bank({"job_description": "Keep the ledger. Deadlines! DATA entry; led a project."})
    assert [why for _, why in rows] == ["deadline (once)", "data (once)", "lead (once)",
                                        "deadline (once)", "data (once)", "lead (once)"]


def test_ad_without_keywords_gets_general_questions() -> None:
    blocks = result({"job_description": "Bäckerei sucht Verstärkung. 🥐"})
    general = block(blocks, "list", "Questions to practice")
    assert len(general["items"]) == 3
    assert "None of the usual keywords" in blocks[-1]["text"]


fields = st.sampled_from([*sorted(STORY), "job_description", "other"])
values = st.one_of(st.none(), st.text(max_size=40), st.integers(), st.booleans(),
                   st.lists(st.text(max_size=5), max_size=3),
                   st.lists(st.sampled_from(["team", "data", "lead", "customer", "x"]),
                            max_size=30).map(" ".join))


# The first run in a fresh checkout builds Hypothesis's Unicode tables, which is slow.
@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(fields, values, max_size=8))
def test_any_answers_give_blocks_without_raising(answers: dict) -> None:
    blocks = result(answers)
    assert_valid_result(blocks)
    for b in blocks:
        if b["type"] == "table":
            assert 1 <= len(b["rows"]) <= 6
