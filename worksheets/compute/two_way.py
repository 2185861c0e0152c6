"""Step 9 two-way evaluation: weighted fit score, strengths and gaps, and a no in that light."""

from __future__ import annotations

import math
from dataclasses import dataclass

from worksheets.compute import blocks
from worksheets.compute.answers import Answers
from worksheets.compute.runner import Context

# Field id prefix and the name used in results, in the order the form asks.
CRITERIA: tuple[tuple[str, str], ...] = (
    ("growth", "Growth"), ("culture", "Culture"), ("pay", "Pay"),
    ("commute", "Commute"), ("values", "Values"),
)
OWN = "own"
OWN_DEFAULT = "Your own criterion"
MAX_WEIGHT, MIN_SCORE, MAX_SCORE = 5, 1, 5
STRONG, WEAK = 4, 3  # a score of 4 or 5 is a strength; 3 or under leaves room
SHOWN = 3
GOOD_FIT, FAIR_FIT = 80, 60


@dataclass(frozen=True)
class Rated:
    """One criterion with both a weight and a score."""

    name: str
    weight: float
    score: float

    @property
    def points(self) -> float:
        return self.weight * self.score

    @property
    def shortfall(self) -> float:
        """Weighted points lost to a less-than-top score: how much this gap costs you."""
        return self.weight * (MAX_SCORE - self.score)


def _in_range(value: float | None, low: float, high: float) -> float | None:
    return value if value is not None and low <= value <= high else None


def _criteria(answers: Answers) -> list[tuple[str, str]]:
    own = answers.text(f"{OWN}_label")
    has_own = own or answers.number(f"{OWN}_weight") is not None
    return [*CRITERIA, *([(OWN, own or OWN_DEFAULT)] if has_own else [])]


def _rate(answers: Answers) -> tuple[list[Rated], list[str]]:
    """Criteria with both numbers, and the names of those weighted but not yet scored."""
    rated, unscored = [], []
    for key, name in _criteria(answers):
        weight = _in_range(answers.number(f"{key}_weight"), 0, MAX_WEIGHT)
        score = _in_range(answers.number(f"{key}_score"), MIN_SCORE, MAX_SCORE)
        if weight is not None and score is not None:
            rated.append(Rated(name, weight, score))
        elif weight:
            unscored.append(name)
    return rated, unscored


def fit_percent(rated: list[Rated]) -> float | None:
    """Weighted points as a share of the most possible; None when nothing carries weight."""
    possible = sum(r.weight for r in rated) * MAX_SCORE
    return 100 * sum(r.points for r in rated) / possible if possible else None


def strengths(rated: list[Rated]) -> list[Rated]:
    strong = [r for r in rated if r.weight > 0 and r.score >= STRONG]
    return sorted(strong, key=lambda r: (-r.points, -r.weight))[:SHOWN]


def gaps(rated: list[Rated]) -> list[Rated]:
    weak = [r for r in rated if r.weight > 0 and r.score <= WEAK]
    return sorted(weak, key=lambda r: (-r.shortfall, -r.weight))[:SHOWN]


def joined(names: list[str]) -> str:
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _names(rated: list[Rated]) -> str:
    # Built-in names read better in lower case mid-sentence; a visitor's own label is kept.
    builtin = {name for _, name in CRITERIA}
    return joined([r.name.lower() if r.name in builtin else r.name for r in rated])


def whole_percent(percent: float) -> int:
    """Half up, as people round: 92.5 reads as 93 (round() would give 92)."""
    return math.floor(percent + 0.5)


def light_on_rejection(company: str, percent: float, top: list[Rated], low: list[Rated]) -> str:
    """One sentence that puts a no from this company next to the fit you measured."""
    share = f"{whole_percent(percent)}%"
    if percent >= GOOD_FIT:
        more = f" that score high on {_names(top)}" if top else " like it"
        return (f"By your own measure, {company} fits you well ({share}). If they say no, "
                "that is their call, not a verdict on you, and it shows roles like this "
                f"exist: look for more{more}.")
    if percent >= FAIR_FIT:
        better = f"; the next one may do better on {_names(low)}" if low else ""
        return (f"At {share}, {company} is a decent fit, not a perfect one. A no from them "
                f"closes one option, not the only one{better}.")
    where = f", most of all on {_names(low)}" if low else ""
    return (f"At {share}, {company} falls short on what you said matters{where}. A no from "
            "them may have spared you a role that would not have suited you.")


def _table(rated: list[Rated]) -> blocks.Block:
    rows = [[r.name, f"{r.weight:g}", f"{r.score:g}", f"{r.points:g}"] for r in rated]
    total = sum(r.weight for r in rated)
    rows.append(["Total", f"{total:g}", "",
                 f"{sum(r.points for r in rated):g} of {total * MAX_SCORE:g}"])
    return blocks.table(["What matters", "Weight", "Score", "Weight × score"], rows)


def _lists(top: list[Rated], low: list[Rated]) -> list[blocks.Block]:
    found = []
    if top:
        found.append(blocks.items([f"{r.name} (matters {r.weight:g}, scored {r.score:g})"
                                   for r in top], title="Biggest strengths"))
    if low:
        found.append(blocks.items([f"{r.name} (matters {r.weight:g}, scored {r.score:g})"
                                   for r in low], title="Biggest gaps"))
    return found


def compute(answers: Answers, context: Context) -> list[blocks.Block]:
    rated, unscored = _rate(answers)
    percent = fit_percent(rated)
    if percent is None:
        ask = ("Give at least one thing a weight above 0, and a score, to see the fit."
               if rated else "Set how much each thing matters to you and score the company on "
               "it. Even two or three give you a fit score.")
        return [blocks.paragraph(ask)]
    company = answers.text("company") or "this company"
    top, low = strengths(rated), gaps(rated)
    points, possible = sum(r.points for r in rated), sum(r.weight for r in rated) * MAX_SCORE
    # A whole number, so the score reads the same as the percentage in the sentence.
    result = [blocks.score(f"Fit with {company}", whole_percent(percent), 100,
                           detail=f"{points:g} of {possible:g} weighted points"),
              _table(rated), *_lists(top, low),
              blocks.paragraph(light_on_rejection(company, percent, top, low))]
    if unscored:
        result.append(blocks.items(unscored, title="Weighted but not scored yet"))
    return result
