"""The compute contract shared by every worksheet: answers, the runner, the plan."""

from __future__ import annotations

import json
import re
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from tests.unit.block_shapes import assert_valid_result
from worksheets.compute.answers import Answers
from worksheets.compute.plan import build_plan, escape_markdown
from worksheets.compute.plan_request import plan_json
from worksheets.compute.runner import definitions, run, run_json

TODAY = date(2026, 11, 27)


def test_numbers_are_read_as_people_type_them():
    answers = Answers({"a": "1,000", "b": "2,5", "c": " 7 ", "d": "abc", "e": True, "f": "inf",
                       "g": 3})
    assert [answers.number(k) for k in "abcdefg"] == [1000.0, 2.5, 7.0, None, None, None, 3.0]


def test_malformed_answers_read_as_empty_values():
    answers = Answers({"t": 5, "l": "not a list", "r": [1, {"x": "y"}], "d": "31/12/2026"})
    assert answers.text("t") == ""
    assert answers.choices("l") == []
    assert [row.raw for row in answers.rows("r")] == [{"x": "y"}]
    assert answers.date("d") is None
    assert Answers("not a dict").raw == {}


def test_a_row_with_only_its_automatic_date_is_empty():
    assert Answers({"date": "2026-11-27", "note": " "}).is_empty()
    assert not Answers({"date": "2026-11-27", "note": "x"}).is_empty()


def test_a_worksheet_without_compute_summarizes_with_option_labels(monkeypatch):
    fake = {"fake": {"title": "Fake", "compute": None, "fields": [
        {"id": "pick", "type": "single_choice", "label": "Pick",
         "options": [{"value": "b", "label": "Bee"}]}]}}
    monkeypatch.setattr("worksheets.compute.runner.definitions", lambda: fake)
    assert run("fake", {"pick": "b"}, TODAY) == [
        {"type": "list", "title": "Your answers", "items": ["Pick: Bee"]}]
    assert "Nothing answered yet" in run("fake", {}, TODAY)[0]["text"]


def test_run_json_reports_failures_in_words():
    reply = json.loads(run_json(json.dumps({"worksheet": "nope", "today": "2026-11-27"})))
    assert reply["ok"] is False
    assert "no worksheet 'nope'" in reply["error"]


def scorecard(*rows: dict) -> list[dict]:
    return run("interview-scorecard", {"interviews": list(rows)}, TODAY)


def test_scorecard_scores_strongest_and_weakest():
    blocks = scorecard({"date": "2026-11-20", "interview": "Analyst", "research": "2",
                        "clarity": "5", "impact": "4", "impact_note": "x"})
    assert blocks[0]["type"] == "score"
    assert blocks[0]["value"] == 3.67
    assert blocks[1]["items"] == ["Clear answers"]
    assert blocks[2]["items"] == ["Company research"]


def test_scorecard_compares_with_the_interview_before_across_a_year_end():
    blocks = scorecard({"date": "2027-01-03", "interview": "Later", "research": "4"},
                       {"date": "2026-12-30", "interview": "Earlier", "research": "2"})
    texts = [b.get("text", "") for b in blocks]
    assert "Compared with Earlier, your overall score is up by 2.0." in texts
    chart = next(b for b in blocks if b["type"] == "chart")
    assert chart["labels"] == ["Earlier", "Later"]


def test_scorecard_never_asks_to_rate_the_rest_when_every_part_is_rated():
    """Step 5 once said "7 of 7 parts rated" and then "Rate the rest" (issue 16)."""
    dims = ["first_impression", "research", "clarity", "impact", "confidence", "natural", "fit"]
    every = scorecard({"interview": "Analyst", **{d: "3" for d in dims}})
    texts = " ".join(b.get("text", "") + b.get("detail", "") for b in every)
    assert "All 7 parts rated" in texts and "Rate the rest" not in texts
    some = scorecard({"interview": "Analyst", "research": "3", "clarity": "3"})
    texts = " ".join(b.get("text", "") + b.get("detail", "") for b in some)
    assert "2 of 7 parts rated" in texts and "Rate the rest" in texts


def test_scorecard_ignores_out_of_range_ratings_and_invites_a_start():
    assert "Rate at least one part" in scorecard({"research": "9"})[0]["text"]
    assert "Rate at least one part" in scorecard()[0]["text"]


@given(st.lists(st.dictionaries(st.sampled_from(["date", "interview", "research", "clarity",
                                                 "fit_note"]),
                                st.one_of(st.text(max_size=12), st.integers())), max_size=4))
def test_scorecard_never_raises(rows):
    assert_valid_result(scorecard(*rows))


def test_plan_gathers_only_answered_worksheets_in_site_order():
    answers = {"interview-scorecard": {"interviews": [{"research": "3"}]},
               "affirmations": {},
               "reply-composer": {"company": "Northwind"}}
    order = ["reply-composer", "interview-scorecard", "affirmations"]
    plan = build_plan(answers, order, TODAY)
    assert plan["answered"] == ["reply-composer", "interview-scorecard"]
    assert plan["markdown"].index("## ") < plan["markdown"].index("Interview self-evaluation")
    assert "You have answers in 2 of 3 worksheets." in plan["markdown"]
    scorecard_lines = plan["summaries"]["interview-scorecard"]["answers"]
    assert scorecard_lines == ["Interview 1: Company research: 3"]


def test_plan_markdown_shows_hostile_answers_as_text():
    payload = "<img src=x onerror=alert(1)> [link](javascript:alert(2))"
    plan = build_plan({"reply-composer": {"company": payload}},
                      ["reply-composer"], TODAY)
    # Every "<" and "[" is backslash-escaped, so no renderer makes a tag or a link of it.
    assert re.search(r"(?<!\\)[<\[]", plan["markdown"]) is None
    assert escape_markdown(payload) in plan["markdown"]


def test_plan_json_round_trip_and_every_definition_is_listed():
    reply = json.loads(plan_json(json.dumps({"answers": {}, "order": sorted(definitions()),
                                             "today": "2026-11-27"})))
    assert reply["ok"] is True
    assert reply["answered"] == []
    assert f"0 of {len(definitions())}" in reply["markdown"]
