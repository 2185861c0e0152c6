"""The guide itself: fifteen steps in order, each complete, and in the project's own words."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from mkdocs.config import load_config

from tests.conftest import ROOT, SHIPPED_CONFIG

DOCS = ROOT / "docs"
STEPS = sorted((DOCS / "steps").glob("[0-9][0-9]-*.md"))
COPYCHECK = ROOT.parent / "shared" / "tools" / "copycheck.py"
FENCE = re.compile(r"^(`{3,}|~{3,}).*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)


def split_front_matter(text: str) -> tuple[dict, str]:
    match = re.match(r"^---\n(.*?)\n---\n", text, re.DOTALL)
    assert match, "a step page starts with front matter"
    return yaml.safe_load(match[1]), text[match.end():]


def prose_words(body: str) -> int:
    return len(re.findall(r"[A-Za-z0-9’']+", FENCE.sub("", body)))


def nav_files(items: list) -> list[str]:
    found = []
    for item in items:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        found += nav_files(value) if isinstance(value, list) else [value]
    return found


def test_there_are_fifteen_numbered_steps():
    assert [p.name[:2] for p in STEPS] == [f"{n:02d}" for n in range(1, 16)]


def test_the_steps_are_in_the_nav_in_order():
    nav = nav_files(load_config(str(SHIPPED_CONFIG))["nav"])
    steps = [f for f in nav if f.startswith("steps/")]
    assert steps == [f"steps/{p.name}" for p in STEPS]
    for page in ("index.md", "my-plan.md", "privacy.md", "about.md"):
        assert page in nav


@pytest.mark.parametrize("path", STEPS, ids=lambda p: p.stem)
def test_each_step_page_is_complete(path: Path):
    meta, body = split_front_matter(path.read_text(encoding="utf-8"))
    assert 60 <= len(meta.get("description", "")) <= 200
    assert re.search(r"^# \S", body, re.MULTILINE), "an H1 title"
    # At least its own worksheet; step 8 has two (its action log and its applications).
    assert len(re.findall(r"^```worksheet\nid: [a-z-]+\n```$", body, re.MULTILINE)) >= 1
    assert "**Takeaway:**" in body
    assert 500 <= prose_words(body) <= 1100


def test_the_guide_is_in_its_own_words():
    if not COPYCHECK.exists():
        pytest.skip(f"{COPYCHECK} is not here (it lives in the team's shared folder)")
    result = subprocess.run([sys.executable, str(COPYCHECK), "docs", "worksheets"], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 shared run" in result.stdout
