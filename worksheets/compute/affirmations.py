"""Step 15 affirmations: today's line by a stable daily rotation, and a card to print."""

from __future__ import annotations

from datetime import date

from worksheets.compute import blocks
from worksheets.compute.answers import Answers
from worksheets.compute.runner import Context

CARD_TITLE = "My affirmations"


def _suggestions(answers: Answers, context: Context) -> list[str]:
    """Chosen suggestions in the definition's order, not the order they were ticked."""
    chosen = set(answers.choices("suggested"))
    options = context.field("suggested").get("options", [])
    return [option["label"] for option in options if option["value"] in chosen]


def affirmation_list(answers: Answers, context: Context) -> list[str]:
    """The visitor's own lines first, then chosen suggestions; each line once."""
    own = [row.text("text") for row in answers.rows("own")]
    seen: set[str] = set()
    result = []
    for line in [*own, *_suggestions(answers, context)]:
        key = " ".join(line.casefold().split())
        if key and key not in seen:
            seen.add(key)
            result.append(line)
    return result


def pick_for(day: date, lines: list[str]) -> str:
    """Same date, same line; consecutive days walk the list in order, then wrap."""
    return lines[day.toordinal() % len(lines)]


def _card(lines: list[str]) -> blocks.Block:
    return blocks.card(CARD_TITLE, lines, footer="Read one out loud today.")


def compute(answers: Answers, context: Context) -> list[blocks.Block]:
    lines = affirmation_list(answers, context)
    if not lines:
        return [blocks.paragraph("Tick a line that feels true, or write one of your own. "
                                 "You will see one each day, and can print them as a card.")]
    if context.distressed:
        # Upbeat lines are no answer to words of crisis, and a card to print must never
        # carry them: beside the support note (which runner.run puts first) the result
        # keeps only its steady line. The lines stay saved for another day.
        return []
    count = f"{len(lines)} {'line' if len(lines) == 1 else 'lines'}"
    return [
        blocks.heading("For today"),
        blocks.paragraph(pick_for(context.today, lines)),
        blocks.paragraph(f"Your affirmations ({count}, one a day in this order) are on the "
                         "card below. Print it and keep it where you will see it."),
        _card(lines),
    ]
