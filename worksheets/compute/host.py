"""The host's settings a compute may use, as the build ships them beside the definitions.

The build writes `host.json` into the browser package from `extra.onward` in mkdocs.yml
(worksheets/builder/bundle.py); CPython reads the same file when it exists, and tests pass
a `Host` of their own.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

HOST_FILE = Path(__file__).with_name("host.json")


@dataclass(frozen=True)
class Host:
    """Support contacts, the host's extra crisis phrases, and how to reach its advisers."""

    support_lines: tuple[str, ...] = ()
    crisis_phrases: tuple[str, ...] = ()
    organization: str = ""
    contact: str = ""
    appointment_url: str = ""

    @classmethod
    def from_dict(cls, data: Any) -> Host:
        """Forgiving: a missing or malformed entry reads as unset, never as an error."""
        data = data if isinstance(data, dict) else {}

        def texts(key: str) -> tuple[str, ...]:
            value = data.get(key)
            return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()

        def text(key: str) -> str:
            value = data.get(key)
            return value if isinstance(value, str) else ""

        return cls(support_lines=texts("support_lines"), crisis_phrases=texts("crisis_phrases"),
                   organization=text("organization"), contact=text("contact"),
                   appointment_url=text("appointment_url"))


@cache
def shipped_host() -> Host:
    """The settings the build shipped; in a source checkout without them, none."""
    if HOST_FILE.is_file():
        return Host.from_dict(json.loads(HOST_FILE.read_text(encoding="utf-8")))
    return Host()
