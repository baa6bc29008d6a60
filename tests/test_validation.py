"""Findings: identities, values, duplicates, codes, carry-over chain; summary and exit codes."""

from __future__ import annotations

import pandas as pd
import pytest

from papi_analysis.errors import ParameterError
from papi_analysis.intake import validation
from papi_analysis.model import schema

SEED_TTHC = {"tthc.files_total": 281, "tthc.received_online": 276, "tthc.received_offline": 0,
             "tthc.carried_over": 5, "tthc.resolved_total": 281, "tthc.resolved_early": 250,
             "tthc.resolved_on_time": 31, "tthc.resolved_late": 0, "tthc.pending_total": 0,
             "tthc.pending_in_time": 0, "tthc.pending_overdue": 0}


def tidy(values: dict[str, float], *, agency="SKHCN", period="2024-H1", field="",
         file="t.csv", illustrative=False, first_row=2) -> pd.DataFrame:
    rows = [{"agency": agency, "period": period, "indicator": k, "value": v, "field": field,
             "illustrative": illustrative, "source_file": file, "source_row": first_row + i,
             "source_column": "value"} for i, (k, v) in enumerate(values.items())]
    return schema.conform(pd.DataFrame(rows))


def rules(findings: pd.DataFrame) -> list[str]:
    return findings["rule"].tolist()


def one(findings: pd.DataFrame, rule: str) -> pd.Series:
    hit = findings[findings["rule"] == rule]
    assert len(hit) == 1, findings[["rule", "message_en"]].to_string()
    return hit.iloc[0]


def test_consistent_figures_give_no_findings():
    f = validation.validate(tidy(SEED_TTHC))
    assert list(f.columns) == validation.COLUMNS and f.empty


def test_validate_is_pure():
    df = tidy({**SEED_TTHC, "tthc.resolved_late": 3})
    before = df.copy()
    validation.validate(df)
    pd.testing.assert_frame_equal(df, before)


@pytest.mark.parametrize("change,rule,vi", [
    ({"tthc.received_online": 270}, "tthc.total_sources",
     "(3) = (4) + (5) + (6): 281 ≠ 270 + 0 + 5 = 275"),
    ({"tthc.resolved_on_time": 25}, "tthc.resolved_split",
     "(7) = (8) + (9) + (10): 281 ≠ 250 + 25 + 0 = 275"),
    ({"tthc.pending_in_time": 2}, "tthc.pending_split", "(11) = (12) + (13): 0 ≠ 2 + 0 = 2"),
])
def test_each_tthc_identity(change, rule, vi):
    f = validation.validate(tidy({**SEED_TTHC, **change}))
    row = one(f, rule)
    assert row["severity"] == "error" and vi in row["message_vi"]
    assert row["indicator"] and row["location"].startswith("t.csv › dòng/row")


def test_identity_needs_total_and_all_parts():
    partial = {k: v for k, v in SEED_TTHC.items() if k != "tthc.resolved_late"}
    partial["tthc.resolved_early"] = 1  # (7) would be broken, but (10) is absent
    assert "tthc.resolved_split" not in rules(validation.validate(tidy(partial)))


def test_early_on_time_stands_in_for_8_plus_9():
    seed = {"tthc.resolved_total": 281, "tthc.resolved_early_on_time": 281,
            "tthc.resolved_late": 0}
    assert validation.validate(tidy(seed)).empty
    f = validation.validate(tidy({**seed, "tthc.resolved_early_on_time": 270}))
    assert "(7) = [(8) + (9)] + (10): 281 ≠ 270 + 0 = 270" in one(f, "tthc.resolved_split")[
        "message_vi"]


def test_balance_is_a_warning_and_counts_returned_files_only_when_reported():
    broken = {**SEED_TTHC, "tthc.resolved_total": 270, "tthc.resolved_early": 239}
    row = one(validation.validate(tidy(broken)), "tthc.balance")
    assert row["severity"] == "warning" and "281 ≠ 270 + 0 = 270" in row["message_vi"]
    explained = {**broken, "tthc.returned_withdrawn": 11}
    assert validation.validate(tidy(explained)).empty


def test_le_identities_and_their_message():
    f = validation.validate(tidy({"proc.total": 58, "proc.full_online": 43,
                                  "proc.partial_online": 20}))
    row = one(f, "proc.online_within_total")
    assert "toàn trình + một phần ≤ tổng số TTHC: 43 + 20 = 63 > 58" in row["message_vi"]
    assert "fully + partly online ≤ all procedures: 43 + 20 = 63 > 58" in row["message_en"]
    ok = tidy({"proc.total": 58, "proc.full_online": 43, "proc.partial_online": 15})
    assert validation.validate(ok).empty


def test_identity_severity_comes_from_the_identity():
    f = validation.validate(tidy({"recep.persons": 3, "recep.group_visits": 5}))
    assert one(f, "recep.group_le_persons")["severity"] == "warning"


def test_identities_are_checked_within_each_field():
    df = pd.concat([tidy({"pet.total": 5, "pet.carried_over": 1, "pet.received": 4},
                         field="Đất đai"),
                    tidy({"pet.total": 5, "pet.carried_over": 1, "pet.received": 3},
                         field="Xây dựng")])
    row = one(validation.validate(df), "pet.total_sources")
    assert row["field"] == "Xây dựng" and "lĩnh vực “Xây dựng”" in row["message_vi"]
    assert "5 ≠ 1 + 3 = 4" in row["message_en"]


def test_number_formats_follow_the_language():
    f = validation.validate(tidy({"tthc.pending_total": 1234, "tthc.pending_in_time": 1000,
                                  "tthc.pending_overdue": 200}))
    row = one(f, "tthc.pending_split")
    assert "1.234 ≠ 1.000 + 200 = 1.200" in row["message_vi"]
    assert "1,234 ≠ 1,000 + 200 = 1,200" in row["message_en"]


@pytest.mark.parametrize("code,value,rule", [
    ("tthc.files_total", -1, "value.negative"),
    ("tthc.files_total", 2.5, "value.not_whole"),
    ("insp.recovered", -0.5, "value.negative"),
    ("egov.docs_electronic_pct", 100.5, "value.out_of_range"),
    ("egov.docs_electronic_pct", -1, "value.out_of_range"),
])
def test_value_kinds(code, value, rule):
    assert rules(validation.validate(tidy({code: value}))) == [rule]


@pytest.mark.parametrize("code,value", [("insp.recovered", 12.75), ("tthc.files_total", 0),
                                        ("egov.docs_electronic_pct", 98.81)])
def test_valid_values_pass(code, value):
    assert validation.validate(tidy({code: value})).empty


def test_missing_value_is_an_error():
    df = tidy({"tthc.files_total": 1})
    df.loc[0, "value"] = float("nan")
    assert rules(validation.validate(df)) == ["value.missing"]


def test_duplicates_name_both_places_but_real_and_illustrative_are_not_duplicates():
    df = pd.concat([tidy({"proc.total": 58}, file="a.csv"),
                    tidy({"proc.total": 60}, file="a.csv", first_row=7, period="2024-h1")])
    row = one(validation.validate(df), "duplicate.key")
    assert "58 tại a.csv › dòng/row 2 › cột/col value và 60 tại a.csv › dòng/row 7" in \
        row["message_vi"]
    assert row["location"] == "a.csv › dòng/row 7 › cột/col value"
    mixed = pd.concat([tidy({"proc.total": 58}), tidy({"proc.total": 60}, illustrative=True)])
    assert validation.validate(mixed).empty


def test_a_prose_report_stating_a_figure_twice_is_fixed_in_the_corrections_file():
    df = pd.concat([tidy({"insp.total": 256}, file="bc.txt", first_row=6),
                    tidy({"insp.total": 109}, file="bc.txt", first_row=9)])
    row = one(validation.validate(df), "duplicate.key")
    assert "256" in row["message_vi"] and "109" in row["message_vi"]
    assert "corrections.csv (file = bc.txt, indicator = insp.total" in row["message_vi"]
    assert "Keep one row" not in row["message_en"]


def test_two_real_sources_that_disagree_name_both_files_and_the_one_used():
    df = pd.concat([tidy({"proc.total": 60}, file="stc_baocao.docx"),
                    tidy({"proc.total": 58}, file="stc_bieu.xlsx", first_row=9)])
    row = one(validation.validate(df), "source.conflict")
    assert row["severity"] == "error" and row["agency"] == "SKHCN"
    assert "58 trong stc_bieu.xlsx và 60 trong stc_baocao.docx" in row["message_vi"]
    assert "use stc_bieu.xlsx (form workbook (.xlsx)" in row["message_en"]
    assert "stc_bieu.xlsx" in row["location"] and "stc_baocao.docx" in row["location"]
    agree = pd.concat([tidy({"proc.total": 58}, file="stc_baocao.docx"),
                       tidy({"proc.total": 58}, file="stc_bieu.xlsx")])
    assert validation.validate(agree).empty  # the same figure twice, from two files: fine


def test_illustrative_rows_of_a_real_agency_and_period_are_not_checked():
    # the real form states only the total; the panel's parts would break (7) = (8)+(9)+(10)
    panel = tidy({"tthc.resolved_total": 150, "tthc.resolved_early": 108,
                  "tthc.resolved_on_time": 29, "tthc.resolved_late": 3}, illustrative=True)
    assert "tthc.resolved_split" in rules(validation.validate(panel))  # alone, it is checked
    real = tidy({"tthc.resolved_total": 148}, file="stc.docx")
    assert validation.validate(pd.concat([real, panel])).empty


def test_unknown_codes_are_reported_once_per_file_with_suggestions(tmp_path):
    reg = tmp_path / "agencies.csv"
    reg.write_text("code,name_vi,name_en,short_vi,province,level\n"
                   "SKHCN,Sở Khoa học và Công nghệ,Department of Science,Sở KH&CN,Hưng Yên,"
                   "department\n", encoding="utf-8")
    df = pd.concat([tidy({"proc.total": 1, "proc.full_online": 1}, agency="SKHCM"),
                    tidy({"tthc.files_totl": 1}),
                    tidy({"proc.total": 2}, period="2024-H3", first_row=9),
                    tidy({"proc.full_online": 2}, agency="")])
    f = validation.validate(df, agencies_path=reg)
    assert sorted(rules(f)) == ["agency.missing", "agency.unknown", "indicator.unknown",
                                "period.unknown"]
    ag = one(f, "agency.unknown")
    assert "“SKHCM”" in ag["message_vi"] and "(2 giá trị)" in ag["message_vi"]
    assert "Closest codes: SKHCN" in ag["message_en"]
    assert "Did you mean: tthc.files_total" in one(f, "indicator.unknown")["message_en"]
    assert one(f, "period.unknown")["location"] == "t.csv › dòng/row 9 › cột/col value"


def test_read_findings_stay_in_front():
    before = validation.frame([validation.finding("error", "file.empty", "Tệp rỗng", "Empty",
                                                  where="x.xlsx")])
    f = validation.validate(tidy({"proc.total": -1}), before)
    assert rules(f) == ["file.empty", "value.negative"]


# -- carry-over chain --------------------------------------------------------------------------
def _chain(pending_before: float, carried: float, before="2023-H2", after="2024-H1"):
    return pd.concat([tidy({"tthc.pending_total": pending_before}, period=before),
                      tidy({"tthc.carried_over": carried}, period=after, first_row=9)])


def test_carry_over_chain():
    assert validation.validate(_chain(5, 5)).empty
    row = one(validation.validate(_chain(7, 5)), "chain.carry_over")
    assert row["severity"] == "warning" and row["period"] == "2024-H1"
    assert "(6) “Từ kỳ trước” kỳ 2024-H1 = 5, nhưng (11) “Đang giải quyết” cuối kỳ 2023-H2 = 7" \
        in row["message_vi"]
    assert row["location"] == "t.csv › dòng/row 9 › cột/col value"
    assert validation.exit_code(validation.validate(_chain(7, 5))) == 0


def test_chain_follows_data_dates_not_period_kinds():
    assert rules(validation.validate(_chain(7, 5, "2024-H1", "2024-Q3"))) == ["chain.carry_over"]
    assert validation.validate(_chain(7, 5, "2023-H1", "2024-H1")).empty  # not adjacent
    other_field = pd.concat([tidy({"tthc.pending_total": 7}, period="2023-H2", field="A"),
                             tidy({"tthc.carried_over": 5}, period="2024-H1", field="B")])
    assert validation.validate(other_field).empty


def test_petition_and_inspection_chains():
    pet = pd.concat([tidy({"pet.in_progress": 2, "pet.not_started": 1}, period="2023-H2"),
                     tidy({"pet.carried_over": 4}, period="2024-H1")])
    assert "= 4, nhưng đơn đang + chưa giải quyết cuối kỳ 2023-H2 = 3" in one(
        validation.validate(pet), "chain.pet_carry_over")["message_vi"]
    insp = pd.concat([tidy({"insp.total": 6, "insp.conclusions": 4}, period="2023-H2"),
                      tidy({"insp.carried_over": 2}, period="2024-H1")])
    assert validation.validate(insp).empty
    insp.loc[insp["indicator"] == "insp.carried_over", "value"] = 3
    assert rules(validation.validate(insp)) == ["chain.insp_carry_over"]


# -- summary, exit codes, writing -----------------------------------------------------------
def _mixed_findings():
    df = pd.concat([tidy({**SEED_TTHC, "tthc.resolved_on_time": 25}, file="a.xlsx"),
                    tidy({"tthc.pending_total": 9}, period="2023-H2", file="b.csv")])
    return df, validation.validate(df)


def test_summary_in_vietnamese_and_english():
    df, f = _mixed_findings()
    vi = validation.summary(f, df, "vi")
    assert vi.startswith("Đã kiểm tra 2 tệp: 12 giá trị đọc được, 1 đơn vị (SKHCN), 2 kỳ "
                         "(2023-H2, 2024-H1).")
    assert "Kết quả kiểm tra: 1 lỗi, 1 cảnh báo." in vi
    assert "▸ a.xlsx" in vi
    assert "  LỖI       dòng/row 6 › cột/col value — SKHCN 2024-H1: (7) = (8)" in vi
    assert "CẢNH BÁO" in vi and "[chain.carry_over]" in vi
    assert vi.splitlines()[-1] == "Kết luận: CHƯA ĐẠT — còn 1 lỗi phải sửa."
    en = validation.summary(f, df, "en")
    assert en.startswith("Checked 2 file(s): 12 values read, 1 agencies (SKHCN), 2 periods")
    assert "Checks: 1 error(s), 1 warning(s)." in en and "ERROR" in en
    assert en.splitlines()[-1] == "Verdict: FAILED — 1 error(s) to fix."
    clean = validation.summary(validation.frame(), tidy(SEED_TTHC), "en")
    assert clean.splitlines()[-1] == "Verdict: PASSED — no errors, no warnings."
    nothing = validation.summary(validation.frame(), schema.empty(), "vi")
    assert nothing.startswith("Đã kiểm tra 0 tệp: 0 giá trị đọc được, 0 đơn vị, 0 kỳ.")
    with pytest.raises(ParameterError):
        validation.summary(f, df, "fr")


def test_summary_groups_findings_without_file_by_agency():
    df = tidy({"proc.total": -1}, file="")
    text = validation.summary(validation.validate(df), df, "vi")
    assert "▸ Đơn vị SKHCN" in text


def test_exit_codes():
    err = validation.frame([validation.finding("error", "x", "a", "b")])
    warn = validation.frame([validation.finding("warning", "x", "a", "b")])
    assert validation.exit_code(validation.frame()) == 0
    assert validation.exit_code(validation.frame(), strict=True) == 0
    assert validation.exit_code(warn) == 0 and validation.exit_code(warn, strict=True) == 1
    assert validation.exit_code(err) == 2 and validation.exit_code(err, strict=True) == 2


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_write_findings(tmp_path, suffix):
    _, f = _mixed_findings()
    path = validation.write_findings(f, tmp_path / "out" / f"findings{suffix}")
    back = (pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
            if suffix == ".csv" else pd.read_excel(path, dtype=str).fillna(""))
    assert list(back.columns) == validation.COLUMNS
    assert back["message_vi"].tolist() == f["message_vi"].tolist()


def test_write_findings_rejects_other_formats(tmp_path):
    with pytest.raises(ParameterError) as exc:
        validation.write_findings(validation.frame(), tmp_path / "f.json")
    assert ".csv" in exc.value.message("vi")


def test_vietnamese_thousands_in_a_csv_count_read_as_thousands(tmp_path):
    from papi_analysis.intake import submissions

    p = tmp_path / "t.csv"
    p.write_text("agency,period,indicator,value\n"
                 "SKHCN,2024-H1,tthc.files_total,1.234\n"
                 "SKHCN,2024-H1,tthc.online_share_stated,98.81\n", encoding="utf-8")
    tidy, found = submissions.read_many([p])
    vals = dict(zip(tidy["indicator"], tidy["value"], strict=True))
    assert vals["tthc.files_total"] == 1234  # a count cannot be 1.234 files
    assert vals["tthc.online_share_stated"] == 98.81  # a percent keeps its decimal point
    assert list(found["rule"]) == ["value.read_as_thousands"]
    assert "1234" in found["message_vi"].iloc[0] and found["severity"].iloc[0] == "warning"


def test_decimal_count_message_shows_the_value_unrounded():
    import pandas as pd

    from papi_analysis.intake import validation
    from papi_analysis.model import schema

    tidy = schema.conform(pd.DataFrame([{"agency": "SKHCN", "period": "2024-H1",
                                         "indicator": "tthc.carried_over", "value": 1.234}]))
    f = validation.validate(tidy)
    msg = f.loc[f["rule"] == "value.not_whole", "message_vi"].iloc[0]
    assert "1,234" in msg
