"""Charts: matplotlib Figures with Vietnamese diacritics and vi/en number formats.

Every function returns a :class:`matplotlib.figure.Figure` built without pyplot (no global
figure registry, nothing to close, safe in a batch of sixty appendices).  Text uses DejaVu
Sans, which ships with matplotlib and covers every Vietnamese letter; labels are put in NFC
form first because text copied from documents often carries decomposed accents, which
matplotlib would draw as separate marks.  Charts of illustrative data carry a watermark.
"""

from __future__ import annotations

import base64
import io
import math
from collections.abc import Sequence
from contextlib import contextmanager

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.figure import Figure
from matplotlib.layout_engine import LayoutEngine
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, MaxNLocator
from PIL import Image

from .. import fmt
from ..analysis import comparison
from ..errors import PapiError
from ..model import periods
from ..text import nfc

FONT = "DejaVu Sans"
#: Okabe–Ito colours: distinguishable with colour-blindness and in grey print.
COLOURS = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#999999"]
MEDIAN_COLOUR, BEST_COLOUR, MISSING_COLOUR = "#666666", "#009E73", "#BBBBBB"

#: Charts are drawn this wide (inches) and shown at most this wide; on a phone (a 420 px
#: screen, 400 px of content) they shrink to :data:`PHONE_PX`, so a text of ``p`` points
#: shows at ``p * PHONE_PX / (72 * WIDTH)`` px whatever the format or dpi.
WIDTH = 5.2
PHONE_PX = 400
#: The smallest text a chart may hold, and what it is on a phone: 8.5 pt → 9.1 px.
SMALL = 8.5
MIN_PHONE_PX = 9.0


STYLE = {
    "font.family": "sans-serif",
    "font.sans-serif": [FONT],
    "font.size": 9.5,
    "axes.titlesize": 10.5,
    "axes.labelsize": 9.5,
    "xtick.labelsize": SMALL,
    "ytick.labelsize": SMALL,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    # titles sit at the top of their axes (no ticks up there): matplotlib need not measure
    # every tick label at each draw to check that they clear them
    "axes.titley": 1.0,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "axes.axisbelow": True,
    "legend.frameon": False,
    "legend.fontsize": SMALL,
    "svg.fonttype": "path",  # glyphs as paths: the reader needs no font
    "svg.hashsalt": "papi-analysis",  # stable ids: the same chart gives the same bytes
    "pdf.fonttype": 42,
}

WATERMARK = {"vi": "MINH HỌA", "en": "ILLUSTRATIVE"}
NO_DATA = {"vi": "không có số liệu", "en": "no data"}
#: Beside a unit left out of a ranking because its data failed its checks.
DATA_ERROR = {"vi": "lỗi số liệu, chưa xếp hạng", "en": "data error, not ranked"}
#: Under a stacked chart whose stacks miss a part: the total shown is only what was reported.
PARTIAL_NOTE = {"vi": "* Chỉ cộng các phần được báo cáo; không báo cáo: ",
                "en": "* Only the parts reported are added up; not reported: "}


@contextmanager
def style():
    """Apply the chart style while building or saving a figure."""
    with mpl.rc_context(STYLE):
        yield


def _figure(width: float = WIDTH, height: float = 3.5) -> Figure:
    return Figure(figsize=(width, height), layout=FitLayout())


class FitLayout(LayoutEngine):
    """Fit a one-axes chart to its figure: the axes take what the labels leave.

    Measures only the texts around the axes (tick labels, axis labels, title, the texts and
    annotations drawn on it, a figure legend below), which is all that can stick out of it;
    lines, bars and spines stay inside.  Keeps constrained layout's margins (its pads, a
    legend ``"outside lower center"`` in its own band) at a fraction of its cost: that
    measures every artist of the figure, twice.  A title longer than the room right of the
    axes' left edge is wrapped onto more lines (constrained layout would let it run off the
    figure).  Figures with more than one axes, or a suptitle, get the constrained layout.
    """

    _adjust_compatible = False
    _colorbar_gridspec = False
    #: the space kept between the texts and the figure's edges, in inches (constrained
    #: layout's default ``w_pad`` and ``h_pad``)
    PAD = 3 / 72

    def execute(self, fig: Figure) -> None:
        if len(fig.axes) != 1 or fig._suptitle is not None:
            from matplotlib.layout_engine import ConstrainedLayoutEngine

            ConstrainedLayoutEngine().execute(fig)
            return
        ax = fig.axes[0]
        renderer = fig._get_renderer()
        pad = self.PAD * fig.dpi
        below = 0.0  # a figure legend's band under the axes
        for leg in fig.legends:
            if leg.get_visible() and getattr(leg, "_outside_loc", None) == "lower":
                below = max(below, leg.get_window_extent(renderer).height + 2 * pad)
        # twice at least, as constrained layout does: a tick locator may choose other ticks,
        # and texts placed in data coordinates move, once the axes have their new size
        for i in range(3):
            if not self._place(fig, ax, renderer, pad, below):
                return
            if i and not _wrap_titles(ax, renderer, fig.bbox.width - pad):
                return

    @staticmethod
    def _place(fig: Figure, ax, renderer, pad: float, below: float) -> bool:
        width, height = fig.bbox.width, fig.bbox.height
        box = ax.get_window_extent(renderer)
        tight = _text_extent(ax, renderer)
        x0 = (pad + box.x0 - tight.x0) / width
        x1 = 1 - (pad + tight.x1 - box.x1) / width
        y0 = (below + pad + box.y0 - tight.y0) / height
        y1 = 1 - (pad + tight.y1 - box.y1) / height
        if x1 <= x0 or y1 <= y0:  # the labels leave no room: keep what there is
            return False
        ax.set_position([x0, y0, x1 - x0, y1 - y0])
        return True


def _titles(ax):
    return [t for t in (ax.title, ax._left_title, ax._right_title)
            if t.get_visible() and t.get_text()]


def _text_extent(ax, renderer):
    """The box (pixels) of ``ax`` and every text that belongs to it: tick labels, axis
    labels, titles (their height: a title's width does not depend on the axes' width), texts
    and annotations, an axes legend."""
    from matplotlib.transforms import Bbox

    box = ax.get_window_extent(renderer)
    boxes = [box]
    if ax.axison:
        for axis in (ax.xaxis, ax.yaxis):
            if axis.get_visible():
                b = axis.get_tightbbox(renderer, for_layout_only=True)
                if b is not None:
                    boxes.append(b)
    for t in _titles(ax):
        b = t.get_window_extent(renderer)
        boxes.append(Bbox([[box.x0, b.y0], [box.x0 + 1, b.y1]]))
    for t in ax.texts:
        if t.get_visible() and t.get_in_layout() and t.get_text():
            b = t.get_tightbbox(renderer)
            if b is not None and np.isfinite(b.bounds).all():
                boxes.append(b)
    if ax.legend_ is not None and ax.legend_.get_visible():
        boxes.append(ax.legend_.get_window_extent(renderer))
    return Bbox.union(boxes)


def _wrap_titles(ax, renderer, right: float) -> bool:
    """Break each title of ``ax`` that runs past ``right`` (pixels) onto more lines, at
    spaces; ``True`` if one changed."""
    changed = False
    for t in _titles(ax):
        b = t.get_window_extent(renderer)
        if b.x1 <= right:
            continue
        room = right - b.x0
        words = t.get_text().split()
        props = t.get_fontproperties()
        lines, line = [], ""
        for w in words:
            trial = f"{line} {w}".strip()
            if line and renderer.get_text_width_height_descent(trial, props, False)[0] > room:
                lines.append(line)
                line = w
            else:
                line = trial
        text = "\n".join([*lines, line])
        if text != t.get_text():
            t.set_text(text)
            changed = True
    return changed


def number_formatter(lang: str = "vi", kind: str = "count") -> FuncFormatter:
    """An axis formatter: ``1.234`` / ``1,234``; ``kind="percent"`` adds ``%``, ``"score"``
    shows one decimal."""
    def _f(x, _pos=None):
        if kind == "percent":
            return fmt.number(x, lang, 0) + "%"
        if kind == "score":
            return fmt.number(x, lang, 1)
        return fmt.number(x, lang, 0 if float(x).is_integer() else 1)
    return FuncFormatter(_f)


#: The word under an illustrative period's label when the reporting period is real.
ILLUSTRATIVE_WORD = {"vi": "minh họa", "en": "illustrative"}


def watermark(fig: Figure, lang: str = "vi") -> None:
    """Write ILLUSTRATIVE across ``fig`` (for charts of generated data)."""
    fig.text(0.5, 0.5, WATERMARK.get(lang, WATERMARK["en"]), rotation=20, fontsize=40,
             color="#999999", alpha=0.22, ha="center", va="center", zorder=0,
             fontweight="bold", family=FONT)


def _period_label(code: str, lang: str) -> str:
    try:
        return periods.parse(code).label(lang)
    except PapiError:  # an unparseable code is shown as it is
        return code


def _wrap(text: str, width: int = 18) -> str:
    words, lines, line = nfc(text).split(), [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    return "\n".join(lines + [line])


# -- period comparisons ---------------------------------------------------------------------
def period_bars(
    table: pd.DataFrame,
    parts: Sequence[str],
    labels: Sequence[str] | None = None,
    *,
    lang: str = "vi",
    title: str = "",
    ylabel: str = "",
    current: str | None = None,
    stacked: bool = True,
) -> Figure:
    """Bars by period (oldest first) of the count measures ``parts``, stacked or side by side.

    ``table`` is a :func:`papi_analysis.analysis.comparison.compare` result (measure, period, value,
    illustrative); ``labels`` default to the measures' labels.  A period without any of the
    parts gets an empty slot marked "no data"; the current period's label is bold.
    Illustrative data adds a watermark.
    """
    labels = _labels(parts, labels, lang)
    with style():
        fig, ax, codes, sub = _periods_figure(table, parts)
        if len(codes) > TREND_FROM:
            _trend(ax, codes, _grid(sub, parts, codes), labels, lang)
            ax.yaxis.set_major_formatter(number_formatter(lang))
            ax.set_ylabel(nfc(ylabel))
            _finish_periods(fig, ax, codes, sub, lang, current, title)
            return fig
        x = np.arange(len(codes))
        bottom = np.zeros(len(codes))
        n = len(parts)
        width = 0.6 if stacked else 0.8 / max(n, 1)
        grid = _grid(sub, parts, codes)
        for i, (vals, label) in enumerate(zip(grid, labels, strict=True)):
            h = np.nan_to_num(np.array(vals, dtype=float))
            pos = x if stacked else x - 0.4 + width * (i + 0.5)
            ax.bar(pos, h, bottom=bottom if stacked else None, width=width * (1 if stacked else
                   0.92), color=COLOURS[i % len(COLOURS)], label=_wrap(label, 34))
            if not stacked:
                for px, v in zip(pos, vals, strict=True):
                    if not math.isnan(v):
                        ax.text(px, v, fmt.number(v, lang), ha="center", va="bottom",
                                fontsize=SMALL)
            if stacked:
                bottom += h
        empty = [all(math.isnan(g[j]) for g in grid) for j in range(len(codes))]
        heights = bottom if stacked else np.nanmax(np.array(grid, dtype=float), axis=0,
                                                     initial=0.0)
        top = max([float(h) for h, e in zip(heights, empty, strict=True) if not e] + [1.0])
        partial = []  # stacks missing some part: their total is only what was reported
        for j, e in enumerate(empty):
            if e or stacked:
                missing = [labels[i] for i, g in enumerate(grid) if math.isnan(g[j])]
                text = NO_DATA[lang] if e else fmt.number(bottom[j], lang)
                if stacked and not e and missing:
                    text += "*"
                    partial.append(f"{_period_label(codes[j], lang)}: "
                                   + ", ".join(nfc(m) for m in missing))
                ax.text(x[j], (0 if e else bottom[j]) + top * 0.02, text, ha="center",
                        va="bottom", fontsize=SMALL, color="#777777" if e else "#222222")
        if partial:
            ax.set_xlabel(_wrap(PARTIAL_NOTE[lang] + "; ".join(partial), 90), fontsize=SMALL,
                          fontstyle="italic", color="#555555")
        ax.set_ylim(0, top * 1.15)
        ax.yaxis.set_major_formatter(number_formatter(lang))
        ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
        ax.set_ylabel(nfc(ylabel))
        _finish_periods(fig, ax, codes, sub, lang, current, title)
    return fig


def rate_periods(
    table: pd.DataFrame,
    measures: Sequence[str],
    labels: Sequence[str] | None = None,
    *,
    lang: str = "vi",
    title: str = "",
    current: str | None = None,
) -> Figure:
    """Grouped bars of rates (0–100 %) by period, each bar labelled ``98,8%``."""
    labels = _labels(measures, labels, lang)
    with style():
        fig, ax, codes, sub = _periods_figure(table, measures)
        if len(codes) > TREND_FROM:
            _trend(ax, codes, _grid(sub, measures, codes), labels,
                   lang, kind="percent")
            ax.yaxis.set_major_formatter(number_formatter(lang, "percent"))
            _finish_periods(fig, ax, codes, sub, lang, current, title)
            return fig
        x = np.arange(len(codes))
        width = 0.8 / max(len(measures), 1)
        grid = _grid(sub, measures, codes)
        for i, (row, label) in enumerate(zip(grid, labels, strict=True)):
            vals = np.array(row)
            pos = x - 0.4 + width * (i + 0.5)
            ax.bar(pos, np.nan_to_num(vals), width=width * 0.92, color=COLOURS[i % len(COLOURS)],
                   label=_wrap(label, 34))
            for px, v in zip(pos, vals, strict=True):
                text = "–" if math.isnan(v) else fmt.percent(v, lang, 1)
                ax.text(px, (0 if math.isnan(v) else v) + 1.5, text, ha="center", va="bottom",
                        fontsize=SMALL)
        finite = sub["value"].astype(float).dropna()
        ax.set_ylim(0, max(112.0, float(finite.max()) * 1.1 if len(finite) else 0.0))
        ax.set_yticks([0, 25, 50, 75, 100])
        ax.yaxis.set_major_formatter(number_formatter(lang, "percent"))
        _finish_periods(fig, ax, codes, sub, lang, current, title)
    return fig


def ranking_dots(
    table: pd.DataFrame,
    measure: str,
    names: dict[str, str],
    *,
    lang: str = "vi",
    title: str = "",
    kind: str = "percent",
    tiebreak: str | None = None,
) -> Figure | None:
    """A dot chart of ``measure`` by agency or field, best on top (order of the ranked table).

    Dots, not bars, because rates often sit close together (98–100 %): the axis can then
    start above zero without exaggerating bar lengths; the axis says where it starts.
    Real figures are filled dots, illustrative ones hollow.  Rows without data are listed
    with "no data".  Returns ``None`` when no row has a value (nothing worth drawing).
    """
    if table.empty or table[measure].isna().all():
        return None
    with style():
        rows = comparison.rank(table, measure, tiebreak=tiebreak)
        # a long name (an English department's) on two lines: the dots keep their room, and
        # the rows are taller
        ticks = [_wrap(names.get(k, k), 34) for k in rows["key"]]
        row = 0.4 if any("\n" in t for t in ticks) else 0.3
        fig = _figure(WIDTH, max(2.4, row * len(rows) + 1.3))
        ax = fig.subplots()
        y = np.arange(len(rows))[::-1]
        vals = rows[measure].astype(float).to_numpy()
        ill = rows["illustrative"].astype(bool).to_numpy() if "illustrative" in rows else \
            np.zeros(len(rows), bool)
        # a unit whose data failed its checks is not drawn: it is named, with "lỗi số liệu"
        bad = (rows["unranked"] == "error").to_numpy() if "unranked" in rows else \
            np.zeros(len(rows), bool)
        vals = np.where(bad, np.nan, vals)
        finite = vals[~np.isnan(vals)]
        if not len(finite):
            return None
        lo, hi = float(finite.min()), float(finite.max())
        if kind == "percent":
            span = max(hi - lo, 1.0)
            left = max(0.0, math.floor((lo - 0.15 * span) / 5) * 5) if lo > 40 else 0.0
            right = max(100.0, hi)  # the axis covers every value drawn: nothing is clipped
        else:
            left, right = min(0.0, lo), hi * 1.08 or 1.0
        ax.hlines(y, left, np.where(np.isnan(vals), left, vals), color="#dddddd", lw=0.8)
        for filled in (True, False):
            sel = (~ill if filled else ill) & ~np.isnan(vals)
            ax.plot(vals[sel], y[sel], "o", ms=6, color=COLOURS[0],
                    markerfacecolor=COLOURS[0] if filled else "white", markeredgewidth=1.3)
        for yi, v, b in zip(y, vals, bad, strict=True):
            text = (DATA_ERROR[lang] if b else NO_DATA[lang]) if math.isnan(v) else (
                fmt.percent(v, lang, 1) if kind == "percent" else fmt.number(v, lang))
            ax.annotate(text, (left if math.isnan(v) else v, yi), xytext=(7, 0),
                        textcoords="offset points", va="center", fontsize=SMALL,
                        color="#777777" if math.isnan(v) else "#222222")
        ax.set_yticks(y, ticks)
        ax.set_ylim(-0.7, len(rows) - 0.3)
        _vertical_grid(ax)
        ax.set_xlim(left, right + (right - left) * 0.12)
        ax.xaxis.set_major_formatter(number_formatter(lang, kind))
        ax.xaxis.set_major_locator(MaxNLocator(nbins=6))
        ax.set_title(nfc(title))
        handles = []
        if (~ill).any():
            handles.append(Line2D([], [], marker="o", ls="", color=COLOURS[0],
                                  label="số liệu thật" if lang == "vi" else "real figures"))
        if ill.any():
            handles.append(Line2D([], [], marker="o", ls="", color=COLOURS[0],
                                  markerfacecolor="white",
                                  label="minh họa" if lang == "vi" else "illustrative"))
        if left > 0:
            handles.append(Line2D([], [], ls="", label=(
                f"trục bắt đầu từ {fmt.number(left, lang)}%" if lang == "vi"
                else f"axis starts at {fmt.number(left, lang)}%")))
        fig.legend(handles=handles, loc="outside lower center", ncols=len(handles))
        if ill.any():
            watermark(fig, lang)
    return fig


# -- PAPI ----------------------------------------------------------------------------------------
def papi_trend(
    trend: pd.DataFrame,
    measure: str,
    *,
    lang: str = "vi",
    title: str = "",
    province: str = "Hưng Yên",
    kind: str = "score",
    break_year: int | None = 2018,
    ax=None,
) -> Figure:
    """Lines of a province's PAPI ``measure`` by year, with national median and best province.

    ``trend`` is :func:`papi_analysis.analysis.papi.trend`'s long table (year, measure, value,
    national_median, best, missing).  Missing years break the lines and are marked on the
    axis; ``break_year`` draws the 2018 scale change (totals are not comparable across it).
    """
    with style():
        own = ax is None
        fig = _figure(WIDTH, 3.3) if own else ax.figure
        ax = fig.subplots() if own else ax
        df = trend[trend["measure"] == measure].sort_values("year")
        if df.empty:
            _no_data(ax, lang)
        else:
            years, df = _by_year(df)
            med = "trung vị cả nước" if lang == "vi" else "national median"
            best = "tỉnh cao nhất" if lang == "vi" else "best province"
            ax.plot(years, df["national_median"], color=MEDIAN_COLOUR, ls="--", lw=1.2,
                    marker=".", label=med)
            ax.plot(years, df["best"], color=BEST_COLOUR, ls=":", lw=1.4, marker=".", label=best)
            ax.plot(years, df["value"], color=COLOURS[0], lw=2.2, marker="o", ms=4,
                    label=nfc(province))
            for yr in years[df["value"].isna().to_numpy()]:
                _mark_missing(ax, yr)
            if break_year and years.min() < break_year <= years.max():
                ax.axvline(break_year - 0.5, color="#444444", lw=0.8)
                ax.text(break_year - 0.45, 1.0, " thang điểm mới" if lang == "vi" else
                        " new scale", transform=ax.get_xaxis_transform(), fontsize=SMALL,
                        va="top", color="#444444")
            ax.set_xticks(years, [str(y) if y % 2 == years.min() % 2 else "" for y in years])
            ax.yaxis.set_major_formatter(number_formatter(lang, kind))
            if own:
                _legend_below(fig, ax)
        ax.set_title(nfc(title), fontsize=10.5 if own else 9)
    return fig


def papi_dimensions(
    trend: pd.DataFrame,
    labels: dict[str, str],
    *,
    lang: str = "vi",
    title: str = "",
    province: str = "Hưng Yên",
) -> Figure:
    """Small multiples of the eight dimensions (d1–d8), each with median and best."""
    with style():
        # two columns, not four: each panel stays wide enough to read on a phone; eight axes
        # and a suptitle: matplotlib's constrained layout (FitLayout fits one axes)
        fig = Figure(figsize=(WIDTH, 8.6), layout="constrained")
        axes = fig.subplots(4, 2, sharex=True)
        years = sorted(set(trend["year"].astype(int)))
        ticks = [y for y in years if (y - years[0]) % 4 == 0] if years else []
        for ax, d in zip(axes.flat, [f"d{i}" for i in range(1, 9)], strict=True):
            papi_trend(trend, d, lang=lang, title=_wrap(labels.get(d, d), 26), province=province,
                       break_year=None, ax=ax)
            ax.tick_params(labelsize=SMALL)
        for ax in axes.flat:
            ax.set_xticks(ticks, [f"’{y % 100:02d}" for y in ticks])
            if years:
                ax.set_xlim(years[0] - 0.6, years[-1] + 0.6)
        h, lab = axes.flat[0].get_legend_handles_labels()
        fig.legend(h, lab, loc="outside lower center", ncols=3)
        fig.suptitle(nfc(title), x=0.01, ha="left", fontweight="bold", fontsize=10.5)
    return fig


def papi_side_by_side(df: pd.DataFrame, gso_codes: Sequence[int], names: Sequence[str], *,
                      lang: str = "vi", title: str = "") -> Figure:
    """One line per province of D1–D6 (comparable across years) from
    :func:`papi_analysis.analysis.papi.side_by_side`: a merged province's predecessors."""
    with style():
        fig = _figure(WIDTH, 3.3)
        ax = fig.subplots()
        if df.empty:
            _no_data(ax, lang)
        else:
            years = df["year"].to_numpy()
            for i, (g, name) in enumerate(zip(gso_codes, names, strict=True)):
                ax.plot(years, df[f"d16_{g}"], color=COLOURS[i % len(COLOURS)], lw=2.0,
                        marker="o", ms=3.5, label=nfc(name))
            ax.set_xticks(years, [str(y) if y % 2 == years.min() % 2 else "" for y in years])
            ax.yaxis.set_major_formatter(number_formatter(lang, "score"))
            _legend_below(fig, ax)
        ax.set_title(nfc(title), fontsize=10.5)
    return fig


def rank_history(ranks: pd.DataFrame, *, lang: str = "vi", title: str = "") -> Figure:
    """A province's PAPI rank by year (1 on top); missing years break the line."""
    with style():
        fig = _figure(WIDTH, 3.0)
        ax = fig.subplots()
        df = ranks.sort_values("year")
        if df.empty or df["rank"].isna().all():
            _no_data(ax, lang)
        else:
            years, df = _by_year(df)
            ax.plot(years, df["rank"], color=COLOURS[0], lw=2, marker="o", ms=4)
            n = df["n_ranked"].max()
            for yr, r in zip(years, df["rank"], strict=True):
                if math.isnan(r):
                    _mark_missing(ax, yr)
                else:
                    ax.annotate(fmt.number(r, lang), (yr, r), textcoords="offset points",
                                xytext=(0, 6), ha="center", fontsize=SMALL)
            if not math.isnan(n):
                for q in (0.25, 0.5, 0.75):
                    ax.axhline(n * q + 0.5, color="#cccccc", lw=0.6, ls="--")
                ax.set_ylim(n + 1, 0)
            ax.set_xticks(years, [str(y) for y in years], rotation=0, fontsize=SMALL)
            ax.yaxis.set_major_formatter(number_formatter(lang))
            ax.set_ylabel("thứ hạng" if lang == "vi" else "rank")
        ax.set_title(nfc(title))
    return fig


# -- output --------------------------------------------------------------------------------------
class _Renderer(RendererAgg):
    """Agg, remembering each font's line metrics.

    Matplotlib reads a font's ascent, descent and line gap from its tables every time it
    lays out a text, several times per text and draw; this renderer reads them once per font
    and size (matplotlib asks its renderer first: ``_get_font_height_metrics``).  The values
    are computed as matplotlib computes them."""

    def __init__(self, width, height, dpi):
        super().__init__(width, height, dpi)
        self._heights: dict = {}

    def _get_font_height_metrics(self, prop):
        key = prop.copy()  # FontProperties hash by their (mutable) state: keep a copy
        hit = self._heights.get(key)
        if hit is None:
            hit = self._heights[key] = _font_height_metrics(prop, self.dpi)
        return hit


def _font_height_metrics(prop, dpi: float) -> tuple:
    """What ``matplotlib.text.Text._get_layout`` computes for a font: minimum ascent and
    descent and the line gap, in pixels (``(None, None, None)`` when the font lacks the
    tables, and then matplotlib measures)."""
    from matplotlib.font_manager import fontManager, get_font

    try:
        font = get_font(fontManager._find_fonts_by_props(prop))
    except AttributeError:  # another matplotlib: let it measure
        return None, None, None
    for table_name, gap, ascent, descent in [
            ("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
            ("hhea", "lineGap", "ascent", "descent")]:
        table = font.get_sfnt_table(table_name)
        if table is None:
            continue
        scale = 1 / font.get_sfnt_table("head")["unitsPerEm"] * prop.get_size_in_points() \
            * dpi / 72
        return table[ascent] * scale, -table[descent] * scale, table[gap] * scale
    return None, None, None


class _Canvas(FigureCanvasAgg):
    """An Agg canvas that draws on a renderer kept for its size and dpi.

    Matplotlib caches the size of each text per renderer; a fresh renderer per chart would
    measure the same tick labels, period names and legend entries again in every chart of
    an appendix.  The renderer is cleared before each draw, so nothing of one chart shows in
    the next."""

    _renderers: dict[tuple, RendererAgg] = {}

    def get_renderer(self):
        w, h = self.get_width_height(physical=True)
        key = (w, h, self.figure.dpi)
        renderer = self._renderers.get(key)
        if renderer is None:
            if len(self._renderers) >= 8:  # ranking charts vary in height: keep a few sizes
                self._renderers.pop(next(iter(self._renderers)))
            renderer = self._renderers[key] = _Renderer(w, h, self.figure.dpi)
        self.renderer = renderer
        return renderer


def to_bytes(fig: Figure, format: str = "png", dpi: int = 110) -> bytes:
    """The figure as PNG or SVG bytes, drawn with the chart style.

    PNGs are reduced to a palette of at most 256 colours: charts have few colours, and this
    keeps an appendix with half a dozen charts at a few hundred kilobytes (about a third of
    the full-colour size) with no visible change (see :func:`_palette_png`).
    """
    if format != "png":
        buf = io.BytesIO()
        with style():
            fig.savefig(buf, format=format, dpi=dpi, facecolor="white",
                        metadata={"Date": None, "Creator": None})
        return buf.getvalue()
    # draw once with Agg and quantize its pixels: no PNG encode / decode round trip
    with style():
        old_dpi, old_face = fig.get_dpi(), fig.get_facecolor()
        fig.set_dpi(dpi)
        fig.set_facecolor("white")
        try:
            canvas = _Canvas(fig)
            canvas.draw()
            img = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(),
                                   "raw", "RGBA", 0, 1).convert("RGB")
        finally:
            fig.set_dpi(old_dpi)
            fig.set_facecolor(old_face)
    return _palette_png(img)


#: How many of an image's most frequent colours are given back exactly after quantizing.
EXACT_COLOURS = 32


def _palette_png(img: Image.Image) -> bytes:
    """``img`` (RGB) as a palette PNG.

    The fast octree quantizer is eight times faster than median cut on a chart, and its
    files are smaller, but each palette colour is the mean of its bucket: the white
    background would come out 254, a bar's colour one step off.  So the image's most
    frequent colours (background, bars, lines, text) are put back exactly in the palette;
    what stays approximate is the anti-aliased edge pixels, within a few levels.  zlib's
    default level 6 encodes seven times faster than level 9 for about a tenth more bytes.
    """
    pal = img.quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    common = img.getcolors(1 << 16)  # None when a (photo-like) image has more colours
    if common:
        colours = np.frombuffer(pal.palette.tobytes(), np.uint8).reshape(-1, 3).astype(int)
        taken: set[int] = set()
        for _n, colour in sorted(common, key=lambda c: -c[0])[:EXACT_COLOURS]:
            dist = np.abs(colours - np.asarray(colour)).max(axis=1)
            j = int(dist.argmin())
            if j not in taken and dist[j] <= 16:
                colours[j] = colour
                taken.add(j)
        pal.putpalette(colours.astype(np.uint8).tobytes())
    out = io.BytesIO()
    pal.save(out, format="PNG", compress_level=6)
    return out.getvalue()


def to_data_uri(fig: Figure, format: str = "png", dpi: int = 110) -> str:
    """The figure as a ``data:`` URI, for embedding in a self-contained HTML file."""
    mime = {"png": "image/png", "svg": "image/svg+xml"}[format]
    return f"data:{mime};base64," + base64.b64encode(to_bytes(fig, format, dpi)).decode("ascii")


# -- helpers -------------------------------------------------------------------------------------
#: More periods than this (the reporting period and three comparisons) are drawn as lines, one
#: per measure, with the periods named by their codes: bars and long labels would collide.
TREND_FROM = 4


def _trend(ax, codes: Sequence[str], grid: list[list[float]], labels: Sequence[str],
           lang: str, kind: str = "count") -> None:
    """One line per measure across ``codes`` (oldest first); each line's last value is written
    to the right of it, moved apart when two lines end close together."""
    x = np.arange(len(codes))
    ends = []
    for i, (vals, label) in enumerate(zip(grid, labels, strict=True)):
        v = np.array(vals, dtype=float)
        colour = COLOURS[i % len(COLOURS)]
        ax.plot(x, v, color=colour, lw=2, marker="o", ms=4, label=_wrap(label, 34))
        have = np.flatnonzero(~np.isnan(v))
        if len(have):
            j = int(have[-1])
            text = fmt.percent(v[j], lang, 1) if kind == "percent" else fmt.number(v[j], lang)
            ends.append([float(v[j]), float(v[j]), j, text, colour])
    finite = [e[0] for e in ends]
    lo = min([*finite, 0.0]) if kind != "percent" else min(finite, default=0.0)
    hi = max(finite, default=1.0)
    gap = max(hi - lo, 1.0) * 0.07
    ends.sort(key=lambda e: e[0])
    for a, b in zip(ends, ends[1:], strict=False):  # push labels apart, bottom up
        b[1] = max(b[1], a[1] + gap)
    for value, at, j, text, colour in ends:
        ax.annotate(text, (x[j], value), xytext=(x[j] + 0.12, at), textcoords="data",
                    ha="left", va="center", fontsize=SMALL, color=colour)
    ax.set_xlim(-0.3, len(codes) - 1 + 0.75)
    ax.margins(y=0.12)


def _sort_key(code: str):
    try:
        return periods.parse(code).sort_key()
    except PapiError:  # an unparseable code sorts by its text
        return (code,)


def _value(table: pd.DataFrame, measure: str, period: str) -> float:
    hit = table[(table["measure"] == measure) & (table["period"] == period)]["value"]
    return float(hit.iloc[0]) if len(hit) and pd.notna(hit.iloc[0]) else float("nan")


def _grid(table: pd.DataFrame, measures: Sequence[str], codes: Sequence[str]) -> list[list[float]]:
    """``[[_value(table, m, p) for p in codes] for m in measures]`` in one pass over ``table``
    (the first row of each measure and period, NaN where there is none)."""
    first: dict[tuple, object] = {}
    for key in zip(table["measure"], table["period"], table["value"], strict=True):
        first.setdefault(key[:2], key[2])
    return [[float(v) if (v := first.get((m, p))) is not None and pd.notna(v)
             else float("nan") for p in codes] for m in measures]


def _legend_below(fig: Figure, ax) -> None:
    handles, labels = ax.get_legend_handles_labels()
    if handles:
        # long labels in three columns would run off the figure: two columns then
        widest = max(len(line) for lab in labels for line in lab.split("\n"))
        ncols = min(len(handles), 3 if widest <= 24 else 2)
        fig.legend(handles, labels, loc="outside lower center", ncols=ncols)


def _labels(measures: Sequence[str], labels: Sequence[str] | None, lang: str) -> list[str]:
    return list(labels) if labels else [comparison.get(c).label(lang) for c in measures]


def _periods_figure(table: pd.DataFrame, measures: Sequence[str]):
    """A one-axes figure, the periods of ``table`` (oldest first) and the rows of ``measures``."""
    fig = _figure()
    ax = fig.subplots()
    codes = sorted(dict.fromkeys(table["period"]), key=_sort_key)
    return fig, ax, codes, table[table["measure"].isin(list(measures))]


def _finish_periods(fig: Figure, ax, codes: Sequence[str], sub: pd.DataFrame, lang: str,
                    current: str | None, title: str) -> None:
    """Period labels, title, legend and, for illustrative data, the watermark."""
    _period_axis(ax, codes, lang, current)
    ax.set_title(nfc(title))
    _legend_below(fig, ax)
    ill = sub[sub["illustrative"].astype(bool) & sub["value"].notna()]
    if current is None or (ill["period"] == current).any():
        if len(ill):
            watermark(fig, lang)
        return
    # real figures of the reporting period: only the illustrative comparison periods are
    # marked (hatched bars, "minh họa" under their label), never the real bars
    marked = {i for i, c in enumerate(codes) if c in set(ill["period"])}
    for patch in ax.patches:
        if round(patch.get_x() + patch.get_width() / 2) in marked:
            patch.set_hatch("///")
            patch.set_alpha(0.45)
    word = ILLUSTRATIVE_WORD.get(lang, "illustrative")
    labels = [_tick_label(c, lang, len(codes)) + (f"\n({word})" if i in marked else "")
              for i, c in enumerate(codes)]
    ax.set_xticks(np.arange(len(codes)), labels)
    for i, tick in enumerate(ax.get_xticklabels()):
        if i in marked:
            tick.set_color("#666666")
            tick.set_fontstyle("italic")
        elif codes[i] == current:
            tick.set_fontweight("bold")


def _by_year(df: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame]:
    """Every year from ``df``'s first to its last, and ``df`` indexed by them (gaps as NaN)."""
    years = np.arange(int(df["year"].min()), int(df["year"].max()) + 1)
    return years, df.set_index("year").reindex(years)


def _mark_missing(ax, year: int) -> None:
    ax.axvspan(year - 0.4, year + 0.4, color=MISSING_COLOUR, alpha=0.25, lw=0)


def _no_data(ax, lang: str) -> None:
    ax.text(0.5, 0.5, NO_DATA[lang], ha="center", va="center", transform=ax.transAxes)


def _vertical_grid(ax) -> None:
    # horizontal bars and dots are read against vertical lines
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)


def _tick_label(code: str, lang: str, n: int) -> str:
    """A period under the axis: its label (``6 tháng đầu năm 2024``), or with many periods its
    code (``2024-H1``), which fits."""
    return code if n > TREND_FROM else _wrap(_period_label(code, lang), 16)


def _period_axis(ax, codes: Sequence[str], lang: str, current: str | None) -> None:
    ax.set_xticks(np.arange(len(codes)), [_tick_label(c, lang, len(codes)) for c in codes])
    for tick, code in zip(ax.get_xticklabels(), codes, strict=True):
        if code == current:
            tick.set_fontweight("bold")
    ax.grid(axis="x", visible=False)
