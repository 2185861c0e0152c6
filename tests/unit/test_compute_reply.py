"""Step 3 reply composer: three tones, the chosen one first, neutral wording for gaps."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.block_shapes import assert_valid_result
from worksheets.compute.runner import run

TODAY = date(2026, 11, 27)
FULL = {"company": "Lakeside Dental", "role": "Office coordinator", "interviewer": "Sam",
        "interviewer_email": "sam@lakeside.example", "valued": "The tour of the new clinic.",
        "your_name": "Jordan Lee", "contact": "linkedin.com/in/jordan", "tone": "formal"}
FIELDS = ["company", "role", "interviewer", "interviewer_email", "valued", "your_name",
          "contact", "tone"]


def result(answers: object) -> list[dict]:
    return run("reply-composer", answers, TODAY)


def drafts(blocks: list[dict]) -> list[dict]:
    return [b for b in blocks if b["type"] == "draft"]


def test_empty_answers_invite_the_first_fields() -> None:
    for empty in ({}, None, {"tone": "warm"}, {"company": "   "}):
        blocks = result(empty)
        assert [b["type"] for b in blocks] == ["text"]
        assert "three tones" in blocks[0]["text"]


def test_full_answers_give_three_tones_with_the_pick_first() -> None:
    made = drafts(result(FULL))
    assert [d["label"] for d in made] == ["Formal reply (your pick)", "Warm reply", "Brief reply"]
    assert {d["to"] for d in made} == {"sam@lakeside.example"}
    formal, warm, brief = made
    assert formal["subject"] == "Re: Application for the Office coordinator position"
    assert formal["body"].startswith("Dear Sam,\n\nThank you for informing me of your decision "
                                     "about the Office coordinator position,")
    assert "I particularly appreciated the tour of the new clinic." in formal["body"]
    assert formal["body"].endswith("Kind regards,\nJordan Lee\nlinkedin.com/in/jordan")
    assert warm["body"].startswith("Hi Sam,")
    assert "I especially enjoyed the tour of the new clinic." in warm["body"]
    assert "a great impression of Lakeside Dental" in warm["body"]
    assert brief["subject"] == "Re: Office coordinator"
    assert "future openings at Lakeside Dental." in brief["body"]


def test_no_gaps_note_when_everything_personal_is_there() -> None:
    texts = [b["text"] for b in result(FULL) if b["type"] == "text"]
    assert not any("general wording" in t for t in texts)


def test_missing_fields_get_neutral_wording() -> None:
    blocks = result({"tone": "brief", "company": "Lakeside Dental"})
    made = drafts(blocks)
    assert made[0]["label"] == "Brief reply (your pick)"
    for draft in made:
        assert draft["to"] == ""
        for text in (draft["subject"], draft["body"]):
            assert "None" not in text and "  " not in text and " ," not in text
            assert "[" not in text and " ." not in text
    brief, warm, formal = made
    assert brief["body"].startswith("Hello,\n\n")
    assert brief["body"].endswith("Best,")
    assert "I enjoyed learning more about the team and the work." in warm["body"]
    assert formal["body"].startswith("Dear Lakeside Dental hiring team,")
    assert formal["subject"] == "Re: My application"
    note = next(b["text"] for b in blocks if "general wording" in b.get("text", ""))
    assert "who to write to, the role, one thing you valued and your name" in note


def test_a_bad_email_leaves_the_recipient_empty_and_says_so() -> None:
    blocks = result({**FULL, "interviewer_email": "sam@lakeside"})
    assert {d["to"] for d in drafts(blocks)} == {""}
    assert any("email address looks incomplete" in b.get("text", "") for b in blocks)


def test_unicode_and_very_long_values_pass_through() -> None:
    long_valued = "hearing about the plans " * 200
    made = drafts(result({**FULL, "interviewer": "Zoë Åström", "company": "Café Ünïcode 東京",
                          "valued": long_valued}))
    assert made[0]["body"].startswith("Dear Zoë Åström,")
    assert "Café Ünïcode 東京" in made[0]["body"]
    assert long_valued.strip() in made[1]["body"]


TYPED = st.text(max_size=40).filter(lambda text: "None" not in text)


@settings(max_examples=150)
@given(st.dictionaries(st.sampled_from(FIELDS),
                       st.one_of(TYPED, st.none(), st.integers(), st.lists(TYPED)), max_size=8))
def test_any_answers_never_raise_or_say_none(answers: dict) -> None:
    blocks = result(answers)
    assert_valid_result(blocks)
    made = drafts(blocks)
    assert len(made) in (0, 3)
    for draft in made:
        assert draft["body"] and draft["subject"]
        assert "None" not in draft["body"] and "None" not in draft["subject"]
