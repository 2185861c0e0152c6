"""Step 8 momentum tracker: actions per ISO week, this week against the goal, streak and chart."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from worksheets.compute import blocks
from worksheets.compute.answers import Answers
from worksheets.compute.runner import Context

WEEK = timedelta(days=7)
CHART_WEEKS = 8


@dataclass(frozen=True)
class Logged:
    """What the action log holds once rows are checked: counted actions and the rest."""

    days: list[date]
    kinds_this_week: Counter[str]
    undated: int
    future: int


def week_start(day: date) -> date:
    """The Monday of the ISO week holding `day`; a Monday is a stable key across year ends."""
    return day - timedelta(days=day.weekday())


def _log(rows: list[Answers], today: date) -> Logged:
    days: list[date] = []
    kinds: Counter[str] = Counter()
    undated = future = 0
    for row in rows:
        # A dated row starts with today's date filled in; it is an action once it says what.
        if not (row.choice("kind") or row.text("note")):
            continue
        day = row.date("date")
        if day is None:
            undated += 1
        elif day > today:
            future += 1
        else:
            days.append(day)
            if week_start(day) == week_start(today):
                kinds[row.choice("kind") or "other"] += 1
    return Logged(days=days, kinds_this_week=kinds, undated=undated, future=future)


def weekly_counts(days: list[date]) -> Counter[date]:
    """Actions per week, keyed by the week's Monday."""
    return Counter(week_start(day) for day in days)


def streak(counts: Counter[date], goal: float, today: date) -> int:
    """Weeks in a row at or above the goal, ending now.

    This week counts once it meets the goal; until then it is unfinished, not missed,
    so the count starts from last week instead.
    """
    week = week_start(today)
    length = 1 if counts[week] >= goal else 0
    week -= WEEK
    # Ends because counts is finite and goal is above zero: an empty week stops it.
    while counts[week] >= goal:
        length += 1
        week -= WEEK
    return length


def _goal(answers: Answers) -> float | None:
    goal = answers.number("weekly_goal")
    return goal if goal is not None and goal > 0 else None


def _count(count: float, one: str, many: str) -> str:
    return f"{count:g} {one if count == 1 else many}"


def _this_week(count: int, goal: float | None, today: date) -> blocks.Block:
    start, end = week_start(today), week_start(today) + timedelta(days=6)
    when = f"week {today.isocalendar().week}, {start.day} {start:%b} to {end.day} {end:%b}"
    if goal is None:
        return blocks.paragraph(f"This week ({when}): {_count(count, 'action', 'actions')} "
                                "so far.")
    if count >= goal:
        extra = count - goal
        detail = "Goal met" + (f", with {extra:g} extra" if extra else "") + "."
    else:
        left = 6 - today.weekday()
        days = (f"{_count(left, 'day', 'days')} left after today" if left
                else "today is the last day")
        detail = f"{goal - count:g} to go; {days}."
    return blocks.score(f"This week ({when})", count, goal, detail=detail)


def _streak_text(length: int, count: int, goal: float) -> str:
    if length == 0:
        return "No streak yet. Meet your goal this week and it starts."
    text = f"Streak: {_count(length, 'week', 'weeks')} in a row at or above your goal."
    if count < goal:
        text += f" This week is still open: {goal - count:g} more keeps it going."
    return text


def _chart(counts: Counter[date], goal: float | None, today: date) -> blocks.Block:
    mondays = [week_start(today) - WEEK * back for back in range(CHART_WEEKS - 1, -1, -1)]
    labels = [f"{monday.day} {monday:%b}" for monday in mondays]
    return blocks.chart(f"Actions in the last {CHART_WEEKS} weeks (each bar starts on a Monday)",
                        labels, [counts[monday] for monday in mondays], goal=goal,
                        unit="actions")


def _kinds(kinds: Counter[str], context: Context) -> list[blocks.Block]:
    if not kinds:
        return []
    fields = context.field("actions").get("fields", [])
    kind_field = next((f for f in fields if f["id"] == "kind"), {})
    labels = {option["value"]: option["label"] for option in kind_field.get("options", [])}
    # Definition order, so the list reads the same way as the form.
    order = [*labels, *sorted(k for k in kinds if k not in labels)]
    lines = [f"{labels.get(kind, kind)}: {kinds[kind]}" for kind in order if kinds[kind]]
    return [blocks.items(lines, title="This week by kind")]


def _skipped(logged: Logged) -> list[blocks.Block]:
    notes = []
    if logged.undated:
        notes.append(f"{_count(logged.undated, 'entry', 'entries')} without a date: add the "
                     "day you did it and it counts.")
    if logged.future:
        notes.append(f"{_count(logged.future, 'entry', 'entries')} dated after today: "
                     "counted once that day comes.")
    return [blocks.items(notes, title="Not counted yet")] if notes else []


def compute(answers: Answers, context: Context) -> list[blocks.Block]:
    today, goal = context.today, _goal(answers)
    logged = _log(answers.rows("actions"), today)
    if goal is None and not (logged.days or logged.undated or logged.future):
        return [blocks.paragraph("Set a weekly goal and log your first action, however small, "
                                 "to see your week take shape.")]
    counts = weekly_counts(logged.days)
    this_week = counts[week_start(today)]
    result = [_this_week(this_week, goal, today)]
    if goal is None:
        result.append(blocks.paragraph("Add a weekly goal, as a number, to see your streak and a "
                                       "goal line on the chart."))
    else:
        result.append(blocks.paragraph(_streak_text(streak(counts, goal, today), this_week, goal)))
    return [*result, _chart(counts, goal, today), *_kinds(logged.kinds_this_week, context),
            *_skipped(logged)]
