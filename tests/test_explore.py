"""The exploration API (``import papi_analysis as pa``) and the notebook 00_explore.

Expected figures are computed here by hand from the shipped CSV files (read with ``csv``,
not through the package), so a wrong sum, a lost flag or a borrowed figure fails.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

import papi_analysis as pa
from papi_analysis.errors import ParameterError

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
PANEL = DATA / "illustrative" / "hung_yen_panel_illustrative.csv"
PANEL_2025 = DATA / "illustrative" / "hung_yen_panel_2025_illustrative.csv"
SEED = DATA / "submissions" / "skhcn_2024-H1_seed.csv"
NOTEBOOK = ROOT / "notebooks" / "00_explore.ipynb"


def figure(path: Path, agency: str, period: str, indicator: str) -> float:
    """One agency total from a shipped tidy CSV, read by hand."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        got = [float(r["value"]) for r in csv.DictReader(f)
               if (r["agency"], r["period"], r["indicator"], r["field"])
               == (agency, period, indicator, "")]
    assert len(got) == 1, (path.name, agency, period, indicator, got)
    return got[0]


def on_time(path: Path, agency: str, period: str) -> tuple[float, float]:
    """(early + on time, resolved) of an agency that splits the two columns."""
    num = (figure(path, agency, period, "tthc.resolved_early")
           + figure(path, agency, period, "tthc.resolved_on_time"))
    return num, figure(path, agency, period, "tthc.resolved_total")


# -- the package stays cheap to import ------------------------------------------------------
def test_importing_the_package_does_not_import_the_api():
    code = ("import sys, papi_analysis as pa; "
            "print(pa.__version__, 'pandas' in sys.modules, "
            "'papi_analysis.explore' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout.split()
    assert out == ["0.1.0", "False", "False"]


def test_the_api_names_come_from_the_explore_stage():
    from papi_analysis import explore

    for name in pa.EXPLORE:
        assert getattr(pa, name) is getattr(explore, name)
    assert "trend" in dir(pa)
    with pytest.raises(AttributeError):
        pa.no_such_thing  # noqa: B018


# -- load and measures -----------------------------------------------------------------------
def test_load_keeps_provenance_and_flags():
    tidy = pa.load()
    for col in ("source_file", "illustrative", "error", "source"):
        assert col in tidy.columns
    sct = tidy[(tidy.agency == "SCT") & (tidy.period == "2022-H2")
               & tidy.indicator.str.startswith("tthc.")]
    assert len(sct) and sct["error"].all()  # tthc.pending_split: 19 ≠ 91 + 0
    real = tidy[(tidy.agency == "SKHCN") & (tidy.period == "2024-H1")]
    assert len(real) and (real["source"] == "thật").all() and not real["illustrative"].any()
    assert set(tidy.loc[tidy["illustrative"], "source"]) == {"minh họa"}


@pytest.mark.parametrize("query", ["đúng hạn", "dung han", "ĐÚNG HẠN", "Dung Han"])
def test_search_with_or_without_diacritics(query):
    codes = list(pa.measures(query)["code"])
    assert "rate.tthc_on_time" in codes
    assert codes == list(pa.measures("đúng hạn")["code"])
    assert "tthc.received_online" not in codes


def test_search_in_english_and_by_code_words():
    assert "rate.tthc_on_time" in set(pa.measures("on-time rate")["code"])
    assert "rate.tthc_on_time" in set(pa.measures("tthc.on_time_rate")["code"])
    cat = pa.measures()
    assert {"measure", "indicator"} <= set(cat["type"])
    row = cat[cat.code == "rate.tthc_on_time"].iloc[0]
    assert row.unit_vi == "%" and "đã giải quyết" in row.definition_vi
    assert len(pa.measures("zzqx không có")) == 0


def test_a_guessed_code_finds_the_measure_and_nonsense_says_what_to_do():
    assert pa.measure("tthc.on_time_rate").code == "rate.tthc_on_time"
    assert pa.measure("tỷ lệ đúng hạn").code == "rate.tthc_on_time"
    assert pa.measure("tthc.files_total").code == "tthc.files_total"
    with pytest.raises(ParameterError) as err:
        pa.measure("hồ sơ")  # many measures match equally: refuse, list the closest
    assert "pa.measures" in err.value.hint_vi and "Gần nhất" in err.value.vi
    with pytest.raises(ParameterError):
        pa.trend("zzqx")
    with pytest.raises(ParameterError, match="Sở Không Có"):
        pa.trend("rate.tthc_on_time", "Sở Không Có")  # never an empty table


# -- trend ----------------------------------------------------------------------------------
def test_trend_of_the_real_figure():
    t = pa.trend("rate.tthc_on_time", "SKHCN", periods=["2024-H1"])
    r = t.iloc[0]
    num = figure(SEED, "SKHCN", "2024-H1", "tthc.resolved_early_on_time")
    den = figure(SEED, "SKHCN", "2024-H1", "tthc.resolved_total")
    assert (r.numerator, r.denominator) == (num, den) == (281, 281)
    assert r.value == pytest.approx(100 * num / den)
    assert r.source == "thật" and not r.illustrative and not r.error


def test_trend_follows_the_merger_into_snnmt():
    t = pa.trend("tthc.files_total", "Sở Nông nghiệp và Môi trường",
                 periods=["2024-H1", "2025-H1"]).set_index("period")
    before = figure(PANEL, "SNNPTNT", "2024-H1", "tthc.files_total") + figure(
        PANEL, "STNMT", "2024-H1", "tthc.files_total")
    assert t.loc["2024-H1", "value"] == before == 3611
    assert t.loc["2024-H1", "lineage"] == "SNNPTNT + STNMT"
    assert t.loc["2025-H1", "value"] == figure(PANEL_2025, "SNNMT", "2025-H1",
                                               "tthc.files_total")
    assert t["source"].eq("minh họa").all() and t["illustrative"].all()


def test_trend_never_shows_a_partial_sum_of_predecessors():
    # as of 2026-H1 SNNMT also holds Thái Bình's units, which have no 2024-H1 figures
    t = pa.trend("tthc.files_total", "SNNMT").set_index("period")
    r = t.loc["2024-H1"]
    assert np.isnan(r.value) and np.isnan(r.numerator)
    assert r.note == "predecessor_missing" and "TB-SNNPTNT" in r.lineage
    own = pa.trend("tthc.files_total", "SKHCN", lineage=False).set_index("period")
    assert own.loc["2024-H1", "value"] == 281 and own.loc["2024-H1", "note"] == "unit_changed"
    assert own.loc["2026-H1", "note"] == ""


def test_trend_flags_errors_with_their_findings():
    t = pa.trend("rate.tthc_on_time", "SCT", periods=["2022-H2"]).iloc[0]
    num = figure(PANEL, "SCT", "2022-H2", "tthc.resolved_early_on_time")
    num2, den = on_time(PANEL, "SCT", "2022-H2")
    assert t.error and "tthc.pending_split" in t.findings
    assert t.value == pytest.approx(100 * num2 / den)
    assert num2 == num  # the panel's split agrees with its combined figure
    hy = pa.trend("rate.tthc_on_time", periods=["2022-H2"]).iloc[0]
    assert hy.agency == "HY" and hy.excluded == ("SCT",)


def test_trend_by_field():
    t = pa.trend("tthc.files_total", "STNMT", periods=["2024-H1"], by="field")
    got = dict(zip(t["field"], t["value"], strict=True))
    assert got["Đất đai"] == 2539 and got["Khoáng sản"] == 106


def test_a_rate_above_100_has_no_value(tmp_path):
    sub = tmp_path / "submissions"
    sub.mkdir()
    (sub / "t.csv").write_text(
        "agency,period,indicator,value,field,illustrative\n"
        "SKHCN,2024-H1,tthc.resolved_total,100,,False\n"
        "SKHCN,2024-H1,tthc.resolved_early_on_time,120,,False\n"
        "SYT,2024-H1,tthc.resolved_total,50,,False\n"
        "SYT,2024-H1,tthc.resolved_early_on_time,49,,False\n", encoding="utf-8")
    t = pa.trend("rate.tthc_on_time", ["SKHCN", "SYT"], data=tmp_path).set_index("agency")
    assert np.isnan(t.loc["SKHCN", "value"]) and t.loc["SKHCN", "note"] == "out_of_range"
    assert t.loc["SKHCN", "raw"] == pytest.approx(120.0)
    assert t.loc["SYT", "value"] == pytest.approx(98.0)
    shown = pa.trend("rate.tthc_on_time", "SKHCN", data=tmp_path).styled().to_html()
    assert "⚠ –" in shown  # no value, marked
    r = pa.rank("rate.tthc_on_time", "2024-H1", against=None, data=tmp_path)
    assert list(r["key"][:2]) == ["SYT", "SKHCN"]
    assert r.iloc[0]["rank"] == 1 and r.iloc[1]["unranked"] == "error"


# -- compare and rank -----------------------------------------------------------------------
def test_compare_across_the_merger_is_like_for_like():
    c = pa.compare("2025-H1", ["2024-H1"], agencies="SNNMT",
                   measures=["tthc.files_total", "rate.tthc_on_time"])
    base = c[c.role == "base"].set_index("measure")
    now = c[c.role == "current"].set_index("measure")
    files_then = 420 + 3191
    files_now = figure(PANEL_2025, "SNNMT", "2025-H1", "tthc.files_total")
    assert base.loc["tthc.files_total", "value"] == files_then
    assert base.loc["tthc.files_total", "change"] == files_now - files_then
    assert base.loc["tthc.files_total", "change_pct"] == pytest.approx(
        100 * (files_now - files_then) / files_then)
    n1, d1 = on_time(PANEL, "SNNPTNT", "2024-H1")
    n2, d2 = on_time(PANEL, "STNMT", "2024-H1")
    n3, d3 = on_time(PANEL_2025, "SNNMT", "2025-H1")
    assert base.loc["rate.tthc_on_time", "change"] == pytest.approx(
        100 * n3 / d3 - 100 * (n1 + n2) / (d1 + d2))
    assert now.loc["rate.tthc_on_time", "value"] == pytest.approx(100 * n3 / d3)
    assert base.loc["tthc.files_total", "lineage"] == "SNNPTNT + STNMT"


def test_compare_never_sets_real_against_illustrative():
    c = pa.compare("2024-H1", "previous", agencies="SKHCN", measures=["tthc.files_total"])
    base = c[c.role == "base"].iloc[0]
    assert np.isnan(base.change) and base.note == "base_illustrative"
    assert c[c.role == "current"].iloc[0].source == "thật"


def test_a_unit_with_errors_is_not_ranked():
    r = pa.rank("rate.tthc_on_time", "2022-H2")
    sct = r[r.key == "SCT"].iloc[0]
    assert np.isnan(sct["rank"]) and sct.unranked == "error" and sct.error
    assert "tthc.pending_split" in sct.findings
    ranked = r[r.unranked == ""]
    assert len(ranked) == len(r) - 1 and ranked["rank"].min() == 1
    assert (r.index[r.key == "SCT"][0]) > ranked.index.max()  # listed after the ranked


# -- what the results keep and show -----------------------------------------------------------
def test_flags_survive_conversion_to_plain_pandas():
    t = pa.trend("rate.tthc_on_time", "SKHCN", periods=["2023-H2", "2024-H1"], lineage=False)
    for plain in (t.to_pandas(), pd.DataFrame(t)):
        assert type(plain) is pd.DataFrame
        assert {"illustrative", "error", "source", "note", "lineage"} <= set(plain.columns)
        assert list(plain["illustrative"]) == [True, False]
    sub = t[t.period == "2024-H1"]
    assert isinstance(sub, pa.Table) and sub.view["what"] == "trend"


def test_the_notebook_display_marks_illustrative_and_errors():
    t = pa.trend("rate.tthc_on_time", "SKHCN", periods=["2023-H2", "2024-H1"], lineage=False)
    text = t.styled().data
    value_col = next(c for c in text.columns if c.endswith("(%)"))
    assert text[value_col].iloc[0].endswith("◇")  # 2023-H2 illustrative
    assert text[value_col].iloc[1] == "100,0"  # 2024-H1 real: no mark
    html = t._repr_html_()
    assert "font-style: italic" in html and "◇" in html and "(%)" in html
    assert "minh họa" in html
    gap = pa.trend("tthc.files_total", "SNNMT").styled().data.iloc[0]
    assert gap.iloc[2] == "–" and "tiền thân" in gap["ghi chú"]  # a note in words
    err = pa.trend("rate.tthc_on_time", "SCT", periods=["2022-H2"])._repr_html_()
    assert "⚠" in err and "#fde8e8" in err
    ok = pa.trend("rate.tthc_on_time", "SKHCN", periods=["2024-H1"]).styled().to_html()
    assert "⚠" not in ok and "font-style: italic" not in ok and "◇" not in ok


def test_plot_draws_illustrative_points_hollow():
    matplotlib.use("Agg")
    t = pa.trend("rate.tthc_on_time", "SKHCN", periods=["2023-H2", "2024-H1"], lineage=False)
    fig = t.plot()
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    hollow = [ln for ln in ax.lines if ln.get_marker() == "o"
              and matplotlib.colors.same_color(ln.get_markerfacecolor(), "white")]
    filled = [ln for ln in ax.lines if ln.get_marker() == "o" and ln not in hollow]
    assert sum(len(ln.get_xdata()) for ln in hollow) == 1  # 2023-H2
    assert sum(len(ln.get_xdata()) for ln in filled) == 1  # 2024-H1, real
    titles = {ax.get_title(loc) for loc in ("left", "center", "right")}
    assert "Tỷ lệ giải quyết trước hạn và đúng hạn" in titles
    assert isinstance(pa.rank("rate.tthc_on_time", "2022-H2").plot(), Figure)
    assert isinstance(pa.papi().plot(), Figure)


def test_excel_export_keeps_flags_and_never_writes_into_data(tmp_path):
    t = pa.trend("rate.tthc_on_time", "SKHCN", periods=["2023-H2", "2024-H1"], lineage=False)
    path = t.to_excel(tmp_path / "x.xlsx")
    back = pd.read_excel(path)
    assert list(back["illustrative"]) == [True, False]
    assert list(back["source"]) == ["minh họa", "thật"]
    with pytest.raises(ParameterError):
        t.to_excel(DATA / "x.xlsx")
    assert not (DATA / "x.xlsx").exists()


def test_papi_scores_are_the_published_ones():
    with (DATA / "papi" / "papi_dimensions_wide.csv").open(encoding="utf-8") as f:
        want = {int(r["year"]): float(r["total"]) for r in csv.DictReader(f)
                if r["gso_code"] == "33" and r["total"]}
    p = pa.papi()
    total = p[p.measure == "total"].set_index("year")["value"]
    assert total.index.min() == 2011 and total.index.max() == 2024
    for year, value in want.items():
        assert total[year] == pytest.approx(value)


# -- the notebook -----------------------------------------------------------------------------
def test_the_explore_notebook_is_outside_the_batch():
    from papi_analysis.batch import buildcheck

    names = [n.stem for n in buildcheck.discover(NOTEBOOK.parent)]
    assert "00_explore" not in names and "01_tthc" in names
    meta = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["metadata"]["papi_analysis"]
    assert meta["batch"] is False


def test_each_task_of_the_notebook_takes_at_most_three_lines():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    for c in code:
        assert c["outputs"] == [] and c["execution_count"] is None
        assert len("".join(c["source"]).splitlines()) <= 3
    text = "".join("".join(c["source"]) for c in code)
    for call in ("pa.load(", "pa.measures(", "pa.trend(", "pa.compare(", "pa.papi(",
                 ".to_excel("):
        assert call in text
    assert "data/" not in text.replace("tempfile", "")


def test_a_returned_figure_is_drawn_in_jupyter():
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    try:
        fig = pa.trend("rate.tthc_on_time", "SKHCN", periods=["2024-H1"]).plot()
        data, _ = shell.display_formatter.format(fig)
        assert data["image/png"][:8] == b"\x89PNG\r\n\x1a\n"
    finally:
        InteractiveShell.clear_instance()


def test_a_trend_does_not_set_a_year_among_half_years(tmp_path):
    sub = tmp_path / "submissions"
    sub.mkdir()
    (sub / "t.csv").write_text(
        "agency,period,indicator,value,field,illustrative\n"
        "TTT,2023-H2,insp.total,4,,False\n"
        "TTT,2024-H1,insp.total,5,,False\n"
        "TTT,2024,insp.total,9,,False\n", encoding="utf-8")
    t = pa.trend("insp.total", "TTT", data=tmp_path)
    assert list(t["period"]) == ["2023-H2", "2024-H1"]
    year = pa.trend("insp.total", "TTT", periods=["2024"], data=tmp_path)
    assert list(year["value"]) == [9]


def test_the_chart_does_not_join_a_unit_across_its_merger():
    matplotlib.use("Agg")
    t = pa.trend("rate.tthc_on_time", "SYT", periods=["2025-H1", "2025-H2"], lineage=False)
    assert list(t["note"]) == ["unit_changed", ""]
    ax = t.plot().axes[0]
    solid = [ln for ln in ax.lines if ln.get_linestyle() == "-" and len(ln.get_xdata()) > 1]
    dotted = [ln for ln in ax.lines if ln.get_linestyle() == ":"]
    assert not solid and len(dotted) == 1  # the two periods joined only by a dotted line
