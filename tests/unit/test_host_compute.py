"""A host's compute beside its definitions: importable like the built-in ones, bundled for
the browser, and never allowed to shadow one of the package's own modules."""

from __future__ import annotations

import importlib
import io
import zipfile

import pytest

import worksheets.compute
from tests.conftest import HOST_SITE
from worksheets.builder import bundle, registry
from worksheets.compute.answers import Answers


def test_the_host_compute_runs_as_worksheets_compute(monkeypatch):
    monkeypatch.setattr(worksheets.compute, "__path__", list(worksheets.compute.__path__))
    loaded = registry.load_package_definitions([HOST_SITE / "definitions"])
    assert loaded["riverside-goals"].compute == "riverside_goals"
    module = importlib.import_module("worksheets.compute.riverside_goals")
    result = module.compute(Answers({"goals": [{"goal": "Finish my portfolio"}],
                                     "confidence": 4}), None)
    assert result[0]["items"] == ["Finish my portfolio"] and result[1]["value"] == 4


def test_the_host_compute_is_bundled_for_the_browser():
    modules = registry.host_compute_modules([HOST_SITE / "definitions"])
    assert set(modules) == {"riverside_goals"}
    data = bundle.package_zip({}, host_modules=modules)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
    assert "worksheets/compute/riverside_goals.py" in names
    assert "worksheets/compute/blocks.py" in names


def test_a_name_the_package_has_stops_the_build(tmp_path):
    (tmp_path / "scorecard.py").write_text("def compute(answers, context):\n    return []\n")
    with pytest.raises(registry.HostComputeError, match=r"rename yours.*careers_scorecard"):
        registry.host_compute_modules([tmp_path])
