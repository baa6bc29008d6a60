"""Nothing read wrongly in silence: each damaged form gives one clear finding, in place.

Forms that used to read "fine" (exit 0, no message) but into wrong figures: an ambiguous
period, merged value cells, another province's form, a hidden old copy, cells written "x";
and the checks that were missing: a period that has not ended, implausible sizes, a jump in
a unit's history, field rows that do not add up to the total row.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from papi_analysis import cli
from papi_analysis.errors import InputFileError, PeriodError
from papi_analysis.intake import submissions, validation
from papi_analysis.model import periods

try:  # works whether or not tests/ is a package
    from .broken_inputs import GOOD_TTHC, TTHC_FIRST_ROW, form_workbook, tthc, write_csv
except ImportError:
    from broken_inputs import GOOD_TTHC, TTHC_FIRST_ROW, form_workbook, tthc, write_csv

R = TTHC_FIRST_ROW


def check(paths: list[Path]):
    tidy, read_findings = submissions.read_many(paths)
    return tidy, validation.validate(tidy, read_findings)


def only(found, rule: str):
    hits = found[found["rule"] == rule]
    assert len(hits) >= 1, found[["rule", "location", "message_en"]].to_string()
    return hits.iloc[0]


@pytest.fixture
def today_30_11_2026(monkeypatch):
    monkeypatch.setattr(periods, "current_date", lambda: dt.date(2026, 11, 30))


# -- 2a: "6 tháng năm 2024" ------------------------------------------------------------------
def test_half_year_without_dau_or_cuoi_is_ambiguous_not_the_year(tmp_path):
    path = tthc(tmp_path, "ambiguous.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["TTHC"]["C4"] = "6 tháng năm 2024"
    wb.save(path)
    tidy, found = check([path])
    row = only(found, "period.ambiguous")
    assert row["severity"] == "error"
    assert "TTHC › dòng/row 4 › cột/col C" in row["location"]
    assert "6 tháng đầu năm 2024" in row["message_vi"] and "2024-H2" in row["message_en"]
    assert "ambiguous" in row["message_en"]
    assert tidy.empty  # never read as the year 2024
    assert validation.exit_code(found) == 2
    with pytest.raises(InputFileError) as exc:
        submissions.read(path)
    assert exc.value.rule == "period.ambiguous"


@pytest.mark.parametrize("text", ["6 tháng năm 2024", "sáu tháng năm 2024", "6 THANG 2024"])
def test_period_parse_refuses_an_ambiguous_half(text):
    with pytest.raises(PeriodError) as exc:
        periods.parse(text)
    assert "2024-H1" in exc.value.message("en") and "2024-H2" in exc.value.message("en")


def test_unambiguous_halves_still_read():
    assert periods.parse("6 tháng đầu năm 2024").code == "2024-H1"
    assert periods.parse("6 tháng cuối năm 2024").code == "2024-H2"
    assert periods.parse("tháng 6 năm 2024").code == "2024-06"
    assert periods.parse("năm 2024").code == "2024"


def test_ambiguous_period_in_a_tidy_csv_names_the_cell(tmp_path):
    path = write_csv(tmp_path, "amb.csv", ["SKHCN,6 tháng năm 2024,proc.total,58,,False"])
    _, found = check([path])
    row = only(found, "period.ambiguous")
    assert "amb.csv › dòng/row 2 › cột/col period" in row["location"]


# -- 2b: merged value cells --------------------------------------------------------------------
def test_merged_value_cells_are_an_error_naming_the_range(tmp_path):
    path = form_workbook(tmp_path, "merged.xlsx", {**GOOD_TTHC, 4: 290, 5: None, 3: 300,
                                                   6: 10, 7: 300, 8: 269})
    wb = openpyxl.load_workbook(path)
    wb["TTHC"].merge_cells(f"D{R}:E{R}")
    wb.save(path)
    tidy, found = check([path])
    row = only(found, "cell.merged")
    assert row["severity"] == "error"
    assert f"D{R}:E{R}" in row["location"] and f"D{R}:E{R}" in row["message_en"]
    assert "Trực tuyến" in row["message_vi"] and "Unmerge" in row["message_en"]
    assert not {"tthc.received_online", "tthc.received_offline"} & set(tidy["indicator"])
    assert validation.exit_code(found) == 2


def test_a_merged_heading_row_across_the_table_is_not_an_error(tmp_path):
    path = form_workbook(tmp_path, "heading.xlsx", {}, fields={
        "I. Cấp tỉnh": {}, "Hoạt động khoa học": {3: 9, 4: 9, 5: 0, 6: 0}})
    wb = openpyxl.load_workbook(path)
    wb["TTHC"].merge_cells(f"B{R}:M{R}")
    wb.save(path)
    _, found = check([path])
    assert "cell.merged" not in set(found["rule"])


# -- 2c: another province ---------------------------------------------------------------------
def test_a_form_of_another_province_is_not_read_as_ours(tmp_path):
    path = tthc(tmp_path, "nam_dinh.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["TTHC"]["C3"] = "Sở Khoa học và Công nghệ tỉnh Nam Định"
    wb.save(path)
    tidy, found = check([path])
    row = only(found, "agency.other_province")
    assert row["severity"] == "error"
    assert "Nam Định" in row["message_vi"] and "Hưng Yên" in row["message_en"]
    assert "nam_dinh.xlsx › TTHC › dòng/row 3 › cột/col C" in row["location"]
    assert tidy.empty


def test_thai_binh_department_is_never_read_as_hung_yens(tmp_path):
    # Thái Bình merged into Hưng Yên in 2025: its old departments may be registry units of
    # their own (then read as those), else the form is refused; never Hưng Yên's SKHCN
    path = tthc(tmp_path, "thai_binh.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["TTHC"]["C3"] = "Sở Khoa học và Công nghệ tỉnh Thái Bình"
    wb.save(path)
    tidy, found = check([path])
    assert "SKHCN" not in set(tidy["agency"])
    assert not tidy.empty or "agency.other_province" in set(found["rule"])


def test_our_own_province_named_is_fine(tmp_path):
    path = tthc(tmp_path, "hung_yen.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["TTHC"]["C3"] = "Sở Khoa học và Công nghệ tỉnh Hưng Yên"
    wb.save(path)
    tidy, found = check([path])
    assert found.empty, found.to_string()
    assert set(tidy["agency"]) == {"SKHCN"}


# -- 2d: hidden sheets ------------------------------------------------------------------------
@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_hidden_old_copy_is_skipped_with_a_warning(tmp_path, state):
    path = tthc(tmp_path, "hidden.xlsx")
    wb = openpyxl.load_workbook(path)
    old = wb.copy_worksheet(wb["TTHC"])
    old.title = "TTHC cu"
    old[f"C{R}"] = 999
    old.sheet_state = state
    wb.save(path)
    tidy, found = check([path])
    row = only(found, "sheet.hidden")
    assert row["severity"] == "warning" and "“TTHC cu”" in row["message_vi"]
    assert 999 not in set(tidy["value"])
    assert set(found["rule"]) == {"sheet.hidden"}


# -- 2e: "x" and "—" ---------------------------------------------------------------------------
@pytest.mark.parametrize("mark", ["x", "—"])
def test_no_figure_cells_say_which_identity_was_not_checked(tmp_path, capsys, mark):
    path = tthc(tmp_path, "x.xlsx", c5=mark)
    tidy, found = check([path])
    assert "value.no_figure" not in set(found["rule"])
    row = only(found, "identity.not_checked")
    assert row["severity"] == "info"
    assert "(3) = (4) + (5) + (6)" in row["message_en"]
    assert f"x.xlsx › TTHC › dòng/row {R} › cột/col E" in row["location"]
    assert validation.exit_code(found, strict=True) == 0
    assert cli.main(["validate", str(path)]) == 0
    assert "(3) = (4) + (5) + (6)" in capsys.readouterr().out


# -- 3: missing checks ------------------------------------------------------------------------
def test_future_period_is_an_error_and_an_open_one_a_warning(tmp_path, today_30_11_2026):
    path = write_csv(tmp_path, "future.csv", ["SKHCN,2027-H1,proc.total,58,,False",
                                              "SKHCN,2026-H2,proc.total,58,,False",
                                              "SKHCN,2026-H1,proc.total,58,,False"])
    _, found = check([path])
    future = only(found, "period.future")
    assert future["severity"] == "error" and "2027-H1" in future["message_en"]
    assert "30/11/2026" in future["message_vi"]
    open_ = only(found, "period.not_ended")
    assert open_["severity"] == "warning" and "2026-H2" in open_["message_en"]
    assert "2026-H1" not in " ".join(found["message_en"])


def test_implausible_size_is_a_warning(tmp_path):
    path = write_csv(tmp_path, "huge.csv", ["SKHCN,2024-H1,tthc.files_total,300000000,,False"])
    _, found = check([path])
    row = only(found, "value.implausible_size")
    assert row["severity"] == "warning" and "300.000.000" in row["message_vi"]


def test_a_jump_against_the_units_history_is_a_warning(tmp_path):
    path = write_csv(tmp_path, "jump.csv", ["SKHCN,2023-H1,proc.total,58,,False",
                                            "SKHCN,2023-H2,proc.total,60,,False",
                                            "SKHCN,2024-H1,proc.total,6000,,False"])
    _, found = check([path])
    row = only(found, "value.jump")
    assert row["period"] == "2024-H1" and "60" in row["message_en"]
    assert "jump.csv › dòng/row 4" in row["location"]


def test_field_rows_must_add_up_to_the_total_row(tmp_path):
    path = form_workbook(tmp_path, "fields.xlsx", {}, fields={
        "Hoạt động khoa học": {3: 100}, "Sở hữu trí tuệ": {3: 190}})
    wb = openpyxl.load_workbook(path)
    wb["TTHC"][f"C{R + 2}"] = 300  # the total row, typed over its SUM
    wb.save(path)
    _, found = check([path])
    row = only(found, "fields.sum")
    assert row["severity"] == "error"
    assert "290" in row["message_en"] and "300" in row["message_en"]
    assert f"dòng/row {R + 2} › cột/col C" in row["location"]


def test_the_shipped_data_gains_no_new_finding():
    tidy, found = check([Path("data/submissions"), Path("data/illustrative")])
    new = {"fields.sum", "value.jump", "value.implausible_size", "period.future",
           "period.not_ended", "cell.merged", "agency.other_province", "sheet.hidden"}
    assert not new & set(found["rule"]), found[found["rule"].isin(new)].to_string()


# -- 6: a binary file named .txt ----------------------------------------------------------------
@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_a_text_file_with_nul_bytes_is_refused_as_binary(tmp_path, capsys, suffix):
    path = tmp_path / f"bao_cao{suffix}"
    path.write_bytes("Báo cáo 6 tháng đầu năm 2024\n".encode() + b"PK\x03\x04\x00\x00binary")
    _, found = check([path])
    row = only(found, "file.binary")
    assert row["severity"] == "error" and "NUL" in row["message_en"]
    assert f"bao_cao{suffix} › dòng/row 2" in row["location"]
    with pytest.raises(InputFileError):
        submissions.read(path)
    assert cli.main(["validate", str(path)]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_utf16_text_is_still_read_as_text(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_text("Sở Khoa học và Công nghệ\nBáo cáo 6 tháng đầu năm 2024\n", encoding="utf-16")
    _, found = check([path])
    assert "file.binary" not in set(found["rule"])
