"""The analyst's corrections to figures read from prose reports (``corrections.csv``).

The prose reader (:mod:`papi_analysis.prose.extraction`) can misread or miss a figure.  The
analyst fixes it without touching the agency's report: a file ``corrections.csv`` in the
submissions folder, beside the reports, with one row per correction (UTF-8, with or without
BOM; comma, semicolon or tab):

========= ==================================================================================
column    what
========= ==================================================================================
file      the report's file name, as it is in the folder (``stc_bao_cao_2024-H2.docx``)
indicator the indicator code (``tthc.files_total``); or ``agency`` / ``period`` to set the
          report's unit (registry code) or period (code or phrase) when the report does not
          name them
field     the field (lĩnh vực) or level, exactly as the figure has it; empty = the total
value     the right figure (1.234 and 98,5 are read the Vietnamese way); empty = remove
          the figure (it was read by mistake)
note      why (required): who checked what, against which document
========= ==================================================================================

Vietnamese column names are accepted too (``tệp, chỉ tiêu, lĩnh vực, giá trị, ghi chú``).

A correction replaces the figure of that report with the same indicator and field, or adds
it when the reader did not find it; the agency and period are the report's.  A corrected
or added figure says so in its ``source_text`` ("sửa tay / corrected by analyst: <note>",
with the sentence it was read from, if any) and gets confidence 1.0, so an appendix reader
sees that a person, not the reader, stands behind it.

Problems are findings with file › row › column (``corrections.unknown_file``,
``corrections.not_prose``, ``corrections.unknown_indicator``, ``corrections.not_number``,
``corrections.no_note``, ``corrections.duplicate``…); a row with a problem is not applied,
the other rows are.

Public API: :data:`FILE_NAME`, :func:`is_corrections`, :func:`find`, :func:`load`,
:class:`Corrections`, :func:`apply`.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .. import fmt
from ..errors import AgencyError, InputFileError, PeriodError
from ..model import agencies, indicators, periods, schema
from ..prose.reportdocs import SUFFIXES as PROSE_SUFFIXES
from ..text import fold, nfc
from . import findings
from .formsheets import parse_number

__all__ = ["COLUMNS", "FILE_NAME", "Correction", "Corrections", "apply", "find",
           "is_corrections", "load"]

#: The corrections file of a submissions folder.
FILE_NAME = "corrections.csv"

#: Its columns, in order.
COLUMNS = ["file", "indicator", "field", "value", "note"]

#: Column names as an analyst may write them (folded, spaces as ``_``) → column.
_ALIASES = {"tep": "file", "ten_tep": "file", "bao_cao": "file", "chi_tieu": "indicator",
            "ma_chi_tieu": "indicator", "linh_vuc": "field", "gia_tri": "value",
            "so_lieu": "value", "ghi_chu": "note", "ly_do": "note"}

#: ``indicator`` values that set the report's unit or period instead of a figure.
AGENCY, PERIOD = "agency", "period"
_SETTINGS = {AGENCY: AGENCY, "don_vi": AGENCY, PERIOD: PERIOD, "ky": PERIOD,
             "ky_bao_cao": PERIOD}

#: Confidence of a figure an analyst corrected or added.
CONFIDENCE = 1.0


def is_corrections(path: Path) -> bool:
    """Whether ``path`` is a corrections file (by name, any case)."""
    return path.name.lower() == FILE_NAME


@dataclass(frozen=True)
class Correction:
    """One row of a corrections file, checked.

    Attributes
    ----------
    file : str
        The report's file name.
    indicator : str
        A catalogue code, or :data:`AGENCY` / :data:`PERIOD`.
    field : str
        "" for the total.
    value : float or None
        The figure; ``None`` removes it.  For :data:`AGENCY` / :data:`PERIOD`: ``None``.
    setting : str
        The registry code or period code for :data:`AGENCY` / :data:`PERIOD`, else "".
    note : str
        Why.
    line : int
        The line in the corrections file (the header is line 1).
    source : str
        The corrections file as findings show it (``submissions/corrections.csv``).
    """

    file: str
    indicator: str
    field: str
    value: float | None
    setting: str
    note: str
    line: int
    source: str

    def where(self, column: str = "") -> str:
        """``submissions/corrections.csv › dòng/row N`` (› ``cột/col column``)."""
        return findings.location(self.source, "", self.line, column)


@dataclass
class Corrections:
    """The corrections of one folder: the rows that can be applied, and the problems.

    ``problems`` pairs each problem with the report file it concerns ("" when it concerns
    the whole corrections file, or a file that is not in the folder).
    """

    name: str = ""
    rows: list[Correction] = field(default_factory=list)
    problems: list[tuple[str, InputFileError]] = field(default_factory=list)

    def for_file(self, file: str) -> list[Correction]:
        """The figure corrections of report ``file`` (file name, any case), in file order."""
        return [c for c in self.rows if _same(c.file, file)
                and c.indicator not in (AGENCY, PERIOD)]

    def overrides(self, file: str) -> tuple[str | None, str | None]:
        """The agency code and period code set for report ``file`` (``None`` when not set)."""
        got = {c.indicator: c.setting for c in self.rows if _same(c.file, file)
               and c.indicator in (AGENCY, PERIOD)}
        return got.get(AGENCY), got.get(PERIOD)

    def problems_for(self, files: set[str] | None = None) -> list[InputFileError]:
        """The problems about the reports named in ``files`` and about the file as a whole
        (``files=None``: all of them)."""
        return [p for f, p in self.problems
                if files is None or not f or any(_same(f, x) for x in files)]


def _same(a: str, b: str) -> bool:
    """Whether two file names are the same file name (Windows and macOS ignore case)."""
    return nfc(a).casefold() == nfc(b).casefold()


def find(folder: Path | str) -> Path | None:
    """The corrections file of ``folder`` (``corrections.csv``, any case), or ``None``."""
    folder = Path(folder)
    path = folder / FILE_NAME
    if path.is_file():
        return path
    if not folder.is_dir():
        return None
    return next((p for p in sorted(folder.iterdir()) if is_corrections(p) and p.is_file()), None)


def load(folder: Path | str, name: str | None = None) -> Corrections:
    """The corrections file of ``folder``, read and checked; empty when there is none.

    Parameters
    ----------
    folder : path
        The submissions folder (the reports named in the file are looked for here).
    name : str, optional
        The file's name as findings show it (default ``<folder name>/corrections.csv``).

    Returns
    -------
    Corrections
        Never raises for the file's content: a problem of the whole file (not UTF-8, a
        missing column) is one problem and no row; a problem of a row skips that row.
    """
    folder = Path(folder)
    path = find(folder)
    if path is None:
        return Corrections(name or f"{folder.name}/{FILE_NAME}")
    name = name or f"{folder.name}/{path.name}"
    out = Corrections(name)
    try:
        header, records = _records(path, name)
        cols = _header(header, name)
    except InputFileError as err:
        out.problems.append(("", err))
        return out
    except OSError as exc:
        out.problems.append(("", findings.problem(
            "file.unreadable", f"Không đọc được tệp sửa tay: {exc.strerror or exc}.",
            f"Cannot read the corrections file: {exc.strerror or exc}.", where=name,
            hint_vi="Kiểm tra quyền đọc tệp và đóng tệp nếu đang mở trong Excel.",
            hint_en="Check the file can be read, and close it if Excel has it open.")))
        return out
    seen: dict[tuple[str, str, str], int] = {}
    for line, row in records:
        if not any(v.strip() for v in row):
            continue
        rec = {c: nfc(v).strip() for c, v in zip(cols, row, strict=False) if c}
        try:
            corr = _row(rec, line, name, folder)
        except InputFileError as err:
            out.problems.append((_concerns(rec.get("file", ""), folder), err))
            continue
        key = (corr.file.casefold(), corr.indicator, fold(corr.field))
        if key in seen:
            out.problems.append((corr.file, _problem(
                "corrections.duplicate",
                f"Sửa lại cùng số liệu đã sửa ở dòng {seen[key]}; dòng này không được dùng.",
                f"Corrects the same figure as line {seen[key]}; this line is not used.",
                corr.where("indicator"),
                "Giữ một dòng cho mỗi (tệp, chỉ tiêu, lĩnh vực); xóa dòng thừa.",
                "Keep one line per (file, indicator, field); delete the extra one.", corr)))
            continue
        seen[key] = line
        out.rows.append(corr)
    return out


def _concerns(file: str, folder: Path) -> str:
    """The report a bad row is about: its file name if that file exists, else ""."""
    return file if file and (folder / file).is_file() else ""


def _problem(rule: str, vi: str, en: str, where: str, hint_vi: str, hint_en: str,
             corr: Correction, severity: str = findings.ERROR, **context: str) -> InputFileError:
    """A problem about correction ``corr`` (its indicator and field as context)."""
    return findings.problem(rule, vi, en, where=where, hint_vi=hint_vi, hint_en=hint_en,
                            severity=severity, indicator=corr.indicator, field=corr.field,
                            **context)


def _records(path: Path, name: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the (line, cells) of a CSV file, any of , ; tab."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise findings.problem(
            "file.unreadable", "Tệp sửa tay không ở mã UTF-8.",
            "The corrections file is not UTF-8.",
            where=findings.location(name, row=raw[: exc.start].count(b"\n") + 1),
            hint_vi="Trong Excel chọn Lưu thành › CSV UTF-8 (phân tách bằng dấu phẩy).",
            hint_en="In Excel choose Save As › CSV UTF-8 (Comma delimited).") from None
    if not text.strip():
        return [], []
    first = text.splitlines()[0]
    delim = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    header = next(reader)
    return header, [(reader.line_num, row) for row in reader]


def _header(header: list[str], name: str) -> list[str]:
    if not header:
        return []
    cols = [fold(h).strip().replace(" ", "_") for h in header]
    cols = [_ALIASES.get(c, c) for c in cols]
    missing = [c for c in COLUMNS if c not in cols]
    if missing:
        raise findings.problem(
            "header.missing_column", f"Tệp sửa tay thiếu cột: {', '.join(missing)}.",
            f"The corrections file lacks the column(s): {', '.join(missing)}.",
            where=findings.location(name, "", 1),
            hint_vi=f"Dòng đầu phải là: {', '.join(COLUMNS)}.",
            hint_en=f"The first line must be: {', '.join(COLUMNS)}.")
    return [c if c in COLUMNS else "" for c in cols]


def _row(rec: dict[str, str], line: int, name: str, folder: Path) -> Correction:
    """One row checked, in column order: file, indicator, value, note."""
    file, code = rec.get("file", ""), rec.get("indicator", "")
    fld, raw, note = rec.get("field", ""), rec.get("value", ""), rec.get("note", "")

    def at(col: str) -> str:
        return findings.location(name, "", line, col)

    ctx = dict(indicator=code, field=fld)
    if not file or not (folder / file).is_file():
        reports = sorted(p.name for p in folder.iterdir()
                         if p.is_file() and p.suffix.lower() in PROSE_SUFFIXES
                         and not p.name.startswith(("~", "."))
                         and not p.name.lower().startswith("readme"))
        close = difflib.get_close_matches(file, reports, n=1, cutoff=0.6)
        listing = ", ".join(reports) or "—"
        raise findings.problem(
            "corrections.unknown_file",
            f"Không có tệp “{file}” trong thư mục báo cáo." if file else "Cột file trống.",
            f"There is no file “{file}” in the submissions folder." if file
            else "Column file is empty.", where=at("file"),
            hint_vi=(f"Có phải “{close[0]}”? " if close else "")
            + f"Ghi đúng tên tệp báo cáo (các báo cáo văn bản: {listing}).",
            hint_en=(f"Did you mean “{close[0]}”? " if close else "")
            + f"Write the report's file name (prose reports: {listing}).", **ctx)
    if Path(file).suffix.lower() not in PROSE_SUFFIXES:
        raise findings.problem(
            "corrections.not_prose",
            f"“{file}” không phải báo cáo văn bản: chỉ sửa tay được số liệu đọc từ báo cáo "
            f"{', '.join(PROSE_SUFFIXES)}.",
            f"“{file}” is not a prose report: corrections apply to figures read from "
            f"{', '.join(PROSE_SUFFIXES)} reports.", where=at("file"),
            hint_vi="Sửa số liệu ngay trong tệp biểu mẫu hoặc bảng CSV đó.",
            hint_en="Fix the figure in that workbook or CSV itself.", **ctx)
    setting = _SETTINGS.get(fold(code).replace(" ", "_"))
    if setting is None and code not in indicators.CATALOGUE:
        close = difflib.get_close_matches(code, list(indicators.CATALOGUE), n=3, cutoff=0.5)
        sug = ", ".join(close) if close else "papi-analysis indicators"
        raise findings.problem(
            "corrections.unknown_indicator", f"Chỉ tiêu “{code}” không có trong danh mục.",
            f"Indicator “{code}” is not in the catalogue.", where=at("indicator"),
            hint_vi=f"Có phải: {sug}? (Hoặc agency / period để ghi đơn vị / kỳ của báo cáo.)",
            hint_en=f"Did you mean: {sug}? (Or agency / period to set the report's unit / "
            "period.)", **ctx)
    if not note:
        raise findings.problem(
            "corrections.no_note", "Thiếu ghi chú (cột note): mỗi lần sửa tay phải nêu lý do.",
            "The note is missing: every correction must say why.", where=at("note"),
            hint_vi="Ghi lý do, ví dụ “báo cáo ghi nhầm; số đúng theo biểu II.06a”.",
            hint_en="Say why, e.g. “the report has a typo; the right figure is in form "
            "II.06a”.", **ctx)
    if setting is not None:
        return Correction(file, setting, "", None, _setting(setting, raw, at("value"), ctx),
                          note, line, name)
    value = None
    if raw:
        try:
            value = parse_number(raw)
        except ValueError:
            raise findings.problem(
                "corrections.not_number", f"Giá trị “{raw}” không phải một số.",
                f"The value “{raw}” is not a number.", where=at("value"),
                hint_vi="Ghi số (1234 hoặc 98,5); để trống để bỏ số liệu đọc nhầm.",
                hint_en="Write a number (1234 or 98.5); leave it empty to remove a figure "
                "read by mistake.", **ctx) from None
    return Correction(file, code, fld, value, "", note, line, name)


def _setting(kind: str, raw: str, where: str, ctx: dict) -> str:
    """The registry code (agency) or period code (period) written in ``value``."""
    try:
        if kind == AGENCY:
            return agencies.get(raw).code
        return periods.parse(raw).code
    except (AgencyError, PeriodError) as err:
        raise findings.problem(f"corrections.bad_{kind}", err.vi, err.en, where=where,
                               hint_vi=err.hint_vi or "", hint_en=err.hint_en or "",
                               **ctx) from None


# -- applying --------------------------------------------------------------------------------
#: How the ``source_text`` of a corrected or added figure begins.
MARK = "sửa tay / corrected by analyst: "


def note_of(source_text: str) -> str | None:
    """The analyst's note of a corrected figure's ``source_text``, or ``None`` when the
    figure was not corrected."""
    text = str(source_text)
    if not text.startswith(MARK):
        return None
    m = re.match(r"(.*?) \((?:thêm / added|đọc được / read: [^;]*);", text[len(MARK):])
    return m.group(1) if m else text[len(MARK):]


def _mark(corr: Correction, was: float | None = None, sentence: str = "") -> str:
    """The ``source_text`` of a corrected or added figure: the note, the value the reader
    had (or "added"), where the correction is, and the original sentence."""
    if was is None:
        what = "thêm / added"
    else:
        what = "đọc được / read: " + fmt.number(was, "vi", 0 if float(was).is_integer() else 2)
    text = f"{MARK}{corr.note} ({what}; {corr.where()})"
    return f"{text}. Câu gốc / original: {sentence}" if sentence else text


def apply(df: pd.DataFrame, rows: list[Correction], *, agency: str, period: str,
          source_file: str) -> tuple[pd.DataFrame, list[InputFileError]]:
    """The tidy table of one report with its corrections applied.

    Parameters
    ----------
    df : DataFrame
        The report's tidy rows.
    rows : list of Correction
        Its figure corrections (:meth:`Corrections.for_file`).
    agency, period, source_file : str
        The report's agency and period codes and its name as findings show it: the
        provenance of an added figure.

    Returns
    -------
    (DataFrame, list of InputFileError)
        The corrected table, and a warning (``corrections.nothing_to_remove``) for each
        removal of a figure the report does not have.
    """
    out = schema.conform(df)
    problems: list[InputFileError] = []
    added: list[dict] = []
    for c in rows:
        hit = out.index[(out["indicator"] == c.indicator)
                        & (out["field"].map(fold) == fold(c.field))]
        if c.value is None:
            if len(hit):
                out = out.drop(index=hit)
            else:
                problems.append(_problem(
                    "corrections.nothing_to_remove",
                    "Không có số liệu này trong báo cáo để bỏ; dòng sửa tay không có tác dụng.",
                    "The report has no such figure to remove; the correction does nothing.",
                    c.where("indicator"),
                    "Kiểm tra chỉ tiêu và lĩnh vực, hoặc xóa dòng này.",
                    "Check the indicator and field, or delete the line.", c,
                    agency=agency, period=period, severity=findings.WARNING))
            continue
        if len(hit):
            first = hit[0]
            was = float(out.at[first, "value"])
            out.loc[first, ["value", "confidence"]] = [c.value, CONFIDENCE]
            out.at[first, "source_text"] = _mark(c, was, out.at[first, "source_text"])
            out = out.drop(index=hit[1:])
        else:
            added.append({"agency": agency, "period": period, "indicator": c.indicator,
                          "value": c.value, "field": c.field, "illustrative": False,
                          "source_file": source_file, "source_sheet": "", "source_row": 0,
                          "source_column": "", "source_text": _mark(c),
                          "confidence": CONFIDENCE})
    if added:
        out = pd.concat([out, pd.DataFrame(added)], ignore_index=True)
    return schema.conform(out), problems
