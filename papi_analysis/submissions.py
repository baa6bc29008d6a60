"""Reading submissions (.xlsx forms, tidy .csv) and writing blank form templates.

Two input shapes become one tidy table (:mod:`papi_analysis.schema`), every value keeping
its file, sheet, row and column:

* **Workbooks in a form layout** (:mod:`papi_analysis.forms`).  Which sheets are read: every
  sheet whose header row matches a form (enough of its column headers, by text, with or
  without diacritics, merged cells spread over what they cover), and every sheet that is a
  tidy table (first row with ``agency, period, indicator, value``).  Other sheets (notes,
  charts) are ignored; a workbook where no sheet qualifies is an error.  Above the table, a
  cell "Đơn vị báo cáo:" and a cell "Kỳ báo cáo:" give the agency (code, or name from the
  registry) and the period (code or phrase such as "6 tháng đầu năm 2024"), in the same cell
  after the colon or in the next cell to the right; failing that, the title lines are searched.
  Below the headers (and the row of column numbers, if any), each row with figures is one
  field (lĩnh vực) or unit, named by column (2); a row labelled "Tổng cộng", "Tổng số" or
  "Cộng" is the total and is stored with ``field == ""``.  Reading stops at the signature
  block ("Người lập biểu", "Thủ trưởng đơn vị", "…, ngày … tháng … năm …").  A blank cell, a
  dash or an "x" is "no figure".  Numbers typed as text are accepted in Vietnamese form ("1.234",
  "98,81").  Formulas: ``SUM`` of ranges and sums of cells on the same sheet are evaluated
  here (so a workbook filled by a program, with no values cached by Excel, still reads);
  other formulas use the value Excel saved; a formula with neither is an error.  The cell
  grid behind this (merged cells, header block, rows, formulas) is
  :mod:`papi_analysis.workbooks`; this module reads the figures out of it.
* **Tidy CSV**: columns :data:`~papi_analysis.schema.CSV_REQUIRED` plus optional
  :data:`~papi_analysis.schema.CSV_OPTIONAL` (and the other tidy columns, accepted and not
  used: the CSV itself is the source).  UTF-8 with or without BOM; comma, semicolon or tab;
  codes stay strings ("01" stays "01"); values with a decimal point ("98.81"), Vietnamese
  forms with a comma ("98,81", "1.234.567") also accepted; period phrases become codes.

Templates: :func:`write_template` writes the form with its merged headers, the column
numbers, one row per field given and a total row.  With fields, the total row holds ``SUM``
formulas over the field rows (the reader evaluates them); without fields, the total row is
left for the agency to fill.  Cells accept only numbers of the right kind (Excel data
validation).
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import math
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import agencies, config, forms, indicators, periods, schema, validation, workbooks
from .errors import InputFileError, ParameterError, PeriodError
from .text import fold, nfc

SUFFIXES = (".xlsx", ".csv")
_DASHES = {"-", "–", "—", "x", "X"}


def _display_name(path: Path) -> str:
    """The file's name as findings show it: relative to the data folder or the working folder."""
    resolved = path.resolve()
    for base in (config.DATA_DIR, Path.cwd()):
        try:
            return resolved.relative_to(Path(base).resolve()).as_posix()
        except ValueError:
            continue
    return path.name


# -- public API ------------------------------------------------------------------------------
def read(path: Path | str, *, sheet: str | None = None) -> pd.DataFrame:
    """Read one submission (``.xlsx`` form or tidy ``.csv``) into a tidy table.

    Parameters
    ----------
    path : path
        The file.
    sheet : str, optional
        Read only this sheet of a workbook (default: every sheet matching a form).

    Returns
    -------
    DataFrame
        Tidy table (:data:`papi_analysis.schema.COLUMNS`), ``schema.conform``'d.

    Raises
    ------
    InputFileError
        On the first problem: the file is missing, empty, not a workbook or not UTF-8, no
        sheet matches a form, a header is unknown or missing, a cell holds text where a
        number belongs, a period cannot be read…; with where (file › sheet › row › column)
        and what to do.
    """
    df, problems = _read_file(Path(path), sheet)
    errors = [p for p in problems if p.severity == validation.ERROR]
    if errors:
        raise errors[0]
    return df


def read_many(paths: list[Path]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read files and folders (recursively, ``.xlsx`` and ``.csv``) without stopping on errors.

    Returns
    -------
    (DataFrame, DataFrame)
        The tidy table of everything readable and the findings of reading
        (:data:`papi_analysis.validation.COLUMNS`): a file that cannot be read is one error
        (``file.missing``, ``file.empty``, ``file.unreadable``, ``file.unsupported``,
        ``file.wrong_sheet``, ``header.unknown``, ``header.missing_column``…); a bad cell is
        one error (``value.not_number``…) and only that cell is skipped.
    """
    frames: list[pd.DataFrame] = []
    rows: list[dict] = []
    for path in _expand([Path(p) for p in paths], rows):
        try:
            df, problems = _read_file(path, None)
        except InputFileError as err:
            rows.append(validation.from_error(err))
            continue
        rows += [validation.from_error(p) for p in problems]
        if df.empty and not problems:
            rows.append(validation.finding(
                validation.WARNING, "file.no_data",
                "Tệp không có số liệu nào (mọi ô số liệu đều trống).",
                "The file holds no figures (every value cell is blank).",
                where=_display_name(path)))
        frames.append(df)
    return _concat(frames), validation.frame(rows)


def _expand(paths: list[Path], rows: list[dict]) -> list[Path]:
    out: list[Path] = []
    seen: set[Path] = set()
    for p in paths:
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file()
                           and f.suffix.lower() in SUFFIXES
                           and not f.name.startswith(("~$", ".")))
            if not found:
                rows.append(validation.finding(
                    validation.WARNING, "file.none_found",
                    "Thư mục không có tệp .xlsx hoặc .csv nào.",
                    "The folder holds no .xlsx or .csv file.", where=str(p)))
            out += [f for f in found if f.resolve() not in seen]
            seen |= {f.resolve() for f in found}
        elif p.resolve() not in seen:
            out.append(p)
            seen.add(p.resolve())
    return out


def _read_file(path: Path, sheet: str | None) -> tuple[pd.DataFrame, list[InputFileError]]:
    name = _display_name(path)
    if not path.exists():
        raise validation.problem(
            "file.missing", "Không tìm thấy tệp.", "The file does not exist.",
            where=str(path), hint_vi="Kiểm tra lại đường dẫn và tên tệp.",
            hint_en="Check the path and the file name.")
    if path.is_dir():
        raise validation.problem(
            "file.unreadable", "Đây là thư mục, không phải tệp.",
            "This is a folder, not a file.", where=str(path),
            hint_vi="Dùng read_many để đọc cả thư mục.",
            hint_en="Use read_many to read a whole folder.")
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        extra_vi = " (định dạng Excel cũ)" if suffix == ".xls" else ""
        extra_en = " (old Excel format)" if suffix == ".xls" else ""
        raise validation.problem(
            "file.unsupported",
            f"Không đọc được tệp {suffix or 'không có đuôi'}{extra_vi}: chỉ nhận "
            ".xlsx theo biểu mẫu hoặc .csv dạng dài.",
            f"Cannot read a {suffix or 'suffix-less'} file{extra_en}: only .xlsx "
            "forms or tidy .csv are accepted.", where=name,
            hint_vi="Mở tệp trong Excel và lưu lại dưới dạng Excel Workbook (.xlsx) "
            "hoặc CSV UTF-8.",
            hint_en="Open it in Excel and save as Excel Workbook (.xlsx) or CSV UTF-8.")
    if path.stat().st_size == 0:
        raise validation.problem(
            "file.empty", "Tệp rỗng (0 byte).", "The file is empty (0 bytes).",
            where=name, hint_vi="Gửi lại tệp đã điền số liệu.",
            hint_en="Send the filled-in file again.")
    try:
        if suffix == ".csv":
            return _read_csv(path, name)
        return _read_xlsx(path, name, sheet)
    except OSError as exc:
        raise validation.problem(
            "file.unreadable", f"Không đọc được tệp: {exc.strerror or exc}.",
            f"Cannot read the file: {exc.strerror or exc}.", where=name,
            hint_vi="Kiểm tra quyền đọc tệp và đóng tệp nếu đang mở trong Excel.",
            hint_en="Check the file can be read, and close it if Excel has it open.",
            ) from None


def _frame(records: list[dict]) -> pd.DataFrame:
    """The tidy table of the records read from one sheet or file."""
    return schema.conform(pd.DataFrame(records)) if records else schema.empty()


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """One tidy table of the tables read (the empty ones left out)."""
    frames = [f for f in frames if not f.empty]
    return schema.conform(pd.concat(frames, ignore_index=True)) if frames else schema.empty()


# -- numbers -------------------------------------------------------------------------------
_INT = re.compile(r"^[+-]?\d+$")
_VI_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
_VI_DECIMAL = re.compile(r"^[+-]?\d+,\d+$")
_POINT_DECIMAL = re.compile(r"^[+-]?\d+\.\d+$")


def parse_number(text: str, *, machine: bool = False) -> float:
    """Read a number typed as text.

    Vietnamese forms are accepted: ``1.234`` (thousands), ``98,81`` (decimal comma),
    ``1.234.567,5``; a decimal point is read as one when the text cannot be Vietnamese
    thousands (``12.5``).  With ``machine=True`` (tidy CSV) a plain decimal point wins
    (``1.234`` is 1.234).  Spaces and a Unicode minus sign are allowed.

    Raises
    ------
    ValueError
        If the text is not a number ("12 hồ sơ", "abc").
    """
    s = re.sub(r"[\s\u00a0]", "", nfc(text)).replace("−", "-")
    if machine:
        try:
            x = float(s)
        except ValueError:
            pass
        else:
            if math.isfinite(x) and "_" not in s:
                return x
    if _INT.match(s):
        return float(s)
    if _VI_THOUSANDS.match(s):
        return float(s.replace(".", "").replace(",", "."))
    if _VI_DECIMAL.match(s):
        return float(s.replace(",", "."))
    if _POINT_DECIMAL.match(s):
        return float(s)
    raise ValueError(text)


# -- CSV and tidy sheets ---------------------------------------------------------------------
_TIDY_KNOWN = list(dict.fromkeys(schema.CSV_REQUIRED + schema.CSV_OPTIONAL + schema.COLUMNS))
_TRUE = {"true", "1", "yes", "co", "x", "dung"}
_FALSE = {"false", "0", "no", "khong", "", "sai"}


def _read_csv(path: Path, name: str) -> tuple[pd.DataFrame, list[InputFileError]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise validation.problem(
            "file.unreadable",
            "Tệp CSV không ở mã UTF-8 (có thể là tệp Excel hoặc mã ANSI/TCVN3).",
            "The CSV file is not UTF-8 (it may be a workbook or ANSI/TCVN3 text).",
            where=validation.location(name, row=line),
            hint_vi="Trong Excel chọn Lưu thành › CSV UTF-8 (phân tách bằng dấu phẩy).",
            hint_en="In Excel choose Save As › CSV UTF-8 (Comma delimited).") from None
    if "\x00" in text:
        raise validation.problem(
            "file.unreadable", "Tệp không phải văn bản CSV (có ký tự nhị phân).",
            "The file is not CSV text (it holds binary data).", where=name,
            hint_vi="Kiểm tra đuôi tệp: tệp Excel phải có đuôi .xlsx.",
            hint_en="Check the suffix: a workbook must end in .xlsx.")
    if not text.strip():
        raise validation.problem(
            "file.empty", "Tệp CSV không có nội dung.", "The CSV file has no content.",
            where=name, hint_vi="Gửi lại tệp đã điền số liệu.",
            hint_en="Send the filled-in file again.")
    first = text.splitlines()[0]
    delim = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    header = next(reader)
    records = ((reader.line_num, row) for row in reader)
    return _read_tidy_rows(header, records, name, "")


def _tidy_header(header: list[str], name: str, sheet: str) -> list[str]:
    cols = [fold(h).replace(" ", "_") for h in header]
    where = validation.location(name, sheet, 1)
    missing = [c for c in schema.CSV_REQUIRED if c not in cols]
    for i, c in enumerate(cols):
        if c and c not in _TIDY_KNOWN:
            close = difflib.get_close_matches(c, _TIDY_KNOWN, n=1, cutoff=0.75)
            if close and close[0] not in cols:
                raise validation.problem(
                    "header.unknown", f"Cột “{header[i]}” không phải cột của bảng dạng dài.",
                    f"Column “{header[i]}” is not a column of the tidy table.",
                    where=validation.location(name, sheet, 1, header[i]),
                    hint_vi=f"Có phải “{close[0]}”? Sửa tên cột ở dòng đầu.",
                    hint_en=f"Did you mean “{close[0]}”? Fix the name in the first line.")
    if missing:
        listing = ", ".join(schema.CSV_REQUIRED)
        optional = ", ".join(schema.CSV_OPTIONAL)
        raise validation.problem(
            "header.missing_column",
            f"Thiếu cột bắt buộc: {', '.join(missing)}.",
            f"Required column(s) missing: {', '.join(missing)}.", where=where,
            hint_vi=f"Dòng đầu phải có các cột {listing} (tùy chọn: {optional}).",
            hint_en=f"The first line must name the columns {listing} (optional: {optional}).")
    dup = sorted({c for c in cols if c and cols.count(c) > 1})
    if dup:
        raise validation.problem(
            "header.duplicate_column", f"Cột lặp lại: {', '.join(dup)}.",
            f"Repeated column(s): {', '.join(dup)}.", where=where,
            hint_vi="Mỗi cột chỉ xuất hiện một lần; xóa cột thừa.",
            hint_en="Each column may appear once; delete the extra one.")
    return cols


def _read_tidy_rows(header: list[str], records, name: str,
                    sheet: str) -> tuple[pd.DataFrame, list[InputFileError]]:
    """Tidy rows (line number, list of strings) → tidy table and cell problems."""
    cols = _tidy_header(header, name, sheet)
    out: list[dict] = []
    problems: list[InputFileError] = []
    period_cache: dict[str, str | PeriodError] = {}
    agency_cache: dict[str, str] = {}
    for line, row in records:
        if not any(str(v).strip() for v in row):
            continue
        if len(row) != len(cols):
            problems.append(validation.problem(
                "row.columns", f"Dòng có {len(row)} ô nhưng tiêu đề có {len(cols)} cột.",
                f"The line has {len(row)} cells but the header has {len(cols)} columns.",
                where=validation.location(name, sheet, line),
                hint_vi="Một ô có dấu phẩy phải đặt trong ngoặc kép \"…\".",
                hint_en="A cell containing a comma must be quoted \"…\"."))
            continue
        rec = {c: nfc(str(v)).strip() for c, v in zip(cols, row, strict=True) if c}
        ctx = dict(agency=rec["agency"], indicator=rec["indicator"], field=rec.get("field", ""))
        where = validation.location(name, sheet, line, "value")
        raw_value = rec["value"]
        if raw_value in _DASHES or raw_value == "":
            problems.append(validation.problem(
                "value.missing", "Dòng không có giá trị (cột value trống); bỏ qua.",
                "The line has no value (value is blank); skipped.", where=where,
                severity=validation.WARNING, hint_vi="Ghi số liệu hoặc xóa dòng.",
                hint_en="Enter the figure or delete the line.", **ctx))
            continue
        try:
            value = parse_number(raw_value, machine=True)
        except ValueError:
            problems.append(_not_number(raw_value, where, **ctx))
            continue
        period = _period_code(rec["period"], period_cache)
        if isinstance(period, PeriodError):
            problems.append(validation.problem(
                "period.unknown", period.vi, period.en,
                where=validation.location(name, sheet, line, "period"),
                hint_vi=period.hint_vi or "", hint_en=period.hint_en or "", **ctx))
            continue
        flag = fold(rec.get("illustrative", ""))
        if flag not in _TRUE | _FALSE:
            problems.append(validation.problem(
                "value.not_bool", f"Cột illustrative có “{rec['illustrative']}”.",
                f"Column illustrative holds “{rec['illustrative']}”.",
                where=validation.location(name, sheet, line, "illustrative"),
                hint_vi="Ghi True (số liệu minh họa) hoặc False (số liệu thật).",
                hint_en="Write True (illustrative) or False (real).", **ctx))
            continue
        if rec["agency"] not in agency_cache:
            agency_cache[rec["agency"]] = _agency_code(rec["agency"])
        out.append({"agency": agency_cache[rec["agency"]], "period": period,
                    "indicator": rec["indicator"], "value": value,
                    "field": rec.get("field", ""), "illustrative": flag in _TRUE,
                    "source_file": name, "source_sheet": sheet, "source_row": line,
                    "source_column": "value", "source_text": rec.get("source_text", "")})
    return _frame(out), problems


def _period_code(text: str, cache: dict) -> str | PeriodError:
    if text not in cache:
        try:
            cache[text] = periods.parse(text).code
        except PeriodError as err:
            cache[text] = err
    return cache[text]


def _agency_code(text: str) -> str:
    """A registry code for ``text`` (code, "Name (CODE)" or name), else the text as written."""
    t = nfc(str(text)).strip()
    if not t:
        return ""
    reg = agencies.registry()
    upper = {c.upper(): c for c in reg}
    if t.upper() in upper:
        return upper[t.upper()]
    m = re.search(r"\(\s*([A-Za-z0-9_&.-]+)\s*\)\s*$", t)
    if m and m.group(1).upper() in upper:
        return upper[m.group(1).upper()]
    found = agencies.find_by_name(t)
    return found.code if found else t


def _not_number(raw: object, where: str, **ctx: str) -> InputFileError:
    shown = raw.strftime("%d/%m/%Y") if isinstance(raw, dt.date) else raw
    return validation.problem(
        "value.not_number", f"Ô có “{shown}”, không phải một số.",
        f"The cell holds “{shown}”, which is not a number.", where=where,
        hint_vi="Chỉ ghi số (ví dụ 12, không ghi “12 hồ sơ”); để trống nếu không có số liệu.",
        hint_en="Enter only the number (e.g. 12, not “12 hồ sơ”); leave blank if there is none.",
        **ctx)


# -- form workbooks ----------------------------------------------------------------------------
def _read_xlsx(path: Path, name: str,
               sheet: str | None) -> tuple[pd.DataFrame, list[InputFileError]]:
    sheets = _sheets(workbooks.open_workbook(path, name), sheet, name)
    frames, problems, used = [], [], 0
    saved = workbooks.SavedValues(path, name)
    for ws in sheets:
        try:
            result = _read_sheet(ws, name, saved)
        except InputFileError as err:  # the sheet is a table, with a problem that stops it
            used += 1
            problems.append(err)
            continue
        if result is None:
            continue
        used += 1
        frames.append(result[0])
        problems += result[1]
    if not used:
        titles = ", ".join(f"“{ws.title}”" for ws in sheets)
        raise validation.problem(
            "file.wrong_sheet",
            f"Không trang tính nào ({titles}) có tiêu đề cột khớp một biểu mẫu.",
            f"No sheet ({titles}) has column headers matching a form.", where=name,
            hint_vi="Dùng biểu mẫu tạo bằng `papi-analysis template <biểu>`; các biểu: "
            f"{forms.listing()}.",
            hint_en="Use a form written by `papi-analysis template <form>`; forms: "
            f"{forms.listing()}.")
    return _concat(frames), problems


def _sheets(wb, sheet: str | None, name: str) -> list:
    """The worksheets to read: all of them, or the one named ``sheet``."""
    if sheet is None:
        return wb.worksheets
    chosen = [ws for ws in wb.worksheets if ws.title == sheet]
    if not chosen:
        listing = ", ".join(ws.title for ws in wb.worksheets)
        raise validation.problem(
            "file.wrong_sheet", f"Không có trang tính “{sheet}”.",
            f"There is no sheet “{sheet}”.", where=name,
            hint_vi=f"Các trang tính có: {listing}.",
            hint_en=f"The sheets are: {listing}.")
    return chosen


def _read_sheet(ws, name: str, saved: workbooks.SavedValues,
                ) -> tuple[pd.DataFrame, list[InputFileError]] | None:
    """A tidy sheet or a form sheet read; ``None`` for a sheet that is neither (notes…)."""
    header = workbooks.first_row(ws)
    if {fold(h) for h in header} >= set(schema.CSV_REQUIRED):
        return _read_tidy_rows(header, workbooks.records(ws, len(header)), name, ws.title)
    g = workbooks.Grid(ws)
    table = workbooks.find_table(g)
    if table is None:
        return None
    workbooks.check_header(g, table, name)
    agency, period = _meta(g, table, name)
    return _read_form_rows(_Sheet(g, table, name, agency, period, saved))


@dataclass
class _Sheet:
    """A form sheet being read: its grid and table, and the agency and period it reports."""

    g: workbooks.Grid
    table: workbooks.Table
    name: str
    agency: str
    period: str
    saved: workbooks.SavedValues

    def where(self, r: int, c: int | None = None) -> str:
        """The place of row ``r`` (and column ``c``) of this sheet, for a finding."""
        from openpyxl.utils import get_column_letter

        return validation.location(self.name, self.g.title, r,
                                   get_column_letter(c) if c else "")


def _read_form_rows(s: _Sheet) -> tuple[pd.DataFrame, list[InputFileError]]:
    out: list[dict] = []
    problems: list[InputFileError] = []
    if s.g.truncated:
        problems.append(validation.problem(
            "sheet.truncated", f"Chỉ đọc {s.g.max_row} dòng đầu của trang tính.",
            f"Only the first {s.g.max_row} rows of the sheet were read.",
            where=s.where(s.g.max_row), severity=validation.WARNING,
            hint_vi="Chia biểu thành nhiều trang tính hoặc dùng tệp .csv dạng dài.",
            hint_en="Split the form over several sheets or use a tidy .csv file.",
            agency=s.agency, period=s.period))
    for row in workbooks.data_rows(s.g, s.table):
        field = "" if row.total else re.sub(r"\s+", " ", row.label)
        found = _row_values(s, row.number, field, problems)
        if found and not row.total and not field:
            if not row.stt or _INT.match(row.stt):
                problems.append(validation.problem(
                    "row.no_label",
                    "Dòng có số liệu nhưng không ghi tên lĩnh vực/đơn vị ở cột (2).",
                    "The row has figures but no field/unit name in column (2).",
                    where=s.where(row.number, s.table.label_col),
                    hint_vi="Ghi tên lĩnh vực, hoặc “Tổng cộng” nếu đây là dòng tổng.",
                    hint_en="Write the field's name, or “Tổng cộng” if this is the total row.",
                    agency=s.agency, period=s.period))
                continue
            for f in found:  # a unit named in the STT column ("I", "a")
                f["field"] = row.stt
        out += found
    return _frame(out), problems


def _row_values(s: _Sheet, r: int, field: str, problems: list[InputFileError]) -> list[dict]:
    """The figures of row ``r``, one record per filled cell; a bad cell goes to ``problems``."""
    from openpyxl.utils import get_column_letter

    found: list[dict] = []
    for c, col in s.table.matched.matched.items():
        cell = s.g.own(r, c)
        if cell is None:
            continue
        try:
            value = _cell_value(s.g, cell, col.indicator, s.saved)
        except _CellProblem as bad:
            problems.append(bad.error(s.where(r, c), agency=s.agency, period=s.period,
                                      indicator=col.indicator, field=field))
            continue
        if value is not None:
            found.append({"agency": s.agency, "period": s.period, "indicator": col.indicator,
                          "value": value, "field": field, "source_file": s.name,
                          "source_sheet": s.g.title, "source_row": r,
                          "source_column": get_column_letter(c)})
    return found


_AGENCY_LABEL = re.compile(r"^(?:don vi bao cao|co quan bao cao|ten don vi|don vi|co quan)"
                           r"\s*(?::|$)|^(?:don vi bao cao|co quan bao cao)\b")
_PERIOD_LABEL = re.compile(r"^(?:ky bao cao|thoi gian bao cao|ky|thoi ky)\s*(?::|$)"
                           r"|^ky bao cao\b")


def _meta(g: workbooks.Grid, table: workbooks.Table, name: str) -> tuple[str, str]:
    """Agency code and period code of one sheet, from the cells above its table."""
    above = range(1, table.header_top)
    title = " ".join(g.text(r, c) for r in above for c in range(1, g.max_col + 1))
    agency = _sheet_agency(g, above, title, name)
    return agency, _sheet_period(g, above, title, name, agency)


def _sheet_agency(g: workbooks.Grid, above: range, title: str, name: str) -> str:
    found = workbooks.labelled(g, above, _AGENCY_LABEL)
    agency = _agency_code(found[0]) if found and found[0] else ""
    if not agency:
        by_name = agencies.find_by_name(title) if title else None
        agency = by_name.code if by_name else ""
    if not agency:
        raise validation.problem(
            "header.no_agency", "Không thấy đơn vị báo cáo ở phía trên bảng.",
            "No reporting agency found above the table.", where=validation.location(name, g.title),
            hint_vi="Ghi “Đơn vị báo cáo: <mã hoặc tên đơn vị>” vào một ô phía trên bảng "
            "(ví dụ: Đơn vị báo cáo: SKHCN).",
            hint_en="Write “Đơn vị báo cáo: <code or name>” in a cell above the table "
            "(e.g. Đơn vị báo cáo: SKHCN).")
    return agency


def _sheet_period(g: workbooks.Grid, above: range, title: str, name: str, agency: str) -> str:
    found_p = workbooks.labelled(g, above, _PERIOD_LABEL)
    if found_p and found_p[0]:
        try:
            return periods.parse(found_p[0]).code
        except PeriodError as err:
            raise validation.problem(
                "period.unknown", err.vi, err.en,
                where=validation.location(name, g.title, found_p[1], found_p[2]),
                hint_vi=err.hint_vi or "", hint_en=err.hint_en or "",
                agency=agency) from None
    found = periods.find(title) if title else None
    if found is None:
        raise validation.problem(
            "header.no_period", "Không thấy kỳ báo cáo ở phía trên bảng.",
            "No reporting period found above the table.",
            where=validation.location(name, g.title), agency=agency,
            hint_vi="Ghi “Kỳ báo cáo: <kỳ>” vào một ô phía trên bảng (ví dụ: Kỳ báo cáo: "
            "6 tháng đầu năm 2024, hoặc 2024-H1).",
            hint_en="Write “Kỳ báo cáo: <period>” in a cell above the table (e.g. Kỳ báo "
            "cáo: 6 tháng đầu năm 2024, or 2024-H1).")
    return found.code


# -- cell values -------------------------------------------------------------------------------
class _CellProblem(Exception):
    """A value cell that holds no number; :meth:`error` says so at the cell's place."""

    def __init__(self, rule: str, raw: object):
        super().__init__(rule)
        self.rule, self.raw = rule, raw

    def error(self, where: str, **ctx: str) -> InputFileError:
        if self.rule == "value.not_number":
            return _not_number(self.raw, where, **ctx)
        return validation.problem(
            "value.formula", f"Ô có công thức “{self.raw}” mà chương trình không tính được và "
            "tệp không lưu sẵn kết quả.",
            f"The cell holds the formula “{self.raw}”, which cannot be evaluated here, and the "
            "file has no saved result.", where=where,
            hint_vi="Mở tệp bằng Excel và lưu lại (để lưu kết quả), hoặc gõ thẳng con số.",
            hint_en="Open the file in Excel and save it (to store the result), or type the number.",
            **ctx)


def _cell_value(g: workbooks.Grid, cell, indicator: str,
                saved: workbooks.SavedValues) -> float | None:
    """The number in a value cell; ``None`` when blank or a dash; :class:`_CellProblem` else."""
    v = cell.value
    kind = indicators.CATALOGUE[indicator].kind
    if isinstance(v, str) and v.startswith("="):
        try:
            return workbooks.formula_value(g, cell, saved)
        except workbooks.Unsupported:
            raise _CellProblem("value.formula", v) from None
    if isinstance(v, bool) or isinstance(v, (dt.date, dt.time, dt.datetime)):
        raise _CellProblem("value.not_number", v)
    if isinstance(v, (int, float)):
        if kind == "percent" and "%" in (cell.number_format or ""):
            return float(v) * 100
        return float(v)
    text = nfc(str(v)).strip()
    if text == "" or text in _DASHES:
        return None
    if kind == "percent":
        text = text.rstrip("%").strip()
    try:
        return parse_number(text)
    except ValueError:
        raise _CellProblem("value.not_number", v) from None


# -- writing ---------------------------------------------------------------------------------
def write_tidy(df: pd.DataFrame, path: Path | str) -> Path:
    """Write a tidy table to ``.csv`` (UTF-8 with BOM, so Excel shows the diacritics) or ``.xlsx``.

    Whole values are written without a decimal part (281, not 281.0).  The file reads back
    with :func:`read`.

    Raises
    ------
    ParameterError
        If the name ends with anything but .csv or .xlsx, or the file cannot be written.
    """
    path = Path(path)
    out = schema.conform(df)
    out["value"] = [int(v) if pd.notna(v) and float(v).is_integer() else v for v in out["value"]]
    out["value"] = out["value"].astype(object)
    return _write_frame(out, path, "tidy")


def _write_frame(df: pd.DataFrame, path: Path, sheet: str, *, what_vi: str = "",
                 what_en: str = "") -> Path:
    """Write ``df`` to ``.csv`` (UTF-8 with BOM) or ``.xlsx`` (sheet ``sheet``).

    ``what_vi`` / ``what_en`` name what is written in the message for a wrong suffix
    (``"bảng phát hiện ra "``); :func:`papi_analysis.validation.write_findings` writes
    through here too.
    """
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ParameterError(
            f"Không ghi được {what_vi}“{path.name}”: chỉ hỗ trợ .csv hoặc .xlsx.",
            f"Cannot write {what_en}“{path.name}”: only .csv or .xlsx are supported.",
            where=str(path), hint_vi="Đặt tên tệp kết thúc bằng .csv hoặc .xlsx.",
            hint_en="Give the file a .csv or .xlsx name.")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if suffix == ".csv":
            df.to_csv(path, index=False, encoding="utf-8-sig")
        else:
            df.to_excel(path, index=False, sheet_name=sheet)
    except OSError as exc:
        raise _unwritable(path, exc) from None
    return path


def _unwritable(path: Path, exc: OSError) -> ParameterError:
    return ParameterError(
        f"Không ghi được tệp “{path}”: {exc.strerror or exc}.",
        f"Cannot write “{path}”: {exc.strerror or exc}.", where=str(path),
        hint_vi="Kiểm tra thư mục có tồn tại, có quyền ghi, và tệp không đang mở trong Excel.",
        hint_en="Check the folder exists and is writable, and the file is not open in Excel.")


def write_template(form: str, path: Path | str, *, agency: str = "", period: str = "",
                   fields=()) -> Path:
    """Write a blank workbook in the layout of ``form`` for an agency to fill.

    Parameters
    ----------
    form : str
        Form key (:data:`papi_analysis.forms.FORMS`: tthc, procedures, petitions, …).
    path : path
        The ``.xlsx`` file to write.
    agency, period : str, optional
        Filled in above the table (agency code; period code or phrase).
    fields : sequence of str, optional
        One row per field (lĩnh vực); the total row then sums them with ``SUM`` formulas.
        Without fields, the total row is the only row, left blank to fill.

    Returns
    -------
    Path
        The file written; it reads back with :func:`read`.

    Raises
    ------
    ParameterError
        If the form is unknown (the message lists the forms), the name does not end in .xlsx
        or the file cannot be written.
    AgencyError, PeriodError
        If ``agency`` or ``period`` is given and unknown.
    """
    f = forms.get(form)
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise ParameterError(
            f"Biểu mẫu phải ghi ra tệp .xlsx, không phải “{path.name}”.",
            f"A template must be written to an .xlsx file, not “{path.name}”.",
            where=str(path), hint_vi="Đặt tên tệp kết thúc bằng .xlsx.",
            hint_en="Give the file an .xlsx name.")
    agency_text = ""
    if agency:
        a = agencies.get(agency)
        agency_text = f"{a.name_vi} ({a.code})"
    period_text = periods.parse(period).label("vi") if period else ""
    wb = forms.workbook(f, agency_text, period_text, [str(x) for x in fields])
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        wb.save(path)
    except OSError as exc:
        raise _unwritable(path, exc) from None
    return path
