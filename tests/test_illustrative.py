"""The illustrative panel: identities, carry-over chain, anomalies, seed agreement, determinism."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from papi_analysis import config
from papi_analysis.intake import illustrative
from papi_analysis.model import agencies, indicators, periods, schema

IDENTITY_RULES = {i.rule for i in indicators.IDENTITIES}


@pytest.fixture(scope="module")
def panel() -> pd.DataFrame:
    return illustrative.generate()


def identity_failures(df: pd.DataFrame) -> set[tuple[str, str, str, str]]:
    """(agency, period, field, rule) of every identity that does not hold.

    An identity is checked where its total and at least one part are present; absent parts
    count as 0 (e.g. tthc.returned_withdrawn for agencies that do not report it).
    """
    failures = set()
    for (agency, period, field), g in df.groupby(["agency", "period", "field"]):
        values = dict(zip(g["indicator"], g["value"], strict=True))
        for ident in indicators.IDENTITIES:
            if ident.total not in values or not any(p in values for p in ident.parts):
                continue
            parts = sum(values.get(p, 0.0) for p in ident.parts)
            total = values[ident.total]
            if ident.op == "=":
                ok = math.isclose(total, parts, abs_tol=1e-9)
            else:
                ok = parts <= total + 1e-9
            if not ok:
                failures.add((agency, period, field, ident.rule))
    return failures


def chain_breaks(df: pd.DataFrame) -> set[tuple[str, str, str]]:
    """(agency, period, field) where carried_over ≠ the previous half-year's pending_total."""
    values = df.set_index(["agency", "period", "field", "indicator"])["value"]
    breaks = set()
    for (agency, period, field, ind), carried in values.items():
        if ind != "tthc.carried_over":
            continue
        prev = periods.parse(period).previous().code
        key = (agency, prev, field, "tthc.pending_total")
        if key in values.index and values[key] != carried:
            breaks.add((agency, period, field))
    return breaks


def test_every_department_and_half_year(panel):
    codes = [a.code for a in agencies.departments()]
    assert len(codes) == 18
    assert sorted(panel["agency"].unique()) == sorted(codes)
    assert illustrative.PERIODS == ["2022-H1", "2022-H2", "2023-H1", "2023-H2", "2024-H1",
                                    "2024-H2"]
    present = set(zip(panel["agency"], panel["period"], strict=True))
    expected = {(a, p) for a in codes for p in illustrative.PERIODS}
    expected -= {("SKHCN", "2024-H1"), ("SVHTTDL", "2023-H1")}
    assert present == expected


def test_tidy_and_labelled_illustrative(panel):
    assert list(panel.columns) == schema.COLUMNS
    assert panel["illustrative"].all()
    assert (panel["source_file"] == "illustrative/hung_yen_panel_illustrative.csv").all()
    assert "illustrative" in illustrative.OUT_NAME
    assert panel["source_row"].tolist() == list(range(2, len(panel) + 2))
    assert (panel["source_text"] == "").all()
    assert not panel.duplicated(schema.KEY).any()
    assert set(panel["indicator"]) <= set(indicators.CATALOGUE)


def test_values_have_the_right_kind(panel):
    kinds = panel["indicator"].map(lambda c: indicators.CATALOGUE[c].kind)
    v = panel["value"]
    assert (v >= 0).all()
    counts = v[kinds == "count"]
    assert (counts == counts.round()).all()
    assert v[kinds == "percent"].le(100).all()


def test_identities_hold_except_listed_anomalies(panel):
    listed = {(a.agency, a.period, a.field, a.rule) for a in illustrative.ANOMALIES
              if a.rule in IDENTITY_RULES}
    assert len(listed) == 2  # the balance gap and the swapped digits
    assert identity_failures(panel) == listed


def test_balance_gap_is_seven_unreported_withdrawn_files(panel):
    g = panel[(panel.agency == "SNNPTNT") & (panel.period == "2024-H1") & (panel.field == "")]
    v = dict(zip(g.indicator, g.value, strict=True))
    assert "tthc.returned_withdrawn" not in v
    assert v["tthc.files_total"] - v["tthc.resolved_total"] - v["tthc.pending_total"] == 7


def test_swapped_digits_break_only_the_pending_split(panel):
    g = panel[(panel.agency == "SCT") & (panel.period == "2022-H2") & (panel.field == "")]
    v = dict(zip(g.indicator, g.value, strict=True))
    assert v["tthc.pending_in_time"] + v["tthc.pending_overdue"] != v["tthc.pending_total"]
    assert illustrative._swap_digits(19) == 91 and illustrative._swap_digits(11) == 21


def test_carry_over_chain_holds_except_the_listed_break(panel):
    listed = {(a.agency, a.period, a.field) for a in illustrative.ANOMALIES
              if a.rule == "chain.carry_over"}
    assert listed == {("SLDTBXH", "2023-H2", "")}
    assert chain_breaks(panel) == listed
    v = panel.set_index(["agency", "period", "field", "indicator"])["value"]
    gap = v[("SLDTBXH", "2023-H1", "", "tthc.pending_total")] - v[
        ("SLDTBXH", "2023-H2", "", "tthc.carried_over")]
    assert gap == 9


def test_non_submitter_is_listed(panel):
    missing = [a for a in illustrative.ANOMALIES if a.rule == "submission.missing"]
    assert [(a.agency, a.period) for a in missing] == [("SVHTTDL", "2023-H1")]
    assert panel[(panel.agency == "SVHTTDL") & (panel.period == "2023-H1")].empty
    assert not panel[(panel.agency == "SVHTTDL") & (panel.period == "2023-H2")].empty


def test_anomalies_are_documented_in_the_readme():
    text = (config.ILLUSTRATIVE_DIR / "README.md").read_text(encoding="utf-8")
    assert "ILLUSTRATIVE" in text and "python -m papi_analysis.intake.illustrative" in text
    for a in illustrative.ANOMALIES:
        assert a.agency in text and a.period in text and a.rule in text, a


def test_agrees_with_the_seed(panel):
    skhcn = panel[panel.agency == "SKHCN"]
    assert skhcn[skhcn.period == "2024-H1"].empty
    v = skhcn.set_index(["period", "field", "indicator"])["value"]
    assert v[("2023-H2", "", "tthc.pending_total")] == 5
    assert v[("2023-H2", "", "tthc.pending_overdue")] == 0
    assert v[("2024-H2", "", "tthc.carried_over")] == 0
    assert set(skhcn["field"]) == {""}


def test_chain_through_the_real_seed(panel):
    seed = pd.read_csv(config.SUBMISSIONS_DIR / "skhcn_2024-H1_seed.csv", dtype=str,
                       keep_default_na=False)
    seed["illustrative"] = seed["illustrative"] == "True"
    both = pd.concat([panel, schema.conform(seed)], ignore_index=True)
    assert not any(a == "SKHCN" for a, _, _ in chain_breaks(both))
    v = both.set_index(["agency", "period", "field", "indicator"])["value"]
    assert v[("SKHCN", "2024-H1", "", "tthc.carried_over")] == v[
        ("SKHCN", "2023-H2", "", "tthc.pending_total")] == 5


def test_fields_sum_to_the_total_row(panel):
    tthc = panel[panel.indicator.str.startswith("tthc.") & ~panel.indicator.str.endswith("_stated")]
    with_fields = tthc[tthc.field != ""]
    assert {"STNMT", "SXD", "SGTVT", "STP", "SYT", "SKHDT"} <= set(with_fields.agency)
    assert "Đất đai" in set(with_fields.field)
    sums = with_fields.groupby(["agency", "period", "indicator"])["value"].sum()
    totals = tthc[tthc.field == ""].set_index(["agency", "period", "indicator"])["value"]
    assert (totals.loc[sums.index] == sums).all()


def test_magnitudes_differ_by_agency(panel):
    files = panel[(panel.indicator == "tthc.received_in_period") & (panel.field == "")]
    by = files.groupby("agency")["value"]
    assert by.min()["SKHCN"] >= 230 and by.max()["SKHCN"] <= 320
    for code in ("SGTVT", "SXD", "STNMT", "SKHDT"):
        assert by.min()[code] >= 1000, code
    assert by.max()["TTT"] < 50


def test_some_late_and_overdue_files_but_no_invented_corruption(panel):
    tot = panel[panel.field == ""]
    late = tot[tot.indicator == "tthc.resolved_late"]["value"]
    overdue = tot[tot.indicator == "tthc.pending_overdue"]["value"]
    assert 0 < (late > 0).sum() < len(late)
    assert 0 < (overdue > 0).sum() < len(overdue)
    assert (tot[tot.indicator == "ac.cases"]["value"] == 0).all()


def test_all_groups_present(panel):
    groups = {c.split(".")[0] for c in panel.indicator}
    assert {"tthc", "proc", "pet", "kntc", "recep", "acct", "insp", "ac", "egov"} <= groups


def test_deterministic_and_seeded():
    assert illustrative.render() == illustrative.render()
    pd.testing.assert_frame_equal(illustrative.generate(7), illustrative.generate(7))
    assert illustrative.render(7) != illustrative.render()


def test_main_writes_the_csv(tmp_path, capsys):
    assert illustrative.main(["--out", str(tmp_path)]) == 0
    written = (tmp_path / illustrative.OUT_NAME).read_bytes()
    assert written == illustrative.render().encode("utf-8")
    header = b"agency,period,indicator,value,field,illustrative,source_text,note"
    assert written.splitlines()[0] == header
    assert "ILLUSTRATIVE" in capsys.readouterr().out


def test_the_2025_panel_follows_the_registry_and_is_shipped_as_generated(tmp_path):
    from papi_analysis import config
    from papi_analysis.model import agencies

    illustrative.main(["--out", str(tmp_path)])
    written = (tmp_path / illustrative.OUT_NAME_2025).read_bytes()
    assert written == illustrative.render(which="2025").encode("utf-8")
    assert (config.ILLUSTRATIVE_DIR / illustrative.OUT_NAME_2025).read_bytes() == written
    df = illustrative.panel_2025()
    assert df["illustrative"].all()
    reg = agencies.load()
    for period in illustrative.PERIODS_2025:
        day = agencies.as_of(period)
        expected = {a.code for a in reg.units.values() if a.kind != "province"
                    and a.valid_on(day)}
        assert set(df.loc[df["period"] == period, "agency"]) == expected, period
    # Thái Bình's departments only up to the merger, the merged units after
    assert "TB-SNNMT" in set(df.loc[df["period"] == "2025-H1", "agency"])
    assert "TB-SNNMT" not in set(df.loc[df["period"] == "2025-H2", "agency"])
    assert "STNMT" not in set(df["agency"])
    # files carried into 2025-H2 by SNNMT are what SNNMT and TB-SNNMT left pending
    wide = df.pivot_table(index=["agency", "period"], columns="indicator", values="value")
    left = (wide.loc[("SNNMT", "2025-H1"), "tthc.pending_total"]
            + wide.loc[("TB-SNNMT", "2025-H1"), "tthc.pending_total"])
    assert wide.loc[("SNNMT", "2025-H2"), "tthc.carried_over"] == left
