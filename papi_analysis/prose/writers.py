"""What the prose reader writes: the figures and documents tables of many reports and the
output files of ``extract -o`` (.csv with its side tables, .xlsx, the .html review page).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .. import atomic
from ..errors import InputFileError
from ..model import schema
from . import review
from .figures import DOCUMENT_COLUMNS, OUTPUT_COLUMNS, Extraction

#: The side tables beside ``-o OUT.csv``: ``OUT.documents.csv`` and ``OUT.findings.csv``
#: (:data:`papi_analysis.intake.submissions.SIDE_TABLES` skips them in a submissions folder).
SIDE_TABLES = ("documents", "findings")


def figures_table(results: list[Extraction]) -> pd.DataFrame:
    """All figures of all reports, :data:`OUTPUT_COLUMNS`."""
    frames = [r.table() for r in results]
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame(columns=OUTPUT_COLUMNS)
    return pd.concat(frames, ignore_index=True)


def documents_table(results: list[Extraction]) -> pd.DataFrame:
    """All documents cited with number and date, :data:`DOCUMENT_COLUMNS`."""
    return pd.DataFrame([d for r in results for d in r.documents], columns=DOCUMENT_COLUMNS)


def _validate(tidy: pd.DataFrame, validate=None) -> pd.DataFrame | None:
    """The shared checks (``validate``: :func:`papi_analysis.intake.validation.validate`, given
    by the command), or ``None`` without them.

    The checks are passed in, not imported: :mod:`papi_analysis.intake.submissions` reads
    prose reports with this module, so this module may not import the validator that reads
    submissions.  The prose reader is shipped and tested on its own too, so it runs without it.
    """
    if validate is None:
        return None
    return validate(schema.conform(tidy))


def write_outputs(outputs: list[Path], results: list[Extraction], tidy: pd.DataFrame,
                  docs: pd.DataFrame, findings: pd.DataFrame, lang: str = "vi") -> list[Path]:
    """Write each OUT (.csv: plus OUT.documents.csv and OUT.findings.csv; .xlsx: three sheets;
    .html: the review page).  Returns the paths written.

    OUT.csv is a tidy CSV that reads back as a submission
    (:func:`papi_analysis.intake.submissions.read`, ``confidence`` kept); its two side tables
    are not submissions and the readers of a submissions folder skip them by name
    (:data:`SIDE_TABLES`), so ``-o data/submissions/OUT.csv`` leaves the folder readable.

    Raises
    ------
    InputFileError
        If a file cannot be written (folder, permissions, open in Excel).
    """
    written: list[Path] = []
    for out in outputs:
        out.parent.mkdir(parents=True, exist_ok=True)
        try:
            written += _write_one(out, results, tidy, docs, findings, lang)
        except OSError as exc:
            raise InputFileError(f"Không ghi được tệp “{out}”: {exc.strerror}.",
                                 f"Cannot write “{out}”: {exc.strerror}.", where=str(out),
                                 hint_vi="Kiểm tra thư mục và quyền ghi; đóng tệp nếu đang mở "
                                 "trong Excel.", hint_en="Check the folder and permissions; "
                                 "close the file if Excel has it open.") from None
    return written


def _write_one(out: Path, results: list[Extraction], tidy: pd.DataFrame, docs: pd.DataFrame,
               findings: pd.DataFrame, lang: str) -> list[Path]:
    suffix = out.suffix.lower()
    # tables go through atomic.write_tables: report text that a spreadsheet would run as a
    # formula ("=…", "+…") is written inert
    if suffix == ".csv":
        written = [atomic.write_tables({"figures": tidy}, out)]
        for name, df in zip(SIDE_TABLES, (docs, findings), strict=True):
            written.append(atomic.write_tables({name: df}, out.with_name(f"{out.stem}.{name}.csv")))
        return written
    if suffix == ".xlsx":
        atomic.write_tables({"figures": tidy, "documents": docs, "findings": findings}, out)
    else:
        atomic.write(out, review.render(results, findings, lang))
    return [out]
