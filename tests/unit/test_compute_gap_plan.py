"""Step 6 gap-closing plan: overdue and next-up items, the plan table and the .ics file."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.block_shapes import assert_valid_result
from worksheets.compute.gap_plan import distance
from worksheets.compute.runner import run

TODAY = date(2026, 11, 27)
PLAN = [
    {"gap": "SQL joins", "action": "Free course, 30 minutes a day", "resource": "Course site",
     "due": "2026-11-20", "status": "in_progress"},
    {"gap": "Resume", "action": "Add the project with a number", "due": "2026-11-01",
     "status": "done"},
    {"gap": "Portfolio piece", "action": "Analyze a public shipping dataset",
     "due": "2026-12-01", "status": "not_started"},
    {"gap": "Explaining findings", "action": "Two-minute summary to my cousin",
     "due": "2026-12-01"},
    {"gap": "Forecasting", "action": "Ask Sam three questions"},
]


def result(answers: Any, today: date = TODAY) -> list[dict]:
    return run("gap-plan", answers, today)


def block(blocks: list[dict], kind: str, title: str = "") -> dict:
    return next(b for b in blocks if b["type"] == kind and (not title or b.get("title") == title))


def titles(blocks: list[dict]) -> list[str]:
    return [b.get("title", "") for b in blocks]


def ics_events(content: str) -> list[dict[str, str]]:
    """Each VEVENT's properties, read from the unfolded file."""
    lines = re.sub(r"\r\n ", "", content).split("\r\n")
    events, current = [], None
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT" and current is not None:
            events.append(current)
            current = None
        elif current is not None:
            name, _, value = line.partition(":")
            current[name] = value
    return events


def test_empty_answers_invite_a_first_row() -> None:
    for empty in ({}, None, "abc", {"gaps": []}, {"gaps": [{}]}, {"gaps": "abc"},
                  {"gaps": [{"status": "done"}]}):
        blocks = result(empty)
        assert len(blocks) == 1
        assert blocks[0]["type"] == "text"
        assert blocks[0]["text"].startswith("Add one gap")


def test_overdue_excludes_done_and_next_up_shows_everything_on_the_soonest_date() -> None:
    blocks = result({"gaps": PLAN})
    assert block(blocks, "score")["value"] == 1
    assert block(blocks, "score")["max"] == 5
    assert block(blocks, "list", "Overdue (1)")["items"] == [
        "SQL joins: Free course, 30 minutes a day (due 20 Nov 2026, 7 days ago)"]
    assert block(blocks, "list", "Next up")["items"] == [
        "Portfolio piece: Analyze a public shipping dataset (due 1 Dec 2026, in 4 days)",
        "Explaining findings: Two-minute summary to my cousin (due 1 Dec 2026, in 4 days)",
    ]
    assert block(blocks, "list", "Give these a due date")["items"] == [
        "Forecasting: Ask Sam three questions"]


def test_the_table_lists_the_plan_by_date_with_status_labels() -> None:
    table = block(result({"gaps": PLAN}), "table")
    assert table["columns"] == ["Gap", "Action", "Resource", "Due", "Status"]
    assert [row[0] for row in table["rows"]] == [
        "Resume", "SQL joins", "Portfolio piece", "Explaining findings", "Forecasting"]
    assert [row[4] for row in table["rows"]] == [
        "Done", "In progress", "Not started", "Not started", "Not started"]


def test_the_calendar_holds_every_unfinished_dated_item() -> None:
    download = block(result({"gaps": PLAN}), "download")
    assert download["filename"] == "gap-plan.ics"
    assert download["mime"] == "text/calendar"
    assert download["label"] == "Add 3 due dates to your calendar (.ics)"
    events = ics_events(download["content"])
    assert [e["DTSTART;VALUE=DATE"] for e in events] == ["20261120", "20261201", "20261201"]
    assert events[0]["SUMMARY"] == "SQL joins: Free course\\, 30 minutes a day"
    assert "Resource: Course site" in events[0]["DESCRIPTION"]
    assert all(e["DTSTAMP"] == "20261127T000000Z" for e in events)


def test_the_calendar_uid_survives_a_status_change() -> None:
    started = [{**PLAN[2], "status": "in_progress"}]
    before = ics_events(block(result({"gaps": [PLAN[2]]}), "download")["content"])
    after = ics_events(block(result({"gaps": started}), "download")["content"])
    assert before[0]["UID"] == after[0]["UID"]


def test_due_today_is_next_up_not_overdue() -> None:
    blocks = result({"gaps": [{"gap": "Mock interview", "due": "2026-11-27"}]})
    assert "Overdue (1)" not in titles(blocks)
    assert block(blocks, "list", "Next up")["items"] == [
        "Mock interview (due 27 Nov 2026, today)"]


def test_everything_done_says_so_and_offers_no_calendar() -> None:
    blocks = result({"gaps": [{**row, "status": "done"} for row in PLAN]})
    assert block(blocks, "score")["value"] == 5
    assert block(blocks, "text")["text"].startswith("Everything on this plan is done")
    assert not any(b["type"] in ("download", "list") for b in blocks)


def test_a_due_date_across_the_year_end() -> None:
    blocks = result({"gaps": [{"gap": "Certification", "due": "2027-01-02"}]},
                    today=date(2026, 12, 30))
    assert block(blocks, "list", "Next up")["items"] == [
        "Certification (due 2 Jan 2027, in 3 days)"]
    [event] = ics_events(block(blocks, "download")["content"])
    assert event["DTSTART;VALUE=DATE"] == "20270102"


def test_malformed_dates_and_statuses_are_treated_as_missing() -> None:
    blocks = result({"gaps": [{"gap": "Excel", "due": "31/12/2026", "status": "maybe"},
                              {"gap": "Excel 2", "due": 20261231, "status": ["done"]}]})
    assert block(blocks, "list", "Give these a due date")["items"] == ["Excel", "Excel 2"]
    assert [row[4] for row in block(blocks, "table")["rows"]] == ["Not started", "Not started"]
    assert not any(b["type"] == "download" for b in blocks)


def test_a_row_with_only_a_date_gets_a_placeholder_name() -> None:
    blocks = result({"gaps": [{}, {"due": "2026-12-05"}]})
    assert block(blocks, "list", "Next up")["items"] == ["Gap 2 (due 5 Dec 2026, in 8 days)"]


def test_long_unicode_text_makes_a_valid_folded_calendar() -> None:
    gap = "Entrevistas en español, 面接の練習 😀; " * 20
    blocks = result({"gaps": [{"gap": gap, "action": "Práctica\ndiaria", "due": "2026-12-01"}]})
    content = block(blocks, "download")["content"]
    assert all(len(line.encode("utf-8")) <= 75 for line in content.split("\r\n"))
    [event] = ics_events(content)
    assert event["SUMMARY"].startswith("Entrevistas en español\\, 面接の練習 😀\\;")
    assert event["SUMMARY"].endswith("Práctica\\ndiaria")


def test_distance_reads_naturally() -> None:
    assert distance(date(2026, 11, 28), TODAY) == "tomorrow"
    assert distance(date(2026, 11, 26), TODAY) == "yesterday"
    assert distance(date(2027, 1, 1), TODAY) == "in 35 days"


row_values = st.one_of(st.text(max_size=30), st.dates().map(date.isoformat),
                       st.sampled_from(["done", "in_progress", "not_started"]), st.integers(),
                       st.none(), st.lists(st.text(max_size=5), max_size=2))


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(
    st.sampled_from(["gaps", "other"]),
    st.one_of(st.text(), st.lists(st.one_of(
        st.dictionaries(st.sampled_from(["gap", "action", "resource", "due", "status"]),
                        row_values), st.text()), max_size=6)),
))
def test_any_answers_give_plain_blocks_without_raising(answers: dict) -> None:
    blocks = result(answers)
    assert_valid_result(blocks)
    assert {b["type"] for b in blocks} <= {"text", "list", "table", "score", "download"}
