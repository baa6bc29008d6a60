"""The project's exceptions: one base class, each error bilingual and located.

Every error raised for bad input says *what* was wrong, *where* (file, sheet, row,
column, parameter) and *what to do*, in Vietnamese and English, so the CLI can print
one clear message and exit non-zero instead of showing a traceback.
"""

from __future__ import annotations


class PapiError(Exception):
    """Base class of every error this package raises on purpose."""

    exit_code = 2

    def __init__(
        self,
        vi: str,
        en: str | None = None,
        *,
        where: str | None = None,
        hint_vi: str | None = None,
        hint_en: str | None = None,
    ) -> None:
        self.vi = vi
        self.en = en or vi
        self.where = where
        self.hint_vi = hint_vi
        self.hint_en = hint_en or hint_vi
        super().__init__(self.message("en"))

    def message(self, lang: str = "vi") -> str:
        """Return the full message (what, where, what to do) in ``lang`` ('vi' or 'en')."""
        text = self.vi if lang == "vi" else self.en
        parts = [text]
        if self.where:
            parts.append(("Vị trí: " if lang == "vi" else "Where: ") + self.where)
        hint = self.hint_vi if lang == "vi" else self.hint_en
        if hint:
            parts.append(("Cách xử lý: " if lang == "vi" else "What to do: ") + hint)
        return "\n  ".join(parts)

    def _render_traceback_(self) -> list[str]:
        # IPython calls this instead of printing a traceback: an analyst who sets a bad
        # parameter in JupyterLab sees the same bilingual message as on the command line.
        return [f"{type(self).__name__}: {self.message('vi')}", "", self.message("en")]


class PeriodError(PapiError):
    """A period code or phrase could not be read."""


class IndicatorError(PapiError):
    """An indicator code is not in the catalogue."""


class AgencyError(PapiError):
    """An agency code is not in the registry."""


class InputFileError(PapiError):
    """A submission or data file cannot be read (missing, empty, wrong format, wrong sheet)."""


class ParameterError(PapiError):
    """A notebook or command parameter is unknown, missing or has a bad value."""


class BuildError(PapiError):
    """A build could not start or finished with failures."""

    exit_code = 1


class DataError(PapiError):
    """The period's data have validation errors and ``--strict`` asked to stop (exit code 4)."""

    exit_code = 4


class FileAccessError(PapiError):
    """A file or folder cannot be read or written (missing, not a folder, no permission…)."""


#: What an ``OSError`` means, by errno: (Vietnamese, English).
_OS_REASONS = {
    "ENOENT": ("không có tệp hoặc thư mục này", "no such file or folder"),
    "EACCES": ("không có quyền truy cập", "permission denied"),
    "EPERM": ("không được phép", "operation not permitted"),
    "ENOTDIR": ("một phần của đường dẫn là tệp chứ không phải thư mục",
                "part of the path is a file, not a folder"),
    "EISDIR": ("đây là thư mục, không phải tệp", "this is a folder, not a file"),
    "EEXIST": ("đã có một tệp trùng tên ở đó", "a file of that name is already there"),
    "ENOSPC": ("ổ đĩa đã đầy", "the disk is full"),
    "EFBIG": ("tệp vượt quá kích thước cho phép", "the file is larger than allowed"),
    "EDQUOT": ("đã hết hạn mức dung lượng ổ đĩa", "the disk quota is used up"),
    "EROFS": ("ổ đĩa chỉ cho đọc", "the disk is read-only"),
    "ENAMETOOLONG": ("tên tệp quá dài", "the file name is too long"),
    "EBUSY": ("tệp đang được chương trình khác dùng", "the file is in use by another program"),
}


def from_os_error(exc: OSError) -> FileAccessError:
    """A bilingual :class:`FileAccessError` saying which path failed, why and what to do."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    reason_vi, reason_en = _OS_REASONS.get(name, (exc.strerror or str(exc),) * 2)
    path = exc.filename if exc.filename is not None else ""
    if not path:  # e.g. pandas' "Cannot save file into a non-existent directory: 'x'"
        reason_vi = reason_en = str(exc)
    target = f" “{path}”" if path else ""
    if name in ("ENOSPC", "EFBIG", "EDQUOT"):
        return FileAccessError(
            f"Không ghi được{target}: {reason_vi}.", f"Cannot write{target}: {reason_en}.",
            where=str(path) if path else None,
            hint_vi="Giải phóng chỗ trống trên ổ đĩa (xóa tệp cũ, ví dụ các kỳ cũ trong "
                    "reports/ hoặc thư mục .cache), rồi chạy lại; tệp cũ vẫn còn nguyên.",
            hint_en="Free some disk space (delete old files, e.g. old periods in reports/ or "
                    "the .cache folder), then run again; the previous file is unchanged.")
    return FileAccessError(
        f"Không đọc/ghi được{target}: {reason_vi}.",
        f"Cannot read or write{target}: {reason_en}.",
        where=str(path) if path else None,
        hint_vi="Kiểm tra đường dẫn (thư mục có tồn tại, là thư mục chứ không phải tệp), quyền "
                "ghi và chỗ trống trên ổ đĩa; đóng tệp nếu đang mở trong Excel, rồi chạy lại.",
        hint_en="Check the path (the folder exists and is a folder, not a file), the write "
                "permission and the free disk space; close the file if Excel has it open, "
                "then run again.")
