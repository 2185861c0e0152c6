"""Migrations: the schema the browser gets, the build-time checks of declared migrations,
and the browser's own `migrations.js` run under Node on recorded answers."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
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
MIGRATIONS_JS = ROOT / "worksheets" / "assets" / "migrations.js"

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


# --- The browser's migrations.js, run by Node on stored records ------------------------

SCHEMA = {
    "id": "sheet", "version": 3, "title": "Sheet",
    "fields": [
        {"id": "full_name", "type": "short_text", "label": "Name"},
        {"id": "mood", "type": "single_choice", "label": "Mood", "values": ["calm", "stressed"]},
        {"id": "tags", "type": "multiple_choice", "label": "Tags", "values": ["a", "b"]},
        {"id": "log", "type": "rows", "label": "Log", "fields": [
            {"id": "text", "type": "short_text", "label": "Text"},
            {"id": "level", "type": "scale", "label": "Level", "values": ["1", "2", "3"]}]},
    ],
    "migrations": [
        {"from_version": 1, "rename": {"name": "full_name", "log.note": "log.text"},
         "options": {"mood": {"tense": "stressed"}}},
        {"from_version": 2, "rename": {}, "options": {"tags": {"old-a": "a"}}},
    ],
}
RUNNER = """
import { migrateRecord } from "./migrations.mjs";
const cases = JSON.parse(process.argv[2]);
console.log(JSON.stringify(cases.map(([record, schema]) => {
  const first = migrateRecord(record, schema);
  const again = migrateRecord(first.record, schema);
  return { ...first, changedAgain: again.changed };
})));
"""


@pytest.fixture(scope="module")
def migrate(tmp_path_factory: pytest.TempPathFactory, node_binary: str):
    node = node_binary
    folder = tmp_path_factory.mktemp("migrations")
    shutil.copy(MIGRATIONS_JS, folder / "migrations.mjs")  # .mjs: Node reads it as a module
    (folder / "run.mjs").write_text(RUNNER)

    def run(*records: dict) -> list[dict]:
        cases = json.dumps([[record, SCHEMA] for record in records])
        done = subprocess.run([node, str(folder / "run.mjs"), cases], capture_output=True,
                              text=True, check=True)
        return json.loads(done.stdout)
    return run


def record(version: int, answers: dict, **extra) -> dict:
    return {"format": 1, "worksheet": "sheet", "version": version, "answers": answers, **extra}


def test_renames_and_moved_options_across_two_versions(migrate):
    [result] = migrate(record(1, {
        "name": "Ada", "mood": "tense", "tags": ["old-a", "b"],
        "log": [{"note": "first", "level": "2"}]}, times={"name": 5}))
    assert result["changed"] and not result["changedAgain"]
    moved = result["record"]
    assert moved["version"] == 3
    assert moved["answers"] == {"full_name": "Ada", "mood": "stressed", "tags": ["a", "b"],
                                "log": [{"text": "first", "level": "2"}]}
    assert moved["times"] == {"full_name": 5}
    assert moved["earlier"] == {}


def test_nothing_is_dropped_only_kept_as_earlier_answers(migrate):
    [result] = migrate(record(3, {
        "full_name": "Ada", "removed": "keep me", "empty": "", "mood": "gone-option",
        "tags": ["a", "zzz"], "log": [{"text": "x", "old": "row answer", "level": "9"}]}))
    moved = result["record"]
    assert moved["answers"] == {"full_name": "Ada", "mood": "", "tags": ["a"],
                                "log": [{"text": "x", "level": ""}]}
    assert {path: entry["value"] for path, entry in moved["earlier"].items()} == {
        "removed": "keep me", "mood": "gone-option", "tags": ["zzz"],
        "log.1.old": "row answer", "log.1.level": "9"}
    assert not result["changedAgain"]


def test_a_record_from_a_newer_version_is_left_alone(migrate):
    newer = record(4, {"brand_new": "from a newer page"})
    [result] = migrate(newer)
    assert result == {"record": newer, "changed": False, "changedAgain": False}


def test_earlier_answers_already_kept_are_not_duplicated(migrate):
    kept = {"removed": {"value": "keep me", "version": 1}}
    [result] = migrate(record(3, {"removed": "keep me"}, earlier=kept))
    assert result["record"]["earlier"] == kept


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
