"""charts: Figures come back, Vietnamese diacritics render without missing glyphs, vi/en numbers."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from papi_analysis.analysis import comparison
from papi_analysis.appendix import charts
from papi_analysis.model import schema

TITLE = "Hồ sơ đúng hạn, Quý I/2024"
#: Every Vietnamese letter with every tone, upper and lower case.
ALL_VI = ("aàáảãạ ăằắẳẵặ âầấẩẫậ eèéẻẽẹ êềếểễệ iìíỉĩị oòóỏõọ ôồốổỗộ ơờớởỡợ uùúủũụ ưừứửữự "
          "yỳýỷỹỵ đ")
ALL_VI = ALL_VI + " " + ALL_VI.upper()


def render_strict(fig: Figure, fmt: str = "png") -> bytes:
    """Draw ``fig``; any warning (a missing glyph above all) fails the test."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return charts.to_bytes(fig, fmt)


def compare_table() -> pd.DataFrame:
    recs = []
    for p, (on, off, car, r, e, late, pend) in {
            "2023-H1": (200, 50, 5, 240, 230, 10, 15), "2023-H2": (220, 30, 15, 250, 249, 1, 15),
            "2024-H1": (276, 0, 5, 281, 281, 0, 0)}.items():
        for ind, v in [("received_online", on), ("received_offline", off),
                       ("carried_over", car), ("resolved_total", r),
                       ("resolved_early_on_time", e), ("resolved_late", late),
                       ("pending_total", pend)]:
            recs.append({"agency": "SKHCN", "period": p, "indicator": "tthc." + ind, "value": v,
                         "illustrative": p != "2024-H1"})
    rows = schema.conform(pd.DataFrame(recs))
    return comparison.against(rows, comparison.TTHC, "2024-H1", ["2023-H2", "2023-H1"])


def test_vietnamese_title_renders_without_missing_glyphs():
    fig = Figure()
    ax = fig.subplots()
    ax.set_title(TITLE)
    ax.set_xlabel(ALL_VI)
    render_strict(fig, "png")
    render_strict(fig, "svg")


def test_missing_glyph_detection_works():
    """The check above would fail with a font lacking Vietnamese letters (cmr10)."""
    fig = Figure()
    fig.subplots().set_title(TITLE, family="cmr10")
    with pytest.raises(UserWarning, match="missing from font"):
        render_strict(fig)


def test_decomposed_accents_are_composed():
    decomposed = "Ho\u0302\u0300 so\u031b"  # "Hồ sơ" typed with combining marks
    dots = pd.DataFrame({"key": ["S1"], "x": [95.0], "illustrative": [False]})
    fig = charts.ranking_dots(dots, "x", {"S1": decomposed}, title=decomposed)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == ["Hồ sơ"] and fig.axes[0].get_title(loc="left") == "Hồ sơ"


@pytest.mark.parametrize("lang, expected", [("vi", "1.234"), ("en", "1,234")])
def test_number_formatter(lang, expected):
    assert charts.number_formatter(lang)(1234) == expected
    assert charts.number_formatter(lang, "percent")(75) == "75%"
    assert charts.number_formatter(lang, "score")(4.5) == ("4,5" if lang == "vi" else "4.5")


def test_period_bars_and_rates():
    tab = compare_table()
    fig = charts.period_bars(tab, ["tthc.received_online", "tthc.received_offline",
                                   "tthc.carried_over"], ["Trực tuyến", "Trực tiếp", "Kỳ trước"],
                             title=TITLE, current="2024-H1")
    assert isinstance(fig, Figure)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "281" in texts and "255" in texts  # totals on top of the stacks, vi format
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert ticks[0].startswith("6 tháng đầu") and ticks[-1].endswith("2024")  # oldest first
    # the reporting period is real, the bases illustrative: no watermark over the real bars;
    # the illustrative periods say so under their label and their bars are hatched
    assert not [t for t in fig.texts if t.get_text() == "MINH HỌA"]
    assert "(minh họa)" not in ticks[-1]
    assert all(t.endswith("(minh họa)") for t in ticks[:-1])
    hatched = {round(p.get_x() + p.get_width() / 2) for p in fig.axes[0].patches if p.get_hatch()}
    assert hatched == set(range(len(ticks) - 1))
    render_strict(fig)
    fig = charts.period_bars(tab, ["tthc.received_online"], current="2023-H2")
    assert any("MINH HỌA" == t.get_text() for t in fig.texts)  # an illustrative current period
    fig = charts.period_bars(tab, ["tthc.resolved_total", "tthc.resolved_late"], stacked=False,
                             lang="en")
    render_strict(fig)
    fig = charts.rate_periods(tab, ["rate.tthc_on_time", "rate.tthc_online_received"],
                              lang="en", title="Rates")
    assert "100.0%" in [t.get_text() for t in fig.axes[0].texts]
    assert any("ILLUSTRATIVE" == t.get_text() for t in fig.texts)
    render_strict(fig)


def test_no_watermark_for_real_data():
    tab = compare_table()
    real = tab[tab.period == "2024-H1"]
    fig = charts.period_bars(real, ["tthc.received_online"], ["Trực tuyến"])
    assert not [t for t in fig.texts if t.get_text() == "MINH HỌA"]


def test_ranking_dots():
    t = pd.DataFrame({"key": ["SKHCN", "STP", "SNV"], "x": [100.0, 98.5, np.nan],
                      "illustrative": [False, True, True]})
    fig = charts.ranking_dots(t, "x", {"SKHCN": "Sở KH&CN", "STP": "Sở Tư pháp"}, title=TITLE)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == ["Sở KH&CN", "Sở Tư pháp", "SNV"]  # best first (on top), no data last
    ys = [t.get_position()[1] for t in fig.axes[0].get_yticklabels()]
    assert ys == sorted(ys, reverse=True)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "100,0%" in texts and "không có số liệu" in texts
    render_strict(fig)
    assert charts.ranking_dots(t.iloc[0:0], "x", {}) is None
    assert charts.ranking_dots(t.assign(x=np.nan), "x", {}) is None


def papi_trend_table() -> pd.DataFrame:
    recs = []
    for y in range(2011, 2025):
        for m in ["d1", "d7", "total_d1_d6"]:
            if m == "d7" and y < 2018:
                continue
            v = np.nan if y == 2014 else 5.0 + (y - 2011) * 0.1
            recs.append({"year": y, "measure": m, "value": v, "national_median": 5.0,
                         "best": 6.5, "missing": np.isnan(v)})
    return pd.DataFrame(recs)


def test_papi_charts():
    tr = papi_trend_table()
    fig = charts.papi_trend(tr, "d1", title="Tham gia của người dân ở cấp cơ sở",
                            province="Hưng Yên")
    line = next(x for x in fig.axes[0].lines if x.get_label() == "Hưng Yên")
    assert np.isnan(line.get_ydata()[2014 - 2011])  # a missing year breaks the line
    render_strict(fig)
    labels = {f"d{d}": f"D{d}. Quản trị điện tử" for d in range(1, 9)}
    fig = charts.papi_dimensions(tr, labels, title="Tám lĩnh vực", lang="en")
    assert len(fig.axes) == 8
    render_strict(fig)
    ranks = pd.DataFrame({"year": [2021, 2022, 2024], "rank": [5, 11, 19],
                          "n_ranked": [60, 61, 61]})
    fig = charts.rank_history(ranks, title="Thứ hạng")
    assert fig.axes[0].get_ylim()[0] > fig.axes[0].get_ylim()[1]  # rank 1 on top
    render_strict(fig)


def test_data_uri_sizes_are_modest():
    fig = charts.period_bars(compare_table(), ["tthc.received_online"], ["Trực tuyến"])
    uri = charts.to_data_uri(fig)
    assert uri.startswith("data:image/png;base64,")
    assert len(uri) < 120_000
    assert charts.to_data_uri(fig, "svg").startswith("data:image/svg+xml;base64,")


def test_a_stack_missing_a_part_says_its_total_is_only_what_was_reported():
    tab = compare_table()
    tab.loc[(tab["measure"] == "tthc.received_offline") & (tab["period"] == "2024-H1"),
            "value"] = np.nan
    fig = charts.period_bars(tab, ["tthc.received_online", "tthc.received_offline"],
                             ["Trực tuyến", "Trực tiếp"], current="2024-H1")
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "276*" in texts and "250" in texts  # 2023-H1 complete: 200 + 50, no star
    note = fig.axes[0].get_xlabel().replace("\n", " ")
    assert note.startswith("* Chỉ cộng các phần được báo cáo; không báo cáo: ")
    assert "6 tháng đầu năm 2024: Trực tiếp" in note
    render_strict(fig)


# -- read on a phone ---------------------------------------------------------------------------
def all_text(fig: Figure):
    """Every visible, non-empty text of a drawn figure (ticks, labels, legend, annotations)."""
    from matplotlib.text import Text

    charts.to_bytes(fig)  # lays the figure out as the appendix will

    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def many_periods_table() -> pd.DataFrame:
    recs = []
    for i, p in enumerate(["2022-H1", "2022-H2", "2023-H1", "2023-H2", "2024-H1", "2024-H2"]):
        for ind, v in [("received_online", 200 + 10 * i), ("received_offline", 50 - i),
                       ("carried_over", 5), ("resolved_total", 240 + 10 * i),
                       ("resolved_early_on_time", 230 + 10 * i), ("resolved_late", 10 - i),
                       ("pending_total", 15)]:
            recs.append({"agency": "SKHCN", "period": p, "indicator": "tthc." + ind,
                         "value": v, "illustrative": False})
    rows = schema.conform(pd.DataFrame(recs))
    return comparison.against(rows, comparison.TTHC, "2024-H2",
                              ["2024-H1", "2023-H2", "2023-H1", "2022-H2", "2022-H1"])


def every_chart():
    tab = compare_table()
    tr = papi_trend_table()
    dots = pd.DataFrame({"key": [f"S{i}" for i in range(18)], "x": np.linspace(90, 100, 18),
                         "illustrative": [False] * 18})
    many = many_periods_table()
    return {
        "period_bars": charts.period_bars(tab, ["tthc.received_online", "tthc.carried_over"],
                                          current="2024-H1", title=TITLE),
        "rate_periods": charts.rate_periods(tab, ["rate.tthc_on_time"], current="2024-H1"),
        "ranking_dots": charts.ranking_dots(dots, "x", {}, title=TITLE),
        "papi_trend": charts.papi_trend(tr, "d1", title=TITLE),
        "papi_dimensions": charts.papi_dimensions(tr, {f"d{d}": f"D{d}. Quản trị điện tử"
                                                       for d in range(1, 9)}, title=TITLE),
        "rank_history": charts.rank_history(pd.DataFrame(
            {"year": list(range(2011, 2025)), "rank": list(range(5, 19)),
             "n_ranked": [63] * 14}), title=TITLE),
        "trend_bars": charts.period_bars(many, ["tthc.received_online",
                                                "tthc.received_offline"], current="2024-H2"),
        "trend_rates": charts.rate_periods(many, ["rate.tthc_on_time",
                                                  "rate.tthc_online_received"],
                                           current="2024-H2"),
    }


@pytest.mark.parametrize("name", list(every_chart()))
def test_chart_text_is_at_least_9px_on_a_420px_phone(name):
    fig = every_chart()[name]
    assert fig.get_figwidth() <= charts.WIDTH
    # a text of p points in a figure w inches wide shown across a 420 px phone (400 px)
    small = [(t.get_text(), t.get_fontsize()) for t in all_text(fig)
             if t.get_fontsize() * charts.PHONE_PX / (72 * fig.get_figwidth())
             < charts.MIN_PHONE_PX]
    assert not small, small


def test_papi_small_multiples_are_two_columns():
    fig = every_chart()["papi_dimensions"]
    xs = sorted({round(ax.get_position().x0, 2) for ax in fig.axes})
    assert len(fig.axes) == 8 and len(xs) == 2


def test_many_periods_are_drawn_as_lines_with_labels_that_do_not_overlap():
    for name in ("trend_bars", "trend_rates"):
        fig = every_chart()[name]
        ax = fig.axes[0]
        assert not [p for p in ax.patches if p.get_height() > 0]  # no bars
        assert len(ax.lines) == 2  # one line per measure
        ticks = [t.get_text() for t in ax.get_xticklabels()]
        assert ticks == ["2022-H1", "2022-H2", "2023-H1", "2023-H2", "2024-H1", "2024-H2"]
        charts.to_bytes(fig)
        boxes = [t.get_window_extent() for t in ax.get_xticklabels()]
        assert all(a.x1 <= b.x0 for a, b in zip(boxes, boxes[1:], strict=False)), name
