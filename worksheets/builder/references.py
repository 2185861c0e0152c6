"""Reference fields: a field that picks a row of another worksheet's repeating group.

Checked once every definition is loaded (a reference may name a worksheet in another
folder), and filled in with what the page needs to show the choice: the source's title,
its row label and the sub-fields that name a row ("Acme · Data analyst · 20 Nov").
"""

from __future__ import annotations

from dataclasses import replace

from worksheets.builder.loader import DefinitionError
from worksheets.builder.model import Field, Worksheet

# Sub-field types that can name a row in a list as typed (a choice would show its stored
# value, not its label; long text is too long for a list).
LABEL_TYPES = frozenset({"short_text", "date", "number"})
DEFAULT_SHOWN = 3


def resolve_references(registry: dict[str, Worksheet]) -> dict[str, Worksheet]:
    """The registry with every reference field checked and filled in; raises
    `DefinitionError` (file, line, field, fix) for a source that does not exist."""
    return {wid: _resolve_worksheet(worksheet, registry) for wid, worksheet in registry.items()}


def _resolve_worksheet(worksheet: Worksheet, registry: dict[str, Worksheet]) -> Worksheet:
    if not any(f.type == "reference" or any(s.type == "reference" for s in f.fields)
               for f in worksheet.fields):
        return worksheet
    fields = []
    for field in worksheet.fields:
        subs = tuple(_resolve_field(worksheet, sub, registry, f"{field.id}.{sub.id}")
                     for sub in field.fields)
        field = _resolve_field(worksheet, field, registry, field.id)
        fields.append(replace(field, fields=subs) if subs else field)
    return replace(worksheet, fields=tuple(fields))


def _resolve_field(worksheet: Worksheet, field: Field, registry: dict[str, Worksheet],
                   path: str) -> Field:
    if field.type != "reference":
        return field
    group = source_group(worksheet, field, registry, path)
    source = registry[field.source.split(".")[0]]
    return replace(field, shown=_shown(worksheet, field, group, path),
                   source_title=source.title, source_row_label=group.row_label)


def _fail(worksheet: Worksheet, field: Field, path: str, problem: str) -> DefinitionError:
    return DefinitionError(worksheet.source, field.line or worksheet.line, f"{path}.source",
                           problem)


def source_group(worksheet: Worksheet, field: Field, registry: dict[str, Worksheet],
                 path: str) -> Field:
    """The repeating group `field.source` names; raises when there is none."""
    sheet_id, _, group_id = field.source.partition(".")
    if not sheet_id or not group_id or "." in group_id:
        raise _fail(worksheet, field, path, f"source {field.source!r} must name a worksheet "
                    "and one of its repeating groups, such as "
                    "`source: interview-journal.interviews`")
    if sheet_id == worksheet.id:
        raise _fail(worksheet, field, path, f"source {field.source!r} is this worksheet "
                    "itself; a reference picks a row of another worksheet")
    if sheet_id not in registry:
        raise _fail(worksheet, field, path, f"source {field.source!r} names no loaded "
                    f"worksheet {sheet_id!r}; use one of: {', '.join(sorted(registry))}")
    groups = {f.id: f for f in registry[sheet_id].fields}
    group = groups.get(group_id)
    if group is None or group.type != "rows":
        repeating = sorted(f.id for f in groups.values() if f.type == "rows")
        what = "has no field" if group is None else "is not a repeating group (type: rows):"
        raise _fail(worksheet, field, path, f"source {field.source!r}: {sheet_id} {what} "
                    f"{group_id!r}; use one of its repeating groups: "
                    f"{', '.join(repeating) or 'none (add a `type: rows` field to it)'}")
    return group


def _shown(worksheet: Worksheet, field: Field, group: Field,
           path: str) -> tuple[tuple[str, str], ...]:
    subs = {sub.id: sub for sub in group.fields}
    if not field.label_fields:  # the fixed rule: the first fields that can name a row
        return tuple((sub.id, sub.type) for sub in group.fields
                     if sub.type in LABEL_TYPES)[:DEFAULT_SHOWN]
    shown = []
    for name in field.label_fields:
        sub = subs.get(name)
        if sub is None or sub.type not in LABEL_TYPES:
            usable = ", ".join(s.id for s in group.fields if s.type in LABEL_TYPES)
            raise DefinitionError(worksheet.source, field.line or worksheet.line,
                                  f"{path}.show", f"{name!r} cannot name a row of "
                                  f"{field.source}; use some of: {usable}")
        shown.append((sub.id, sub.type))
    return tuple(shown)
