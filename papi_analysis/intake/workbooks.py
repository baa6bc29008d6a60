"""The cell grid of a form workbook: merged cells, the header block, data rows and formulas.

What a printed form is to a program, before any figure is read from it:

* :class:`Grid`: a worksheet's cells, with a merged range's value spread over every cell it
  covers (the header groups of a form are merged cells);
* :func:`find_table`: the header block, found by its STT / Lĩnh vực headers in the first
  40 rows, down to the row of column numbers when there is one, and matched to a form
  (:func:`papi_analysis.intake.forms.identify`); :func:`check_header` says what is wrong with it;
* :func:`labelled`: cells above the table such as "Kỳ báo cáo: 6 tháng đầu năm 2024";
* :func:`data_rows`: the rows below the headers, down to the signature block, each with its
  label and whether it is the total row;
* :func:`formula_value`: ``SUM`` of ranges and sums of cells on the same sheet, evaluated
  here so that a workbook filled by a program (no values cached by Excel) still reads; other
  formulas fall back on the value Excel saved.

What the figures mean (agency, period, values, findings) is :mod:`papi_analysis.intake.formsheets`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ..text import fold, nfc
from . import archives, findings, forms

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

log = logging.getLogger(__name__)

_MAX_ROWS = 5000  # rows of a form sheet looked at (tidy sheets are read whole)
_MAX_COLS = 120
_HEADER_SEARCH_ROWS = 40
# bounds on the work an odd sheet can cause: a larger merged range is not spread over its
# cells, and a formula over a larger range is left to the value Excel saved
_MAX_MERGED_CELLS = 5000
_MAX_RANGE_CELLS = 100000


# -- opening -----------------------------------------------------------------------------------
def open_workbook(path: Path, name: str, data_only: bool = False) -> Workbook:
    """Open an ``.xlsx`` file.

    Parameters
    ----------
    path : Path
        The file.
    name : str
        The file as findings show it.
    data_only : bool, optional
        Read the values Excel saved for formula cells instead of the formulas.

    Returns
    -------
    openpyxl.Workbook

    Raises
    ------
    InputFileError
        ``file.unreadable`` when the file is not a workbook (damaged, or another type
        renamed to .xlsx); ``file.too_large`` when it would inflate beyond the limits of
        :mod:`papi_analysis.intake.archives` (checked once, before the first opening).
    """
    import openpyxl

    if not data_only:  # the saved values are opened again from the same, checked, file
        archives.check(path, name)
    try:
        with _merges_unformatted():
            return openpyxl.load_workbook(path, data_only=data_only)
    except Exception as exc:  # any failure to parse means the file is not a usable workbook
        log.debug("%s does not open as a workbook", name, exc_info=True)
        raise findings.problem(
            "file.unreadable",
            f"Không mở được tệp như một sổ Excel .xlsx ({type(exc).__name__}).",
            f"Cannot open the file as an .xlsx workbook ({type(exc).__name__}).", where=name,
            hint_vi="Tệp có thể bị hỏng hoặc là loại khác đổi tên thành .xlsx; mở bằng Excel "
            "và lưu lại dạng Excel Workbook (.xlsx).",
            hint_en="The file may be damaged or another type renamed to .xlsx; open it in Excel "
            "and save it as Excel Workbook (.xlsx).") from None


#: The openpyxl method :func:`_merges_unformatted` stands in for while a read runs (kept once
#: found), how many reads run now, and which threads are inside one.
_MERGE_PATCH: dict = {"original": None, "reads": 0}
_merge_lock = threading.Lock()
_reading = threading.local()


@contextlib.contextmanager
def _merges_unformatted() -> Iterator[None]:
    """While a workbook loads, keep openpyxl from restyling the cells of each merged range.

    openpyxl replaces every cell a merged range covers and gives it the range's borders,
    which is most of the time it takes to open a form (forms merge many header cells).
    The readers need only the ranges (:class:`Grid` spreads the first cell's value over
    them) and no formatting, so that step is skipped; the workbook is never saved.

    Scoped to the reads: openpyxl's method is replaced when the first read starts and put
    back when the last one ends (reads in several threads may overlap), and the stand-in
    skips the step only in a thread that is inside a read: anything else the process does
    with openpyxl meanwhile (writing a template, which merges cells) is served as usual.
    """
    from openpyxl.worksheet.worksheet import Worksheet

    with _merge_lock:
        if _MERGE_PATCH["reads"] == 0:
            original = Worksheet.__dict__.get("_clean_merge_range")
            if original is not None:  # (another openpyxl, without it: load as it does)
                _MERGE_PATCH["original"] = original
                Worksheet._clean_merge_range = _leave_merged_cells
        patched = Worksheet.__dict__.get("_clean_merge_range") is _leave_merged_cells
        if patched:
            _MERGE_PATCH["reads"] += 1
    if not patched:
        yield
        return
    _reading.depth = getattr(_reading, "depth", 0) + 1
    try:
        yield
    finally:
        _reading.depth -= 1
        with _merge_lock:
            _MERGE_PATCH["reads"] -= 1
            if _MERGE_PATCH["reads"] == 0:
                Worksheet._clean_merge_range = _MERGE_PATCH["original"]


def _leave_merged_cells(self: Worksheet, merged_range: object) -> None:
    """Stand-in for openpyxl's merged-range clean-up: within a read the cells stay as read;
    in any other thread openpyxl's own method runs."""
    if getattr(_reading, "depth", 0) == 0:
        _MERGE_PATCH["original"](self, merged_range)


class SavedValues:
    """Values Excel saved for formula cells, loaded only when a formula needs them."""

    def __init__(self, path: Path, name: str) -> None:
        self.path, self.name = path, name
        self.wb: Workbook | None = None

    def value(self, sheet: str, coordinate: str) -> object:
        """The saved value of cell ``coordinate`` (``"C12"``) of ``sheet``; ``None`` if none.

        Raises
        ------
        InputFileError
            If the workbook cannot be opened again.
        """
        if self.wb is None:
            self.wb = open_workbook(self.path, self.name, data_only=True)
        return self.wb[sheet][coordinate].value


# -- the grid ----------------------------------------------------------------------------------
class Grid:
    """A worksheet's cells with merged ranges spread over every cell they cover.

    Only the first 5,000 rows and 120 columns are looked at (:attr:`truncated` says when the
    sheet has more rows).
    """

    def __init__(self, ws: Worksheet, saved: SavedValues | None = None) -> None:
        self.ws = ws
        self.saved = saved
        self.title = ws.title
        self.max_row = min(ws.max_row or 0, _MAX_ROWS)
        self.max_col = min(ws.max_column or 0, _MAX_COLS)
        self.cells: dict[tuple[int, int], Cell] = {}
        for row in ws.iter_rows(min_row=1, max_row=self.max_row, max_col=self.max_col):
            for cell in row:
                if cell.value is not None:
                    self.cells[(cell.row, cell.column)] = cell
        self.origin: dict[tuple[int, int], tuple[int, int]] = {}
        self.span: dict[tuple[int, int], tuple[int, int]] = {}
        for rng in ws.merged_cells.ranges:
            top = (rng.min_row, rng.min_col)
            self.span[top] = (rng.max_row - rng.min_row + 1, rng.max_col - rng.min_col + 1)
            if self.span[top][0] * self.span[top][1] > _MAX_MERGED_CELLS:
                continue
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    self.origin[(r, c)] = top

    @property
    def truncated(self) -> bool:
        """True when the sheet has more rows than were read."""
        return (self.ws.max_row or 0) > self.max_row

    def covered(self, r: int, c: int) -> bool:
        """True for a cell inside a merged range that starts at another cell."""
        return self.origin.get((r, c), (r, c)) != (r, c)

    def value(self, r: int, c: int) -> object:
        """The value shown at (r, c): a merged range's value in every cell it covers."""
        cell = self.cells.get(self.origin.get((r, c), (r, c)))
        return cell.value if cell is not None else None

    def text(self, r: int, c: int) -> str:
        """The value shown at (r, c) as text, NFC and stripped ("" when blank).

        A formula cell shows the value Excel saved for it, not the formula's text (a label
        "=HYPERLINK(…)" would otherwise be read, and exported, as a live formula); "" when
        Excel saved none.
        """
        cell = self.cells.get(self.origin.get((r, c), (r, c)))
        if cell is None or cell.value is None:
            return ""
        v = cell.value
        if cell.data_type == "f":
            try:  # a sum is computed here; other formulas need the values Excel saved
                v = evaluate(self, v) if isinstance(v, str) else None
                if isinstance(v, float) and v.is_integer():
                    v = int(v)
            except Unsupported:
                v = self.saved.value(self.title, cell.coordinate) if self.saved else None
            if v is None:
                return ""
        return nfc(str(v)).strip()

    def own(self, r: int, c: int) -> Cell | None:
        """The cell at (r, c) unless it is covered by a merged range that starts elsewhere."""
        if self.covered(r, c):
            return None
        return self.cells.get((r, c))


# -- the table ---------------------------------------------------------------------------------
@dataclass
class Table:
    """Where a form's table stands on a sheet.

    Attributes
    ----------
    header_top : int
        First header row.
    data_start : int
        First row below the headers and the row of column numbers.
    stt_col : int or None
        Column (1), STT, when the sheet has one.
    label_col : int
        Column (2), the field or unit.
    matched : HeaderMatch
        How the value columns match the form.
    paths : dict
        Column → its header texts, outer first.
    """

    header_top: int
    data_start: int
    stt_col: int | None
    label_col: int
    matched: forms.HeaderMatch
    paths: dict[int, tuple[str, ...]]


def find_table(g: Grid) -> Table | None:
    """The form table of a sheet, or ``None`` when no header row matches a form.

    A header row has an STT or a Lĩnh vực/Đơn vị header in the first 40 rows; the header
    block goes down to the row of column numbers, or else as far as the STT (or label) cell
    is merged.
    """
    for top in range(1, min(g.max_row, _HEADER_SEARCH_ROWS) + 1):
        texts = {c: g.text(top, c) for c in range(1, g.max_col + 1)}
        stt = next((c for c, t in texts.items() if t and forms.is_stt(t)), None)
        label = next((c for c, t in texts.items()
                      if t and forms.is_label(t) and (stt is None or c > stt)), None)
        if stt is None and label is None:
            continue
        label = label or stt + 1
        numbers_at, numbers = _find_numbers_row(g, top)
        if numbers_at:
            bottom = numbers_at - 1
        else:
            anchor = (top, stt) if stt is not None else (top, label)
            bottom = top + g.span.get(anchor, (1, 1))[0] - 1
        paths = _header_paths(g, top, bottom, label)
        hm = forms.identify(paths, numbers)
        if hm is not None:
            return Table(top, (numbers_at or bottom) + 1, stt, label, hm, paths)
    return None


def _find_numbers_row(g: Grid, top: int) -> tuple[int | None, dict[int, int]]:
    """The row of column numbers within six rows below ``top``, and its numbers."""
    for r in range(top + 1, min(top + 7, g.max_row) + 1):
        numbers = _numbers_row(g, r)
        if numbers:
            return r, numbers
    return None, {}


_NUMBER_CELL = re.compile(r"^\(?\s*(\d{1,2})\s*\)?\s*(?:=.*)?$")


def _numbers_row(g: Grid, r: int) -> dict[int, int]:
    """Column → number when row ``r`` is the form's row of column numbers (1), (2), …."""
    found: dict[int, int] = {}
    for c in range(1, g.max_col + 1):
        v = g.own(r, c)
        if v is None or v.value is None or str(v.value).strip() == "":
            continue
        m = _NUMBER_CELL.match(str(v.value).strip()) if not isinstance(v.value, bool) else None
        if not m:
            return {}
        found[c] = int(m.group(1))
    # the numbers may be out of order when columns were moved (H and I swapped): the row is
    # still the row of column numbers, and the columns are matched by their headers
    nums = sorted(found.values())
    consecutive = all(b == a + 1 for a, b in zip(nums, nums[1:], strict=False))
    if len(nums) < 3 or nums[0] > 3 or not consecutive:
        return {}
    return found


def _header_paths(g: Grid, top: int, bottom: int, label: int) -> dict[int, tuple[str, ...]]:
    """Column right of the label → its header texts from ``top`` to ``bottom``, outer first.

    A merged header repeats its text down the rows it covers; it counts once.
    """
    paths: dict[int, tuple[str, ...]] = {}
    for c in range(label + 1, g.max_col + 1):
        path: list[str] = []
        for r in range(top, bottom + 1):
            t = g.text(r, c)
            if t and (not path or forms.header_key(path[-1]) != forms.header_key(t)):
                path.append(t)
        if path:
            paths[c] = tuple(path)
    return paths


def check_header(g: Grid, table: Table, name: str) -> None:
    """Stop on the first header that is not the form's, repeated, or missing.

    Raises
    ------
    InputFileError
        ``header.duplicate_column``, ``header.unknown`` (with the closest header of the
        form) or ``header.missing_column``, at the header's row and column.
    """
    from openpyxl.utils import get_column_letter

    hm = table.matched
    form = hm.form
    taken = {c.indicator for c in hm.matched.values()}
    for idx in hm.unknown + hm.duplicated:
        text = table.paths[idx][-1]
        row = min((r for r in range(table.header_top, table.data_start)
                   if g.text(r, idx) == text), default=table.header_top)
        where = findings.location(name, g.title, row, get_column_letter(idx))
        if idx in hm.unknown:
            _missing_row(g, table, name, idx, text, row)
        if idx in hm.duplicated:
            raise findings.problem(
                "header.duplicate_column", f"Cột “{text}” lặp lại một cột đã có của {form.code}.",
                f"Column “{text}” repeats a column of {form.code} already present.",
                where=where, hint_vi="Xóa cột thừa.", hint_en="Delete the extra column.")
        close = forms.closest_header(form, text, exclude=taken)
        sug_vi = f"Có phải “{close.title()}”? " if close else ""
        sug_en = f"Did you mean “{close.title()}”? " if close else ""
        raise findings.problem(
            "header.unknown",
            f"Tiêu đề cột “{text}” không có trong {form.code} ({form.title_vi}).",
            f"Column header “{text}” is not in {form.code} ({form.title_en}).", where=where,
            hint_vi=f"{sug_vi}Giữ nguyên tiêu đề của biểu mẫu (có thể gõ không dấu).",
            hint_en=f"{sug_en}Keep the form's headers (typing without diacritics is fine).")
    if hm.missing:
        listing = "; ".join(c.title() for c in hm.missing)
        raise findings.problem(
            "header.missing_column",
            f"Thiếu cột của {form.code}: {listing}.",
            f"Column(s) of {form.code} missing: {listing}.",
            where=findings.location(name, g.title, table.header_top),
            hint_vi="Thêm lại các cột này (để trống nếu không có số liệu), hoặc dùng biểu mẫu "
            f"`papi-analysis template {form.key}`.",
            hint_en="Put these columns back (blank if there is no figure), or use the form "
            f"from `papi-analysis template {form.key}`.")


def _missing_row(g: Grid, table: Table, name: str, idx: int, text: str, row: int) -> None:
    """Raise ``header.missing_row`` when a column's last header is a *group* header of the
    form (the row of sub-headers under it was deleted, e.g. "Trực tuyến / Trực tiếp" under
    "Trong kỳ"), naming the sub-headers that are gone."""
    from openpyxl.utils import get_column_letter

    key = forms.header_key(text)
    form = table.matched.form
    under = [c for c in form.columns
             if any(forms.header_key(h) == key for h in c.header[:-1])
             and c in table.matched.missing]
    if not under:
        return
    cols = sorted(c for c in table.matched.unknown if table.paths[c][-1] == text)
    letters = ", ".join(get_column_letter(c) for c in cols)
    listing = "; ".join(f"“{c.header[-1]}” ({c.number})" for c in under)
    raise findings.problem(
        "header.missing_row",
        f"Thiếu một dòng tiêu đề: dưới “{text}” (cột {letters}) biểu mẫu {form.code} có dòng "
        f"tiêu đề con {listing}, nhưng dòng này không còn (có thể đã bị xóa).",
        f"A header row is missing: under “{text}” (column(s) {letters}) form {form.code} has "
        f"the sub-headers {listing}, but that row is gone (it may have been deleted).",
        where=findings.location(name, g.title, row, get_column_letter(cols[0])),
        hint_vi=f"Chèn lại dòng tiêu đề con ngay dưới dòng {row} với {listing}, hoặc chép số "
        f"liệu sang biểu mẫu mới (`papi-analysis template {form.key}`).",
        hint_en=f"Insert the sub-header row again just below row {row} with {listing}, or "
        f"copy the figures into a fresh form (`papi-analysis template {form.key}`).")


def labelled(g: Grid, rows: range, pattern: re.Pattern) -> tuple[str, int, str] | None:
    """(value, row, column letter) of a labelled cell like "Kỳ báo cáo: 6 tháng đầu năm 2024".

    The first cell in ``rows`` whose folded text matches ``pattern`` is the label; its value
    follows the colon, or else is the first filled cell to its right ("" when there is none).
    """
    for r in rows:
        for c in range(1, g.max_col + 1):
            if g.covered(r, c):
                continue
            t = g.text(r, c)
            if t and pattern.match(fold(t)):
                return _label_value(g, r, c, t)
    return None


def _label_value(g: Grid, r: int, c: int, t: str) -> tuple[str, int, str]:
    from openpyxl.utils import get_column_letter

    after = t.split(":", 1)[1].strip() if ":" in t else ""
    if after:
        return after, r, get_column_letter(c)
    for c2 in range(c + 1, g.max_col + 1):
        if g.covered(r, c2):
            continue
        v2 = g.value(r, c2)
        if isinstance(v2, dt.date):  # Excel turned "6/2024" into a date
            return f"tháng {v2.month}/{v2.year}", r, get_column_letter(c2)
        t2 = g.text(r, c2)
        if t2:
            return t2, r, get_column_letter(c2)
    return "", r, get_column_letter(c)


# -- rows ------------------------------------------------------------------------------------
class Row(NamedTuple):
    """One data row of a form table."""

    number: int  #: the sheet's row number
    label: str  #: column (2), the field or unit
    stt: str  #: column (1), STT ("" when the sheet has no such column)
    total: bool  #: the total row ("Tổng cộng", "Tổng số", "Cộng" …)


_FOOTER = re.compile(r"^(?:nguoi lap|thu truong|noi nhan|giam doc|lanh dao|xac nhan|ky ten"
                     r"|ky, ghi ro|ghi chu\s*:)|ngay\s*\S*\s*thang\s*\S*\s*nam")
_TOTAL = {"tong", "tong so", "tong cong", "cong", "total", "grand total", "toan so", "toan tinh"}


def data_rows(g: Grid, table: Table) -> Iterator[Row]:
    """The rows below the headers, down to the signature block ("Người lập biểu" …)."""
    for r in range(table.data_start, g.max_row + 1):
        if _is_footer(g, r, table):
            return
        label = g.text(r, table.label_col)
        stt = g.text(r, table.stt_col) if table.stt_col else ""
        yield Row(r, label, stt, _is_total(label) or (not label and _is_total(stt)))


def _is_footer(g: Grid, r: int, table: Table) -> bool:
    """True for the first row of the signature block: a footer phrase and no number."""
    if not any(_FOOTER.search(fold(g.text(r, c))) for c in range(1, g.max_col + 1)):
        return False
    return not any(isinstance(g.value(r, c), (int, float)) for c in table.matched.matched)


def _is_total(text: str) -> bool:
    key = forms.header_key(text)
    return key in _TOTAL or key.startswith("tong cong")


def first_row(ws: Worksheet) -> list[str]:
    """The texts of a sheet's first row, NFC and stripped ("" for a blank cell)."""
    first = next(ws.iter_rows(min_row=1, max_row=1, values_only=True), ())
    return ["" if v is None else nfc(str(v)).strip() for v in first]


def records(ws: Worksheet, width: int, saved: SavedValues | None = None,
            links: list | None = None) -> Iterator[tuple[int, list[str]]]:
    """(row number, ``width`` cell texts) for every row of a tidy sheet below its header.

    Whole numbers read as whole ("281", not "281.0"), as they would in a CSV file.  A
    formula cell gives the value Excel saved for it ("" when none), never its formula; one
    that reads another workbook or calls another program (:func:`linked`) and saved a number
    is added to ``links`` as (kind, cell, number), for a warning.
    """
    for r, cells in enumerate(ws.iter_rows(min_row=2, max_col=width), start=2):
        values = []
        for cell in cells:
            v = cell.value
            if getattr(cell, "data_type", None) == "f":
                kind = linked(v) if links is not None else None
                v = saved.value(ws.title, cell.coordinate) if saved else None
                if kind and _is_number(v):
                    links.append((kind, cell, float(v)))
            values.append(_as_text(v))
        yield r, values


def _as_text(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


# -- formulas ----------------------------------------------------------------------------------
class Unsupported(Exception):
    """A formula this reader does not evaluate."""


#: Excel's error values and what each means: (Vietnamese, English).
EXCEL_ERRORS = {
    "#DIV/0!": ("công thức chia cho 0 hoặc cho một ô trống", "the formula divides by zero or "
                "by a blank cell"),
    "#REF!": ("công thức trỏ tới ô, dòng, cột hoặc trang tính đã bị xóa", "the formula refers "
              "to a cell, row, column or sheet that was deleted"),
    "#VALUE!": ("công thức tính với một ô chứa chữ", "the formula computes with a cell "
                "holding text"),
    "#NAME?": ("công thức có tên hàm hoặc tên vùng không tồn tại", "the formula uses a "
               "function or name that does not exist"),
    "#N/A": ("công thức tra cứu không tìm thấy giá trị", "the formula looked up a value that "
             "is not there"),
    "#NUM!": ("công thức cho ra số không hợp lệ", "the formula gives an invalid number"),
    "#NULL!": ("công thức có hai vùng không giao nhau", "the formula's ranges do not "
               "intersect"),
    "#SPILL!": ("công thức mảng bị chặn", "the array formula is blocked"),
    "#CALC!": ("công thức không tính được", "the formula cannot be calculated"),
}


class ExcelError(Exception):
    """A cell whose value is an Excel error (``#DIV/0!``, ``#REF!`` …), with its formula."""

    def __init__(self, code: str, formula: str = "") -> None:
        super().__init__(code)
        self.code, self.formula = code, formula


def formula_value(g: Grid, cell: Cell, saved: SavedValues) -> float | None:
    """The value of a formula cell: evaluated here (:func:`evaluate`), else as Excel saved it.

    Raises
    ------
    Unsupported
        If the formula cannot be evaluated here and Excel saved no number for it.
    InputFileError
        If the saved values are needed and the workbook cannot be opened again.
    """
    broken = next((e for e in EXCEL_ERRORS if e in str(cell.value).upper()), None)
    if broken:  # "=SUM(#REF!)": a reference to a deleted cell, whatever Excel saved
        raise ExcelError(broken, str(cell.value))
    try:
        return evaluate(g, cell.value)
    except Unsupported:
        saved_value = saved.value(g.title, cell.coordinate)
        if _is_number(saved_value):
            return float(saved_value)
        if isinstance(saved_value, str) and saved_value.strip().upper() in EXCEL_ERRORS:
            raise ExcelError(saved_value.strip().upper(), str(cell.value)) from None
        raise


#: A reference into another workbook: ``'[so_lieu.xlsx]TTHC'!C12``, ``[1]TTHC!C12``.
_EXTERNAL = re.compile(r"\[[^\]\[]+\][^!()+\-*/,;=&\[\]]*!")
#: A DDE call to another program: ``=cmd|' /C calc'!A0``, ``=DDE("app";…)``.
_DDE = re.compile(r"(?:^|[=+\-*/(,;&\s@])'?[A-Za-z0-9_.\-]+'?\|"
                  r"|\bDDE(?:AUTO)?\s*\(", re.I)


def linked(formula: object) -> str | None:
    """``"dde"`` for a formula that calls another program (DDE), ``"external"`` for one
    that reads another workbook, else ``None``: their value is whatever Excel saved last."""
    text = getattr(formula, "text", None) or str(formula or "")
    if _DDE.search(text):
        return "dde"
    if _EXTERNAL.search(text):
        return "external"
    return None


_REF = r"([A-Z]{1,3})(\d+)"
_ITEM = re.compile(rf"^{_REF}(?::{_REF})?$")
_SUM = re.compile(r"^SUM\((.*)\)$")
_NUM = re.compile(r"^\d+(?:\.\d+)?$")


def evaluate(g: Grid, text: str, depth: int = 0) -> float | None:
    """Evaluate ``=SUM(C10:C15)``, ``=C10+C11+5`` and sums of such terms on this sheet.

    Blank and text cells count as nothing (as in Excel's SUM); when every cell referred to is
    blank the result is ``None`` (no figure), so an unfilled template stays unfilled.

    Raises
    ------
    Unsupported
        Any other formula: another sheet, another function, nesting deeper than 20.
    """
    if depth > 20:
        raise Unsupported(text)
    body = text[1:].replace("$", "").replace(" ", "").upper()
    if not body or "!" in body:
        raise Unsupported(text)
    total, seen = 0.0, False
    for term in _split_plus(body):
        m = _SUM.match(term)
        items = re.split(r"[,;]", m.group(1)) if m else [term]
        for item in items:
            for x in _numbers(g, item, text, depth):
                total, seen = total + x, True
    return total if seen else None


def _numbers(g: Grid, item: str, text: str, depth: int) -> Iterator[float]:
    """The numbers one item of a sum stands for: a constant, or the filled cells of a range."""
    from openpyxl.utils import column_index_from_string

    if _NUM.match(item):
        yield float(item)
        return
    ref = _ITEM.match(item)
    if not ref:
        raise Unsupported(text)
    try:
        c1, r1 = column_index_from_string(ref.group(1)), int(ref.group(2))
        c2 = column_index_from_string(ref.group(3)) if ref.group(3) else c1
    except ValueError:
        raise Unsupported(text) from None
    r2 = int(ref.group(4)) if ref.group(4) else r1
    if (abs(r2 - r1) + 1) * (abs(c2 - c1) + 1) > _MAX_RANGE_CELLS:
        raise Unsupported(text)
    for r in range(min(r1, r2), max(r1, r2) + 1):
        for c in range(min(c1, c2), max(c1, c2) + 1):
            v = g.value(r, c)
            if isinstance(v, str) and v.startswith("="):
                v = evaluate(g, v, depth + 1)
            if _is_number(v):
                yield float(v)


def _split_plus(body: str) -> list[str]:
    """The terms of a sum, split at the ``+`` signs outside brackets."""
    terms, depth, cur = [], 0, ""
    for ch in body:
        depth += ch == "("
        depth -= ch == ")"
        if ch == "+" and depth == 0:
            terms.append(cur)
            cur = ""
        else:
            cur += ch
    terms.append(cur)
    if any(t == "" for t in terms):
        raise Unsupported(body)
    return terms


def _is_number(v: object) -> bool:
    """True for a number cell value (Excel's TRUE/FALSE are not numbers)."""
    return isinstance(v, (int, float)) and not isinstance(v, bool)
