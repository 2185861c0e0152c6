"""The safety check: which words set it off, and that every worksheet puts the note first."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from worksheets.builder import bundle, host_config
from worksheets.compute import safety
from worksheets.compute.host import Host
from worksheets.compute.runner import definitions, run

TODAY = date(2026, 11, 27)
LINES = ("Samaritans: 116 123, free, day or night", "Student support: 0161 000 0000")
HOST = Host(support_lines=LINES, crisis_phrases=("can't see a future", "je veux mourir"))


@pytest.mark.parametrize("text", [
    "I want to die",
    "i wanna die",
    "I WANT TO DIE.",
    "Honestly I just want to die after that email",
    "I can't go on like this",
    "I cant go on like this",
    "I can’t go on like this",  # a phone's curly apostrophe
    "I cannot go on",
    "I can't do this anymore",
    "I can't take it any more",
    "I can't cope",
    "I'm going to kill myself",
    "thinking about killing myself",
    "I want to end it all",
    "maybe I should just end it",
    "I'd be better off dead",
    "everyone would be better off without me",
    "There's no reason to live",
    "no point in living",
    "nothing to live for",
    "I want to hurt myself",
    "I've been self-harming again",
    "self harm",
    "suicidal",
    "I keep thinking about suicide",
    "I don't want to be here anymore",
    "I dont want to wake up",
    "I wish I was dead",
    "I wish I'd never been born",
    "life isn't worth living",
    "what's the point of living",
    "I feel worthless",
    "I feel so hopeless",
    "I'm a burden",
    "I'm just a burden to my family",
    "I could die of embarrassment",  # accepted: the check errs towards showing the note
    "kms",
    "I want to disappear forever",
    "I've given up on life",
    "I want it all to stop",
    "I'd rather die than go through that again",
    "I want to\ndie",  # a line break inside the phrase
    "I'm at the end of my tether",
    "I want to top myself",
])
def test_must_trigger(text: str) -> None:
    assert safety.concern(text)


@pytest.mark.parametrize("text", [
    "The project died when the funding went",
    "Meeting the deadline was hard",
    "die-cast models are my hobby",
    "I built a killer app in my last job",
    "They went with a candidate who had more SQL",
    "I'm hopeless at interviews",
    "This is killing my confidence",
    "I wasn't good enough for the job.",
    "I rambled on the second question",
    "My hands were shaking",
    "I should have prepared more",
    "The panel seemed tired",
    "",
])
def test_must_not_trigger(text: str) -> None:
    assert safety.concern(text) == ""


@pytest.mark.parametrize(("text", "expected"), [
    ("I can't see a future", "cant see a future"),
    ("I CANT SEE A FUTURE!", "cant see a future"),
    ("Je veux mourir.", "je veux mourir"),
])
def test_host_phrases_extend_the_list(text: str, expected: str) -> None:
    assert safety.concern(text) == ""
    assert safety.concern(text, HOST.crisis_phrases) == expected


def test_host_phrases_match_whole_words_only() -> None:
    assert safety.concern("I can't see a futures market", HOST.crisis_phrases) == ""


@settings(max_examples=200)
@given(st.text(max_size=300), st.lists(st.text(max_size=20), max_size=3))
def test_any_text_and_phrases_never_raise(text: str, phrases: list[str]) -> None:
    found = safety.concern(text, tuple(phrases))
    # What set the check off is words of the text itself, as the check reads it.
    assert found in safety.normalise(text)
    # A host's phrase written as its own words is always found, whatever surrounds it.
    for phrase in phrases:
        if safety.normalise(phrase):
            assert safety.concern(f"{text} {phrase} ", tuple(phrases)), phrase


@given(st.sampled_from(["I want to die", "kill myself", "I can't go on like this"]),
       st.text(alphabet=" .,;!?\n", max_size=5), st.text(alphabet=" .,;!?\n", max_size=5))
def test_punctuation_and_spacing_around_a_phrase_do_not_hide_it(phrase: str, before: str,
                                                                after: str) -> None:
    assert safety.concern(f"Today.{before}{phrase.upper()}{after}")


# --- Every worksheet with free text puts the note first --------------------------------


def text_fields(fields: list[dict[str, Any]], path: tuple[str, ...] = ()) -> list[tuple]:
    """(field id, row field id or "") for every text field, rows' text fields included."""
    found = []
    for field in fields:
        if field["type"] in safety.TEXT_TYPES:
            found.append((*path, field["id"]))
        elif field["type"] == "rows":
            found += text_fields(field["fields"], (*path, field["id"]))
    return found


def answers_with(path: tuple[str, ...], text: str) -> dict[str, Any]:
    if len(path) == 1:
        return {path[0]: text}
    return {path[0]: [answers_with(path[1:], text)]}


TEXT_FIELDS = [(worksheet_id, path) for worksheet_id, definition in sorted(definitions().items())
               for path in text_fields(definition["fields"])]


def test_every_worksheet_has_text_fields_to_check() -> None:
    # The loop below covers a new worksheet by itself; this says it found them all.
    assert {worksheet_id for worksheet_id, _ in TEXT_FIELDS} == set(definitions())


@pytest.mark.parametrize(("worksheet_id", "path"), TEXT_FIELDS,
                         ids=[f"{w}:{'.'.join(p)}" for w, p in TEXT_FIELDS])
def test_a_crisis_phrase_in_any_text_field_puts_the_note_first(worksheet_id: str,
                                                               path: tuple[str, ...]) -> None:
    blocks = run(worksheet_id, answers_with(path, "Honestly I can’t go on like this."),
                 TODAY, host=HOST)
    first = blocks[0]
    assert first["type"] == "note" and first["title"] == "If you are struggling"
    assert {"type": "list", "title": "People you can contact", "items": list(LINES)} \
        in first["blocks"]
    assert first["blocks"][-1]["href"] == "support/"
    assert sum(b.get("calm", False) for b in blocks) == 1  # one steady line, never two
    # Nothing cheerful beside it: the compute's prose is gone, only calm lines stay.
    assert all(b.get("calm") for b in blocks[1:] if b["type"] == "text")
    assert sum(b["type"] == "note" and b["title"] == safety.NOTE_TITLE for b in blocks) == 1
    assert not [b for b in blocks[1:] if b.get("href") == "support/"]


@pytest.mark.parametrize(("worksheet_id", "path"), TEXT_FIELDS[:: max(1, len(TEXT_FIELDS) // 8)])
def test_the_same_field_without_the_phrase_has_no_note(worksheet_id: str,
                                                       path: tuple[str, ...]) -> None:
    blocks = run(worksheet_id, answers_with(path, "It went fine, I think."), TODAY, host=HOST)
    assert all(b["type"] != "note" or b["title"] != safety.NOTE_TITLE for b in blocks)


def test_without_host_lines_the_note_names_general_help() -> None:
    blocks = run("control-sort", {"sentence": "I want to die"}, TODAY, host=Host())
    texts = [b.get("text", "") for b in blocks[0]["blocks"]]
    assert any("local helpline" in text for text in texts)


def test_a_host_phrase_sets_off_a_worksheet() -> None:
    answers = {"situation": "I can’t see a future."}
    assert run("reframe-record", answers, TODAY, host=HOST)[0]["type"] == "note"
    assert run("reframe-record", answers, TODAY, host=Host())[0]["type"] != "note"


def test_toning_down_keeps_data_and_drops_prose_and_orphaned_headings() -> None:
    result = [{"type": "heading", "text": "Reflection"},
              {"type": "text", "text": "Small shifts count."},
              {"type": "heading", "text": "Your wins"},
              {"type": "list", "title": "", "items": ["Sent the email"]},
              {"type": "text", "text": "Saved.", "calm": True}]
    assert safety.toned_down(result) == result[2:]


# --- The host's phrases travel from mkdocs.yml to the browser package -----------------


def test_host_config_reads_and_checks_crisis_phrases(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("extra:\n  onward:\n    crisis_phrases: [x]\n", encoding="utf-8")
    loaded = host_config.load_host_config({"crisis_phrases": [" can't see a future ", ""]},
                                          config)
    assert loaded.crisis_phrases == ("can't see a future",)
    with pytest.raises(host_config.HostConfigError, match=r"mkdocs.yml:3: .*crisis_phrases"):
        host_config.load_host_config({"crisis_phrases": "one string"}, config)
    with pytest.raises(host_config.HostConfigError, match="has no letters"):
        host_config.load_host_config({"crisis_phrases": ["?!"]}, config)


def test_the_package_ships_the_host_settings_computes_read() -> None:
    host = host_config.HostConfig(support_lines=LINES, crisis_phrases=HOST.crisis_phrases,
                                  appointment_url="https://example.org/book")
    shipped = Host.from_dict(json.loads(bundle.host_json(host)))
    assert shipped == Host(support_lines=LINES, crisis_phrases=HOST.crisis_phrases,
                           appointment_url="https://example.org/book")
    assert safety.concern("can't see a future", shipped.crisis_phrases)


def test_the_package_zip_holds_host_json() -> None:
    import io
    import zipfile

    from worksheets.builder.registry import load_package_definitions

    host = host_config.HostConfig(crisis_phrases=("je veux mourir",))
    package = bundle.package_zip(load_package_definitions(), host=host)
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        data = json.loads(archive.read("worksheets/compute/host.json"))
    assert data["crisis_phrases"] == ["je veux mourir"]


def test_my_plan_keeps_the_note_first_in_its_markdown() -> None:
    from worksheets.compute.plan import build_plan

    answers = {"control-sort": {"sentence": "I want to die"}}
    plan = build_plan(answers, ["control-sort"], TODAY)
    assert plan["summaries"]["control-sort"]["result"][0]["type"] == "note"
    result = plan["markdown"].split("### Result", 1)[1]
    assert result.lstrip().startswith("**If you are struggling**")
    assert "More on what helps, and who to talk to" in result


def test_affirmations_are_not_read_out_beside_the_note() -> None:
    answers = {"own": [{"text": "I can't go on like this"}, {"text": "I keep going"}]}
    blocks = run("affirmations", answers, TODAY, host=HOST)
    assert [b["type"] for b in blocks] == ["note", "text"]
    assert blocks[1] == {"type": "text", "text": safety.CAN_WAIT, "calm": True}
