"""The interview journal: its own result (what is coming up, what has gone quiet, how the
interviews went so far), and My plan, interview by interview: what each entry produced
in the worksheets that pick it (feedback, scorecard, lessons), gathered under its name.

The grouping reads answers only (`{worksheet id: answers}`) and the journal's rows by key
(`sources`, as references.py reads them); any worksheet with a reference to it takes part.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from worksheets.compute import blocks, references
from worksheets.compute.answers import Answers, conform
from worksheets.compute.runner import definitions, describe

JOURNAL = "interview-journal"
GROUP = "interviews"
MAX_PARTS = 2  # per entry: enough to recognise it, short enough to scan on a phone
QUIET_DAYS = 10  # waiting this long after an interview: a short, polite nudge is fair
SHOWN = [{"id": "organization", "type": "short_text"}, {"id": "role", "type": "short_text"},
         {"id": "date", "type": "date"}]


def compute(answers: Answers, context: Any) -> list[blocks.Block]:
    """How many interviews, the next ones to prepare for, and the ones gone quiet."""
    rows = [row for row in answers.rows(GROUP) if not row.is_empty(ignore=())]
    if not rows:
        return [blocks.paragraph("Add your first interview: the organization, the role and "
                                 "the date are enough to start.")]
    stages = _option_labels(context, "stage")
    result = [blocks.paragraph(f"{len(rows)} interview{'s' if len(rows) != 1 else ''} in your "
                               "journal. Each one is now a choice in steps 4, 5 and 10.")]
    coming = [row for row in rows if (day := row.date("date")) and day >= context.today]
    if coming:
        result.append(blocks.items([_coming_line(row, stages) for row in coming],
                                   title="Coming up: prepare with step 13"))
    quiet = [row for row in rows if _quiet_days(row, context.today) >= QUIET_DAYS]
    if quiet:
        result.append(blocks.items(
            [f"{_name(row)}: {_quiet_days(row, context.today)} days without a reply"
             for row in quiet],
            title="Gone quiet: a short follow-up is fair (step 7)"))
    outcomes = _option_labels(context, "outcome")
    counts = {label: sum(row.choice("outcome") == value for row in rows)
              for value, label in outcomes.items()}
    if any(counts.values()):
        result.append(blocks.table(["Outcome", "Interviews"],
                                   [[label, n] for label, n in counts.items() if n],
                                   title="How they went"))
    return result


def _option_labels(context: Any, sub_id: str) -> dict[str, str]:
    subs = context.field(GROUP).get("fields", [])
    field = next((f for f in subs if f.get("id") == sub_id), {})
    return {o["value"]: o["label"] for o in field.get("options", [])}


def _name(row: Answers) -> str:
    return references.row_label(row.raw, SHOWN) or "An interview"


def _coming_line(row: Answers, stages: dict[str, str]) -> str:
    stage = stages.get(row.choice("stage"), "")
    return f"{_name(row)} ({stage.lower()})" if stage else _name(row)


def _quiet_days(row: Answers, today: date) -> int:
    """Days since a past interview still marked "waiting to hear" (0 otherwise)."""
    day = row.date("date")
    if day is None or day >= today or row.choice("outcome") != "waiting":
        return 0
    return (today - day).days


def _reference_fields(definition: dict[str, Any]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(rows field, reference sub-field) pairs that pick an interview of the journal."""
    found = []
    for field in definition.get("fields", []):
        for sub in field.get("fields", []) if field.get("type") == "rows" else []:
            if sub.get("type") == "reference" and sub.get("source") == f"{JOURNAL}.{GROUP}":
                found.append((field, sub))
    return found


def _entry_text(title: str, rows_field: dict[str, Any], row: Answers, ref_id: str) -> str:
    parts = [text for sub in rows_field["fields"]
             if sub["id"] not in (ref_id, "date") and sub.get("type") != "reference"
             and (text := describe(sub, row.raw.get(sub["id"])))][:MAX_PARTS]
    return f"{title}: {'; '.join(parts)}" if parts else title


def grouped(answers_by_id: dict[str, Any], sources: Any) -> dict[str, tuple[str, list[str]]]:
    """Row key (or typed name) to (the interview's name, what was written about it)."""
    groups: dict[str, tuple[str, list[str]]] = {}
    for worksheet_id, definition in definitions().items():
        pairs = _reference_fields(definition)
        if not pairs or not isinstance(answers_by_id.get(worksheet_id), dict):
            continue
        raw = references.resolve(conform(answers_by_id[worksheet_id], definition["fields"]),
                                 definition["fields"], sources)
        for rows_field, ref in pairs:
            for row in Answers(raw).rows(rows_field["id"]):
                found = references.picked(row, ref["id"])
                if found is None or row.is_empty(ignore=("date", ref["id"])):
                    continue
                _name, lines = groups.setdefault(found.key or f"typed:{found.label}",
                                                (found.shown, []))
                lines.append(_entry_text(definition["title"], rows_field, row, ref["id"]))
    return groups


def interview_blocks(answers_by_id: dict[str, Any], sources: Any) -> list[blocks.Block]:
    """One list per interview, in the order first met; nothing when no worksheet picks one."""
    groups = grouped(answers_by_id, sources)
    if not groups:
        return []
    return [blocks.heading("What each interview gave you"),
            *(blocks.items(lines, title=name) for name, lines in groups.values())]


def add_to_plan(summaries: list[Any], answers_by_id: dict[str, Any], sources: Any) -> None:
    """My plan's hook: the journal's summary (when it has one) ends with the grouping.
    `answers_by_id` maps each worksheet id to its answers, as My plan receives them."""
    extra = interview_blocks(answers_by_id, sources)
    for summary in summaries:
        if summary.worksheet_id == JOURNAL and extra:
            summary.result.extend(extra)
