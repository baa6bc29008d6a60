"""The ILLUSTRATIVE banner: which figures of an appendix are generated, which are real.

An appendix whose reporting period holds illustrative figures opens with a red banner
(:data:`BANNER`) that names exactly which agencies and period columns are illustrative and
which figures are real (agency, period, file).  When only comparison columns are
illustrative, one line says so instead.  :class:`Illustrative` sorts an appendix's rows for
both; captions use :func:`any_illustrative` for their MINH HỌA tag.  The markup (and the
banner's style) is in ``templates/parts/banner.html.j2``; the texts here are plain text.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .labels import Labels
from .parameters import Parameters
from .templating import part

__all__ = ["BANNER", "Banner", "Illustrative", "any_illustrative"]

#: The banner's first line.
BANNER = {"vi": "SỐ LIỆU MINH HỌA — không phải số liệu thật",
          "en": "ILLUSTRATIVE DATA — not real figures"}


def any_illustrative(rows: pd.DataFrame | None, illustrative: bool | None) -> bool:
    """``illustrative`` when given, else whether any of ``rows`` is illustrative."""
    if illustrative is None and rows is not None:
        return bool(rows["illustrative"].any())
    return bool(illustrative)


@dataclass
class Illustrative:
    """Which figures among an appendix's rows are illustrative and which real."""

    #: illustrative agency → the periods (codes, current first) in which it is illustrative
    ill: dict[str, tuple[str, ...]]
    #: (agency, period) → the real source files
    real: dict[tuple[str, str], list[str]]
    #: True when some figure of the reporting period is illustrative
    current: bool
    #: comparison periods that hold illustrative figures
    bases: list[str]

    @classmethod
    def of(cls, rows: pd.DataFrame, current: str) -> Illustrative:
        flag = rows["illustrative"].astype(bool)
        illr, realr = rows[flag], rows[~flag]
        order = [current] + sorted(set(rows["period"]) - {current}, reverse=True)
        ill = {a: tuple(p for p in order if p in set(g["period"]))
               for a, g in illr.groupby("agency", sort=True)}
        real = {(a, p): sorted(set(g["source_file"]) - {""})
                for (a, p), g in realr.groupby(["agency", "period"], sort=True)}
        bases = [p for p in order[1:] if p in set(illr["period"])]
        return cls(ill, real, bool((illr["period"] == current).any()), bases)


class Banner:
    """The banner and the one-line note on illustrative comparison columns."""

    def __init__(self, params: Parameters, labels: Labels) -> None:
        self.params = params
        self.labels = labels

    def banner(self, rows: pd.DataFrame | None = None, info: Illustrative | None = None) -> str:
        """The ILLUSTRATIVE banner: which agencies and period columns are illustrative, and
        which figures among ``rows`` are real (HTML); ``info`` is ``rows`` already sorted."""
        t, lb = self.labels.t, self.labels
        if info is None and rows is not None:
            info = Illustrative.of(rows, self.params.period.code)
        if info is None or not info.real:
            what = t("Không có số liệu thật nào trong phụ lục này: mọi số đều do máy tạo ra "
                     "để minh họa.",
                     "No figure in this appendix is real: all were generated for "
                     "illustration.")
            if info is not None and info.ill:
                what += " " + t("Số minh họa: ", "Illustrative: ") + self.ill_list(info)
        else:
            real = "; ".join(
                f"{lb.agency_name(a, short=True)}, {lb.period_label(p)} ({', '.join(files)})"
                for (a, p), files in info.real.items())
            what = t(
                f"Số minh họa do máy tạo ra (in nghiêng trong bảng): {self.ill_list(info)}. "
                f"Số thật: {real}. Số tổng có cộng số minh họa cũng là minh họa.",
                f"Generated for illustration (italic in tables): {self.ill_list(info)}. "
                f"Real figures: {real}. Totals that include illustrative figures are "
                "illustrative too.")
        return str(part("banner").banner(BANNER[lb.lang], what))

    def ill_list(self, info: Illustrative) -> str:
        """``Sở A, Sở B (kỳ X, kỳ Y); Sở C (kỳ Y)``: illustrative agencies by period columns
        (plain text)."""
        groups: dict[tuple[str, ...], list[str]] = {}
        for a, ps in info.ill.items():
            groups.setdefault(ps, []).append(a)
        return "; ".join(f"{self._names(ags)} ({self._periods(ps)})"
                         for ps, ags in groups.items())

    def _names(self, codes) -> str:
        return ", ".join(self.labels.agency_name(c, short=True) for c in codes)

    def _periods(self, codes) -> str:
        return ", ".join(self.labels.period_label(p) for p in codes)

    def comparisons_note(self, info: Illustrative) -> str:
        """One line: the reporting period is real, some comparison columns are illustrative."""
        t, period = self.labels.t, self.params.period
        agencies_ill = sorted({a for a, ps in info.ill.items()})
        whose = ""
        if self.params.is_province:
            whose = t(f" (số của {self._names(agencies_ill)})",
                      f" (figures of {self._names(agencies_ill)})")
        text = t(
            f"Số liệu kỳ báo cáo ({period.label('vi')}) là số thật; các cột so sánh "
            f"({self._periods(info.bases)}) là số minh họa{whose}, in nghiêng, không phải số "
            "thật.",
            f"Figures for the reporting period ({period.label('en')}) are real; the "
            f"comparison columns ({self._periods(info.bases)}) are illustrative{whose}, in "
            "italics, not real figures.")
        return str(part("banner").comparisons_note(text))
