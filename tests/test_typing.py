"""The domain model and the analysis type-check under mypy's strict mode ([tool.mypy] in
pyproject.toml), so the README's test command covers the types as well."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_model_and_analysis_are_strictly_typed():
    pytest.importorskip("mypy", reason="mypy is in the [test] extra")
    # the folders and the strictness come from pyproject.toml ([tool.mypy])
    run = subprocess.run([sys.executable, "-m", "mypy", "--no-error-summary"], cwd=ROOT,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_mypy_config_is_strict_on_model_and_analysis():
    import tomllib

    conf = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert conf["strict"] is True
    assert {"papi_analysis/model", "papi_analysis/analysis"} <= set(conf["files"])
