"""The hosting guide's files are the tested ones: the pages include them verbatim, the
GitHub Pages workflow runs this project's own set-up and build, and the example worksheet
and its compute behave as the page says."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import yaml

from worksheets.builder import csp
from worksheets.compute import appointment_prep
from worksheets.compute.answers import Answers
from worksheets.compute.runner import Context

ROOT = Path(__file__).resolve().parents[2]
HOSTING = ROOT / "docs" / "hosting"
WORKFLOW = HOSTING / "github-pages.yml"


def workflow_build_step() -> dict:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    return next(step for step in steps if step.get("name") == "Build the site")


def test_pages_include_the_tested_files():
    index = (HOSTING / "index.md").read_text(encoding="utf-8")
    assert '--8<-- "docs/hosting/nginx.conf"' in index
    assert '--8<-- "docs/hosting/github-pages.yml"' in index
    example = (HOSTING / "add-a-worksheet.md").read_text(encoding="utf-8")
    for included in ("worksheets/examples/definitions/appointment-prep.yml",
                     "worksheets/compute/appointment_prep.py",
                     "worksheets/examples/pages/appointment-prep.md"):
        assert f'--8<-- "{included}"' in example
        assert (ROOT / included).is_file()


def test_workflow_publishes_what_the_build_writes():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    build = workflow["jobs"]["build"]["steps"]
    upload = next(step for step in build if "upload-pages-artifact" in step.get("uses", ""))
    assert upload["with"]["path"] == "site"  # mkdocs' default site_dir
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert any("deploy-pages" in step.get("uses", "") for step in deploy["steps"])
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    # mkdocs.yml reads the published address from the variable the workflow sets.
    assert "ONWARD_SITE_URL" in workflow_build_step()["env"]
    assert "!ENV [ONWARD_SITE_URL" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")



def compute(raw: dict) -> list:
    context = Context(today=date(2026, 3, 2), definition={"fields": []})
    return appointment_prep.compute(Answers(raw), context)


def test_example_compute_asks_for_answers_first():
    [block] = compute({})
    assert "to see your agenda" in block["text"]


def test_example_compute_gives_an_agenda_a_list_and_a_note():
    blocks = compute({"goal": "setback", "adviser": "Priya", "bring": ["Your CV"],
                      "questions": [{"question": "Which roles suit me?"}, {"question": " "}],
                      "tried": "Two applications a week."})
    agenda, bring, note = blocks
    assert agenda["items"] == ["I'd like to make a plan after a recent rejection.",
                               "Question: Which roles suit me?",
                               "So far I have: Two applications a week."]
    assert bring["items"] == ["Your CV"]
    assert note["type"] == "draft" and note["body"].startswith("Hello Priya,")
    assert "- Question: Which roles suit me?" in note["body"]


def nginx_headers() -> dict[str, str]:
    text = (HOSTING / "nginx.conf").read_text(encoding="utf-8")
    return dict(re.findall(r'^\s*add_header ([\w-]+) "([^"]*)" always;$', text, re.MULTILINE))


def test_nginx_sends_the_sites_own_policy():
    """The header is csp.py's policy with its header-only part, inline scripts left to each
    page's meta tag (which lists them by hash), so no build can outdate the header."""
    expected = []
    for name, value in csp.DIRECTIVES + csp.HEADER_ONLY:
        if name == "script-src":
            value = f"{value} 'unsafe-inline'"
        expected.append(f"{name} {value}")
    headers = nginx_headers()
    assert headers["Content-Security-Policy"] == "; ".join(expected)
    for name, value in csp.OTHER_HEADERS.items():
        assert headers[name] == value
