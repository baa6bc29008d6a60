"""What the prose reader gives: :class:`Figure`, :class:`Extraction` and the output columns.

The types live here, below :mod:`papi_analysis.prose.extraction` (which fills them) and
:mod:`papi_analysis.prose.prosechecks` (which checks them), so that neither imports the other
back.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field

import pandas as pd

from .. import fmt
from ..intake.findings import COLUMNS
from ..model import indicators, periods, schema

#: Columns of the figures table: the tidy table plus what prose adds (see docs/extraction.md);
#: ``confidence`` (a tidy column too) keeps its place after ``unit``.
OUTPUT_COLUMNS = [c for c in schema.COLUMNS if c != "confidence"] + [
    "unit", "confidence", "span_start", "span_end", "period_start", "period_end", "pattern",
    "approximate"]
#: Columns of the documents list.
DOCUMENT_COLUMNS = ["agency", "period", "kind", "number", "date", "issuer", "title",
                    "source_file", "source_row", "source_column", "source_text"]
#: Columns of the findings table (those of :mod:`papi_analysis.intake.findings`).
FINDING_COLUMNS = list(COLUMNS)


# -- the report's own date ----------------------------------------------------------------------
#: "Hưng Yên, ngày 21 tháng 5 năm 2024": the place and date line at the head of an
#: administrative document (the layout of Nghị định 30/2020/NĐ-CP on administrative documents).
_SIGNED = re.compile(r"^\s*[^\d,;:]{2,40},\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+"
                     r"(\d{4})\s*$", re.IGNORECASE)


def signed_on(paragraphs: list[str], head: int = 12) -> dt.date | None:
    """The date a report was signed, from its place-and-date line among the first ``head``
    paragraphs, or None."""
    for para in paragraphs[:head]:
        m = _SIGNED.match(para)
        if m:
            with contextlib.suppress(ValueError):
                return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    return None


# -- results ---------------------------------------------------------------------------------
@dataclass
class Figure:
    """One figure read from a paragraph (offsets are in the paragraph)."""

    indicator: str
    value: float
    row: int
    start: int
    end: int
    sentence: tuple[int, int]
    weight: float
    pattern: str
    match_len: int = 0
    clarity: float = 1.0
    percent: bool = False
    zero: bool = False
    derived: bool = False
    relabelled: bool = False
    bonus: float = 0.0
    decimals: int = 0
    field: str = ""
    approximate: bool = False
    heading: bool = False  # read in a heading or the first line (a title)
    period: str = ""  # the figure's own period code when its sentence names one, else ""
    subject: str = ""  # "national" when its paragraph gives the whole country's figures
    reason: str = ""  # why it is not emitted (see prose.meaning): "" for an emitted figure
    #: the count a rate was read after ("4.186 hồ sơ …, đạt 99,3%"), or the rate it continues:
    #: a rate whose count is refused is refused with it (round 7)
    of: Figure | None = dataclasses.field(default=None, repr=False, compare=False)

    @property
    def confidence(self) -> float:
        """See the module docstring."""
        if self.derived:
            return 0.6
        c = self.weight * self.clarity * (0.9 if self.relabelled else 1.0) + self.bonus
        if self.approximate:
            c *= 0.8
        return round(max(0.05, min(0.99, c)), 2)


@dataclass
class Extraction:
    """What one report gave: its unit, period, paragraphs, figures, documents, findings."""

    source: str
    paragraphs: list[str]
    agency: str = ""
    agency_known: bool = False
    agency_how: str = ""
    period: periods.Period | None = None
    figures: list[Figure] = field(default_factory=list)
    documents: list[dict] = field(default_factory=list)
    findings: list[dict] = field(default_factory=list)
    repeated: dict[int, int] = field(default_factory=dict)  # row → row it repeats
    #: numbers the reader could not classify with confidence (số liệu chưa phân loại): kept
    #: with the code proposed and the reason (``Figure.reason``), never emitted
    unclassified: list[Figure] = field(default_factory=list)
    province: str = ""  # the report's province, folded ("" when the text names none)
    #: the report's unit is a whole province (a registry unit of level "province", or a unit
    #: kept as written "UBND tỉnh …"): a department named as a sentence's subject is then a
    #: unit below it (see prose.meaning.sub_unit)
    province_wide: bool = False
    #: the report's unit as written and, for a registry unit, its names (a unit below the
    #: report's is never the report's own: see prose.meaning.sub_unit)
    unit_names: str = ""

    @property
    def period_code(self) -> str:
        """The period's code, or "" when none was found."""
        return self.period.code if self.period else ""

    def table(self) -> pd.DataFrame:
        """The figures as a table with :data:`OUTPUT_COLUMNS`."""
        rows = []
        start, end = (self.period.start, self.period.end) if self.period else (None, None)
        # the report's figures run to the end of the window it states, and never past the day
        # it was signed; said only when that is before its period ends
        last = min([d for d in (end, signed_on(self.paragraphs)) if d], default=None)
        as_of = (last.isoformat() if last and self.period
                 and last < periods.parse(self.period_code).date_range()[1] else "")
        for f in self.figures:
            para = self.paragraphs[f.row - 1]
            s0, s1 = f.sentence
            own = bool(f.period) and f.period != self.period_code
            rows.append({
                "agency": self.agency, "period": f.period if own else self.period_code,
                "indicator": f.indicator, "value": f.value, "field": f.field,
                "illustrative": False, "source_file": self.source, "source_sheet": "",
                "source_row": f.row, "source_column": f"c{f.start}-c{f.end}",
                "source_text": para[s0:s1], "unit": indicators.get(f.indicator).unit,
                "confidence": f.confidence, "span_start": f.start - s0, "span_end": f.end - s0,
                "period_start": fmt.date(start) if start and not own else "",
                "period_end": fmt.date(end) if end and not own else "", "pattern": f.pattern,
                "as_of": as_of if not own else "",
                "approximate": f.approximate,
            })
        df = pd.DataFrame(rows, columns=OUTPUT_COLUMNS)
        return df.astype({"confidence": float, "span_start": int, "span_end": int})
