"""The fuzz tests' block checker (block_shapes.py) agrees with blocks.py: it accepts what
the constructors make and names what is wrong with a broken block."""

from __future__ import annotations

import pytest

from tests.unit.block_shapes import assert_valid_result, block_problems
from worksheets.compute import blocks

MADE = [
    blocks.heading("Next"), blocks.paragraph("Text."), blocks.items(["a"], title="T"),
    blocks.table(["A", "B"], [["x", None], [1, True]]), blocks.score("S", 3.456, 5),
    blocks.chart("C", ["W1", "W2"], [1, 2], goal=2), blocks.draft("D", "Body"),
    blocks.download("Save", "f.txt", "x"), blocks.card("Card", ["line"], footer="f"),
    blocks.calm("Calm."), blocks.link("Support", "support/"),
    blocks.note("Note", [blocks.paragraph("Inside.")]),
]


def test_every_constructed_block_is_valid() -> None:
    assert_valid_result(MADE)


@pytest.mark.parametrize(("block", "problem"), [
    ({"type": "shout", "text": "x"}, "not a known block"),
    ({"type": "text"}, "text.text is missing"),
    ({**blocks.items(["a"]), "items": ["a", 3]}, "list.items holds"),
    (blocks.table(["A", "B"], [["only one"]]), "has not 2 cells"),
    ({**blocks.score("S", 1, 5), "value": float("nan")}, "score.value holds nan"),
    ({**blocks.chart("C", ["a"], [1]), "values": [1, 2]}, "one value per label"),
    (blocks.note("N", [{"type": "text", "text": None}]), "note.blocks holds"),
    ({**blocks.draft("D", "B"), "mail": "yes"}, "draft.mail holds"),
])
def test_a_broken_block_is_named(block: dict, problem: str) -> None:
    assert any(problem in found for found in block_problems(block)), block_problems(block)
