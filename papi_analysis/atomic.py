"""Writing files so that a reader never sees half of one: temporary file, then replace.

Every file the package writes for users (appendices, index pages, tidy tables, findings,
templates, extraction outputs) goes through here, so a crash or a full disk leaves the
previous good file in place.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ParameterError

if TYPE_CHECKING:  # pandas is imported where a table is written: the runner starts fast
    import pandas as pd


def _file_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


#: Permissions of the files we write: what ``open()`` would give (mkstemp gives 0600, but
#: appendices and tables are shared files).
FILE_MODE = _file_mode()


@contextlib.contextmanager
def replacing(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; when the block ends without error, move it there.

    The temporary name keeps ``path``'s suffix, so writers that choose a format by
    extension (pandas' ``to_excel``) work on it.  On error it is removed and ``path`` is
    left as it was.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=f".tmp{target.suffix}",
                               dir=target.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if exc.filename is None or str(exc.filename) == str(tmp):
            # a write into the temporary file failed (a full disk: "[Errno 28]" naming no
            # file): say which file could not be written
            named = type(exc)(exc.errno, exc.strerror or str(exc), str(target))
            raise named from exc
        raise
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write(path: str | os.PathLike, data: str | bytes) -> Path:
    """Write ``data`` (text as UTF-8 with ``\\n`` line ends, or bytes) to ``path`` atomically."""
    with replacing(path) as tmp:
        tmp.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return Path(path)


#: What a spreadsheet reads as the start of a formula when it opens a text cell (CWE-1236):
#: ``=``, ``+``, ``-``, ``@``, and a tab or carriage return before one of them.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

#: The mark put before such a text in a CSV file: Excel and LibreOffice show the text, inert.
CSV_QUOTE = "'"


def is_formula_like(value: object) -> bool:
    """True for a text a spreadsheet would take for a formula (``=HYPERLINK(…)``, ``-2+3``)."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def inert_csv(value: object) -> object:
    """``value`` as a CSV cell can hold it safely: a formula-like text gets a leading ``'``.

    Numbers (negative ones too) and other texts are returned unchanged.
    """
    return CSV_QUOTE + value if is_formula_like(value) else value


def uninert_csv(text: str) -> str:
    """The text :func:`inert_csv` protected, as it was (the leading ``'`` removed)."""
    if text.startswith(CSV_QUOTE) and is_formula_like(text[1:]):
        return text[1:]
    return text


def _csv_safe(df: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(inert_csv)
    out.columns = [inert_csv(str(c)) for c in out.columns]
    return out


def _xlsx_cells(ws, df: pd.DataFrame) -> Iterator[list]:
    """Rows of write-only cells: text is always a text cell (never a formula), numbers stay
    numbers, a missing value stays blank."""
    import math

    import pandas as pd
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    def text_cell(v: str):
        cell = WriteOnlyCell(ws, value=ILLEGAL_CHARACTERS_RE.sub("\ufffd", v))
        cell.data_type = "s"  # openpyxl would make "=…" a formula
        if is_formula_like(v):
            cell.quotePrefix = True  # Excel keeps it text when the cell is edited
        return cell

    yield [text_cell(str(c)) for c in df.columns]
    for values in df.itertuples(index=False, name=None):
        row = []
        for v in values:
            if isinstance(v, str):
                if ILLEGAL_CHARACTERS_RE.search(v):  # control characters: not allowed in xlsx
                    v = ILLEGAL_CHARACTERS_RE.sub("\ufffd", v)
                row.append(text_cell(v) if v.startswith(FORMULA_STARTS) else v)
            elif v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA \
                    or v is pd.NaT:
                row.append(None)
            elif hasattr(v, "item") and not isinstance(v, (str, bytes)):
                row.append(v.item())  # numpy scalars
            else:
                row.append(v)
        yield row


def _save_xlsx(sheets: dict[str, pd.DataFrame], tmp: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    for name, df in sheets.items():
        ws = wb.create_sheet(title=name)
        for row in _xlsx_cells(ws, df):
            ws.append(row)
    wb.save(tmp)


def write_table(df: pd.DataFrame, path: Path, sheet: str, *, what_vi: str = "",
                what_en: str = "") -> Path:
    """Write ``df`` to ``.csv`` (UTF-8 with BOM) or ``.xlsx`` (sheet ``sheet``), formula-safe.

    ``what_vi`` / ``what_en`` name what is written in the message for a wrong suffix
    (``"bảng phát hiện ra "``).  Tidy tables, findings and extraction outputs are written
    through here.  No text is ever written as a live formula (CWE-1236): in ``.xlsx`` every
    text is a text cell (a text starting ``=``, ``+``, ``-``, ``@``, tab or CR also gets
    Excel's quote prefix); in ``.csv`` such a text gets a leading ``'``
    (:func:`inert_csv`, which the tidy reader removes again).  Numbers, negative ones
    included, stay numbers.
    """
    return write_tables({sheet: df}, path, what_vi=what_vi, what_en=what_en)


def write_tables(sheets: dict[str, pd.DataFrame], path: Path, *, what_vi: str = "",
                 what_en: str = "") -> Path:
    """Write one table per sheet to ``.xlsx``, or the first table to ``.csv``, formula-safe.

    The one path every table export goes through (:func:`write_table`).

    Raises
    ------
    ParameterError
        If the name ends with anything but .csv or .xlsx, or the file cannot be written.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ParameterError(
            f"Không ghi được {what_vi}“{path.name}”: chỉ hỗ trợ .csv hoặc .xlsx.",
            f"Cannot write {what_en}“{path.name}”: only .csv or .xlsx are supported.",
            where=str(path), hint_vi="Đặt tên tệp kết thúc bằng .csv hoặc .xlsx.",
            hint_en="Give the file a .csv or .xlsx name.")
    try:
        with replacing(path) as tmp:
            if suffix == ".csv":
                first = next(iter(sheets.values()))
                # CRLF line ends (RFC 4180): a text holding a CR is then quoted, not split
                _csv_safe(first).to_csv(tmp, index=False, encoding="utf-8-sig",
                                        lineterminator="\r\n")
            else:
                _save_xlsx(sheets, tmp)
    except OSError as exc:
        raise unwritable(path, exc) from None
    return path


def save_with(path: Path, save) -> Path:
    """Write ``path`` atomically with ``save(tmp_path)`` (a workbook's or a PDF's own saver);
    a failure is one clear message (:func:`unwritable`) and the old file stays."""
    try:
        with replacing(path) as tmp:
            save(tmp)
    except OSError as exc:
        raise unwritable(Path(path), exc) from None
    return Path(path)


def unwritable(path: Path, exc: OSError) -> ParameterError:
    """The message for a file that cannot be written: which file, why, and what to check."""
    import errno

    if exc.errno in (errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", -1)):
        return ParameterError(
            f"Không ghi được tệp “{path}”: ổ đĩa đã đầy ({exc.strerror or exc}).",
            f"Cannot write “{path}”: no space left ({exc.strerror or exc}).", where=str(path),
            hint_vi="Giải phóng chỗ trống trên ổ đĩa rồi chạy lại; tệp cũ (nếu có) vẫn còn "
                    "nguyên.",
            hint_en="Free some disk space, then run again; the previous file (if any) is "
                    "unchanged.")
    return ParameterError(
        f"Không ghi được tệp “{path}”: {exc.strerror or exc}.",
        f"Cannot write “{path}”: {exc.strerror or exc}.", where=str(path),
        hint_vi="Kiểm tra thư mục có tồn tại, có quyền ghi, và tệp không đang mở trong Excel.",
        hint_en="Check the folder exists and is writable, and the file is not open in Excel.")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def refuse_overwrite(path: str | os.PathLike, option: str = "-o", *, force: bool = False,
                     inputs: list | tuple = ()) -> None:
    """Refuse to write a command's output over one of its inputs, or over any existing file
    unless ``force``.

    ``inputs`` are the files and folders the command reads: the output may not be one of
    those files, nor an existing file inside one of those folders (it would be read as
    input too) — not even with ``--force``.

    Raises
    ------
    ParameterError
        One message naming the file and what to do.
    """
    target = Path(path)
    if not target.exists():
        return
    full = target.resolve()
    for src in inputs:
        src = Path(src)
        inside = src.is_dir() and src.resolve() in full.parents
        if inside or _same_file(target, src):
            raise ParameterError(
                f"Tham số {option}: “{target}” là tệp đầu vào của lệnh này "
                f"({'nằm trong ' + str(src) if inside else 'đang được đọc'}); không ghi đè.",
                f"Option {option}: “{target}” is an input of this command "
                f"({'inside ' + str(src) if inside else 'it is being read'}); it is not "
                "overwritten.", where=f"{option} {path}",
                hint_vi="Chọn một tên tệp khác, ngoài các tệp và thư mục đầu vào.",
                hint_en="Choose another file name, outside the input files and folders.")
    if not force:
        raise ParameterError(
            f"Tham số {option}: tệp “{target}” đã có; không ghi đè.",
            f"Option {option}: the file “{target}” already exists; it is not overwritten.",
            where=f"{option} {path}",
            hint_vi="Chọn tên khác, hoặc thêm --force để ghi đè tệp đó.",
            hint_en="Choose another name, or add --force to replace that file.")
