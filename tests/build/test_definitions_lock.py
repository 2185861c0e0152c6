"""The definitions lock: a field change without a version bump, or a bump without a migration
for a removed or renamed field, stops the build with `file:line` and what to write; the
update command records safe changes and refuses unsafe ones."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest

from tests.build.test_build_errors import build, fixture_copy
from worksheets.builder import lock
from worksheets.builder.loader import DefinitionError, load_definitions
from worksheets.builder.registry import definition_files, load_package_definitions, shown_path

SHEET = """\
id: sheet
title: Sheet
version: {version}
{migrations}fields:
  - id: {name}
    type: short_text
    label: Name
  - id: mood
    type: {mood_type}
    label: Mood
    options: [calm, tense]
  - id: log
    type: rows
    label: Log
    fields:
      - id: note
        type: long_text
        label: Note
"""


def write(folder: Path, *, version: int = 1, name: str = "name", migrations: str = "",
          mood_type: str = "single_choice") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "sheet.yml"
    path.write_text(SHEET.format(version=version, name=name, migrations=migrations,
                                 mood_type=mood_type))
    return path


def check(folder: Path) -> None:
    worksheets = load_definitions(definition_files([folder]), shown_path)
    lock.check_folder(folder, worksheets, required=True)


@pytest.fixture
def locked(tmp_path: Path) -> Path:
    folder = tmp_path / "definitions"
    write(folder)
    lock.update(folder)
    check(folder)  # what was just recorded passes
    return folder


def test_the_package_lock_matches_the_definitions() -> None:
    assert lock.check_all(load_package_definitions()) == []


def test_a_renamed_field_without_a_version_bump_fails_naming_it(locked: Path) -> None:
    write(locked, name="full_name")
    with pytest.raises(DefinitionError) as error:
        check(locked)
    message = str(error.value)
    assert message.startswith(f"{shown_path(locked / 'sheet.yml')}:3: version:")
    assert "removed name" in message and "added full_name" in message
    assert "Set `version: 2`" in message and lock.COMMAND in message
    assert not isinstance(error.value, lock.LockOutdated)


def test_a_changed_type_without_a_bump_fails(locked: Path) -> None:
    write(locked, mood_type="multiple_choice")
    with pytest.raises(DefinitionError, match="mood changed type from single_choice to "
                       "multiple_choice"):
        check(locked)


def test_a_bump_without_a_migration_for_a_removed_field_says_what_to_write(locked) -> None:
    write(locked, version=2, name="full_name")
    with pytest.raises(DefinitionError) as error:
        check(locked)
    message = str(error.value)
    assert "no migration says where the answers to name go" in message
    assert "`- from_version: 1`" in message and "`rename: {name: <new field id>}`" in message
    assert "`drop: [name]`" in message


@pytest.mark.parametrize("migration", [
    "migrations:\n  - from_version: 1\n    rename: {name: full_name}\n",
    "migrations:\n  - from_version: 1\n    drop: [name]\n",
])
def test_a_bump_with_its_migration_only_asks_for_a_refresh(locked, migration) -> None:
    write(locked, version=2, name="full_name", migrations=migration)
    with pytest.raises(lock.LockOutdated, match=r"run `.*--update"):
        check(locked)
    lock.update(locked)
    check(locked)
    assert json.loads((locked / lock.LOCK_NAME).read_text())["worksheets"]["sheet"][
        "version"] == 2


def test_an_added_field_needs_only_a_refresh(locked: Path) -> None:
    path = locked / "sheet.yml"
    path.write_text(path.read_text() + "  - id: extra\n    type: date\n    label: When\n")
    with pytest.raises(lock.LockOutdated, match="added extra; adding a field needs no new"):
        check(locked)


def test_the_update_command_refuses_a_change_that_strands_answers(locked: Path) -> None:
    write(locked, name="full_name")
    before = (locked / lock.LOCK_NAME).read_text()
    assert lock.main(["--update", str(locked)]) == 1
    assert (locked / lock.LOCK_NAME).read_text() == before
    assert lock.main(["--update", "--force", str(locked)]) == 0
    check(locked)


def test_a_host_folder_with_a_lock_fails_the_real_build(tmp_path: Path) -> None:
    site = fixture_copy(tmp_path)
    folder = site / "definitions"
    lock.update(folder)
    assert build(site).returncode == 0
    definition = folder / "every-field.yml"
    text = definition.read_text()
    definition.write_text(text.replace("- id: story", "- id: tale", 1))
    result = build(site)
    assert result.returncode != 0
    assert "every-field.yml:" in result.stderr and "removed story" in result.stderr
    assert "lock --update" in result.stderr


def test_the_package_lock_is_required(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "definitions"
    shutil.copytree(lock.DEFINITIONS_DIR, folder)
    (folder / lock.LOCK_NAME).unlink()
    monkeypatch.setattr(lock, "DEFINITIONS_DIR", folder)
    worksheets = load_definitions(definition_files([folder]), shown_path)
    with pytest.raises(DefinitionError, match="the lock file is missing; run"):
        lock.check_all(worksheets)


def test_a_migration_drop_must_be_a_list(tmp_path: Path) -> None:
    bad = textwrap.dedent("""\
        migrations:
          - from_version: 1
            drop: name
        """)
    write(tmp_path, version=2, migrations=bad)
    with pytest.raises(DefinitionError, match="drop: expected a list"):
        load_definitions(definition_files([tmp_path]), shown_path)
