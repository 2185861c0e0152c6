"""Load worksheet definitions from YAML and validate them once, into `model` objects.

Every problem raises `DefinitionError` naming the file, the line, the field and the fix,
so a bad definition stops the build instead of reaching a visitor.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import yaml

from worksheets.builder import contract
from worksheets.builder.model import (
    CHOICE_TYPES,
    FIELD_TYPES,
    Choice,
    Field,
    Migration,
    Worksheet,
)

WORKSHEET_ID = contract.WORKSHEET_ID
FIELD_ID = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
MODULE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
TOP_KEYS = frozenset({"id", "version", "title", "intro", "compute", "fields", "migrations"})
COMMON_KEYS = frozenset({"id", "type", "label", "help", "placeholder", "required"})
EXTRA_KEYS: dict[str, frozenset[str]] = {
    "short_text": frozenset(),
    "long_text": frozenset(),
    "number": frozenset({"min", "max", "step"}),
    "date": frozenset(),
    "scale": frozenset({"min", "max", "step", "min_label", "max_label"}),
    "single_choice": frozenset({"options"}),
    "multiple_choice": frozenset({"options"}),
    "checklist": frozenset({"options"}),
    "rows": frozenset({"fields", "dated", "add_label", "row_label"}),
    "reference": frozenset({"source", "show"}),
}
MAX_SCALE_POINTS = 101


class DefinitionError(ValueError):
    """A worksheet definition or fence is wrong; the message says where and how to fix it."""

    def __init__(self, source: str, line: int, where: str, problem: str) -> None:
        self.source, self.line, self.where, self.problem = source, line, where, problem
        super().__init__(f"{source}:{line}: {where}: {problem}")


class LineDict(dict):
    """A YAML mapping that remembers the line of itself and of each key."""

    line: int = 0
    lines: dict[Any, int]


class LineList(list):
    """A YAML sequence that remembers the line of itself and of each item."""

    line: int = 0
    lines: list[int]


class _LineLoader(yaml.SafeLoader):
    """SafeLoader whose mappings and sequences carry line numbers (1-based)."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    mapping = LineDict()
    mapping.line, mapping.lines = node.start_mark.line + 1, {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if not isinstance(key, str | int | float | bool) and key is not None:
            raise yaml.constructor.ConstructorError(
                None, None, "a key must be plain text", key_node.start_mark
            )
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"the key {key!r} appears twice", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.lines[key] = line
    return mapping


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    sequence = LineList(loader.construct_object(child, deep=True) for child in node.value)
    sequence.line = node.start_mark.line + 1
    sequence.lines = [child.start_mark.line + 1 for child in node.value]
    return sequence


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)


def parse_yaml(text: str, source: str, first_line: int = 1) -> Any:
    """Parse YAML with line numbers; a syntax error becomes a `DefinitionError`."""
    try:
        return yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line if mark else 0) + first_line
        raise DefinitionError(
            source, line, "YAML", f"{error.problem or error}; fix the YAML syntax"
        ) from error
    except yaml.YAMLError as error:
        problem = f"{error}; fix the YAML syntax"
        raise DefinitionError(source, first_line, "YAML", problem) from error


class _Checker:
    """Validates one definition file; knows its path so every error can name it."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, line: int, where: str, problem: str) -> DefinitionError:
        return DefinitionError(self.source, line, where, problem)

    def mapping(self, value: Any, line: int, where: str) -> LineDict:
        if not isinstance(value, LineDict):
            raise self.fail(line, where, f"expected a mapping of keys, got {_kind(value)}")
        return value

    def known_keys(self, data: LineDict, allowed: Iterable[str], where: str) -> None:
        allowed = sorted(allowed)
        for key in data:
            if key not in allowed:
                raise self.fail(
                    data.lines[key], f"{where}.{key}",
                    f"unknown key; valid keys here are: {', '.join(allowed)}",
                )

    def text(self, data: LineDict, key: str, where: str, *, required: bool = False) -> str:
        value = data.get(key)
        if value is None:
            if required:
                raise self.fail(data.line, f"{where}.{key}", f"'{key}' is required; add it")
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            raise self.fail(data.lines[key], f"{where}.{key}", "expected non-empty text")
        return value.strip()

    def number(self, data: LineDict, key: str, where: str) -> float | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(data.lines[key], f"{where}.{key}", f"expected a number, got {value!r}")
        return value

    def flag(self, data: LineDict, key: str, where: str) -> bool:
        value = data.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(data.lines[key], f"{where}.{key}", "expected true or false")
        return value

    def identifier(self, data: LineDict, key: str, where: str, pattern: re.Pattern[str]) -> str:
        value = self.text(data, key, where, required=True)
        if not pattern.match(value):
            raise self.fail(
                data.lines[key], f"{where}.{key}",
                f"{value!r} is not a valid id; use lower-case letters, digits and "
                f"{'-' if pattern is WORKSHEET_ID else '_'}, starting with a letter",
            )
        return value


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{type(value).__name__} {value!r}"


def _options(check: _Checker, data: LineDict, where: str) -> tuple[Choice, ...]:
    raw = data.get("options")
    if not isinstance(raw, LineList) or not raw:
        raise check.fail(
            data.lines.get("options", data.line), f"{where}.options",
            "a choice field needs a non-empty list of options; add `options:` with items",
        )
    choices: list[Choice] = []
    for index, (item, line) in enumerate(zip(raw, raw.lines, strict=True)):
        here = f"{where}.options[{index}]"
        if isinstance(item, str) and item.strip():
            choice = Choice(value=item.strip(), label=item.strip())
        elif isinstance(item, LineDict):
            check.known_keys(item, ("value", "label"), here)
            label = check.text(item, "label", here, required=True)
            value = check.text(item, "value", here) or label
            choice = Choice(value=value, label=label)
        else:
            raise check.fail(line, here, "an option is text, or a mapping with value and label")
        if any(existing.value == choice.value for existing in choices):
            raise check.fail(line, here, f"the option {choice.value!r} appears twice")
        choices.append(choice)
    return tuple(choices)


def _scale(check: _Checker, data: LineDict, where: str) -> dict[str, Any]:
    low, high = check.number(data, "min", where), check.number(data, "max", where)
    step = check.number(data, "step", where) or 1
    if low is None or high is None:
        raise check.fail(data.line, where, "a scale needs both `min` and `max`")
    if low >= high or step <= 0:
        raise check.fail(
            data.lines.get("max", data.line), where,
            f"bad scale bounds min={low}, max={high}, step={step}; min must be below max "
            "and step above 0",
        )
    points = (high - low) / step
    if abs(points - round(points)) > 1e-9 or points + 1 > MAX_SCALE_POINTS:
        raise check.fail(
            data.lines.get("step", data.line), where,
            f"the scale from {low} to {high} by {step} must have a whole number of steps "
            f"and at most {MAX_SCALE_POINTS} points",
        )
    return {
        "minimum": low, "maximum": high, "step": step,
        "min_label": check.text(data, "min_label", where),
        "max_label": check.text(data, "max_label", where),
    }


def _field(check: _Checker, raw: Any, line: int, where: str, *, in_rows: bool) -> Field:
    data = check.mapping(raw, line, where)
    kind = data.get("type")
    if kind not in FIELD_TYPES or (in_rows and kind == "rows"):
        allowed = [t for t in FIELD_TYPES if not (in_rows and t == "rows")]
        raise check.fail(
            data.lines.get("type", data.line), f"{where}.type",
            f"unknown field type {kind!r}; use one of: {', '.join(allowed)}",
        )
    check.known_keys(data, COMMON_KEYS | EXTRA_KEYS[kind], where)
    extra: dict[str, Any] = {}
    if kind in CHOICE_TYPES:
        extra["options"] = _options(check, data, where)
    elif kind == "scale":
        extra.update(_scale(check, data, where))
    elif kind == "number":
        extra.update(minimum=check.number(data, "min", where),
                     maximum=check.number(data, "max", where),
                     step=check.number(data, "step", where))
    elif kind == "reference":
        extra.update(source=check.text(data, "source", where, required=True),
                     label_fields=_label_fields(check, data, where))
    elif kind == "rows":
        dated = check.flag(data, "dated", where)
        extra.update(
            fields=_dated(_fields(check, data, where, in_rows=True), dated),
            dated=dated,
            add_label=check.text(data, "add_label", where) or "Add an entry",
            row_label=check.text(data, "row_label", where) or "Entry",
        )
    return Field(
        id=check.identifier(data, "id", where, FIELD_ID),
        type=kind,
        label=check.text(data, "label", where, required=True),
        help=check.text(data, "help", where),
        placeholder=check.text(data, "placeholder", where),
        required=check.flag(data, "required", where),
        line=data.line,
        **extra,
    )


def _label_fields(check: _Checker, data: LineDict, where: str) -> tuple[str, ...]:
    """A reference's `show:` list of sub-field ids; checked against its source later."""
    raw = data.get("show")
    if raw is None:
        return ()
    if not isinstance(raw, list) or not raw or not all(
            isinstance(item, str) and item.strip() for item in raw):
        raise check.fail(data.lines["show"], f"{where}.show",
                         "expected a list of the source's field ids, such as "
                         "[organisation, role, date]")
    return tuple(item.strip() for item in raw)


def _dated(fields: tuple[Field, ...], dated: bool) -> tuple[Field, ...]:
    """A dated log gets a leading `date` column unless the author wrote one."""
    if not dated or any(f.id == "date" for f in fields):
        return fields
    return (Field(id="date", type="date", label="Date"), *fields)


def _fields(check: _Checker, data: LineDict, where: str, *, in_rows: bool) -> tuple[Field, ...]:
    raw = data.get("fields")
    if not isinstance(raw, LineList) or not raw:
        raise check.fail(
            data.lines.get("fields", data.line), f"{where}.fields",
            "expected a non-empty list of fields under `fields:`",
        )
    fields: list[Field] = []
    for index, (item, line) in enumerate(zip(raw, raw.lines, strict=True)):
        here = f"{where}.fields[{index}]"
        made = _field(check, item, line, here, in_rows=in_rows)
        if any(existing.id == made.id for existing in fields):
            raise check.fail(made.line, f"{here}.id", f"duplicate field id {made.id!r}; "
                             "give each field its own id")
        fields.append(made)
    return tuple(fields)


def _migrations(check: _Checker, data: LineDict, version: int) -> tuple[Migration, ...]:
    raw = data.get("migrations")
    if raw is None:
        return ()
    if not isinstance(raw, LineList):
        raise check.fail(data.lines["migrations"], "migrations", "expected a list")
    made: list[Migration] = []
    for index, (item, line) in enumerate(zip(raw, raw.lines, strict=True)):
        here = f"migrations[{index}]"
        entry = check.mapping(item, line, here)
        check.known_keys(entry, ("from_version", "rename", "options", "drop"), here)
        start = entry.get("from_version")
        if isinstance(start, bool) or not isinstance(start, int) or not 1 <= start < version:
            raise check.fail(entry.line, f"{here}.from_version",
                             f"expected a whole number from 1 to {version - 1}")
        rename = entry.get("rename") or {}
        options = entry.get("options") or {}
        if not _is_str_map(rename) or not all(
            isinstance(k, str) and _is_str_map(v) for k, v in dict(options).items()
        ):
            raise check.fail(entry.line, here, "rename maps old field id to new; options maps "
                             "field id to {old option: new option}")
        drop = entry.get("drop") or []
        if not isinstance(drop, list) or not all(isinstance(name, str) for name in drop):
            raise check.fail(entry.line, f"{here}.drop", "expected a list of the field ids "
                             "removed on purpose, such as [old_question]")
        made.append(Migration(from_version=start, rename=dict(rename),
                              options={k: dict(v) for k, v in options.items()},
                              drop=tuple(drop)))
    return tuple(made)


def _is_str_map(value: Any) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    )


def _check_compute(check: _Checker, data: LineDict) -> str | None:
    name = data.get("compute")
    if name is None:
        return None
    if not isinstance(name, str) or not MODULE_NAME.match(name):
        raise check.fail(data.lines["compute"], "compute",
                         "expected the name of a module in worksheets/compute/, e.g. scorecard")
    try:
        module = importlib.import_module(f"worksheets.compute.{name}")
    except ImportError as error:
        raise check.fail(
            data.lines["compute"], "compute",
            f"no module worksheets/compute/{name}.py could be imported ({error}); "
            "create it or fix the name",
        ) from error
    if not callable(getattr(module, "compute", None)):
        raise check.fail(data.lines["compute"], "compute",
                         f"worksheets/compute/{name}.py must define compute(answers, context)")
    return name


def load_definition(text: str, source: str) -> Worksheet:
    """Parse and validate one definition; raise `DefinitionError` on the first problem."""
    check = _Checker(source)
    data = check.mapping(parse_yaml(text, source), 1, "definition")
    check.known_keys(data, TOP_KEYS, "definition")
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise check.fail(data.lines.get("version", data.line), "version",
                         "expected a whole number, 1 or more; raise it when fields change")
    return Worksheet(
        id=check.identifier(data, "id", "definition", WORKSHEET_ID),
        version=version,
        title=check.text(data, "title", "definition", required=True),
        intro=check.text(data, "intro", "definition"),
        fields=_fields(check, data, "definition", in_rows=False),
        compute=_check_compute(check, data),
        migrations=_migrations(check, data, version),
        source=source,
        line=data.line,
    )


def load_definitions(
    paths: Iterable[Path], display: Callable[[Path], str] = str
) -> dict[str, Worksheet]:
    """Load many definition files; ids must be unique across them and match file names."""
    registry: dict[str, Worksheet] = {}
    for path in sorted(paths):
        source = display(path)
        worksheet = load_definition(path.read_text(encoding="utf-8"), source)
        if worksheet.id != path.stem:
            raise DefinitionError(source, worksheet.line, "id",
                                  f"the id {worksheet.id!r} must match the file name "
                                  f"{path.stem!r}; rename one of them")
        if worksheet.id in registry:
            raise DefinitionError(source, worksheet.line, "id",
                                  f"duplicate worksheet id {worksheet.id!r}, also in "
                                  f"{registry[worksheet.id].source}")
        registry[worksheet.id] = worksheet
    return registry


def parse_fence(body: str, page: str) -> str:
    """Read a `worksheet` fence body (`id: some-worksheet`) and return the id."""
    data = parse_yaml(body, page) if body.strip() else None
    if not isinstance(data, LineDict) or set(data) != {"id"} or not isinstance(data["id"], str):
        raise DefinitionError(page, getattr(data, "line", 1), "worksheet fence",
                              "the fence body must be exactly one line `id: <worksheet id>`")
    return data["id"].strip()
