"""Migrations: the schema the browser gets and the build-time checks of declared
migrations. The browser's own migration of stored records runs under Node, in
tests/js/answer-record.test.mjs."""

from __future__ import annotations

import importlib.util
import json
import sys
from html import unescape
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from worksheets.builder.loader import DefinitionError, load_definition
from worksheets.builder.registry import load_package_definitions
from worksheets.builder.render_data import check_fence, render_data_controls
from worksheets.builder.schema import check_all, check_migrations, worksheet_schema

ROOT = Path(__file__).resolve().parents[2]

SHEET = """
id: sheet
version: 3
title: Sheet
migrations:
{migrations}
fields:
  - id: full_name
    type: short_text
    label: Name
  - id: mood
    type: single_choice
    label: Mood
    options: [calm, stressed]
  - id: log
    type: rows
    label: Log
    fields:
      - id: text
        type: short_text
        label: Text
      - id: level
        type: scale
        label: Level
        min: 1
        max: 3
"""


def sheet(migrations: str) -> object:
    return load_definition(SHEET.format(migrations=migrations), "sheet.yml")


def test_schema_lists_fields_values_and_migrations():
    schema = worksheet_schema(sheet("  - from_version: 2\n    rename: {name: full_name}"))
    assert schema["version"] == 3
    assert [f["id"] for f in schema["fields"]] == ["full_name", "mood", "log"]
    assert schema["fields"][1]["values"] == ["calm", "stressed"]
    assert schema["fields"][2]["fields"][1]["values"] == ["1", "2", "3"]  # radios
    assert schema["migrations"] == [{"from_version": 2, "rename": {"name": "full_name"},
                                     "options": {}}]


def test_every_shipped_definition_has_valid_migrations():
    check_all(load_package_definitions())


@pytest.mark.parametrize("migrations", [
    "  - from_version: 1\n    rename: {name: nick}\n  - from_version: 2\n"
    "    rename: {nick: full_name}",
    "  - from_version: 1\n    rename: {log.note: log.text}",
    "  - from_version: 2\n    options: {mood: {tense: stressed, calm: calm}}",
])
def test_good_migrations_pass(migrations):
    check_migrations(sheet(migrations))


@pytest.mark.parametrize(("migrations", "message"), [
    ("  - from_version: 2\n    rename: {name: fullname}", "'fullname'"),
    ("  - from_version: 1\n    rename: {name: nick}\n  - from_version: 2\n"
     "    rename: {other: x}", "'nick'"),
    ("  - from_version: 2\n    options: {mood: {tense: anxious}}", "'anxious'"),
    ("  - from_version: 2\n    options: {full_name: {a: b}}", "only be moved for a choice"),
    ("  - from_version: 2\n    rename: {a: full_name}\n  - from_version: 2\n"
     "    rename: {b: mood}", "two migrations start from this version"),
])
def test_bad_migrations_fail_the_build_with_the_fix(migrations, message):
    with pytest.raises(DefinitionError) as error:
        check_migrations(sheet(migrations))
    assert message in str(error.value)
    assert str(error.value).startswith("sheet.yml:")


# The browser's half (moving stored records forward) is tested under Node:
# tests/js/answer-record.test.mjs.


def test_a_bad_migration_stops_the_build(tmp_path: Path):
    bad = SHEET.format(migrations="  - from_version: 2\n    rename: {name: fullname}")
    (tmp_path / "sheet.yml").write_text(bad)
    spec = importlib.util.spec_from_file_location("onward_hook_migrations",
                                                  ROOT / "hooks" / "onward.py")
    hook = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = hook
    spec.loader.exec_module(hook)
    config = load_config(str(ROOT / "tests" / "fixture_site" / "mkdocs.yml"))
    config.extra["onward"]["definitions"] = [str(tmp_path)]
    with pytest.raises(PluginError, match=r"sheet.yml:\d+: migrations .*'fullname'"):
        hook.on_config(config)


def test_the_data_region_carries_every_schema_escaped():
    worksheets = {"sheet": sheet("  - from_version: 2\n    rename: {name: full_name}")}
    html = render_data_controls(worksheets)
    attribute = html.split('data-onward-schemas="', 1)[1].split('"', 1)[0]
    assert json.loads(unescape(attribute))["sheet"]["migrations"][0]["from_version"] == 2
    check_fence("", "privacy.md")
    with pytest.raises(DefinitionError, match="takes no options"):
        check_fence("id: x", "privacy.md")
