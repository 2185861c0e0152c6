"""The Riverside copy's own compute, kept beside its definition in the host's folder."""

from __future__ import annotations

from worksheets.compute import blocks
from worksheets.compute.answers import Answers
from worksheets.compute.runner import Context


def compute(answers: Answers, context: Context) -> list[blocks.Block]:
    goals = [row.text("goal") for row in answers.rows("goals") if row.text("goal")]
    if not goals:
        return [blocks.paragraph("Add a goal to see your term plan here.")]
    result = [blocks.items(goals, title="Your term plan")]
    sure = answers.number("confidence")
    if sure:
        result.append(blocks.score("How sure you feel", sure, 5))
    return result
