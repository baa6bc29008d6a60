"""charts fit their figure: with the registry's longest names, in Vietnamese and English, no
text of a chart is cut off by the figure's edge, and titles, legends and axes do not overlap.

Charts are laid out by :class:`papi_analysis.appendix.charts.FitLayout` from the sizes of
their texts; these tests draw the charts as an appendix does and look at where every text
ended up."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from papi_analysis.analysis import comparison
from papi_analysis.appendix import charts, tables
from papi_analysis.model import schema

LANGS = ["vi", "en"]
#: the shipped registry
UNITS = Path(__file__).resolve().parents[1] / "data" / "agencies" / "units.csv"


def longest_names(lang: str, n: int = 18) -> dict[str, str]:
    """The ``n`` longest names of the shipped registry as the appendices show them: the short
    Vietnamese name in vi, the full English name in en (there is no short one); in vi the
    longest full names as well (a field or unit without a short name shows it)."""
    codes = pd.read_csv(UNITS)["code"]
    names = {c: tables.agency_name(c, lang, short=True) for c in codes}
    if lang == "vi":
        names.update({f"{c}-full": tables.agency_name(c, lang) for c in codes})
    keep = sorted(names, key=lambda c: -len(names[c]))[:n]
    return {c: names[c] for c in keep}


LONG_TITLE = {
    "vi": "Tỷ lệ hồ sơ thủ tục hành chính giải quyết trước hạn và đúng hạn của các cơ quan "
          "chuyên môn thuộc Ủy ban nhân dân tỉnh, 6 tháng đầu năm 2024",
    "en": "Share of administrative procedure files resolved early or on time by the "
          "specialised departments of the Provincial People's Committee, first half of 2024",
}
LONG_LABELS = {
    "vi": ["Hồ sơ tiếp nhận trực tuyến qua Cổng dịch vụ công quốc gia",
           "Hồ sơ tiếp nhận trực tiếp tại Bộ phận một cửa",
           "Hồ sơ từ kỳ trước chuyển sang"],
    "en": ["Files received online through the National Public Service Portal",
           "Files received in person at the one-stop desk",
           "Files carried over from the previous period"],
}


def compare_table(illustrative: bool = False) -> pd.DataFrame:
    recs = []
    for p, (on, off, car, r, e) in {
            "2023-H1": (200_000, 50_000, 5, 240_000, 230_000),
            "2023-H2": (220_000, 30_000, 15, 250_000, 249_000),
            "2024-H1": (276_000, 1_200, 5, 281_000, 281_000)}.items():
        for ind, v in [("received_online", on), ("received_offline", off),
                       ("carried_over", car), ("resolved_total", r),
                       ("resolved_early_on_time", e), ("resolved_late", r - e),
                       ("pending_total", 15)]:
            recs.append({"agency": "SKHCN", "period": p, "indicator": "tthc." + ind, "value": v,
                         "illustrative": illustrative and p != "2024-H1"})
    rows = schema.conform(pd.DataFrame(recs))
    return comparison.against(rows, comparison.TTHC, "2024-H1", ["2023-H2", "2023-H1"])


def long_charts(lang: str) -> dict[str, Figure]:
    names = longest_names(lang)
    dots = pd.DataFrame({"key": list(names), "x": np.linspace(99.9, 96.0, len(names)),
                         "illustrative": [i % 2 == 0 for i in range(len(names))]})
    dots.loc[len(dots) - 1, "x"] = np.nan  # a unit without data: "không có số liệu"
    tab = compare_table(illustrative=True)
    tr = []
    for y in range(2011, 2025):
        tr.append({"year": y, "measure": "d1", "value": 5.0 + (y % 3) * 0.4,
                   "national_median": 5.1, "best": 6.4, "missing": False})
    tr = pd.DataFrame(tr)
    parts = ["tthc.received_online", "tthc.received_offline", "tthc.carried_over"]
    return {
        "ranking_dots": charts.ranking_dots(dots, "x", names, lang=lang,
                                            title=LONG_TITLE[lang]),
        "period_bars": charts.period_bars(tab, parts, LONG_LABELS[lang], lang=lang,
                                          title=LONG_TITLE[lang], current="2024-H1",
                                          ylabel="hồ sơ" if lang == "vi" else "files"),
        "period_bars_side": charts.period_bars(tab, parts, LONG_LABELS[lang], lang=lang,
                                               title=LONG_TITLE[lang], stacked=False),
        "rate_periods": charts.rate_periods(tab, ["rate.tthc_on_time",
                                                  "rate.tthc_online_received"],
                                            lang=lang, title=LONG_TITLE[lang],
                                            current="2024-H1"),
        "papi_trend": charts.papi_trend(tr, "d1", lang=lang, title=LONG_TITLE[lang],
                                        province="Bà Rịa - Vũng Tàu"),
        "rank_history": charts.rank_history(pd.DataFrame(
            {"year": list(range(2011, 2025)), "rank": list(range(50, 64)),
             "n_ranked": [63] * 14}), lang=lang, title=LONG_TITLE[lang]),
    }


def drawn_texts(fig: Figure) -> list[Text]:
    """Every visible, non-empty text of ``fig`` after drawing it as an appendix does, but the
    ILLUSTRATIVE watermark (a mark across the background, cut by the edges on purpose)."""
    charts.to_bytes(fig)
    fig.set_dpi(110)  # measure at the dpi it was laid out and drawn at
    marks = set(charts.WATERMARK.values())
    # a tick outside the axis' limits is not drawn, nor its label
    hidden = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            lo, hi = sorted(axis.get_view_interval())
            hidden.update(id(t.label1) for t in axis.get_major_ticks()
                          if not lo - 1e-9 <= t.get_loc() <= hi + 1e-9)
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()
            and t.get_text() not in marks and id(t) not in hidden]


CASES = [(lang, name) for lang in LANGS for name in long_charts("vi")]


@pytest.mark.parametrize("lang, name", CASES)
def test_no_text_is_cut_off_by_the_figure_edge(lang, name):
    fig = long_charts(lang)[name]
    frame = fig.bbox
    cut = []
    for t in drawn_texts(fig):
        b = t.get_window_extent()
        if b.x0 < frame.x0 - 0.5 or b.y0 < frame.y0 - 0.5 or b.x1 > frame.x1 + 0.5 \
                or b.y1 > frame.y1 + 0.5:
            cut.append((t.get_text()[:40], [round(v) for v in b.extents]))
    assert not cut, (f"figure {[round(v) for v in frame.extents]}", cut)


@pytest.mark.parametrize("lang, name", CASES)
def test_title_legend_and_tick_labels_do_not_overlap(lang, name):
    fig = long_charts(lang)[name]
    ax = fig.axes[0]
    box = ax.get_window_extent()
    shown = {id(t) for t in drawn_texts(fig)}
    ticks = [t.get_window_extent() for t in (*ax.get_xticklabels(), *ax.get_yticklabels())
             if id(t) in shown]
    title = ax._left_title.get_window_extent()
    assert title.y0 >= box.y1 - 0.5  # the title sits above the axes
    assert all(not title.overlaps(t) for t in ticks)
    for leg in fig.legends:
        lb = leg.get_window_extent()
        assert lb.y1 <= min([box.y0, *(t.y0 for t in ticks)]) + 0.5  # below every label
        assert lb.x0 >= fig.bbox.x0 - 0.5 and lb.x1 <= fig.bbox.x1 + 0.5
    ys = sorted((t.get_window_extent() for t in ax.get_yticklabels() if id(t) in shown),
                key=lambda b: b.y0)
    assert all(a.y1 <= b.y0 + 0.5 for a, b in zip(ys, ys[1:], strict=False))


def test_a_title_too_long_for_the_figure_is_wrapped_not_cut():
    fig = long_charts("vi")["ranking_dots"]
    drawn_texts(fig)
    title = fig.axes[0]._left_title
    assert "\n" in title.get_text()
    assert title.get_text().replace("\n", " ") == LONG_TITLE["vi"]  # the same words


def test_vietnamese_names_render_without_missing_glyphs():
    import warnings

    fig = long_charts("vi")["ranking_dots"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        charts.to_bytes(fig)
    labels = [t.get_text().replace("\n", " ") for t in fig.axes[0].get_yticklabels()]
    assert "Ban Quản lý Khu kinh tế và các khu công nghiệp tỉnh Thái Bình" in labels


def test_the_palette_png_keeps_the_main_colours_exactly():
    from io import BytesIO

    from PIL import Image

    fig = long_charts("vi")["period_bars"]
    img = Image.open(BytesIO(charts.to_bytes(fig)))
    assert img.mode == "P"
    colours = {c for _, c in img.convert("RGB").getcolors(1 << 16)}
    assert (255, 255, 255) in colours  # the background is white, not 254
    for hexc in charts.COLOURS[:3]:  # the bars' colours, exactly
        assert tuple(int(hexc[i:i + 2], 16) for i in (1, 3, 5)) in colours
