"""The committed notebooks: clean, one annotated parameters cell first, no logic, metadata."""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import papermill
import pytest

from papi_analysis.appendix import report

NOTEBOOKS_DIR = Path(__file__).resolve().parent.parent / "notebooks"
NAMES = [a["notebook"] for a in report.APPENDICES.values()]
PARAMETERS = {
    "period": ("str", "2024-H1"),
    "compare": ("list", ["previous", "same_period_last_year"]),
    "agency": ("str", "HY"),
    "lang": ("str", "vi"),
    "data_dir": ("str", ""),
    "illustrative": ("bool", True),
}
MAX_LINES = 15


def load(name: str) -> nbformat.NotebookNode:
    nb = nbformat.read(NOTEBOOKS_DIR / f"{name}.ipynb", as_version=4)
    nbformat.validate(nb)
    return nb


def code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


def test_the_five_notebooks_exist():
    # 00_explore is the exploration notebook, outside the batch (tests/test_explore.py)
    found = sorted(p.stem for p in NOTEBOOKS_DIR.glob("*.ipynb") if p.stem != "00_explore")
    assert found == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_committed_clean(name):
    nb = load(name)
    for c in code_cells(nb):
        assert c.outputs == [], f"{name}: outputs committed"
        assert c.execution_count is None, f"{name}: execution count committed"
    assert "papermill" not in nb.metadata
    assert "widgets" not in nb.metadata


@pytest.mark.parametrize("name", NAMES)
def test_parameters_cell(name):
    nb = load(name)
    cells = code_cells(nb)
    first = cells[0]
    assert "parameters" in first.metadata.get("tags", []), "first code cell must be `parameters`"
    assert sum("parameters" in c.metadata.get("tags", []) for c in cells) == 1
    tree = ast.parse(first.source)
    found = {}
    for stmt in tree.body:
        assert isinstance(stmt, ast.AnnAssign), "parameters are annotated assignments only"
        assert isinstance(stmt.annotation, ast.Name)
        found[stmt.target.id] = (stmt.annotation.id, ast.literal_eval(stmt.value))
    assert found == PARAMETERS
    for line in first.source.splitlines():
        assert "  # " in line, f"every parameter has a trailing # help comment: {line!r}"
        # papermill skips a line with two '=' when it documents parameters
        assert line.count("=") == 1, f"no '=' in the help comment: {line!r}"


@pytest.mark.parametrize("name", NAMES)
def test_papermill_sees_every_parameter_with_help(name):
    params = papermill.inspect_notebook(str(NOTEBOOKS_DIR / f"{name}.ipynb"))
    assert list(params) == list(PARAMETERS)
    for p in params.values():
        assert p["help"] and p["inferred_type_name"] in ("str", "list", "bool")


@pytest.mark.parametrize("name", NAMES)
def test_no_logic_in_notebooks(name):
    for c in code_cells(load(name)):
        tree = ast.parse(c.source)
        for node in ast.walk(tree):
            assert not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef,
                                         ast.Lambda)), f"{name}: define it in papi_analysis/"
        assert len(c.source.splitlines()) <= MAX_LINES, f"{name}: cell too long"


@pytest.mark.parametrize("number", sorted(report.APPENDICES))
def test_metadata_for_the_runner(number):
    a = report.APPENDICES[number]
    nb = load(a["notebook"])
    meta = nb.metadata["papi_analysis"]
    assert meta == {"appendix": number, "scope": a["scope"], "title_vi": a["title_vi"],
                    "title_en": a["title_en"]}
    assert nb.metadata["kernelspec"]["name"] == "python3"
    setup = code_cells(nb)[1].source
    assert f"appendix={number}" in setup and "nbparams.setup(globals()" in setup


def test_scopes():
    scopes = {a["notebook"]: a["scope"] for a in report.APPENDICES.values()}
    assert scopes == {"01_tthc": "agency", "02_anticorruption": "agency", "03_papi": "province",
                      "04_overview": "agency", "05_data_quality": "province",
                      "06_summary": "province"}
