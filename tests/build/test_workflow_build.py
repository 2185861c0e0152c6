"""The hosting guide's GitHub Pages workflow builds this site with its own commands (moved
from tests/unit/test_host_config_recipes.py: it runs a full build)."""

from __future__ import annotations

import os
import shlex
import subprocess

from tests.unit.test_host_config_recipes import ROOT, workflow_build_step


def test_workflow_build_commands_build_this_site(tmp_path):
    """Run the workflow's own commands here (set-up is idempotent; the build writes to a
    temporary folder instead of site/)."""
    step = workflow_build_step()
    commands = [shlex.split(line) for line in step["run"].splitlines() if line.strip()]
    assert commands[0] == [".ci/setup"]
    assert os.access(ROOT / ".ci" / "setup", os.X_OK)
    assert commands[1] == [".venv/bin/mkdocs", "build", "--strict"]
    env = {**os.environ, **step["env"], "ONWARD_SITE_URL": "https://owner.example/guide/"}
    result = subprocess.run([*commands[1], "-q", "-d", str(tmp_path / "site")], cwd=ROOT,
                            env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "site" / "hosting" / "add-a-worksheet" / "index.html").is_file()
    sitemap = (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://owner.example/guide/hosting/" in sitemap
