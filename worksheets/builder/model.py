"""Typed, validated worksheet definitions: what the loader produces and the renderer reads."""

from __future__ import annotations

from dataclasses import dataclass, field

FIELD_TYPES: tuple[str, ...] = (
    "short_text",
    "long_text",
    "number",
    "date",
    "scale",
    "single_choice",
    "multiple_choice",
    "checklist",
    "rows",
    "reference",
)
CHOICE_TYPES: frozenset[str] = frozenset({"single_choice", "multiple_choice", "checklist"})


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class Field:
    id: str
    type: str
    label: str
    help: str = ""
    placeholder: str = ""
    required: bool = False
    options: tuple[Choice, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    step: float | None = None
    min_label: str = ""
    max_label: str = ""
    fields: tuple[Field, ...] = ()
    dated: bool = False
    add_label: str = "Add an entry"
    row_label: str = "Entry"
    # A `reference` field: the repeating group it picks a row of, as "<worksheet>.<rows>",
    # and the sub-fields that name a row in the list (checked and filled in by the loader).
    source: str = ""
    label_fields: tuple[str, ...] = ()
    # Filled in once every definition is loaded (builder/references.py): each shown
    # sub-field as (id, type), and the source's title and row label, for the page.
    shown: tuple[tuple[str, str], ...] = ()
    source_title: str = ""
    source_row_label: str = ""
    line: int = 0


@dataclass(frozen=True)
class Migration:
    """Moves stored answers from `from_version` to the next version, declaratively."""

    from_version: int
    rename: dict[str, str] = field(default_factory=dict)
    options: dict[str, dict[str, str]] = field(default_factory=dict)
    # Fields removed on purpose: their answers stay as "Earlier answers" (checked by lock.py).
    drop: tuple[str, ...] = ()


@dataclass(frozen=True)
class Worksheet:
    id: str
    version: int
    title: str
    intro: str
    fields: tuple[Field, ...]
    compute: str | None = None
    migrations: tuple[Migration, ...] = ()
    source: str = ""
    line: int = 0
