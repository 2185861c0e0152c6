"""Run a worksheet's compute on its answers: the one entry point the browser worker calls.

Requests and results cross the worker boundary as JSON text, which keeps Pyodide proxies
out of the picture and makes the contract the same in the browser and in tests.
"""

from __future__ import annotations

import importlib
import json
import traceback
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from worksheets.compute import blocks, safety
from worksheets.compute.answers import Answers, conform
from worksheets.compute.host import Host, shipped_host

DEFINITIONS_FILE = Path(__file__).with_name("definitions.json")


@dataclass(frozen=True)
class Context:
    """What a compute may know besides the answers: the date, its own definition, the
    host's settings, and whether the safety check found words of crisis in the answers
    (runner.run puts the support note first either way; a compute reads `distressed` to
    leave out what would not fit beside it, such as step 2's cheerful rewrite)."""

    today: date
    definition: dict[str, Any]
    host: Host = field(default_factory=Host)
    distressed: bool = False

    def field(self, field_id: str) -> dict[str, Any]:
        return next((f for f in self.definition["fields"] if f["id"] == field_id), {})


@cache
def definitions() -> dict[str, dict[str, Any]]:
    """Definitions as the build wrote them; in a source checkout, loaded from the YAML."""
    if DEFINITIONS_FILE.is_file():
        return json.loads(DEFINITIONS_FILE.read_text(encoding="utf-8"))
    from worksheets.builder.bundle import definitions_json  # CPython-only path: needs PyYAML
    from worksheets.builder.registry import load_package_definitions

    return json.loads(definitions_json(load_package_definitions()))


def run(worksheet_id: str, raw_answers: Any, today: date,
        host: Host | None = None) -> list[blocks.Block]:
    """The worksheet's result, always through the safety check, so no compute can skip it.
    `host` defaults to the settings the build shipped."""
    definition = definitions().get(worksheet_id)
    if definition is None:
        raise KeyError(f"no worksheet {worksheet_id!r} on this site")
    host = shipped_host() if host is None else host
    # Whatever storage or a backup held, a compute sees only values its fields can hold.
    answers = Answers(conform(raw_answers, definition["fields"]))
    distressed = safety.in_answers(answers, definition, host)
    context = Context(today=today, definition=definition, host=host, distressed=distressed)
    if not definition.get("compute"):
        return safety.guard(summary(answers, context), distressed, host)
    module = importlib.import_module(f"worksheets.compute.{definition['compute']}")
    return safety.guard(list(module.compute(answers, context)), distressed, host)


def summary(answers: Answers, context: Context) -> list[blocks.Block]:
    """The result of a worksheet without a compute: its answers, labelled, as a list."""
    lines = [
        f"{field['label']}: {text}"
        for field in context.definition["fields"]
        if (text := describe(field, answers.raw.get(field["id"])))
    ]
    if not lines:
        return [blocks.paragraph("Nothing answered yet. Your summary appears as you type.")]
    return [blocks.items(lines, title="Your answers")]


def describe(field: dict[str, Any], value: Any) -> str:
    """One answer as readable text, with option labels instead of stored values."""
    labels = {option["value"]: option["label"] for option in field.get("options", [])}
    if field["type"] == "rows" and isinstance(value, list):
        rows = [r for r in value if isinstance(r, dict) and not Answers(r).is_empty()]
        return f"{len(rows)} {'entry' if len(rows) == 1 else 'entries'}" if rows else ""
    if isinstance(value, list):  # only text can name an option: a list item may be anything
        return ", ".join(labels.get(item, item) if isinstance(item, str) else str(item)
                         for item in value if item)
    if isinstance(value, str):
        return labels.get(value.strip(), value.strip())
    return "" if value is None else str(value)


def run_json(request: str) -> str:
    """JSON in, JSON out; any failure becomes {"ok": false} with words a visitor can read."""
    try:
        data = json.loads(request)
        result = run(data["worksheet"], data.get("answers"), date.fromisoformat(data["today"]))
        return json.dumps({"ok": True, "blocks": result})
    except Exception as error:
        return json.dumps({
            "ok": False,
            "error": f"{type(error).__name__}: {error}",
            "traceback": traceback.format_exc(),
        })


def plan_json(request: str) -> str:
    """My plan: JSON in ({answers: {worksheet_id: answers}, order, today}), JSON out, like
    run_json."""
    from worksheets.compute.plan import build_plan  # imported late: plan imports runner

    try:
        data = json.loads(request)
        plan = build_plan(data.get("answers") or {}, list(data.get("order") or []),
                          date.fromisoformat(data["today"]))
        return json.dumps({"ok": True, **plan})
    except Exception as error:
        return json.dumps({"ok": False, "error": f"{type(error).__name__}: {error}",
                           "traceback": traceback.format_exc()})
