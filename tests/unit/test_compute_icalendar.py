"""The shared iCalendar writer: parse its output back and check it against RFC 5545."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from worksheets.compute.icalendar import (
    MAX_OCTETS,
    AllDayEvent,
    calendar,
    escape_text,
    event_uid,
    fold,
)

STAMP = date(2026, 11, 27)
NEEDED = ("UID", "DTSTAMP", "DTSTART", "SUMMARY", "DESCRIPTION")


def physical_lines(text: str) -> list[str]:
    """Lines as written; every line, the last included, must end with CRLF."""
    assert text.endswith("\r\n")
    body = text[:-2].split("\r\n")
    assert not any("\r" in line or "\n" in line for line in body), "a bare CR or LF"
    return body


def unfold(text: str) -> list[str]:
    return re.sub(r"\r\n[ \t]", "", text).split("\r\n")[:-1]


def unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])",
                  lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def parse(text: str) -> list[dict[str, str]]:
    """A small RFC 5545 reader: checks nesting and returns each VEVENT's properties."""
    for line in physical_lines(text):
        assert len(line.encode("utf-8")) <= MAX_OCTETS, line
    stack: list[str] = []
    events: list[dict[str, str]] = []
    for line in unfold(text):
        name, sep, value = line.partition(":")
        assert sep, f"no colon in {line!r}"
        if name == "BEGIN":
            stack.append(value)
            if value == "VEVENT":
                events.append({})
        elif name == "END":
            assert stack and stack.pop() == value, f"END:{value} without its BEGIN"
        else:
            assert stack, f"{name} outside VCALENDAR"
            if stack[-1] == "VEVENT":
                events[-1][name] = value
    assert stack == [], f"unclosed: {stack}"
    return events


def expected_text(value: str) -> str:
    """What a calendar app should read back: newlines kept, other control characters gone."""
    value = re.sub(r"\r\n|\r", "\n", value)
    value = re.sub(r"[\ud800-\udfff]", "\ufffd", value)
    return re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", value)


def test_a_calendar_has_the_required_frame_and_one_event() -> None:
    text = calendar([AllDayEvent(date(2027, 1, 4), "SQL joins", "Course, 30 min")], STAMP)
    lines = unfold(text)
    assert lines[:3] == ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Onward//Worksheets//EN"]
    assert lines[-1] == "END:VCALENDAR"
    [event] = parse(text)
    assert event["DTSTART;VALUE=DATE"] == "20270104"
    assert event["DTEND;VALUE=DATE"] == "20270105"
    assert event["DTSTAMP"] == "20261127T000000Z"
    assert event["SUMMARY"] == "SQL joins"
    assert event["DESCRIPTION"] == "Course\\, 30 min"
    assert re.fullmatch(r"[0-9a-f]{32}@onward", event["UID"])


def test_an_empty_calendar_is_still_well_formed() -> None:
    text = calendar([], STAMP)
    assert parse(text) == []
    assert unfold(text)[0] == "BEGIN:VCALENDAR"


def test_escape_text_escapes_each_special_character() -> None:
    assert escape_text("a,b;c\\d\ne\r\nf\rg") == "a\\,b\\;c\\\\d\\ne\\nf\\ng"
    assert escape_text("tab\tkept, bell\x07 gone") == "tab\tkept\\, bell gone"


def test_a_lone_surrogate_from_a_browser_string_becomes_a_replacement_character() -> None:
    text = calendar([AllDayEvent(date(2026, 1, 1), "bad \ud800 half")], STAMP)
    text.encode("utf-8")  # would raise if the surrogate were still there
    [event] = parse(text)
    assert unescape(event["SUMMARY"]) == "bad \ufffd half"


@pytest.mark.parametrize("char", ["a", "é", "€", "日", "😀"])
def test_folding_keeps_lines_short_and_characters_whole(char: str) -> None:
    line = "SUMMARY:" + char * 200
    folded = fold(line)
    pieces = folded.split("\r\n")
    assert all(len(piece.encode("utf-8")) <= MAX_OCTETS for piece in pieces)
    assert all(piece.startswith(" ") for piece in pieces[1:])
    assert "".join([pieces[0], *(piece[1:] for piece in pieces[1:])]) == line
    # Tight folding: each piece but the last is within one character of the limit.
    width = len(char.encode("utf-8"))
    assert all(len(piece.encode("utf-8")) > MAX_OCTETS - width for piece in pieces[:-1])


def test_a_line_of_exactly_75_octets_is_not_folded() -> None:
    assert fold("x" * 75) == "x" * 75
    assert fold("x" * 76) == "x" * 75 + "\r\n x"


def test_uids_are_stable_and_distinct_even_for_identical_events() -> None:
    event = AllDayEvent(date(2026, 12, 1), "Same", "Same")
    first = calendar([event, event], STAMP)
    again = calendar([event, event], date(2027, 6, 1))
    uids = [e["UID"] for e in parse(first)]
    assert len(set(uids)) == 2
    assert uids == [e["UID"] for e in parse(again)]  # the stamp date does not change a UID
    assert uids[0] == event_uid(event)
    assert event_uid(AllDayEvent(date(2026, 12, 2), "Same", "Same")) != uids[0]


def test_the_same_input_gives_the_same_bytes() -> None:
    events = [AllDayEvent(date(2026, 12, 31), "Year end"), AllDayEvent(date(2027, 1, 1), "New")]
    assert calendar(events, STAMP) == calendar(list(events), STAMP)


def test_a_calendar_name_is_escaped() -> None:
    text = calendar([], STAMP, name="Plan, mine")
    assert "X-WR-CALNAME:Plan\\, mine" in unfold(text)


@given(
    events=st.lists(
        st.builds(AllDayEvent, day=st.dates(date(1900, 1, 1), date(2999, 12, 31)),
                  summary=st.text(), description=st.text()),
        max_size=5,
    ),
    name=st.text(max_size=40),
)
def test_any_unicode_text_round_trips_through_a_valid_calendar(
    events: list[AllDayEvent], name: str
) -> None:
    text = calendar(events, STAMP, name=name)
    parsed = parse(text)
    assert len(parsed) == len(events)
    for event, found in zip(events, parsed, strict=True):
        assert all(key in found or f"{key};VALUE=DATE" in found for key in NEEDED)
        assert found["DTSTART;VALUE=DATE"] == event.day.strftime("%Y%m%d")
        assert unescape(found["SUMMARY"]) == expected_text(event.summary)
        assert unescape(found["DESCRIPTION"]) == expected_text(event.description)
    assert len({found["UID"] for found in parsed}) == len(parsed)


@given(st.text(st.characters(codec="utf-8", exclude_characters="\r\n")))
def test_fold_then_unfold_is_the_identity(line: str) -> None:
    folded = fold(line)
    assert re.sub(r"\r\n ", "", folded) == line
    assert all(len(piece.encode("utf-8")) <= MAX_OCTETS for piece in folded.split("\r\n"))
