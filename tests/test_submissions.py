"""Reading workbooks and tidy CSV; templates; writing tidy tables."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pandas as pd
import pytest

from papi_analysis.errors import AgencyError, InputFileError, ParameterError, PeriodError
from papi_analysis.intake import datasets, forms, submissions, validation
from papi_analysis.model import schema

try:  # works whether or not tests/ is a package
    from .broken_inputs import GOOD_TTHC, TTHC_FIRST_ROW, form_workbook, letter
except ImportError:
    from broken_inputs import GOOD_TTHC, TTHC_FIRST_ROW, form_workbook, letter


def _values(df: pd.DataFrame, field: str = "") -> dict[str, float]:
    sub = df[df["field"] == field]
    return dict(zip(sub["indicator"], sub["value"], strict=True))


# -- templates and round trips ---------------------------------------------------------------
def test_template_round_trip_with_fields_and_sum_total(tmp_path):
    fields = {"Hoạt động khoa học và công nghệ": {3: 200, 4: 195, 5: 0, 6: 5, 7: 200, 8: 180,
                                                  9: 20, 10: 0, 11: 0},
              "Sở hữu trí tuệ": {3: 81, 4: 81, 6: 0, 7: 81, 8: 70, 9: 11, 10: 0, 11: 0}}
    path = form_workbook(tmp_path, "tthc.xlsx", {}, fields=fields)
    df = submissions.read(path)
    assert list(df.columns) == schema.COLUMNS
    assert set(df["agency"]) == {"SKHCN"} and set(df["period"]) == {"2024-H1"}
    for name, row in fields.items():
        got = _values(df, name)
        want = {forms.get("tthc").columns[n - 3].indicator: float(v) for n, v in row.items()}
        assert got == want
    total = _values(df)
    assert total["tthc.files_total"] == 281 and total["tthc.carried_over"] == 5
    assert total["tthc.received_offline"] == 0  # SUM over one 0 and one blank
    assert "tthc.pending_in_time" not in total  # SUM over blanks only: no figure
    first = df[(df["field"] == "Sở hữu trí tuệ") & (df["indicator"] == "tthc.carried_over")]
    assert first[["source_file", "source_sheet", "source_row", "source_column"]].values.tolist() \
        == [["tthc.xlsx", "TTHC", TTHC_FIRST_ROW + 1, "F"]]
    assert validation.validate(df).empty


def test_template_without_fields_has_one_total_row_to_fill(tmp_path):
    path = form_workbook(tmp_path, "t.xlsx", GOOD_TTHC)
    df = submissions.read(path)
    assert (df["field"] == "").all() and (df["source_row"] == TTHC_FIRST_ROW).all()
    assert _values(df) == {c.indicator: float(GOOD_TTHC[c.number])
                           for c in forms.get("tthc").columns}
    blank = submissions.write_template("tthc", tmp_path / "blank.xlsx", agency="SKHCN",
                                       period="2024-H1")
    assert submissions.read(blank).empty


@pytest.mark.parametrize("key", list(forms.FORMS))
def test_every_form_template_reads_back_unchanged(tmp_path, key):
    form = forms.get(key)
    values = {c.number: 10 * c.number for c in form.columns}
    path = form_workbook(tmp_path, f"{key}.xlsx", values, form=key, agency="STP",
                         period="Quý II/2024")
    df = submissions.read(path)
    assert set(df["period"]) == {"2024-Q2"} and set(df["agency"]) == {"STP"}
    assert _values(df) == {c.indicator: 10.0 * c.number for c in form.columns}
    assert list(df["source_column"]) == [letter(c.number) for c in form.columns]


def test_template_writes_merged_headers_numbers_and_validation(tmp_path):
    path = submissions.write_template("tthc", tmp_path / "t.xlsx", agency="SKHCN",
                                      period="2024-H1", fields=["Đất đai"])
    ws = openpyxl.load_workbook(path)["TTHC"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"C7:F7", "G7:M7", "D8:F8", "C8:C10", "A7:A10", "B7:B10"} <= merged
    assert [ws.cell(11, c).value for c in (1, 2, 3, 13)] == ["(1)", "(2)", "(3)", "(13)"]
    assert ws["C3"].value == "Sở Khoa học và Công nghệ (SKHCN)"
    assert ws["C4"].value == "6 tháng đầu năm 2024"
    assert ws["B12"].value == "Đất đai" and ws["B13"].value == "Tổng cộng"
    assert ws["C13"].value == "=SUM(C12:C12)"
    kinds = {dv.type for dv in ws.data_validations.dataValidation}
    assert kinds == {"whole"}


def test_template_parameter_errors(tmp_path):
    with pytest.raises(ParameterError) as exc:
        submissions.write_template("bieu99", tmp_path / "x.xlsx")
    assert "petitions (Biểu PA-02" in exc.value.message("en")
    with pytest.raises(ParameterError):
        submissions.write_template("tthc", tmp_path / "x.csv")
    with pytest.raises(AgencyError) as exc:
        submissions.write_template("tthc", tmp_path / "x.xlsx", agency="SKHCM")
    assert "SKHCN" in exc.value.message("vi")
    with pytest.raises(PeriodError):
        submissions.write_template("tthc", tmp_path / "x.xlsx", period="Quý V/2024")
    assert not (tmp_path / "x.xlsx").exists()


# -- workbooks filled by hand ------------------------------------------------------------------
def _hand_made(path, *, numbers_row: bool = False):
    """A TTHC sheet typed by hand: no diacritics, no agency/period labels, a remarks column."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Bao cao"
    ws["A1"] = "BÁO CÁO TÌNH HÌNH GIẢI QUYẾT TTHC CỦA SỞ TƯ PHÁP"
    ws["A2"] = "Quý I năm 2024 (tính từ ngày 15/12/2023 đến 14/3/2024)"
    ws.append([])
    heads = [["STT", "Don vi", "SO HO SO NHAN GIAI QUYET", None, None, None,
              "KET QUA GIAI QUYET", None, None, None, None, None, None, "Ghi chú"],
             [None, None, "Tong so", "Trong do", None, None, "So ho so da giai quyet", None,
              None, None, "So ho so dang giai quyet", None, None, None],
             [None, None, None, "Truc tuyen", "Truc tiep, dich vu buu chinh", "Tu ky truoc",
              "Tong so", "Truoc han", "Dung han", "Tre han", "Tong so", "Trong han", "Qua han",
              None]]
    for h in heads:
        ws.append(h)
    for rng in ("A4:A6", "B4:B6", "C4:F4", "G4:M4", "C5:C6", "D5:F5", "G5:J5", "K5:M5",
                "N4:N6"):
        ws.merge_cells(rng)
    at = 7
    if numbers_row:
        ws.append([f"({i})" for i in range(1, 14)])
        at = 8
    ws.append([None, "Cộng", 30, "1.025", 0, 5, 30, 20, 10, "-", 0, None, None, "ghi chú"])
    ws.append(["I", "Lĩnh vực hộ tịch", 30, 25, 0, 5, 30, 20, 10, 0, 0, None, None])
    ws.append([])
    ws.append([None, "Người lập biểu", None, None, None, None, None, None, "THỦ TRƯỞNG ĐƠN VỊ"])
    ws.append([None, None, 999])  # below the signature: never read
    wb.create_sheet("Biểu đồ")
    wb.save(path)
    return at


@pytest.mark.parametrize("numbers_row", [False, True])
def test_hand_made_sheet_with_title_agency_and_period(tmp_path, numbers_row):
    path = tmp_path / "stp.xlsx"
    at = _hand_made(path, numbers_row=numbers_row)
    df = submissions.read(path)
    assert set(df["agency"]) == {"STP"} and set(df["period"]) == {"2024-Q1"}
    total = _values(df)
    assert total["tthc.received_online"] == 1025  # "1.025" typed as Vietnamese text
    assert "tthc.resolved_late" not in total      # "-" is no figure
    assert total["tthc.resolved_on_time"] == 10
    assert _values(df, "Lĩnh vực hộ tịch")["tthc.received_online"] == 25
    assert set(df["field"]) == {"", "Lĩnh vực hộ tịch"}
    assert 999 not in set(df["value"])
    assert df.loc[df["indicator"] == "tthc.files_total", "source_row"].tolist() == [at, at + 1]


def test_sheet_argument_and_several_form_sheets(tmp_path):
    path = form_workbook(tmp_path, "two.xlsx", GOOD_TTHC)
    other = form_workbook(tmp_path, "pet.xlsx", {3: 1, 4: 2, 5: 3}, form="petitions")
    wb = openpyxl.load_workbook(path)
    src = openpyxl.load_workbook(other)["Xu ly don"]
    dst = wb.create_sheet("Xu ly don")
    for row in src.iter_rows():
        for cell in row:
            if not isinstance(cell, openpyxl.cell.cell.MergedCell):
                dst[cell.coordinate] = cell.value
    for rng in src.merged_cells.ranges:
        dst.merge_cells(str(rng))
    wb.save(path)
    both = submissions.read(path)
    assert set(both["source_sheet"]) == {"TTHC", "Xu ly don"}
    assert _values(both[both["source_sheet"] == "Xu ly don"]) == {
        "pet.carried_over": 1, "pet.received": 2, "pet.total": 3}
    only = submissions.read(path, sheet="Xu ly don")
    assert set(only["source_sheet"]) == {"Xu ly don"}
    with pytest.raises(InputFileError) as exc:
        submissions.read(path, sheet="Sheet9")
    assert exc.value.rule == "file.wrong_sheet"
    assert "TTHC, Huong dan, Xu ly don" in exc.value.message("en")


def test_percent_cells_formatted_as_percent(tmp_path):
    path = form_workbook(tmp_path, "ac.xlsx", {18: 1, 19: "100%", 20: 95.5}, form="anticorruption")
    wb = openpyxl.load_workbook(path)
    ws = wb["PCTN"]
    total_row = forms.TEMPLATE_HEADER_ROW + forms.get("anticorruption").depth + 1
    assert ws[f"R{total_row}"].value == 1
    ws[f"R{total_row}"].number_format = "0%"
    wb.save(path)
    got = _values(submissions.read(path))
    assert got == {"egov.docs_electronic_pct": 100.0, "egov.staff_computers_pct": 100.0,
                   "egov.digital_signature_pct": 95.5}


def test_period_typed_as_month_that_excel_made_a_date(tmp_path):
    path = form_workbook(tmp_path, "m.xlsx", {3: 1}, period="")
    wb = openpyxl.load_workbook(path)
    wb["TTHC"]["C4"] = dt.datetime(2024, 6, 1)
    wb.save(path)
    assert set(submissions.read(path)["period"]) == {"2024-06"}


def test_sums_of_cells_are_evaluated(tmp_path):
    path = form_workbook(tmp_path, "f.xlsx", dict(GOOD_TTHC))
    wb = openpyxl.load_workbook(path)
    ws = wb["TTHC"]
    r = TTHC_FIRST_ROW
    ws[f"C{r}"] = f"=D{r}+E{r}+F{r}"
    ws[f"G{r}"] = f"=SUM(H{r}:J{r})"
    ws[f"K{r}"] = f"=SUM(L{r};M{r})+0"
    ws[f"L{r}"] = "=SUM(ZZZZ1:ZZZZ2)"  # not a column: not evaluated, no saved value
    wb.save(path)
    _, found = submissions.read_many([path])  # K depends on L, so neither can be evaluated
    assert found["rule"].tolist() == ["value.formula"] * 2
    assert [loc[-1] for loc in found["location"]] == ["K", "L"]
    ws[f"L{r}"] = 0
    wb.save(path)
    got = _values(submissions.read(path))
    assert (got["tthc.files_total"], got["tthc.resolved_total"], got["tthc.pending_total"]) == \
        (281, 281, 0)


# -- CSV -------------------------------------------------------------------------------------
def test_csv_with_bom_keeps_codes_as_strings_and_normalises_periods(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes("agency,period,indicator,value,field,illustrative,source_text,note\n"
                     "skhcn,6 tháng đầu năm 2024,proc.total,58,01,False,“58 TTHC”,ghi chú\n"
                     "Sở Tư pháp,Quý I/2024,tthc.carried_over,5.0,,true,,\n"
                     .encode("utf-8-sig"))
    df = submissions.read(path)
    assert df["agency"].tolist() == ["SKHCN", "STP"]
    assert df["period"].tolist() == ["2024-H1", "2024-Q1"]
    assert df["field"].tolist() == ["01", ""]
    assert df["illustrative"].tolist() == [False, True]
    assert df["source_text"].tolist() == ["“58 TTHC”", ""]
    assert df["source_row"].tolist() == [2, 3] and set(df["source_column"]) == {"value"}


def test_csv_semicolons_and_vietnamese_decimal(tmp_path):
    path = tmp_path / "vn.csv"
    path.write_text("agency;period;indicator;value\nSKHCN;2024-H1;insp.recovered;1.234,5\n"
                    "SKHCN;2024-H1;insp.violation_money;12.5\n", encoding="utf-8")
    assert submissions.read(path)["value"].tolist() == [1234.5, 12.5]


def test_csv_blank_value_is_a_warning_and_is_skipped(tmp_path):
    path = tmp_path / "blank.csv"
    path.write_text("agency,period,indicator,value\nSKHCN,2024-H1,proc.total,\n"
                    "SKHCN,2024-H1,proc.full_online,43\n", encoding="utf-8")
    assert submissions.read(path)["indicator"].tolist() == ["proc.full_online"]
    tidy, found = submissions.read_many([path])
    assert found[["severity", "rule"]].values.tolist() == [["warning", "value.missing"]]
    assert "blank.csv › dòng/row 2" in found.loc[0, "location"]


def test_csv_misspelt_optional_column_is_not_ignored(tmp_path):
    path = tmp_path / "typo.csv"
    path.write_text("agency,period,indicator,value,feild\nSKHCN,2024-H1,proc.total,58,A\n",
                    encoding="utf-8")
    with pytest.raises(InputFileError) as exc:
        submissions.read(path)
    assert exc.value.rule == "header.unknown"
    assert "Có phải “field”?" in exc.value.message("vi")


def test_shipped_submissions_read(tmp_path):
    files = datasets.submission_files()
    assert files, "data/submissions should ship at least the seed"
    for f in files:
        df = submissions.read(f)
        assert not df.empty and df["period"].str.match(r"^\d{4}").all()
    seed = [f for f in files if f.name.lower().startswith("skhcn_2024-h1")]
    if seed:
        assert _values(submissions.read(seed[0])).get("tthc.files_total") == 281


# -- read_many -------------------------------------------------------------------------------
def test_read_many_recurses_skips_bad_cells_and_reports_bad_files(tmp_path):
    sub = tmp_path / "in" / "deeper"
    sub.mkdir(parents=True)
    form_workbook(sub, "ok.xlsx", {**GOOD_TTHC, 4: "276 hồ sơ"})
    (tmp_path / "in" / "empty.csv").write_bytes(b"")
    (tmp_path / "in" / "~$lock.xlsx").write_bytes(b"lock")
    (tmp_path / "in" / "notes.txt").write_text("not read", encoding="utf-8")
    tidy, found = submissions.read_many([tmp_path / "in", tmp_path / "missing.csv"])
    assert list(found.columns) == validation.COLUMNS
    # a .txt is a prose report now; one with no unit, period or figure is notes (a warning)
    assert sorted(found["rule"]) == ["file.empty", "file.missing", "prose.not_a_report",
                                     "value.not_number"]
    bad = found[found["rule"] == "value.not_number"].iloc[0]
    assert bad["location"].endswith(f"TTHC › dòng/row {TTHC_FIRST_ROW} › cột/col D")
    assert (bad["agency"], bad["period"], bad["indicator"]) == \
        ("SKHCN", "2024-H1", "tthc.received_online")
    assert len(tidy) == 10 and "tthc.received_online" not in set(tidy["indicator"])


def test_read_raises_on_first_problem_with_where_and_hint(tmp_path):
    path = form_workbook(tmp_path, "x.xlsx", {**GOOD_TTHC, 4: "abc", 5: "xyz"})
    with pytest.raises(InputFileError) as exc:
        submissions.read(path)
    msg = exc.value.message("vi")
    assert "“abc”" in msg and "cột/col D" in msg and "Cách xử lý:" in msg
    assert "xyz" not in msg


def test_empty_folder_is_a_warning(tmp_path):
    (tmp_path / "none").mkdir()
    tidy, found = submissions.read_many([tmp_path / "none"])
    assert tidy.empty and found["rule"].tolist() == ["file.none_found"]
    assert validation.exit_code(found) == 0


# -- numbers and writing ----------------------------------------------------------------------
@pytest.mark.parametrize("text,value", [("281", 281), ("05", 5), ("1.234", 1234),
                                        ("1.234.567", 1234567), ("98,81", 98.81),
                                        ("1.234,5", 1234.5), ("12.5", 12.5), ("−3", -3),
                                        (" 1 234 ", 1234)])
def test_parse_number_accepts_vietnamese_forms(text, value):
    assert submissions.parse_number(text) == value


@pytest.mark.parametrize("text", ["12 hồ sơ", "abc", "", "1,2,3", "nan", "12%"])
def test_parse_number_rejects_text(text):
    with pytest.raises(ValueError):
        submissions.parse_number(text)


def test_machine_numbers_use_a_decimal_point():
    assert submissions.parse_number("1.234", machine=True) == 1.234
    assert submissions.parse_number("98,81", machine=True) == 98.81
    with pytest.raises(ValueError):
        submissions.parse_number("inf", machine=True)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_write_tidy_reads_back(tmp_path, suffix):
    path = form_workbook(tmp_path, "src.xlsx", GOOD_TTHC)
    df = submissions.read(path)
    df.loc[0, "field"] = "01"
    out = submissions.write_tidy(df, tmp_path / f"tidy{suffix}")
    if suffix == ".csv":
        raw = out.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf") and b",281," in raw and b"281.0" not in raw
    back = submissions.read(out)
    cols = ["agency", "period", "indicator", "value", "field", "illustrative"]
    pd.testing.assert_frame_equal(back[cols], df[cols])
    with pytest.raises(ParameterError):
        submissions.write_tidy(df, tmp_path / "tidy.json")
