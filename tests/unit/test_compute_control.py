"""Step 2 control sort: the split of factors, and the fit-based rewrite of a blaming sentence."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.block_shapes import assert_valid_result
from worksheets.compute.control import FALLBACK, read_sentence, rewrite
from worksheets.compute.host import Host
from worksheets.compute.runner import run

TODAY = date(2026, 11, 27)


def result(answers: object) -> list[dict]:
    return run("control-sort", answers, TODAY)


def lists(blocks: list[dict]) -> dict[str, list[str]]:
    return {b["title"]: b["items"] for b in blocks if b["type"] == "list"}


def drafts(blocks: list[dict]) -> list[dict]:
    return [b for b in blocks if b["type"] == "draft"]


def test_empty_answers_invite_sorting() -> None:
    for empty in ({}, None, {"outside": [], "mine": [], "own_factors": [], "sentence": "  "}):
        blocks = result(empty)
        assert [b["type"] for b in blocks] == ["text"]
        assert "Tick anything" in blocks[0]["text"]


def test_split_counts_and_lists_with_labels_and_own_factors() -> None:
    blocks = result({
        "outside": ["internal-candidate", "budget"],
        "mine": ["examples"],
        "own_factors": [{"factor": "The interview was moved twice", "side": "outside"},
                        {"factor": "I was late", "side": "mine"},
                        {"factor": "Parking", "side": ""},
                        {"factor": "", "side": "mine"}],
    })
    assert blocks[0]["text"].startswith("You sorted 5 factors: 3 outside your control and 2 in "
                                        "your hands.")
    assert lists(blocks) == {
        "Outside your control (3)": ["Someone already inside the company applied",
                                     "The budget was cut, frozen or moved",
                                     "The interview was moved twice"],
        "In your hands (2)": ["The examples I gave", "I was late"],
        "Not sorted yet: pick a side for each": ["Parking"],
    }
    assert not drafts(blocks)
    assert "Write the sentence" in blocks[-1]["text"]


@pytest.mark.parametrize(("outside", "mine", "phrase"), [
    (["budget"], [], "Everything you ticked sat outside"),
    ([], ["examples"], "You ticked only things in your hands"),
    (["budget", "timing"], ["examples"], "Most of it sat outside"),
    (["budget"], ["examples", "clarity"], "More of it was yours"),
    (["budget"], ["examples"], "An even split"),
])
def test_the_reading_matches_the_split(outside: list[str], mine: list[str], phrase: str) -> None:
    assert phrase in result({"outside": outside, "mine": mine})[0]["text"]


def test_duplicate_ticks_count_once_and_unknown_values_show_as_typed() -> None:
    blocks = result({"outside": ["budget", "budget", "a-retired-option"]})
    assert lists(blocks)["Outside your control (2)"] == ["The budget was cut, frozen or moved",
                                                       "a-retired-option"]


def test_sentence_alone_gives_an_editable_draft() -> None:
    blocks = result({"sentence": "I wasn't good enough for the job."})
    (draft,) = drafts(blocks)
    assert draft["body"] == "I wasn't the right fit for this role right now, and that can change."
    assert draft["to"] == ""


@pytest.mark.parametrize(("sentence", "expected"), [
    ("I wasn't good enough for the job.",
     "I wasn't the right fit for this role right now, and that can change."),
    ("I wasn’t good enough for the data analyst role at Northwind and everyone knows it",
     "I wasn't the right fit for the data analyst role at Northwind right now, and that can "
     "change."),
    ("i'm just not smart enough", "I wasn't the right fit for this role right now, and that can "
     "change."),
    ("You're not good enough", "I wasn't the right fit for this role right now, and that can "
     "change."),
    ("I was too junior for them", "I wasn't the right fit for this role right now, and that can "
     "change."),
    ("I was too nervous", "I was nervous this time. That's something I can work on, and it "
     "doesn't make me less capable."),
    ("I didn't prepare enough", "Next time I'll prepare more. Wanting to do better is a plan, "
     "not a verdict on me."),
    ("I'm terrible at interviews", "I'm still getting better at interviews, and every try "
     "counts as practice."),
    ("I should have prepared more", "Looking back, I'd like to have prepared more. That's one "
     "thing to work on next time, not a verdict on me."),
    ("I shouldn't have mentioned the gap", "Looking back, I'd rather not have mentioned the "
     "gap. That's one thing to work on next time, not a verdict on me."),
    ("I messed up the question about deadlines", "The question about deadlines didn't go the "
     "way I wanted. I can learn from that, and it was one moment in one interview."),
    ("I blew it again", "The interview didn't go the way I wanted. I can learn from that, and "
     "it was one moment in one interview."),
    ("I'm such a failure", "I didn't get this role. That's one outcome, not who I am."),
    ("It's all my fault", "Some of this was mine and a lot of it wasn't. I can learn from my "
     "part without carrying all of it."),
    ("Nobody wants someone like me", "This role wanted something different. Other roles will "
     "want what I bring now."),
    ("I'll never get a job", "I haven't found the right role yet, and each interview teaches me "
     "something for the next one."),
    # A habit the reader has seen is a pattern to work on, never "one interview" (issue 12).
    ("I always mess up interviews", "This has happened more than once, so it's a pattern worth "
     "working on, not a verdict on me. I can look at what these interviews had in common."),
    ("I keep replaying it", "This interview didn't go my way. I can look at what happened and "
     "practice the parts that were mine."),
    ("They saw right through me", "They chose someone whose background matched what they "
     "needed at the time. That's about their needs, not my worth."),
    ("They didn't like me", "They picked a different match this time. That isn't the same as "
     "not liking me."),
    ("“I wasn't the right fit for this role.”", "I wasn't the right fit for this role."),
    ("The weather was awful", FALLBACK),
    ("Je ne suis pas assez bon 😞", FALLBACK),
    ("", FALLBACK),
])
def test_rewrite_rules(sentence: str, expected: str) -> None:
    assert rewrite(sentence) == expected


def test_a_harsh_sentence_mentioning_fit_is_still_rewritten() -> None:
    assert rewrite("I'm a failure and never the right fit") != "I'm a failure and never the " \
                                                                "right fit."


def test_very_long_target_falls_back_to_this_role() -> None:
    sentence = "I wasn't good enough for " + "the very long role name " * 20
    assert rewrite(sentence) == ("I wasn't the right fit for this role right now, and that can "
                                 "change.")


@settings(max_examples=300)
@given(st.text(max_size=200))
def test_any_sentence_gives_a_sensible_sentence(sentence: str) -> None:
    text = rewrite(sentence)
    assert text.strip() == text and text[0].isupper() and text[-1] in ".!?"
    assert "None" not in text and "  " not in text


@settings(max_examples=100)
@given(st.dictionaries(st.sampled_from(["outside", "mine", "own_factors", "sentence"]),
                       st.one_of(st.text(max_size=30), st.lists(st.text(max_size=10)),
                                 st.lists(st.dictionaries(st.sampled_from(["factor", "side"]),
                                                          st.text(max_size=10)))),
                       max_size=4))
def test_any_answers_never_raise(answers: dict) -> None:
    assert_valid_result(result(answers))


# --- Facts the rewrite must respect (issue 12) ------------------------------------------


def links(blocks: list[dict]) -> list[str]:
    return [b["href"] for b in blocks if b["type"] == "link"]


@pytest.mark.parametrize("sentence", [
    "They didn't want someone my age",
    "They didn’t want someone my age.",
    "I was too old for them",
    "They wanted someone younger",
    "because I'm a woman",
    "It was because I am a woman",
    "They mentioned my accent twice",
    "my name sounded foreign",
    "I think they couldn't pronounce my name",
    "because I'm pregnant",
    "They asked about my pregnancy",
    "They looked at my wheelchair the whole time",
    "They asked if I had kids, because of my children maybe",
    "It felt racist",
    "They asked about my religion",
    "they stared at my hijab",
    "because I'm black",
    "because I'm gay",
    "They asked about my disability",
    "They asked where I come from",
    "my nationality",
    "because of my health condition",
    "They said no because I'm over 50",
    "because I am in my 50s",
])
def test_possible_discrimination_is_never_called_fit(sentence: str) -> None:
    reading = read_sentence(sentence)
    assert reading.kind == "discrimination"
    blocks = result({"sentence": sentence})
    said = " ".join(b.get("text", "") + b.get("body", "") for b in blocks)
    assert "fit for" not in said and "isn't the same as not liking me" not in said
    assert "writing down what happened while it is fresh" in said
    assert "situations/#discrimination" in links(blocks)


@pytest.mark.parametrize("sentence", [
    "I never get past the final round",
    "I never get past the final round again.",
    "fifth no this month",
    "That's my fifth no this month",
    "always rejected after the second interview",
    "I'm always rejected after the second interview",
    "third rejection this week",
    "10 applications and no replies",
    "I had 3 interviews and no offers",
    "I keep getting rejected",
    "rejected again and again",
    "I got stuck at the same stage again",
    "I always mess up interviews",
    "four final rounds in a row",
])
def test_a_real_pattern_becomes_a_pattern_to_work_on(sentence: str) -> None:
    assert read_sentence(sentence).kind == "pattern"
    blocks = result({"sentence": sentence})
    said = " ".join(b.get("text", "") + b.get("body", "") for b in blocks)
    assert "one interview" not in said and "pattern" in said
    assert links(blocks) == ["steps/05-evaluate-your-performance/",
                             "steps/10-improve-continuously/",
                             "situations/#repeated-rejections"]


@pytest.mark.parametrize(("sentence", "noticed", "tip"), [
    ("I rambled", "You noticed you rambled.", "three parts"),
    ("I think I rambled on every answer", "You noticed you rambled on every answer.",
     "three parts"),
    ("I froze on the salary question", "You noticed you froze on the salary question.",
     "the pay you are looking for"),
    ("I forgot my examples", "You noticed you forgot your examples.", "three short stories"),
    ("My mind went blank", "You noticed that your mind went blank.", "blank moment"),
    ("I was late", "You noticed you were late.", "the day before"),
    ("I spoke too fast", "You noticed you spoke too fast.", "pause for a breath"),
    ("I didn't ask any questions", "You noticed you did not ask any questions.",
     "three questions"),
    ("I couldn’t answer the question about budgets",
     "You noticed you could not answer the question about budgets.", "scorecard"),
])
def test_a_specific_self_observation_is_kept_to_act_on(sentence: str, noticed: str,
                                                      tip: str) -> None:
    reading = read_sentence(sentence)
    assert reading.kind == "observation"
    blocks = result({"sentence": sentence})
    (said,) = [b["text"] for b in blocks if b["type"] == "text" and "noticed" in b["text"]]
    assert said.startswith(f"{noticed} That's a specific thing you can practise: ")
    assert tip in said
    assert "steps/05-evaluate-your-performance/" in links(blocks)
    assert "says more about what they needed" not in rewrite(sentence)


@pytest.mark.parametrize("sentence", [
    "I want to die", "I can't go on like this", "I cant go on like this",
    "Everyone would be better off without me", "I want to kill myself",
])
def test_distress_gets_the_safety_note_first_and_no_rewrite(sentence: str) -> None:
    blocks = run("control-sort", {"sentence": sentence, "outside": ["budget"]}, TODAY,
                 host=Host(support_lines=("Call 116 123",)))
    assert blocks[0]["type"] == "note" and blocks[0]["title"] == "If you are struggling"
    assert not drafts(blocks)
    assert [b["text"] for b in blocks if b["type"] == "text"] == [
        "Your sentence is saved here. There is no need to work on it today."]
    # The factors they ticked are still there, as a plain list.
    assert lists(blocks) == {"Outside your control (1)": ["The budget was cut, frozen or moved"]}


def test_a_host_crisis_phrase_also_stops_the_rewrite() -> None:
    host = Host(crisis_phrases=("je veux mourir",))
    blocks = run("control-sort", {"sentence": "Je veux mourir"}, TODAY, host=host)
    assert blocks[0]["type"] == "note" and not drafts(blocks)


@pytest.mark.parametrize(("sentence", "kind"), [
    ("I wasn't good enough for the job.", "rewrite"),
    ("They didn't like me", "rewrite"),
    ("I let my family down", "rewrite"),
    ("They rejected me because of my lack of experience", "rewrite"),
    ("I froze in the second interview", "observation"),
    ("I will never get the job I want", "rewrite"),
    ("Nobody wants someone like me", "rewrite"),
    ("I didn't speak a foreign language well enough", "rewrite"),
])
def test_near_misses_stay_in_their_own_category(sentence: str, kind: str) -> None:
    assert read_sentence(sentence).kind == kind
