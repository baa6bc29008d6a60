"""The ``papi-analysis extract`` command: read reports, check them, write the outputs and
print one line per report (``--debug``: one per figure), the findings and what was written.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from ..errors import InputFileError, ParameterError
from ..model import periods
from .figures import FINDING_COLUMNS, Extraction
from .writers import (
    SIDE_TABLES,
    _validate,
    documents_table,
    figures_table,
    write_outputs,
)


def run(args, read, validate=None) -> int:
    """The ``papi-analysis extract`` command; returns 0, or 2 when errors were found.

    Parameters
    ----------
    args : argparse.Namespace
        ``reports``, ``output`` (``-o``, repeated), ``agency``, ``period``, ``lang``, ``debug``.
    read : callable
        Reads one report: ``read(path, agency=…, period=…)`` → an Extraction
        (:func:`papi_analysis.prose.extraction.extract_file`).
    validate : callable, optional
        The shared checks of a tidy table (:func:`papi_analysis.intake.validation.validate`);
        without them only the report's own checks run.
    """
    lang = getattr(args, "lang", "vi")
    outputs = _output_paths(args.output)
    results, errors = _read_reports(args, lang, read)
    tidy, docs = figures_table(results), documents_table(results)
    checked = _validate(tidy, validate)
    if checked is not None and not checked.empty:
        _units_as_written_warn(checked, results)
    findings = pd.concat([pd.DataFrame(errors + [f for r in results for f in r.findings],
                                       columns=FINDING_COLUMNS)]
                         + ([checked[FINDING_COLUMNS]] if checked is not None
                            and not checked.empty else []), ignore_index=True)
    written = write_outputs(outputs, results, tidy, docs, findings, lang)
    _print_summary(results, findings, written, checked is None, lang,
                   getattr(args, "debug", False))
    n_err = int((findings["severity"] == "error").sum())
    return 2 if n_err or errors else 0


def _output_paths(names: list[str]) -> list[Path]:
    """``-o`` values as paths; checked before any report is read."""
    outputs = [Path(o) for o in names]
    for o in outputs:
        if o.suffix.lower() not in (".csv", ".xlsx", ".html", ".htm"):
            raise ParameterError(
                f"Không ghi được định dạng “{o.suffix or o.name}”.",
                f"Cannot write the format “{o.suffix or o.name}”.", where=f"-o {o}",
                hint_vi="Dùng -o KẾT_QUẢ.csv, KẾT_QUẢ.xlsx hoặc KẾT_QUẢ.html.",
                hint_en="Use -o OUT.csv, OUT.xlsx or OUT.html.")
    return outputs


def _read_reports(args, lang: str, read) -> tuple[list[Extraction], list[dict]]:
    """Every readable report, and a ``file.unreadable`` finding per other one.

    One report alone that cannot be read raises its own error; so does a batch of which
    none could be read.
    """
    period = periods.parse(args.period) if getattr(args, "period", "") else None
    results, errors = [], []
    for path in args.reports:
        try:
            results.append(read(path, agency=getattr(args, "agency", "") or None,
                                        period=period))
        except InputFileError as err:
            if len(args.reports) == 1:
                raise
            print(("Lỗi: " if lang == "vi" else "Error: ") + err.message(lang), file=sys.stderr)
            errors.append({"severity": "error", "rule": "file.unreadable", "agency": "",
                           "period": "", "indicator": "", "field": "",
                           "location": str(path), "message_vi": err.message("vi"),
                           "message_en": err.message("en")})
    if not results:
        raise InputFileError("Không đọc được báo cáo nào.", "No report could be read.",
                             hint_vi="Xem các lỗi ở trên.", hint_en="See the errors above.")
    return results, errors


def _units_as_written_warn(checked: pd.DataFrame, results: list[Extraction]) -> None:
    """Turn ``agency.unknown`` into a warning for the units kept as the reports wrote them."""
    # a unit kept as written (another province, a district, a one-stop centre) is not in
    # the registry on purpose: say so, as a warning rather than an error
    written = {r.agency for r in results if r.agency and not r.agency_known}
    mask = (checked["rule"] == "agency.unknown") & checked["agency"].isin(written)
    checked.loc[mask, "severity"] = "warning"
    checked.loc[mask, "message_vi"] += " Đơn vị ngoài danh sách: giữ nguyên như báo cáo ghi."
    checked.loc[mask, "message_en"] += " A unit outside the registry: kept as written."


def _print_summary(results: list[Extraction], findings: pd.DataFrame, written: list[Path],
                   unchecked: bool, lang: str, debug: bool) -> None:
    """One line per report (``--debug``: and per figure), then the findings and outputs."""
    vi = lang == "vi"
    location = findings["location"].astype(str)
    for r in results:
        fs = int(location.str.startswith(r.source + " ›").sum() + (location == r.source).sum())
        label = r.period.label(lang) if r.period else "?"
        print(f"{r.source} → {r.agency or '?'}, {r.period.code if r.period else '?'} "
              f"({label}): {len(r.figures)} " + ("số liệu" if vi else "figures")
              + f", {len(r.documents)} " + ("văn bản" if vi else "documents")
              + f", {fs} " + ("phát hiện" if vi else "findings")
              + (f", {len(r.unclassified)} " + ("số liệu chưa phân loại (xem trang rà soát)"
                                                if vi else "unclassified (see the review page)")
                 if r.unclassified else ""))
        if debug:
            for f in r.figures:
                print(f"   ¶{f.row} c{f.start}-c{f.end} {f.indicator} = {f.value:g} "
                      f"[{f.field}] {f.confidence} {f.pattern}")
    if unchecked:
        print("(chưa có module validation: bỏ qua kiểm tra chung)" if vi else
              "(validation module missing: shared checks skipped)")
    n_err = int((findings["severity"] == "error").sum())
    n_warn = int((findings["severity"] == "warning").sum())
    print(f"Phát hiện: {n_err} lỗi, {n_warn} cảnh báo." if vi else
          f"Findings: {n_err} errors, {n_warn} warnings.")
    print(("Đã ghi: " if vi else "Written: ")
          + ", ".join(f"{w} ({_output_label(w, lang)})" for w in written))
    shared = [w for w in written if _output_kind(w) in ("figures", "workbook")
              and w.parent.name.lower() == "submissions"]
    if shared:
        names = ", ".join(w.name for w in shared)
        print(f"Ghi chú: {names} nằm trong thư mục báo cáo nộp: validate và build đọc số liệu "
              "trong đó như một báo cáo nộp (bảng .documents.csv, .findings.csv thì không)."
              if vi else
              f"Note: {names} is in a submissions folder: validate and build read its figures "
              "as a submission (the .documents.csv and .findings.csv tables they skip).")


_OUTPUT_LABELS = {
    "figures": ("bảng số liệu", "figures"),
    "documents": ("văn bản được nêu", "documents cited"),
    "findings": ("phát hiện", "findings"),
    "workbook": ("số liệu, văn bản, phát hiện", "figures, documents, findings"),
    "review": ("trang rà soát", "review page"),
}


def _output_kind(path: Path) -> str:
    """What an output file holds: a key of :data:`_OUTPUT_LABELS`."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return "workbook"
    if suffix != ".csv":
        return "review"
    side = path.stem.rsplit(".", 1)
    return side[1] if len(side) == 2 and side[1] in SIDE_TABLES else "figures"


def _output_label(path: Path, lang: str) -> str:
    return _OUTPUT_LABELS[_output_kind(path)][0 if lang == "vi" else 1]
