"""Reference answers: a field that picks a row of another worksheet (see the hosting guide).

What is stored (the browser writes it, `assets/references.js`):

- `{"row": "<row key>", "label": "Acme · Data analyst · 20 Nov", "snapshot": {...}}`: the
  picked row's stable key, and a copy of the fields that name it, taken when it was
  picked (and refreshed whenever the page shows a newer name), so the answer stays
  readable if the row is deleted;
- a plain text: written before the worksheet had a reference (a migration moved the typed
  "role and organization" here); shown as typed, linked to no row;
- `""`: nothing picked.

Before a compute runs, `resolve` swaps each stored value for what the compute needs: the
referenced row's current answers (or the snapshot, when the row is gone), read with `picked`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from worksheets.compute.answers import Answers, conform

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
SEPARATOR = " · "
DELETED = " (deleted from {where})"
# Rows of a source, as the browser sends them: {worksheet id: {rows id: {row key: row}}}.
Sources = dict[str, dict[str, dict[str, dict[str, Any]]]]


@dataclass(frozen=True)
class Picked:
    """A reference answer, resolved: `state` is "linked" (the row exists), "deleted" (only
    the snapshot is left) or "typed" (text from before the reference existed)."""

    key: str
    label: str
    state: str
    row: Answers
    source_title: str = ""

    @property
    def shown(self) -> str:
        """The label as the visitor reads it, saying when its row was deleted."""
        if self.state != "deleted":
            return self.label
        where = f"the {self.source_title.lower()}" if self.source_title else "its list"
        return self.label + DELETED.format(where=where)


def short_date(text: str) -> str:
    """"2026-11-20" as "20 Nov", the way a row is named; other text as it is."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return text
    return f"{day.day} {MONTHS[day.month - 1]}"


def row_label(row: dict[str, Any], shown: list[dict[str, Any]]) -> str:
    """A row's name from the fields a reference shows: the same rule as references.js."""
    parts = []
    for sub in shown:
        value = row.get(sub.get("id"))
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            continue
        text = str(value).strip()
        if text:
            parts.append(short_date(text) if sub.get("type") == "date" else text)
    return SEPARATOR.join(parts)


def shown_fields(field: dict[str, Any]) -> list[dict[str, Any]]:
    """The sub-fields that name a row, as [{id, type}]: the form's schema says `show`, the
    bundled definitions (builder/bundle.py) `shown` as [id, type] pairs."""
    if isinstance(field.get("show"), list):
        return field["show"]
    return [{"id": pair[0], "type": pair[1]} for pair in field.get("shown", [])
            if isinstance(pair, list | tuple) and len(pair) == 2]


def conform_stored(value: Any) -> Any:
    """A stored reference value reduced to the shapes above, or None when it is none."""
    if isinstance(value, str):
        return value
    if not isinstance(value, dict):
        return None
    key, label = value.get("row"), value.get("label")
    snapshot = value.get("snapshot")
    return {"row": key if isinstance(key, str) else "",
            "label": label if isinstance(label, str) else "",
            "snapshot": {k: v for k, v in snapshot.items() if isinstance(k, str)
                         and isinstance(v, str | int | float) and not isinstance(v, bool)}
            if isinstance(snapshot, dict) else {}}


def _resolve_value(value: Any, field: dict[str, Any], sources: Sources) -> Any:
    value = conform_stored(value)
    if not isinstance(value, dict):
        return value
    sheet_id, _, group_id = str(field.get("source", "")).partition(".")
    rows = sources.get(sheet_id, {}).get(group_id, {}) if isinstance(sources, dict) else {}
    live = rows.get(value["row"]) if isinstance(rows, dict) and value["row"] else None
    title = str(field.get("source_title", ""))
    if isinstance(live, dict):
        label = row_label(live, shown_fields(field)) or value["label"]
        return {**value, "label": label, "state": "linked", "fields": live, "from": title}
    return {**value, "state": "deleted", "fields": value["snapshot"], "from": title}


def resolve(raw: dict[str, Any], fields: list[dict[str, Any]], sources: Any) -> dict[str, Any]:
    """Conformed answers with every reference value resolved against `sources`."""
    sources = sources if isinstance(sources, dict) else {}
    resolved = dict(raw)
    for field in fields:
        field_id, kind = field.get("id"), field.get("type")
        if field_id not in resolved:
            continue
        if kind == "reference":
            resolved[field_id] = _resolve_value(resolved[field_id], field, sources)
        elif kind == "rows" and any(s.get("type") == "reference" for s in field["fields"]):
            resolved[field_id] = [resolve(row, field["fields"], sources)
                                  for row in resolved[field_id] if isinstance(row, dict)]
    return resolved


def picked(answers: Answers, field_id: str) -> Picked | None:
    """The row a reference field picked, whatever was stored; None when nothing was."""
    value = answers.raw.get(field_id)
    if isinstance(value, str):
        return Picked("", value.strip(), "typed", Answers({})) if value.strip() else None
    stored = conform_stored(value)
    if not isinstance(stored, dict) or not (stored["row"] or stored["label"]):
        return None
    # Resolved by `resolve`: the live row; stored only (no sources): the snapshot.
    linked = isinstance(value, dict) and value.get("state") == "linked"
    fields = value.get("fields") if linked and isinstance(value.get("fields"), dict) \
        else stored["snapshot"]
    plain = conform(fields, [{"id": k, "type": "short_text"} for k in fields])
    title = value.get("from") if isinstance(value, dict) else ""
    return Picked(stored["row"], stored["label"], "linked" if linked else "deleted",
                  Answers(plain), title if isinstance(title, str) else "")


def picked_name(answers: Answers, field_id: str) -> str:
    """What a compute calls the picked row: its current label, or "" when none."""
    found = picked(answers, field_id)
    return found.shown if found else ""
