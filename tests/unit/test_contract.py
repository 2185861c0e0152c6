"""Shared values have one home (worksheets/builder/contract.py): the browser's files take
them from site-config.js, and the two scripts that cannot import it get them from the build.
These tests fail when a second copy appears, or when the build stops writing them in."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from worksheets.builder import contract, offline, runtime, site_config

ASSETS = Path(__file__).resolve().parents[2] / "worksheets" / "assets"
INIT = {"pyodidePath": "pyodide/1/", "packagePath": "worksheets-0.zip",
        "stdlibPath": "pyodide/1/python_stdlib-2.zip", "lockInfo": {"arch": "wasm32"}}


def _browser_sources() -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in ASSETS.glob("*.js")}


@pytest.mark.parametrize("value", [
    contract.ROW_KEY, contract.OFFLINE_CACHE_PREFIX, contract.WORKSHEET_ID_PATTERN,
    contract.NEEDS_PYTHON_SELECTOR, *contract.MARKS.values()])
def test_no_browser_file_spells_a_shared_value_again(value: str) -> None:
    spelt = [name for name, source in _browser_sources().items() if value in source]
    assert spelt == [], f"{spelt} spell {value!r}: take it from siteConfig.contract instead"


def test_the_site_config_carries_every_shared_value_and_the_worker_init() -> None:
    source = site_config.site_config_js(runtime_version="1", python_init=INIT, namespace="",
                                        site_name="Onward", offline=True)
    data = json.loads(re.search(r"Object\.freeze\((.*)\);\nexport const siteRoot", source,
                                re.S).group(1))
    assert data["contract"] == contract.browser_values()
    assert data["workerInit"] == {"op": "init", **INIT, "marks": contract.MARKS}


def test_the_boot_script_posts_the_same_init_message() -> None:
    script = runtime.boot_script("../assets/onward/", INIT)
    config = json.loads(re.search(r"const boot = (\{.*?\});\n", script).group(1))
    assert config["init"] == contract.worker_init(INIT)


def test_the_service_workers_get_the_cache_prefix_written_in() -> None:
    line = f"const CACHE_PREFIX = {json.dumps(contract.OFFLINE_CACHE_PREFIX)};"
    assert line in offline.service_worker_source()
    assert "the build puts" not in offline.service_worker_source()


def test_the_retiring_worker_gets_it_too(tmp_path: Path) -> None:
    offline.write_retiring_worker(tmp_path)
    worker = (tmp_path / offline.SERVICE_WORKER).read_text(encoding="utf-8")
    assert f"const CACHE_PREFIX = {json.dumps(contract.OFFLINE_CACHE_PREFIX)};" in worker


def test_a_worker_template_without_its_slot_stops_the_build(tmp_path: Path) -> None:
    template = tmp_path / "service-worker.js"
    template.write_text('const CACHE_PREFIX = "edited by hand";\n', encoding="utf-8")
    with pytest.raises(RuntimeError, match="put it back as the value of CACHE_PREFIX"):
        offline.service_worker_source(template)


@pytest.mark.parametrize(("html", "needs"), [
    ('<form class="x" data-worksheet="lessons-log">', True),
    ('<div data-onward-plan>', True),
    ('<div data-onward-plan="">', True),
    ('<p data-worksheet-status>', False),
    ('<div data-onward-planner>', False),
    ('<p>form data-worksheet="x"</p>', False),
])
def test_which_built_pages_need_python(html: str, needs: bool) -> None:
    assert bool(contract.NEEDS_PYTHON_HTML.search(html)) is needs
