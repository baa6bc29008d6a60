"""rendering: executed notebooks become offline, code-free HTML appendices."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import papermill
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from papi_analysis import atomic
from papi_analysis.batch import rendering

NOTEBOOKS_DIR = Path(__file__).resolve().parent.parent / "notebooks"
URL = re.compile(r"https?://", re.IGNORECASE)


def execute(name: str, tmp: Path, **parameters) -> nbformat.NotebookNode:
    return papermill.execute_notebook(
        str(NOTEBOOKS_DIR / f"{name}.ipynb"), str(tmp / f"{name}.ipynb"),
        parameters=parameters, kernel_name="python3", progress_bar=False, cwd=str(tmp))


@pytest.fixture(scope="module")
def tthc_skhcn(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("tthc")
    nb = execute("01_tthc", tmp, agency="SKHCN", period="2024-H1")
    return nb, rendering.notebook_to_html(nb, lang="vi")


@pytest.fixture(scope="module")
def papi_en(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("papi")
    nb = execute("03_papi", tmp, agency="HY", period="2024-H1", lang="en")
    return nb, rendering.notebook_to_html(nb, lang="en")


def assert_clean_appendix(html: str, nb) -> None:
    assert html.startswith("<!DOCTYPE html>")
    assert "Traceback" not in html and "could not be produced" not in html
    assert not URL.search(html), URL.search(html)
    assert "<script" not in html.lower()
    assert "In&nbsp;[" not in html and "Out[" not in html  # no prompts
    assert "highlight" not in html and "jp-InputArea" not in html  # no code cells
    for cell in nb.cells:  # no code (the code is never an output)
        if cell.cell_type == "code":
            for line in cell.source.splitlines():
                if "ctx." in line or "comparison." in line:
                    assert line.strip() not in html
    assert "ctx = report.setup" not in html and "period: str" not in html
    assert "# Parameters" not in html  # papermill's injected cell
    assert len(html) < 800_000


def test_tthc_appendix_for_the_seed(tthc_skhcn):
    nb, html = tthc_skhcn
    assert_clean_appendix(html, nb)
    assert '<html lang="vi">' in html
    text = re.sub(r"<[^>]+>", " ", html)
    # the seed's real figures, as the report states them
    for figure in ("281", "276"):
        assert re.search(rf"(?<![\d.,]){figure}(?![\d.,])", text), figure
    # real figures of the period, illustrative comparison periods: one line, no banner
    assert "SỐ LIỆU MINH HỌA — không phải số liệu thật" not in html
    assert 'class="pa-illnote"' in html and "là số minh họa" in html
    assert "skhcn_2024-H1_seed.csv" in html  # which figures are real, and the sources
    assert "Bảng 1.1." in html and "Hình 1.1." in html and "Phụ lục 1" in html
    assert "data:image/png;base64," in html
    assert "Sở Khoa học và Công nghệ" in html


def test_papi_appendix_in_english_has_no_banner(papi_en):
    nb, html = papi_en
    assert_clean_appendix(html, nb)
    assert '<html lang="en">' in html
    assert "ILLUSTRATIVE DATA" not in html and "MINH HỌA" not in html
    assert "Table 3.1." in html and "Figure 3.1." in html and "Appendix 3" in html


def notebook_with_noise() -> nbformat.NotebookNode:
    nb = new_notebook(cells=[
        new_markdown_cell("# Notes for analysts [link](https://example.org)"),
        new_code_cell('period: str = "2024-H1"  # p', metadata={"tags": ["parameters"]}),
        new_code_cell('# Parameters\nperiod = "2023-H1"',
                      metadata={"tags": ["injected-parameters"]},
                      outputs=[new_output("stream", name="stdout", text="injected\n")]),
        new_code_cell("import warnings; warnings.warn('careful')", outputs=[
            new_output("stream", name="stderr", text="UserWarning: careful\n"),
            new_output("display_data", data={"text/html": "<p>kept table</p>",
                                              "text/plain": "kept"}),
            new_output("display_data", data={"application/javascript": "alert(1)"}),
            new_output("display_data", data={
                "text/html": '<img src="https://cdn.example.org/x.png" alt="x">'}),
        ]),
        new_code_cell("1/0", outputs=[new_output(
            "error", ename="ZeroDivisionError", evalue="division by zero",
            traceback=["Traceback (most recent call last)", "  File <x>, line 1", "boom"])]),
    ])
    nb.metadata["papi_analysis"] = {"appendix": 1, "scope": "agency", "title_vi": "Thử",
                                    "title_en": "Test"}
    nb.metadata["papermill"] = {"parameters": {"agency": "SKHCN", "period": "2024-H1"}}
    return nb


def test_noise_is_removed():
    html = rendering.notebook_to_html(notebook_with_noise(), lang="en")
    assert "kept table" in html
    assert "careful" not in html and "injected" not in html and "alert(1)" not in html
    assert "Traceback" not in html and "boom" not in html
    assert "ZeroDivisionError: division by zero" in html  # one short line says what failed
    assert "Notes for analysts" not in html
    assert not URL.search(html)
    assert "<title>Appendix 1. Test — SKHCN — 2024-H1</title>" in html


def test_urls_in_data_text_stay_text_never_links():
    nb = new_notebook(cells=[new_code_cell("x", outputs=[new_output(
        "display_data", data={"text/html": '<p>web: https://sokhcn.example.vn '
                                           '<a href="http://x.example">x</a></p>'})])])
    html = rendering.notebook_to_html(nb)
    assert "web: https://sokhcn.example.vn" in html  # text from a file, shown as text
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)


def test_exporter_is_built_once():
    assert rendering.exporter() is rendering.exporter()


def test_accepts_a_path(tmp_path):
    p = tmp_path / "n.ipynb"
    nbformat.write(notebook_with_noise(), p)
    assert "kept table" in rendering.notebook_to_html(p, title="Tiêu đề <x>")
    assert "<title>Tiêu đề &lt;x&gt;</title>" in rendering.notebook_to_html(p, title="Tiêu đề <x>")


def test_atomic_write_of_a_page(tmp_path):
    target = tmp_path / "sub" / "a.html"
    atomic.write(target, "<p>một</p>")
    atomic.write(target, "<p>hai</p>")
    assert target.read_text(encoding="utf-8") == "<p>hai</p>"
    assert [p.name for p in target.parent.iterdir()] == ["a.html"]  # no temp file left
    assert target.stat().st_mode & 0o044  # readable by others: appendices are shared
