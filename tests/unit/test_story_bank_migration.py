"""Step 13's version 1 (one answer) to version 2 (a bank of stories): the browser's own
migrations.js, run under Node on the real definition's schema, puts the old answer into
the first story and drops nothing; and the build refuses a move the browser cannot make."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import NodeScript
from worksheets.builder.loader import DefinitionError, load_definition
from worksheets.builder.registry import load_package_definitions
from worksheets.builder.schema import check_migrations, worksheet_schema
from worksheets.compute.runner import run

ROOT = Path(__file__).resolve().parents[2]
# The browser's modules load through tests/js/assets.mjs, which answers their import of the
# build's generated site-config.js.
LOADER = (ROOT / "tests" / "js" / "assets.mjs").as_uri()
RUNNER = f"""
import {{ asset }} from "{LOADER}";
const {{ migrateRecord }} = await asset("answer-record.js");
const [records, schema] = JSON.parse(process.argv[2]);
console.log(JSON.stringify(records.map((record) => {{
  const first = migrateRecord(record, schema);
  const again = migrateRecord(first.record, schema);
  return {{ ...first, changedAgain: again.changed }};
}})));
"""
V1_ANSWERS = {
    "question": "Tell me about a time you solved a problem under pressure.",
    "format": "CAR",
    "situation": "The weekly delivery report broke before a board meeting.",
    "task": "My manager asked me to fix it by Thursday.",
    "action": "I compared the raw data with last month's file.",
    "result": "The report went out a day early.",
    "job_description": "You will lead a team and meet deadlines.",
}
MOVED = ("question", "format", "situation", "task", "action", "result")


@pytest.fixture(scope="module")
def migrate(run_in_node: NodeScript) -> Callable[..., list[dict[str, Any]]]:
    run = run_in_node(RUNNER)
    schema = worksheet_schema(load_package_definitions()["star-builder"])
    return lambda *records: run([records, schema])


def v1(answers: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"format": 1, "worksheet": "star-builder", "version": 1, "answers": answers,
            "savedAt": 1_700_000_000_000, **extra}


def test_the_one_answer_becomes_the_first_story_and_nothing_is_dropped(migrate) -> None:
    times = {name: 1000 + index for index, name in enumerate(V1_ANSWERS)}
    [result] = migrate(v1(V1_ANSWERS, times=times))
    assert result["changed"] and not result["changedAgain"]
    record = result["record"]
    assert record["version"] == 2
    assert record["answers"] == {
        "stories": [{name: V1_ANSWERS[name] for name in MOVED}],
        "job_description": V1_ANSWERS["job_description"]}
    assert record["earlier"] == {}
    # Each edit time follows its answer into the row (keyed i0: the record has no row keys),
    # and the rows field is stamped with the latest, as if the row had just been added.
    assert record["times"] == {
        "job_description": times["job_description"], "stories": times["result"],
        **{f"stories.i0.{name}": times[name] for name in MOVED}}


def test_a_half_written_answer_moves_as_it_is(migrate) -> None:
    [result] = migrate(v1({"action": "I rebuilt the rota.", "format": "STAR"}))
    assert result["record"]["answers"] == {
        "stories": [{"action": "I rebuilt the rota.", "format": "STAR"}]}


def test_an_advert_alone_makes_no_empty_story(migrate) -> None:
    [result] = migrate(v1({"job_description": "Sales leads."}))
    assert result["record"]["answers"] == {"job_description": "Sales leads."}


def test_an_answer_the_bank_has_no_place_for_is_kept_as_an_earlier_answer(migrate) -> None:
    odd = {**V1_ANSWERS, "format": "SOAR", "notes": "from an older page"}
    [result] = migrate(v1(odd))
    record = result["record"]
    assert record["answers"]["stories"][0]["format"] == ""
    assert {path: entry["value"] for path, entry in record["earlier"].items()} == {
        "notes": "from an older page", "stories.1.format": "SOAR"}


def test_a_first_story_already_there_keeps_its_part_and_the_old_one_is_kept_too(
        migrate) -> None:
    mixed = {"question": "Old question", "action": "Old action",
             "stories": [{"question": "New question"}]}
    [result] = migrate(v1(mixed))
    record = result["record"]
    assert record["answers"]["stories"] == [{"question": "New question",
                                             "action": "Old action"}]
    assert {path: entry["value"] for path, entry in record["earlier"].items()} == {
        "question": "Old question"}


def test_a_version_2_record_is_left_as_it_is(migrate) -> None:
    current = {**v1({"stories": [{"action": "x"}]}), "version": 2}
    [result] = migrate(current)
    assert result == {"record": current, "changed": False, "changedAgain": False}


def test_the_migrated_story_gives_the_same_timing_as_the_old_answer(migrate) -> None:
    [result] = migrate(v1(V1_ANSWERS))
    blocks = run("star-builder", result["record"]["answers"], date(2026, 12, 1))
    assert blocks[0] == {"type": "heading", "text": "Your CAR answer"}
    # CAR, as before: the challenge (the old situation), the action and the result.
    assert blocks[1]["items"][0] == "25 words"
    assert blocks[1]["items"][1] == "Speaking time: about 12 seconds at 130 words a minute"


SHEET = """
id: sheet
version: 2
title: Sheet
migrations:
  - from_version: 1
    rename: {rename}
fields:
  - id: note
    type: short_text
    label: Note
  - id: log
    type: rows
    label: Log
    fields:
      - id: text
        type: short_text
        label: Text
  - id: other
    type: rows
    label: Other
    fields:
      - id: text
        type: short_text
        label: Text
"""


@pytest.mark.parametrize("rename", ["{note_old: log.text}", "{log.old: log.text}",
                                    "{old: note}"])
def test_moves_the_browser_can_make_pass_the_build(rename: str) -> None:
    check_migrations(load_definition(SHEET.format(rename=rename), "sheet.yml"))


@pytest.mark.parametrize("rename", ["{log.text: note}", "{log.text: other.text}"])
def test_a_move_out_of_rows_stops_the_build_with_what_to_write(rename: str) -> None:
    sheet = load_definition(SHEET.format(rename=rename), "sheet.yml")
    with pytest.raises(DefinitionError, match=r"sheet.yml:\d+: .*inside the rows of 'log' "
                                              r"and cannot move .*`drop:`"):
        check_migrations(sheet)
