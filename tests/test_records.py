"""Records of individual files (hồ sơ) → Biểu II.06a (papi_analysis.intake.records)."""

from __future__ import annotations

import pandas as pd
import pytest

from papi_analysis.errors import InputFileError
from papi_analysis.intake import records

# A hand-made export in a provincial system's own column names; window 2024-H1 is
# 15/12/2023 → 14/06/2024.
HEADER = ("Mã hồ sơ,Mã TTHC,Tên thủ tục,Lĩnh vực,Cơ quan,Ngày tiếp nhận,Ngày hẹn trả,"
          "Ngày có kết quả,Trạng thái,Kênh nộp")
#: A and B: procedure code, name, field and agency of the rows below.
PROC = {"A": "1.004227,Cấp giấy A,Đo lường,SKHCN", "B": "2.001,Cấp giấy B,Sở hữu trí tuệ,SKHCN",
        "C": "2.001,Cấp giấy B,Sở hữu trí tuệ,"}  # C: no agency
ROWS = [
    # carried over (received before 15/12/2023, open then), resolved late in the window
    "H01,A,01/12/2023,10/12/2023,05/01/2024,Đã giải quyết,Trực tuyến",
    # resolved before 15/12/2023: not in the window at all
    "H02,A,01/12/2023,10/12/2023,09/12/2023,Đã giải quyết,Trực tiếp",
    "H03,A,10/01/2024,20/01/2024,15/01/2024,Đã giải quyết,Trực tiếp",
    "H04,A,10/01/2024,20/01/2024,20/01/2024 10:00,ĐÃ GIẢI QUYẾT,truc tuyen",
    "H05,A,10/01/2024,20/01/2024,21/01/2024,Đã giải quyết,Bưu chính",
    # pending at the end: due after 14/06 (in time), due on/before 14/06 (overdue)
    "H06,B,10/06/2024,20/06/2024,,Đang giải quyết,Trực tuyến",
    "H07,B,01/06/2024,14/06/2024,,Đang giải quyết,Trực tuyến",
    # resolved after the window: pending (overdue) at its end
    "H08,B,01/06/2024,10/06/2024,20/06/2024,Đã giải quyết,Trực tiếp",
    # withdrawn in the window
    "H09,B,01/03/2024,10/03/2024,05/03/2024,Rút hồ sơ,Trực tuyến",
    # received after the window
    "H10,B,20/06/2024,30/06/2024,,Đang giải quyết,Trực tuyến",
    # errors: repeated id, due before received, unknown channel, unknown status, bad date
    "H07,B,01/06/2024,14/06/2024,,Đang giải quyết,Trực tuyến",
    "H11,B,01/06/2024,10/05/2024,,Đang giải quyết,Trực tuyến",
    "H12,B,01/06/2024,10/07/2024,,Đang giải quyết,Fax",
    "H13,B,01/06/2024,10/07/2024,,Chờ ký duyệt lại,Trực tuyến",
    "H14,B,31/02/2024,10/07/2024,,Đang giải quyết,Trực tuyến",
    "H15,B,01/03/2024,10/03/2024,01/02/2024,Đã giải quyết,Trực tuyến",
    "H16,C,01/03/2024,10/03/2024,05/03/2024,Đã giải quyết,Trực tuyến",
]


@pytest.fixture
def export(tmp_path):
    p = tmp_path / "motcua_skhcn.csv"
    lines = [PROC[r[4]] .join((r[:4], r[5:])) for r in ROWS]
    p.write_text(HEADER + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return p


def wide(path, period="2024-H1", by=("agency", "field")):
    rec = records.open_records(path)
    try:
        return records.aggregate(rec, period, by), rec.findings
    finally:
        rec.close()


def test_ii06a_counts_by_field(export):
    df, _ = wide(export)
    df = df.set_index("field")
    do = df.loc["Đo lường"]
    assert do["tthc.received_online"] == 1 and do["tthc.received_offline"] == 2
    assert do["tthc.carried_over"] == 1 and do["tthc.files_total"] == 4
    assert (do["tthc.resolved_early"], do["tthc.resolved_on_time"],
            do["tthc.resolved_late"]) == (1, 1, 2)
    assert do["tthc.pending_total"] == 0
    sh = df.loc["Sở hữu trí tuệ"]
    assert sh["tthc.received_online"] == 3 and sh["tthc.received_offline"] == 1
    assert sh["tthc.carried_over"] == 0
    assert sh["tthc.pending_in_time"] == 1 and sh["tthc.pending_overdue"] == 2
    assert sh["tthc.returned_withdrawn"] == 1 and sh["tthc.resolved_total"] == 0


def test_identities_hold_for_every_group(export):
    df, _ = wide(export)
    assert (df["tthc.files_total"] == df["tthc.resolved_total"] + df["tthc.pending_total"]
            + df["tthc.returned_withdrawn"]).all()


def test_findings_name_row_and_file_id(export):
    _, f = wide(export)
    by_rule = {r: g for r, g in f.groupby("rule")}
    dup = by_rule["records.duplicate_id"].iloc[0]
    assert "H07" in dup["message_vi"] and "dòng/row 12" in dup["location"]
    assert "dòng/row 8" in dup["message_en"] or "row 8" in dup["message_en"]
    assert "H11" in by_rule["records.due_before_received"].iloc[0]["message_en"]
    assert "Fax" in by_rule["records.channel_unknown"].iloc[0]["message_en"]
    assert "H13" in by_rule["records.status_unknown"].iloc[0]["message_vi"]
    assert "31/02/2024" in by_rule["records.date_unreadable"].iloc[0]["message_vi"]
    assert "H15" in by_rule["records.dates_order"].iloc[0]["message_en"]
    assert "H16" in by_rule["records.agency_missing"].iloc[0]["message_en"]
    assert set(f["severity"]) == {"error"}


def test_tidy_rows_are_a_form(export):
    rec = records.open_records(export)
    try:
        t = records.tidy(rec, "2024-H1")
    finally:
        rec.close()
    assert set(t["period"]) == {"2024-H1"} and set(t["agency"]) == {"SKHCN"}
    assert set(t["source_file"]) == {"motcua_skhcn.csv"} and not t["illustrative"].any()
    total = t[(t["field"] == "") & (t["indicator"] == "tthc.files_total")]["value"]
    assert total.tolist() == [8.0]
    assert set(t["field"]) == {"", "Đo lường", "Sở hữu trí tuệ"}
    assert t[t["indicator"] == "tthc.received_online"]["source_column"].iloc[0] == "(4)"


def test_headers_without_diacritics_and_a_toml_mapping(tmp_path):
    p = tmp_path / "export.csv"
    p.write_text("MA HO SO;Don vi xu ly;Ngay nhan HS;NGAY HEN TRA;Ngay co ket qua;"
                 "Tinh trang;Hinh thuc nop\n"
                 "A1;SKHCN;2024-01-10;2024-01-20;2024-01-12;Da giai quyet;Truc tuyen\n",
                 encoding="utf-8")
    with pytest.raises(InputFileError) as err:
        records.open_records(p)
    assert "received" in err.value.en
    (tmp_path / "export.toml").write_text('[columns]\nreceived = "Ngày nhận HS"\n',
                                          encoding="utf-8")
    df, f = wide(p, by=("agency",))
    assert f.empty
    assert df.iloc[0]["tthc.resolved_early"] == 1 and df.iloc[0]["tthc.received_online"] == 1


def test_unknown_mapping_field_is_refused(tmp_path, export):
    m = tmp_path / "m.toml"
    m.write_text('[columns]\nrecieved = "Ngày nhận"\n', encoding="utf-8")
    with pytest.raises(InputFileError) as err:
        records.open_records(export, mapping=m)
    assert "recieved" in err.value.en


def test_parquet_gives_the_same_counts(export, tmp_path):
    df = pd.read_csv(export, dtype=str)
    pq = tmp_path / "motcua_skhcn.parquet"
    df.to_parquet(pq)
    a, fa = wide(export)
    b, fb = wide(pq)
    pd.testing.assert_frame_equal(a, b)
    assert fa["location"].str.replace(".csv", "").tolist() == \
        fb["location"].str.replace(".parquet", "").tolist()


def test_missing_file_is_one_clear_error(tmp_path):
    with pytest.raises(InputFileError):
        records.open_records(tmp_path / "none.csv")


# -- the illustrative generator and reconciliation with the panel ---------------------------


@pytest.fixture(scope="module")
def panel():
    from papi_analysis import config
    from papi_analysis.model import schema

    df = pd.read_csv(config.DATA_DIR / "illustrative" / "hung_yen_panel_illustrative.csv",
                     keep_default_na=False)
    df["source_file"] = "illustrative/hung_yen_panel_illustrative.csv"
    return schema.conform(df)


@pytest.mark.parametrize("period", ["2022-H1", "2024-H1", "2024-H2"])
def test_generated_records_give_the_panels_ii06a(panel, tmp_path, period):
    """Every agency and field of the illustrative panel for a period: the records the
    generator makes, read back from Parquet, count exactly the panel's figures, and the
    reconciliation with the panel agrees in every cell."""
    from papi_analysis.intake import illustrative_records as ir

    targets = ir.targets_from_panel(panel, period=period)
    assert len(targets) >= 10
    path = ir.write(ir.generate(targets, seed=7), tmp_path / f"motcua_{period}.parquet")
    rec = records.open_records(path)
    try:
        assert rec.findings.empty
        rows = records.tidy(rec, period)
    finally:
        rec.close()
    assert rows["illustrative"].all()
    table = records.reconcile(rows, panel)
    # every panel cell of (3)–(13) of the period was compared
    ii = [c for c, _ in records.II06A if c != "tthc.returned_withdrawn"]
    want = panel[(panel["period"] == period) & panel["indicator"].isin(ii)]
    assert len(table) >= len(want)
    assert table["agree"].all(), table[~table["agree"]]


def test_generated_csv_in_the_exports_headers(panel, tmp_path):
    from papi_analysis.intake import illustrative_records as ir

    targets = ir.targets_from_panel(panel, agencies=["SKHCN"], period="2023-H2")
    path = ir.write(ir.generate(targets), tmp_path / "skhcn.csv")
    assert path.read_text(encoding="utf-8").startswith("Mã hồ sơ,Mã TTHC,Tên thủ tục")
    df, f = wide(path, "2023-H2", by=("agency",))
    assert f.empty
    row = df.iloc[0]
    assert (row["tthc.received_online"], row["tthc.carried_over"],
            row["tthc.resolved_on_time"], row["tthc.pending_in_time"]) == (230, 7, 107, 5)


def test_generator_is_seeded(panel):
    from papi_analysis.intake import illustrative_records as ir

    targets = ir.targets_from_panel(panel, agencies=["SKHCN"], period="2023-H2")
    pd.testing.assert_frame_equal(ir.generate(targets, seed=3), ir.generate(targets, seed=3))
    assert not ir.generate(targets, seed=3).equals(ir.generate(targets, seed=4))


def test_a_form_that_differs_is_one_finding_naming_both_values(panel, tmp_path):
    from papi_analysis.intake import illustrative_records as ir

    targets = ir.targets_from_panel(panel, agencies=["SKHCN"], period="2023-H2")
    path = ir.write(ir.generate(targets), tmp_path / "skhcn.parquet")
    rec = records.open_records(path)
    try:
        rows = records.tidy(rec, "2023-H2")
    finally:
        rec.close()
    form = panel[(panel["agency"] == "SKHCN") & (panel["period"] == "2023-H2")].copy()
    form.loc[form["indicator"] == "tthc.resolved_on_time", "value"] = 170.0
    table = records.reconcile(rows, form)
    assert table["agree"].sum() == len(table) - 1
    f = records.reconcile_findings(table)
    assert len(f) == 1 and f.iloc[0]["rule"] == "records.form_mismatch"
    assert "107" in f.iloc[0]["message_vi"] and "170" in f.iloc[0]["message_vi"]
    assert "(9)" in f.iloc[0]["message_en"] and "skhcn.parquet" in f.iloc[0]["message_en"]
    # a real form is never compared with illustrative records
    form["illustrative"] = False
    assert records.reconcile(rows, form).empty


# -- the records folder: data/records/ beside the submissions -------------------------------

def _data_folder(tmp_path, panel, form_value=None):
    from papi_analysis.intake import illustrative_records as ir

    base = tmp_path / "data"
    (base / "submissions").mkdir(parents=True)
    (base / "records").mkdir()
    form = panel[(panel["agency"] == "SKHCN") & (panel["period"] == "2023-H2")
                 & panel["indicator"].str.startswith("tthc.")].copy()
    form["illustrative"] = False
    if form_value is not None:
        form.loc[form["indicator"] == "tthc.resolved_on_time", "value"] = form_value
    form[["agency", "period", "indicator", "value", "field"]].to_csv(
        base / "submissions" / "skhcn_2023-H2.csv", index=False)
    recs = ir.generate(ir.targets_from_panel(panel, agencies=["SKHCN"], period="2023-H2"))
    recs["illustrative"] = False
    ir.write(recs, base / "records" / "motcua_skhcn.csv")
    return base


def test_records_folder_is_read_beside_the_submissions(tmp_path, panel):
    from papi_analysis.intake import datasets

    base = _data_folder(tmp_path, panel)
    tidy, found = datasets.read_all(base, illustrative=False)
    rec = tidy[tidy["source_file"] == "records/motcua_skhcn.csv"]
    assert set(rec["period"]) == {"2023-H2"}  # the only half year the export covers whole
    assert not found["rule"].str.startswith("records.").any()
    on_time = rec[(rec["indicator"] == "tthc.resolved_on_time") & (rec["field"] == "")]
    assert on_time["value"].tolist() == [107.0]
    loaded = datasets.load(base, illustrative=False, cache=False)
    assert len(loaded[loaded["period"] == "2023-H2"]) > 0


def test_records_and_a_form_that_differ_are_reported(tmp_path, panel):
    from papi_analysis.intake import validation

    base = _data_folder(tmp_path, panel, form_value=170.0)
    found = validation.check_data(base, illustrative=False, cache=False)
    mism = found[found["rule"] == "records.form_mismatch"]
    assert len(mism) == 1
    assert "107" in mism.iloc[0]["message_vi"] and "170" in mism.iloc[0]["message_vi"]
    assert mism.iloc[0]["agency"] == "SKHCN" and mism.iloc[0]["period"] == "2023-H2"


def test_a_broken_records_file_does_not_stop_the_folder(tmp_path, panel):
    from papi_analysis.intake import datasets

    base = _data_folder(tmp_path, panel)
    (base / "records" / "broken.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    tidy, found = datasets.read_all(base, illustrative=False)
    assert (found["rule"] == "file.unreadable").sum() == 1
    assert (tidy["source_file"] == "records/motcua_skhcn.csv").any()


# -- drill-down (papi_analysis.analysis.records) -------------------------------------------

@pytest.fixture
def opened(export):
    rec = records.open_records(export)
    yield rec
    rec.close()


def test_late_by_procedure_with_median_days_late(opened):
    from papi_analysis.analysis import records as ar

    df = ar.late_by_procedure(opened, "2024-H1").set_index("procedure_code")
    # H01 26 days and H05 1 day late; H07 (due 14/06: 0 days) and H08 (4 days) overdue
    a, b = df.loc["1.004227"], df.loc["2.001"]
    assert (a["resolved_late"], a["pending_overdue"], a["median_days_late"]) == (2, 0, 13.5)
    assert (b["resolved_late"], b["pending_overdue"], b["median_days_late"]) == (0, 2, 2.0)
    assert len(ar.late_by_procedure(opened, "2024-H1", top=1)) == 1


def test_processing_time_and_monthly_series(opened):
    from papi_analysis.analysis import records as ar

    pt = ar.processing_time(opened, "2024-H1").set_index("field").loc["Đo lường"]
    assert (pt["resolved"], pt["median_days_taken"], pt["median_days_allowed"],
            pt["share_over_due"]) == (4, 10.5, 10.0, 0.5)
    m = ar.monthly(opened, "2024-H1").set_index("month")
    assert m.loc["01/2024", "received"] == 3 and m.loc["01/2024", "resolved_late"] == 2
    assert m.loc["06/2024", "received_online"] == 2
    # the monthly receipts add up to (4) + (5)
    wide = records.aggregate(opened, "2024-H1", ("agency",)).iloc[0]
    assert m["received"].sum() == wide["tthc.received_online"] + wide["tthc.received_offline"]


def test_online_uptake_and_service_shares_with_definitions(opened):
    from papi_analysis.analysis import records as ar

    up = ar.online_uptake(opened, "2024-H1").set_index("procedure_code")
    assert up.loc["2.001", "online_share"] == 0.75
    sh = ar.service_shares(opened, "2024-H1").set_index("code")
    assert (sh.loc["on_time", "numerator"], sh.loc["on_time", "denominator"]) == (2, 4)
    assert sh.loc["online", "share"] == pytest.approx(4 / 7)
    # the export has no service-level or digitised column: no share, never a made-up 0
    assert sh.loc[["online_full", "digitised"], "share"].isna().all()
    assert sh["definition_vi"].str.len().gt(20).all() and sh["definition_en"].str.len().gt(20).all()


# -- properties over random records ----------------------------------------------------------

def _random_export(path, seed, n=400):
    import numpy as np

    rng = np.random.default_rng(seed)
    base = pd.Timestamp("2023-10-01")
    rec = pd.to_timedelta(rng.integers(0, 400, n), unit="D") + base
    due = rec + pd.to_timedelta(rng.integers(0, 30, n), unit="D")
    closed = rec + pd.to_timedelta(rng.integers(0, 60, n), unit="D")
    status = rng.choice(["Đã giải quyết", "Đang giải quyết", "Trả lại", "Rút hồ sơ"], n,
                        p=[0.7, 0.2, 0.05, 0.05])
    result = pd.Series(closed.strftime("%d/%m/%Y"))
    result[status == "Đang giải quyết"] = ""
    pd.DataFrame({
        "Mã hồ sơ": [f"R{i:05d}" for i in range(n)], "Cơ quan": rng.choice(["SKHCN", "STP"], n),
        "Cấp": "tỉnh", "Lĩnh vực": rng.choice(["A", "B", "C"], n),
        "Kênh nộp": rng.choice(["Trực tuyến", "Trực tiếp", "Bưu chính"], n),
        "Ngày tiếp nhận": rec.strftime("%d/%m/%Y"), "Ngày hẹn trả": due.strftime("%d/%m/%Y"),
        "Ngày có kết quả": result, "Trạng thái": status,
    }).to_csv(path, index=False)
    return path


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_identities_and_the_carry_over_chain_on_random_records(tmp_path, seed):
    """For any records: (3) = (4)+(5)+(6) = (7)+(11)+returned in every group, and the files
    pending at the end of 2024-H1 are exactly those carried into 2024-H2."""
    path = _random_export(tmp_path / "r.csv", seed)
    rec = records.open_records(path)
    try:
        assert rec.findings.empty
        h1 = records.aggregate(rec, "2024-H1", ("agency", "level", "field"))
        h2 = records.aggregate(rec, "2024-H2", ("agency", "level", "field"))
    finally:
        rec.close()
    for w in (h1, h2):
        assert (w["tthc.files_total"] == w["tthc.resolved_total"] + w["tthc.pending_total"]
                + w["tthc.returned_withdrawn"]).all()
    chain = h1.merge(h2, on=["agency", "level", "field"], how="outer").fillna(0)
    assert (chain["tthc.pending_total_x"] == chain["tthc.carried_over_y"]).all()
    assert set(h1["level"]) == {"tỉnh"}


def test_a_damaged_parquet_file_is_one_clear_error(tmp_path, export):
    pq = tmp_path / "motcua.parquet"
    pd.read_csv(export, dtype=str).to_parquet(pq)
    data = bytearray(pq.read_bytes())
    data[200:400] = b"\x00" * 200  # the column chunks, not the footer
    pq.write_bytes(bytes(data))
    with pytest.raises(InputFileError) as err:
        rec = records.open_records(pq)
        records.tidy(rec, "2024-H1")
    assert "motcua.parquet" in err.value.en
    (tmp_path / "empty.csv").write_bytes(b"")
    with pytest.raises(InputFileError):
        records.open_records(tmp_path / "empty.csv")


def test_records_periods_setting_and_a_bad_period(tmp_path, panel):
    from papi_analysis.intake import datasets

    base = _data_folder(tmp_path, panel)
    (base / "papi-analysis.toml").write_text('records_periods = ["2023-H2", "2023-Q4"]\n',
                                             encoding="utf-8")
    tidy, found = datasets.read_all(base, illustrative=False)
    rec = tidy[tidy["source_file"] == "records/motcua_skhcn.csv"]
    assert set(rec["period"]) == {"2023-H2", "2023-Q4"}
    (base / "papi-analysis.toml").write_text('records_periods = ["nửa năm"]\n',
                                             encoding="utf-8")
    tidy, found = datasets.read_all(base, illustrative=False)
    assert (found["rule"] == "records.period").sum() == 1


def test_validate_reads_a_records_folder_with_its_own_reader(tmp_path, export):
    """``papi-analysis validate data/records`` (submissions.read_many on the folder): the
    records' II.06a rows and their findings, never a tidy-CSV header error."""
    from papi_analysis.intake import submissions

    folder = tmp_path / "records"
    folder.mkdir()
    (folder / "motcua.csv").write_bytes(export.read_bytes())
    pd.read_csv(export, dtype=str).to_parquet(folder / "motcua2.parquet")
    tidy, found = submissions.read_many([folder])
    assert set(tidy["source_file"]) == {"records/motcua.csv", "records/motcua2.parquet"}
    assert set(tidy["period"]) == {"2024-H1"}
    assert not found["rule"].str.startswith("header.").any()
    dup = found[found["rule"] == "records.duplicate_id"]
    assert set(dup["location"]) == {"records/motcua.csv › dòng/row 12",
                                    "records/motcua2.parquet › dòng/row 12"}


def test_illustrative_records_are_left_out_when_illustrative_is_off(tmp_path, panel):
    from papi_analysis.intake import datasets
    from papi_analysis.intake import illustrative_records as ir

    base = _data_folder(tmp_path, panel)
    recs = ir.generate(ir.targets_from_panel(panel, agencies=["STP"], period="2023-H2"))
    ir.write(recs, base / "records" / "stp_illustrative.parquet")
    on, _ = datasets.read_all(base, illustrative=True)
    off, _ = datasets.read_all(base, illustrative=False)
    assert on[on["agency"] == "STP"]["illustrative"].all() and (on["agency"] == "STP").any()
    assert not (off["agency"] == "STP").any()
    assert (off["source_file"] == "records/motcua_skhcn.csv").any()


def test_a_new_records_file_changes_the_data_key(tmp_path, panel):
    """The tidy table's cache and the build's skip of unchanged appendices key on the data
    files: a records export and its mapping are among them."""
    from papi_analysis.intake import datasets

    base = _data_folder(tmp_path, panel)
    before = datasets.cache_key(base, illustrative=False)
    (base / "records" / "columns.toml").write_text('[columns]\nreceived = "Ngày nộp HS"\n',
                                                  encoding="utf-8")
    assert datasets.cache_key(base, illustrative=False) != before


def test_drilldown_for_one_agency(tmp_path, panel):
    from papi_analysis.analysis import records as ar
    from papi_analysis.intake import illustrative_records as ir

    targets = ir.targets_from_panel(panel, agencies=["SKHCN", "STP"], period="2023-H2")
    path = ir.write(ir.generate(targets), tmp_path / "two.parquet")
    rec = records.open_records(path)
    try:
        d = ar.drilldown(rec, "2023-H2", "SKHCN")
        both = ar.service_shares(rec, "2023-H2")
    finally:
        rec.close()
    assert set(d) == {"late", "processing", "monthly", "online", "shares"}
    sh = d["shares"].set_index("code")
    # SKHCN 2023-H2 in the panel: (8)+(9) = 246 of (7) = 246; (4) = 230 of 244 received
    assert (sh.loc["on_time", "numerator"], sh.loc["on_time", "denominator"]) == (246, 246)
    assert (sh.loc["online", "numerator"], sh.loc["online", "denominator"]) == (230, 244)
    assert both.set_index("code").loc["online", "denominator"] > 244
    assert d["monthly"]["received"].sum() == 244
    assert d["late"].empty  # SKHCN resolved nothing late and has nothing overdue


def test_a_month_first_date_column_is_refused(tmp_path):
    p = tmp_path / "us.csv"
    p.write_text(HEADER + "\n"
                 "U1,1.1,A,F,SKHCN,03/25/2024,04/05/2024,04/01/2024,Đã giải quyết,Trực tuyến\n"
                 "U2,1.1,A,F,SKHCN,03/04/2024,03/06/2024,03/05/2024,Đã giải quyết,Trực tuyến\n",
                 encoding="utf-8")
    with pytest.raises(InputFileError) as err:
        records.open_records(p)
    assert "03/25/2024" in err.value.en and "Ngày tiếp nhận" in err.value.vi
    # day first with a day above 12 somewhere: read as dd/mm/yyyy
    p.write_text(HEADER + "\n"
                 "U1,1.1,A,F,SKHCN,25/03/2024,05/04/2024,01/04/2024,Đã giải quyết,Trực tuyến\n",
                 encoding="utf-8")
    records.open_records(p).close()


def test_drilldown_of_a_data_folder(tmp_path, panel):
    from papi_analysis.analysis import records as ar

    base = _data_folder(tmp_path, panel)
    d = ar.drilldown_folder(base, "2023-H2", "SKHCN")
    assert set(d["shares"]["source_file"]) == {"records/motcua_skhcn.csv"}
    assert d["monthly"]["received"].sum() == 244
    assert ar.drilldown_folder(base, "2023-H2", "STP") == {}
    assert ar.drilldown_folder(tmp_path / "none", "2023-H2", "SKHCN") == {}
