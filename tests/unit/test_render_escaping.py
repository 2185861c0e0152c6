"""Any text an author writes in a definition reaches the page escaped, never as markup."""

from __future__ import annotations

from html import escape

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from worksheets.builder.loader import load_definition
from worksheets.builder.render import render_worksheet

# Markup characters among plain ones.
MARKUP = st.text(alphabet="ab <>&\"'/=;", max_size=12)


@settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow])
@given(inner=st.lists(MARKUP, min_size=9, max_size=9))
def test_every_authors_text_appears_escaped_and_never_raw(inner: list[str]) -> None:
    # Each text framed by its own letters, so it can be told apart from the page's tags.
    texts = [f"T{number}:{text}:{number}T" for number, text in enumerate(inner)]
    title, intro, label, help_text, option_a, option_b, row_label, add_label, sub = texts
    definition = {
        "id": "fuzz", "version": 1, "title": title, "intro": intro,
        "fields": [
            {"id": "name", "type": "short_text", "label": label, "help": help_text},
            {"id": "pick", "type": "single_choice", "label": "Pick",
             "options": [option_a, {"value": "b", "label": option_b}]},
            {"id": "log", "type": "rows", "label": "Log", "row_label": row_label,
             "add_label": add_label, "fields": [{"id": "note", "type": "long_text",
                                                 "label": sub}]},
        ],
    }
    html = render_worksheet(load_definition(yaml.safe_dump(definition), "defs/fuzz.yml"))
    for text in texts:
        assert escape(text) in html, f"{text!r} is not on the page escaped"
        if "<" in text or "&" in text:
            assert text not in html, f"{text!r} reached the page as raw markup"
