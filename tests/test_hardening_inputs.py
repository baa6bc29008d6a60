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
@pytest.mark.parametrize("mark, column", [("x", "E"), ("—", "E"), ("x", "F")])
def test_no_figure_cells_say_which_identity_was_not_checked(tmp_path, capsys, mark, column):
    # issue 19 item 17: the clerk's total cannot be checked, so it is a warning, not a note
    path = tthc(tmp_path, "x.xlsx", **{f"c{ord(column) - 64}": mark})
    tidy, found = check([path])
    assert "value.no_figure" not in set(found["rule"])
    row = only(found, "identity.not_checked")
    assert row["severity"] == "warning"
    assert "(3) = (4) + (5) + (6)" in row["message_en"]
    assert f"x.xlsx › TTHC › dòng/row {R} › cột/col {column}" in row["location"]
    assert validation.exit_code(found) == 0
    assert validation.exit_code(found, strict=True) == 1
    assert cli.main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "(3) = (4) + (5) + (6)" in out and "CẢNH BÁO" in out


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


# == issue 19: nothing escapes, nothing hangs (inputs) ========================================
try:  # works whether or not tests/ is a package
    from .broken_inputs import docx_bomb, xlsx_bomb
except ImportError:
    from broken_inputs import docx_bomb, xlsx_bomb

ROOT = Path(__file__).resolve().parent.parent


def data_folder(tmp_path: Path) -> Path:
    """A data folder with the registry and the shipped SKHCN 2024-H1 figures, no panel."""
    import shutil

    from papi_analysis import config

    data = tmp_path / "data"
    shutil.copytree(config.DATA_DIR / "agencies", data / "agencies")
    (data / "submissions").mkdir(parents=True)
    shutil.copy(config.DATA_DIR / "submissions" / "skhcn_2024-H1_seed.csv", data / "submissions")
    (data / "papi-analysis.toml").write_text("illustrative = false\n", encoding="utf-8")
    return data


# -- 4: a link out of the data folder ------------------------------------------------------------
SECRET = ("SỞ KHOA HỌC VÀ CÔNG NGHỆ\nBáo cáo 6 tháng đầu năm 2024\nTrong kỳ đã tiếp nhận 120 hồ "
          "sơ. MẬT-KHẨU-BÍ-MẬT-42\n")


def test_a_link_out_of_the_data_folder_is_refused_and_never_published(tmp_path, capsys,
                                                                      monkeypatch):
    from types import SimpleNamespace

    from papi_analysis.batch import runner

    monkeypatch.chdir(tmp_path)  # the target lies under the working folder: still not named
    outside = tmp_path / "elsewhere" / "secret.txt"
    outside.parent.mkdir()
    outside.write_text(SECRET, encoding="utf-8")
    data = data_folder(tmp_path)
    link = data / "submissions" / "bao_cao.txt"
    link.symlink_to(outside)
    tidy, found = check([data / "submissions"])
    row = only(found, "file.link_outside")
    assert row["severity"] == "error" and "bao_cao.txt" in row["location"]
    assert "MẬT-KHẨU" not in " ".join(found["message_vi"] + found["message_en"])
    assert str(outside) not in " ".join(found["message_vi"] + found["message_en"])
    assert "secret" not in row["location"] and "elsewhere" not in row["location"]
    assert "bao_cao.txt" not in set(tidy["source_file"].str.rsplit("/", n=1).str[-1])
    with pytest.raises(InputFileError):
        submissions.read(link)
    plan = SimpleNamespace(data_dir=data, period_dir=tmp_path / "reports" / "2024-H1",
                           lang="vi")
    pages = runner.write_review_pages(plan)
    assert pages == []
    published = [p.read_text(encoding="utf-8") for p in (tmp_path / "reports").rglob("*.html")]
    assert not any("MẬT-KHẨU" in t for t in published)
    assert cli.main(["validate", str(data / "submissions"), "--lang", "en"]) == 2
    out = capsys.readouterr().out
    assert "file.link_outside" in out and "MẬT-KHẨU" not in out


def test_a_link_inside_the_data_folder_is_read(tmp_path):
    data = data_folder(tmp_path)
    (data / "archive").mkdir()
    target = data / "archive" / "seed.csv"
    (data / "submissions" / "skhcn_2024-H1_seed.csv").rename(target)
    (data / "submissions" / "seed.csv").symlink_to(target)
    tidy, found = check([data / "submissions"])
    assert "file.link_outside" not in set(found["rule"])
    assert len(tidy) > 0


# -- 6: zip bombs, under a memory limit ----------------------------------------------------------
_BOMB_SCRIPT = """
import json, resource, sys, time
limit = 2 * 1024 ** 3
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from papi_analysis.intake import submissions
t0 = time.perf_counter()
tidy, found = submissions.read_many([sys.argv[1]])
print(json.dumps({"rules": list(found["rule"]), "where": list(found["location"]),
                  "en": list(found["message_en"]), "seconds": time.perf_counter() - t0}))
"""


def _read_under_limit(path: Path) -> dict:
    import json
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-c", _BOMB_SCRIPT, str(path)], capture_output=True,
                          text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="resource limits: POSIX")
@pytest.mark.parametrize("kind", ["sheet", "string", "docx", "lying"])
def test_a_zip_bomb_is_one_finding_fast_under_a_memory_limit(tmp_path, kind):
    if kind == "docx":
        path = docx_bomb(tmp_path)
    elif kind == "lying":  # the headers declare 50 kB, the sheet inflates to 200 MB
        path = xlsx_bomb(tmp_path, "sheet", 200 << 20, lie=True)
    else:
        path = xlsx_bomb(tmp_path, kind)
    got = _read_under_limit(path)
    assert got["rules"] == ["file.too_large"], got
    assert path.name in got["where"][0]
    assert "MB" in got["en"][0]
    assert got["seconds"] < 30, got


def test_a_workbook_within_the_limits_still_reads(tmp_path):
    from papi_analysis.intake import archives

    path = xlsx_bomb(tmp_path, "sheet", 5 << 20)  # 5 MB of rows: large, not a bomb
    archives.check(path, path.name)  # no error
    tidy, found = check([tthc(tmp_path, "ok.xlsx")])
    assert found.empty and len(tidy) == 11


# -- 7: a CSV 10^6 columns wide ------------------------------------------------------------------
def test_a_csv_a_million_columns_wide_is_refused_early(tmp_path):
    import time

    path = tmp_path / "wide.csv"
    extra = ",".join(f"c{i}" for i in range(1_000_000))
    path.write_text("agency,period,indicator,value,field,illustrative," + extra + "\n"
                    + "SKHCN,2024-H1,proc.total,58,,False" + "," * 1_000_000 + "\n",
                    encoding="utf-8")
    t0 = time.perf_counter()
    tidy, found = check([path])
    assert time.perf_counter() - t0 < 10
    row = only(found, "file.too_wide")
    assert set(found["rule"]) == {"file.too_wide"} and tidy.empty
    assert "1.000.006" in row["message_vi"] and "1,000,006" in row["message_en"]
    assert "wide.csv" in row["location"]


# -- 9: a value of 10^28 or more -----------------------------------------------------------------
@pytest.mark.parametrize("value", ["1e28", "12345678901234567890123456789", "9.9e307"])
def test_a_value_of_1e28_is_a_finding_on_its_cell(tmp_path, capsys, value):
    path = write_csv(tmp_path, "big.csv", [f"SKHCN,2024-H1,tthc.files_total,{value},,False",
                                           "SKHCN,2024-H1,proc.total,58,,False"])
    tidy, found = check([path])
    row = only(found, "value.implausible")
    assert row["severity"] == "error" and "big.csv › dòng/row 2 › cột/col value" in row["location"]
    assert "tthc.files_total" not in set(tidy["indicator"])  # never shown in an appendix
    assert cli.main(["validate", str(path)]) == 2
    assert "value.implausible" in capsys.readouterr().out


def test_a_form_cell_of_1e28_is_a_finding_on_its_cell(tmp_path):
    path = tthc(tmp_path, "big.xlsx", c3=1e28)
    tidy, found = check([path])
    row = only(found, "value.implausible")
    assert f"TTHC › dòng/row {R} › cột/col C" in row["location"]
    assert "tthc.files_total" not in set(tidy["indicator"])


def test_validate_formats_any_size_without_crashing():
    import pandas as pd

    from papi_analysis.model import schema

    df = schema.conform(pd.DataFrame([{"agency": "SKHCN", "period": "2024-H1",
                                       "indicator": "tthc.files_total", "value": 1e30}]))
    found = validation.validate(df)
    assert only(found, "value.implausible")["severity"] == "error"


# -- 10: a unit's figures for a period before it existed -----------------------------------------
def test_figures_of_a_unit_before_it_existed_name_its_predecessors(tmp_path, capsys):
    lines = [f"SNNMT,{p},{code},5,,False" for p in ("2023-H1", "2023-H2")
             for code in ("tthc.carried_over", "tthc.pending_total", "tthc.files_total",
                          "tthc.received_online", "tthc.received_offline")]
    path = write_csv(tmp_path, "snnmt.csv", lines)
    _, found = check([path])
    hits = found[found["rule"] == "unit.not_in_period"]
    assert set(hits["period"]) == {"2023-H1", "2023-H2"}
    row = hits.iloc[0]
    assert "STNMT" in row["message_vi"] and "SNNPTNT" in row["message_en"]
    assert cli.main(["validate", str(path)]) == 2
    assert "Lỗi không mong đợi" not in capsys.readouterr().err


def test_bench_validate_runs_in_its_quick_form():
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "scripts/bench_validate.py", "--rows", "3000"],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "rows  run 1" in proc.stdout and "errors 0" in proc.stdout, proc.stdout


# -- 11: a renamed binary .txt in a data folder --------------------------------------------------
class _Reached(Exception):
    """The build got as far as running the notebooks."""


@pytest.mark.parametrize("bad, rule", [
    ("bao_cao.txt", "file.binary"),  # item 11: a renamed binary file
    ("big.csv", "value.implausible"),  # item 9: 1e28 crashed the build's data check
])
def test_one_bad_file_is_a_finding_and_the_build_goes_on(tmp_path, monkeypatch, bad, rule):
    from papi_analysis.batch import buildcheck, runner
    from papi_analysis.intake import datasets

    data = data_folder(tmp_path)
    if bad == "big.csv":
        write_csv(data / "submissions", bad, ["SYT,2024-H1,tthc.files_total,1e28,,False"])
    else:
        (data / "submissions" / bad).write_bytes(b"PK\x03\x04\x00\x00 binary\x00" * 50)
    seen = {}

    def reached(todo, *a, **k):
        seen["tasks"] = [t.entry_id for t in todo]
        raise _Reached

    from papi_analysis import config

    monkeypatch.setattr(config, "CACHE_DIR", tmp_path / "cache")  # nothing kept from before
    monkeypatch.setattr(runner, "_execute", reached)
    monkeypatch.setattr(buildcheck, "_declared",
                        lambda nb, cache: {"cell": True, "params": dict(buildcheck.PARAMETERS)})
    with pytest.raises(_Reached):
        runner.build("2024-H1", agencies=["SKHCN"], data_dir=data,
                     reports_dir=tmp_path / "reports", force=True,
                     on_check=lambda f, p: seen.setdefault("findings", f))
    assert seen["tasks"]
    hits = seen["findings"][seen["findings"]["rule"] == rule]
    assert len(hits) == 1 and bad in hits.iloc[0]["location"]
    # the build's data check kept the readable table for the appendices: read once
    from papi_analysis import caches
    from papi_analysis.model import schema

    kept = caches.get_frame("tidy", datasets.cache_key(data), schema.conform)
    assert kept is not None
    loaded = datasets.load(data, cache=False)
    assert set(loaded["agency"]) == {"SKHCN"}
    assert kept.equals(loaded)


def test_a_data_folder_with_nothing_readable_still_says_why(tmp_path):
    from papi_analysis.intake import datasets

    data = data_folder(tmp_path)
    (data / "submissions" / "skhcn_2024-H1_seed.csv").unlink()
    (data / "submissions" / "bao_cao.txt").write_bytes(b"binary\x00" * 50)
    with pytest.raises(InputFileError) as exc:
        datasets.load(data, cache=False)
    assert exc.value.rule == "file.binary"


# -- 15: a formula typed as a field name into a template -----------------------------------------
def test_template_fields_never_become_live_formulas(tmp_path):
    out = tmp_path / "t.xlsx"
    assert cli.main(["template", "tthc", "-o", str(out), "--fields",
                     '=HYPERLINK("http://evil.example/","Bấm");@SUM(1+1);Hộ tịch']) == 0
    wb = openpyxl.load_workbook(out)
    ws = wb["TTHC"]
    cells = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    labels = {c.value: c for c in cells if "HYPERLINK" in c.value or "SUM(1" in c.value}
    assert labels, [c.value for c in cells]
    for cell in labels.values():
        assert cell.data_type == "s", (cell.coordinate, cell.value)
    formulas = [c.value for c in cells if c.data_type == "f"]
    assert formulas and all(f.startswith("=SUM(") for f in formulas)


# -- 16: external links and DDE in a form's value cell -------------------------------------------
@pytest.mark.parametrize("formula, rule", [
    ("='[so_lieu_2023.xlsx]TTHC'!C12", "value.external_link"),
    ("=[1]TTHC!C12", "value.external_link"),
    ("=cmd|' /C calc'!A0", "value.dde"),
])
def test_an_external_or_dde_formula_is_a_warning_naming_the_cell(tmp_path, formula, rule):
    try:
        from .broken_inputs import set_saved_formula
    except ImportError:
        from broken_inputs import set_saved_formula
    path = set_saved_formula(tthc(tmp_path, "link.xlsx"), f"C{R}", formula, "281", kind="n")
    tidy, found = check([path])
    row = only(found, rule)
    assert row["severity"] == "warning"
    assert f"link.xlsx › TTHC › dòng/row {R} › cột/col C" in row["location"]
    assert f"C{R}" in row["message_vi"] and "281" in row["message_en"]


@pytest.mark.parametrize("formula, kind", [
    ("='C:\\so lieu\\[a.xlsx]TTHC'!A1", "external"), ("=DDE(\"app\";\"topic\")", "dde"),
    ("=SUM(C10:C15)", None), ("=SUM(Bang1[Cot])+TTHC2!A1", None), ("=TTHC2!C12", None),
    ("=Bang1[[#This Row],[Cot]]", None), ('=IF(A1="a|b";1;0)', None),
])
def test_only_other_files_and_programs_count_as_links(formula, kind):
    from papi_analysis.intake import workbooks

    assert workbooks.linked(formula) == kind


def test_an_external_link_in_a_tidy_sheet_is_a_warning_naming_the_cell(tmp_path):
    try:
        from .broken_inputs import set_saved_formula
    except ImportError:
        from broken_inputs import set_saved_formula
    path = tmp_path / "tidy.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(["agency", "period", "indicator", "value"])
    ws.append(["SKHCN", "2024-H1", "proc.total", 1])
    wb.save(path)
    set_saved_formula(path, "D2", "='[nam_truoc.xlsx]Data'!D2", "58", kind="n")
    tidy, found = check([path])
    row = only(found, "value.external_link")
    assert row["severity"] == "warning" and "tidy.xlsx › Data › dòng/row 2 › cột/col D" in \
        row["location"]
    assert list(tidy["value"]) == [58]
