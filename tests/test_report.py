"""report: number formats, escaping, banner, captions, footnotes and parameter checks."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest

from papi_analysis.analysis import comparison, papi
from papi_analysis.appendix import report, tables
from papi_analysis.errors import ParameterError
from papi_analysis.model import schema


def tidy(rows: list[tuple]) -> pd.DataFrame:
    """(agency, period, indicator, value, illustrative[, field]) → tidy rows with sources."""
    recs = [{"agency": a, "period": p, "indicator": i, "value": v, "illustrative": ill,
             "field": r[5] if len(r) > 5 else "",
             "source_file": "seed.csv" if not ill else "panel.csv", "source_row": n}
            for n, r in enumerate(rows, start=2) for a, p, i, v, ill in [r[:5]]]
    return schema.conform(pd.DataFrame(recs))


ROWS = tidy([
    ("SKHCN", "2024-H1", "tthc.files_total", 281, False),
    ("SKHCN", "2024-H1", "tthc.received_in_period", 276, False),
    ("SKHCN", "2024-H1", "tthc.resolved_total", 281, False),
    ("SKHCN", "2024-H1", "tthc.resolved_early_on_time", 281, False),
    ("SKHCN", "2024-H1", "tthc.received_offline", 5, False),
    ("SKHCN", "2023-H2", "tthc.files_total", 1234, True),
    ("SKHCN", "2023-H2", "tthc.received_offline", 0, True),
    ("SKHCN", "2023-H2", "tthc.resolved_total", 200, True),
    ("SKHCN", "2023-H2", "tthc.resolved_early_on_time", 190, True),
])


@pytest.fixture
def ctx():
    return report.setup("2024-H1", ["previous", "same_period_last_year"], "SKHCN", "vi", "",
                        appendix=1)


@pytest.fixture
def ctx_en():
    return report.setup("2024-H1", ["previous"], "SKHCN", "en", "", appendix=1)


# -- cells --------------------------------------------------------------------------------------
@pytest.mark.parametrize("value, kind, vi, en", [
    (1234, "count", "1.234", "1,234"),
    (1234567, "count", "1.234.567", "1,234,567"),
    (1234.5, "amount", "1.234,5", "1,234.5"),
    (1234.0, "amount", "1.234", "1,234"),
    (98.8123, "percent", "98,8%", "98.8%"),
    (2024, "year", "2024", "2024"),
    (45.366, "score", "45,37", "45.37"),
    (-3, "signed", "−3", "−3"),
    (12, "signed", "+12", "+12"),
    (1.5, "pp", "+1,5 điểm %", "+1.5 pp"),
    (float("nan"), "count", "–", "–"),
    (None, "percent", "–", "–"),
    (dt.date(2024, 3, 13), "date", "13/03/2024", "13/03/2024"),
    ("Sở <KH&CN>", "text", "Sở &lt;KH&amp;CN&gt;", "Sở &lt;KH&amp;CN&gt;"),
])
def test_cell_formats(value, kind, vi, en):
    assert report.cell(value, kind, "vi") == vi
    assert report.cell(value, kind, "en") == en


def test_sources_note_compresses_rows():
    rows = tidy([("A", "2024-H1", "tthc.files_total", 1, False)] * 1)
    rows = pd.concat([rows] * 5, ignore_index=True)
    rows["source_row"] = [2, 3, 4, 9, 11]
    note = report.sources_note(rows, "vi")
    assert "seed.csv, dòng 2–4, 9, 11" in note
    rows["illustrative"] = True
    assert "(minh họa)" in report.sources_note(rows, "vi")
    assert "(illustrative)" in report.sources_note(rows, "en")


# -- header, banner, provenance ----------------------------------------------------------------
def _flipped(rows):
    """The same rows with real and illustrative swapped: the reporting period illustrative."""
    return rows.assign(illustrative=~rows["illustrative"].astype(bool))


def test_header_banner_names_what_is_illustrative_and_what_is_real(ctx):
    h = ctx.header(_flipped(ROWS))._repr_html_()
    assert "SỐ LIỆU MINH HỌA — không phải số liệu thật" in h
    assert "Số minh họa do máy tạo ra (in nghiêng trong bảng): Sở KH&amp;CN (6 tháng đầu năm " \
           "2024)" in h
    assert "Số thật: Sở KH&amp;CN, 6 tháng cuối năm 2023 (panel.csv)" in h
    assert "Phụ lục 1" in h and "Tình hình giải quyết thủ tục hành chính" in h


def test_real_period_with_illustrative_comparisons_says_so_in_one_line(ctx):
    h = ctx.header(ROWS)._repr_html_()
    assert "pa-banner" not in h and "SỐ LIỆU MINH HỌA" not in h
    note = re.search(r'<p class="pa-illnote"[^>]*>(.*?)</p>', h).group(1)
    assert note == ("Số liệu kỳ báo cáo (6 tháng đầu năm 2024) là số thật; các cột so sánh "
                    "(6 tháng cuối năm 2023) là số minh họa, in nghiêng, không phải số thật.")


def test_header_without_illustrative_rows_has_no_banner(ctx):
    real = ROWS[~ROWS.illustrative]
    for h in (ctx.header(real)._repr_html_(), ctx.header(illustrative=False)._repr_html_()):
        assert "pa-banner" not in h and "pa-illnote" not in h and "MINH HỌA" not in h


def test_banner_in_english(ctx_en):
    h = ctx_en.header(_flipped(ROWS))._repr_html_()
    assert "ILLUSTRATIVE DATA — not real figures" in h and "Appendix 1" in h
    assert "Real figures: " in h and "Second half of 2023 (panel.csv)" in h
    h = ctx_en.header(ROWS)._repr_html_()
    assert "Figures for the reporting period (First half of 2024) are real; the comparison " \
           "columns (Second half of 2023) are illustrative" in h


def test_provenance_box(ctx):
    p = ctx.provenance()
    assert "15/12/2023" in p and "14/06/2024" in p  # data dates of 2024-H1
    assert "6 tháng cuối năm 2023 (kỳ trước)" in p
    assert "6 tháng đầu năm 2023 (cùng kỳ năm trước)" in p
    assert re.search(r'class="pa-fp">[0-9a-f]{12}<', p)
    assert "papi-analysis 0.1.0" in p
    assert re.search(r"\d\d/\d\d/\d{4} \d\d:\d\d", p)


# -- tables -------------------------------------------------------------------------------------
def test_captions_are_numbered_and_stable(ctx, ctx_en):
    df = pd.DataFrame({"a": [1]})
    t1 = ctx.table(df, [("a", "A", "count")], "Một")._repr_html_()
    t2 = ctx.table(df, [("a", "A", "count")], "Hai")._repr_html_()
    again = ctx.table(df, [("a", "A", "count")], "Một")._repr_html_()
    assert "Bảng 1.1." in t1 and "Bảng 1.2." in t2 and "Bảng 1.1." in again
    assert 'id="table-1-2"' in t2
    assert "Table 1.1." in ctx_en.table(df, [("a", "A", "count")], "One")._repr_html_()


def test_table_escapes_text_from_files(ctx):
    df = pd.DataFrame({"name": ['<script>alert("x")</script>', "Sở KH&CN"], "n": [1234, 5],
                       "illustrative": [True, False]})
    h = ctx.table(df, [("name", "Tên"), ("n", "Số", "count")], "Cap <b>")._repr_html_()
    assert "<script>" not in h and "&lt;script&gt;" in h and "Sở KH&amp;CN" in h
    assert "Cap &lt;b&gt;" in h
    assert "1.234" in h
    assert "MINH HỌA" in h and "class=ill" in h


def test_comparison_table_marks_zero_and_missing_bases(ctx):
    real = ROWS.assign(illustrative=False)  # like with like: every change is computed
    rows = comparison.select(real, "SKHCN", ctx.periods)
    tab = comparison.against(rows, comparison.TTHC, ctx.period, ctx.comparisons)
    h = ctx.comparison_table(tab, "TTHC", rows=rows)._repr_html_()
    assert "nan" not in h.lower().replace("nang", "") and "inf" not in h
    assert '−953 <span class="pa-pct">(−77,2%)</span>' in h  # 281 vs 1.234
    assert "1.234" in h
    assert "Kỳ so sánh bằng 0" in h  # offline 5 vs 0: percent change undefined
    assert "+5 <span class=\"pa-pct\">(–<sup" in h
    assert "Không có số liệu của kỳ so sánh" in h  # 2023-H1 has nothing
    assert "+5,0 điểm %" in h  # on-time 100 % vs 95 %
    assert "Cách tính: (trước hạn + đúng hạn) / đã giải quyết" in h
    # the same figures with 2023-H2 illustrative: shown beside the real ones, never compared
    rows = comparison.select(ROWS, "SKHCN", ctx.periods)
    tab = comparison.against(rows, comparison.TTHC, ctx.period, ctx.comparisons)
    h = ctx.comparison_table(tab, "TTHC", rows=rows)._repr_html_()
    assert "1.234" in h and "−953" not in h and "+5,0 điểm %" not in h
    assert "kỳ so sánh là số minh họa" in h
    assert "Nguồn: seed.csv" in h and "panel.csv (minh họa)" in h
    assert "Số in nghiêng: số liệu minh họa." in h
    # measures without any figure are dropped and named in a note
    assert "Không có số liệu ở mọi kỳ" in h and "Đang giải quyết - Quá hạn (13)" in h


def test_rate_above_100_is_flagged(ctx):
    t = tidy([("SKHCN", "2024-H1", "pet.resolved", 19, True),
              ("SKHCN", "2024-H1", "pet.within_competence", 10, True)])
    tab = comparison.against(t, [comparison.PET_RESOLUTION], ctx.period, [])
    h = ctx.comparison_table(tab, "Đơn")._repr_html_()
    # never displayed as a value: "lỗi số liệu" in the cell, the figure and why in a footnote
    assert ">190,0%<" not in h and "lỗi số liệu" in h
    assert "Tỷ lệ tính ra 190,0%, nằm ngoài 0–100%" in h


def test_key_figures_arrows_and_words(ctx):
    rows = comparison.select(ROWS.assign(illustrative=False), "SKHCN", ctx.periods)
    tab = comparison.against(rows, comparison.OVERVIEW, ctx.period, ctx.comparisons)
    h = ctx.key_figures(tab, "Tổng quan", rows=rows)._repr_html_()
    assert "▼" in h and "giảm 953 (77,2%)" in h
    assert "▲" in h and "tăng 5,0 điểm %" in h
    assert "không so sánh được" in h
    # a real period against an illustrative one: no arrow, no change, and the reason
    rows = comparison.select(ROWS, "SKHCN", ctx.periods)
    tab = comparison.against(rows, comparison.OVERVIEW, ctx.period, ctx.comparisons)
    h = ctx.key_figures(tab, "Tổng quan", rows=rows)._repr_html_()
    assert "giảm 953" not in h and "pa-dir pa-down" not in h
    assert "kỳ so sánh là số minh họa" in h


def test_breakdown_table_ranks_agencies():
    ctx = report.setup("2024-H1", [], "HY", "vi", "", appendix=1)
    t = tidy([("SKHCN", "2024-H1", "tthc.resolved_total", 10, False),
              ("SKHCN", "2024-H1", "tthc.resolved_early_on_time", 9, False),
              ("STP", "2024-H1", "tthc.resolved_total", 10, True),
              ("STP", "2024-H1", "tthc.resolved_early_on_time", 10, True)])
    b = comparison.breakdown(t, "HY", ctx.period, comparison.TTHC_BREAKDOWN,
                             members=["SKHCN", "STP", "SNV"])
    h = ctx.breakdown_table(b, "Hồ sơ", rank_by="rate.tthc_on_time")._repr_html_()
    assert "Hồ sơ theo đơn vị, 6 tháng đầu năm 2024" in h
    assert h.index("Sở Tư pháp") < h.index("Sở KH&amp;CN") < h.index("Sở Nội vụ")


def test_breakdown_without_fields_says_so(ctx):
    b = comparison.breakdown(ROWS, "SKHCN", ctx.period, comparison.TTHC_BREAKDOWN)
    h = ctx.breakdown_table(b, "Hồ sơ")._repr_html_()
    assert "theo lĩnh vực" in h and "không báo cáo số liệu chi tiết" in h


def test_figure_none_shows_nothing(ctx):
    assert ctx.figure(None, "x")._repr_html_() == ""


# -- setup ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("kw, where", [
    ({"period": "2024-H3"}, "period"),
    ({"period": "nửa đầu"}, "period"),
    ({"compare": ["last_month"]}, "compare"),
    ({"compare": ["2024-H1"]}, "compare"),
    ({"compare": 5}, "compare"),
    ({"agency": "SKHCNN"}, "agency"),
    ({"lang": "fr"}, "lang"),
    ({"data_dir": "/no/such/folder"}, "data_dir"),
])
def test_setup_rejects_bad_parameters(kw, where):
    args = {"period": "2024-H1", "compare": ["previous"], "agency": "HY", "lang": "vi",
            "data_dir": ""} | kw
    with pytest.raises(ParameterError) as err:
        report.setup(**args, appendix=1)
    assert err.value.where == where
    assert err.value.message("vi") and err.value.message("en")


def test_setup_province_appendix_needs_hy():
    with pytest.raises(ParameterError) as err:
        report.setup("2024-H1", [], "SKHCN", "vi", "", appendix=3)
    assert err.value.where == "agency" and "HY" in err.value.hint_vi


def test_setup_accepts_command_line_forms(tmp_path):
    ctx = report.setup(2024, "previous, 2022", " skhcn ", "en", str(tmp_path), appendix=1)
    assert ctx.period.code == "2024" and [p.code for p in ctx.comparisons] == ["2023", "2022"]
    assert ctx.agency.code == "SKHCN" and ctx.data_dir == tmp_path
    assert ctx.periods[0] == ctx.period


def test_papi_year_not_after_the_period():
    wide = pd.DataFrame({"year": [2022, 2023, 2024], "gso_code": [33, 33, 33],
                         "d1": [5.0, 5.1, float("nan")], "d2": [5.0, 5.0, float("nan")]})
    ctx = report.setup("2024-H1", [], "HY", "vi", "", appendix=3)
    assert ctx.papi_year(wide) == 2023  # 2024 has no scores
    ctx = report.setup("2022-H2", [], "HY", "vi", "", appendix=3)
    assert ctx.papi_year(wide) == 2022
    with pytest.raises(ParameterError):
        report.setup("2020", [], "HY", "vi", "", appendix=3).papi_year(wide)


def test_header_says_when_the_period_has_no_figures():
    ctx = report.setup("2025-H1", ["previous"], "SKHCN", "en", "", appendix=1)
    h = ctx.header(ROWS)._repr_html_()
    assert "No figures yet for First half of 2025" in h


# -- the modules behind the context ---------------------------------------------------------------
def test_report_keeps_the_names_notebooks_and_rendering_use():
    for name in ("BANNER", "HTML", "Column", "Context", "cell", "esc", "setup",
                 "sources_note"):
        assert hasattr(report, name), name
    assert report.Column is tables.Column and report.esc is tables.esc


def test_grids_take_a_number_only_when_shown(ctx):
    df = pd.DataFrame({"a": [1234]})
    grid = tables.table_grid(df, [("a", "A", "count")], "vi", notes=["x <y>"])
    assert "1.234" in grid.html("vi") and "x &lt;y&gt;" in grid.html("vi")
    assert "Bảng" not in grid.html("vi")
    assert "Bảng 1.1." in ctx.table(df, [("a", "A", "count")], "Một")._repr_html_()


def test_footnotes_are_numbered_by_first_use():
    fns = tables.Notes()
    marks = [fns.mark("b"), fns.mark("a <"), fns.mark("b"), fns.mark("")]
    assert marks == ['<sup class="pa-fn">1</sup>', '<sup class="pa-fn">2</sup>',
                     '<sup class="pa-fn">1</sup>', ""]
    assert fns.html() == '<ol class="pa-fns"><li value="1">b</li><li value="2">a &lt;</li></ol>'
    assert tables.Notes().html() == ""


def test_table_cells_for_agencies_and_severity():
    assert tables.table_cell("SKHCN", "agency", "vi") == "Sở KH&amp;CN"
    assert tables.table_cell("", "agency", "vi") == "–"
    assert tables.table_cell("XYZ", "agency", "en") == "XYZ"  # unknown code shown as it is
    assert tables.table_cell("error", "severity", "vi") == "lỗi"
    assert tables.table_cell("warning", "severity", "en") == "warning"
    assert tables.table_cell(1234, "count", "en") == "1,234"


def test_papi_key_figures_compare_totals_on_one_scale_only():
    wide = papi.load()
    ctx = report.setup("2024-H1", [], "HY", "vi", "", appendix=4)
    ranks = papi.rank_history(wide, ctx.gso_code)
    across = ctx.papi_key_figures(ranks, papi.moves(wide, ctx.gso_code, year=2018), 2018,
                                  "A")._repr_html_()  # 2017 → 2018: 6–60 → 8–80
    assert "Bảng 4.1." in across and "So với năm 2017" in across
    assert "không so sánh được" in across and "Thang điểm tổng đổi từ 6–60 sang 8–80" in across
    within = ctx.papi_key_figures(ranks, papi.moves(wide, ctx.gso_code, year=2023), 2023,
                                  "B")._repr_html_()
    assert "Bảng 4.2." in within and "Thang điểm tổng đổi" not in within
    assert "tăng 0,05 <span class=\"pa-base\">(năm đó: 44,18)</span>" in within
    assert "xuống 1 bậc" in within and "(năm đó: 11/61)" in within


def test_breakdown_table_shows_changes_against_the_first_comparison():
    """SKHCN: 9/10 = 90% against 10/10 = 100%: −10,0 pp; files 20 against 16: +25,0%; rank
    2 against 1: ▼1.  STP: 10/10 = 100% against 8/10 = 80%: +20,0 pp; files 5 against 0: no
    percent change; rank 1 against 2: ▲1.  SNV has no figures: no change shown."""
    ctx = report.setup("2024-H1", ["previous"], "HY", "vi", "", appendix=1)
    t = tidy([("SKHCN", "2024-H1", "tthc.files_total", 20, False),
              ("SKHCN", "2024-H1", "tthc.resolved_total", 10, False),
              ("SKHCN", "2024-H1", "tthc.resolved_early_on_time", 9, False),
              ("SKHCN", "2023-H2", "tthc.files_total", 16, False),
              ("SKHCN", "2023-H2", "tthc.resolved_total", 10, False),
              ("SKHCN", "2023-H2", "tthc.resolved_early_on_time", 10, False),
              ("STP", "2024-H1", "tthc.files_total", 5, True),
              ("STP", "2024-H1", "tthc.resolved_total", 10, True),
              ("STP", "2024-H1", "tthc.resolved_early_on_time", 10, True),
              ("STP", "2023-H2", "tthc.files_total", 0, True),
              ("STP", "2023-H2", "tthc.resolved_total", 10, True),
              ("STP", "2023-H2", "tthc.resolved_early_on_time", 8, True)])
    b = comparison.breakdown(t, "HY", ctx.period, comparison.TTHC_BREAKDOWN,
                             members=["SKHCN", "STP", "SNV"], base=ctx.first_comparison)
    h = ctx.breakdown_table(b, "Hồ sơ", rank_by="rate.tthc_on_time")._repr_html_()
    stp, skhcn, snv = (h[h.index(n):] for n in ("Sở Tư pháp", "Sở KH&amp;CN", "Sở Nội vụ"))
    assert h.index("Sở Tư pháp") < h.index("Sở KH&amp;CN") < h.index("Sở Nội vụ")
    skhcn = skhcn[:skhcn.index("</tr>")]
    stp = stp[:stp.index("</tr>")]
    assert "20<br><span class=\"pa-pct\">+25,0%</span>" in skhcn
    assert "90,0%<br><span class=\"pa-pct\">−10,0 điểm %</span>" in skhcn
    assert "+20,0 điểm %" in stp and "5<br><span class=\"pa-pct\">–<sup" in stp
    assert "Kỳ so sánh bằng 0: không tính được tỷ lệ thay đổi (%)." in h
    row = h[h.rindex("<tr", 0, h.index("Sở Tư pháp")):]
    assert row.startswith('<tr class=ill><td class=num>1<br><span class="pa-pct">▲1</span>')
    row = h[h.rindex("<tr", 0, h.index("Sở KH&amp;CN")):]
    assert row.startswith('<tr><td class=num>2<br><span class="pa-pct">▼1</span>')
    assert "pa-pct" not in snv[:snv.index("</tr>")]
    # SKHCN's real figures against an illustrative base: no change, no rank arrow for it, and
    # STP's move is counted among the units ranked in both periods with the same kind (itself)
    t["illustrative"] = [r.agency == "STP" or r.period == "2023-H2" for r in t.itertuples()]
    b = comparison.breakdown(t, "HY", ctx.period, comparison.TTHC_BREAKDOWN,
                             members=["SKHCN", "STP", "SNV"], base=ctx.first_comparison)
    h = ctx.breakdown_table(b, "Hồ sơ", rank_by="rate.tthc_on_time")._repr_html_()
    skhcn = h[h.rindex("<tr", 0, h.index("Sở KH&amp;CN")):]
    skhcn = skhcn[:skhcn.index("</tr>")]
    assert "+25,0%" not in skhcn and "▼" not in skhcn and "▲" not in skhcn
    assert "kỳ so sánh là số minh họa" in h
    stp = h[h.rindex("<tr", 0, h.index("Sở Tư pháp")):]
    assert stp.startswith('<tr class=ill><td class=num>1<br><span class="pa-pct">●</span>')
    assert "thay đổi so với 6 tháng cuối năm 2023 (kỳ trước)" in h
    assert "inf" not in h and "nan" not in h.lower()


def test_breakdown_table_rank_without_base_figures_is_marked():
    ctx = report.setup("2024-H1", ["previous"], "HY", "en", "", appendix=1)
    t = tidy([("SKHCN", "2024-H1", "tthc.resolved_total", 10, False),
              ("SKHCN", "2024-H1", "tthc.resolved_early_on_time", 9, False)])
    b = comparison.breakdown(t, "HY", ctx.period, comparison.TTHC_BREAKDOWN,
                             members=["SKHCN"], base=ctx.first_comparison)
    h = ctx.breakdown_table(b, "Files", rank_by="rate.tthc_on_time")._repr_html_()
    assert "No rank in the comparison period (no figures)." in h
    assert "No figure for the comparison period." in h


def test_stated_rate_row_and_difference_footnote(ctx):
    t = tidy([("SKHCN", "2024-H1", "tthc.resolved_total", 1000, False),
              ("SKHCN", "2024-H1", "tthc.resolved_early_on_time", 992, False),
              ("SKHCN", "2024-H1", "tthc.on_time_rate_stated", 99.8, False),
              ("SKHCN", "2024-H1", "tthc.received_in_period", 276, False),
              ("SKHCN", "2024-H1", "tthc.received_online", 276, False),
              ("SKHCN", "2024-H1", "tthc.online_share_stated", 100, False)])
    tab = comparison.against(t, comparison.TTHC, ctx.period, ctx.comparisons)
    h = ctx.comparison_table(tab, "Hồ sơ")._repr_html_()
    assert "Tỷ lệ giải quyết trước hạn và đúng hạn (theo báo cáo)" in h
    assert "Tỷ lệ tiếp nhận trực tuyến (theo báo cáo)" in h
    assert "Tỷ lệ theo báo cáo 99,8% khác tỷ lệ tính từ số hồ sơ 99,2%" in h
    assert "theo báo cáo 100,0% khác" not in h  # 100 stated, 276/276 computed: no flag
    assert h.index("99,2%") < h.index("99,8%")  # the stated row follows the computed one


def test_stated_rate_difference_shows_two_decimals_when_one_hides_it(ctx_en):
    t = tidy([("SKHCN", "2024-H1", "tthc.resolved_total", 10000, False),
              ("SKHCN", "2024-H1", "tthc.resolved_early_on_time", 9978, False),
              ("SKHCN", "2024-H1", "tthc.on_time_rate_stated", 99.84, False)])
    tab = comparison.against(t, comparison.TTHC, ctx_en.period, ctx_en.comparisons)
    h = ctx_en.comparison_table(tab, "Files")._repr_html_()
    assert "The stated rate 99.84% differs from the rate computed from the file counts 99.78%" in h


def test_unstated_rates_are_left_out_silently(ctx):
    tab = comparison.against(comparison.select(ROWS, "SKHCN", ctx.periods), comparison.TTHC,
                             ctx.period, ctx.comparisons)
    h = ctx.comparison_table(tab, "Hồ sơ")._repr_html_()
    assert "theo báo cáo" not in h


def test_many_comparison_periods_make_a_compact_table():
    from papi_analysis.analysis import comparison
    from papi_analysis.appendix import comparetables
    from papi_analysis.intake import datasets

    tidy = datasets.load()
    bases = ["2023-H2", "2023-H1", "2022-H2", "2022-H1"]
    rows = comparison.select(tidy, "SNV", ["2024-H1", *bases], groups=["tthc"])
    table = comparison.against(rows, comparison.TTHC, "2024-H1", bases)
    grid = comparetables.comparison_grid(table, "vi")
    head = grid.head
    # the reporting period, four comparison periods, and one change column (against the first)
    assert head.count("<th class=num") == 5 and head.count('class="num chg"') == 1
    assert "chỉ tính thay đổi so với 6 tháng cuối năm 2023" in " ".join(grid.extra)
    few = comparetables.comparison_grid(comparison.against(rows, comparison.TTHC, "2024-H1",
                                                           bases[:2]), "vi")
    assert few.head.count('class="num chg"') == 2


# -- the parts of the context ---------------------------------------------------------------------
def test_every_call_of_the_context_is_answered_by_its_part(ctx):
    for name, (part, attr) in report.CALLS.items():
        owner = getattr(ctx, part)
        assert hasattr(type(owner), attr) or attr in vars(owner), f"{name}: {part}.{attr}"
        assert name in dir(ctx)
    assert ctx.period is ctx.params.period and ctx.t("a", "b") == "a"
    assert ctx.table.__self__ is ctx.captions and ctx.header.__self__ is ctx.head
    with pytest.raises(AttributeError, match="no attribute 'tabel'"):
        ctx.tabel  # noqa: B018


def test_the_parts_share_one_numbering_and_one_memo(ctx, monkeypatch):
    """Headings, tables and figures of the PAPI part and the captions part count together;
    the findings are read once for the data and the errors box."""
    df = pd.DataFrame({"a": [1]})
    assert "Bảng 1.1." in ctx.table(df, [("a", "A", "count")], "Một").body
    assert ctx.papi.captions is ctx.captions and ctx.head.captions is ctx.captions
    calls = []
    from papi_analysis.intake import validation

    monkeypatch.setattr(validation, "check_data", lambda *a: calls.append(a) or None)
    ctx.data()
    ctx.errors_box()
    assert len(calls) == 1
