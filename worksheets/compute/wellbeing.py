"""Step 11 well-being check: the balance of the last seven days, a mood chart and the wins."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from statistics import mean

from worksheets.compute import blocks, safety
from worksheets.compute.answers import Answers
from worksheets.compute.host import Host
from worksheets.compute.runner import Context

WINDOW_DAYS = 7
MOOD_MAX = 5.0
# Fixed names, not strftime: the browser's locale must not change the result.
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# The one connection option that means nobody; every other option counts as contact.
NOBODY = "none"
# A mood of 2 or less on the 1-5 scale is a low day; this many in the week earns a pointer
# to support (a gentle one: the crisis note is the safety check's, on words, not numbers).
LOW_MOOD = 2.0
LOW_DAYS = 3


@dataclass
class Day:
    """One day's check; several rows for the same date merge into one."""

    when: date
    sleep: float | None = None
    movement: float | None = None
    connection: str = ""
    mood: float | None = None
    filled: set[str] = field(default_factory=set)


def _in_range(value: float | None, low: float, high: float) -> float | None:
    return value if value is not None and low <= value <= high else None


def _merge(day: Day, row: Answers) -> None:
    """A later row fills or corrects the day, but an empty cell never erases a value."""
    values = {
        "sleep": _in_range(row.number("sleep_hours"), 0, 24),
        "movement": _in_range(row.number("movement_minutes"), 0, 1440),
        "connection": row.choice("connection") or None,
        "mood": _in_range(row.number("mood"), 1, MOOD_MAX),
    }
    for name, value in values.items():
        if value is not None:
            setattr(day, name, value)
            day.filled.add(name)


def _days(rows: list[Answers]) -> tuple[dict[date, Day], int]:
    """Checks by date, and how many filled-in rows had no readable date."""
    days: dict[date, Day] = {}
    undated = 0
    for row in rows:
        when = row.date("date")
        if when is not None:
            _merge(days.setdefault(when, Day(when)), row)
        else:
            probe = Day(date.min)
            _merge(probe, row)
            undated += bool(probe.filled)
    return {when: day for when, day in days.items() if day.filled}, undated


def _week_start(today: date) -> date:
    """The first of the seven days; clamped so even the first day of the calendar works."""
    return date.fromordinal(max(1, today.toordinal() - (WINDOW_DAYS - 1)))


def _short(when: date) -> str:
    return f"{when.day} {MONTHS[when.month - 1]}"


def _long(when: date) -> str:
    return f"{when.day} {MONTHS[when.month - 1]} {when.year}"


def _average(values: list[float], unit: str) -> str:
    if not values:
        return "not logged this week"
    days = f"{len(values)} {_plural(len(values), 'day')}"
    return f"{round(mean(values), 1):g} {unit} on average ({days})"


def _plural(count: int, word: str) -> str:
    return word if count == 1 else f"{word}s"


def _connected(context: Context) -> frozenset[str]:
    """Options that mean some contact, from the definition, so a host can add its own."""
    sub_fields = context.field("checks").get("fields", [])
    connection = next((f for f in sub_fields if f["id"] == "connection"), {})
    options = connection.get("options", [])
    return frozenset(o["value"] for o in options if o["value"] != NOBODY)


def _balance(week: list[Day], start: date, today: date,
             connected: frozenset[str]) -> list[blocks.Block]:
    sleep = [d.sleep for d in week if d.sleep is not None]
    moved = [d.movement for d in week if d.movement is not None]
    moods = [d.mood for d in week if d.mood is not None]
    moving_days = sum(1 for d in week if d.movement)
    connected_days = sum(1 for d in week if d.connection in connected)
    lines = [
        f"Days checked in: {len(week)} of {WINDOW_DAYS}",
        f"Sleep: {_average(sleep, 'hours a night')}",
        f"Movement: {_average(moved, 'minutes a day')}",
        f"Days with some movement: {moving_days} of {WINDOW_DAYS}",
        f"Days with time with people: {connected_days} of {WINDOW_DAYS}",
    ]
    result = [blocks.heading(f"Your week: {_short(start)} to {_short(today)}"),
              blocks.items(lines)]
    if moods:
        result.append(blocks.score("Average mood", mean(moods), MOOD_MAX,
                                   detail=f"over {len(moods)} {_plural(len(moods), 'day')}"))
    if _low_days(week) < LOW_DAYS:  # beside a pointer to support, no upbeat nudge
        result.append(blocks.paragraph(_nudge(moving_days, connected_days, len(week))))
    return result


def _low_days(week: list[Day]) -> int:
    return sum(1 for d in week if d.mood is not None and d.mood <= LOW_MOOD)


def _services(host: Host) -> list[blocks.Block]:
    """The host's own advisers, when the host said how to reach them."""
    found: list[blocks.Block] = []
    if host.appointment_url:
        found.append(blocks.link("Book a time with an adviser", host.appointment_url,
                                 lead=f"{host.organization or 'Your career service'} can help:"))
    if host.contact:
        found.append(blocks.paragraph(f"Contact: {host.contact}"))
    return found


def _low_mood_pointer(week: list[Day], host: Host) -> list[blocks.Block]:
    low = _low_days(week)
    if low < LOW_DAYS:
        return []
    return [blocks.note("A few hard days", [
        blocks.paragraph(f"Your mood was low on {low} of the last {WINDOW_DAYS} days. That is "
                         "a lot to carry on your own. Talking it over can help: a friend, your "
                         "doctor, or someone whose job is to listen."),
        *_services(host),
        safety.support_link(),
    ])]


def _nudge(moving_days: int, connected_days: int, checked: int) -> str:
    """One small suggestion for the thinner side of the week, never a list of faults."""
    if connected_days < moving_days and connected_days < checked:
        return ("People were the thinnest part of your week. One message to a friend, "
                "about anything but the search, is a good start.")
    if moving_days < checked:
        return "Movement is the easiest thing to add: a 20-minute walk around the block counts."
    return "You looked after the basics on every day you checked in. Keep that rhythm going."


def _mood_chart(week: list[Day]) -> list[blocks.Block]:
    rated = [d for d in week if d.mood is not None]
    if not rated:
        return []
    labels = [f"{WEEKDAYS[d.when.weekday()]} {_short(d.when)}" for d in rated]
    return [blocks.chart("Mood by day", labels, [d.mood or 0.0 for d in rated], unit="of 5")]


def _week(answers: Answers, context: Context) -> list[blocks.Block]:
    today = context.today
    start = _week_start(today)
    days, undated = _days(answers.rows("checks"))
    week = sorted((d for when, d in days.items() if start <= when <= today),
                  key=lambda d: d.when)
    later = sum(1 for when in days if when > today)
    notes = _left_out(undated, later)
    if not week:
        if days or undated:
            return [blocks.paragraph("No check-ins in the last seven days. Add one for today: "
                                     "a rough guess at your sleep and mood is enough."), *notes]
        return []
    return [*_low_mood_pointer(week, context.host),
            *_balance(week, start, today, _connected(context)), *_mood_chart(week), *notes]


def _left_out(undated: int, later: int) -> list[blocks.Block]:
    """Say which checks the week leaves out, so a typo in a date never hides quietly."""
    parts = []
    if undated:
        parts.append(f"{undated} {_plural(undated, 'check')} without a date")
    if later:
        parts.append(f"{later} {_plural(later, 'day')} dated after today")
    if not parts:
        return []
    text = f"Not counted: {' and '.join(parts)}. Correct the date if you want it counted."
    return [blocks.paragraph(text)]


def _wins(answers: Answers, today: date) -> list[blocks.Block]:
    entries = [(i, row.date("date"), row.text("what"))
               for i, row in enumerate(answers.rows("wins"))]
    entries = [entry for entry in entries if entry[2]]
    if not entries:
        return []
    # Newest first; on the same date the row added later is newer; undated wins go last.
    entries.sort(key=lambda e: (e[1] is not None, e[1] or date.min, e[0]), reverse=True)
    lines = [f"{_long(when)}: {what}" if when else what for _, when, what in entries]
    recent = sum(1 for _, when, _ in entries
                 if when and _week_start(today) <= when <= today)
    count = len(entries)
    summary = f"{count} {_plural(count, 'win')} so far, {recent} in the last seven days."
    return [blocks.heading("Your wins"), blocks.paragraph(summary),
            blocks.items(lines, title=f"Newest first ({count})")]


def compute(answers: Answers, context: Context) -> list[blocks.Block]:
    result = _week(answers, context) + _wins(answers, context.today)
    if not result:
        return [blocks.paragraph("Add today's check to see how your week is going, and note "
                                 "one small win, even if it is only that you kept going.")]
    return result
