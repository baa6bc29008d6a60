"""A prose report as a document: its paragraphs, and who reports on which period.

:func:`read_paragraphs` turns a report file (.txt, .md, .docx) into numbered paragraphs; it
is the only place where :mod:`papi_analysis.prose.extraction` touches a file it reads.  The other
functions are pure: they look at the paragraphs of a report's header and opening for

- the reporting unit (:func:`detect_agency`): the number line ("Số: 138/BC-SKHCN"), else
  the issuing body above the title, else the first unit the text names;
- the period (:func:`detect_period`): the title after "BÁO CÁO", else the first paragraphs,
  with the data dates the report states;
- the title itself (:func:`title`), the context of the paragraphs before the first heading.

The phrases they look for are in :mod:`papi_analysis.prose.patterns` (``NUMBER_LINE``,
``TITLE_MARK``, ``NOT_UNIT``, ``UNIT_PHRASE``, ``PROVINCE_WORD``, ``HEADER_CUT``,
``ADDRESSEE``).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputFileError, PapiError
from ..model import agencies, periods
from ..text import fold, fold_same_length, nfc
from . import patterns as pt

#: The report files read.
SUFFIXES = (".txt", ".md", ".docx")


# -- reading ---------------------------------------------------------------------------------
def read_paragraphs(path: Path | str) -> list[str]:
    """The report's paragraphs, in reading order, NFC, empty ones dropped.

    .txt / .md: blocks separated by blank lines; inside a block, a line starting with a
    lower-case letter continues the previous line unless that one ends a sentence.  .docx:
    the body's paragraphs and table cells in document order.

    Raises
    ------
    InputFileError
        Missing file, unsupported extension, unreadable .docx or text, or no text at all.
    """
    path = Path(path)
    where = str(path)
    if not path.is_file():
        raise InputFileError(f"Không tìm thấy tệp báo cáo “{path.name}”.",
                             f"Report file “{path.name}” not found.", where=where,
                             hint_vi="Kiểm tra đường dẫn.", hint_en="Check the path.")
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputFileError(
            f"Không đọc được tệp “{path.name}”: chỉ đọc .txt, .md, .docx.",
            f"Cannot read “{path.name}”: only .txt, .md and .docx are read.", where=where,
            hint_vi="Lưu báo cáo dưới dạng .docx hoặc .txt (Word: Lưu thành… › .docx). "
            "Tệp .doc cũ và .pdf cần chuyển đổi trước.",
            hint_en="Save the report as .docx or .txt (old .doc and .pdf need converting).")
    paras = _read_docx(path) if suffix == ".docx" else _split_text(_read_text(path))
    if not any(p.strip() for p in paras):
        raise InputFileError(f"Tệp báo cáo “{path.name}” không có nội dung.",
                             f"Report file “{path.name}” is empty.", where=where,
                             hint_vi="Kiểm tra lại tệp (có thể lưu nhầm tệp trống).",
                             hint_en="Check the file (an empty file may have been saved).")
    return paras


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    try:  # UTF-16 only with its byte-order mark (Notepad's "Unicode"); else UTF-8
        return data.decode("utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig")
    except UnicodeDecodeError:
        raise InputFileError(f"Không đọc được tệp “{path.name}”: không phải văn bản UTF-8.",
                             f"Cannot read “{path.name}”: not UTF-8 text.", where=str(path),
                             hint_vi="Lưu lại tệp với bảng mã UTF-8 (Unicode).",
                             hint_en="Save the file again as UTF-8 (Unicode).") from None


def _split_text(text: str) -> list[str]:
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n")
    paras: list[str] = []
    for block in re.split(r"\n[ \t]*\n", text):
        current: str | None = None
        for line in (ln.strip() for ln in block.split("\n")):
            if not line:
                continue
            if current is not None and line[0].islower() and not re.search(r"[.;:!?]$", current):
                current += " " + line
            else:
                if current is not None:
                    paras.append(current)
                current = line
        if current is not None:
            paras.append(current)
    return paras


def _read_docx(path: Path) -> list[str]:
    try:
        return _docx_paragraphs(_open_docx(path))
    except InputFileError:
        raise
    except Exception as exc:  # a damaged part inside a valid zip, or python-docx missing
        raise InputFileError(
            f"Không đọc được nội dung tệp Word “{path.name}” ({type(exc).__name__}).",
            f"Cannot read the content of the Word file “{path.name}” ({type(exc).__name__}).",
            where=str(path), hint_vi="Mở bằng Word và lưu lại dưới dạng .docx.",
            hint_en="Open it in Word and save it again as .docx.") from None


def _open_docx(path: Path):
    import docx  # python-docx
    from docx.opc.exceptions import PackageNotFoundError

    from ..intake import archives

    archives.check(path, str(path))  # a zip bomb: one finding, before anything is parsed
    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputFileError(
            f"Không mở được tệp Word “{path.name}” ({type(exc).__name__}).",
            f"Cannot open the Word file “{path.name}” ({type(exc).__name__}).",
            where=str(path),
            hint_vi="Tệp có thể hỏng hoặc không phải .docx: mở bằng Word và lưu lại "
            "dưới dạng .docx.",
            hint_en="The file may be damaged or not a .docx: open it in Word and save it "
            "again as .docx.") from None


def _docx_paragraphs(doc) -> list[str]:
    """Paragraphs and table cells in body order; a merged cell is read once per row."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    out: list[str] = []
    for block in doc.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out.append(Paragraph(block, doc).text)
        elif tag == "tbl":
            for row in Table(block, doc).rows:
                seen: list[str] = []
                for cell in row.cells:
                    if cell.text not in seen:
                        seen.append(cell.text)
                out.extend(t for c in seen for t in c.split("\n"))
    return [nfc(p).strip() for p in out if p and p.strip()]


# -- title and period ------------------------------------------------------------------------
def title_at(paragraphs: list[str]) -> int | None:
    """Index of the "BÁO CÁO" line among the first 15 paragraphs, or ``None``."""
    return next((i for i, p in enumerate(paragraphs[:15]) if re.match(pt.TITLE_MARK, fold(p))),
                None)


def title(paragraphs: list[str]) -> str:
    """The folded title (the paragraph after "BÁO CÁO"), or ""."""
    at = title_at(paragraphs)
    return fold(paragraphs[at + 1]) if at is not None and at + 1 < len(paragraphs) else ""


def detect_period(paragraphs: list[str]) -> periods.Period | None:
    """The period the report names in its title (else its first paragraphs), or ``None``.

    Data dates stated in the title or in the two paragraphs after it are kept
    (:meth:`periods.Period.with_dates`).
    """
    at = title_at(paragraphs)
    cands = paragraphs[at + 1:at + 4] if at is not None else paragraphs[:8]
    cands = [p for p in cands if not re.search(pt.NOT_UNIT, fold(p))]
    for i, p in enumerate(cands):
        # "từ năm 2009 cho tới nay" is a starting point, not the report's period; "9 tháng
        # năm 2017" is the nine months (as "9 tháng đầu năm 2017")
        text = re.sub(pt.SINCE, " ", p)
        text = re.sub(pt.MONTHS_OF_YEAR, r"\1 tháng đầu năm \2", text)
        try:
            found = periods.find(text)
        except PapiError:
            found = None
        if found is None:
            continue
        if found.start is None:
            for q in cands[i + 1:i + 3]:
                stated = periods.stated_dates(q)
                if stated:
                    return found.with_dates(*stated)
        return found
    return _period_without_year(cands or paragraphs[:8])


def _period_without_year(paragraphs: list[str]) -> periods.Period | None:
    """A period named without its year ("trong tháng 7", "Quý II") and a date of the text
    ("Thứ Sáu, 06/10/2017", "ngày 12.3.2024"): that period of the date's year, or of the year
    before when the date comes before the period's end (a report on quarter IV published in
    January).  ``None`` when either is missing."""
    text = " ".join(p[:2000] for p in paragraphs)
    m = re.search(pt.PERIOD_NO_YEAR, text)
    d = re.search(pt.TEXT_DATE, text)
    if not m or not d:
        return None
    year, month = int(d.group(3)), int(d.group(2))
    phrase = m.group(1) if m.group(1).endswith("năm") else m.group(1) + " năm"
    try:
        found = periods.parse(f"{phrase} {year}")
        if found.rule_range()[1].month > month and found.rule_range()[1].year == year:
            found = periods.parse(f"{phrase} {year - 1}")
    except (PapiError, ValueError):
        return None
    return found


# -- reporting unit --------------------------------------------------------------------------
@dataclass(frozen=True)
class ReportingUnit:
    """The reporting unit of a report, as :func:`detect_agency` found it.

    Attributes
    ----------
    name : str
        A registry code when ``known``, else the unit as written; "" when none was found.
    known : bool
        True when ``name`` is a code of the agency registry.
    how : str
        Where it was found: "--agency", "số hiệu" (number line), "tiêu đề" (header) or
        "nội dung" (body text); "" when not found.
    """

    name: str = ""
    known: bool = False
    how: str = ""


def detect_agency(paragraphs: list[str], override: str | None = None,
                  agencies_path: Path | str | None = None) -> ReportingUnit:
    """The reporting unit of a report given as (NFC) paragraphs.

    ``override`` (``--agency``) wins: a registry code, or any unit name kept as written.
    Otherwise, in order: the number line when its issuer is a registry code, the issuing body
    in the header above "BÁO CÁO", a unit named in the first paragraphs of the body, the
    number line's issuer as written.  A registry name followed by another province's name is
    that province's unit, kept as written.

    Raises
    ------
    InputFileError
        When the agency registry file is missing.
    """
    reg = agencies.registry(agencies_path)
    if override:
        code = override.strip().upper()
        return ReportingUnit(code, True, "--agency") if code in reg else \
            ReportingUnit(override.strip(), False, "--agency")
    known = {fold(a.province) for a in reg.values()}
    at = title_at(paragraphs)
    header = _header_lines(paragraphs[:at or 0])
    foreign = next((f for f in (_foreign_province(h, known) for h in header) if f), "")
    number = next((m.group(1) for p in paragraphs[:15]
                   for m in [re.match(pt.NUMBER_LINE, fold(p))] if m), "")
    if number and number.upper() in reg and not foreign:
        return ReportingUnit(number.upper(), True, "số hiệu")
    if header:
        return _header_agency(header, foreign, known, agencies_path)
    found = _body_agency(paragraphs[(at or 0):(at or 0) + 8], known, agencies_path)
    if found is not None:
        return found
    return ReportingUnit(number.upper(), False, "số hiệu") if number else ReportingUnit()


def _header_lines(paragraphs: list[str]) -> list[str]:
    """The header lines that may name the issuing unit, top to bottom."""
    lines = [re.split(pt.HEADER_CUT, re.sub(r"[*#_]", "", p))[0].strip() for p in paragraphs]
    return [h for h in lines if h and not re.search(pt.NOT_UNIT, fold(h))]


def _header_agency(header: list[str], foreign: str, known: set[str], path) -> ReportingUnit:
    unit = header[-1]
    parent = header[-2] if len(header) > 1 else ""
    found = agencies.find_by_name(unit, path)
    if found is None and re.match(pt.PROVINCE_COMMITTEE, fold(parent)) and not foreign:
        # under "UBND TỈNH …" the header drops the "tỉnh" of the registry's name:
        # "BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP" is "Ban Quản lý các khu công nghiệp tỉnh"
        found = agencies.find_by_name(f"{unit} tỉnh", path)
    if found and not foreign:
        return ReportingUnit(found.code, True, "tiêu đề")
    # "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG" alone is ambiguous: keep the parent line with it
    if parent and not _foreign_province(unit, known):
        return ReportingUnit(f"{unit} ({parent})", False, "tiêu đề")
    return ReportingUnit(unit, False, "tiêu đề")


def _body_agency(paragraphs: list[str], known: set[str], path) -> ReportingUnit | None:
    """The first unit named in ``paragraphs`` (the opening of the body), or ``None``."""
    for p in paragraphs:
        if re.match(pt.ADDRESSEE, fold(p)) or re.search(pt.CAPTION, fold(p)):
            continue  # the addressee, or a picture's caption: not the author
        found = agencies.find_by_name(p, path)
        if found and found.level == "province":
            found = None  # "toàn tỉnh" is ordinary prose, not a name
        if found:
            folded = fold_same_length(p)
            name = next((n for n in (found.name_vi, found.short_vi) if fold(n) in folded), "")
            at = folded.find(fold(name)) + len(name) if name else 0
            other = _foreign_province(p[at:at + 40], known)
            if name and other and re.match(r"\s+tinh\b", folded[at:]):
                written = p[at - len(name):at] + p[at:at + 40].split(other)[0] + other
                return ReportingUnit(re.sub(r"\s+", " ", written).strip(), False, "nội dung")
            if not _foreign_province(p, known):
                return ReportingUnit(found.code, True, "nội dung")
        m = re.search(pt.UNIT_PHRASE, p)
        if m and not re.search(pt.CAPTION, fold(p)) and not re.match(pt.UNIT_LIST,
                                                                      p[m.end():]):
            name = re.split(r"\s+" + pt.PERSON_START, m.group())[0]
            return ReportingUnit(name.strip(), False, "nội dung")
    return None


def _foreign_province(text: str, known: set[str]) -> str:
    """A province named in ``text`` ("tỉnh Lâm Đồng") that is not the registry's, or ""."""
    for m in re.finditer(pt.PROVINCE_WORD, text):
        words = []
        for w in re.findall(r"[^\s,.;:()]+", text[m.end():])[:3]:
            if not w[0].isupper():
                break
            words.append(w)
        name = " ".join(words)
        if name and fold(name) not in known:
            return name
    return ""
