"""Result blocks: the structured data a compute returns and the browser renders as text.

A block is a plain dict (it crosses into JavaScript as JSON). The browser builds DOM from
it with textContent only, so no string here is ever treated as HTML.

Every function's docstring is published as the hosting guide's result-block reference
(worksheets/builder/block_reference.py): a sentence or two on what the visitor sees, then
`Example:` and one line that calls it. A test runs every example.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

Block = dict[str, Any]


def heading(text: str) -> Block:
    """A small heading that starts a new part of the result.

    Example: blocks.heading("Your next three steps")
    """
    return {"type": "heading", "text": text}


def paragraph(text: str) -> Block:
    """A paragraph of plain text; line breaks in `text` are not kept.

    Example: blocks.paragraph("You have answered four of the six questions.")
    """
    return {"type": "text", "text": text}


def items(entries: Sequence[str], title: str = "") -> Block:
    """A bulleted list of short texts, under an optional title.

    Example: blocks.items(["Your CV", "The job advert"], title="What to bring")
    """
    return {"type": "list", "title": title, "items": list(entries)}


def table(columns: Sequence[str], rows: Sequence[Sequence[Any]], title: str = "") -> Block:
    """A table with a header row. Cells may be text or numbers; True and False show as
    yes and no, None as an empty cell. Give each row as many cells as there are columns.

    Example: blocks.table(["Employer", "Applied"], [["Acme", True], ["Globex", None]])
    """
    return {"type": "table", "title": title, "columns": list(columns),
            "rows": [[_cell(value) for value in row] for row in rows]}


def score(label: str, value: float, maximum: float, detail: str = "") -> Block:
    """A score out of `maximum`, shown as "3.5 of 5" with a bar, and an optional sentence
    of `detail` below it. The value is rounded to two decimals.

    Example: blocks.score("Overall", 3.5, 5, detail="Strongest: your examples.")
    """
    return {"type": "score", "label": label, "value": round(value, 2),
            "max": maximum, "detail": detail}


def chart(title: str, labels: Sequence[str], values: Sequence[float],
          goal: float | None = None, unit: str = "") -> Block:
    """A bar chart, one bar per label, with an optional `goal` line; the browser also lists
    the numbers as text, so the chart is never the only way to read them. `unit` follows
    each number in that list.

    Example: blocks.chart("Applications per week", ["W1", "W2", "W3"], [2, 4, 3], goal=3)
    """
    return {"type": "chart", "title": title, "labels": list(labels),
            "values": [float(v) for v in values], "goal": goal, "unit": unit}


def draft(label: str, body: str, subject: str = "", to: str = "", mail: bool = True) -> Block:
    """Editable text with a copy button and, when `mail`, a link that opens it in the
    visitor's mail app, with `subject` and the address `to` filled in.

    Example: blocks.draft("Your thank-you note", "Dear Sam, thank you for your time.",
             subject="Thank you")
    """
    return {"type": "draft", "label": label, "subject": subject, "body": body, "to": to,
            "mail": mail}


def download(label: str, filename: str, content: str, mime: str = "text/plain") -> Block:
    """A button that saves `content` as a file named `filename`, made in the browser (for
    example an .ics calendar entry); `mime` is the file's type.

    Example: blocks.download("Save your plan", "plan.txt", "Week 1: two applications")
    """
    return {"type": "download", "label": label, "filename": filename,
            "content": content, "mime": mime}


def card(title: str, lines: Sequence[str], footer: str = "") -> Block:
    """A small card of short lines, with a "Print your card" button that prints the card
    alone, on one page (step 15's affirmations). `footer` is a last line in italics.

    Example: blocks.card("My affirmations", ["I am capable."], footer="Read one out loud.")
    """
    return {"type": "card", "title": title, "lines": list(lines), "footer": footer}


def calm(text: str) -> Block:
    """A paragraph, like `paragraph`, that stays when the safety check puts the support
    note first and drops the rest of a result's prose (see safety.guard). Use it only for a
    sentence that is steady, not upbeat.

    Example: blocks.calm("Your answers are saved in this browser.")
    """
    return {"type": "text", "text": text, "calm": True}


def link(text: str, href: str, lead: str = "") -> Block:
    """A line with one link: `lead` as plain text, then `text` as the link. `href` is
    site-relative ("support/", "situations/#discrimination"), resolved against the site's
    root so it works from a subfolder; a full https:, mailto: or tel: address is kept as
    it is, and anything else is shown as plain text, not linked.

    Example: blocks.link("If you are struggling", "support/", lead="Hard day? Read")
    """
    return {"type": "link", "text": text, "href": href, "lead": lead}


def note(title: str, body: Sequence[Block]) -> Block:
    """A calm note with its own heading, set apart by a rule, holding other blocks (text,
    list, link). The safety check puts its support note first in this form.

    Example: blocks.note("Before you go on", [blocks.paragraph("Take a short break.")])
    """
    return {"type": "note", "title": title, "blocks": list(body)}


def _cell(value: Any) -> str | float | int:
    if isinstance(value, bool) or value is None:
        return "" if value is None else ("yes" if value else "no")
    return value if isinstance(value, int | float) else str(value)
