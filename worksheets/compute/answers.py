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


def _has_value(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list):
        return any(_has_value(item) for item in value)
    if isinstance(value, dict):
        return any(_has_value(item) for item in value.values())
    return value is not None
