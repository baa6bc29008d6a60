"""comparison: selections, derived figures, rates and changes, checked on hand-computed numbers."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from papi_analysis.analysis import comparison
from papi_analysis.errors import ParameterError
from papi_analysis.model import schema
from papi_analysis.model.periods import parse

H1, H2_23, H1_23 = parse("2024-H1"), parse("2023-H2"), parse("2023-H1")


def tidy(rows: list[tuple]) -> pd.DataFrame:
    """(agency, period, indicator, value[, illustrative[, field]]) → a tidy table."""
    recs = []
    for i, r in enumerate(rows, start=2):
        a, p, ind, v = r[:4]
        code = "tthc." + ind if "." not in ind else ind
        recs.append({"agency": a, "period": p, "indicator": code,
                     "value": v, "illustrative": r[4] if len(r) > 4 else True,
                     "field": r[5] if len(r) > 5 else "",
                     "source_file": "seed.csv" if (len(r) > 4 and not r[4]) else "panel.csv",
                     "source_row": i})
    return schema.conform(pd.DataFrame(recs))


SEED = [("SKHCN", "2024-H1", k, v, False) for k, v in {
    "files_total": 281, "received_in_period": 276, "carried_over": 5, "received_online": 276,
    "received_offline": 0, "resolved_total": 281, "resolved_early_on_time": 281,
    "resolved_late": 0}.items()]
SKHCN_H2 = [("SKHCN", "2023-H2", k, v) for k, v in {
    "files_total": 200, "received_online": 150, "received_offline": 40, "carried_over": 10,
    "resolved_total": 190, "resolved_early": 100, "resolved_on_time": 80, "resolved_late": 10,
    "pending_total": 10, "pending_in_time": 8, "pending_overdue": 2}.items()]
STP_H1 = [("STP", "2024-H1", k, v) for k, v in {
    "files_total": 100, "received_online": 50, "received_offline": 45, "carried_over": 5,
    "resolved_total": 90, "resolved_early": 60, "resolved_on_time": 20,
    "resolved_late": 10}.items()]
DATA = tidy(SEED + SKHCN_H2 + STP_H1)
#: The same figures with SKHCN's 2023-H2 real too: like with like, so changes are computed.
DATA_REAL = tidy(SEED + [r + (False,) for r in SKHCN_H2] + STP_H1)


def val(values: pd.DataFrame, measure: str, period: str = "2024-H1", **kw) -> pd.Series:
    sel = (values["measure"] == measure) & (values["period"] == period)
    for k, v in kw.items():
        sel &= values[k] == v
    rows = values[sel]
    assert len(rows) == 1, rows
    return rows.iloc[0]


# -- parameters --------------------------------------------------------------------------------
def test_comparison_periods_keywords_and_codes():
    got = comparison.comparison_periods(H1, ["previous", "same_period_last_year", "2022-H1",
                                              "previous"])
    assert [p.code for p in got] == ["2023-H2", "2023-H1", "2022-H1"]


@pytest.mark.parametrize("bad", ["previous", ["last_month"], ["2024-H1"], 3])
def test_comparison_periods_bad(bad):
    with pytest.raises(ParameterError) as err:
        comparison.comparison_periods(H1, bad)
    assert err.value.where == "compare"


def test_compare_role():
    assert comparison.compare_role(H1, H2_23) == "previous"
    assert comparison.compare_role(H1, H1_23) == "same_period_last_year"
    assert comparison.compare_role(H1, parse("2022-H1")) == ""


# -- single agency -----------------------------------------------------------------------------
def test_seed_values_and_rates():
    rows = comparison.select(DATA, "SKHCN", [H1, H2_23])
    v = comparison.measure_values(rows, comparison.TTHC)
    assert val(v, "tthc.files_total").value == 281
    assert not val(v, "tthc.files_total").illustrative
    # early/on-time split missing: the combined column is used, as the definition says
    on = val(v, "rate.tthc_on_time")
    assert on.value == 100.0 and on.numerator == 281 and on.denominator == 281
    assert on.alternatives == ((1, 0),)
    assert val(v, "rate.tthc_online_received").value == 100.0  # 276 / 276
    assert val(v, "rate.tthc_online_all").value == pytest.approx(100 * 276 / 281)
    # previous period: derived from the split columns
    assert val(v, "rate.tthc_on_time", "2023-H2").value == pytest.approx(100 * 180 / 190)
    assert val(v, "tthc.received_in_period", "2023-H2").value == 190  # 150 + 40
    assert val(v, "rate.tthc_online_received", "2023-H2").value == pytest.approx(100 * 150 / 190)
    # nothing reported → no row at all (displayed as "–", never 0)
    assert v[(v.measure == "tthc.pending_total") & (v.period == "2024-H1")].empty


def test_compare_changes_counts_percent_and_points():
    rows = comparison.select(DATA_REAL, "SKHCN", [H1, H2_23, H1_23])
    v = comparison.measure_values(rows, comparison.TTHC)
    c = comparison.compare(v, H1, [H2_23, H1_23])
    files = c[(c.measure == "tthc.files_total") & (c.period == "2023-H2")].iloc[0]
    assert files.change == 81 and files.change_pct == pytest.approx(40.5)  # 281 vs 200
    offline = c[(c.measure == "tthc.received_offline") & (c.period == "2023-H2")].iloc[0]
    assert offline.change == -40 and offline.change_pct == -100
    on = c[(c.measure == "rate.tthc_on_time") & (c.period == "2023-H2")].iloc[0]
    assert on.change == pytest.approx(100 - 100 * 180 / 190)  # +5.26 percentage points
    assert math.isnan(on.change_pct)
    # no data at all for 2023-H1: base missing, no number invented
    miss = c[(c.measure == "tthc.files_total") & (c.period == "2023-H1")].iloc[0]
    assert math.isnan(miss.change) and miss.note == "base_missing"
    cur = c[(c.measure == "tthc.files_total") & (c.role == "current")].iloc[0]
    assert cur.value == 281 and cur.note == ""
    assert list(c[c.measure == "tthc.files_total"].period) == ["2024-H1", "2023-H2", "2023-H1"]


def test_real_figure_never_compared_with_illustrative():
    """SKHCN's real 2024-H1 against its illustrative 2023-H2: values shown, no change."""
    rows = comparison.select(DATA, "SKHCN", [H1, H2_23])
    c = comparison.against(rows, comparison.TTHC, H1, [H2_23])
    files = c[(c.measure == "tthc.files_total") & (c.period == "2023-H2")].iloc[0]
    assert files.value == 200 and math.isnan(files.change) and math.isnan(files.change_pct)
    assert files.note == "base_illustrative"
    back = comparison.against(comparison.select(DATA, "SKHCN", [H2_23, H1]), comparison.TTHC,
                              H2_23, [H1])
    assert set(back[back.role == "base"].note) <= {"current_illustrative", "current_missing",
                                                  "base_missing", "both_missing"}


def test_change_edge_cases():
    assert comparison.change(5, 0) == (5, pytest.approx(float("nan"), nan_ok=True), "base_zero")
    d, p, n = comparison.change(0, 0)
    assert d == 0 and math.isnan(p) and n == "base_zero"
    d, p, n = comparison.change(float("nan"), 3)
    assert math.isnan(d) and n == "current_missing"
    d, p, n = comparison.change(98.81, 97.5, "rate")
    assert d == pytest.approx(1.31) and math.isnan(p) and n == ""
    assert comparison.change(120, 100) == (20, 20.0, "")


def test_zero_denominator_rate():
    t = tidy([("SNV", "2024-H1", "resolved_total", 0), ("SNV", "2024-H1", "resolved_early", 0),
              ("SNV", "2024-H1", "resolved_on_time", 0)])
    v = comparison.measure_values(t, [comparison.ON_TIME])
    assert math.isnan(v.iloc[0].value) and v.iloc[0].note == "zero_denominator"
    c = comparison.compare(v, H1, [H2_23])
    assert c.iloc[0].note == "zero_denominator"
    assert not c["value"].isin([float("inf"), float("-inf")]).any()


# -- whole province ----------------------------------------------------------------------------
def test_province_sums_counts_and_recomputes_rates():
    rows = comparison.select(DATA, "HY", [H1])
    v = comparison.measure_values(rows, comparison.TTHC)
    assert val(v, "tthc.files_total").value == 381  # 281 + 100
    assert val(v, "tthc.files_total").n_agencies == 2
    assert val(v, "tthc.files_total").illustrative  # STP is illustrative
    on = val(v, "rate.tthc_on_time")
    # per agency: SKHCN 281 (combined column), STP 60 + 20; over resolved 281 + 90
    assert on.numerator == 361 and on.denominator == 371
    assert on.value == pytest.approx(100 * 361 / 371)  # 97.30 %, not the mean of 100 and 88.9
    online = val(v, "rate.tthc_online_received")
    assert online.value == pytest.approx(100 * (276 + 50) / (276 + 95))
    # received in period: SKHCN states it, STP's is online + offline
    assert val(v, "tthc.received_in_period").value == 276 + 95


def test_province_stated_figure_wins_and_percents_are_not_added():
    t = pd.concat([DATA, tidy([("HY", "2024-H1", "files_total", 400),
                               ("SKHCN", "2024-H1", "egov.docs_electronic_pct", 100),
                               ("STP", "2024-H1", "egov.docs_electronic_pct", 90)])])
    rows = comparison.select(t, "HY", [H1])
    assert not rows["indicator"].eq("egov.docs_electronic_pct").any()
    v = comparison.measure_values(rows, comparison.TTHC)
    assert val(v, "tthc.files_total").value == 400  # not 381 and not the parts' sum
    # the compiled report replaces the departments' TTHC figures of that period as a whole
    assert v[v.measure == "tthc.resolved_total"].empty


def test_select_members_and_fields():
    t = pd.concat([DATA, tidy([("XYZ", "2024-H1", "files_total", 999),
                               ("SKHCN", "2024-H1", "files_total", 200, True, "Đo lường"),
                               ("SKHCN", "2024-H1", "files_total", 81, True, "Sở hữu trí tuệ")])])
    rows = comparison.select(t, "HY", [H1], members=["SKHCN", "STP"])
    assert set(rows.agency) == {"SKHCN", "STP"} and (rows.field == "").all()
    assert len(comparison.select(t, "SKHCN", [H1], field=None)) == len(SEED) + 2


# -- breakdowns --------------------------------------------------------------------------------
def test_breakdown_by_agency_and_rank():
    b = comparison.breakdown(DATA, "HY", H1, comparison.TTHC_BREAKDOWN,
                             members=["SKHCN", "STP", "SNV"])
    assert list(b.key) == ["SKHCN", "STP", "SNV"] and set(b.by) == {"agency"}
    assert b.loc[b.key == "STP", "rate.tthc_on_time"].item() == pytest.approx(100 * 80 / 90)
    assert math.isnan(b.loc[b.key == "SNV", "tthc.files_total"].item())
    assert list(b.illustrative) == [False, True, False]
    r = comparison.rank(b, "rate.tthc_on_time", tiebreak="tthc.resolved_total")
    assert list(r.key) == ["SKHCN", "STP", "SNV"]
    assert list(r["rank"].fillna(0)) == [1, 2, 0]


def test_rank_ties_share_rank():
    t = pd.DataFrame({"key": list("abcd"), "x": [90.0, 95.0, 90.0, float("nan")],
                      "n": [10, 5, 20, 1]})
    r = comparison.rank(t, "x", tiebreak="n")
    assert list(r.key) == ["b", "c", "a", "d"]
    assert list(r["rank"].fillna(-1)) == [1, 2, 2, -1]


def test_breakdown_by_field():
    t = pd.concat([DATA, tidy([
        ("SKHCN", "2024-H1", "files_total", 200, False, "Đo lường"),
        ("SKHCN", "2024-H1", "resolved_total", 200, False, "Đo lường"),
        ("SKHCN", "2024-H1", "resolved_early_on_time", 190, False, "Đo lường"),
        ("SKHCN", "2024-H1", "files_total", 81, False, "Sở hữu trí tuệ")])])
    b = comparison.breakdown(t, "SKHCN", H1, comparison.TTHC_BREAKDOWN)
    assert list(b.key) == ["Đo lường", "Sở hữu trí tuệ"] and set(b.by) == {"field"}
    assert b.loc[0, "rate.tthc_on_time"] == 95.0
    assert math.isnan(b.loc[1, "rate.tthc_on_time"])
    assert comparison.breakdown(DATA, "SKHCN", H1, comparison.TTHC_BREAKDOWN).empty


def test_direction():
    assert [comparison.direction(x) for x in (3, -0.5, 0, float("nan"))] == \
        ["up", "down", "flat", ""]


def test_measure_labels_and_definitions():
    assert comparison.ON_TIME.definition("vi").startswith("(trước hạn + đúng hạn) / đã giải quyết")
    assert comparison.get("tthc.carried_over").label("en").startswith("Carried over")
    assert comparison.get("rate.pet_resolution").unit_label("vi") == "%"
    assert comparison.get("pet.received").unit_label("vi") == "đơn"


def test_used_rows_and_submission_status():
    u = comparison.used_rows(DATA, [comparison.ON_TIME], [H1])
    assert set(u.indicator) == {"tthc.resolved_early_on_time", "tthc.resolved_total",
                                "tthc.resolved_early", "tthc.resolved_on_time"}
    s = comparison.submission_status(DATA, H1, ["SKHCN", "STP", "SNV"])
    assert list(s.agency) == ["SNV", "SKHCN", "STP"]  # the missing one first
    assert list(s.submitted) == [False, True, True]
    assert s.loc[1, "n_real"] == len(SEED) and s.loc[1, "files"] == "seed.csv"
    assert list(s.illustrative) == [False, False, True]
    # an agency with illustrative figures only has not sent anything: said in words
    assert list(s.status) == ["chưa có số liệu", "số liệu thật", "số liệu minh họa"]


def test_cases_and_petitions_are_not_compared():
    """KNTC_CASES falls back to petitions; a change between cases and petitions is refused."""
    t = tidy([("SKHCN", "2024-H1", "pet.complaints", 0),
              ("SKHCN", "2024-H1", "pet.denunciations", 0),
              ("SKHCN", "2023-H2", "kntc.complaints_received", 2),
              ("SKHCN", "2023-H2", "kntc.denunciations_received", 1),
              ("SKHCN", "2023-H1", "pet.complaints", 4),
              ("SKHCN", "2023-H1", "pet.denunciations", 1)])
    c = comparison.against(t, [comparison.KNTC_CASES], H1, [H2_23, H1_23])
    prev, last_year = c.iloc[1], c.iloc[2]
    assert prev.value == 3 and math.isnan(prev.change) and prev.note == "different_basis"
    assert last_year.change == -5 and last_year.note == ""


def test_findings_helpers():
    f = pd.DataFrame({"severity": ["warning", "error", "error", "warning"],
                      "rule": ["chain.carry_over", "tthc.pending_split", "tthc.pending_split",
                               "file.empty"],
                      "agency": ["SNV", "SCT", "STP", ""],
                      "period": ["2024-H1", "2024-H1", "2023-H2", ""]})
    got = comparison.findings_for(f, H1)
    assert list(got.rule) == ["tthc.pending_split", "chain.carry_over", "file.empty"]
    s = comparison.findings_summary(f)
    assert list(s.rule) == ["tthc.pending_split", "chain.carry_over", "file.empty"]
    assert list(s.n) == [2, 1, 1]
    assert s.loc[0, "agencies"] == "SCT, STP"


# -- breakdowns against a comparison period -----------------------------------------------------
def test_breakdown_against_base_period_changes_by_hand():
    """SKHCN: on time 281/281 = 100% against (100+80)/190 = 94.737%: +5.263 pp; files 281
    against 200: +40.5%.  STP: no 2023-H2 figures; SNV: none at all; SCT: base files 0 and
    base resolved 0 (no percent change, no base rate)."""
    t = pd.concat([DATA_REAL, tidy([("SCT", "2024-H1", "files_total", 12),
                               ("SCT", "2024-H1", "resolved_total", 4),
                               ("SCT", "2024-H1", "resolved_early_on_time", 3),
                               ("SCT", "2023-H2", "files_total", 0),
                               ("SCT", "2023-H2", "resolved_total", 0),
                               ("SCT", "2023-H2", "resolved_early_on_time", 0)])])
    b = comparison.breakdown(t, "HY", H1, comparison.TTHC_BREAKDOWN,
                             members=["SKHCN", "STP", "SNV", "SCT"], base=H2_23)
    assert list(b.key) == ["SKHCN", "STP", "SNV", "SCT"]
    assert set(b.base_period) == {"2023-H2"}
    k = b.set_index("key")
    assert k.loc["SKHCN", "rate.tthc_on_time"] == 100.0  # current values unchanged
    assert k.loc["SKHCN", "base:rate.tthc_on_time"] == pytest.approx(100 * 180 / 190)
    assert k.loc["SKHCN", "change:rate.tthc_on_time"] == pytest.approx(100 - 100 * 180 / 190)
    assert math.isnan(k.loc["SKHCN", "change_pct:rate.tthc_on_time"])  # pp, not %
    assert k.loc["SKHCN", "change:tthc.files_total"] == 81
    assert k.loc["SKHCN", "change_pct:tthc.files_total"] == pytest.approx(40.5)
    assert not bool(k.loc["SKHCN", "base_illustrative"]) and not k.loc["SKHCN", "illustrative"]
    assert k.loc["STP", "note:tthc.files_total"] == "base_missing"
    assert math.isnan(k.loc["STP", "change:tthc.files_total"])
    assert k.loc["SNV", "note:tthc.files_total"] == "both_missing"
    assert k.loc["SCT", "change:tthc.files_total"] == 12
    assert math.isnan(k.loc["SCT", "change_pct:tthc.files_total"])
    assert k.loc["SCT", "note:tthc.files_total"] == "base_zero"
    assert k.loc["SCT", "note:rate.tthc_on_time"] == "zero_denominator"
    assert math.isnan(k.loc["SCT", "change:rate.tthc_on_time"])
    nums = b.select_dtypes("number").to_numpy(dtype=float)
    assert not (abs(nums) == float("inf")).any()  # never inf


def test_breakdown_without_base_has_no_change_columns():
    b = comparison.breakdown(DATA, "HY", H1, comparison.TTHC_BREAKDOWN, members=["SKHCN"])
    assert not [c for c in b.columns if ":" in c or c.startswith("base")]


def test_breakdown_by_field_against_base():
    t = pd.concat([DATA, tidy([
        ("SKHCN", "2024-H1", "files_total", 60, False, "Đo lường"),
        ("SKHCN", "2023-H2", "files_total", 48, True, "Đo lường"),
        ("SKHCN", "2023-H2", "files_total", 7, True, "Chỉ có ở kỳ trước")])])
    b = comparison.breakdown(t, "SKHCN", H1, comparison.TTHC_BREAKDOWN, base=H2_23)
    assert list(b.key) == ["Đo lường"]  # a field of the base period only gets no row
    # real 60 against an illustrative 48: shown side by side, never compared
    assert b.loc[0, "base:tthc.files_total"] == 48
    assert math.isnan(b.loc[0, "change_pct:tthc.files_total"])
    assert b.loc[0, "note:tthc.files_total"] == "base_illustrative"
    real = pd.concat([DATA, tidy([
        ("SKHCN", "2024-H1", "files_total", 60, False, "Đo lường"),
        ("SKHCN", "2023-H2", "files_total", 48, False, "Đo lường")])])
    b = comparison.breakdown(real, "SKHCN", H1, comparison.TTHC_BREAKDOWN, base=H2_23)
    assert b.loc[0, "change_pct:tthc.files_total"] == pytest.approx(25.0)  # 60 / 48 − 1


# -- stated rates -------------------------------------------------------------------------------
def test_stated_rates_are_compared_with_computed_ones():
    """On time 992/1000 = 99.2% stated as 99.8 (0.6 pp apart: flagged); online 276/276 = 100%
    stated as 100 (equal); the previous period's 180/190 = 94.737% stated as 94.7 (0.037 pp
    apart: within the 0.05 tolerance)."""
    t = tidy([("SKHCN", "2024-H1", "resolved_total", 1000),
              ("SKHCN", "2024-H1", "resolved_early_on_time", 992),
              ("SKHCN", "2024-H1", "on_time_rate_stated", 99.8),
              ("SKHCN", "2024-H1", "received_in_period", 276),
              ("SKHCN", "2024-H1", "received_online", 276),
              ("SKHCN", "2024-H1", "online_share_stated", 100),
              ("SKHCN", "2023-H2", "resolved_total", 190),
              ("SKHCN", "2023-H2", "resolved_early_on_time", 180),
              ("SKHCN", "2023-H2", "on_time_rate_stated", 94.7)])
    c = comparison.against(t, comparison.TTHC, H1, [H2_23])
    codes = list(dict.fromkeys(c.measure))
    assert codes.index("tthc.on_time_rate_stated") == codes.index("rate.tthc_on_time") + 1
    d = comparison.stated_differences(c)
    assert len(d) == 1
    g = d.iloc[0]
    assert (g.measure, g.computed_measure, g.period) == (
        "tthc.on_time_rate_stated", "rate.tthc_on_time", "2024-H1")
    assert g.stated == 99.8 and g.computed == pytest.approx(99.2)
    assert g.difference == pytest.approx(0.6)
    assert len(comparison.stated_differences(c, tolerance=0.03)) == 2  # 94.7 vs 94.737


def test_province_shows_no_stated_rates():
    """Stated percentages of departments cannot be added, so the province has none."""
    t = tidy([("SKHCN", "2024-H1", "on_time_rate_stated", 99.8),
              ("SKHCN", "2024-H1", "resolved_total", 10)])
    rows = comparison.select(t, "HY", [H1])
    c = comparison.against(rows, comparison.TTHC, H1, [])
    assert c.loc[c.measure == "tthc.on_time_rate_stated", "value"].isna().all()


# -- speed without a changed figure (issue 22) ---------------------------------------------------
def test_a_province_comparison_pivots_its_rows_once(monkeypatch):
    """``against`` over a province computes its totals and its units' own figures (for the
    like-for-like changes) from one pivot of the rows, not two ``measure_values`` passes."""
    built = []

    class Counted(comparison._Wide):
        def __init__(self, rows, index):
            built.append(index)
            super().__init__(rows, index)

    monkeypatch.setattr(comparison, "_Wide", Counted)
    rows = comparison.select(DATA_REAL, "HY", [H1, H2_23], members=["SKHCN", "STP"])
    out = comparison.against(rows, comparison.TTHC, H1, [H2_23])
    assert built == [["period", "agency"]]
    # and the like-for-like change is still there: SKHCN only has both periods
    files = out[(out["measure"] == "tthc.files_total") & (out["role"] == "base")].iloc[0]
    assert files["note"] == "common_units" and files["n_common"] == 1
    assert files["change"] == 281 - 200 and files["value"] == 200


def test_province_sums_add_as_pandas_adds():
    """Non-integer amounts of twelve units: the province figure is the sum pandas gives
    (pairwise, not left to right), so a figure never moves in its last digit."""
    amounts = [12.727, 801.832, 356.37, 1145.475, 700.012, 254.55, 1043.655, 598.192,
               152.73, 941.835, 496.372, 50.91]  # million VND, three decimals
    units = [f"U{i:02d}" for i in range(12)]
    data = tidy([(u, "2024-H1", "insp.violation_money", v, False)
                 for u, v in zip(units, amounts, strict=True)])
    m = comparison.get("insp.violation_money")
    got = comparison.measure_values(comparison.select(data, "HY", [H1], members=units), [m])
    assert got["value"].iloc[0] == float(pd.Series(amounts).sum())
    left_to_right = 0.0
    for v in amounts:
        left_to_right += v
    assert float(pd.Series(amounts).sum()) != left_to_right  # the order matters here


@pytest.mark.parametrize("codes", [
    ["tthc.files_total", "pet.received", "tthc.files_total", "insp"],
    [],
    ["a.b.c", None, "d"],
])
def test_indicator_groups(codes):
    s = pd.Series(codes, index=list(range(len(codes)))[::-1], dtype="str")
    got = comparison._group(s)
    want = s.str.split(".").str[0]
    pd.testing.assert_series_equal(got, want)
    assert [repr(x) for x in got] == [repr(x) for x in want]
