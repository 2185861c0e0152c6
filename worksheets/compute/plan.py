"""My plan: one summary per worksheet (its key answers and its result) and a Markdown copy.

The browser sends the answers of every worksheet saved in this copy of the site, as
`{worksheet_id: {field: value}}` (how it stores them is its own business); this module
decides what counts as answered, runs each worksheet's own compute, and writes the
document a visitor can download and read anywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from worksheets.compute import blocks, journal, references
from worksheets.compute.answers import Answers, conform
from worksheets.compute.runner import definitions, describe, run

# Characters that would make Markdown (or HTML inside it) do something with an answer.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~&])")


@dataclass(frozen=True)
class StepSummary:
    worksheet_id: str
    title: str
    answers: list[str]
    result: list[blocks.Block]

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.worksheet_id, "title": self.title, "answers": self.answers,
                "result": self.result}


def key_answers(definition: dict[str, Any], answers: Answers) -> list[str]:
    """Each answered field as 'label: answer', in the definition's order; a repeating
    group gives one line per filled row."""
    lines = []
    for field in definition["fields"]:
        if field["type"] == "rows":
            lines += _row_lines(field, answers.rows(field["id"]))
        elif text := describe(field, answers.raw.get(field["id"])):
            lines.append(f"{field['label']}: {text}")
    return lines


def _row_lines(field: dict[str, Any], rows: list[Answers]) -> list[str]:
    filled = [row for row in rows if not row.is_empty()]
    lines = []
    for number, row in enumerate(filled, start=1):
        parts = [f"{sub['label']}: {text}" for sub in field["fields"]
                 if (text := describe(sub, row.raw.get(sub["id"])))]
        lines.append(f"{field['row_label']} {number}: " + "; ".join(parts))
    return lines


def summarize(worksheet_id: str, raw_answers: Any, today: date,
              sources: Any = None) -> StepSummary | None:
    """One worksheet's summary; None when it has no answers. Whatever is stored, this never
    raises: a worksheet whose answers cannot be read gets a note, and the plan goes on."""
    definition = definitions().get(worksheet_id)
    if definition is None:
        return None
    try:
        # Picks of another worksheet's rows read with their current names (references.py).
        answers = Answers(references.resolve(conform(raw_answers, definition["fields"]),
                                             definition["fields"], sources))
        if answers.is_empty():
            return None
        lines = key_answers(definition, answers)
    except Exception as error:  # a bug in reading one worksheet must not cost the plan
        return _unreadable(worksheet_id, definition, error)
    try:
        result = run(worksheet_id, raw_answers, today, sources=sources)
    except Exception as error:
        result = [blocks.paragraph(f"This result could not be worked out ({error}).")]
    return StepSummary(worksheet_id, definition["title"], lines, result)


def _unreadable(worksheet_id: str, definition: dict[str, Any], error: Exception) -> StepSummary:
    note = ("These answers could not be read for your plan "
            f"({type(error).__name__}). They are still saved: open the worksheet to see them.")
    return StepSummary(worksheet_id, str(definition.get("title", worksheet_id)), [],
                       [blocks.paragraph(note)])


def build_plan(answers: dict[str, Any], order: list[str], today: date,
               sources: Any = None) -> dict[str, Any]:
    """Summaries for every worksheet with answers, in the site's order, plus Markdown.
    `answers` maps a worksheet id to its answers, as a form holds them; `sources`: rows
    reference fields may pick, by key (see references.py)."""
    summaries = []
    for worksheet_id in order:
        if not isinstance(worksheet_id, str):
            continue  # the page sends ids; anything else names no worksheet
        if summary := summarize(worksheet_id, answers.get(worksheet_id), today, sources):
            summaries.append(summary)
    journal.add_to_plan(summaries, answers, sources)  # each interview's entries, grouped
    return {
        "answered": [s.worksheet_id for s in summaries],
        "summaries": {s.worksheet_id: s.as_dict() for s in summaries},
        "markdown": to_markdown(summaries, len(order), today),
    }


def escape_markdown(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def _block_markdown(block: blocks.Block) -> list[str]:
    kind, esc = block.get("type"), escape_markdown
    title = [f"**{esc(block['title'])}**", ""] if block.get("title") else []
    if kind == "heading":
        return [f"#### {esc(block['text'])}"]
    if kind == "text":
        return [esc(block["text"])]
    if kind == "list":
        return [*title, *(f"- {esc(item)}" for item in block["items"])]
    if kind == "table":
        head = "| " + " | ".join(esc(c) for c in block["columns"]) + " |"
        rule = "|" + "---|" * len(block["columns"])
        body = ["| " + " | ".join(esc(c) for c in row) + " |" for row in block["rows"]]
        return [*title, head, rule, *body]
    if kind == "score":
        detail = f" ({esc(block['detail'])})" if block.get("detail") else ""
        return [f"**{esc(block['label'])}:** {block['value']:g} of {block['max']:g}{detail}"]
    if kind == "chart":
        unit = f" {block['unit']}" if block.get("unit") else ""
        return [f"**{esc(block['title'])}**", "",
                *(f"- {esc(label)}: {value:g}{esc(unit)}"
                  for label, value in zip(block["labels"], block["values"], strict=False))]
    if kind == "draft":
        quoted = [f"> {esc(line)}" if line else ">" for line in block["body"].splitlines()]
        return [f"**{esc(block['label'])}**", "", *quoted]
    if kind == "note":  # a support note: its title, then its own blocks
        return [f"**{esc(block['title'])}**", "",
                *(line for inner in block["blocks"] for line in [*_block_markdown(inner), ""])]
    if kind == "link":
        return [esc(" ".join(filter(None, (block.get("lead"), block["text"]))))]
    if kind == "card":
        return [f"**{esc(block['title'])}**", "", *(f"- {esc(line)}" for line in block["lines"]),
                *(["", esc(block["footer"])] if block.get("footer") else [])]
    if kind == "download":
        return [f"*{esc(block['label'])}: download it from the worksheet page.*"]
    return []


def to_markdown(summaries: list[StepSummary], total: int, today: date) -> str:
    lines = ["# My plan", "", f"Saved on {today.isoformat()}. "
             f"You have answers in {len(summaries)} of {total} worksheets.", ""]
    for summary in summaries:
        lines += [f"## {escape_markdown(summary.title)}", ""]
        lines += [f"- {escape_markdown(line)}" for line in summary.answers] + [""]
        lines += ["### Result", ""]
        for block in summary.result:
            lines += [*_block_markdown(block), ""]
    return "\n".join(lines).rstrip() + "\n"
