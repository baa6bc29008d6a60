"""Precision and recall of the prose reader over ``tests/extraction_cases/``.

Each case is a report (``NAME.txt`` or ``NAME.md``) and ``NAME.expected.json`` written from
the text, before running the reader::

    {"description": "...", "agency": "SKHCN" | "agency_contains": "...",
     "period": "2024-H1", "period_start": "dd/mm/yyyy", "period_end": "dd/mm/yyyy",
     "figures": [[indicator, value, field], ...],
     "optional": [[indicator, value, field], ...],   # implied figures: neither hit nor miss
     "findings": ["prose.count_vs_list", ...],
     "documents": [[kind, number, "dd/mm/yyyy"], ...]}

A figure counts as found when indicator, value (to 4 decimals) and field (folded) agree.
Run ``python tests/extraction_metrics.py`` for the table and the misses.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from papi_analysis.prose import extraction
from papi_analysis.text import fold

CASES = Path(__file__).resolve().parent / "extraction_cases"


def _key(indicator: str, value: float, fld: str) -> tuple[str, float, str]:
    return (indicator, round(float(value), 4), fold(fld))


@dataclass
class CaseResult:
    """One case: what was expected, what was read, and the differences."""

    name: str
    expected: dict
    got: set = field(default_factory=set)
    found: set = field(default_factory=set)
    missed: set = field(default_factory=set)
    extra: set = field(default_factory=set)
    ex: extraction.Extraction | None = None


@dataclass
class Metrics:
    """Totals over every case."""

    results: list[CaseResult]

    @property
    def tp(self) -> int:
        return sum(len(r.found) for r in self.results)

    @property
    def fp(self) -> int:
        return sum(len(r.extra) for r in self.results)

    @property
    def fn(self) -> int:
        return sum(len(r.missed) for r in self.results)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def cases(cases_dir: Path = CASES) -> list[Path]:
    """The report files that have an ``.expected.json`` beside them, in name order."""
    return sorted(p for p in cases_dir.iterdir()
                  if p.suffix in (".txt", ".md")
                  and p.with_name(p.stem + ".expected.json").exists())


def load_expected(report: Path) -> dict:
    """The expectations of one case."""
    return json.loads(report.with_name(report.stem + ".expected.json").read_text("utf-8"))


def score_case(report: Path) -> CaseResult:
    """Read one case and compare with its expectations."""
    exp = load_expected(report)
    ex = extraction.extract_file(report)
    want = {_key(*f) for f in exp["figures"]}
    optional = {_key(*f) for f in exp.get("optional", [])}
    got = {_key(f.indicator, f.value, f.field) for f in ex.figures}
    res = CaseResult(report.name, exp, got, ex=ex)
    res.found = got & want
    res.missed = want - got
    res.extra = got - want - optional
    return res


def score_all(cases_dir: Path = CASES) -> Metrics:
    """Score every case."""
    return Metrics([score_case(p) for p in cases(cases_dir)])


def report(m: Metrics) -> str:
    """A short text table: per case hits / misses / extras, then totals and every difference."""
    lines = [f"{'case':34} {'exp':>4} {'hit':>4} {'miss':>4} {'extra':>5}"]
    for r in m.results:
        lines.append(f"{r.name:34} {len(r.expected['figures']):4} {len(r.found):4} "
                     f"{len(r.missed):4} {len(r.extra):5}")
    lines.append(f"precision {m.precision:.3f}  recall {m.recall:.3f}  "
                 f"(tp {m.tp}, fp {m.fp}, fn {m.fn}, cases {len(m.results)})")
    for r in m.results:
        for k in sorted(r.missed):
            lines.append(f"  MISS  {r.name}: {k}")
        for k in sorted(r.extra):
            lines.append(f"  EXTRA {r.name}: {k}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(print(report(score_all())))
