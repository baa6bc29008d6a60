"""The committed notebooks: clean, one annotated parameters cell first, no logic, metadata."""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import papermill
import pytest

from papi_analysis.appendix import appendices

NOTEBOOKS_DIR = Path(__file__).resolve().parent.parent / "notebooks"
REGISTRY = appendices.registry(NOTEBOOKS_DIR)
NAMES = [a.notebook for a in REGISTRY.values()]
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


@pytest.mark.parametrize("number", sorted(REGISTRY))
def test_metadata_for_the_runner(number):
    """The metadata is the registry: number (that of the file name), scope and both titles."""
    a = REGISTRY[number]
    nb = load(a.notebook)
    meta = nb.metadata["papi_analysis"]
    assert meta == {"appendix": number, "scope": a.scope, "title_vi": a.title_vi,
                    "title_en": a.title_en}
    assert int(a.notebook[:2]) == number and a.scope in ("agency", "province")
    assert a.title_vi and a.title_en and a.title_vi != a.title_en
    assert nb.metadata["kernelspec"]["name"] == "python3"
    setup = code_cells(nb)[1].source
    assert f"appendix={number}" in setup and "nbparams.setup(globals()" in setup


def test_scopes():
    scopes = {a.notebook: a.scope for a in REGISTRY.values()}
    assert scopes == {"01_tthc": "agency", "02_anticorruption": "agency", "03_papi": "province",
                      "04_overview": "agency", "05_data_quality": "province",
                      "06_summary": "province"}


def test_the_registry_is_the_project_notebooks_read_once():
    appendices._read.cache_clear()
    first = appendices.registry()
    assert appendices.registry() == first == REGISTRY
    assert appendices._read.cache_info().misses == 1
    assert appendices.find(1).title("en") == "Handling of administrative procedures (TTHC)"
    assert appendices.find(99) is None


def test_a_new_appendix_is_its_notebook_alone(tmp_path, monkeypatch):
    """A notebook with appendix metadata in the folder a notebook runs in is an appendix:
    its context has its title and scope, with no registry in the code to extend."""
    from papi_analysis.appendix import report
    from papi_analysis.errors import ParameterError

    nb = load("04_overview")
    nb.metadata["papi_analysis"] = {"appendix": 7, "scope": "province", "title_vi": "Phụ lục mới",
                                    "title_en": "A new appendix"}
    nbformat.write(nb, tmp_path / "07_new.ipynb")
    explore = load("00_explore")  # "batch": false: not an appendix
    nbformat.write(explore, tmp_path / "00_explore.ipynb")
    assert sorted(appendices.registry(tmp_path)) == [7]
    monkeypatch.chdir(tmp_path)
    ctx = report.setup("2024-H1", [], "HY", "en", "", appendix=7)
    assert "Appendix 7" in ctx.header(illustrative=False).body
    assert "<h1>A new appendix</h1>" in ctx.header(illustrative=False).body
    with pytest.raises(ParameterError, match="whole province"):
        report.setup("2024-H1", [], "SKHCN", "en", "", appendix=7)
    with pytest.raises(ParameterError) as err:
        report.setup("2024-H1", [], "HY", "en", "", appendix=8)
    assert err.value.where == "appendix" and err.value.hint_en == "Use 1–6."
