"""Step 7 contact tracker: who is due, the connection notes and the touch-point calendar."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.block_shapes import assert_valid_result
from worksheets.compute.contact_tracker import NOTE_LIMIT, greeting_name
from worksheets.compute.runner import run

TODAY = date(2026, 11, 27)
DANA = {"person": "Dana Okafor", "role": "Team lead", "company": "Brightside Software",
        "last_contact": "2026-09-20", "next_touch": "2026-11-20",
        "notes": "Gave feedback on my examples; posts about onboarding"}
LEO = {"person": "Leo Brandt", "role": "Recruiter", "company": "Harbor Health",
       "last_contact": "2026-11-10", "next_touch": "2026-11-27"}
PRIYA = {"person": "Priya Nair", "company": "Northwind", "next_touch": "2027-01-15"}
SAM = {"person": "Sam Lee", "last_contact": "2026-11-01"}


def result(answers: Any, today: date = TODAY) -> list[dict]:
    return run("contact-tracker", answers, today)


def block(blocks: list[dict], kind: str, title: str = "") -> dict:
    return next(b for b in blocks if b["type"] == kind and (not title or b.get("title") == title))


def ics_events(content: str) -> list[dict[str, str]]:
    events: list[dict[str, str]] = []
    for line in re.sub(r"\r\n ", "", content).split("\r\n"):
        if line == "BEGIN:VEVENT":
            events.append({})
        elif events and ":" in line and line != "END:VEVENT":
            name, _, value = line.partition(":")
            events[-1].setdefault(name, value)
    return events


def test_empty_answers_invite_a_first_person() -> None:
    for empty in ({}, None, {"contacts": []}, {"contacts": [{}, {"person": "  "}]},
                  {"contacts": "Dana"}):
        blocks = result(empty)
        assert len(blocks) == 1
        assert blocks[0]["text"].startswith("Add the first person you met")


def test_people_due_today_or_earlier_are_listed_oldest_first() -> None:
    blocks = result({"contacts": [PRIYA, LEO, DANA, SAM]})
    due = block(blocks, "list", "Due for a touch (2)")
    assert due["items"] == [
        "Dana Okafor (Team lead at Brightside Software): due since 20 Nov 2026, 7 days ago",
        "Leo Brandt (Recruiter at Harbor Health): due today",
    ]


def test_when_nobody_is_due_the_next_person_is_named() -> None:
    blocks = result({"contacts": [PRIYA, SAM]})
    assert blocks[0]["text"] == ("Nobody is due for a touch today. Next up: Priya Nair "
                                 "(Northwind) on 15 Jan 2027, in 49 days.")


def test_people_without_a_next_touch_point_get_a_suggested_date() -> None:
    blocks = result({"contacts": [SAM, {"person": "Ana", "last_contact": "2026-01-05"},
                                  {"person": "Kim"}]})
    assert block(blocks, "list", "No next touch-point yet")["items"] == [
        "Sam Lee: around 10 Jan 2027 would suit",
        "Ana: it has been a while, so any day soon would suit",
        "Kim",
    ]


def test_the_first_person_gets_the_first_connection_note() -> None:
    drafts = [b for b in result({"contacts": [DANA, LEO]}) if b["type"] == "draft"]
    assert [d["label"].split(" (")[0] for d in drafts] == [
        "Connection note for Dana Okafor", "Connection note for Leo Brandt"]
    first = drafts[0]
    assert first["body"].startswith("Hi Dana, thank you for taking the time to meet me at "
                                    "Brightside Software.")
    assert first["subject"] == "Staying in touch after my interview at Brightside Software"
    assert f"({len(first['body'])} characters)" in first["label"]
    assert len(first["body"]) <= NOTE_LIMIT


def test_a_long_name_warns_that_the_note_needs_trimming() -> None:
    person = {"person": "Maximiliane " + "Longname" * 10, "company": "A" * 60}
    draft = block(result({"contacts": [person]}), "draft")
    assert len(draft["body"]) > NOTE_LIMIT
    assert draft["label"].endswith(f"; trim it to {NOTE_LIMIT} so it fits)")


def test_unnamed_rows_get_no_note_but_still_count() -> None:
    blocks = result({"contacts": [{"company": "Northwind", "next_touch": "2026-11-01"}]})
    assert block(blocks, "list", "Due for a touch (1)")["items"][0].startswith(
        "Person 1 (Northwind)")
    assert not any(b["type"] == "draft" for b in blocks)
    assert any(b.get("text") == "Add a name to draft a LinkedIn connection note."
               for b in blocks)


def test_greeting_uses_the_first_name_unless_there_is_a_title() -> None:
    assert greeting_name("Dana Okafor") == "Dana"
    assert greeting_name("Dr. Asha Patel") == "Dr. Asha Patel"
    assert greeting_name("Ms Chen") == "Ms Chen"
    assert greeting_name("Zoë") == "Zoë"


def test_the_calendar_has_one_event_per_dated_person_in_date_order() -> None:
    download = block(result({"contacts": [PRIYA, DANA, SAM, LEO]}), "download")
    assert download["mime"] == "text/calendar"
    assert download["filename"] == "contact-tracker.ics"
    events = ics_events(download["content"])
    assert [e["DTSTART;VALUE=DATE"] for e in events] == ["20261120", "20261127", "20270115"]
    assert events[0]["SUMMARY"] == "Get in touch with Dana Okafor (Brightside Software)"
    assert "Notes: Gave feedback on my examples\\; posts about onboarding" in \
        events[0]["DESCRIPTION"]
    assert len({e["UID"] for e in events}) == 3


def test_dates_across_the_year_end() -> None:
    blocks = result({"contacts": [{"person": "Jo", "next_touch": "2027-01-01"}]},
                    today=date(2026, 12, 31))
    assert blocks[0]["text"].endswith("on 1 Jan 2027, in 1 day.")
    later = result({"contacts": [{"person": "Jo", "next_touch": "2026-12-31"}]},
                   today=date(2027, 1, 2))
    assert block(later, "list")["items"] == ["Jo: due since 31 Dec 2026, 2 days ago"]


def test_unicode_and_malformed_dates() -> None:
    blocks = result({"contacts": [{"person": "Zoë Ålund 🙂", "company": "Café, Ltd",
                                   "next_touch": "tomorrow", "last_contact": "2026-13-01"}]})
    assert block(blocks, "list", "No next touch-point yet")["items"] == ["Zoë Ålund 🙂 (Café, Ltd)"]
    assert block(blocks, "draft")["body"].startswith("Hi Zoë, ")
    assert not any(b["type"] == "download" for b in blocks)


contact_values = st.one_of(st.text(max_size=40), st.dates().map(date.isoformat), st.integers(),
                           st.none(), st.lists(st.text(max_size=3), max_size=2))


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(
    st.sampled_from(["contacts", "x"]),
    st.one_of(st.text(), st.lists(st.dictionaries(
        st.sampled_from(["person", "role", "company", "last_contact", "next_touch", "notes"]),
        contact_values), max_size=5)),
))
def test_any_answers_give_plain_blocks_without_raising(answers: dict) -> None:
    blocks = result(answers)
    assert_valid_result(blocks)
    assert {b["type"] for b in blocks} <= {"text", "list", "draft", "download"}
