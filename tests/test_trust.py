"""Figures a leader can trust (issue 17): like-for-like comparisons, and nothing that failed
its checks ranked or headlined.

Property-based tests (Hypothesis) draw random province panels: units with gaps, units whose
data failed its checks, illustrative and real figures, and rates that cannot be right (more
files on time than resolved).  For every comparison the analysis layer produces, the
properties below must hold; each is computed here again from the drawn panel, by hand.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from papi_analysis.analysis import comparison
from papi_analysis.model import schema

CUR, BASE = "2024-H1", "2023-H2"
UNITS = ["SNV", "STP", "SKHCN", "SYT", "STC"]
MEASURES = [comparison.FILES_TOTAL, comparison.ON_TIME]

unit_period = st.fixed_dictionaries({
    "present": st.booleans(),
    "illustrative": st.booleans(),
    "error": st.integers(0, 5).map(lambda x: x == 0),  # about one in six
    "files": st.integers(0, 500),
    "resolved": st.integers(0, 300),
    "on_time_extra": st.integers(-300, 10),  # > 0: more on time than resolved (a mistake)
})
panels = st.dictionaries(st.tuples(st.sampled_from(UNITS), st.sampled_from([CUR, BASE])),
                         unit_period, min_size=1, max_size=10)


def tidy_of(panel: dict) -> pd.DataFrame:
    recs = []
    for (a, p), u in sorted(panel.items()):
        if not u["present"]:
            continue
        on_time = max(0, u["resolved"] + u["on_time_extra"])
        for code, v in (("tthc.files_total", u["files"]), ("tthc.resolved_total", u["resolved"]),
                        ("tthc.resolved_early_on_time", on_time)):
            recs.append({"agency": a, "period": p, "indicator": code, "value": float(v),
                         "illustrative": u["illustrative"], "field": "",
                         "source_file": "panel.csv" if u["illustrative"] else "form.xlsx",
                         "source_row": len(recs) + 2})
    if not recs:
        return schema.conform(pd.DataFrame(columns=["agency", "period", "indicator", "value"]))
    df = schema.conform(pd.DataFrame(recs))
    findings = pd.DataFrame(
        [{"severity": "error", "rule": "fields.sum", "agency": a, "period": p,
          "indicator": "tthc.resolved_on_time"}
         for (a, p), u in panel.items() if u["present"] and u["error"]],
        columns=["severity", "rule", "agency", "period", "indicator"])
    return comparison.mark_errors(df, findings)


def units(panel: dict, period: str, *, ok_only: bool = True) -> dict[str, dict]:
    return {a: u for (a, p), u in panel.items()
            if p == period and u["present"] and not (ok_only and u["error"])}


def rate(u: dict) -> float:
    on_time = max(0, u["resolved"] + u["on_time_extra"])
    return math.nan if u["resolved"] == 0 else 100.0 * on_time / u["resolved"]


def rate_ok(u: dict) -> bool:
    r = rate(u)
    return math.isnan(r) or 0 <= r <= 100


SETTINGS = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(panels)
def test_province_changes_are_like_for_like(panel):
    t = tidy_of(panel)
    if t.empty:
        return
    rows = comparison.select(t, "HY", [CUR, BASE], members=UNITS)
    table = comparison.against(rows, MEASURES, CUR, [BASE])
    now, then = units(panel, CUR), units(panel, BASE)
    for m in MEASURES:
        r = table[(table.measure == m.code) & (table.role == "base")].iloc[0]
        c = table[(table.measure == m.code) & (table.role == "current")].iloc[0]
        # the full current total sums exactly the units without errors
        if m.kind == "count":
            want = sum(u["files"] for u in now.values())
            assert (math.isnan(c.value) and not now) or c.value == want
        if math.isnan(r.change):
            continue
        # a change is only ever computed over units present in both periods, of one kind,
        # none with errors
        common = [a for a in now if a in then
                  and now[a]["illustrative"] == then[a]["illustrative"]]
        if m.kind == "rate":  # a unit whose own rate cannot be right takes no part either
            common = [a for a in common if rate_ok(now[a]) and rate_ok(then[a])]
        assert common, (r.note, now, then)
        if r.note in ("common_units",) or not math.isnan(r.n_common):
            assert int(r.n_common) == len(common)
        else:  # the change stands as computed: the two sides are the same units
            assert set(now) == set(then) == set(common)
            all_present = {a for (a, p), u in panel.items() if u["present"]}
            assert not any(panel[(a, p)]["error"] for a in all_present for p in (CUR, BASE)
                           if (a, p) in panel and panel[(a, p)]["present"])
        if m.kind == "count":
            want = (sum(now[a]["files"] for a in common) - sum(then[a]["files"] for a in common))
            assert r.change == pytest.approx(want)


@SETTINGS
@given(panels)
def test_no_rate_outside_0_100_is_ever_a_value(panel):
    t = tidy_of(panel)
    if t.empty:
        return
    for agency in ["HY", *UNITS]:
        rows = comparison.select(t, agency, [CUR, BASE], members=UNITS)
        table = comparison.against(rows, MEASURES, CUR, [BASE])
        rates = table[table.kind == "rate"]["value"].dropna()
        assert ((rates >= 0) & (rates <= 100)).all(), (agency, rates.tolist())
    b = comparison.breakdown(t, "HY", CUR, MEASURES, members=UNITS, base=BASE)
    got = b[comparison.ON_TIME.code].dropna()
    assert ((got >= 0) & (got <= 100)).all()


@SETTINGS
@given(panels)
def test_ranked_units_are_exactly_those_without_errors(panel):
    t = tidy_of(panel)
    if t.empty:
        return
    b = comparison.breakdown(t, "HY", CUR, MEASURES, members=UNITS, base=BASE)
    ranked = comparison.rank(b, comparison.ON_TIME.code)
    got = set(ranked.loc[ranked["rank"].notna(), "key"])
    want = {a for a, u in units(panel, CUR).items()
            if not math.isnan(rate(u)) and 0 <= rate(u) <= 100}
    assert got == want
    # equal displayed values share a rank
    shown = ranked[ranked["rank"].notna()]
    for v, g in shown.groupby(shown[comparison.ON_TIME.code].round(1)):
        assert g["rank"].nunique() == 1, v
    # a rank move only among units ranked in both periods with the same kind
    moved = ranked[ranked["rank_move"].notna()]
    for r in moved.itertuples(index=False):
        u, v = panel[(r.key, CUR)], panel.get((r.key, BASE))
        assert v is not None and v["present"] and not v["error"]
        assert u["illustrative"] == v["illustrative"]
    # the attention list never names a unit with errors
    worst = comparison.attention(t, "HY", CUR, UNITS)
    assert not set(worst["agency"]) & {a for a, u in units(panel, CUR, ok_only=False).items()
                                      if u["error"]}


@SETTINGS
@given(panels)
def test_no_change_between_a_real_and_an_illustrative_figure(panel):
    t = tidy_of(panel)
    if t.empty:
        return
    for a in UNITS:
        u, v = panel.get((a, CUR)), panel.get((a, BASE))
        if not (u and v and u["present"] and v["present"]):
            continue
        rows = comparison.select(t, a, [CUR, BASE])
        table = comparison.against(rows, MEASURES, CUR, [BASE])
        if u["illustrative"] != v["illustrative"] or u["error"] or v["error"]:
            assert table[table.role == "base"]["change"].isna().all()
    b = comparison.breakdown(t, "HY", CUR, MEASURES, members=UNITS, base=BASE)
    sel = b["illustrative"].astype(bool) != b["base_illustrative"].astype(bool)
    assert b.loc[sel & b[f"base:{comparison.FILES_TOTAL.code}"].notna(),
                 f"change:{comparison.FILES_TOTAL.code}"].isna().all()


def test_ties_share_a_rank_by_displayed_value():
    table = pd.DataFrame({"key": ["A", "B", "C", "D"], "by": "agency",
                          "rate.tthc_on_time": [99.61, 99.58, 99.64, 98.0],
                          "illustrative": False, "error": False})
    got = comparison.rank(table, "rate.tthc_on_time").set_index("key")["rank"]
    assert got.to_dict() == {"A": 1, "B": 1, "C": 1, "D": 4}


def test_unit_with_errors_is_left_out_of_the_province_and_named():
    panel = {("SKHCN", CUR): dict(present=True, illustrative=False, error=False, files=294,
                                  resolved=294, on_time_extra=0),
             ("SKHCN", BASE): dict(present=True, illustrative=False, error=False, files=281,
                                   resolved=281, on_time_extra=0),
             ("STP", CUR): dict(present=True, illustrative=False, error=True, files=730,
                                resolved=718, on_time_extra=53),
             ("SYT", CUR): dict(present=True, illustrative=False, error=False, files=1870,
                                resolved=0, on_time_extra=0)}
    t = tidy_of(panel)
    rows = comparison.select(t, "HY", [CUR, BASE], members=UNITS)
    table = comparison.against(rows, MEASURES, CUR, [BASE]).set_index(["measure", "period"])
    files = table.loc[("tthc.files_total", CUR)]
    assert files.value == 294 + 1870 and files.excluded == ("STP",)
    change = table.loc[("tthc.files_total", BASE)]
    assert change.change == 13 and change.note == "common_units" and change.n_common == 1
    assert table.loc[("rate.tthc_on_time", CUR)].value == 100.0  # SKHCN alone, not 102 %
    b = comparison.breakdown(t, "HY", CUR, MEASURES, members=UNITS, base=BASE)
    stp = b.set_index("key").loc["STP"]
    assert math.isnan(stp["rate.tthc_on_time"])
    assert stp["invalid:rate.tthc_on_time"] == pytest.approx(100 * 771 / 718)
    ranked = comparison.rank(b, "rate.tthc_on_time").set_index("key")
    assert math.isnan(ranked.loc["STP", "rank"]) and ranked.loc["STP", "unranked"] == "error"


def test_a_unit_whose_own_rate_cannot_be_right_is_left_out_of_the_province_rate():
    """No validation error, but 120 on time of 100 resolved: the province rate is the other
    units' and names the one left out; its file counts still add up."""
    panel = {("SKHCN", CUR): dict(present=True, illustrative=False, error=False, files=300,
                                  resolved=200, on_time_extra=0),
             ("STP", CUR): dict(present=True, illustrative=False, error=False, files=150,
                                resolved=100, on_time_extra=20)}
    t = tidy_of(panel)
    rows = comparison.select(t, "HY", [CUR], members=UNITS)
    table = comparison.against(rows, MEASURES, CUR, []).set_index("measure")
    assert table.loc["rate.tthc_on_time", "value"] == 100.0
    assert table.loc["rate.tthc_on_time", "excluded"] == ("STP",)
    assert table.loc["tthc.files_total", "value"] == 450
