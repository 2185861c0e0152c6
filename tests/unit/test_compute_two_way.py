"""Step 9 two-way evaluation: the weighted fit, strengths and gaps, and the closing sentence."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.unit.block_shapes import assert_valid_result
from worksheets.compute.runner import run
from worksheets.compute.two_way import Rated, fit_percent, gaps, strengths

TODAY = date(2026, 11, 27)
# The example on the step page: 56 of 90 weighted points, 62%.
BANK = {"company": "Harbor Regional Bank",
        "growth_weight": "5", "growth_score": "3", "culture_weight": "4", "culture_score": "4",
        "pay_weight": "3", "pay_score": "3", "commute_weight": "4", "commute_score": "2",
        "values_weight": "2", "values_score": "4"}


def result(answers: Any) -> list[dict]:
    return run("two-way-evaluation", answers, TODAY)


def block(blocks: list[dict], kind: str, title: str = "") -> dict:
    return next(b for b in blocks if b["type"] == kind and (not title or b.get("title") == title))


def sentence(blocks: list[dict]) -> str:
    return [b["text"] for b in blocks if b["type"] == "text"][-1]


def test_empty_answers_invite_weights_and_scores() -> None:
    for empty in ({}, None, {"company": "Acme"}, {"growth_weight": "4"}, {"pay_score": "3"}):
        blocks = result(empty)
        assert len(blocks) == 1
        assert blocks[0]["text"].startswith("Set how much each thing matters to you")


def test_the_page_example_scores_62_percent() -> None:
    blocks = result(BANK)
    score = block(blocks, "score")
    assert score["label"] == "Fit with Harbor Regional Bank"
    assert score["value"] == 62
    assert score["detail"] == "56 of 90 weighted points"
    table = block(blocks, "table")
    assert table["rows"][-1] == ["Total", "18", "", "56 of 90"]
    assert table["rows"][3] == ["Commute", "4", "2", "8"]


def test_strengths_and_gaps_are_ranked_by_what_they_cost_or_give_you() -> None:
    blocks = result(BANK)
    assert block(blocks, "list", "Biggest strengths")["items"] == [
        "Culture (matters 4, scored 4)", "Values (matters 2, scored 4)"]
    assert block(blocks, "list", "Biggest gaps")["items"] == [
        "Commute (matters 4, scored 2)", "Growth (matters 5, scored 3)",
        "Pay (matters 3, scored 3)"]


def test_a_middling_fit_sentence_names_the_gaps() -> None:
    assert sentence(result(BANK)) == (
        "At 62%, Harbor Regional Bank is a decent fit, not a perfect one. A no from them "
        "closes one option, not the only one; the next one may do better on commute, growth "
        "and pay.")


def test_a_strong_fit_sentence_points_to_more_roles_like_it() -> None:
    answers = {"growth_weight": "5", "growth_score": "5", "own_label": "Flexible hours",
               "own_weight": "3", "own_score": "4"}
    blocks = result(answers)
    assert block(blocks, "score")["label"] == "Fit with this company"
    assert block(blocks, "score")["value"] == 93  # 37 of 40 is 92.5%, rounded half up
    assert sentence(blocks) == (
        "By your own measure, this company fits you well (93%). If they say no, that is "
        "their call, not a verdict on you, and it shows roles like this exist: look for "
        "more that score high on growth and Flexible hours.")


def test_a_weak_fit_sentence_says_the_no_may_have_spared_you() -> None:
    blocks = result({"company": "Acme", "pay_weight": "5", "pay_score": "1",
                     "commute_weight": "2", "commute_score": "3"})
    assert block(blocks, "score")["value"] == 31  # 11 of 35
    assert sentence(blocks) == (
        "At 31%, Acme falls short on what you said matters, most of all on pay and commute. "
        "A no from them may have spared you a role that would not have suited you.")
    assert not any(b.get("title") == "Biggest strengths" for b in blocks)


def test_weight_zero_leaves_a_criterion_out_of_the_score() -> None:
    with_zero = result({**BANK, "values_weight": "0", "values_score": "1"})
    assert block(with_zero, "score")["detail"] == "48 of 80 weighted points"
    all_zero = result({"growth_weight": "0", "growth_score": "5"})
    assert all_zero[0]["text"].startswith("Give at least one thing a weight above 0")


def test_weighted_but_unscored_criteria_are_listed_not_counted() -> None:
    blocks = result({"growth_weight": "5", "growth_score": "4", "pay_weight": "3",
                     "own_label": "Mentoring", "own_weight": "4"})
    assert block(blocks, "score")["detail"] == "20 of 25 weighted points"
    assert block(blocks, "list", "Weighted but not scored yet")["items"] == ["Pay", "Mentoring"]


def test_own_criterion_without_a_label_gets_a_default_name() -> None:
    blocks = result({"own_weight": "3", "own_score": "2"})
    assert block(blocks, "table")["rows"][0] == ["Your own criterion", "3", "2", "6"]


def test_out_of_range_and_malformed_values_are_ignored() -> None:
    blocks = result({"growth_weight": "9", "growth_score": "4", "pay_weight": "abc",
                     "pay_score": "4", "culture_weight": "3", "culture_score": "0",
                     "commute_weight": "2", "commute_score": "4,5", "values_weight": True})
    # Only commute is usable: "4,5" reads as 4.5 (a decimal comma), within 1 to 5.
    assert block(blocks, "score")["detail"] == "9 of 10 weighted points"
    assert block(blocks, "list", "Weighted but not scored yet")["items"] == ["Culture"]


def test_unicode_and_long_company_names() -> None:
    name = "Société Générale 日本 " * 30
    blocks = result({**BANK, "company": name})
    assert block(blocks, "score")["label"] == f"Fit with {name.strip()}"


def test_helpers_on_their_own() -> None:
    rated = [Rated("Growth", 5, 3), Rated("Pay", 0, 1), Rated("Culture", 4, 5)]
    assert fit_percent(rated) == pytest.approx(100 * 35 / 45)
    assert fit_percent([Rated("Pay", 0, 5)]) is None
    assert [r.name for r in strengths(rated)] == ["Culture"]
    assert [r.name for r in gaps(rated)] == ["Growth"]  # weight 0 is never a gap


scale = st.one_of(st.integers(-2, 7).map(str), st.text(max_size=4), st.none(), st.floats())
keys = [f"{c}_{part}" for c in ("growth", "culture", "pay", "commute", "values", "own")
        for part in ("weight", "score")]


@given(st.fixed_dictionaries({key: scale for key in keys},
                             optional={"company": st.text(), "own_label": st.text()}))
def test_any_answers_give_a_percentage_between_0_and_100_or_an_invitation(answers: dict) -> None:
    blocks = result(answers)
    assert_valid_result(blocks)
    scores = [b for b in blocks if b["type"] == "score"]
    assert all(20 <= s["value"] <= 100 for s in scores)  # the lowest score is 1 of 5
    if not scores:
        assert len(blocks) == 1 and blocks[0]["type"] == "text"
