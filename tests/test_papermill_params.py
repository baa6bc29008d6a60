"""Direct papermill runs: every wrong parameter stops at the check cell with one bilingual
message (no traceback wall), as ``papermill nb.ipynb out.ipynb -p …`` hands them."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import papermill
import pytest
from papermill.exceptions import PapermillExecutionError

from papi_analysis.appendix import nbparams
from papi_analysis.errors import ParameterError
from papi_analysis.model import periods

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "05_data_quality.ipynb"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def run(tmp_path: Path, **parameters):
    return papermill.execute_notebook(
        str(NOTEBOOK), str(tmp_path / "out.ipynb"), parameters=parameters,
        kernel_name="python3", progress_bar=False, cwd=str(tmp_path))


def refused(tmp_path: Path, **parameters) -> PapermillExecutionError:
    with pytest.raises(PapermillExecutionError) as info:
        run(tmp_path, **parameters)
    err = info.value
    shown = ANSI.sub("", "\n".join(err.traceback))
    # one short bilingual message: no stack of frames, the check cell is the one that failed
    assert err.ename == "ParameterError", err
    assert "Traceback" not in shown and "File \"" not in shown and "----> " not in shown, shown
    assert len(shown.splitlines()) <= 10, shown
    assert "Cách xử lý" in shown and "What to do" in shown, shown
    assert err.exec_count == 3  # parameters, papermill's injected cell, then the check
    return err


def test_a_period_that_cannot_be_read(tmp_path):
    err = refused(tmp_path, agency="HY", period="2024-H3")
    assert "2024-H3" in err.evalue


def test_a_future_period_is_refused_as_build_refuses_it(tmp_path):
    err = refused(tmp_path, agency="HY", period="2030-H1")
    shown = "\n".join(err.traceback)
    assert "chưa bắt đầu" in shown and "has not begun" in shown, shown


def test_an_unknown_parameter_is_an_error(tmp_path):
    err = refused(tmp_path, agency="HY", period="2024-H1", bogus=1, peroid="2024-H1")
    shown = "\n".join(err.traceback)
    assert "bogus" in shown and "peroid" in shown and "peroid → period?" in shown, shown


def test_an_agency_read_as_a_number_points_to_raw_parameters(tmp_path):
    # papermill's CLI turns `-p agency 01` into the number 1
    err = refused(tmp_path, agency=1, period="2024-H1")
    shown = "\n".join(err.traceback)
    assert "-r agency" in shown, shown


def test_an_agency_read_as_a_number_keeps_its_leading_zeros(tmp_path, monkeypatch):
    registry = tmp_path / "agencies.csv"
    registry.write_text(
        "code,name_vi,name_en,short_vi,province,level\n"
        "HY,Tỉnh Hưng Yên (toàn tỉnh),Hưng Yên province,Toàn tỉnh,Hưng Yên,province\n"
        "01,Sở Một,Department One,Sở Một,Hưng Yên,department\n", encoding="utf-8")
    monkeypatch.setenv("PAPI_ANALYSIS_AGENCIES", str(registry))  # the kernel inherits it
    # appendix 5 is province-wide, so the check goes on to refuse the agency: by the code the
    # number was padded to, which is what this test is after (a full run takes much longer)
    err = refused(tmp_path, agency=1, period="2024-H1")
    assert "“01”" in err.evalue and "province" in err.evalue, err.evalue


# -- the pieces, without a kernel ----------------------------------------------------------
def test_injected_names_come_from_papermills_cell_only():
    history = ["", "period: str = \"2024-H1\"  # help",
               "# Parameters\nperiod = \"2024-H3\"\nbogus = 1\n", "ctx = 1"]
    assert nbparams.injected_names(history) == ["period", "bogus"]
    assert nbparams.injected_names(["x = 1", "tidy = 2"]) == []  # JupyterLab: nothing injected
    assert nbparams.unknown(["period", "PAPERMILL_INPUT_PATH", "bogus"]) == ["bogus"]


@pytest.mark.parametrize("value, codes, expected", [
    ("SKHCN", ["HY", "SKHCN"], "SKHCN"),
    (1, ["HY", "01"], "01"),
    (7, ["HY", "007"], "007"),
    (1.0, ["HY", "01"], "01"),
])
def test_agency_code(value, codes, expected):
    assert nbparams.agency_code(value, dict.fromkeys(codes)) == expected


@pytest.mark.parametrize("value, codes", [(1, ["HY", "01", "001"]), (1, ["HY"]),
                                          (1.5, ["HY", "01"]), (True, ["HY", "01"])])
def test_agency_number_ambiguous_or_unknown(value, codes):
    if value is True:
        assert nbparams.agency_code(value, dict.fromkeys(codes)) == "True"
        return
    with pytest.raises(ParameterError) as info:
        nbparams.agency_code(value, dict.fromkeys(codes))
    assert "-r agency" in info.value.message("en")


def test_a_period_after_the_data_is_refused(monkeypatch):
    monkeypatch.setattr(periods, "current_date", lambda: dt.date(2026, 11, 30))
    nbparams.check_not_future(periods.parse("2024-H1"), periods.parse("2024-H2"))
    with pytest.raises(ParameterError, match="no figures for 2026-H1"):
        nbparams.check_not_future(periods.parse("2026-H1"), periods.parse("2024-H2"))
    with pytest.raises(ParameterError, match="has not begun"):
        nbparams.check_not_future(periods.parse("2027-H1"), None)
