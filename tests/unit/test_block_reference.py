"""The hosting guide's result-block reference: every block documented, every example runs
and makes the block its function names."""

from __future__ import annotations

import json

import pytest

from worksheets.builder import block_reference
from worksheets.compute import blocks

EXPECTED = {"heading", "paragraph", "items", "table", "score", "chart", "draft", "download"}


def test_every_block_function_is_documented_with_an_example_that_runs():
    functions = block_reference.block_functions()
    assert {function.__name__ for function in functions} >= EXPECTED
    for function in functions:
        doc = block_reference.describe(function)
        made = block_reference.run_example(doc)
        assert isinstance(made, dict) and made["type"], doc.name
        assert doc.example.startswith(f"blocks.{doc.name}("), doc.name
        json.dumps(made)  # crosses into the browser as JSON


def test_the_reference_lists_every_block_with_its_result():
    text = block_reference.reference_markdown()
    for name in EXPECTED:
        assert f"### `{name}`" in text
    assert '"type": "score"' in text and "detail=''" in text


def test_a_block_without_an_example_stops_the_build(monkeypatch):
    def sparkline(values: list[float]) -> blocks.Block:
        """A tiny chart."""
        return {"type": "sparkline", "values": values}

    sparkline.__module__ = blocks.__name__
    monkeypatch.setattr(blocks, "sparkline", sparkline, raising=False)
    with pytest.raises(block_reference.BlockDocError, match=r"sparkline\(\) needs"):
        block_reference.reference_markdown()
