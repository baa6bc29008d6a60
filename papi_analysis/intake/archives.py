"""Zip archives (.xlsx workbooks, .docx reports) checked before any parser opens them.

An .xlsx or .docx file is a zip of XML parts.  A part that inflates to a gigabyte from a few
kilobytes (a "zip bomb": a sheet of a million repeated rows, one shared string of a billion
characters, a ``document.xml`` of a billion bytes) would make the XML parser use several
gigabytes of memory and run for minutes.  :func:`check` refuses such a file first, in well
under a second and in constant memory, by

1. the sizes the archive *declares* for its parts: no part above :data:`MAX_PART` bytes,
   all parts together not above :data:`MAX_TOTAL`, and no part above :data:`RATIO_FROM` bytes
   that inflates more than :data:`MAX_RATIO` times;
2. the sizes the parts *actually* inflate to, counted while inflating them in chunks that
   are thrown away (a header can lie: inflating stops at the limit, and a part that does not
   match its header is a damaged file).

A real form is a few hundred kilobytes inflated, a long Word report a few megabytes (its
photos do not compress, so they do not trip the ratio), so the limits leave ample room.  A
table too large for them belongs in a tidy ``.csv`` file, which has no such limit.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

from ..errors import InputFileError
from . import findings

__all__ = ["MAX_PART", "MAX_RATIO", "MAX_TOTAL", "RATIO_FROM", "check"]

MB = 1 << 20
#: The most one part of an archive may inflate to (a sheet, the shared strings, document.xml).
MAX_PART = 100 * MB
#: The most all parts together may inflate to (a report's photos count here).
MAX_TOTAL = 300 * MB
#: A part larger than this (inflated) may not be more than :data:`MAX_RATIO` times its
#: compressed size (XML compresses 5 to 30 times; a bomb a thousand times).
RATIO_FROM = 10 * MB
MAX_RATIO = 100
_CHUNK = MB


def check(path: Path | str, name: str) -> None:
    """Refuse an archive that would inflate beyond the limits, before it is parsed.

    Parameters
    ----------
    path : path
        The .xlsx or .docx file.
    name : str
        The file as findings show it.

    Raises
    ------
    InputFileError
        ``file.too_large`` (with the sizes and the limit) when a part or the whole inflates
        beyond the limits, declared or actual; ``file.unreadable`` when the archive is
        damaged (a part that does not match its header).  A file that is not a zip at all
        passes: the parser then says what it is.
    """
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip: the parser's own message says so
    with zf:
        infos = zf.infolist()
        declared = 0
        for info in infos:
            declared += info.file_size
            _refuse_part(info.filename, info.file_size, info.compress_size, name)
        if declared > MAX_TOTAL:
            raise _too_large(name, "", declared, MAX_TOTAL)
        actual = 0
        for info in infos:
            actual += _inflated(zf, info, name, MAX_TOTAL - actual)


def _refuse_part(part: str, size: int, packed: int, name: str) -> None:
    if size > MAX_PART:
        raise _too_large(name, part, size, MAX_PART)
    if size > RATIO_FROM and size > MAX_RATIO * max(packed, 1):
        raise _too_large(name, part, size, MAX_PART, ratio=size / max(packed, 1))


def _inflated(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, room: int) -> int:
    """The bytes ``info`` really inflates to, whatever its header says, stopping past the
    limits; a part that does not inflate to its declared size is a damaged archive."""
    limit = min(MAX_PART, room)
    try:
        n = _count(zf, info, limit + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, struct.error,
            NotImplementedError, RuntimeError) as exc:
        raise _damaged(name, info.filename, type(exc).__name__) from None
    if n > limit:
        raise _too_large(name, info.filename, n, MAX_PART if limit == MAX_PART else MAX_TOTAL,
                         at_least=True)
    if n != info.file_size:
        raise _damaged(name, info.filename, f"{n} ≠ {info.file_size}")
    return n


def _count(zf: zipfile.ZipFile, info: zipfile.ZipInfo, stop: int) -> int:
    """Inflate a part in chunks that are thrown away; the count, or ``stop`` once reached.

    A deflated part is inflated here from its raw bytes (zipfile would stop at the size the
    header declares, hiding a lying header); other methods through zipfile."""
    if info.compress_type != zipfile.ZIP_DEFLATED:
        n = 0
        with zf.open(info) as fh:
            while n < stop and (chunk := fh.read(_CHUNK)):
                n += len(chunk)
        return min(n, stop)
    fp = zf.fp
    fp.seek(info.header_offset)
    head = fp.read(30)
    if head[:4] != b"PK\x03\x04":
        raise zipfile.BadZipFile("local header")
    name_len, extra_len = struct.unpack("<HH", head[26:30])
    fp.seek(info.header_offset + 30 + name_len + extra_len)
    left = info.compress_size
    d = zlib.decompressobj(-15)
    n = 0
    while left > 0 and n < stop:
        raw = fp.read(min(_CHUNK, left))
        if not raw:
            raise EOFError(info.filename)
        left -= len(raw)
        n += len(d.decompress(raw, _CHUNK))
        while d.unconsumed_tail and n < stop:
            n += len(d.decompress(d.unconsumed_tail, _CHUNK))
    return min(n, stop)


def _damaged(name: str, part: str, why: str) -> InputFileError:
    return findings.problem(
        "file.unreadable",
        f"Tệp nén bị hỏng: phần “{part}” không khớp với khai báo của nó ({why}).",
        f"The archive is damaged: its part “{part}” does not match what the archive declares "
        f"for it ({why}).", where=name,
        hint_vi="Mở tệp bằng Excel hoặc Word và lưu lại, rồi gửi lại tệp đó.",
        hint_en="Open the file in Excel or Word and save it again, then send that file.")


def _mb(n: float, lang: str) -> str:
    from .. import fmt

    return fmt.number(n / MB, lang, 0 if n >= 10 * MB else 1)


def _too_large(name: str, part: str, size: int, limit: int, *, ratio: float = 0.0,
               at_least: bool = False) -> InputFileError:
    """The ``file.too_large`` finding: what inflates to how much, and the limit."""
    what_vi = f"phần “{part}” của tệp" if part else "tệp"
    what_en = f"the part “{part}” of the file" if part else "the file"
    more_vi, more_en = ("hơn ", "more than ") if at_least else ("", "")
    if ratio:
        why_vi = (f"nén {_num(ratio, 'vi')} lần, quá mức một tệp Excel/Word thật "
                  f"(tối đa {MAX_RATIO} lần cho phần lớn hơn {_mb(RATIO_FROM, 'vi')} MB)")
        why_en = (f"compressed {_num(ratio, 'en')} times, beyond any real Excel/Word file "
                  f"(at most {MAX_RATIO} times for a part over {_mb(RATIO_FROM, 'en')} MB)")
    else:
        why_vi = f"vượt giới hạn {_mb(limit, 'vi')} MB"
        why_en = f"beyond the limit of {_mb(limit, 'en')} MB"
    return findings.problem(
        "file.too_large",
        f"Giải nén, {what_vi} thành {more_vi}{_mb(size, 'vi')} MB: {why_vi}. Tệp không được "
        "mở (có thể là tệp hỏng hoặc tệp cố ý gây treo máy).",
        f"Unpacked, {what_en} comes to {more_en}{_mb(size, 'en')} MB: {why_en}. The file was "
        "not opened (it may be damaged, or made to exhaust the machine).", where=name,
        hint_vi="Kiểm tra lại tệp với đơn vị gửi: báo cáo Word thì mở bằng Word và lưu lại; "
        "bảng số liệu rất lớn thì gửi dạng .csv (không có giới hạn này).",
        hint_en="Check the file with the agency that sent it: open a Word report in Word and "
        "save it again; send a very large table as a .csv file (no such limit).")


def _num(x: float, lang: str) -> str:
    from .. import fmt

    return fmt.number(round(x), lang, 0)
