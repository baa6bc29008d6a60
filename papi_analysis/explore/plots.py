"""Charts of exploration results, in the appendices' style (:mod:`papi_analysis.appendix.charts`).

Each function returns a matplotlib :class:`~matplotlib.figure.Figure` (displayed by Jupyter
as it is, saved with ``fig.savefig``).  Illustrative points are hollow, points whose data
failed its checks are not drawn as values but marked ✕ and named in the legend.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ..analysis import comparison
from ..analysis import papi as papi_scores
from ..appendix import charts
from ..errors import ParameterError
from ..text import nfc

_WORDS = {
    "vi": {"real": "số liệu thật", "ill": "minh họa (rỗng)", "err": "lỗi số liệu (không vẽ)",
           "period": "kỳ báo cáo", "changed": "đơn vị thay đổi (sáp nhập)"},
    "en": {"real": "real figures", "ill": "illustrative (hollow)",
           "err": "data error (not drawn)", "period": "period",
           "changed": "unit changed (merger)"},
}


def show_in_notebooks() -> None:
    """Let Jupyter draw a returned figure (a plain matplotlib ``Figure``, made without
    pyplot, has no picture of its own): register the chart PNG as its image in the
    running IPython, if any.  Nothing happens outside IPython."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with Jupyter
        return
    shell = get_ipython()
    if shell is None:
        return
    png = shell.display_formatter.formatters["image/png"]
    png.for_type(Figure, lambda fig: charts.to_bytes(fig, "png"))


def draw(table, **kwargs) -> Figure:
    """The chart of an exploration :class:`~.results.Table` (see :meth:`Table.plot`)."""
    show_in_notebooks()
    view = getattr(table, "view", None) or {}
    what = view.get("what")
    if what == "trend":
        return trend(table, **kwargs)
    if what == "compare":
        return compare(table, **kwargs)
    if what == "rank":
        return rank(table, **kwargs)
    if what == "papi":
        return papi(table, **kwargs)
    raise ParameterError("Bảng này không có biểu đồ; dùng pa.trend, pa.compare, pa.rank, "
                         "pa.papi.", "This table has no chart; use pa.trend, pa.compare, "
                         "pa.rank or pa.papi.", where="plot")


def trend(table, *, title: str | None = None) -> Figure:
    """One line per unit (or field) over the periods: real points filled, illustrative
    hollow, values of data with errors marked ✕ on the axis and not drawn.  With
    ``lineage=False``, a unit's periods before it changed (note ``unit_changed``) and after
    are two lines joined by a dotted one: they are not like for like."""
    view = table.view
    lang = view.get("lang", "vi")
    m = view["measure"]
    key = "field" if "field" in table.columns else "agency"
    codes = list(dict.fromkeys(table["period"]))
    x = {c: i for i, c in enumerate(codes)}
    w = _WORDS[lang]
    with charts.style():
        fig = Figure(figsize=(charts.WIDTH, 3.6), layout="constrained")
        ax = fig.subplots()
        handles, any_ill, any_err, any_real, any_changed = [], False, False, False, False
        for i, (unit, g) in enumerate(table.groupby(key, sort=False)):
            colour = charts.COLOURS[i % len(charts.COLOURS)]
            err = g["error"].astype(bool).to_numpy()
            ill = g["illustrative"].astype(bool).to_numpy()
            vals = np.where(err, np.nan, g["value"].astype(float).to_numpy())
            xs = np.array([x[p] for p in g["period"]])
            changed = (g["note"] == "unit_changed").to_numpy() if "note" in g else \
                np.zeros(len(g), bool)
            # a unit before a merger and after it: two lines, joined by a dotted one
            for part in (changed, ~changed):
                ax.plot(xs[part], vals[part], color=colour, lw=1.8, zorder=2)
            if changed.any() and (~changed).any():
                joined = np.isfinite(vals)
                last = np.flatnonzero(changed & joined)
                first = np.flatnonzero(~changed & joined)
                if len(last) and len(first):
                    i0, i1 = last[-1], first[0]
                    ax.plot(xs[[i0, i1]], vals[[i0, i1]], color=colour, lw=1.2, ls=":",
                            zorder=2)
                    any_changed = True
            for filled in (True, False):
                sel = (~ill if filled else ill) & ~np.isnan(vals)
                ax.plot(xs[sel], vals[sel], "o", ms=5.5, color=colour, zorder=3,
                        markerfacecolor=colour if filled else "white", markeredgewidth=1.4)
            if err.any():
                ax.plot(xs[err], np.zeros(err.sum()), "x", color="#b00020", ms=7,
                        transform=ax.get_xaxis_transform(), clip_on=False, zorder=4)
            any_ill |= bool((ill & ~np.isnan(vals)).any())
            any_real |= bool((~ill & ~np.isnan(vals)).any())
            any_err |= bool(err.any())
            handles.append(Line2D([], [], color=colour, lw=1.8, label=nfc(str(unit or "—"))))
        if any_real:
            handles.append(Line2D([], [], marker="o", ls="", color="#444444", label=w["real"]))
        if any_ill:
            handles.append(Line2D([], [], marker="o", ls="", color="#444444",
                                  markerfacecolor="white", label=w["ill"]))
        if any_err:
            handles.append(Line2D([], [], marker="x", ls="", color="#b00020", label=w["err"]))
        if any_changed:
            handles.append(Line2D([], [], ls=":", color="#444444", label=w["changed"]))
        ax.set_xticks(range(len(codes)), codes)
        ax.tick_params(axis="x", labelrotation=45 if len(codes) > 5 else 0)
        ax.set_xlim(-0.4, len(codes) - 0.6)
        kind = "percent" if m.is_rate else "count"
        ax.yaxis.set_major_formatter(charts.number_formatter(lang, kind))
        if m.is_rate:
            finite = table["value"].astype(float).dropna()
            lo = float(finite.min()) if len(finite) else 0.0
            ax.set_ylim(max(0.0, math.floor(lo / 5) * 5 - 5) if lo > 40 else 0.0, 101)
        else:
            ax.set_ylim(bottom=0)
        ax.set_ylabel(nfc(m.unit_label(lang)))
        ax.grid(axis="x", visible=False)
        ax.set_title(nfc(title if title is not None else m.label(lang)))
        fig.legend(handles=handles, loc="outside lower center", ncols=min(len(handles), 3))
        if any_ill and not any_real:
            charts.watermark(fig, lang)
    return fig


def compare(table, *, agency: str | None = None, title: str | None = None) -> Figure:
    """The appendix's period chart of one unit's comparison (its rates, else its counts)."""
    view = table.view
    lang = view.get("lang", "vi")
    agency = agency or str(table["agency"].iloc[0])
    sub = pd.DataFrame(table[table["agency"] == agency])
    rates = [c for c in dict.fromkeys(sub["measure"]) if comparison.get(c).is_rate
             and sub.loc[sub["measure"] == c, "value"].notna().any()]
    if rates:
        return charts.rate_periods(sub, rates[:4], lang=lang, current=view.get("period"),
                                   title=title if title is not None else agency)
    counts = [c for c in dict.fromkeys(sub["measure"])
              if sub.loc[sub["measure"] == c, "value"].notna().any()][:4]
    return charts.period_bars(sub, counts, lang=lang, current=view.get("period"),
                              stacked=False, title=title if title is not None else agency)


def rank(table, *, title: str | None = None) -> Figure | None:
    """The appendix's ranking dot chart (units with errors named, not drawn)."""
    view = table.view
    lang = view.get("lang", "vi")
    m = view["measure"]
    names = dict(zip(table["key"], table["key"], strict=True))
    return charts.ranking_dots(pd.DataFrame(table), m.code, names, lang=lang,
                               title=title if title is not None else m.label(lang),
                               kind="percent" if m.is_rate else "count")


def papi(table, *, title: str | None = None) -> Figure:
    """The eight PAPI dimensions against the national median and the best province."""
    view = table.view
    lang = view.get("lang", "vi")
    labels = {f"d{i}": papi_scores.dimension_label(i, lang) for i in range(1, 9)}
    return charts.papi_dimensions(pd.DataFrame(table), labels, lang=lang,
                                  province=view.get("province", ""),
                                  title=title if title is not None else
                                  ("Các lĩnh vực PAPI" if lang == "vi" else "PAPI dimensions"))
