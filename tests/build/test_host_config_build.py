"""The host's settings in a real `mkdocs build`: a misspelt key stops it, and switching
offline support off retires the service worker (moved from tests/unit: they build)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_DEFINITIONS = ROOT / "worksheets" / "examples" / "definitions"


def build(config_text: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    config = tmp_path / "mkdocs.yml"
    # Paths in an inherited file are read relative to this one: give them in full.
    config.write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {ROOT / 'docs'}\n"
                      f"theme:\n  name: material\n  custom_dir: {ROOT / 'overrides'}\n"
                      f"hooks:\n  - {ROOT / 'hooks' / 'onward.py'}\n{config_text}",
                      encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f",
                           str(config), "-d", str(tmp_path / "site")],
                          cwd=ROOT, capture_output=True, text=True, env=env, check=False)


def test_a_misspelt_key_stops_the_real_build(tmp_path):
    result = build("extra:\n  onward:\n    apointment_url: https://example.edu/book\n", tmp_path)
    assert result.returncode != 0
    assert "extra.onward.apointment_url: unknown key" in result.stdout + result.stderr
    assert "did you mean `appointment_url`?" in result.stdout + result.stderr


def test_offline_can_be_switched_off(tmp_path):
    result = build("extra:\n  onward:\n    offline: false\n    notice: Closed on Friday.\n"
                   f"    definitions:\n      - {EXAMPLE_DEFINITIONS}\n", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    site = tmp_path / "site"
    assert "unregister()" in (site / "service-worker.js").read_text()  # retires old copies
    assert (site / "offline-manifest.json").read_text() == '{"retired":true}'
    assert '"offline": false' in (site / "assets" / "onward" / "site-config.js").read_text()
    home = (site / "index.html").read_text()
    assert '<p class="onward-notice">Closed on Friday.</p>' in home
    assert 'rel="manifest"' in home
    # The hosting guide's example page keeps its worksheet out of My plan.
    plan = (site / "my-plan" / "index.html").read_text()
    assert 'data-plan-worksheet="interview-scorecard"' in plan
    assert 'data-plan-worksheet="appointment-prep"' not in plan
