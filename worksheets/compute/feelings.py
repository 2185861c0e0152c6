"""Step 1 feelings check-in: how strong the feelings are over time, and which come up most."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from worksheets.compute import blocks
from worksheets.compute.answers import Answers
from worksheets.compute.runner import Context

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun",
          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
HEAVY = 8  # from this strength on, the note also points to people who can help
TOP_FEELINGS = 3
SUPPORT_NOTE = ("If it feels like a lot to carry, talk it through with someone you trust. "
                "The page “If you are struggling” in this guide also lists places to turn.")


@dataclass(frozen=True)
class CheckIn:
    """One row of the log, reduced to what the summary needs."""

    position: int
    when: date | None
    strength: float | None
    feelings: tuple[str, ...]


def _bounds(context: Context) -> tuple[float, float]:
    """The strength scale's ends, read from the definition so a host can change them."""
    rows = context.field("checkins").get("fields", [])
    scale = next((f for f in rows if f.get("id") == "intensity"), {})
    low, high = scale.get("minimum"), scale.get("maximum")
    return (float(low), float(high)) if low is not None and high is not None else (0.0, 10.0)


def _labels(context: Context) -> dict[str, str]:
    rows = context.field("checkins").get("fields", [])
    emotions = next((f for f in rows if f.get("id") == "emotions"), {})
    return {option["value"]: option["label"] for option in emotions.get("options", [])}


def _strength(row: Answers, low: float, high: float) -> float | None:
    value = row.number("intensity")
    return value if value is not None and low <= value <= high else None


def _check_ins(rows: list[Answers], low: float, high: float) -> list[CheckIn]:
    found = []
    for position, row in enumerate(rows, start=1):
        strength = _strength(row, low, high)
        feelings = tuple(dict.fromkeys(row.choices("emotions")))
        # The browser fills the date of a new row by itself, so a date alone is no entry.
        if strength is None and not feelings and not row.text("journal"):
            continue
        found.append(CheckIn(position, row.date("date"), strength, feelings))
    # Dated check-ins in date order; undated ones keep their place after them.
    return sorted(found, key=lambda c: (c.when is None, c.when or date.min))


def _day(when: date | None, position: int, with_year: bool) -> str:
    if when is None:
        return f"Check-in {position}"
    text = f"{when.day} {MONTHS[when.month - 1]}"
    return f"{text} {when.year}" if with_year else text


def _chart_labels(rated: list[CheckIn]) -> list[str]:
    """Short date labels; the year shows when the log crosses one, repeats get a number."""
    years = {c.when.year for c in rated if c.when is not None}
    labels: list[str] = []
    for check_in in rated:
        label = _day(check_in.when, check_in.position, len(years) > 1)
        repeat = sum(1 for existing in labels if existing.split(" (")[0] == label)
        labels.append(f"{label} ({repeat + 1})" if repeat else label)
    return labels


def _slope(values: list[float]) -> float:
    """Least-squares slope per check-in: one rough day in the middle doesn't flip it."""
    middle_x, middle_y = (len(values) - 1) / 2, sum(values) / len(values)
    top = sum((x - middle_x) * (y - middle_y) for x, y in enumerate(values))
    bottom = sum((x - middle_x) ** 2 for x in range(len(values)))
    return top / bottom


def direction(values: list[float]) -> str:
    """'falling', 'rising', 'level' or 'mixed' for two or more strengths in date order."""
    change, slope = values[-1] - values[0], _slope(values)
    if change < 0 and slope < 0:
        return "falling"
    if change > 0 and slope > 0:
        return "rising"
    return "level" if change == 0 and slope == 0 else "mixed"


def _trend_note(values: list[float], high: float) -> list[blocks.Block]:
    first, latest, out_of = f"{values[0]:g}", f"{values[-1]:g}", f"{high:g}"
    notes = {
        "falling": (f"Your feelings have eased, from {first} at your first check-in to "
                    f"{latest} now. That's worth noticing. Easing rarely happens in a "
                    "straight line, so a harder day later on doesn't undo this."),
        "rising": (f"Your latest check-in ({latest} of {out_of}) is stronger than your first "
                   f"({first}). Feelings come in waves, and a heavier stretch is part of that, "
                   "not a step back."),
        "level": (f"Your latest check-in is at {latest}, the same as your first. Feelings "
                  "settle at their own speed. A few more check-ins will show more."),
        "mixed": ("Your check-ins have gone up and down. That's common in the first days after "
                  "a no. A few more entries will show the overall direction."),
    }
    trend = direction(values)
    result = [blocks.paragraph(notes[trend])]
    if trend == "rising" or values[-1] >= HEAVY:
        result.append(blocks.paragraph(SUPPORT_NOTE))
    return result


def _names(feelings: tuple[str, ...], labels: dict[str, str]) -> str:
    return ", ".join(labels.get(f, f) for f in feelings) or "none ticked"


def _first_and_latest(rated: list[CheckIn], labels: dict[str, str], high: float,
                      ) -> blocks.Block:
    rows = [[name, _day(c.when, c.position, True), f"{c.strength:g} of {high:g}",
             _names(c.feelings, labels)]
            for name, c in (("First", rated[0]), ("Latest", rated[-1]))]
    return blocks.table(["", "Date", "Strength", "Feelings"], rows, title="First and latest")


def _common_feelings(check_ins: list[CheckIn], labels: dict[str, str]) -> list[blocks.Block]:
    counts = Counter(f for c in check_ins for f in c.feelings)
    if not counts:
        return []
    order = list(labels)
    # Most often first; ties in the order the worksheet lists the feelings.
    ranked = sorted(counts, key=lambda f: (-counts[f], order.index(f) if f in order else 99, f))
    total = len(check_ins)
    lines = [f"{labels.get(f, f)}: {counts[f]} of {total} check-in{'s' if total > 1 else ''}"
             for f in ranked[:TOP_FEELINGS]]
    return [blocks.items(lines, title="The feelings you named most")]


def _one_rated(check_in: CheckIn, high: float) -> list[blocks.Block]:
    strength = check_in.strength or 0.0
    result = [blocks.paragraph(f"Your first rated check-in: {strength:g} of {high:g}. Add "
                               "another in a day or two to see how it moves.")]
    if strength >= HEAVY:
        result.append(blocks.paragraph(SUPPORT_NOTE))
    return result


def compute(answers: Answers, context: Context) -> list[blocks.Block]:
    low, high = _bounds(context)
    labels = _labels(context)
    check_ins = _check_ins(answers.rows("checkins"), low, high)
    if not check_ins:
        return [blocks.paragraph("Add your first check-in: tick what you feel, say how strong "
                                 "it is, and write a few lines. That's all it takes.")]
    rated = [c for c in check_ins if c.strength is not None]
    result: list[blocks.Block] = []
    if not rated:
        result.append(blocks.paragraph(f"Rate how strong the feeling is ({low:g} to {high:g}) "
                                       "to start seeing how it changes from day to day."))
    elif len(rated) == 1:
        result += _one_rated(rated[0], high)
    else:
        values = [c.strength for c in rated if c.strength is not None]
        result.append(blocks.chart("How strong the feelings were, by date",
                                   _chart_labels(rated), values, unit=f"of {high:g}"))
        result += _trend_note(values, high)
        result.append(_first_and_latest(rated, labels, high))
    return result + _common_feelings(check_ins, labels)
