"""Any stored value, from any backup or old page, reaches every compute and My plan without
an error: one worksheet's odd data yields a note for that worksheet, never a failed page."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.block_shapes import assert_valid_result, starts_with_support_note
from worksheets.compute import safety
from worksheets.compute.answers import conform
from worksheets.compute.plan import build_plan
from worksheets.compute.plan_request import plan_json
from worksheets.compute.runner import definitions, run, run_json

TODAY = date(2026, 3, 1)
# A "<" or "[" not escaped by a backslash (plan.escape_markdown escapes every answer).
UNESCAPED_MARKUP = re.compile(r"(?<!\\)[<\[]")
# Any JSON value: what JSON.parse can give back from storage or a backup file.
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                  max_size=4),
    max_leaves=20,
)


def _field_values(fields: list[dict[str, Any]]) -> st.SearchStrategy[dict[str, Any]]:
    """Answers keyed by the definition's own field ids (so computes really read them), each
    holding anything at all, with rows of such answers now and then."""
    def value(field: dict[str, Any]) -> st.SearchStrategy[Any]:
        if field["type"] == "rows":
            return JSON | st.lists(_field_values(field["fields"]) | JSON, max_size=3)
        return JSON
    return st.fixed_dictionaries({}, optional={f["id"]: value(f) for f in fields})


WORKSHEETS = sorted(definitions())


@pytest.mark.parametrize("worksheet_id", WORKSHEETS)
def test_every_compute_survives_any_stored_answers(worksheet_id: str) -> None:
    fields = definitions()[worksheet_id]["fields"]

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(answers=_field_values(fields) | JSON)
    def check(answers: Any) -> None:
        blocks = run(worksheet_id, answers, TODAY)
        assert_valid_result(blocks)  # what result-view.js can draw, in JSON it can parse
        reply = json.loads(run_json(json.dumps(
            {"worksheet": worksheet_id, "answers": answers, "today": TODAY.isoformat()})))
        assert reply["ok"], reply.get("traceback")
        assert reply["blocks"] == blocks

    check()


def _with_crisis_text(fields: list[dict[str, Any]], answers: Any, words: str) -> dict[str, Any]:
    """`answers` with `words` written into the definition's first free-text field (inside
    a new row when only a row has one)."""
    answers = dict(answers) if isinstance(answers, dict) else {}
    for field in fields:
        if field["type"] in safety.TEXT_TYPES:
            return {**answers, field["id"]: words}
    for field in fields:
        if field["type"] == "rows" and any(f["type"] in safety.TEXT_TYPES
                                           for f in field["fields"]):
            rows = answers.get(field["id"])
            row = _with_crisis_text(field["fields"], {}, words)
            return {**answers, field["id"]: [*(rows if isinstance(rows, list) else []), row]}
    raise AssertionError("no free-text field: choose worksheets that have one")


def _has_free_text(fields: list[dict[str, Any]]) -> bool:
    return any(f["type"] in safety.TEXT_TYPES
               or (f["type"] == "rows" and _has_free_text(f["fields"])) for f in fields)


@pytest.mark.parametrize("worksheet_id", [w for w in WORKSHEETS
                                          if _has_free_text(definitions()[w]["fields"])])
def test_a_crisis_phrase_in_any_answers_puts_the_support_note_first(worksheet_id: str) -> None:
    fields = definitions()[worksheet_id]["fields"]

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(answers=_field_values(fields) | JSON,
           words=st.sampled_from(["I want to die", "I can't go on like this",
                                  "honestly I feel hopeless"]),
           around=st.text(alphabet=" .,!\n", max_size=3))
    def check(answers: Any, words: str, around: str) -> None:
        blocks = run(worksheet_id, _with_crisis_text(fields, answers, around + words + around),
                     TODAY)
        assert_valid_result(blocks)
        assert starts_with_support_note(blocks), blocks[:1]
        # The compute's own prose is left out (safety.guard): only calm text stays.
        assert all(b.get("calm") for b in blocks[1:] if b["type"] == "text"), blocks

    check()


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers=st.dictionaries(st.sampled_from(WORKSHEETS), JSON), order=st.lists(
    st.sampled_from(WORKSHEETS) | JSON, max_size=6))
def test_my_plan_survives_any_stored_answers(answers: dict[str, Any], order: list[Any]) -> None:
    reply = json.loads(plan_json(json.dumps(
        {"answers": answers, "order": order, "today": TODAY.isoformat()})))
    assert reply["ok"], reply.get("traceback")
    # Only worksheets asked for and stored, in the order asked, each with its summary.
    asked = [w for w in order if isinstance(w, str)]
    assert reply["answered"] == [w for w in asked if w in reply["answered"]]
    assert set(reply["answered"]) <= set(answers) & set(asked)
    assert list(reply["summaries"]) == reply["answered"]
    for summary in reply["summaries"].values():
        assert_valid_result(summary["result"])
        assert all(isinstance(line, str) for line in summary["answers"])
    # The Markdown copy: any "<" or "[" from an answer arrives escaped, never as markup.
    assert reply["markdown"].startswith("# My plan\n")
    assert not UNESCAPED_MARKUP.search(reply["markdown"]), reply["markdown"]


def test_the_backup_from_the_issue_gives_a_plan() -> None:
    """Issue 13, item 4: a list inside a list of choices broke My plan for every worksheet."""
    answers = {
        "feelings-check-in": {"checkins": [{"emotions": [["hope"]], "journal": "x"}]},
        "lessons-log": {"entries": "not rows"},
    }
    plan = build_plan(answers, WORKSHEETS, TODAY)
    assert plan["answered"] == ["feelings-check-in"]  # the rows that are not rows: no answers
    assert plan["summaries"]["feelings-check-in"]["answers"] == ["Check-in 1: Journal entry: x"]


def test_conform_keeps_what_fits_and_drops_what_cannot() -> None:
    fields = [{"id": "name", "type": "short_text"}, {"id": "count", "type": "number"},
              {"id": "tags", "type": "multiple_choice"},
              {"id": "log", "type": "rows", "fields": [{"id": "note", "type": "long_text"}]}]
    raw = {"name": ["a list"], "count": 3, "tags": ["x", ["y"], 2, {"z": 1}],
           "log": [{"note": "kept", "extra": 1}, "not a row"], "unknown": "dropped"}
    assert conform(raw, fields) == {"count": 3, "tags": ["x", 2], "log": [{"note": "kept"}]}
