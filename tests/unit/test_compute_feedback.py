"""Step 4 feedback request: the three-tone request and the feedback log counted by theme."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.block_shapes import assert_valid_result
from worksheets.compute.runner import run

TODAY = date(2027, 1, 3)
REQUEST = {"company": "Northwind Freight", "role": "Junior data analyst", "interviewer": "Ana",
           "interviewer_email": "ana@northwind.example", "your_name": "Priya",
           "ask": "improve", "tone": "warm"}


def result(answers: object) -> list[dict]:
    return run("feedback-request", answers, TODAY)


def of(blocks: list[dict], kind: str) -> list[dict]:
    return [b for b in blocks if b["type"] == kind]


def texts(blocks: list[dict]) -> str:
    return " ".join(b["text"] for b in of(blocks, "text"))


def logged(day: str, source: str, said: str, *themes: str, action: str = "") -> dict:
    return {"date": day, "interview": source, "said": said, "themes": list(themes),
            "action": action}


def test_empty_answers_invite_a_request() -> None:
    for empty in ({}, None, {"tone": "brief", "ask": "edge"},
                  {"feedback": [{"date": "2027-01-03"}]}):
        blocks = result(empty)
        assert [b["type"] for b in blocks] == ["text"]
        assert "three tones" in blocks[0]["text"]


def test_request_in_three_tones_with_the_chosen_question() -> None:
    blocks = result(REQUEST)
    made = of(blocks, "draft")
    assert [d["label"] for d in made] == ["Warm request (your pick)", "Formal request",
                                          "Brief request"]
    assert {d["to"] for d in made} == {"ana@northwind.example"}
    warm, formal, brief = made
    assert warm["subject"] == "A quick request about the Junior data analyst interview"
    assert warm["body"].startswith("Hi Ana,\n\nThank you again for considering me for the "
                                   "Junior data analyst role.")
    assert ("If you have a moment, is there one part of my interview you'd suggest I work on "
            "before my next one?") in warm["body"]
    assert warm["body"].endswith("Best regards,\nPriya")
    assert "the Junior data analyst position at Northwind Freight." in formal["body"]
    assert "If your time allows, is there one part" in formal["body"]
    assert "Is there one part of my interview" in brief["body"]
    # Short and non-defensive: no challenge phrases, a handful of sentences.
    for draft in made:
        assert "went wrong" not in draft["body"] and "don't understand" not in draft["body"]
        assert draft["body"].count(". ") + draft["body"].count("?") <= 7
    assert "When feedback comes back" in texts(blocks)


def test_default_question_and_neutral_wording() -> None:
    made = of(result({"interviewer": "Ana", "ask": "made-up", "tone": "nope"}), "draft")
    assert [d["label"] for d in made] == ["Warm request", "Formal request", "Brief request"]
    warm = made[0]
    assert "I'd be grateful for any feedback on my interview." in warm["body"]
    assert warm["subject"] == "A quick request about the interview"
    assert "for the role." in warm["body"]
    for draft in made:
        assert "None" not in draft["body"] and "  " not in draft["body"]


def test_log_counts_by_theme_and_lists_the_top_theme_in_date_order() -> None:
    blocks = result({"feedback": [
        logged("2027-01-02", "Northwind", "Your answers were long", "communication",
               action="Time three answers"),
        logged("2026-12-20", "Acme", "We needed more hands-on SQL.", "experience",
               "communication"),
        logged("2026-12-28", "Globex", "Strong field.", "fit"),
        logged("", "", "Thanks for asking!", ""),
    ]})
    assert of(blocks, "heading")[0]["text"] == "Your request"
    chart = of(blocks, "chart")[0]
    assert chart["labels"] == ["Communication", "Experience", "Fit", "Technique"]
    assert chart["values"] == [2.0, 1.0, 1.0, 0.0]
    assert "Communication comes up most: 2 of 3 tagged entries." in texts(blocks)
    assert "worth acting on" in texts(blocks)
    (under,) = of(blocks, "list")
    assert under["title"] == "Under Communication"
    assert under["items"] == [
        "2026-12-20, Acme: We needed more hands-on SQL.",
        "2027-01-02, Northwind: Your answers were long. Next: Time three answers.",
    ]
    assert "step 13" in texts(blocks)
    assert "1 entry has no theme yet" in texts(blocks)


def test_tied_themes_are_all_listed() -> None:
    blocks = result({"feedback": [logged("2027-01-01", "A", "x", "fit"),
                                  logged("2027-01-02", "B", "y", "technique")]})
    assert "Fit and Technique come up equally often, once each." in texts(blocks)
    assert "watch for it coming up again" in texts(blocks)
    assert [b["title"] for b in of(blocks, "list")] == ["Under Fit", "Under Technique"]


def test_untagged_log_only_asks_for_tags() -> None:
    blocks = result({"feedback": [logged("2027-01-01", "A", "Nice chat")]})
    assert not of(blocks, "chart")
    assert "1 entry has no theme yet" in texts(blocks)
    assert "Fill in the company" in texts(blocks)


def test_long_unicode_feedback_is_shortened_in_the_list() -> None:
    said = "Ihre Antworten waren zu lang — 回答が長すぎました. " * 50
    blocks = result({"feedback": [logged("2026-12-31", "Zoë GmbH", said, "communication")]})
    (item,) = of(blocks, "list")[0]["items"]
    assert item.startswith("2026-12-31, Zoë GmbH: Ihre Antworten")
    assert item.endswith("…") and len(item) < 200


def test_unknown_themes_are_ignored() -> None:
    blocks = result({"feedback": [logged("2027-01-01", "A", "x", "vibes", "communication")]})
    assert of(blocks, "chart")[0]["values"] == [1.0, 0.0, 0.0, 0.0]


VALUE = st.one_of(st.text(max_size=20), st.none(), st.integers(),
                  st.lists(st.sampled_from(["fit", "technique", "x", ""]), max_size=3))


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(["company", "interviewer", "tone", "ask"]), VALUE),
       st.lists(st.dictionaries(st.sampled_from(["date", "interview", "said", "themes", "action"]),
                                VALUE), max_size=5))
def test_any_answers_never_raise(top: dict, rows: list[dict]) -> None:
    assert_valid_result(result({**top, "feedback": rows}))
