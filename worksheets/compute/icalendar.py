"""iCalendar (RFC 5545) text for all-day events: the .ics files the planners let you download."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

MIME = "text/calendar"
PRODID = "-//Onward//Worksheets//EN"
UID_DOMAIN = "onward"
CRLF = "\r\n"
# RFC 5545 3.1: a content line should be at most 75 octets, not counting its line break.
MAX_OCTETS = 75
# TEXT values may not hold control characters other than tab (RFC 5545 3.3.11).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_NEWLINE = re.compile(r"\r\n|\r|\n")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


@dataclass(frozen=True)
class AllDayEvent:
    """One reminder on one day: what it is for, and any detail worth keeping with it."""

    day: date
    summary: str
    description: str = ""


def escape_text(value: str) -> str:
    """A TEXT property value: backslash, semicolon, comma and line breaks escaped."""
    # A lone surrogate can arrive from a browser string and cannot be written as UTF-8.
    value = _SURROGATE.sub("\ufffd", value)
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    value = _NEWLINE.sub("\\\\n", value)
    return _CONTROL.sub("", value)


def fold(line: str) -> str:
    """Split a content line into pieces of at most 75 UTF-8 octets, each continuation
    starting with a space; a multi-byte character is never cut in half."""
    pieces: list[str] = []
    current: list[str] = []
    size, limit = 0, MAX_OCTETS
    for char in line:
        # surrogatepass: never raise here; escape_text has already replaced lone surrogates.
        width = len(char.encode("utf-8", "surrogatepass"))
        if size + width > limit:
            pieces.append("".join(current))
            # The leading space of a continuation line counts towards its 75 octets.
            current, size, limit = [], 0, MAX_OCTETS - 1
        current.append(char)
        size += width
    pieces.append("".join(current))
    return (CRLF + " ").join(pieces)


def event_uid(event: AllDayEvent, occurrence: int = 0) -> str:
    """The same event always gets the same UID, so importing twice updates, not duplicates."""
    content = f"{event.day.isoformat()}\n{event.summary}\n{event.description}\n{occurrence}"
    digest = hashlib.sha256(content.encode("utf-8", "surrogatepass")).hexdigest()
    return f"{digest[:32]}@{UID_DOMAIN}"


def _event_lines(event: AllDayEvent, uid: str, stamp: str) -> list[str]:
    # DTEND is the next day: the one-day span some calendar apps need to show it all-day.
    return [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{event.day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{event.day + timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{escape_text(event.summary)}",
        f"DESCRIPTION:{escape_text(event.description)}",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]


def calendar(events: Sequence[AllDayEvent], stamp: date, name: str = "") -> str:
    """A whole VCALENDAR with one all-day VEVENT per event, CRLF line ends, folded lines.

    `stamp` becomes every DTSTAMP, so the same answers on the same day give the same file.
    """
    stamp_text = f"{stamp:%Y%m%d}T000000Z"
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH"]
    if name:
        lines.append(f"X-WR-CALNAME:{escape_text(name)}")
    seen: dict[str, int] = {}
    for event in events:
        # Two identical events still need two different UIDs in one calendar.
        first_uid = event_uid(event)
        occurrence = seen.get(first_uid, 0)
        seen[first_uid] = occurrence + 1
        lines += _event_lines(event, event_uid(event, occurrence), stamp_text)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
