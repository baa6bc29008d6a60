"""The numbered, captioned blocks of an appendix: tables, figures, headings and text.

:class:`Captions` numbers the tables and figures of one appendix ("Bảng 1.2", "Hình 1.1",
by caption, so re-running a cell in JupyterLab keeps its number), captions them (with the
MINH HỌA tag when they show illustrative figures, the units a comparison period sums after a
merger, and for the province how many departments its figures sum) and frames the table
bodies that :mod:`~papi_analysis.appendix.tables`,
:mod:`~papi_analysis.appendix.comparetables` and :mod:`~papi_analysis.appendix.papitables`
build.  Every block is an :class:`HTML` that Jupyter displays.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ..analysis import comparison
from . import charts, comparetables, tables
from .banner import any_illustrative
from .labels import Labels
from .mergers import MergerNotes
from .parameters import Parameters
from .tables import Column, Grid, sources_note
from .templating import part, trusted

__all__ = ["HTML", "Captions"]


class HTML:
    """A block of appendix HTML that Jupyter displays (``_repr_html_``)."""

    def __init__(self, body: str, text: str = "") -> None:
        self.body = body
        self.text = text

    def _repr_html_(self) -> str:
        return self.body

    def __str__(self) -> str:
        return self.body

    def __repr__(self) -> str:
        return self.text or "<HTML>"


class Captions:
    """Numbers, captions and frames the blocks of one appendix, in the notebook's language."""

    def __init__(self, params: Parameters, labels: Labels, mergers: MergerNotes) -> None:
        self.params = params
        self.labels = labels
        self.mergers = mergers
        #: (kind, caption) → number: tables, figures and headings in order of first showing
        self._numbers: dict[tuple[str, str], int] = {}

    def number(self, kind: str, caption: str) -> tuple[str, str]:
        """``("Bảng 1.2", "table-1-2")``: the label and HTML id of a table or figure."""
        # numbered by caption, so re-running a cell in JupyterLab keeps its number
        key = (kind, caption)
        if key not in self._numbers:
            self._numbers[key] = 1 + sum(1 for k in self._numbers if k[0] == kind)
        n, appendix = self._numbers[key], self.params.appendix
        return f"{self.labels.word(kind)} {appendix}.{n}", f"{kind}-{appendix}-{n}"

    def caption(self, num: str, caption: str, illustrative: bool,
                rows: pd.DataFrame | None = None) -> str:
        """The ``<figcaption>``: number, caption and, for illustrative figures, the MINH HỌA
        tag (SO SÁNH MINH HỌA when only comparison periods are illustrative)."""
        return str(part("captions").figcaption(num, caption, self.tag(illustrative, rows)))

    def tag(self, illustrative: bool, rows: pd.DataFrame | None = None) -> str:
        """The word of a caption's tag: MINH HỌA for illustrative figures, SO SÁNH MINH HỌA
        when only comparison periods are illustrative, ``""`` for real figures."""
        if not illustrative:
            return ""
        now = self.params.period.code
        only_bases = (rows is not None and len(rows) and not (
            rows["illustrative"].astype(bool) & (rows["period"] == now)).any())
        return (self.labels.t("SO SÁNH MINH HỌA", "ILLUSTRATIVE COMPARISONS") if only_bases
                else self.labels.t("MINH HỌA", "ILLUSTRATIVE"))

    def numbered(self, caption: str, grid: Grid) -> HTML:
        """``grid`` as a numbered, captioned table."""
        num, anchor = self.number("table", caption)
        # the grid's HTML comes from templates/tables (its values escaped there): trusted
        body = part("captions").table(grid.cls, anchor, num, caption,
                                      self.tag(grid.illustrative, grid.rows),
                                      trusted(grid.html(self.labels.lang)))
        return HTML(str(body), f"{num}. {caption}")

    def covered(self, caption: str, rows: pd.DataFrame | None) -> str:
        """``caption`` with the units a comparison period sums, and for the province how many
        departments its figures sum."""
        caption += self.mergers.caption(rows)
        if not self.params.is_province or rows is None or rows.empty:
            return caption
        n, _, total, _ = self.params.coverage_counts(rows)
        compiled = ((rows["period"] == self.params.period.code)
                    & (rows["agency"] == self.params.agency.code)).any()
        if compiled and n == 0:  # the province's own compiled figures, not a sum of units
            return caption + self.labels.t(" (số liệu tổng hợp của toàn tỉnh)",
                                           " (the province's own compiled figures)")
        return f"{caption} ({self.labels.coverage_text(n, total)})"

    def heading(self, vi: str, en: str) -> HTML:
        """A section heading; in print every section after the first starts a new page."""
        text = self.labels.t(vi, en)
        key = ("heading", text)
        if key not in self._numbers:  # re-running the cell in JupyterLab keeps its place
            self._numbers[key] = sum(1 for k in self._numbers if k[0] == "heading")
        cls = "pa-h2 pa-newpage" if self._numbers[key] else "pa-h2"
        return HTML(str(part("captions").heading(cls, text)), text)

    def paragraph(self, vi: str, en: str) -> HTML:
        """A short paragraph of explanation (plain text, escaped)."""
        text = self.labels.t(vi, en)
        return HTML(str(part("captions").paragraph(text)), text)

    def message(self, vi: str, en: str) -> HTML:
        """A highlighted message (for example: no figures yet for this period)."""
        text = self.labels.t(vi, en)
        return HTML(str(part("captions").message(text)), text)

    # -- tables ---------------------------------------------------------------------------------
    def table(
        self,
        df: pd.DataFrame,
        columns: Sequence[Column | tuple],
        caption: str,
        *,
        notes: Sequence[str] = (),
        rows: pd.DataFrame | None = None,
        empty: str = "",
    ) -> HTML:
        """Any DataFrame as a numbered, escaped table.

        ``columns`` are :class:`Column` or ``(key, header, kind)`` tuples (kinds: those of
        :func:`cell`, plus ``agency`` for a code shown as its short name and ``severity``);
        a boolean ``illustrative`` column in ``df`` puts those rows in italics and tags the
        caption.  ``notes`` are plain-text notes under the table; ``rows`` the tidy rows the
        table comes from (for the source line).  An empty ``df`` shows ``empty`` as one row.
        """
        return self.numbered(caption, tables.table_grid(
            df, columns, self.labels.lang, notes=notes, rows=rows, empty=empty))

    def comparison_table(
        self,
        table: pd.DataFrame,
        caption: str,
        *,
        rows: pd.DataFrame | None = None,
        drop_empty: bool = True,
    ) -> HTML:
        """A :func:`comparison.compare` result: one row per measure, periods side by side.

        Each comparison period gets its value and a change column: ``+81 (+40,5%)`` for
        counts, ``+5,3 điểm %`` for rates.  A zero or missing base shows ``–`` with a
        footnote, never inf or NaN; rates carry their definition as a footnote; measures
        with no figure in any period are left out (and counted in a note).
        """
        out = self.numbered(self.covered(caption, rows), comparetables.comparison_grid(
            table, self.labels.lang, province=self.params.is_province, rows=rows,
            drop_empty=drop_empty))
        extra = self.mergers.html(rows)
        return HTML(out.body + extra, out.text) if extra else out

    def key_figures(self, table: pd.DataFrame, caption: str, *, rows: pd.DataFrame | None = None
                    ) -> HTML:
        """An overview table: each measure's value now, and ▲▼ with words against each base."""
        out = self.numbered(self.covered(caption, rows), comparetables.key_figures_grid(
            table, self.labels.lang, self.params.period, province=self.params.is_province,
            rows=rows))
        extra = self.mergers.html(rows)
        return HTML(out.body + extra, out.text) if extra else out

    def breakdown_caption(self, table: pd.DataFrame, topic: str) -> str:
        """``<topic> theo đơn vị, <period>`` or ``… theo lĩnh vực …`` for a breakdown."""
        return comparetables.breakdown_caption(table, topic, self.labels.lang, self.params.period,
                                               self.params.is_province)

    def breakdown_table(
        self,
        table: pd.DataFrame,
        topic: str,
        *,
        rank_by: str | None = None,
        tiebreak: str | None = None,
        rows: pd.DataFrame | None = None,
    ) -> HTML:
        """A :func:`comparison.breakdown` result: by agency (ranked by ``rank_by``) or field.

        The caption is ``topic`` plus "by agency" or "by field" and the period.  A breakdown
        made with ``base`` shows, under the values, the change of ``rank_by`` (if a rate) in
        percentage points, of the first count in percent and of the rank; a missing or zero
        base shows ``–`` with a footnote.
        """
        caption = self.covered(self.breakdown_caption(table, topic), rows)
        return self.numbered(caption, comparetables.breakdown_grid(
            table, self.labels.lang, rank_by=rank_by, tiebreak=tiebreak, rows=rows,
            period=self.params.period, errors_link=self.params.errors_link))

    # -- figures --------------------------------------------------------------------------------
    def figure(
        self,
        fig,
        caption: str,
        *,
        rows: pd.DataFrame | None = None,
        measures: Sequence[str] | None = None,
        illustrative: bool | None = None,
        notes: Sequence[str] = (),
        format: str = "png",
        dpi: int = 110,
    ) -> HTML:
        """A matplotlib Figure as a numbered, self-contained image (a ``data:`` URI).

        ``rows`` (restricted to what ``measures`` read in this appendix's periods, if given)
        decide the ILLUSTRATIVE tag and the source line.  ``fig=None`` (a chart with nothing
        to draw) shows nothing and takes no number.
        """
        if fig is None:
            return HTML("", "")
        lin = comparison.lineage_of(rows)
        if rows is not None and measures is not None:
            rows = comparison.used_rows(rows, measures, self.params.periods)
            if lin is not None:
                rows.attrs[comparison.LINEAGE_KEY] = lin
        caption = self.covered(caption, rows)
        num, anchor = self.number("figure", caption)
        uri = charts.to_data_uri(fig, format=format, dpi=dpi)
        w, h = (int(round(v * dpi)) for v in fig.get_size_inches())
        # the source line is HTML that tables.sources_note built (its values escaped): trusted
        body = part("captions").chart(anchor, uri, w, h, num, caption,
                                      self.tag(any_illustrative(rows, illustrative), rows),
                                      list(notes), trusted(sources_note(rows, self.labels.lang)))
        return HTML(str(body), f"{num}. {caption}")
