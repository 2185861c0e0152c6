"""What the browser needs to carry stored answers forward: each worksheet's fields, the
values its choices accept, and its declared migrations, as plain JSON-ready data.

The browser applies migrations itself (`assets/migrations.js`), before a visitor can type,
so it gets them from here as data; the rules for checking them live here too, so a
migration that points at a field the definition no longer has stops the build.
"""

from __future__ import annotations

import json
from typing import Any

from worksheets.builder.loader import DefinitionError
from worksheets.builder.model import CHOICE_TYPES, Field, Migration, Worksheet
from worksheets.builder.scale import SCALE_AS_RADIOS_MAX, scale_points


def field_schema(field: Field) -> dict[str, Any]:
    """One field: its id, type and label, and the stored values it accepts, if limited."""
    data: dict[str, Any] = {"id": field.id, "type": field.type, "label": field.label}
    if field.type in CHOICE_TYPES:
        data["values"] = [choice.value for choice in field.options]
    elif field.type == "scale" and len(points := scale_points(field)) <= SCALE_AS_RADIOS_MAX:
        data["values"] = points  # shown as radios: any other stored value would be dropped
    elif field.type == "rows":
        data["fields"] = [field_schema(sub) for sub in field.fields]
    elif field.type == "reference":
        # What the browser needs to list the source's rows before Python is ready.
        data.update(source=field.source, source_title=field.source_title,
                    show=[{"id": sub_id, "type": kind} for sub_id, kind in field.shown])
    return data


def _migration_schema(migration: Migration) -> dict[str, Any]:
    return {"from_version": migration.from_version, "rename": dict(migration.rename),
            "options": {name: dict(mapping) for name, mapping in migration.options.items()}}


def worksheet_schema(worksheet: Worksheet) -> dict[str, Any]:
    return {
        "id": worksheet.id,
        "version": worksheet.version,
        "title": worksheet.title,
        "fields": [field_schema(field) for field in worksheet.fields],
        "migrations": [_migration_schema(m) for m in sorted(
            worksheet.migrations, key=lambda m: m.from_version)],
    }


def schema_json(worksheet: Worksheet) -> str:
    """Compact JSON for a data attribute; the renderer escapes it like any other value."""
    return json.dumps(worksheet_schema(worksheet), separators=(",", ":"), ensure_ascii=False)


def schemas_json(worksheets: dict[str, Worksheet]) -> str:
    data = {wid: worksheet_schema(worksheets[wid]) for wid in sorted(worksheets)}
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


# --- Checking migrations against the current definition --------------------------------

def _paths(worksheet: Worksheet) -> dict[str, Field]:
    """Every field an answer can belong to: `id`, and `rows.sub` inside repeating rows."""
    paths: dict[str, Field] = {}
    for field in worksheet.fields:
        paths[field.id] = field
        for sub in field.fields:
            paths[f"{field.id}.{sub.id}"] = sub
    return paths


def _final_name(name: str, later: list[Migration]) -> str:
    for migration in later:
        name = migration.rename.get(name, name)
    return name


def check_migrations(worksheet: Worksheet) -> None:
    """Raise `DefinitionError` when a migration cannot land on the current fields."""
    ordered = sorted(worksheet.migrations, key=lambda m: m.from_version)
    paths = _paths(worksheet)
    known = ", ".join(sorted(paths))
    seen: set[int] = set()
    for index, migration in enumerate(ordered):
        where = f"migrations (from_version {migration.from_version})"
        if migration.from_version in seen:
            raise DefinitionError(worksheet.source, worksheet.line, where,
                                  "two migrations start from this version; merge them into one")
        seen.add(migration.from_version)
        later = ordered[index + 1:]
        for old, new in migration.rename.items():
            _check_move(worksheet, f"{where}.rename.{old}", old, new)
            final = _final_name(new, later)
            if final not in paths:
                raise DefinitionError(
                    worksheet.source, worksheet.line, f"{where}.rename.{old}",
                    f"{old!r} is renamed to {new!r}, which ends up as {final!r}, but the "
                    f"definition has no such field; use one of: {known}")
        for name, mapping in migration.options.items():
            _check_option_map(worksheet, where, name, mapping, later, paths)


def _check_move(worksheet: Worksheet, where: str, old: str, new: str) -> None:
    """The moves the browser can make: a field to a field, a sub-field to another in the
    same rows, and a single answer into the first row of a rows field. Taking an answer
    out of rows, or across to other rows, would need a choice of row; it stops the build."""
    old_rows, new_rows = old.partition(".")[0], new.partition(".")[0]
    if "." in old and ("." not in new or old_rows != new_rows):
        raise DefinitionError(
            worksheet.source, worksheet.line, where,
            f"{old!r} is inside the rows of {old_rows!r} and cannot move to {new!r}; rename it "
            f"within the same rows ({old_rows}.<new id>), or list it under `drop:` to keep "
            "its answers as earlier answers")


def _check_option_map(worksheet: Worksheet, where: str, name: str, mapping: dict[str, str],
                      later: list[Migration], paths: dict[str, Field]) -> None:
    field = paths.get(_final_name(name, later))
    if field is None or field.type not in CHOICE_TYPES:
        raise DefinitionError(
            worksheet.source, worksheet.line, f"{where}.options.{name}",
            f"options can only be moved for a choice field; {name!r} is not one in this "
            "definition (check the field id, and any later rename)")
    valid = {choice.value for choice in field.options}
    valid |= {old for m in later for old in m.options.get(name, {})}
    for old, new in mapping.items():
        if new not in valid:
            raise DefinitionError(
                worksheet.source, worksheet.line, f"{where}.options.{name}.{old}",
                f"{old!r} moves to {new!r}, which is not an option of {field.id!r}; use one "
                f"of: {', '.join(sorted(valid))}")


def check_all(worksheets: dict[str, Worksheet]) -> None:
    for worksheet in worksheets.values():
        check_migrations(worksheet)
