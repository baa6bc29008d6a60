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

if TYPE_CHECKING:
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
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write(path: str | os.PathLike, data: str | bytes) -> Path:
    """Write ``data`` (text as UTF-8 with ``\\n`` line ends, or bytes) to ``path`` atomically."""
    with replacing(path) as tmp:
        tmp.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return Path(path)


def write_table(df: pd.DataFrame, path: Path, sheet: str, *, what_vi: str = "",
                 what_en: str = "") -> Path:
    """Write ``df`` to ``.csv`` (UTF-8 with BOM) or ``.xlsx`` (sheet ``sheet``).

    ``what_vi`` / ``what_en`` name what is written in the message for a wrong suffix
    (``"bảng phát hiện ra "``).  Tidy tables, findings and extraction outputs are written
    through here.
    """
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
                df.to_csv(tmp, index=False, encoding="utf-8-sig")
            else:
                df.to_excel(tmp, index=False, sheet_name=sheet)
    except OSError as exc:
        raise unwritable(path, exc) from None
    return path


def unwritable(path: Path, exc: OSError) -> ParameterError:
    """The message for a file that cannot be written: which file, why, and what to check."""
    return ParameterError(
        f"Không ghi được tệp “{path}”: {exc.strerror or exc}.",
        f"Cannot write “{path}”: {exc.strerror or exc}.", where=str(path),
        hint_vi="Kiểm tra thư mục có tồn tại, có quyền ghi, và tệp không đang mở trong Excel.",
        hint_en="Check the folder exists and is writable, and the file is not open in Excel.")
