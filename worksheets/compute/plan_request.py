"""My plan's request from the browser's Python worker: JSON in, JSON out, like
`runner.run_json`.

Its own module so that neither plan.py nor runner.py imports the other back: plan.py builds
on the runner, and the runner knows nothing of My plan. The worker imports this module the
first time My plan asks, so pages without My plan never load plan.py.
"""

from __future__ import annotations

import json
import traceback
from datetime import date

from worksheets.compute.plan import build_plan


def plan_json(request: str) -> str:
    """My plan: JSON in ({answers: {worksheet_id: answers}, order, today, sources}), JSON
    out, like run_json."""
    try:
        data = json.loads(request)
        plan = build_plan(data.get("answers") or {}, list(data.get("order") or []),
                          date.fromisoformat(data["today"]), data.get("sources"))
        return json.dumps({"ok": True, **plan})
    except Exception as error:
        return json.dumps({"ok": False, "error": f"{type(error).__name__}: {error}",
                           "traceback": traceback.format_exc()})
