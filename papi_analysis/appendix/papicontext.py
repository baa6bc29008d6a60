"""The PAPI parts of an appendix: the province's code, the PAPI year, tables and mergers.

PAPI scores are annual and per province, so an appendix places them against the reporting
period: :class:`PapiContext` finds the province's GSO code (the registry's province by name,
``data/papi/provinces.csv``), the latest PAPI year not after the period, frames the PAPI
key-figures table (:mod:`~papi_analysis.appendix.papitables`), and for a province merged
from others in 2025 shows its predecessors' series side by side.
"""

from __future__ import annotations

import pandas as pd

from .. import config
from ..model import agencies
from . import charts, papitables
from .captions import HTML, Captions
from .labels import Labels, and_
from .parameters import Parameters

__all__ = ["PapiContext"]


class PapiContext:
    """PAPI scores in an appendix of one reporting period."""

    def __init__(self, params: Parameters, labels: Labels, captions: Captions) -> None:
        self.params = params
        self.labels = labels
        self.captions = captions

    @property
    def gso_code(self) -> int:
        """The province's GSO code (PAPI data): that of the registry's province by name
        (``data/papi/provinces.csv``), else the configured one."""
        from ..analysis import papi

        home = self.params.reg.units.get(self.params.reg.home)
        found = papi.gso_for(home.province, self.params.data_dir) if home is not None else None
        return int(found if found is not None else config.PROVINCE_GSO_CODE)

    def papi_year(self, wide: pd.DataFrame, gso_code: int | None = None) -> int:
        """The latest PAPI year, not after the reporting period's year, with the province's scores.

        Raises
        ------
        ParameterError
            If the province has no PAPI scores up to that year.
        """
        return papitables.latest_year(wide, self.params.period, gso_code)

    def papi_key_figures(self, ranks: pd.DataFrame, moves: pd.DataFrame, year: int,
                         caption: str) -> HTML:
        """PAPI in one table: total, rank, group and each dimension, ▲▼ against the base year.

        ``ranks`` is :func:`papi.rank_history`, ``moves`` :func:`papi.moves` for ``year``.
        Totals are compared only on the same scale (never across 2017/2018).
        """
        return self.captions.numbered(caption, papitables.key_figures_grid(
            ranks, moves, year, self.labels.lang))

    def papi_predecessors(self, wide: pd.DataFrame) -> HTML:
        """For a province merged from others (the registry's successions), the PAPI series of
        its predecessors side by side up to the last year before the merger, with the rank
        out of the provinces of that time; nothing for a period before the merger."""
        from ..analysis import papi

        t, cap, reg = self.labels.t, self.captions, self.params.reg
        home = reg.units.get(reg.home)
        merges = [s for s in reg.into(reg.home) if s.kind == "merge"
                  and getattr(reg.units.get(s.predecessor), "kind", "") == "province"]
        if home is None or not merges:
            return HTML("", "")
        day = min(s.date for s in merges)
        if agencies.as_of(self.params.period) < day:
            return HTML("", "")
        until = day.year - 1
        names = [home.province] + [reg.units[s.predecessor].province for s in merges]
        found = [(n, papi.gso_of(wide, n)) for n in names]
        found = [(n, g) for n, g in found if g is not None]
        if not found:
            return HTML("", "")
        df = papi.side_by_side(wide, [g for _, g in found], until)
        old = [t(f"{n} (cũ)", f"former {n}") for n, _ in found]
        cols: list[tuple] = [("year", t("Năm", "Year"), "year")]
        for (_, g), label in zip(found, old, strict=True):
            cols += [(f"total_{g}", t(f"{label}: tổng điểm", f"{label}: total"), "score"),
                     (f"rank_{g}", t(f"{label}: hạng", f"{label}: rank"), "rank")]
        cols.append(("n_ranked", t("Số tỉnh xếp hạng", "Provinces ranked"), "int"))
        merged_on = day.strftime("%d/%m/%Y")
        src = "; ".join(s.source for s in merges)
        intro = cap.paragraph(
            f"{home.province} hiện nay được hợp nhất từ {and_(old, 'vi')} từ ngày {merged_on} "
            f"({src}). Điểm PAPI của các tỉnh không cộng được, nên dưới đây là chuỗi điểm của "
            f"từng tỉnh cũ đến năm {until}, đặt cạnh nhau. Thứ hạng các năm đó tính trên số "
            f"tỉnh có số liệu khi ấy (63, hoặc 61–62 những năm thiếu); từ PAPI {day.year}, "
            "thứ hạng tính trên 34 tỉnh, thành phố. Chuỗi của tỉnh mới bắt đầu khi PAPI công bố "
            "số liệu của tỉnh sau hợp nhất.",
            f"Today's {home.province} was merged from {and_(old, 'en')} on {merged_on} "
            f"({src}). Provinces' PAPI scores cannot be added, so each former province's series "
            f"up to {until} is shown side by side. Ranks of those years are out of the provinces "
            f"with data then (63, or 61–62 in years with gaps); from PAPI {day.year} ranks are "
            "out of 34 provinces and cities. The new province's own series starts when PAPI "
            "publishes figures for the merged province.")
        table = cap.table(df, cols, t(
            f"PAPI của các tỉnh trước hợp nhất, đến năm {until}",
            f"PAPI of the provinces before the merger, up to {until}"),
            notes=[t("Nguồn: data/papi/papi_dimensions_wide.csv (số liệu thật); tổng điểm "
                     "theo thang của từng năm (6–60 đến 2017, 8–80 từ 2018).",
                     "Source: data/papi/papi_dimensions_wide.csv (real data); totals on "
                     "each year's scale (6–60 until 2017, 8–80 from 2018).")])
        fig = charts.papi_side_by_side(df, [g for _, g in found], old, lang=self.labels.lang,
                                       title=t("Tổng điểm D1–D6 của các tỉnh cũ",
                                               "D1–D6 total of the former provinces"))
        figure = cap.figure(fig, t(
            f"Tổng điểm 6 lĩnh vực D1–D6 (so sánh được qua các năm) của {and_(old, 'vi')}",
            f"D1–D6 total (comparable across years) of {and_(old, 'en')}"), illustrative=False)
        heading = cap.heading("Các tỉnh trước hợp nhất", "The provinces before the merger")
        return HTML("\n".join([heading.body, intro.body, table.body, figure.body]),
                    table.text)
