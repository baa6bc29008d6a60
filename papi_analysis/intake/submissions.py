"""Reading submissions (.xlsx forms, tidy .csv, prose reports) and writing blank form templates.

Three input shapes become one tidy table (:mod:`papi_analysis.model.schema`), every value
keeping its file, sheet, row and column (for a report: paragraph and character span):

* **Workbooks in a form layout** (:mod:`papi_analysis.intake.forms`).  Which sheets are read: every
  sheet whose header row matches a form (enough of its column headers, by text, with or
  without diacritics, merged cells spread over what they cover), and every sheet that is a
  tidy table (first row with ``agency, period, indicator, value``).  Other sheets (notes,
  charts) are ignored; a workbook where no sheet qualifies is an error.  A form sheet's
  agency, period, rows and cells are read by :mod:`papi_analysis.intake.formsheets`, over the cell
  grid of :mod:`papi_analysis.intake.workbooks`; a tidy sheet is read like a tidy CSV.
* **Tidy CSV**: columns :data:`~papi_analysis.model.schema.CSV_REQUIRED` plus optional
  :data:`~papi_analysis.model.schema.CSV_OPTIONAL` (and the other tidy columns, accepted and not
  used: the CSV itself is the source).  UTF-8 with or without BOM; comma, semicolon or tab;
  codes stay strings ("01" stays "01"); values with a decimal point ("98.81"), Vietnamese
  forms with a comma ("98,81", "1.234.567") also accepted; period phrases become codes.
  A ``confidence`` column (as ``papi-analysis extract`` writes it) is kept.
* **Prose reports** (.docx, .txt, .md): the figures the prose reader finds
  (:mod:`papi_analysis.prose.extraction`), one row per figure with ``source_row`` = the
  paragraph, ``source_column`` = the character span ``c120-c123``, ``source_text`` = the
  sentence and the reader's ``confidence``.  The report's own checks (total against parts,
  rate against counts…) are findings of :func:`read_many`; they do not stop :func:`read`.
  A report whose reporting unit or period cannot be found (or is not in the registry) gives
  an error and no rows; a text with no unit, no period and no figure is taken for notes
  (a warning, no rows).  The analyst's ``corrections.csv`` in the same folder
  (:mod:`papi_analysis.intake.corrections`) fixes, adds or removes figures, and can name the
  unit or period.  Reading a report is :mod:`papi_analysis.intake.reports`, which caches the
  reader's result by the file's content (in memory, and on disk under
  ``config.CACHE_DIR/prose``).

Not read as submissions (:func:`is_submission`): README files, hidden and Office lock files
(``~$…``), ``corrections.csv``, and the side tables ``papi-analysis extract`` writes beside
its figures (``OUT.documents.csv``, ``OUT.findings.csv``).

Templates: :func:`write_template` writes the form with its merged headers, the column
numbers, one row per field given and a total row.  With fields, the total row holds ``SUM``
formulas over the field rows (the reader evaluates them); without fields, the total row is
left for the agency to fill.  Cells accept only numbers of the right kind (Excel data
validation).

Public API: :func:`read`, :func:`read_many`, :func:`parse_number` (from
:mod:`papi_analysis.intake.formsheets`), :func:`write_tidy`, :func:`write_template`.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import os
import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd

from .. import atomic, config, fmt
from ..errors import AgencyError, InputFileError, ParameterError, PeriodError
from ..model import agencies, indicators, periods, schema
from ..prose.reportdocs import SUFFIXES as PROSE_SUFFIXES
from ..text import fold, nfc
from . import archives, corrections, findings, forms, formsheets, reports, workbooks
from .formsheets import parse_number

__all__ = ["MAX_COLUMNS", "PROSE_SUFFIXES", "SUFFIXES", "is_submission", "link_outside",
           "parse_number", "read", "read_many", "read_usable", "write_template", "write_tidy"]

#: The files read: form workbooks, tidy CSV, prose reports.
#: A sub-folder of a submissions folder that holds reference documents, never read.
SOURCES_FOLDER = "sources"

SUFFIXES = (".xlsx", ".csv") + PROSE_SUFFIXES

#: The side tables ``papi-analysis extract -o OUT.csv`` writes beside OUT.csv
#: (:func:`papi_analysis.prose.extraction.write_outputs`): not submissions.
SIDE_TABLES = (".documents.csv", ".findings.csv")


def is_submission(path: Path) -> bool:
    """Whether a file in a submissions folder is read as a submission.

    Form workbooks, tidy CSV and prose reports (:data:`SUFFIXES`) are; Office lock files
    (``~$…``), hidden files, README files, the analyst's ``corrections.csv`` and the side
    tables of ``papi-analysis extract`` (``*.documents.csv``, ``*.findings.csv``) are not.
    """
    name = path.name
    if name.startswith(("~", ".")) or name.lower().startswith("readme"):
        return False
    if corrections.is_corrections(path) or _side_table(path):
        return False
    from .records import is_records_file

    return path.suffix.lower() in SUFFIXES or is_records_file(path)


def _side_table(path: Path) -> bool:
    return path.name.lower().endswith(SIDE_TABLES)


def _display_name(path: Path) -> str:
    """The file's name as findings show it: relative to the data folder or the working folder.

    The folder is resolved, not the file: a link is shown by its own name, never by its
    target's (which may lie outside the data folder)."""
    resolved = path.absolute().parent.resolve() / path.name
    for base in (config.DATA_DIR, Path.cwd()):
        try:
            return resolved.relative_to(Path(base).resolve()).as_posix()
        except ValueError:
            continue
    return path.name


# -- public API ------------------------------------------------------------------------------
def read(path: Path | str, *, sheet: str | None = None) -> pd.DataFrame:
    """Read one submission (``.xlsx`` form, tidy ``.csv`` or prose report) into a tidy table.

    A prose report gets the corrections of its folder's ``corrections.csv``.

    Parameters
    ----------
    path : path
        The file.
    sheet : str, optional
        Read only this sheet of a workbook (default: every sheet matching a form).

    Returns
    -------
    DataFrame
        Tidy table (:data:`papi_analysis.model.schema.COLUMNS`), ``schema.conform``'d.

    Raises
    ------
    InputFileError
        On the first problem: the file is missing, empty, not a workbook or not UTF-8, no
        sheet matches a form, a header is unknown or missing, a cell holds text where a
        number belongs, a period cannot be read, a report names no unit or period, a
        correction of the report is wrong…; with where (file › sheet › row › column) and
        what to do.  The checks of a report's own arithmetic do not stop it (they are
        findings of :func:`read_many`).
    """
    path = Path(path)
    folders: dict[Path, corrections.Corrections] = {}
    df, problems = _read_file(path, sheet, folders)
    if path.suffix.lower() in PROSE_SUFFIXES:
        problems = _corrections(path.parent, folders).problems_for({path.name}) + problems
    errors = [p for p in problems if p.severity == findings.ERROR
              and getattr(p, "stops_read", True)]
    if errors:
        raise errors[0]
    return df


def read_many(paths: list[Path]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read files and folders (recursively: ``.xlsx``, ``.csv``, ``.docx``, ``.txt``, ``.md``)
    without stopping on errors.

    Returns
    -------
    (DataFrame, DataFrame)
        The tidy table of everything readable and the findings of reading
        (:data:`papi_analysis.intake.findings.COLUMNS`): a file that cannot be read is one error
        (``file.missing``, ``file.empty``, ``file.unreadable``, ``file.unsupported``,
        ``file.wrong_sheet``, ``header.unknown``, ``header.missing_column``…); a bad cell is
        one error (``value.not_number``…) and only that cell is skipped.  A prose report adds
        its own checks (``prose.total_mismatch``, ``prose.rate_mismatch``,
        ``prose.count_vs_list``…), an error when its unit or period cannot be found
        (``prose.no_agency``, ``prose.agency_unknown``, ``prose.no_period``: no rows), a
        warning for a text with no unit, period or figure at all (``prose.not_a_report``:
        notes, not a report), and the problems of the ``corrections.csv`` of each folder
        read (``corrections.*``, once per folder).
    """
    frames: list[pd.DataFrame] = []
    rows: list[dict] = []
    folders: dict[Path, corrections.Corrections] = {}
    read_in: dict[Path, set[str]] = {}
    files = list(_expand([Path(p) for p in paths], rows))
    from . import records  # exports of records/ have their own reader (issue 23)
    rec_files = [f for f in files if records.is_records_file(f)]
    files = [f for f in files if not records.is_records_file(f)]
    for path in files:
        read_in.setdefault(path.parent, set()).add(path.name)
    for df, found in _read_each(files, folders):
        rows += found
        if df is not None:
            frames.append(df)
    for folder, names in read_in.items():
        if corrections.find(folder) is not None:
            rows += [findings.from_error(p)
                     for p in _corrections(folder, folders).problems_for(names)]
    if rec_files:
        rec_tidy, rec_found = records.read_files(rec_files)
        frames.append(rec_tidy)
        rows += rec_found.to_dict("records")
    return _concat(frames), findings.frame(rows)


def read_usable(paths: list[Path]) -> pd.DataFrame:
    """The tidy table of every figure that can be read from ``paths`` (files), as
    :func:`read_many` reads them: a file that cannot be read, or a bad cell, is left out
    (``validate`` and the build's data check report it), so one broken file does not stop
    the appendices of everything else.

    Raises
    ------
    InputFileError
        When not one figure can be read and a file has a problem: the first file's problem
        (what is wrong and what to do), since nothing can be built from the folder.
    """
    tidy, _ = read_many(paths)
    if tidy.empty:
        for path in paths:
            read(path)  # raises the first file's problem, if any
    return tidy


#: From this many files on, :func:`read_many` reads them in a pool of processes.
POOL_FROM = 40


def _read_each(files: list[Path], folders: dict) -> Iterator[tuple[pd.DataFrame | None, list]]:
    """``(table or None, finding rows)`` of each file, in order: in a pool of processes when
    there are many files and several cores (reading a workbook is CPU-bound), else here."""
    jobs = min(os.cpu_count() or 1, 8)
    if len(files) < POOL_FROM or jobs < 2:
        for path in files:
            yield _read_one(path, folders)
        return
    import concurrent.futures as cf
    import multiprocessing as mp

    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None
    try:
        with cf.ProcessPoolExecutor(jobs, mp_context=ctx) as pool:
            yield from pool.map(_read_one, files, chunksize=max(1, len(files) // (4 * jobs)))
    except (OSError, cf.process.BrokenProcessPool):  # no pool here: read in this process
        for path in files:
            yield _read_one(path, folders)


def _read_one(path: Path, folders: dict | None = None) -> tuple[pd.DataFrame | None, list]:
    """One file of :func:`read_many`: its table (None when it cannot be read) and the
    finding rows of reading it (picklable, for a pool)."""
    folders = {} if folders is None else folders
    try:
        df, problems = _read_file(path, None, folders)
    except InputFileError as err:
        return None, [findings.from_error(err)]
    found = [findings.from_error(p) for p in problems]
    problems = [p for p in problems if getattr(p, "severity", "") != findings.INFO]
    if df.empty and not problems and path.suffix.lower() in PROSE_SUFFIXES:
        found.append(findings.finding(
            findings.WARNING, "file.no_data",
            "Không đọc được số liệu nào trong báo cáo. Xem trang rà soát (papi-analysis "
            "extract BÁO_CÁO -o rà_soát.html); ghi số liệu bị bỏ sót vào corrections.csv.",
            "No figure was read in the report. See the review page (papi-analysis extract "
            "REPORT -o review.html); add the figures missed to corrections.csv.",
            where=_display_name(path)))
    elif df.empty and not problems:
        found.append(findings.finding(
            findings.WARNING, "file.no_data",
            "Tệp không có số liệu nào (mọi ô số liệu đều trống).",
            "The file holds no figures (every value cell is blank).",
            where=_display_name(path)))
    return df, found


def _corrections(folder: Path, loaded: dict[Path, corrections.Corrections]
                 ) -> corrections.Corrections:
    """The corrections of ``folder``, loaded once per read."""
    key = folder.resolve()
    if key not in loaded:
        found = corrections.find(folder)
        loaded[key] = corrections.load(folder, _display_name(found) if found else None)
    return loaded[key]


def _expand(paths: list[Path], rows: list[dict]) -> list[Path]:
    out: list[Path] = []
    seen: set[Path] = set()
    for p in paths:
        if p.is_dir():
            # a sub-folder named "sources" keeps original documents for reference (the text a
            # tidy CSV was typed from): they are not submissions of their own
            found = sorted(f for f in p.rglob("*") if f.is_file() and is_submission(f)
                           and SOURCES_FOLDER not in f.relative_to(p).parts[:-1])
            if not found:
                rows.append(findings.finding(
                    findings.WARNING, "file.none_found",
                    "Thư mục không có tệp .xlsx, .csv hoặc báo cáo .docx, .txt, .md nào.",
                    "The folder holds no .xlsx, .csv or .docx, .txt, .md report.",
                    where=str(p)))
            out += [f for f in found if f.resolve() not in seen]
            seen |= {f.resolve() for f in found}
        elif p.resolve() not in seen:
            out.append(p)
            seen.add(p.resolve())
    return out


def _read_file(path: Path, sheet: str | None,
               folders: dict[Path, corrections.Corrections],
               ) -> tuple[pd.DataFrame, list[InputFileError]]:
    name = _display_name(path)
    if not path.exists():
        raise findings.problem(
            "file.missing", "Không tìm thấy tệp.", "The file does not exist.",
            where=str(path), hint_vi="Kiểm tra lại đường dẫn và tên tệp.",
            hint_en="Check the path and the file name.")
    if path.is_dir():
        raise findings.problem(
            "file.unreadable", "Đây là thư mục, không phải tệp.",
            "This is a folder, not a file.", where=str(path),
            hint_vi="Dùng read_many để đọc cả thư mục.",
            hint_en="Use read_many to read a whole folder.")
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise _unsupported(suffix, name)
    if _side_table(path) or corrections.is_corrections(path):
        raise _not_submission(path, name)
    if link_outside(path):
        raise _link_outside(name)
    if path.stat().st_size == 0:
        raise findings.problem(
            "file.empty", "Tệp rỗng (0 byte).", "The file is empty (0 bytes).",
            where=name, hint_vi="Gửi lại tệp đã điền số liệu.",
            hint_en="Send the filled-in file again.")
    try:
        if suffix in (".txt", ".md"):
            _refuse_binary(path, name)
        if suffix == ".docx":  # a zip bomb is refused before the Word reader parses it
            archives.check(path, name)
        if suffix in PROSE_SUFFIXES:
            df, problems = reports.read_prose(path, name, _corrections(path.parent, folders))
        elif suffix == ".csv":
            df, problems = _read_csv(path, name)
        else:
            df, problems = _read_xlsx(path, name, sheet)
    except OSError as exc:
        raise findings.problem(
            "file.unreadable", f"Không đọc được tệp: {exc.strerror or exc}.",
            f"Cannot read the file: {exc.strerror or exc}.", where=name,
            hint_vi="Kiểm tra quyền đọc tệp và đóng tệp nếu đang mở trong Excel.",
            hint_en="Check the file can be read, and close it if Excel has it open.",
            ) from None
    return _plausible(df, problems)


def _plausible(df: pd.DataFrame, problems: list[InputFileError]
               ) -> tuple[pd.DataFrame, list[InputFileError]]:
    """Leave out every figure that cannot be a reported one (infinite, or larger than
    :data:`papi_analysis.intake.findings.PLAUSIBLE`), each with a ``value.implausible``
    error at its cell: nothing downstream (sums, charts, 1.234,5 formatting) ever sees it."""
    if df.empty:
        return df, problems
    v = pd.to_numeric(df["value"], errors="coerce").to_numpy(dtype=float)
    bad = ~np.isnan(v) & ~(np.abs(v) <= findings.PLAUSIBLE)
    if not bad.any():
        return df, problems
    for r in df[bad].itertuples():
        ind = indicators.CATALOGUE.get(r.indicator)
        lab_vi = f"“{ind.vi}” ({r.indicator})" if ind else f"“{r.indicator}”"
        lab_en = f"“{ind.en}” ({r.indicator})" if ind else f"“{r.indicator}”"
        try:
            row = int(float(r.source_row))
        except (TypeError, ValueError):
            row = 0
        problems.append(findings.problem(
            "value.implausible",
            f"{lab_vi}: giá trị quá lớn ({findings.big_number(r.value, 'vi')}), không thể là "
            "số liệu báo cáo; ô này không được đọc.",
            f"{lab_en}: the value is too large ({findings.big_number(r.value, 'en')}) to be a "
            "reported figure; the cell was not read.",
            where=findings.location(r.source_file, r.source_sheet, row, r.source_column),
            hint_vi="Sửa lại con số (có thể gõ thừa chữ số, hoặc ô bị định dạng sai).",
            hint_en="Correct the figure (extra digits typed, or a wrongly formatted cell).",
            agency=r.agency, period=r.period, indicator=r.indicator, field=r.field))
    return schema.conform(df[~bad].reset_index(drop=True)), problems


def link_outside(path: Path) -> bool:
    """True for a symbolic link (or a Windows junction) among submissions whose target lies
    outside the data folder: the parent of a ``submissions`` or ``illustrative`` folder it is
    in, else the folder holding the link (or outside the folder it points from).

    Its text would otherwise be read, and published on a review page, from anywhere the
    account can read (``/etc``, another user's files).
    """
    path = Path(path)
    try:
        if not (path.is_symlink() or (hasattr(path, "is_junction") and path.is_junction())):
            return False
        target = path.resolve(strict=False)
    except (OSError, RuntimeError):  # a loop of links
        return True
    folder = path.absolute().parent
    homes = [folder]
    for f in (folder, *folder.parents):
        if f.name in ("submissions", "illustrative"):
            homes.append(f.parent)
            break
    for home in homes:
        for base in {home, home.resolve()}:
            try:
                target.relative_to(base)
                return False
            except ValueError:
                continue
    return True


def _link_outside(name: str) -> InputFileError:
    """The error for a link that points out of the data folder; the target is not named."""
    return findings.problem(
        "file.link_outside",
        "Tệp này là một liên kết (symlink) trỏ ra ngoài thư mục số liệu: không đọc, không "
        "công bố nội dung của nó.",
        "This file is a link (symlink) pointing outside the data folder: its content is not "
        "read, nor published.", where=name,
        hint_vi="Chép chính tệp báo cáo vào thư mục submissions/ (không dùng liên kết), "
        "hoặc xóa liên kết.",
        hint_en="Copy the report file itself into submissions/ (not a link), or delete the "
        "link.")


def _refuse_binary(path: Path, name: str) -> None:
    """A ``.txt`` / ``.md`` holding NUL bytes is a binary file renamed, not a text (UTF-16
    text, which has NULs, starts with its byte-order mark and is read)."""
    with open(path, "rb") as fh:
        head = fh.read(1 << 20)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" not in head:
        return
    at = head.index(b"\x00")
    line = head[:at].count(b"\n") + 1
    raise findings.problem(
        "file.binary",
        f"Tệp {path.suffix} này không phải văn bản: có byte NUL (nhị phân) ở dòng {line}, byte "
        f"{at + 1}; có thể là tệp Word, PDF hoặc Excel bị đổi đuôi.",
        f"This {path.suffix} file is not text: it holds a NUL (binary) byte on line {line}, "
        f"byte {at + 1}; it may be a Word, PDF or Excel file renamed.",
        where=findings.location(name, row=line),
        hint_vi="Mở tệp gốc bằng chương trình đã tạo ra nó và lưu lại dưới dạng .docx hoặc "
        "văn bản thuần UTF-8 (.txt).",
        hint_en="Open the original in the program that made it and save it as .docx or plain "
        "UTF-8 text (.txt).")


_ACCEPTED_VI = ".xlsx theo biểu mẫu, .csv dạng dài hoặc báo cáo văn bản .docx, .txt, .md"
_ACCEPTED_EN = ".xlsx forms, tidy .csv or .docx, .txt, .md prose reports"


def _unsupported(suffix: str, name: str) -> InputFileError:
    """The error for a file of a kind that is not read, with what to save it as."""
    if suffix == ".xls":
        extra_vi, extra_en = " (định dạng Excel cũ)", " (old Excel format)"
        hint_vi = "Mở tệp trong Excel và lưu lại dưới dạng Excel Workbook (.xlsx)."
        hint_en = "Open it in Excel and save it as Excel Workbook (.xlsx)."
    elif suffix in (".doc", ".rtf", ".odt", ".pdf"):
        extra_vi, extra_en = " (báo cáo văn bản)", " (a prose report)"
        hint_vi = ("Mở báo cáo trong Word và lưu lại dưới dạng .docx (tệp .pdf: chép nội dung "
                   "sang .docx hoặc .txt).")
        hint_en = ("Open the report in Word and save it as .docx (a .pdf: copy its text into "
                   "a .docx or .txt).")
    else:
        extra_vi = extra_en = ""
        hint_vi = ("Lưu lại dưới dạng Excel Workbook (.xlsx), CSV UTF-8, hoặc báo cáo Word "
                   "(.docx).")
        hint_en = "Save it as Excel Workbook (.xlsx), CSV UTF-8 or a Word report (.docx)."
    return findings.problem(
        "file.unsupported",
        f"Không đọc được tệp {suffix or 'không có đuôi'}{extra_vi}: chỉ nhận {_ACCEPTED_VI}.",
        f"Cannot read a {suffix or 'suffix-less'} file{extra_en}: only {_ACCEPTED_EN} are "
        "accepted.", where=name, hint_vi=hint_vi, hint_en=hint_en)


def _not_submission(path: Path, name: str) -> InputFileError:
    """The error for a file that sits among submissions but is not one."""
    if corrections.is_corrections(path):
        what_vi = "tệp sửa tay số liệu của các báo cáo văn bản trong thư mục"
        what_en = "the analyst's corrections to the prose reports of its folder"
    else:
        what_vi = "bảng phụ do `papi-analysis extract` ghi (văn bản được nêu / phát hiện)"
        what_en = "a side table written by `papi-analysis extract` (documents / findings)"
    return findings.problem(
        "file.not_submission", f"Tệp này không phải báo cáo nộp: đây là {what_vi}.",
        f"This file is not a submission: it is {what_en}.", where=name,
        hint_vi="Kiểm tra cả thư mục (papi-analysis validate THƯ_MỤC): tệp này được dùng "
        "đúng chỗ của nó.",
        hint_en="Check the whole folder (papi-analysis validate FOLDER): the file is used "
        "where it belongs.")


def _frame(records: list[dict]) -> pd.DataFrame:
    """The tidy table of the records read from one sheet or file."""
    return schema.conform(pd.DataFrame(records)) if records else schema.empty()


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """One tidy table of the tables read (the empty ones left out)."""
    frames = [f for f in frames if not f.empty]
    return schema.conform(pd.concat(frames, ignore_index=True)) if frames else schema.empty()


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
        raise findings.problem(
            "file.unreadable",
            "Tệp CSV không ở mã UTF-8 (có thể là tệp Excel hoặc mã ANSI/TCVN3).",
            "The CSV file is not UTF-8 (it may be a workbook or ANSI/TCVN3 text).",
            where=findings.location(name, row=line),
            hint_vi="Trong Excel chọn Lưu thành › CSV UTF-8 (phân tách bằng dấu phẩy).",
            hint_en="In Excel choose Save As › CSV UTF-8 (Comma delimited).") from None
    if "\x00" in text:
        raise findings.problem(
            "file.unreadable", "Tệp không phải văn bản CSV (có ký tự nhị phân).",
            "The file is not CSV text (it holds binary data).", where=name,
            hint_vi="Kiểm tra đuôi tệp: tệp Excel phải có đuôi .xlsx.",
            hint_en="Check the suffix: a workbook must end in .xlsx.")
    if not text.strip():
        raise findings.problem(
            "file.empty", "Tệp CSV không có nội dung.", "The CSV file has no content.",
            where=name, hint_vi="Gửi lại tệp đã điền số liệu.",
            hint_en="Send the filled-in file again.")
    first = text.splitlines()[0]
    delim = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    header = next(reader)
    records = ((reader.line_num, row) for row in reader)
    return _read_tidy_rows(header, records, name, "")


#: The most columns a tidy table may have: its own columns (a dozen) and a margin of extra
#: ones (notes, an export's spare columns).  A wider header is refused before it is read
#: (a million columns would take minutes to match against the known ones).
MAX_COLUMNS = 200


def _tidy_header(header: list[str], name: str, sheet: str) -> list[str]:
    if len(header) > MAX_COLUMNS:
        known = ", ".join(schema.CSV_REQUIRED + schema.CSV_OPTIONAL)
        raise findings.problem(
            "file.too_wide",
            f"Dòng tiêu đề có {fmt.number(len(header), 'vi')} cột; bảng dạng dài chỉ có "
            f"khoảng chục cột ({known}), tối đa {MAX_COLUMNS}: tệp không được đọc.",
            f"The header line has {fmt.number(len(header), 'en')} columns; a tidy table has "
            f"about a dozen ({known}), at most {MAX_COLUMNS}: the file was not read.",
            where=findings.location(name, sheet, 1),
            hint_vi="Xóa các cột thừa ở dòng đầu (và trên các dòng số liệu), rồi lưu lại.",
            hint_en="Delete the extra columns of the first line (and of the data lines), then "
            "save again.")
    cols = [fold(h).replace(" ", "_") for h in header]
    where = findings.location(name, sheet, 1)
    missing = [c for c in schema.CSV_REQUIRED if c not in cols]
    for i, c in enumerate(cols):
        if c and c not in _TIDY_KNOWN:
            close = difflib.get_close_matches(c, _TIDY_KNOWN, n=1, cutoff=0.75)
            if close and close[0] not in cols:
                raise findings.problem(
                    "header.unknown", f"Cột “{header[i]}” không phải cột của bảng dạng dài.",
                    f"Column “{header[i]}” is not a column of the tidy table.",
                    where=findings.location(name, sheet, 1, header[i]),
                    hint_vi=f"Có phải “{close[0]}”? Sửa tên cột ở dòng đầu.",
                    hint_en=f"Did you mean “{close[0]}”? Fix the name in the first line.")
    if missing:
        listing = ", ".join(schema.CSV_REQUIRED)
        optional = ", ".join(schema.CSV_OPTIONAL)
        raise findings.problem(
            "header.missing_column",
            f"Thiếu cột bắt buộc: {', '.join(missing)}.",
            f"Required column(s) missing: {', '.join(missing)}.", where=where,
            hint_vi=f"Dòng đầu phải có các cột {listing} (tùy chọn: {optional}).",
            hint_en=f"The first line must name the columns {listing} (optional: {optional}).")
    dup = sorted({c for c in cols if c and cols.count(c) > 1})
    if dup:
        raise findings.problem(
            "header.duplicate_column", f"Cột lặp lại: {', '.join(dup)}.",
            f"Repeated column(s): {', '.join(dup)}.", where=where,
            hint_vi="Mỗi cột chỉ xuất hiện một lần; xóa cột thừa.",
            hint_en="Each column may appear once; delete the extra one.")
    return cols


def _read_tidy_rows(header: list[str], records, name: str,
                    sheet: str) -> tuple[pd.DataFrame, list[InputFileError]]:
    """Tidy rows (line number, list of strings) → tidy table and cell problems."""
    cols = _tidy_header(header, name, sheet)
    out: list[tuple] = []
    problems: list[InputFileError] = []
    period_cache: dict[str, str | PeriodError] = {}
    agency_cache: dict[str, str] = {}
    flag_cache: dict[str, str] = {}
    for line, row in records:
        if not any(str(v).strip() for v in row):
            continue
        if len(row) != len(cols):
            problems.append(findings.problem(
                "row.columns", f"Dòng có {len(row)} ô nhưng tiêu đề có {len(cols)} cột.",
                f"The line has {len(row)} cells but the header has {len(cols)} columns.",
                where=findings.location(name, sheet, line),
                hint_vi="Một ô có dấu phẩy phải đặt trong ngoặc kép \"…\".",
                hint_en="A cell containing a comma must be quoted \"…\"."))
            continue
        rec = {c: _cell_text(v) for c, v in zip(cols, row, strict=True) if c}
        ctx = dict(agency=rec["agency"], indicator=rec["indicator"], field=rec.get("field", ""))
        raw_value = rec["value"]
        if raw_value in formsheets.NO_FIGURE or raw_value == "":
            problems.append(findings.problem(
                "value.missing", "Dòng không có giá trị (cột value trống); bỏ qua.",
                "The line has no value (value is blank); skipped.",
                where=findings.location(name, sheet, line, "value"),
                severity=findings.WARNING, hint_vi="Ghi số liệu hoặc xóa dòng.",
                hint_en="Enter the figure or delete the line.", **ctx))
            continue
        if _counts(rec["indicator"]) and formsheets.EN_THOUSANDS.match(raw_value):
            problems.append(formsheets.english_thousands(
                raw_value, findings.location(name, sheet, line, "value"), **ctx))
            continue
        try:
            value = parse_number(raw_value, machine=True)
        except ValueError:
            problems.append(formsheets.not_number(
                raw_value, findings.location(name, sheet, line, "value"), **ctx))
            continue
        if _THOUSANDS.match(raw_value) and _counts(rec["indicator"]):
            # "1.234" in a count cannot be one and a quarter files: it is Vietnamese thousands
            value = parse_number(raw_value)
            problems.append(findings.problem(
                "value.read_as_thousands",
                f"“{raw_value}” được đọc là {value:.0f} (dấu chấm phân cách "
                "hàng nghìn), vì chỉ tiêu này là số đếm.",
                f"“{raw_value}” was read as {value:.0f} (the point separates "
                "thousands), because this indicator is a count.",
                where=findings.location(name, sheet, line, "value"),
                severity=findings.WARNING,
                hint_vi="Trong tệp CSV nên ghi số không có dấu phân cách (1234).",
                hint_en="In a CSV file write numbers without separators (1234).", **ctx))
        period = _period_code(rec["period"], period_cache)
        if isinstance(period, PeriodError):
            problems.append(findings.problem(
                getattr(period, "rule", "period.unknown"), period.vi, period.en,
                where=findings.location(name, sheet, line, "period"),
                hint_vi=period.hint_vi or "", hint_en=period.hint_en or "", **ctx))
            continue
        flag = rec.get("illustrative", "")
        if flag not in flag_cache:
            flag_cache[flag] = fold(flag)
        flag = flag_cache[flag]
        if flag not in _TRUE | _FALSE:
            problems.append(findings.problem(
                "value.not_bool", f"Cột illustrative có “{rec['illustrative']}”.",
                f"Column illustrative holds “{rec['illustrative']}”.",
                where=findings.location(name, sheet, line, "illustrative"),
                hint_vi="Ghi True (số liệu minh họa) hoặc False (số liệu thật).",
                hint_en="Write True (illustrative) or False (real).", **ctx))
            continue
        confidence = float("nan")
        if rec.get("confidence", ""):
            try:
                confidence = parse_number(rec["confidence"], machine=True)
            except ValueError:
                problems.append(formsheets.not_number(
                    rec["confidence"], findings.location(name, sheet, line, "confidence"),
                    **ctx))
                continue
        as_of = rec.get("as_of", "")
        if as_of:
            try:
                as_of = iso_date(as_of)
            except ValueError:
                problems.append(findings.problem(
                    "value.bad_date", f"Cột as_of có “{rec['as_of']}”, không phải ngày.",
                    f"Column as_of holds “{rec['as_of']}”, not a date.",
                    where=findings.location(name, sheet, line, "as_of"),
                    hint_vi="Ghi ngày số liệu tính đến: 21/05/2024 hoặc 2024-05-21; để trống "
                            "nếu số liệu tính đến hết kỳ.",
                    hint_en="Write the date the figures run to: 21/05/2024 or 2024-05-21; "
                            "leave it blank if they run to the period's end.", **ctx))
                continue
        if rec["agency"] not in agency_cache:
            agency_cache[rec["agency"]] = agencies.resolve_text(rec["agency"])
        # one tuple per row (not a dict): a million rows build their table in a second
        out.append((agency_cache[rec["agency"]], period, rec["indicator"], value,
                    rec.get("field", ""), flag in _TRUE, line, rec.get("source_text", ""),
                    confidence, as_of))
    if not out:
        return schema.empty(), problems
    df = pd.DataFrame.from_records(out, columns=_TIDY_TUPLE)
    df["source_file"], df["source_sheet"], df["source_column"] = name, sheet, "value"
    return schema.conform(df), problems


_TIDY_TUPLE = ["agency", "period", "indicator", "value", "field", "illustrative", "source_row",
               "source_text", "confidence", "as_of"]

_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def iso_date(text: str) -> str:
    """``21/05/2024`` or ``2024-05-21`` as ``2024-05-21``; ValueError for anything else."""
    text = text.strip()
    m = _DMY.match(text)
    day = (dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))) if m
           else dt.date.fromisoformat(text))
    return day.isoformat()


_THOUSANDS = re.compile(r"^-?\d{1,3}(?:\.\d{3})+$")


def _cell_text(v: object) -> str:
    """A tidy cell as text: NFC, stripped; a text a formula-safe export protected with a
    leading ' (:func:`papi_analysis.atomic.inert_csv`) reads back as it was."""
    t = v if isinstance(v, str) else str(v)
    if not t.isascii():
        t = nfc(t)
    t = t.strip()
    if t[:1] == atomic.CSV_QUOTE:
        t = atomic.uninert_csv(t).strip()
    return t


def _counts(code: str) -> bool:
    """True when ``code`` is a catalogue indicator that counts (whole numbers)."""
    ind = indicators.CATALOGUE.get(code)
    return ind is not None and ind.kind == "count"


def _period_code(text: str, cache: dict) -> str | PeriodError:
    if text not in cache:
        try:
            cache[text] = periods.parse(text).code
        except PeriodError as err:
            cache[text] = err
    return cache[text]


# -- form workbooks ----------------------------------------------------------------------------
def _read_xlsx(path: Path, name: str,
               sheet: str | None) -> tuple[pd.DataFrame, list[InputFileError]]:
    wb = workbooks.open_workbook(path, name)
    sheets = _sheets(wb, sheet, name)
    frames, problems, used = [], [], 0
    hidden: list[str] = []
    if sheet is None:  # a hidden sheet is an old copy or a helper: never read as data
        hidden = [ws.title for ws in sheets if ws.sheet_state != "visible"]
        sheets = [ws for ws in sheets if ws.sheet_state == "visible"]
        if hidden:
            listing = ", ".join(f"“{t}”" for t in hidden)
            problems.append(findings.problem(
                "sheet.hidden", f"Bỏ qua trang tính ẩn: {listing}.",
                f"Hidden sheet(s) skipped: {listing}.", where=name, severity=findings.WARNING,
                hint_vi="Nếu số liệu nằm trong trang tính ẩn, bỏ ẩn (Unhide) và xóa các bản cũ; "
                "chỉ trang tính hiện mới được đọc.",
                hint_en="If the figures are on a hidden sheet, unhide it and delete the old "
                "copies; only visible sheets are read."))
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
        ignored = ", ".join(f"“{t}”" for t in hidden)
        raise findings.problem(
            "file.wrong_sheet",
            f"Không trang tính nào ({titles}) có tiêu đề cột khớp một biểu mẫu"
            + (f"; trang tính ẩn không được đọc: {ignored}." if hidden else "."),
            f"No sheet ({titles}) has column headers matching a form"
            + (f"; hidden sheets are not read: {ignored}." if hidden else "."), where=name,
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
        raise findings.problem(
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
        links: list = []
        df, problems = _read_tidy_rows(header, workbooks.records(ws, len(header), saved, links),
                                       name, ws.title)
        for kind, cell, value in links:  # read as Excel saved it last: say so, at the cell
            problems.append(formsheets.linked_value(
                kind, cell, value, findings.location(name, ws.title, cell.row,
                                                     cell.column_letter)))
        return df, problems
    form = formsheets.read(ws, name, saved)
    if form is None:
        return None
    records, problems = form
    return _frame(records), problems


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
    return atomic.write_table(out, path, "tidy")


def write_template(form: str, path: Path | str, *, agency: str = "", period: str = "",
                   fields=()) -> Path:
    """Write a blank workbook in the layout of ``form`` for an agency to fill.

    Parameters
    ----------
    form : str
        Form key (:data:`papi_analysis.intake.forms.FORMS`: tthc, procedures, petitions, …).
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
    per = periods.parse(period) if period else None
    if agency:
        a = agencies.get(agency)
        if per is not None and not a.valid_on(agencies.as_of(per)):
            now = ", ".join(f"{u.code}" for u in agencies.departments(period=per)) or "—"
            raise AgencyError(
                f"Đơn vị {a.code} không báo cáo kỳ {per.label('vi')} (hiệu lực {a.life()}).",
                f"Unit {a.code} does not report for {per.label('en')} (valid {a.life()}).",
                where="--agency",
                hint_vi=f"Đơn vị báo cáo kỳ này: {now}. Xem `papi-analysis agencies --history "
                f"{a.code}`.",
                hint_en=f"Units reporting for it: {now}. See `papi-analysis agencies --history "
                f"{a.code}`.")
        agency_text = f"{a.name_vi} ({a.code})"
        if a.kind == "province" and not fields and per is not None:
            # the compiled provincial form, one row per level of local government
            fields = agencies.levels(per)
    period_text = per.label("vi") if per is not None else ""
    wb = forms.workbook(f, agency_text, period_text, [str(x) for x in fields])
    return atomic.save_with(path, wb.save)
