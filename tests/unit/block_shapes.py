"""What a valid result block is, per worksheets/compute/blocks.py, for the fuzz tests.

Each block type's keys and the types of their values, as blocks.py's constructors make
them and result-view.js reads them; a result must also survive strict JSON (no NaN or
infinity: the browser's JSON.parse refuses them) on its way to the browser."""

from __future__ import annotations

import json
import math
from typing import Any

from worksheets.compute import safety

TEXT = str
NUMBER = (int, float)
CELL = (str, int, float)

# type -> {key: what its value must be}; "texts" a list of str, "cells" a list of rows.
SHAPES: dict[str, dict[str, Any]] = {
    "heading": {"text": TEXT},
    "text": {"text": TEXT},
    "list": {"title": TEXT, "items": "texts"},
    "table": {"title": TEXT, "columns": "texts", "rows": "cells"},
    "score": {"label": TEXT, "value": NUMBER, "max": NUMBER, "detail": TEXT},
    "chart": {"title": TEXT, "labels": "texts", "values": "numbers", "unit": TEXT},
    "draft": {"label": TEXT, "subject": TEXT, "body": TEXT, "to": TEXT, "mail": bool},
    "download": {"label": TEXT, "filename": TEXT, "content": TEXT, "mime": TEXT},
    "card": {"title": TEXT, "lines": "texts", "footer": TEXT},
    "link": {"text": TEXT, "href": TEXT, "lead": TEXT},
    "note": {"title": TEXT, "blocks": "blocks"},
}


def _value_problem(kind: Any, value: Any) -> str:
    if kind == "texts":
        ok = isinstance(value, list) and all(isinstance(item, str) for item in value)
    elif kind == "numbers":
        ok = isinstance(value, list) and all(_finite(item) for item in value)
    elif kind == "cells":
        ok = isinstance(value, list) and all(
            isinstance(row, list) and all(isinstance(cell, CELL) for cell in row)
            for row in value)
    elif kind == "blocks":
        ok = isinstance(value, list) and not any(map(block_problems, value))
    elif kind is NUMBER:
        ok = _finite(value)
    else:
        ok = isinstance(value, kind) and not (kind is not bool and isinstance(value, bool))
    return "" if ok else f"holds {value!r}"


def _finite(value: Any) -> bool:
    return isinstance(value, NUMBER) and not isinstance(value, bool) and math.isfinite(value)


def block_problems(block: Any) -> list[str]:
    """What is wrong with one block; empty when it is valid."""
    if not isinstance(block, dict) or block.get("type") not in SHAPES:
        return [f"not a known block: {block!r}"]
    problems = [f"{block['type']}.{key} {problem}"
                for key, kind in SHAPES[block["type"]].items()
                if (problem := ("is missing" if key not in block
                                else _value_problem(kind, block[key])))]
    if block["type"] == "table":
        width = len(block.get("columns", []))
        problems += [f"table row {row!r} has not {width} cells"
                     for row in block.get("rows", []) if len(row) != width]
    if block["type"] == "chart" and len(block.get("labels", [])) != len(block.get("values", [])):
        problems.append("chart has not one value per label")
    if block["type"] == "chart" and block.get("goal") is not None \
            and not _finite(block["goal"]):
        problems.append(f"chart.goal holds {block['goal']!r}")
    return problems


def assert_valid_result(result: Any) -> None:
    """A non-empty list of valid blocks that strict JSON can carry to the browser."""
    assert isinstance(result, list) and result, f"no blocks: {result!r}"
    problems = [problem for block in result for problem in block_problems(block)]
    assert not problems, problems
    json.dumps(result, allow_nan=False)


def starts_with_support_note(result: list[dict[str, Any]]) -> bool:
    """The safety check's note first (safety.guard), as when a crisis phrase was written."""
    first = result[0] if result else {}
    return first.get("type") == "note" and first.get("title") == safety.NOTE_TITLE
