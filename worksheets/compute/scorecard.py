"""Step 5 scorecard: an overall score, strongest and weakest areas, and change over time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from statistics import mean

from worksheets.compute import blocks
from worksheets.compute.answers import Answers
from worksheets.compute.references import picked_name
from worksheets.compute.runner import Context

MAXIMUM = 5.0


@dataclass(frozen=True)
class Rated:
    """One interview row reduced to what the summary needs."""

    name: str
    when: date | None
    ratings: dict[str, float]
    notes: dict[str, str]

    @property
    def overall(self) -> float:
        return mean(self.ratings.values())


def _dimensions(context: Context) -> dict[str, str]:
    """The rated parts, taken from the definition so a host can add or rename them."""
    row_fields = context.field("interviews").get("fields", [])
    return {f["id"]: f["label"] for f in row_fields if f["type"] == "scale"}


def _rated(rows: list[Answers], dims: dict[str, str]) -> list[Rated]:
    rated = []
    for index, row in enumerate(rows, start=1):
        ratings = {d: n for d in dims if (n := row.number(d)) is not None and 1 <= n <= MAXIMUM}
        if ratings:
            rated.append(Rated(name=picked_name(row, "interview") or f"Interview {index}",
                               when=row.date("date"),
                               ratings=ratings, notes={d: row.text(f"{d}_note") for d in dims}))
    # Dated interviews in date order; undated ones keep their place after them.
    return sorted(rated, key=lambda r: (r.when is None, r.when or date.min))


def _extremes(latest: Rated, dims: dict[str, str]) -> list[blocks.Block]:
    top, bottom = max(latest.ratings.values()), min(latest.ratings.values())
    if top == bottom:
        # "Rate the rest" only while some part is still unrated: with all rated it would
        # contradict the "7 of 7 parts rated" just above it.
        unrated = len(dims) - len(latest.ratings)
        advice = ("Rate the rest, or pick one part to push higher next time." if unrated
                  else "Pick one part to push higher next time.")
        return [blocks.paragraph(f"Every part you rated scored {top:g}: an even interview. "
                                 f"{advice}")]
    strongest = [dims[d] for d, n in latest.ratings.items() if n == top]
    weakest = [f"{dims[d]}" + (f" (your note: {latest.notes[d]})" if latest.notes[d] else "")
               for d, n in latest.ratings.items() if n == bottom]
    return [blocks.items(strongest, title=f"Strongest ({top:g} of 5)"),
            blocks.items(weakest, title=f"Most room to grow ({bottom:g} of 5)")]


def _change(previous: Rated, latest: Rated, dims: dict[str, str]) -> list[blocks.Block]:
    delta = latest.overall - previous.overall
    trend = "up" if delta > 0 else "down" if delta < 0 else "level"
    both = [d for d in dims if d in latest.ratings and d in previous.ratings]
    moved = [f"{dims[d]}: {previous.ratings[d]:g} → {latest.ratings[d]:g}"
             for d in both if latest.ratings[d] != previous.ratings[d]]
    text = f"Compared with {previous.name}, your overall score is {trend}"
    text += f" by {abs(delta):.1f}." if delta else "."
    return [blocks.paragraph(text), *([blocks.items(moved, title="What moved")] if moved else [])]


def _rated_detail(rated: int, total: int) -> str:
    return f"All {total} parts rated" if rated == total else f"{rated} of {total} parts rated"


def compute(answers: Answers, context: Context) -> list[blocks.Block]:
    dims = _dimensions(context)
    rated = _rated(answers.rows("interviews"), dims)
    if not rated:
        return [blocks.paragraph("Rate at least one part of an interview to see your score. "
                                 "Start with the part you remember best.")]
    latest = rated[-1]
    result = [
        blocks.score(f"Overall: {latest.name}", latest.overall, MAXIMUM,
                     detail=_rated_detail(len(latest.ratings), len(dims))),
        *_extremes(latest, dims),
    ]
    if len(rated) > 1:
        result += _change(rated[-2], latest, dims)
        result.append(blocks.chart("Overall score by interview", [r.name for r in rated],
                                   [round(r.overall, 2) for r in rated], unit="of 5"))
    return result
