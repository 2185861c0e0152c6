"""Step 13 story bank: each story's word count, speaking time, flags and draft; the
competencies an advert asks for, which stories cover them, and the question bank."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.block_shapes import assert_valid_result
from worksheets.compute.runner import definitions, run
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
CONFLICT = {
    "question": "Tell me about a disagreement at work.",
    "situation": "Two volunteers both wanted Saturday shifts.",
    "action": "I met them together, listed the options and we agreed a rota.",
    "result": "Both stayed for the season.",
    "competencies": ["conflict", "teamwork"],
}


def result(answers: object) -> list[dict]:
    return run("star-builder", answers, TODAY)


def one(story: dict[str, Any], **top: Any) -> list[dict]:
    """The result for a bank holding just this story."""
    return result({"stories": [story], **top})


def block(blocks: list[dict], kind: str, title: str = "") -> dict:
    return next(b for b in blocks if b["type"] == kind and (not title or b.get("title") == title))


def words(count: int) -> str:
    return " ".join(["word"] * count)


def test_empty_answers_invite_a_first_part_and_show_no_bank() -> None:
    for empty in ({}, None, {"stories": []}, {"stories": [{"format": "CAR"}]},
                  {"stories": [{"question": "Why us?"}]}, {"stories": "not rows"}):
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


def test_one_complete_star_story_counts_every_part_and_has_no_flags() -> None:
    blocks = one(STORY)
    assert blocks[0] == {"type": "heading", "text": "Your STAR answer"}
    total = sum(count_words(STORY[k]) for k in ("situation", "task", "action", "result"))
    assert blocks[1]["items"][:3] == [
        f"{total} words", f"Speaking time: {speaking_time(total)} at 130 words a minute",
        "Shows: nothing ticked yet"]
    assert blocks[2]["type"] == "text" and "look right" in blocks[2]["text"]


def test_each_story_is_timed_on_its_own() -> None:
    blocks = result({"stories": [STORY, {"question": "", "action": words(30)}, CONFLICT]})
    headings = [b["text"] for b in blocks if b["type"] == "heading"]
    assert headings == [f"Story 1: {STORY['question']}", "Story 2",
                        f"Story 3: {CONFLICT['question']}"]
    facts = [b["items"] for b in blocks if b["type"] == "list" and not b["title"]]
    assert facts[1][:2] == ["30 words", "Speaking time: about 14 seconds at 130 words a minute"]
    assert facts[2][2] == "Shows: Teamwork, Handling conflict"
    assert [b["label"] for b in blocks if b["type"] == "draft"] == [
        "Story 1 as a draft", "Story 2 as a draft", "Story 3 as a draft"]


def test_an_empty_row_between_stories_keeps_the_form_s_numbering() -> None:
    blocks = result({"stories": [STORY, {}, CONFLICT]})
    assert [b["text"] for b in blocks if b["type"] == "heading"][1] == \
        f"Story 3: {CONFLICT['question']}"


def test_the_question_is_not_counted() -> None:
    blocks = one({"question": words(100), "action": words(10)})
    assert blocks[1]["items"][0] == "10 words"


def test_missing_result_is_flagged() -> None:
    flags = block(one({**STORY, "result": ""}), "list", "Before you practice")["items"]
    assert len(flags) == 1
    assert flags[0].startswith("No result yet")


def test_long_answer_is_flagged_past_260_words_only() -> None:
    at_limit = one({"action": words(250), "result": words(10)})
    assert not any(b.get("title") == "Before you practice" for b in at_limit)
    over = block(one({"action": words(251), "result": words(10)}), "list",
                 "Before you practice")["items"]
    assert over == [over[0]]
    assert over[0].startswith("At 261 words this runs past two minutes")


def test_very_long_answer_gets_both_flags() -> None:
    flags = block(one({"situation": words(5000)}), "list", "Before you practice")["items"]
    assert [f.split(".")[0] for f in flags] == ["No result yet", "At 5000 words this runs past "
                                                "two minutes"]


def test_star_draft_lists_the_parts_in_order() -> None:
    draft = block(one(STORY), "draft")
    assert draft["subject"] == f"Practice answer: {STORY['question']}"
    assert draft["body"] == (
        f"Question: {STORY['question']}\n\nSituation: {STORY['situation']}\n\n"
        f"Task: {STORY['task']}\n\nAction: {STORY['action']}\n\nResult: {STORY['result']}")


def test_car_draft_calls_the_situation_a_challenge_and_leaves_out_the_task() -> None:
    blocks = one({**STORY, "format": "CAR", "question": ""})
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
    blocks = one({"format": "SOAR", "action": "I rebuilt the rota."})
    assert blocks[0]["text"] == "Your STAR answer"
    assert block(blocks, "draft")["body"] == ("Situation: (still to write)\n\nTask: (still to "
                                              "write)\n\nAction: I rebuilt the rota.\n\n"
                                              "Result: (still to write)")


def test_a_story_s_words_suggest_tags_it_does_not_have_yet() -> None:
    story = {"action": "I led a team of three and generated 40 new sales leads.",
             "competencies": ["commercial", "unknown-tag"]}
    facts = one(story)[1]["items"]
    assert facts[2] == "Shows: Sales and targets"
    assert facts[3] == "Its words suggest: Leadership. Tick any that fit."
    # Sales leads alone suggest nothing about leadership.
    sales = one({"action": "I generated 40 new sales leads.", "competencies": ["commercial"]})
    assert len(sales[1]["items"]) == 3


def test_the_tag_options_are_the_competencies_the_advert_reader_knows() -> None:
    from worksheets.compute.competencies import COMPETENCIES

    stories = next(f for f in definitions()["star-builder"]["fields"] if f["id"] == "stories")
    tags = next(f for f in stories["fields"] if f["id"] == "competencies")
    assert [(o["value"], o["label"]) for o in tags["options"]] == [
        (c.value, c.label) for c in COMPETENCIES]


# --- The advert ------------------------------------------------------------------------------

AD = ("Customer support lead. You will coach a team of six, handle customer escalations, "
      "keep customers informed, and work with stakeholders across the business. Ledger "
      "experience is a plus.")
SALES_AD = ("Business development executive. You will generate leads, follow up on inbound "
            "leads, run lead generation campaigns, and cut lead times for quotes. You will "
            "also lead a small team of two and resolve client complaints.")


def coverage(answers: dict) -> list[list]:
    return block(result(answers), "table", "What this advert asks for")["rows"]


def bank(answers: dict) -> list[tuple[str, str]]:
    """The practice questions, each split into the question and the competency after it."""
    lines = block(result(answers), "list", "Questions to practice from this advert")["items"]
    return [tuple(line[:-1].rsplit(" (", 1)) for line in lines]


def test_the_advert_s_competencies_with_the_stories_that_cover_them() -> None:
    tagged = {**STORY, "competencies": ["customer", "pressure"]}
    rows = coverage({"stories": [tagged, CONFLICT], "job_description": SALES_AD})
    # Three kinds of sales leads and business development; one team to lead; lead times
    # are neither.
    assert rows == [["Sales and targets", "4 times", "none yet"],
                    ["Leadership", "once", "none yet"],
                    ["Customer focus", "once", "Story 1"],
                    ["Handling conflict", "once", "Story 2"]]


def test_competencies_with_no_story_yet_come_with_a_question_to_write_one_for() -> None:
    blocks = result({"stories": [CONFLICT], "job_description": SALES_AD})
    missing = block(blocks, "list", "No story yet for")["items"]
    assert missing[0] == ("Sales and targets: think of a time that answers \u201cTell me about "
                          "a time you won new business or beat a target.\u201d")
    assert not any(item.startswith("Handling conflict") for item in missing)


def test_every_competency_covered_says_so() -> None:
    tagged = {**STORY, "competencies": ["leadership", "customer", "influence"]}
    blocks = result({"stories": [tagged], "job_description": AD})
    assert not [b for b in blocks if b.get("title") == "No story yet for"]
    assert any(b.get("text", "").startswith("Each competency this advert asks for has at least "
                                            "one of your stories") for b in blocks)


def test_bank_orders_by_mentions_then_takes_second_questions() -> None:
    rows = bank({"job_description": AD})
    assert [why for _, why in rows] == [
        "Customer focus", "Leadership", "Influencing others",
        "Customer focus", "Leadership", "Influencing others",
    ]
    assert rows[0][0] == "Tell me about a time you turned an unhappy customer around."
    assert rows[3][0] == "Describe a time you went further than a customer expected."


def test_bank_is_deterministic_and_shows_even_before_a_story() -> None:
    first = result({"job_description": AD})
    assert first == result({"job_description": AD})
    assert first[-1]["title"] == "Questions to practice from this advert"
    assert [row[2] for row in coverage({"job_description": AD})] == ["none yet"] * 3


def test_bank_skips_a_question_a_story_already_answers() -> None:
    asked = "tell me about a time you turned an unhappy customer around"
    rows = bank({"stories": [{"question": asked, "action": "x"}], "job_description": AD})
    assert rows[0][1] == "Leadership"
    assert all(q.casefold().rstrip(".") != asked for q, _ in rows)


def test_bank_matches_whole_words_only() -> None:
    rows = coverage({"job_description": "Keep the ledger. Deadlines! DATA entry; led a project."})
    assert [row[:2] for row in rows] == [["Leadership", "once"],
                                         ["Analysis and problem solving", "once"],
                                         ["Deadlines and pressure", "once"]]


def test_ad_without_keywords_gets_general_questions() -> None:
    blocks = result({"job_description": "Bäckerei sucht Verstärkung. 🥐"})
    general = block(blocks, "list", "Questions to practice")
    assert len(general["items"]) == 3
    assert "None of the usual keywords" in blocks[-1]["text"]


fields = st.sampled_from([*sorted(STORY), "competencies", "other"])
values = st.one_of(st.none(), st.text(max_size=40), st.integers(), st.booleans(),
                   st.lists(st.sampled_from(["leadership", "conflict", "x", ""]), max_size=3),
                   st.lists(st.sampled_from(["team", "data", "lead", "leads", "led", "sales",
                                             "customer", "x", ",", "a"]),
                            max_size=30).map(" ".join))


# The first run in a fresh checkout builds Hypothesis's Unicode tables, which is slow.
@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.dictionaries(fields, values, max_size=8), max_size=4), values)
def test_any_answers_give_blocks_without_raising(stories: list, advert: Any) -> None:
    blocks = result({"stories": stories, "job_description": advert})
    assert_valid_result(blocks)
    for b in blocks:
        if b.get("title", "").startswith("Questions"):
            assert 1 <= len(b["items"]) <= 6


def test_words_of_crisis_in_a_story_put_the_support_note_first() -> None:
    blocks = one({**STORY, "result": "Since then I can't go on like this."},
                 job_description=AD)
    assert blocks[0]["type"] == "note"
    assert not [b for b in blocks if b["type"] == "text" and not b.get("calm")]
