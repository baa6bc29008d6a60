"""One sheet in a form layout (:mod:`papi_analysis.intake.forms`) read into tidy figures.

* **Agency and period.**  Above the table, a cell "Đơn vị báo cáo:" and a cell "Kỳ báo cáo:"
  give the agency (code, or name from the registry) and the period (code or phrase such as
  "6 tháng đầu năm 2024"), in the same cell after the colon or in the next cell to the right;
  failing that, the title lines are searched.
* **Rows.**  Below the headers (and the row of column numbers, if any), each row with
  figures is one field (lĩnh vực) or unit, named by column (2); a row labelled "Tổng cộng",
  "Tổng số" or "Cộng" is the total and is stored with ``field == ""``.  Reading stops at the
  signature block ("Người lập biểu", "Thủ trưởng đơn vị", "…, ngày … tháng … năm …").
* **Cells.**  A blank cell, a dash or an "x" is "no figure".  Numbers typed as text are
  accepted in Vietnamese form ("1.234", "98,81").  Formulas: ``SUM`` of ranges and sums of
  cells on the same sheet are evaluated (so a workbook filled by a program, with no values
  cached by Excel, still reads); other formulas use the value Excel saved; a formula with
  neither is an error.  Every figure keeps its file, sheet, row and column.

The cell grid behind this (merged cells, header block, rows, formulas) is
:mod:`papi_analysis.intake.workbooks`; which sheets of a file are read, and tidy sheets, are
:mod:`papi_analysis.intake.submissions`'s.

Public API: :func:`read`, :func:`parse_number`, :func:`not_number`, :data:`NO_FIGURE`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from ..errors import InputFileError, PeriodError
from ..model import agencies, indicators, periods
from ..text import nfc
from . import findings, workbooks

#: Cell texts that mean "no figure" (a dash, an "x").
NO_FIGURE = frozenset({"-", "–", "—", "x", "X"})

_AGENCY_LABEL = re.compile(r"^(?:don vi bao cao|co quan bao cao|ten don vi|don vi|co quan)"
                           r"\s*(?::|$)|^(?:don vi bao cao|co quan bao cao)\b")
_PERIOD_LABEL = re.compile(r"^(?:ky bao cao|thoi gian bao cao|ky|thoi ky)\s*(?::|$)"
                           r"|^ky bao cao\b")


# -- one sheet -------------------------------------------------------------------------------
def read(ws, name: str, saved: workbooks.SavedValues,
         ) -> tuple[list[dict], list[InputFileError]] | None:
    """The figures of a worksheet in a form layout.

    Parameters
    ----------
    ws : openpyxl.worksheet.worksheet.Worksheet
        The sheet.
    name : str
        The file as findings show it.
    saved : workbooks.SavedValues
        The values Excel saved, for formulas not evaluated here.

    Returns
    -------
    (list of dict, list of InputFileError) or None
        One tidy record per filled value cell (with its file, sheet, row and column), and
        the problems of single cells or rows (each skips only what it names); ``None``
        when no header row of the sheet matches a form (notes, charts…).

    Raises
    ------
    InputFileError
        A problem that stops the sheet: a header unknown, repeated or missing; no agency or
        period above the table; a period that cannot be read.
    """
    g = workbooks.Grid(ws)
    table = workbooks.find_table(g)
    if table is None:
        return None
    workbooks.check_header(g, table, name)
    agency, period = _meta(g, table, name)
    return _read_rows(_Sheet(g, table, name, agency, period, saved))


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

        return findings.location(self.name, self.g.title, r,
                                   get_column_letter(c) if c else "")


def _read_rows(s: _Sheet) -> tuple[list[dict], list[InputFileError]]:
    """The records of every data row of the sheet, and the problems met."""
    out: list[dict] = []
    problems: list[InputFileError] = []
    if s.g.truncated:
        problems.append(findings.problem(
            "sheet.truncated", f"Chỉ đọc {s.g.max_row} dòng đầu của trang tính.",
            f"Only the first {s.g.max_row} rows of the sheet were read.",
            where=s.where(s.g.max_row), severity=findings.WARNING,
            hint_vi="Chia biểu thành nhiều trang tính hoặc dùng tệp .csv dạng dài.",
            hint_en="Split the form over several sheets or use a tidy .csv file.",
            agency=s.agency, period=s.period))
    for row in workbooks.data_rows(s.g, s.table):
        field = "" if row.total else re.sub(r"\s+", " ", row.label)
        found = _row_values(s, row.number, field, problems)
        if found and not row.total and not field:
            if not row.stt or _INT.match(row.stt):
                problems.append(findings.problem(
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
    return out, problems


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


# -- agency and period -------------------------------------------------------------------------
def _meta(g: workbooks.Grid, table: workbooks.Table, name: str) -> tuple[str, str]:
    """Agency code and period code of one sheet, from the cells above its table."""
    above = range(1, table.header_top)
    title = " ".join(g.text(r, c) for r in above for c in range(1, g.max_col + 1))
    agency = _sheet_agency(g, above, title, name)
    return agency, _sheet_period(g, above, title, name, agency)


def _sheet_agency(g: workbooks.Grid, above: range, title: str, name: str) -> str:
    """The agency of the "Đơn vị báo cáo:" cell, else the one named in the title lines."""
    found = workbooks.labelled(g, above, _AGENCY_LABEL)
    agency = agencies.resolve_text(found[0]) if found and found[0] else ""
    if not agency:
        by_name = agencies.find_by_name(title) if title else None
        agency = by_name.code if by_name else ""
    if not agency:
        raise findings.problem(
            "header.no_agency", "Không thấy đơn vị báo cáo ở phía trên bảng.",
            "No reporting agency found above the table.", where=findings.location(name, g.title),
            hint_vi="Ghi “Đơn vị báo cáo: <mã hoặc tên đơn vị>” vào một ô phía trên bảng "
            "(ví dụ: Đơn vị báo cáo: SKHCN).",
            hint_en="Write “Đơn vị báo cáo: <code or name>” in a cell above the table "
            "(e.g. Đơn vị báo cáo: SKHCN).")
    return agency


def _sheet_period(g: workbooks.Grid, above: range, title: str, name: str, agency: str) -> str:
    """The period of the "Kỳ báo cáo:" cell, else the one named in the title lines."""
    found_p = workbooks.labelled(g, above, _PERIOD_LABEL)
    if found_p and found_p[0]:
        try:
            return periods.parse(found_p[0]).code
        except PeriodError as err:
            raise findings.problem(
                "period.unknown", err.vi, err.en,
                where=findings.location(name, g.title, found_p[1], found_p[2]),
                hint_vi=err.hint_vi or "", hint_en=err.hint_en or "",
                agency=agency) from None
    found = periods.find(title) if title else None
    if found is None:
        raise findings.problem(
            "header.no_period", "Không thấy kỳ báo cáo ở phía trên bảng.",
            "No reporting period found above the table.",
            where=findings.location(name, g.title), agency=agency,
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
        """The finding for this cell, at ``where``, with the row's context ``ctx``."""
        if self.rule == "value.not_number":
            return not_number(self.raw, where, **ctx)
        return findings.problem(
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
    if text == "" or text in NO_FIGURE:
        return None
    if kind == "percent":
        text = text.rstrip("%").strip()
    try:
        return parse_number(text)
    except ValueError:
        raise _CellProblem("value.not_number", v) from None


def not_number(raw: object, where: str, **ctx: str) -> InputFileError:
    """The ``value.not_number`` finding for a cell (or CSV value) ``raw`` at ``where``.

    ``ctx`` (agency, period, indicator, field) is passed to
    :func:`papi_analysis.intake.findings.problem`.
    """
    shown = raw.strftime("%d/%m/%Y") if isinstance(raw, dt.date) else raw
    return findings.problem(
        "value.not_number", f"Ô có “{shown}”, không phải một số.",
        f"The cell holds “{shown}”, which is not a number.", where=where,
        hint_vi="Chỉ ghi số (ví dụ 12, không ghi “12 hồ sơ”); để trống nếu không có số liệu.",
        hint_en="Enter only the number (e.g. 12, not “12 hồ sơ”); leave blank if there is none.",
        **ctx)


# -- numbers typed as text ---------------------------------------------------------------------
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
