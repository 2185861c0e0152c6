"""Golden HTML: Markdown with worksheet fences, converted by the real hook's fences.

Regenerate after an intended change with `.ci/test tests/golden --update-golden`, then
read the diff before committing it.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import markdown
import pytest
from mkdocs.config import load_config

from tests.conftest import FIXTURE_CONFIG

CASES = Path(__file__).parent / "cases"
HOOK = Path(__file__).resolve().parents[2] / "hooks" / "onward.py"


def load_hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("onward_hook_under_test", HOOK)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being made
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def md() -> markdown.Markdown:
    """Markdown wired exactly as a build wires it: the fixture site's config and the hook."""
    hook = load_hook()
    config = hook.on_config(load_config(str(FIXTURE_CONFIG)))
    converter = markdown.Markdown(extensions=config.markdown_extensions,
                                  extension_configs=config.mdx_configs)
    converter.onward_hook = hook
    return converter


def pretty(html: str) -> str:
    # One tag per line keeps golden diffs readable; the content itself is unchanged.
    return html.replace("><", ">\n<").strip() + "\n"


@pytest.mark.parametrize("case", sorted(CASES.glob("*.md")), ids=lambda p: p.stem)
def test_fence_renders_as_golden_html(case: Path, md: markdown.Markdown, request):
    md.reset()
    actual = pretty(md.convert(case.read_text(encoding="utf-8")))
    expected_path = case.with_suffix(".html")
    if request.config.getoption("--update-golden") or not expected_path.exists():
        expected_path.write_text(actual, encoding="utf-8")
    assert actual == expected_path.read_text(encoding="utf-8")
