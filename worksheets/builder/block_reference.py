"""The hosting guide's result-block reference, made from the docstrings of
worksheets/compute/blocks.py, so it cannot fall behind the code.

Each public function of `blocks` documents itself as: what the visitor sees, then
`Example:` and a call. The page docs/hosting/result-blocks.md holds MARKER, which the hook
replaces with `reference_markdown()`. Nothing here imports MkDocs.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from worksheets.compute import blocks

MARKER = "<!-- onward: result-block reference -->"
EXAMPLE = "Example:"


class BlockDocError(ValueError):
    """A block function lacks its documentation or its example."""


@dataclass(frozen=True)
class BlockDoc:
    name: str
    signature: str
    text: str
    example: str


def block_functions() -> list[Callable[..., blocks.Block]]:
    """Every public function defined in `blocks`, in the order of the file."""
    found = [value for name, value in vars(blocks).items()
             if inspect.isfunction(value) and value.__module__ == blocks.__name__
             and not name.startswith("_")]
    return sorted(found, key=lambda function: function.__code__.co_firstlineno)


def describe(function: Callable[..., blocks.Block]) -> BlockDoc:
    doc = inspect.getdoc(function) or ""
    text, marker, example = doc.partition(EXAMPLE)
    if not text.strip() or not marker or not example.strip():
        raise BlockDocError(f"worksheets/compute/blocks.py: {function.__name__}() needs a "
                            f"docstring: what the visitor sees, then `{EXAMPLE}` and a call")
    first, *more = example.strip().splitlines()
    return BlockDoc(function.__name__, _signature(function), " ".join(text.split()),
                    "\n".join([first.strip(), *(f"    {line.strip()}" for line in more)]))


def _signature(function: Callable[..., blocks.Block]) -> str:
    """`(label, value, maximum, detail='')`: the names and defaults a caller needs."""
    parameters = inspect.signature(function).parameters.values()
    return "(" + ", ".join(
        parameter.name if parameter.default is inspect.Parameter.empty
        else f"{parameter.name}={parameter.default!r}" for parameter in parameters) + ")"


def run_example(doc: BlockDoc) -> dict[str, Any]:
    """The block the example makes (the examples are the project's own code)."""
    return eval(doc.example, {"blocks": blocks})


def reference_markdown() -> str:
    parts = []
    for doc in map(describe, block_functions()):
        result = json.dumps(run_example(doc), indent=2, ensure_ascii=False)
        parts.append(f"### `{doc.name}`\n\n`blocks.{doc.name}{doc.signature}`\n\n"
                     f"{doc.text}\n\n```python\n{doc.example}\n```\n\n"
                     f"gives the block\n\n```json\n{result}\n```\n")
    return "\n".join(parts)
