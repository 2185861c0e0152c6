"""Typed, forgiving access to one worksheet's stored answers.

Answers arrive as the browser stored them (strings, lists, rows of dicts). Compute code
asks for the type it wants and gets a safe empty value for anything missing or malformed,
so a half-filled worksheet never raises.
"""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Any


class Answers:
    def __init__(self, raw: Any) -> None:
        self.raw: dict[str, Any] = raw if isinstance(raw, dict) else {}

    def text(self, field_id: str) -> str:
        value = self.raw.get(field_id)
        return value.strip() if isinstance(value, str) else ""

    def number(self, field_id: str) -> float | None:
        value = self.raw.get(field_id)
        if isinstance(value, bool):
            return None
        if isinstance(value, int | float):
            number = float(value)
        elif isinstance(value, str):
            number = _parse_number(value)
            if number is None:
                return None
        else:
            return None
        return number if math.isfinite(number) else None

    def date(self, field_id: str) -> date | None:
        try:
            return date.fromisoformat(self.text(field_id))
        except ValueError:
            return None

    def choice(self, field_id: str) -> str:
        return self.text(field_id)

    def choices(self, field_id: str) -> list[str]:
        value = self.raw.get(field_id)
        if not isinstance(value, list):
            return []
        return [item for item in value if isinstance(item, str)]

    def rows(self, field_id: str) -> list[Answers]:
        value = self.raw.get(field_id)
        if not isinstance(value, list):
            return []
        return [Answers(row) for row in value if isinstance(row, dict)]

    def is_empty(self, ignore: tuple[str, ...] = ("date",)) -> bool:
        """True when nothing but `ignore`d fields holds a value. A new dated row arrives
        with today's date filled in, which on its own is not an answer."""
        return not any(_has_value(v) for k, v in self.raw.items() if k not in ignore)


_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")


def _parse_number(text: str) -> float | None:
    """'1,000' is a thousand; '2,5' (a decimal comma) is two and a half."""
    text = text.strip().replace(" ", "")
    text = text.replace(",", "") if _THOUSANDS.match(text) else text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None


# Field types whose stored answer is a list of choices.
_LIST_TYPES = frozenset({"multiple_choice", "checklist"})


def conform(raw: Any, fields: list[dict[str, Any]]) -> dict[str, Any]:
    """Answers reshaped to what each field of a definition can hold, whatever was stored.

    A backup file or an old page can leave any JSON in storage (a list inside a list, an
    object where text belongs). Computes and My plan see only this shape: one plain value
    (text, a finite number, true/false) for a single field, a list of plain values for
    choices, and for rows a list of dicts of those. A value that does not fit its field is
    left out, as are fields the definition does not have; what does fit is passed on as it
    was, so each compute keeps its own reading of it (`Answers.text` ignores a number).
    """
    if not isinstance(raw, dict):
        return {}
    answers: dict[str, Any] = {}
    for field in fields:
        field_id = field.get("id")
        if isinstance(field_id, str) and field_id in raw:
            value = _conform_value(raw[field_id], field)
            if value is not None:
                answers[field_id] = value
    return answers


def _conform_value(value: Any, field: dict[str, Any]) -> Any:
    kind = field.get("type")
    if kind == "rows":
        if not isinstance(value, list):
            return None
        sub_fields = field.get("fields") or []
        return [conform(row, sub_fields) for row in value if isinstance(row, dict)]
    if kind == "reference":  # a row of another worksheet: compute/references.py reads it
        return value if isinstance(value, str | dict) else None
    if kind in _LIST_TYPES:
        return [item for item in value if _is_plain(item)] if isinstance(value, list) else None
    return value if _is_plain(value) else None


def _is_plain(value: Any) -> bool:
    """Text, true/false or a finite number: what one form control can have stored."""
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, str | int | bool)


def _has_value(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list):
        return any(_has_value(item) for item in value)
    if isinstance(value, dict):
        return any(_has_value(item) for item in value.values())
    return value is not None
