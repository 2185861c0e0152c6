"""Reference fields: checked at load time, resolved for computes, migrated without loss."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import NodeScript
from worksheets.builder.loader import DefinitionError, load_definitions
from worksheets.builder.references import resolve_references
from worksheets.builder.registry import load_package_definitions
from worksheets.builder.schema import worksheet_schema
from worksheets.compute import journal, references
from worksheets.compute.answers import Answers
from worksheets.compute.runner import definitions, run

ROOT = Path(__file__).resolve().parents[2]
JOURNAL_ROW = {"organization": "Acme", "role": "Data analyst", "date": "2026-11-20",
               "notes": "Panel of three"}
SOURCES = {"interview-journal": {"interviews": {"k1": JOURNAL_ROW}}}
PICKED = {"row": "k1", "label": "Acme · Old role · 20 Nov", "snapshot": {"organization": "Acme"}}

PICKER = """
id: picker
version: 1
title: Picker
fields:
  - id: log
    type: rows
    label: Log
    fields:
      - id: which
        type: reference
        label: Which interview
        source: {source}
{extra}
"""


def load_picker(tmp_path: Path, source: str, extra: str = "") -> None:
    folder = tmp_path / "defs"
    folder.mkdir()
    (folder / "picker.yml").write_text(PICKER.format(source=source, extra=extra))
    package = ROOT / "worksheets" / "definitions"
    resolve_references(load_definitions([*package.glob("*.yml"), folder / "picker.yml"]))


@pytest.mark.parametrize(("source", "extra", "words"), [
    ("no-such-sheet.rows", "", "names no loaded worksheet 'no-such-sheet'"),
    ("interview-journal.nothing", "", "has no field 'nothing'; use one of its repeating "
     "groups: interviews"),
    ("feedback-request.company", "", "is not a repeating group"),
    ("interview-journal", "", "must name a worksheet and one of its repeating groups"),
    ("picker.log", "", "is this worksheet itself"),
    ("interview-journal.interviews", "        show: [notes]", "'notes' cannot name a row"),
])
def test_a_bad_source_names_file_line_field_and_fix(tmp_path, source, extra, words):
    with pytest.raises(DefinitionError) as caught:
        load_picker(tmp_path, source, extra)
    assert caught.value.source.endswith("picker.yml")
    assert caught.value.line == 10  # the reference field's own line
    assert caught.value.where.startswith("log.which.")
    assert words in caught.value.problem


def test_a_reference_is_filled_in_from_its_source():
    field = load_package_definitions()["interview-scorecard"].fields[0].fields[1]
    assert field.type == "reference" and field.source_title == "Interview journal"
    assert field.shown == (("organization", "short_text"), ("role", "short_text"),
                           ("date", "date"))


def test_a_linked_row_reads_with_its_current_name_and_data():
    resolved = references.resolve({"pick": PICKED}, [
        {"id": "pick", "type": "reference", "source": "interview-journal.interviews",
         "source_title": "Interview journal",
         "show": [{"id": "organization", "type": "short_text"},
                  {"id": "role", "type": "short_text"}, {"id": "date", "type": "date"}]}],
        SOURCES)
    found = references.picked(Answers(resolved), "pick")
    assert found.state == "linked" and found.shown == "Acme · Data analyst · 20 Nov"
    assert found.row.text("notes") == "Panel of three"


def test_a_deleted_row_reads_from_its_snapshot():
    field = {"id": "pick", "type": "reference", "source": "interview-journal.interviews",
             "source_title": "Interview journal", "show": []}
    found = references.picked(Answers(references.resolve({"pick": PICKED}, [field], {})),
                              "pick")
    assert found.state == "deleted"
    assert found.shown == "Acme · Old role · 20 Nov (deleted from the interview journal)"
    assert found.row.text("organization") == "Acme"


def test_text_typed_before_the_reference_reads_as_typed():
    found = references.picked(Answers({"pick": "Analyst, Northwind"}), "pick")
    assert (found.state, found.shown, found.key) == ("typed", "Analyst, Northwind", "")
    assert references.picked(Answers({"pick": ""}), "pick") is None


@pytest.mark.parametrize(("text", "short"), [
    ("2026-11-20", "20 Nov"), ("2026-01-05", "5 Jan"), ("next week", "next week"),
    ("2026-13-01", "2026-13-01")])
def test_dates_are_shown_short(text, short):
    assert references.short_date(text) == short


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
                    lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
                    max_leaves=12)


@given(value=JSON, sources=JSON)
def test_any_stored_value_and_sources_resolve_without_raising(value, sources):
    fields = [{"id": "pick", "type": "reference", "source": "interview-journal.interviews"}]
    resolved = references.resolve({"pick": value}, fields, sources)
    found = references.picked(Answers(resolved), "pick")
    assert found is None or isinstance(found.shown, str)


def test_the_scorecard_and_lessons_log_name_the_picked_interview():
    scorecard = {"interviews": [{"interview": PICKED, "clarity": "4"}]}
    blocks = run("interview-scorecard", scorecard, date(2026, 11, 25), sources=SOURCES)
    assert blocks[0]["label"] == "Overall: Acme · Data analyst · 20 Nov"
    lessons = {"entries": [{"interview": "Typed, Co", "learned": "Slow down",
                            "change": "Pause before answering"}]}
    text = json.dumps(run("lessons-log", lessons, date(2026, 11, 25)))
    assert "Typed, Co" in text


def test_my_plan_groups_each_interviews_entries():
    answers = {"interview-scorecard": {"interviews": [{"interview": PICKED, "clarity": "4"}]},
               "lessons-log": {"entries": [{"interview": PICKED, "learned": "Slow down"}]},
               "feedback-request": {"feedback": [{"interview": "Typed, Co", "said": "Good"}]}}
    groups = journal.grouped(answers, SOURCES)
    assert groups["k1"][0] == "Acme · Data analyst · 20 Nov"
    assert "Lessons log: Slow down" in groups["k1"][1]
    assert any(line.startswith("Interview self-evaluation scorecard") for line in groups["k1"][1])
    assert groups["typed:Typed, Co"] == ("Typed, Co", ["Feedback request and log: Good"])


# --- Migrations: old answers in, every value still there -------------------------------

# The browser's modules load through tests/js/assets.mjs, which answers their import of the
# build's generated site-config.js (see there).
LOADER = (ROOT / "tests" / "js" / "assets.mjs").as_uri()
RUNNER = f"""
import {{ asset }} from "{LOADER}";
const {{ migrateRecord }} = await asset("answer-record.js");
const [record, schema] = JSON.parse(process.argv[2]);
console.log(JSON.stringify(migrateRecord(record, schema)));
"""
OLD = {
    "interview-scorecard": {"interviews": [
        {"date": "2026-10-01", "role": "Analyst, Northwind", "clarity": "3",
         "clarity_note": "Rambled"}]},
    "lessons-log": {"entries": [
        {"date": "2026-10-02", "organization": "Riverside Dental", "learned": "Breathe",
         "change": "Time answers"}]},
    "feedback-request": {"company": "Northwind", "role": "Analyst", "feedback": [
        {"date": "2026-10-03", "source": "Analyst, Northwind", "said": "Too long",
         "themes": ["communication"], "action": "Shorter"}]},
}
MOVED = {"interview-scorecard": ("role", "interview"), "lessons-log": ("organization", "interview"),
         "feedback-request": ("source", "interview")}


@pytest.fixture(scope="module")
def migrate(run_in_node: NodeScript) -> Callable[[dict, dict], dict]:
    run = run_in_node(textwrap.dedent(RUNNER))
    return lambda record, schema: run([record, schema])


@pytest.mark.parametrize("worksheet_id", sorted(OLD))
def test_old_answers_keep_every_value_in_place(migrate, worksheet_id):
    sheet = load_package_definitions()[worksheet_id]
    record = {"format": 1, "worksheet": worksheet_id, "version": 1, "answers": OLD[worksheet_id]}
    moved = migrate(record, worksheet_schema(sheet))
    assert moved["changed"] and moved["record"]["version"] == sheet.version
    assert moved["record"]["earlier"] == {}  # nothing left without a place
    old_values = sorted(json.dumps(v) for v in _leaves(OLD[worksheet_id]))
    new_values = sorted(json.dumps(v) for v in _leaves(moved["record"]["answers"]))
    assert old_values == new_values
    old_name, new_name = MOVED[worksheet_id]
    group = next(f.id for f in sheet.fields if f.type == "rows")
    row = moved["record"]["answers"][group][0]
    assert row[new_name] == OLD[worksheet_id][group][0][old_name]
    # ... and the compute shows the typed name as it was typed.
    result = json.dumps(run(worksheet_id, moved["record"]["answers"], date(2026, 11, 1)),
                        ensure_ascii=False)
    assert OLD[worksheet_id][group][0][old_name] in result or worksheet_id == "lessons-log"


def _leaves(value: object) -> list[object]:
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in _leaves(item)]
    if isinstance(value, list) and not all(isinstance(i, str) for i in value):
        return [leaf for item in value for leaf in _leaves(item)]
    return [value]


def test_the_bundled_definitions_carry_what_computes_need():
    field = definitions()["lessons-log"]["fields"][0]["fields"][1]
    assert field["type"] == "reference" and references.shown_fields(field)[0]["id"] \
        == "organization"


# --- The browser's side, run by Node: the same names as Python, and backups keep picks ----

JS_RUNNER = f"""
import {{ asset }} from "{LOADER}";
const {{ rowLabel }} = await asset("references.js");
const {{ checkBackup }} = await asset("backup.js");
const {{ rows, show, backup, schema }} = JSON.parse(process.argv[2]);
const checked = checkBackup(backup, new Map([[schema.id, schema]]));
console.log(JSON.stringify({{ labels: rows.map((row) => rowLabel(row, show)), checked }}));
"""


@pytest.fixture(scope="module")
def assets_in_node(run_in_node: NodeScript) -> Callable[[Any], Any]:
    return run_in_node(JS_RUNNER)


ROWS = [JOURNAL_ROW, {"organization": " Beta ", "role": "", "date": "2026-01-05"},
        {"organization": "", "role": "", "date": "soon"}, {"role": 42}, {}]
SHOW = [{"id": "organization", "type": "short_text"}, {"id": "role", "type": "short_text"},
        {"id": "date", "type": "date"}]


def test_the_browser_names_rows_as_python_does_and_backups_keep_picks(assets_in_node):
    schema = worksheet_schema(load_package_definitions()["interview-scorecard"])
    entry = {"id": "interview-scorecard", "version": 2, "savedAt": "2026-11-01T00:00:00Z",
             "answers": {"interviews": [{"interview": PICKED}, {"interview": "Typed, Co"}]}}
    bad = {**entry, "answers": {"interviews": [{"interview": {"row": 3}}]}}
    out = assets_in_node({"rows": ROWS, "show": SHOW, "schema": schema,
                          "backup": {"worksheets": [entry]}})
    assert out["labels"] == [references.row_label(row, SHOW) for row in ROWS]
    assert out["labels"][:2] == ["Acme · Data analyst · 20 Nov", "Beta · 5 Jan"]
    [kept] = out["checked"]["accepted"]
    assert kept["answers"]["interviews"] == entry["answers"]["interviews"]
    refused = assets_in_node({"rows": [], "show": SHOW, "schema": schema,
                              "backup": {"worksheets": [bad]}})["checked"]["refused"]
    assert "keeps a picked entry" in refused[0]["reason"]


def test_the_journal_shows_what_is_coming_and_what_has_gone_quiet():
    answers = {"interviews": [
        {"organization": "Acme", "role": "Analyst", "date": "2026-11-10", "outcome": "waiting"},
        {"organization": "Beta", "role": "Dev", "date": "2026-12-05", "stage": "final"},
        {"organization": "Gamma", "date": "2026-11-20", "outcome": "waiting"},
        {"organization": "Delta", "outcome": "rejected"}]}
    result = run("interview-journal", answers, date(2026, 11, 25))
    assert result[0]["text"].startswith("4 interviews in your journal.")
    coming, quiet, table = result[1:]
    assert coming["items"] == ["Beta · Dev · 5 Dec (final round)"]
    assert quiet["items"] == ["Acme · Analyst · 10 Nov: 15 days without a reply"]  # not Gamma
    assert table["rows"] == [["Waiting to hear", 2], ["Not this time", 1]]
    assert "first interview" in run("interview-journal", {}, date(2026, 11, 25))[0]["text"]


def test_the_empty_note_links_to_the_source_page_when_the_build_knows_it():
    from worksheets.builder.render import page_links, render_worksheet

    sheet = load_package_definitions()["lessons-log"]
    links = page_links([("interview-journal", "Interview journal", "interview-journal/")],
                       lambda url: f"../../{url}")
    html = render_worksheet(sheet, links)
    assert '<a href="../../interview-journal/">Interview journal</a>' in html
    assert "<a " not in render_worksheet(sheet).split("data-reference-empty>")[1][:200]


def test_my_plan_lists_a_pick_by_its_current_name_and_a_lost_one_as_deleted():
    from worksheets.compute.plan import build_plan

    answers = {"lessons-log": {"entries": [
        {"interview": PICKED, "learned": "Slow down"},
        {"interview": {"row": "gone", "label": "Beta · Dev", "snapshot": {}},
         "learned": "Breathe"}]}}
    plan = build_plan(answers, ["lessons-log"], date(2026, 11, 25), SOURCES)
    lines = plan["summaries"]["lessons-log"]["answers"]
    assert "Which interview: Acme · Data analyst · 20 Nov" in lines[0]
    assert "deleted" not in lines[0]
    assert "Which interview: Beta · Dev (deleted from the interview journal)" in lines[1]
    assert references.Picked("", "X", "deleted", Answers({})).shown == \
        "X (deleted from its list)"
