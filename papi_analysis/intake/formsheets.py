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
from ..text import fold, nfc
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
    g = workbooks.Grid(ws, saved)
    table = workbooks.find_table(g)
    if table is None:
        return None
    workbooks.check_header(g, table, name)
    agency, period = _meta(g, table, name)
    out, problems = _read_rows(_Sheet(g, table, name, agency, period, saved))
    moved = _column_order(g, table, name, agency, period)
    return out, ([moved] if moved else []) + problems


def _column_order(g: workbooks.Grid, table: workbooks.Table, name: str, agency: str,
                  period: str) -> InputFileError | None:
    """One warning when the form's columns stand in another order (H and I swapped).

    The figures are read by their headers, so they are right; the warning says which
    columns moved, so that the clerk can check the figures went with their headers.
    """
    from openpyxl.utils import get_column_letter

    printed = [(idx, col) for idx, col in sorted(table.matched.matched.items())
               if col.number is not None]
    expected = sorted(printed, key=lambda x: x[1].number)
    moved = [(idx, col) for (idx, col), (_, want) in zip(printed, expected, strict=True)
             if col is not want]
    if not moved:
        return None
    vi = "; ".join(f"cột {get_column_letter(i)} là ({c.number}) “{c.header[-1]}”"
                   for i, c in moved)
    en = "; ".join(f"column {get_column_letter(i)} is ({c.number}) “{c.header[-1]}”"
                   for i, c in moved)
    letters = ", ".join(get_column_letter(i) for i, _ in moved)
    return findings.problem(
        "header.column_order",
        f"Các cột không theo thứ tự của {table.matched.form.code}: {vi}. Số liệu được đọc theo "
        "tiêu đề cột nên vẫn đúng chỗ.",
        f"The columns are not in the order of {table.matched.form.code}: {en}. The figures are "
        "read by their column headers, so they are still read correctly.",
        where=findings.location(name, g.title, table.header_top) + f" ({letters})",
        severity=findings.WARNING, agency=agency, period=period,
        hint_vi="Kiểm tra số liệu của các cột này đi đúng với tiêu đề của chúng; lần sau giữ "
        "thứ tự cột của biểu mẫu.",
        hint_en="Check the figures of these columns went with their headers; next time keep "
        "the form's column order.")


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
        top = s.g.origin.get((r, c))
        if top and top[1] in s.table.matched.matched and s.g.span[top] != (1, 1):
            merged = _merged_value(s, r, c, field)
            if merged is not None:
                problems.append(merged)
            continue
        cell = s.g.own(r, c)
        if cell is None:
            continue
        ctx = dict(agency=s.agency, period=s.period, indicator=col.indicator, field=field)
        try:
            value = _cell_value(s.g, cell, col.indicator, s.saved)
        except _CellProblem as bad:
            problems.append(bad.error(s.where(r, c), **ctx))
            continue
        if cell.data_type == "f" and value is not None:
            kind = workbooks.linked(cell.value)
            if kind:  # read as Excel saved it last: say so, at the cell
                problems.append(linked_value(kind, cell, value, s.where(r, c), **ctx))
        if value is None and isinstance(cell.value, str) and nfc(cell.value).strip() in NO_FIGURE:
            problems.append(findings.problem(  # read by the identity checks, then dropped
                findings.NO_FIGURE_RULE, f"Ô ghi “{cell.value.strip()}”: không có số liệu.",
                f"The cell holds “{cell.value.strip()}”: no figure.", where=s.where(r, c),
                severity=findings.INFO, **ctx))
        if value is not None:
            found.append({"agency": s.agency, "period": s.period, "indicator": col.indicator,
                          "value": value, "field": field, "source_file": s.name,
                          "source_sheet": s.g.title, "source_row": r,
                          "source_column": get_column_letter(c)})
    return found


def _merged_value(s: _Sheet, r: int, c: int, field: str) -> InputFileError | None:
    """The error for a filled merged range over value cells, once (at its first cell).

    A figure in D12:E12 would otherwise be read as (4) alone, with (5) missing, and the
    form's identities silently not checked.
    """
    from openpyxl.utils import get_column_letter

    top = s.g.origin[(r, c)]
    if (r, c) != top:  # reported at its first cell
        return None
    value = s.g.value(*top)
    if value is None or str(value).strip() == "":
        return None
    h, w = s.g.span[top]
    rng = (f"{get_column_letter(top[1])}{top[0]}:"
           f"{get_column_letter(top[1] + w - 1)}{top[0] + h - 1}")
    cols = [s.table.matched.matched[k] for k in range(top[1], top[1] + w)
            if k in s.table.matched.matched]
    names = "; ".join(col.title() for col in cols)
    shown = str(value).strip()
    return findings.problem(
        "cell.merged",
        f"Các ô {rng} bị gộp (merge) lại và ghi “{shown}”: không biết số này thuộc cột nào "
        f"({names}); không đọc số nào của vùng này.",
        f"Cells {rng} are merged and hold “{shown}”: it cannot be told which column the "
        f"figure belongs to ({names}); nothing in this range was read.",
        where=s.where(top[0], top[1]) + f" ({rng})",
        hint_vi=f"Bỏ gộp ô {rng} (Merge & Center › Unmerge Cells) và ghi mỗi số vào đúng cột "
        "của nó.",
        hint_en=f"Unmerge {rng} (Merge & Center › Unmerge Cells) and put each figure in its "
        "own column.", agency=s.agency, period=s.period,
        indicator=cols[0].indicator if cols else "", field=field)


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
    if agency:
        _check_province(g, agency, (found[0] if found else "") + " " + title, name,
                        found[1:] if found else None)
    if not agency:
        raise findings.problem(
            "header.no_agency", "Không thấy đơn vị báo cáo ở phía trên bảng.",
            "No reporting agency found above the table.", where=findings.location(name, g.title),
            hint_vi="Ghi “Đơn vị báo cáo: <mã hoặc tên đơn vị>” vào một ô phía trên bảng "
            "(ví dụ: Đơn vị báo cáo: SKHCN).",
            hint_en="Write “Đơn vị báo cáo: <code or name>” in a cell above the table "
            "(e.g. Đơn vị báo cáo: SKHCN).")
    return agency


#: Vietnam's provinces and centrally-run cities (the 63 of 2008–2025; the 34 of July 2025 keep
#: some of these names), as a form names them after "tỉnh" / "thành phố".
PROVINCES = (
    "An Giang", "Bà Rịa - Vũng Tàu", "Bà Rịa Vũng Tàu", "Bắc Giang", "Bắc Kạn", "Bạc Liêu",
    "Bắc Ninh", "Bến Tre", "Bình Định", "Bình Dương", "Bình Phước", "Bình Thuận", "Cà Mau",
    "Cần Thơ", "Cao Bằng", "Đà Nẵng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai",
    "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương", "Hải Phòng",
    "Hậu Giang", "Hòa Bình", "Hồ Chí Minh", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum",
    "Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An", "Nam Định", "Nghệ An",
    "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi",
    "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên",
    "Thanh Hóa", "Thừa Thiên Huế", "Huế", "Tiền Giang", "Trà Vinh", "Tuyên Quang", "Vĩnh Long",
    "Vĩnh Phúc", "Yên Bái",
)
_PROVINCE_RE = re.compile(
    r"\b(?:tinh|thanh pho|tp\.?)\s+("
    + "|".join(sorted({re.escape(fold(p).replace(" - ", " ")) for p in PROVINCES},
                      key=len, reverse=True))
    + r")\b")


def _check_province(g: workbooks.Grid, agency: str, text: str, name: str,
                    cell: tuple | None) -> None:
    """Refuse a form that names another province than the registry's for ``agency``.

    "Sở Khoa học và Công nghệ tỉnh Thái Bình" matches SKHCN by name, but it is not Hưng
    Yên's department: its figures must not be read as SKHCN's.
    """
    a = agencies.registry().get(agency)
    if a is None or not a.province:
        return
    own = fold(a.province).replace(" - ", " ")
    named = [m.group(1) for m in _PROVINCE_RE.finditer(fold(text).replace(" - ", " "))]
    others = [p for p in named if p != own and not own.endswith(p) and not p.endswith(own)]
    if not others or own in named:
        return
    shown = next((p for p in PROVINCES if fold(p).replace(" - ", " ") == others[0]), others[0])
    where = (findings.location(name, g.title, cell[0], cell[1]) if cell
             else findings.location(name, g.title))
    raise findings.problem(
        "agency.other_province",
        f"Biểu ghi đơn vị của tỉnh/thành phố {shown}, nhưng danh sách đơn vị là của tỉnh "
        f"{a.province}: không đọc số liệu này như của {a.code} ({a.name_vi} tỉnh {a.province}).",
        f"The form names a unit of {shown}, but the agency registry is {a.province}'s: its "
        f"figures are not read as those of {a.code} ({a.name_en}, {a.province}).",
        where=where, agency=agency,
        hint_vi=f"Kiểm tra đơn vị đã gửi nhầm biểu của tỉnh khác chưa; nếu đúng là số liệu của "
        f"{a.name_vi} tỉnh {a.province}, sửa ô đơn vị báo cáo thành “{a.code}”.",
        hint_en=f"Check whether a form of another province was sent by mistake; if the figures "
        f"really are {a.province}'s, write “{a.code}” as the reporting agency.")


def _sheet_period(g: workbooks.Grid, above: range, title: str, name: str, agency: str) -> str:
    """The period of the "Kỳ báo cáo:" cell, else the one named in the title lines."""
    found_p = workbooks.labelled(g, above, _PERIOD_LABEL)
    if found_p and found_p[0]:
        try:
            return periods.parse(found_p[0]).code
        except PeriodError as err:
            raise findings.problem(
                getattr(err, "rule", "period.unknown"), err.vi, err.en,
                where=findings.location(name, g.title, found_p[1], found_p[2]),
                hint_vi=err.hint_vi or "", hint_en=err.hint_en or "",
                agency=agency) from None
    try:
        periods.ambiguous(title)
    except PeriodError as err:  # "6 tháng năm 2024" in the title: never read as the year
        raise findings.problem(
            "period.ambiguous", err.vi, err.en, where=findings.location(name, g.title),
            hint_vi=err.hint_vi or "", hint_en=err.hint_en or "", agency=agency) from None
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

    def __init__(self, rule: str, raw: object, formula: str = ""):
        super().__init__(rule)
        self.rule, self.raw, self.formula = rule, raw, formula

    def error(self, where: str, **ctx: str) -> InputFileError:
        """The finding for this cell, at ``where``, with the row's context ``ctx``."""
        if self.rule == "value.not_number":
            return not_number(self.raw, where, **ctx)
        if self.rule == "value.excel_error":
            return excel_error(str(self.raw), self.formula, where, **ctx)
        if self.rule == "value.english_thousands":
            return english_thousands(str(self.raw), where, **ctx)
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
    if isinstance(v, str) and v.startswith("=") and cell.data_type == "f":
        try:
            return workbooks.formula_value(g, cell, saved)
        except workbooks.ExcelError as err:
            raise _CellProblem("value.excel_error", err.code, err.formula) from None
        except workbooks.Unsupported:
            raise _CellProblem("value.formula", v) from None
    if cell.data_type == "f":  # an array or table formula: what Excel saved for it
        formula = getattr(v, "text", None) or str(v)
        v = saved.value(g.title, cell.coordinate)
        if v is None:
            raise _CellProblem("value.formula", formula)
    if cell.data_type == "e" or (isinstance(v, str) and v.strip().upper()
                                 in workbooks.EXCEL_ERRORS):
        raise _CellProblem("value.excel_error", str(v).strip().upper())
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
    if kind == "count" and EN_THOUSANDS.match(re.sub(r"[\s\u00a0]", "", text)):
        raise _CellProblem("value.english_thousands", text)
    try:
        return parse_number(text)
    except ValueError:
        raise _CellProblem("value.not_number", v) from None


#: "1,300" or "12,345,678": thousands separated by commas, as English writes them.
EN_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+$")


def english_thousands(text: str, where: str, **ctx: str) -> InputFileError:
    """The ``value.english_thousands`` finding: "1,300" in a count, shown as typed."""
    digits = text.replace(",", "")
    vi_form = f"{int(digits):,}".replace(",", ".") if digits.lstrip("+-").isdigit() else digits
    return findings.problem(
        "value.english_thousands",
        f"Ô có “{text}”: có vẻ là {vi_form} viết theo kiểu tiếng Anh (dấu phẩy ngăn cách hàng "
        f"nghìn); theo cách viết Việt Nam “{text}” là một số thập phân, không thể là số đếm.",
        f"The cell holds “{text}”: it looks like {vi_form} written the English way (a comma "
        f"between thousands); written the Vietnamese way “{text}” is a decimal, which a count "
        "cannot be.", where=where,
        hint_vi=f"Ghi {digits} (không có dấu phân cách) hoặc {vi_form}.",
        hint_en=f"Write {digits} (no separator) or {vi_form}.", **ctx)


def linked_value(kind: str, cell, value: float, where: str, **ctx: str) -> InputFileError:
    """The warning for a value cell whose formula reads another workbook
    (``value.external_link``) or calls another program (``value.dde``): the figure is the
    value Excel saved last, which nothing here can check."""
    formula = getattr(cell.value, "text", None) or str(cell.value)
    ref = cell.coordinate
    shown_vi = _shown(value, "vi")
    shown_en = _shown(value, "en")
    if kind == "dde":
        return findings.problem(
            "value.dde",
            f"Ô {ref} có công thức DDE “{formula}”, lấy dữ liệu từ một chương trình khác: số "
            f"đọc được là {shown_vi}, giá trị Excel lưu lần cuối, không kiểm chứng được. Công "
            "thức DDE có thể chạy lệnh trên máy khi tệp được mở bằng Excel.",
            f"Cell {ref} holds the DDE formula “{formula}”, which takes data from another "
            f"program: the figure read is {shown_en}, the value Excel saved last, which cannot "
            "be checked. A DDE formula can run a command when the file is opened in Excel.",
            where=where, severity=findings.WARNING,
            hint_vi="Không mở tệp bằng Excel khi chưa hỏi đơn vị; đề nghị đơn vị gõ thẳng con "
            "số vào ô rồi gửi lại.",
            hint_en="Do not open the file in Excel before asking the agency; ask them to type "
            "the number into the cell and send the file again.", **ctx)
    return findings.problem(
        "value.external_link",
        f"Ô {ref} lấy số từ một tệp khác (công thức “{formula}”): số đọc được là {shown_vi}, "
        "giá trị Excel lưu lần cuối, có thể đã cũ so với tệp kia.",
        f"Cell {ref} takes its figure from another file (formula “{formula}”): the figure "
        f"read is {shown_en}, the value Excel saved last, which may be out of date with that "
        "file.", where=where, severity=findings.WARNING,
        hint_vi="Trong Excel chép ô rồi Dán đặc biệt › Giá trị (Paste Special › Values) để "
        "thay liên kết bằng con số, lưu và gửi lại.",
        hint_en="In Excel copy the cell and Paste Special › Values to replace the link with "
        "the number, save and send the file again.", **ctx)


def _shown(value: float, lang: str) -> str:
    return findings.big_number(value, lang)


def excel_error(code: str, formula: str, where: str, **ctx: str) -> InputFileError:
    """The ``value.excel_error`` finding: the cell shows an Excel error such as ``#DIV/0!``."""
    why_vi, why_en = workbooks.EXCEL_ERRORS.get(code, ("công thức bị lỗi",
                                                       "the formula is broken"))
    f_vi = f" từ công thức “{formula}”" if formula else ""
    f_en = f" from the formula “{formula}”" if formula else ""
    return findings.problem(
        "value.excel_error",
        f"Ô có giá trị lỗi Excel {code}{f_vi}: {why_vi}, nên ô không có số.",
        f"The cell holds the Excel error value {code}{f_en}: {why_en}, so it has no figure.",
        where=where,
        hint_vi="Sửa công thức của ô này trong Excel (hoặc xóa công thức và gõ thẳng con số), "
        "lưu lại rồi gửi lại tệp.",
        hint_en="Fix this cell's formula in Excel (or delete it and type the number), save and "
        "send the file again.", **ctx)


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
