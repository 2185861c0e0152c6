"""A worksheet changes between two builds: answers saved under the old definition are moved
forward by its declared migration when the page loads, and nothing is lost."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from tests.browser.data_helpers import answers_key
from tests.browser.helpers import POLL_MS, stored_answers, wait_saved
from tests.conftest import ROOT, build_site
from tests.site_server import free_port, serve

# The site's service worker runs here: the offline copy is what these tests check.
pytestmark = pytest.mark.offline_copy

ID = "moving-sheet"
VERSION_1 = """
    id: moving-sheet
    version: 1
    title: Moving sheet
    fields:
      - id: name
        type: short_text
        label: Your name
      - id: mood
        type: single_choice
        label: Mood
        options: [calm, tense]
      - id: old_note
        type: long_text
        label: A question that will go
      - id: tags
        type: multiple_choice
        label: Tags
        options: [alpha, beta, gamma]
    """
VERSION_2 = """
    id: moving-sheet
    version: 2
    title: Moving sheet
    migrations:
      - from_version: 1
        rename: {name: full_name}
        options: {mood: {tense: stressed}}
    fields:
      - id: full_name
        type: short_text
        label: Your full name
      - id: mood
        type: single_choice
        label: Mood
        options: [calm, stressed]
      - id: tags
        type: multiple_choice
        label: Tags
        options: [alpha, beta]
      - id: plan
        type: short_text
        label: A new question
    """


def write_site(folder: Path, definition: str) -> Path:
    (folder / "definitions").mkdir(parents=True, exist_ok=True)
    (folder / "docs").mkdir(exist_ok=True)
    (folder / "definitions" / f"{ID}.yml").write_text(textwrap.dedent(definition))
    (folder / "docs" / "index.md").write_text("# Home\n")
    (folder / "docs" / "sheet.md").write_text(f"# Sheet\n\n```worksheet\nid: {ID}\n```\n")
    config = folder / "mkdocs.yml"
    config.write_text(textwrap.dedent(f"""
        INHERIT: {ROOT / "mkdocs.yml"}
        site_name: Migration fixture
        docs_dir: {folder / "docs"}
        theme:
          name: material
          custom_dir: {ROOT / "overrides"}
          font: false
          features: [navigation.instant]
        hooks: [{ROOT / "hooks" / "onward.py"}]
        nav: [index.md, sheet.md]
        extra:
          onward:
            definitions: [{folder / "definitions"}]
        """))
    return config


def test_answers_survive_a_changed_definition(page, tmp_path):
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    target = tmp_path / "site"
    build_site(write_site(tmp_path / "src", VERSION_1), target, site_url=url)
    with serve(target, port=port):
        page.goto(url + "sheet/")
        page.fill("input[name=name]", "Ada Lovelace")
        page.check("input[name=mood][value=tense]")
        page.fill("textarea[name=old_note]", "Keep me, please")
        page.check("input[name=tags][value=alpha]")
        page.check("input[name=tags][value=gamma]")
        wait_saved(page, ID)
        assert stored_answers(page, ID)["version"] == 1

        build_site(write_site(tmp_path / "src", VERSION_2), target, site_url=url)
        # An offline copy would show the old page once more; this test is about the new one.
        page.evaluate("navigator.serviceWorker.getRegistrations()"
                      ".then((all) => Promise.all(all.map((r) => r.unregister())))")
        page.reload()
        assert page.get_attribute(f"form[data-worksheet={ID}]", "data-worksheet-version") == "2"
        assert page.input_value("input[name=full_name]") == "Ada Lovelace"
        assert page.is_checked("input[name=mood][value=stressed]")
        assert page.is_checked("input[name=tags][value=alpha]")
        earlier = page.locator(f"form[data-worksheet={ID}] [data-worksheet-earlier]")
        assert earlier.locator("summary").text_content() == "Earlier answers (2)"
        items = earlier.locator("li").all_text_contents()
        assert items == ["Old note: Keep me, please", "Tags: gamma"]

        # Saved forward at once, and kept through the next edit.
        page.wait_for_function(
            "(k) => JSON.parse(localStorage.getItem(k)).version === 2", arg=answers_key(ID),
            polling=POLL_MS)
        page.fill("input[name=plan]", "Next step")
        page.wait_for_function(
            "(k) => JSON.parse(localStorage.getItem(k)).answers.plan === 'Next step'",
            arg=answers_key(ID), polling=POLL_MS)
        record = stored_answers(page, ID)
        assert record["answers"] == {"full_name": "Ada Lovelace", "mood": "stressed",
                                     "tags": ["alpha"], "plan": "Next step"}
        assert {key: entry["value"] for key, entry in record["earlier"].items()} == {
            "old_note": "Keep me, please", "tags": ["gamma"]}
        page.reload()
        assert "Keep me, please" in earlier.text_content()
        assert json.dumps(stored_answers(page, ID)["earlier"]) == json.dumps(record["earlier"])
