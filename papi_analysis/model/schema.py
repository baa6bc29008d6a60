"""The tidy table every reader produces and every notebook consumes.

One row per figure: who reported it, for which period, which indicator, the value, the
field (lĩnh vực) or level it refers to, and where it came from.  Every value keeps its
source (file, sheet, row, column; or sentence for prose reports) so an appendix figure can
be traced back to its input.  A figure read from a prose report also keeps the reader's
``confidence`` (0–1, see :mod:`papi_analysis.prose.extraction`); it is empty (NaN) for forms,
tidy tables without that column and the illustrative panel.
"""

from __future__ import annotations

import pandas as pd

#: Columns of the tidy table, in order.
COLUMNS: list[str] = [
    "agency",         # agency code (registry) or the unit as written when not in the registry
    "period",         # period code, e.g. "2024-H1"
    "indicator",      # indicator code from the catalogue, e.g. "tthc.files_total"
    "value",          # float; counts are whole numbers
    "field",          # lĩnh vực / level the row refers to; "" = the agency's total
    "illustrative",   # True for generated illustrative data, False for real data
    "source_file",    # file name (relative to the data folder when inside it)
    "source_sheet",   # sheet name for workbooks, "" otherwise
    "source_row",     # 1-based row (Excel row, CSV line with the header as line 1), or 0
    "source_column",  # Excel column letter or CSV column name, or the sentence span "c120-c180"
    "source_text",    # the sentence a figure was read from (prose reports), else ""
    "confidence",     # 0–1, how sure the prose reader is of a figure; NaN for other sources
    "as_of",          # the date the figures run to, ISO "2024-05-21", when the source says
                      # (a report signed before its period ends); "" = the period's end
]

KEY: list[str] = ["agency", "period", "indicator", "field"]

#: Columns a tidy CSV submission must have; the other columns are optional.
CSV_REQUIRED = ["agency", "period", "indicator", "value"]
CSV_OPTIONAL = ["field", "illustrative", "source_text", "note", "confidence", "as_of"]


def empty() -> pd.DataFrame:
    """An empty tidy table with the right columns and dtypes."""
    return conform(pd.DataFrame(columns=COLUMNS))


def conform(df: pd.DataFrame) -> pd.DataFrame:
    """Return ``df`` with exactly :data:`COLUMNS`, missing ones filled, dtypes set.

    ``confidence`` is a float column; a table without it (every reader but the prose one)
    gets NaN.
    """
    out = df.copy()
    defaults = {"field": "", "illustrative": False, "source_file": "", "source_sheet": "",
                "source_row": 0, "source_column": "", "source_text": "",
                "confidence": float("nan"), "as_of": ""}
    for col in COLUMNS:
        if col not in out.columns:
            out[col] = defaults.get(col, "")
    out = out[COLUMNS]
    for col in ("agency", "period", "indicator", "field", "source_file", "source_sheet",
                "source_column", "source_text", "as_of"):
        out[col] = out[col].astype(object).fillna("").astype(str)
    out["value"] = pd.to_numeric(out["value"], errors="coerce").astype(float)
    out["illustrative"] = out["illustrative"].map(_flag)
    out["source_row"] = pd.to_numeric(out["source_row"], errors="coerce").fillna(0).astype(int)
    out["confidence"] = pd.to_numeric(out["confidence"], errors="coerce").astype(float)
    return out.reset_index(drop=True)


def _flag(x: object) -> bool:
    """Read a true/false cell: booleans, 1/0, and the words a CSV or workbook may hold."""
    if isinstance(x, str):
        return x.strip().lower() in ("true", "1", "yes", "x", "có", "co")
    if x is None or (isinstance(x, float) and x != x):
        return False
    return bool(x)
