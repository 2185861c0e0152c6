"""Definitions: what loads, and the message every mistake produces (file, line, field, fix)."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from worksheets.builder.loader import DefinitionError, load_definition, load_definitions
from worksheets.builder.registry import load_package_definitions

GOOD = """\
id: sample
version: 2
title: Sample
intro: Hello.
fields:
  - id: name
    type: short_text
    label: Name
  - id: level
    type: scale
    label: Level
    min: 1
    max: 5
  - id: pick
    type: single_choice
    label: Pick
    options:
      - A
      - value: b
        label: Bee
  - id: log
    type: rows
    label: Log
    dated: true
    fields:
      - id: note
        type: long_text
        label: Note
migrations:
  - from_version: 1
    rename: {old_name: name}
"""


def load(text: str):
    return load_definition(textwrap.dedent(text), "defs/sample.yml")


def error_for(text: str) -> DefinitionError:
    with pytest.raises(DefinitionError) as caught:
        load(text)
    return caught.value


def replace(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new, 1)


def test_a_good_definition_loads_into_typed_objects():
    sheet = load(GOOD)
    assert (sheet.id, sheet.version, sheet.title) == ("sample", 2, "Sample")
    assert [f.type for f in sheet.fields] == ["short_text", "scale", "single_choice", "rows"]
    assert [(c.value, c.label) for c in sheet.fields[2].options] == [("A", "A"), ("b", "Bee")]
    # A dated log gains a leading date column.
    assert [f.id for f in sheet.fields[3].fields] == ["date", "note"]
    assert sheet.migrations[0].rename == {"old_name": "name"}


@pytest.mark.parametrize(("text", "line", "where", "words"), [
    (replace("type: short_text", "type: shorttext"), 7, "definition.fields[0].type",
     "unknown field type 'shorttext'; use one of: short_text"),
    (replace("  - id: level", "  - id: name"), 9, "definition.fields[1].id",
     "duplicate field id 'name'"),
    (replace("    label: Name\n", ""), 6, "definition.fields[0].label", "'label' is required"),
    (replace("    options:\n      - A\n      - value: b\n        label: Bee\n", ""), 14,
     "definition.fields[2].options", "needs a non-empty list of options"),
    (replace("    max: 5", "    max: 1"), 13, "definition.fields[1]", "bad scale bounds"),
    (replace("title: Sample", "titel: Sample"), 3, "definition.titel",
     "unknown key; valid keys here are: compute, fields, id"),
    (replace("version: 2", "version: two"), 2, "version", "expected a whole number"),
    (replace("id: sample", "id: Sample Sheet"), 1, "definition.id", "is not a valid id"),
    (replace("      - A\n", "      - A\n      - A\n"), 19, "definition.fields[2].options[1]",
     "the option 'A' appears twice"),
    (replace("intro: Hello.", "compute: no_such_module"), 4, "compute",
     "no module worksheets/compute/no_such_module.py"),
    (replace("  - from_version: 1", "  - from_version: 5"), 30, "migrations[0].from_version",
     "expected a whole number from 1 to 1"),
    (replace("fields:\n  - id: name", "fields:\n  - id: name\n    type: rows"), 8,
     "YAML", "the key 'type' appears twice"),
    ("id: [unclosed", 1, "YAML", "fix the YAML syntax"),
    ("- just a list", 1, "definition", "expected a mapping of keys"),
])
def test_each_mistake_names_file_line_field_and_fix(text, line, where, words):
    error = error_for(text)
    assert str(error).startswith(f"defs/sample.yml:{error.line}: ")
    assert words in str(error)
    assert (error.where, error.line) == (where, line)


def test_nested_rows_are_refused():
    text = replace("      - id: note\n        type: long_text",
                   "      - id: note\n        type: rows")
    assert "use one of" in str(error_for(text))


def test_duplicate_worksheet_ids_across_files_are_refused(tmp_path):
    for name in ("sample.yml", "other.yml"):
        (tmp_path / name).write_text(GOOD, encoding="utf-8")
    with pytest.raises(DefinitionError, match="must match the file name"):
        load_definitions(tmp_path.glob("*.yml"))


def test_every_shipped_definition_loads():
    registry = load_package_definitions()
    assert len(registry) == 17  # one or more per step (step 8 has two), and the journal
    assert all(sheet.compute for sheet in registry.values())


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_any_text_is_a_definition_or_a_clean_error(text):
    try:
        load_definition(text, "defs/fuzz.yml")
    except DefinitionError as error:
        assert str(error).startswith("defs/fuzz.yml:")


yaml_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                         st.text(max_size=8))
yaml_values = st.recursive(yaml_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.sampled_from(["id", "type", "label", "options", "min", "max", "fields",
                                     "version", "title"]), inner, max_size=5)), max_leaves=20)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(yaml_values)
def test_any_yaml_structure_is_a_definition_or_a_clean_error(value):
    import yaml

    try:
        load_definition(yaml.safe_dump(value), "defs/fuzz.yml")
    except DefinitionError as error:
        assert error.source == "defs/fuzz.yml"
