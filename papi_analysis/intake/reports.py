"""Reading a prose report (.docx, .txt, .md) of a submissions folder into tidy rows.

:func:`read_prose` runs the prose reader (:mod:`papi_analysis.prose.extraction`) on one
report, places its figures by the report's unit and period, applies the folder's
``corrections.csv`` (:mod:`papi_analysis.intake.corrections`) and returns the rows with the
problems found.  A report without a known unit or period gives errors that say how to name
them, and no rows; a text with no unit, period or figure is taken for notes (a warning).

Reading a report takes a tenth of a second or more, so the reader's result is cached by the
file's content (SHA-256), the overrides, the agency registry and the reading code: in memory,
and on disk under ``config.CACHE_DIR/prose`` (never inside the data folder; safe to delete).
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import caches, config, fingerprint
from ..errors import InputFileError
from ..model import schema
from ..text import fold
from . import corrections, findings

__all__ = ["read_prose"]


@dataclass(frozen=True)
class _Report:
    """What the prose reader found in one report, independent of its file name.

    ``rows`` are tidy records without ``source_file``; ``found`` are the reader's findings
    with their location inside the report (``dòng/row 27 › cột/col c47-c60``, no file).
    """

    agency: str
    known: bool
    how: str
    period: str
    rows: tuple[dict, ...]
    found: tuple[dict, ...]


#: Bump when :class:`_Report` or its JSON changes.
_CACHE_FORMAT = 1
#: The reader's findings replaced here by errors (a submission needs a unit and a period).
_NOT_FOUND = ("prose.no_agency", "prose.no_period")


def read_prose(path: Path, name: str, corr: corrections.Corrections,
                ) -> tuple[pd.DataFrame, list[InputFileError]]:
    """One prose report → its tidy rows (corrected) and its problems.

    The reader's own checks come back as problems that do not stop
    :func:`papi_analysis.intake.submissions.read`
    (``stops_read = False``); a report without a known unit or period gives only that error
    (or those two) and no rows.  The problems of the corrections file itself are the
    caller's.
    """
    agency, period = corr.overrides(path.name)
    try:
        rep = _extracted(str(path.resolve()), fingerprint.file_digest(path), agency, period,
                         _registry_digest())
    except InputFileError as err:  # the reader names the file by its path: use ``name``
        raise findings.problem("file.unreadable", err.vi, err.en, where=name,
                               hint_vi=err.hint_vi or "", hint_en=err.hint_en or "") from None
    todo = corr.for_file(path.name)
    corrected = {(c.indicator, fold(c.field)) for c in todo}
    problems = [_reader_problem(f, name, corrected) for f in rep.found
                if f["rule"] not in _NOT_FOUND]
    if not (rep.agency or rep.period or rep.rows):
        return schema.empty(), [_not_a_report(name)]
    missing = _unit_problems(rep, path.name, name)
    if missing:  # the report's own checks wait until its figures can be placed
        return schema.empty(), missing
    df = schema.conform(pd.DataFrame(list(rep.rows)).assign(source_file=name)) if rep.rows \
        else schema.empty()
    df, applied = corrections.apply(df, todo, agency=rep.agency, period=rep.period,
                                    source_file=name)
    return df, problems + applied


def _reader_problem(f: dict, name: str, corrected: set[tuple[str, str]]) -> InputFileError:
    """A finding of the prose reader as a problem of the file ``name``.

    An error about a figure the analyst corrected becomes a warning that says so.
    """
    severity, vi, en = f["severity"], f["message_vi"], f["message_en"]
    if severity == findings.ERROR and (f["indicator"], fold(f["field"])) in corrected:
        severity = findings.WARNING
        vi += " Số liệu này đã được sửa tay (corrections.csv)."
        en += " The figure was corrected by the analyst (corrections.csv)."
    where = " › ".join(x for x in (name, f["location"]) if x)
    err = findings.problem(f["rule"], vi, en, where=where, severity=severity,
                           agency=f["agency"], period=f["period"], indicator=f["indicator"],
                           field=f["field"])
    err.stops_read = False
    return err


def _not_a_report(name: str) -> InputFileError:
    """The warning for a text without unit, period or figure: notes, not a report."""
    return findings.problem(
        "prose.not_a_report",
        "Không thấy đơn vị, kỳ báo cáo hay số liệu nào: tệp không được đọc như một báo cáo.",
        "No reporting unit, period or figure found: the file is not read as a report.",
        where=name, severity=findings.WARNING,
        hint_vi="Nếu đây là báo cáo, ghi đơn vị và kỳ ở đầu báo cáo (ví dụ “SỞ TÀI CHÍNH” "
        "và “6 tháng đầu năm 2024”); nếu là ghi chú, đặt tên README… hoặc chuyển ra khỏi thư "
        "mục.",
        hint_en="If it is a report, name the unit and the period at its top (e.g. “SỞ TÀI "
        "CHÍNH” and “6 tháng đầu năm 2024”); if it is a note, name it README… or move it out "
        "of the folder.")


def _unit_problems(rep: _Report, file: str, name: str) -> list[InputFileError]:
    """Errors for a report whose unit or period is missing, or whose unit is unregistered."""
    out = []
    ctx = dict(agency=rep.agency if rep.known else "", period=rep.period)
    fix_vi = (f"hoặc thêm vào corrections.csv của thư mục một dòng: file = {file}, indicator = "
              "{what}, value = {example}, note = lý do. Chưa đọc số liệu nào của báo cáo này.")
    fix_en = (f"or add a line to the folder's corrections.csv: file = {file}, indicator = "
              "{what}, value = {example}, note = why. No figure of this report was read.")
    unit_vi = fix_vi.format(what="agency", example="mã đơn vị (papi-analysis agencies)")
    unit_en = fix_en.format(what="agency", example="the unit's code (papi-analysis agencies)")
    if not rep.agency:
        out.append(findings.problem(
            "prose.no_agency", "Không xác định được đơn vị báo cáo của báo cáo văn bản.",
            "The reporting unit of the prose report was not found.", where=name,
            hint_vi="Ghi tên đơn vị ở đầu báo cáo, trên dòng “BÁO CÁO” (ví dụ “SỞ TÀI "
            "CHÍNH TỈNH HƯNG YÊN”) hoặc số hiệu (“Số: 12/BC-STC”), " + unit_vi,
            hint_en="Name the unit at the top of the report, above “BÁO CÁO” (e.g. “SỞ TÀI "
            "CHÍNH TỈNH HƯNG YÊN”) or in its number (“Số: 12/BC-STC”), " + unit_en, **ctx))
    elif not rep.known:
        out.append(findings.problem(
            "prose.agency_unknown",
            f"Đơn vị báo cáo “{rep.agency}” (đọc từ {rep.how or 'báo cáo'}) không có trong "
            "danh sách đơn vị.",
            f"The reporting unit “{rep.agency}” (read from the {_HOW_EN.get(rep.how, 'report')})"
            " is not in the agency registry.", where=name,
            hint_vi="Kiểm tra tên đơn vị ở đầu báo cáo, " + unit_vi,
            hint_en="Check the unit's name at the top of the report, " + unit_en, **ctx))
    if not rep.period:
        out.append(findings.problem(
            "prose.no_period", "Không xác định được kỳ báo cáo của báo cáo văn bản.",
            "The reporting period of the prose report was not found.", where=name,
            hint_vi="Ghi kỳ báo cáo trong tiêu đề, dòng sau “BÁO CÁO” (ví dụ “6 tháng đầu năm "
            "2024”), " + fix_vi.format(what="period", example="2024-H1"),
            hint_en="Name the period in the title, the line after “BÁO CÁO” (e.g. “6 tháng "
            "đầu năm 2024”), " + fix_en.format(what="period", example="2024-H1"), **ctx))
    return out


_HOW_EN = {"số hiệu": "number line", "tiêu đề": "header", "nội dung": "body text",
           "--agency": "corrections"}


@functools.lru_cache(maxsize=256)
def _extracted(path: str, digest: str, agency: str | None, period: str | None,
               registry: str) -> _Report:
    """The prose reader's result for the file at ``path`` whose content has ``digest``.

    Remembered in memory per (path, digest, overrides, registry) and on disk per (digest,
    overrides, registry, code) in ``config.CACHE_DIR/prose/<key>.json``: see :func:`_cache_get`.

    Raises
    ------
    InputFileError
        If the report cannot be read (not cached).
    """
    key = hashlib.sha256(json.dumps([_CACHE_FORMAT, digest, agency, period, registry,
                                     _code_digest()]).encode()).hexdigest()[:24]
    hit = _cache_get(key)
    if hit is not None:
        return hit
    from ..prose import extraction

    ex = extraction.extract_paragraphs(extraction.read_paragraphs(path), "", agency=agency,
                                       period=period)
    table = schema.conform(ex.table()).drop(columns="source_file")
    rep = _Report(ex.agency, ex.agency_known, ex.agency_how, ex.period_code,
                  tuple(table.to_dict("records")), tuple(ex.findings))
    _cache_put(key, rep)
    return rep


def _code_digest() -> str:
    """The package version and a digest of the code that reads reports into tidy rows.

    The version alone would keep stale results while the reader is being worked on.
    """
    return fingerprint.code_digest("prose", "model", "intake/reports.py",
                                   "intake/submissions.py", "intake/corrections.py")


def _registry_digest() -> str:
    """A digest of the agency registry (it decides which units a report names)."""
    path = Path(config.AGENCIES_FILE)
    return fingerprint.file_digest(path)[:16] if path.is_file() else ""


def _cache_get(key: str) -> _Report | None:
    """The result kept under ``key``, or ``None`` (absent, unreadable, other format)."""
    data = caches.get_json("prose", key)  # None unless its key and digest verify
    try:
        if data.get("format") != _CACHE_FORMAT:
            return None
        return _Report(data["agency"], bool(data["known"]), data["how"], data["period"],
                       tuple(data["rows"]), tuple(data["found"]))
    except (AttributeError, ValueError, KeyError, TypeError):
        return None


def _cache_put(key: str, rep: _Report) -> None:
    """Keep ``rep`` on disk (a failed write only costs speed next time)."""
    data = {"format": _CACHE_FORMAT, "agency": rep.agency, "known": rep.known, "how": rep.how,
            "period": rep.period, "rows": [_jsonable(r) for r in rep.rows],
            "found": list(rep.found)}
    caches.put_json("prose", key, data)


def _jsonable(record: dict) -> dict:
    """A tidy record with plain Python values (NaN as ``None``)."""
    out = {}
    for k, v in record.items():
        if hasattr(v, "item"):
            v = v.item()
        out[k] = None if isinstance(v, float) and math.isnan(v) else v
    return out
