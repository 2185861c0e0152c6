"""The browser's `tab-sync.js` merge, run under Node: two tabs' versions of one record keep
every edit, row by row and sub-field by sub-field (issue 13, items 2 and 3)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
TAB_SYNC_JS = ROOT / "worksheets" / "assets" / "tab-sync.js"
RUNNER = """
import { FieldClock, mergeRecords } from "./tab-sync.mjs";
const [stored, local, times] = JSON.parse(process.argv[2]);
const clock = new FieldClock(times);
console.log(JSON.stringify({ merged: mergeRecords(stored, local), lost: clock.lostIn(stored) }));
"""


@pytest.fixture(scope="module")
def merge(tmp_path_factory: pytest.TempPathFactory, node_binary: str):
    node = node_binary
    folder = tmp_path_factory.mktemp("tab-sync")
    shutil.copy(TAB_SYNC_JS, folder / "tab-sync.mjs")
    (folder / "run.mjs").write_text(RUNNER)

    def run(stored: dict, local: dict, clock: dict | None = None) -> dict[str, Any]:
        done = subprocess.run([node, str(folder / "run.mjs"),
                               json.dumps([stored, local, clock or local["times"]])],
                              capture_output=True, text=True, check=True)
        return json.loads(done.stdout)
    return run


def record(answers: dict, times: dict, row_keys: dict | None = None) -> dict:
    made = {"format": 1, "worksheet": "sheet", "version": 1, "answers": answers,
            "times": times}
    if row_keys is not None:
        made["rowKeys"] = row_keys
    return made


def test_different_parts_of_one_row_both_survive(merge):
    stored = record({"log": [{"note": "theirs", "level": "2"}]}, {"log.a.level": 20},
                    {"log": ["a"]})
    local = record({"log": [{"note": "ours", "level": ""}]}, {"log.a.note": 30}, {"log": ["a"]})
    merged = merge(stored, local)["merged"]
    assert merged["answers"]["log"] == [{"note": "ours", "level": "2"}]
    assert merged["times"] == {"log.a.level": 20, "log.a.note": 30}
    assert merged["rowKeys"] == {"log": ["a"]}


def test_rows_added_in_both_tabs_are_kept_and_a_removed_row_stays_removed(merge):
    stored = record({"log": [{"note": "one"}, {"note": "theirs"}]},
                    {"log": 40, "log.t.note": 41}, {"log": ["a", "t"]})
    local = record({"log": [{"note": "ours"}]},
                   {"log": 50, "log.a": 50, "log.o.note": 51}, {"log": ["o"]})
    merged = merge(stored, local)["merged"]
    # "a" was removed here; "t" goes where it stood in the other tab: after "a", first.
    assert merged["rowKeys"] == {"log": ["t", "o"]}
    assert merged["answers"]["log"] == [{"note": "theirs"}, {"note": "ours"}]
    assert merged["times"]["log.a"] == 50


def test_a_record_from_before_row_keys_counts_as_one_answer_by_time(merge):
    stored = record({"log": [{"note": "newer, whole list"}]}, {"log": 90})
    local = record({"log": [{"note": "older"}]}, {"log.i0.note": 10}, {"log": ["i0"]})
    assert merge(stored, local)["merged"]["answers"]["log"] == [{"note": "newer, whole list"}]


def test_plain_fields_take_the_latest_edit_and_a_lost_edit_is_noticed(merge):
    stored = record({"name": "theirs", "story": "theirs"}, {"name": 10, "story": 30})
    local = record({"name": "ours", "story": "ours"}, {"name": 20, "story": 5})
    result = merge(stored, local)
    assert result["merged"]["answers"] == {"name": "ours", "story": "theirs"}
    assert result["lost"]  # our name (20) is newer than what storage holds (10)
    assert not merge(stored, record({}, {"name": 10}))["lost"]


def test_a_damaged_key_is_never_taken_as_a_field(merge):
    stored = json.loads('{"format": 1, "answers": {"__proto__": {"x": 1}, "name": "a"}, '
                        '"times": {"name": 5}}')
    merged = merge(stored, record({}, {}))["merged"]
    assert merged["answers"] == {"name": "a"}
