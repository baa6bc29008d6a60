"""Builders of deliberately broken submissions, written by code into a temporary folder.

Every builder takes a folder and returns the path it wrote.  :data:`CASES` lists, for each
one, the finding it must produce: rule, severity, the parts of its location (file, sheet,
row, column) and a key part of its message in Vietnamese and/or English.  No binary file is
committed: the workbooks come from :func:`papi_analysis.intake.submissions.write_template` filled
with openpyxl, or are built cell by cell.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import docx
import openpyxl
from openpyxl.utils import get_column_letter

from papi_analysis.intake import forms, submissions

#: A consistent TTHC row, by column number: the seed's 281 files (DOMAIN §1).
GOOD_TTHC = {3: 281, 4: 276, 5: 0, 6: 5, 7: 281, 8: 250, 9: 31, 10: 0, 11: 0, 12: 0, 13: 0}

#: Rows of a template: header from forms.TEMPLATE_HEADER_ROW, numbers row, then data.
TTHC_FIRST_ROW = forms.TEMPLATE_HEADER_ROW + forms.get("tthc").depth + 1

CSV_HEADER = "agency,period,indicator,value,field,illustrative\n"


def letter(number: int) -> str:
    """The Excel column of form column ``(number)``: (1) is A, (3) is C."""
    return get_column_letter(number)


def form_workbook(folder: Path, name: str, values: dict[int, object], *, form: str = "tthc",
                  agency: str = "SKHCN", period: str = "2024-H1",
                  fields: dict[str, dict[int, object]] | None = None) -> Path:
    """A filled template: ``values`` go into the total row, ``fields`` into field rows."""
    path = submissions.write_template(form, folder / name, agency=agency, period=period,
                                      fields=list(fields or {}))
    wb = openpyxl.load_workbook(path)
    ws = wb[forms.get(form).sheet]
    first = forms.TEMPLATE_HEADER_ROW + forms.get(form).depth + 1
    for i, row_values in enumerate((fields or {}).values()):
        for n, v in row_values.items():
            ws[f"{letter(n)}{first + i}"] = v
    total_row = first + len(fields or {})
    for n, v in values.items():
        ws[f"{letter(n)}{total_row}"] = v
    wb.save(path)
    return path


def word_report(path: Path, paragraphs: list[str]) -> Path:
    """A .docx with one paragraph per item, as a department writes its report."""
    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    d.save(path)
    return path


def tthc(folder: Path, name: str, **changes: object) -> Path:
    """The good TTHC row with some columns changed (``c8=240`` sets column (8))."""
    values = dict(GOOD_TTHC)
    for key, v in changes.items():
        values[int(key[1:])] = v
    return form_workbook(folder, name, values)


def write_csv(folder: Path, name: str, lines: list[str], encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes((CSV_HEADER + "".join(line + "\n" for line in lines)).encode(encoding))
    return path


# -- the broken files -------------------------------------------------------------------------
def wrong_header(folder: Path) -> Path:
    path = tthc(folder, "wrong_header.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["TTHC"]
    ws["H9"] = "Sớm hạn"  # was "Trước hạn", column (8)
    wb.save(path)
    return path


def missing_column(folder: Path) -> Path:
    path = tthc(folder, "missing_column.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["TTHC"]
    # as if column M, (13) "Quá hạn" of pending files, had been deleted in Excel: the merged
    # headers over it shrink and its cells empty
    for rng in list(ws.merged_cells.ranges):
        if rng.min_col <= 13 <= rng.max_col:
            bounds = (rng.min_row, rng.min_col, rng.max_row, rng.max_col)
            ws.unmerge_cells(str(rng))
            if bounds[1] < 13:
                ws.merge_cells(start_row=bounds[0], start_column=bounds[1],
                               end_row=bounds[2], end_column=12)
    for r in range(1, ws.max_row + 1):
        if not isinstance(ws[f"M{r}"], openpyxl.cell.cell.MergedCell):
            ws[f"M{r}"] = None
    wb.save(path)
    return path


def text_in_count(folder: Path) -> Path:
    return form_workbook(folder, "text_in_count.xlsx", {}, fields={
        "Hoạt động khoa học": {3: "12 hồ sơ", 4: 10, 5: 2, 6: 0},
        "Sở hữu trí tuệ": {3: 9, 4: 9, 5: 0, 6: 0},
    })


def text_abc_csv(folder: Path) -> Path:
    return write_csv(folder, "text_abc.csv", ["SKHCN,2024-H1,tthc.files_total,281,,False",
                                              "SKHCN,2024-H1,tthc.carried_over,abc,,False"])


def negative(folder: Path) -> Path:
    return tthc(folder, "negative.xlsx", c6=-5, c3=271)


def decimal_count(folder: Path) -> Path:
    return tthc(folder, "decimal.xlsx", c4=275.5, c5=0.5)


def total_sources(folder: Path) -> Path:
    return tthc(folder, "total_sources.xlsx", c4=200, c5=70)


def resolved_split(folder: Path) -> Path:
    return tthc(folder, "resolved_split.xlsx", c8=250, c9=20, c10=5)


def pending_split(folder: Path) -> Path:
    return tthc(folder, "pending_split.xlsx", c3=293, c6=17, c11=12, c12=4, c13=3)


def balance(folder: Path) -> Path:
    return tthc(folder, "balance.xlsx", c7=270, c8=240, c9=30, c11=5, c12=5)


def duplicate_rows(folder: Path) -> Path:
    return write_csv(folder, "duplicate.csv", ["SKHCN,2024-H1,proc.total,58,,False",
                                               "SKHCN,2024-H1,proc.full_online,43,,False",
                                               "SKHCN,2024-H1,proc.total,60,,False"])


def unknown_agency(folder: Path) -> Path:
    return write_csv(folder, "unknown_agency.csv", ["SKHCM,2024-H1,proc.total,58,,False"])


def unknown_indicator(folder: Path) -> Path:
    return write_csv(folder, "unknown_indicator.csv",
                     ["SKHCN,2024-H1,tthc.files_totl,281,,False"])


def unknown_period_csv(folder: Path) -> Path:
    return write_csv(folder, "unknown_period.csv", ["SKHCN,2024-H1,proc.total,58,,False",
                                                    "SKHCN,2024-H3,proc.total,58,,False"])


def unknown_period_xlsx(folder: Path) -> Path:
    path = tthc(folder, "unknown_period.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["TTHC"]["C4"] = "Quý V/2024"
    wb.save(path)
    return path


def empty_file(folder: Path) -> Path:
    path = folder / "empty.xlsx"
    path.write_bytes(b"")
    return path


def not_a_workbook(folder: Path) -> Path:
    path = folder / "not_a_workbook.xlsx"
    path.write_text("Báo cáo 6 tháng đầu năm 2024\nĐây là văn bản, không phải Excel.\n",
                    encoding="utf-8")
    return path


def no_form_sheet(folder: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Số liệu"
    ws.append(["Nội dung", "Số lượng"])
    ws.append(["Hồ sơ tiếp nhận", 281])
    wb.create_sheet("Ghi chú").append(["Ghi chú của đơn vị"])
    path = folder / "no_form.xlsx"
    wb.save(path)
    return path


def csv_missing_column(folder: Path) -> Path:
    path = folder / "missing_value_column.csv"
    path.write_text("agency,period,indicator,field\nSKHCN,2024-H1,proc.total,\n",
                    encoding="utf-8")
    return path


def carry_over_break(folder: Path) -> Path:
    return write_csv(folder, "carry_over.csv", [
        "SKHCN,2023-H2,tthc.pending_total,7,,False",
        "SKHCN,2024-H1,tthc.carried_over,5,,False",
    ])


def petitions_identity(folder: Path) -> Path:
    # eligible (6) = 10 but resolved + in progress + not started = 6 + 2 + 1 = 9
    return form_workbook(folder, "petitions.xlsx",
                         {3: 2, 4: 10, 5: 12, 6: 10, 7: 4, 8: 1, 9: 5, 10: 6, 11: 2, 12: 1},
                         form="petitions")


def formula_not_evaluated(folder: Path) -> Path:
    path = tthc(folder, "formula.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["TTHC"][f"C{TTHC_FIRST_ROW}"] = "=D12*2-271"  # not a sum: needs Excel's saved value
    wb.save(path)
    return path


def not_utf8_csv(folder: Path) -> Path:
    # saved by Excel in the Windows Vietnamese code page instead of UTF-8
    return write_csv(folder, "ansi.csv", ["SKHCN,2024-H1,proc.total,58,Hà Nam,False"],
                     encoding="cp1258")


def no_agency(folder: Path) -> Path:
    return form_workbook(folder, "no_agency.xlsx", dict(GOOD_TTHC), agency="")


def no_label(folder: Path) -> Path:
    path = form_workbook(folder, "no_label.xlsx", {}, fields={"Hoạt động khoa học": {3: 9}})
    wb = openpyxl.load_workbook(path)
    wb["TTHC"][f"B{TTHC_FIRST_ROW}"] = None
    wb.save(path)
    return path


def percent_out_of_range(folder: Path) -> Path:
    return write_csv(folder, "percent.csv", ["SKHCN,2024-H1,egov.docs_electronic_pct,120,,False"])


@dataclass(frozen=True)
class Case:
    """A broken file and the finding it must produce."""

    build: Callable[[Path], Path]
    rule: str
    severity: str
    where: tuple[str, ...]  # parts the location must contain: file, sheet, row, column
    vi: str = ""  # key part of message_vi
    en: str = ""  # key part of message_en
    file_level: bool = False  # the whole file (or sheet) cannot be read


R = TTHC_FIRST_ROW


def row(n: int) -> str:
    return f"dòng/row {n}"


def col(c: str) -> str:
    return f"cột/col {c}"


CASES: dict[str, Case] = {
    "wrong_header": Case(wrong_header, "header.unknown", "error",
                         ("wrong_header.xlsx", "TTHC", row(9), col("H")),
                         vi="Tiêu đề cột “Sớm hạn”", en="Did you mean “Kết quả giải quyết › "
                         "Số hồ sơ đã giải quyết › Trước hạn (8)”", file_level=True),
    "missing_column": Case(missing_column, "header.missing_column", "error",
                           ("missing_column.xlsx", "TTHC", row(7)),
                           vi="Thiếu cột của Biểu số II.06a/VPCP/KSTT", en="Quá hạn (13)",
                           file_level=True),
    "text_in_count": Case(text_in_count, "value.not_number", "error",
                          ("text_in_count.xlsx", "TTHC", row(R), col("C")),
                          vi="Ô có “12 hồ sơ”, không phải một số",
                          en="not “12 hồ sơ”"),
    "text_abc_csv": Case(text_abc_csv, "value.not_number", "error",
                         ("text_abc.csv", row(3), col("value")), vi="Ô có “abc”",
                         en="“abc”, which is not a number"),
    "negative": Case(negative, "value.negative", "error",
                     ("negative.xlsx", "TTHC", row(R), col("F")), vi="bằng -5",
                     en="cannot be negative"),
    "decimal_count": Case(decimal_count, "value.not_whole", "error",
                          ("decimal.xlsx", "TTHC", row(R), col("D")), vi="bằng 275,50",
                          en="is 275.50: it counts files, so it must be whole"),
    "total_sources": Case(total_sources, "tthc.total_sources", "error",
                          ("total_sources.xlsx", "TTHC", row(R), col("C")),
                          vi="(3) = (4) + (5) + (6): 281 ≠ 200 + 70 + 5 = 275",
                          en="(3) = (4) + (5) + (6): 281 ≠ 200 + 70 + 5 = 275"),
    "resolved_split": Case(resolved_split, "tthc.resolved_split", "error",
                           ("resolved_split.xlsx", "TTHC", row(R), col("G")),
                           vi="(7) = (8) + (9) + (10): 281 ≠ 250 + 20 + 5 = 275",
                           en="(7) = (8) + (9) + (10): 281 ≠ 250 + 20 + 5 = 275"),
    "pending_split": Case(pending_split, "tthc.pending_split", "error",
                          ("pending_split.xlsx", "TTHC", row(R), col("K")),
                          vi="(11) = (12) + (13): 12 ≠ 4 + 3 = 7",
                          en="(11) = (12) + (13): 12 ≠ 4 + 3 = 7"),
    "balance": Case(balance, "tthc.balance", "warning",
                    ("balance.xlsx", "TTHC", row(R), col("C")),
                    vi="(3) = (7) + (11) (+ hồ sơ trả lại, rút nếu có): 281 ≠ 270 + 5 = 275",
                    en="(3) = (7) + (11) (+ returned or withdrawn files, if any): 281 ≠ 270"),
    "duplicate_rows": Case(duplicate_rows, "duplicate.key", "error",
                           ("duplicate.csv", row(4), col("value")),
                           vi="có hai lần: 58 tại duplicate.csv › dòng/row 2 › cột/col value và "
                           "60 tại duplicate.csv › dòng/row 4",
                           en="appears twice: 58 at duplicate.csv › dòng/row 2"),
    "unknown_agency": Case(unknown_agency, "agency.unknown", "error",
                           ("unknown_agency.csv", row(2), col("value")),
                           vi="Không có đơn vị mã “SKHCM”", en="Closest codes: SKHCN"),
    "unknown_indicator": Case(unknown_indicator, "indicator.unknown", "error",
                              ("unknown_indicator.csv", row(2)),
                              vi="Chỉ tiêu “tthc.files_totl” không có trong danh mục",
                              en="Did you mean: tthc.files_total"),
    "unknown_period_csv": Case(unknown_period_csv, "period.unknown", "error",
                               ("unknown_period.csv", row(3), col("period")),
                               vi="Không đọc được kỳ báo cáo “2024-H3”",
                               en="Cannot read the reporting period “2024-H3”"),
    "unknown_period_xlsx": Case(unknown_period_xlsx, "period.unknown", "error",
                                ("unknown_period.xlsx", "TTHC", row(4), col("C")),
                                vi="Không đọc được kỳ báo cáo “Quý V/2024”",
                                en="Cannot read the reporting period",
                                file_level=True),
    "empty_file": Case(empty_file, "file.empty", "error", ("empty.xlsx",),
                       vi="Tệp rỗng (0 byte)", en="The file is empty", file_level=True),
    "not_a_workbook": Case(not_a_workbook, "file.unreadable", "error", ("not_a_workbook.xlsx",),
                           vi="Không mở được tệp như một sổ Excel .xlsx",
                           en="renamed to .xlsx", file_level=True),
    "no_form_sheet": Case(no_form_sheet, "file.wrong_sheet", "error", ("no_form.xlsx",),
                          vi="Không trang tính nào (“Số liệu”, “Ghi chú”)",
                          en="No sheet (“Số liệu”, “Ghi chú”) has column headers matching a form",
                          file_level=True),
    "csv_missing_column": Case(csv_missing_column, "header.missing_column", "error",
                               ("missing_value_column.csv", row(1)),
                               vi="Thiếu cột bắt buộc: value",
                               en="Required column(s) missing: value", file_level=True),
    "carry_over_break": Case(carry_over_break, "chain.carry_over", "warning",
                             ("carry_over.csv", row(3), col("value")),
                             vi="(6) “Từ kỳ trước” kỳ 2024-H1 = 5, nhưng (11) “Đang giải quyết” "
                             "cuối kỳ 2023-H2 = 7",
                             en="carried over into 2024-H1 = 5, but (11) pending at the end of "
                             "2023-H2 = 7"),
    "petitions_identity": Case(petitions_identity, "pet.by_status", "error",
                               ("petitions.xlsx", "Xu ly don", row(12), col("F")),
                               vi="đủ điều kiện = đã + đang + chưa giải quyết: 10 ≠ 6 + 2 + 1 = 9",
                               en="eligible = resolved + in progress + not started: 10 ≠ 6 + 2 "
                               "+ 1 = 9"),
    "formula_not_evaluated": Case(formula_not_evaluated, "value.formula", "error",
                                  ("formula.xlsx", "TTHC", row(R), col("C")),
                                  vi="Ô có công thức “=D12*2-271”",
                                  en="Open the file in Excel and save it"),
    "not_utf8_csv": Case(not_utf8_csv, "file.unreadable", "error", ("ansi.csv", row(2)),
                         vi="không ở mã UTF-8", en="CSV UTF-8", file_level=True),
    "no_agency": Case(no_agency, "header.no_agency", "error", ("no_agency.xlsx", "TTHC"),
                      vi="Không thấy đơn vị báo cáo", en="Đơn vị báo cáo: SKHCN",
                      file_level=True),
    "no_label": Case(no_label, "row.no_label", "error",
                     ("no_label.xlsx", "TTHC", row(R), col("B")),
                     vi="không ghi tên lĩnh vực", en="no field/unit name in column (2)"),
    "percent_out_of_range": Case(percent_out_of_range, "value.out_of_range", "error",
                                 ("percent.csv", row(2), col("value")),
                                 vi="tỷ lệ phải trong khoảng 0–100%",
                                 en="must be within 0–100%"),
}


# -- cells openpyxl cannot write: a formula with the result Excel saved ------------------------
def set_saved_formula(path: Path, coordinate: str, formula: str, saved: str, *,
                      kind: str = "str", sheet_xml: str = "xl/worksheets/sheet1.xml") -> Path:
    """Make cell ``coordinate`` of the first sheet hold ``formula`` with the result ``saved``,
    as Excel saves it (``kind``: ``str`` for text, ``n`` for a number, ``e`` for an error
    value such as ``#DIV/0!``).  openpyxl writes formulas without results, so the sheet's XML
    is edited in the zip.
    """
    import re
    import zipfile
    from xml.sax.saxutils import escape

    with zipfile.ZipFile(path) as zin:
        items = {i.filename: zin.read(i.filename) for i in zin.infolist()}
    xml = items[sheet_xml].decode("utf-8")
    f = f"<f>{escape(formula.lstrip('='))}</f>" if formula else ""  # "": a value, no formula
    cell = f'<c r="{coordinate}" t="{kind}">{f}<v>{escape(saved)}</v></c>'
    pattern = re.compile(rf'<c r="{coordinate}"(?: [^>]*)?(?:/>|>.*?</c>)', re.S)
    if pattern.search(xml):
        xml = pattern.sub(lambda _m: cell, xml, count=1)
    else:  # the cell was blank: put it first in its row
        row = re.search(r"\d+", coordinate).group(0)
        xml = re.sub(rf'(<row r="{row}"[^>]*>)', lambda m: m.group(1) + cell, xml, count=1)
    items[sheet_xml] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in items.items():
            zout.writestr(name, data)
    return path


def delete_row(path: Path, row: int, sheet: str = "TTHC") -> Path:
    """Delete sheet row ``row`` as Excel does: rows below move up, merged ranges over it
    shrink (openpyxl's ``delete_rows`` leaves merged ranges where they were)."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    ranges = [(r.min_row, r.min_col, r.max_row, r.max_col) for r in ws.merged_cells.ranges]
    for r in list(ws.merged_cells.ranges):
        ws.unmerge_cells(str(r))
    ws.delete_rows(row)
    for r1, c1, r2, c2 in ranges:
        if r1 == r2 == row:
            continue
        r1 = r1 - (r1 > row)
        r2 = r2 - (r2 >= row)
        if (r1, c1) != (r2, c2):
            ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
    wb.save(path)
    return path


def swap_columns(path: Path, a: str, b: str, sheet: str = "TTHC") -> Path:
    """Swap two whole columns (headers, column numbers and figures), as a cut and insert in
    Excel does; the columns must not be split by a merged range."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    for r in range(1, ws.max_row + 1):
        ca, cb = ws[f"{a}{r}"], ws[f"{b}{r}"]
        if isinstance(ca, openpyxl.cell.cell.MergedCell) or isinstance(
                cb, openpyxl.cell.cell.MergedCell):
            continue
        ca.value, cb.value = cb.value, ca.value
    wb.save(path)
    return path


# -- zip bombs (issue 19) ----------------------------------------------------------------------
def _deflated_repeat(prefix: bytes, chunk: bytes, times: int, suffix: bytes
                     ) -> tuple[bytes, int, int]:
    """A raw deflate stream of ``prefix + chunk * times + suffix`` built without inflating it:
    ``chunk`` is compressed once after a full flush (no reference crosses the flush), and its
    bytes are repeated.  Returns (stream, CRC-32, uncompressed size)."""
    import zlib

    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = c.compress(prefix) + c.flush(zlib.Z_FULL_FLUSH)
    body = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    tail = c.compress(suffix) + c.flush(zlib.Z_FINISH)
    crc = zlib.crc32(prefix)
    for _ in range(times):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(suffix, crc)
    return head + body * times + tail, crc, len(prefix) + len(chunk) * times + len(suffix)


def write_zip(path: Path, members: dict[str, bytes | tuple[bytes, int, int]], *,
              declared: dict[str, int] | None = None) -> Path:
    """Write a zip by hand: each member is its bytes, or (deflate stream, CRC, size) as
    :func:`_deflated_repeat` gives it.  ``declared`` makes a member's headers state another
    uncompressed size than the real one (a lying header)."""
    import struct
    import zlib

    out, central = bytearray(), bytearray()
    for name, data in members.items():
        if isinstance(data, bytes):
            c = zlib.compressobj(6, zlib.DEFLATED, -15)
            stream, crc, size = c.compress(data) + c.flush(), zlib.crc32(data), len(data)
        else:
            stream, crc, size = data
        size = (declared or {}).get(name, size)
        raw = name.encode()
        offset = len(out)
        out += struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 8, 0, 0x21, crc,
                           len(stream), size, len(raw), 0) + raw + stream
        central += struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0, 8, 0, 0x21,
                               crc, len(stream), size, len(raw), 0, 0, 0, 0, 0, offset) + raw
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(members), len(members),
                      len(central), len(out), 0)
    path.write_bytes(bytes(out + central + end))
    return path


_SHEET_NS = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def xlsx_bomb(folder: Path, kind: str, size: int = 1 << 30, *, lie: bool = False) -> Path:
    """A filled TTHC form whose sheet (``kind="sheet"``) or one shared string
    (``kind="string"``) inflates to about ``size`` bytes; with ``lie`` the headers declare
    the original small size."""
    import zipfile

    path = tthc(folder, f"bomb_{kind}{'_lie' if lie else ''}.xlsx")
    with zipfile.ZipFile(path) as z:
        members: dict = {i.filename: z.read(i.filename) for i in z.infolist()}
    if kind == "sheet":
        name = "xl/worksheets/sheet1.xml"
        chunk = b"<row><c><v>1</v></c></row>" * 40000
        members[name] = _deflated_repeat(_SHEET_NS + b"<sheetData>", chunk,
                                         max(1, size // len(chunk)), b"</sheetData></worksheet>")
    else:
        name = "xl/sharedStrings.xml"
        chunk = b"A" * (1 << 20)
        members[name] = _deflated_repeat(
            b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            b'count="1" uniqueCount="1"><si><t>', chunk, max(1, size // len(chunk)),
            b"</t></si></sst>")
        members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
            b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    return write_zip(path, members, declared={name: 50_000} if lie else None)


def docx_bomb(folder: Path, size: int = 1 << 30) -> Path:
    """A Word report whose ``word/document.xml`` inflates to about ``size`` bytes."""
    import zipfile

    path = word_report(folder / "bomb.docx", ["SỞ KHOA HỌC VÀ CÔNG NGHỆ",
                                               "Báo cáo 6 tháng đầu năm 2024"])
    with zipfile.ZipFile(path) as z:
        members: dict = {i.filename: z.read(i.filename) for i in z.infolist()}
    chunk = b"<w:p><w:r><w:t>Tiep nhan 12 ho so.</w:t></w:r></w:p>" * 20000
    members["word/document.xml"] = _deflated_repeat(
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body>", chunk, max(1, size // len(chunk)), b"</w:body></w:document>")
    return write_zip(path, members)
