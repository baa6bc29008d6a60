"""The date a submission's figures run to (issue 20, item 4): the seed report Số 138/BC-SKHCN
was signed on 21/05/2024, before the 2024-H1 window ends on 14/06/2024; the tidy table keeps
that date (``as_of``), validation notes it, and the appendix says "số liệu đến 21/05/2024"."""

from __future__ import annotations

import pandas as pd

from papi_analysis.appendix import report
from papi_analysis.intake import datasets, submissions, validation

HEAD = "agency,period,indicator,value,as_of\n"


def read(tmp_path, body: str):
    path = tmp_path / "t.csv"
    path.write_text(HEAD + body, encoding="utf-8")
    return submissions.read_many([path])


def test_as_of_is_read_in_either_spelling_and_kept_iso(tmp_path):
    tidy, found = read(tmp_path, "SKHCN,2024-H1,tthc.files_total,281,21/05/2024\n"
                                 "SKHCN,2024-H1,tthc.resolved_total,281,2024-05-21\n"
                                 "SKHCN,2024-H1,tthc.resolved_late,0,\n")
    assert list(tidy["as_of"]) == ["2024-05-21", "2024-05-21", ""]
    assert found.empty or not (found["severity"] == "error").any()


def test_a_bad_date_is_one_finding_on_its_cell(tmp_path):
    tidy, found = read(tmp_path, "SKHCN,2024-H1,tthc.files_total,281,31/02/2024\n")
    assert tidy.empty
    bad = found[found["rule"] == "value.bad_date"]
    assert len(bad) == 1 and "31/02/2024" in bad.iloc[0]["message_vi"]
    assert "as_of" in bad.iloc[0]["location"]


def test_validation_notes_figures_that_stop_before_the_period_ends(tmp_path):
    tidy, _ = read(tmp_path, "SKHCN,2024-H1,tthc.files_total,281,21/05/2024\n"
                             "STP,2024-H1,tthc.files_total,100,14/06/2024\n"
                             "SYT,2024-H1,tthc.files_total,50,01/12/2023\n")
    found = validation.validate(tidy)
    early = found[found["rule"] == "period.as_of_early"]
    assert list(early["agency"]) == ["SKHCN"] and set(early["severity"]) == {"info"}
    assert "21/05/2024" in early.iloc[0]["message_vi"] and "14/06/2024" in early.iloc[0][
        "message_vi"]
    before = found[found["rule"] == "period.as_of_before"]
    assert list(before["agency"]) == ["SYT"] and set(before["severity"]) == {"error"}


def test_the_shipped_seed_runs_to_its_signing_date_and_the_appendix_says_so():
    tidy = datasets.load(None, True)
    seed = tidy[(tidy["agency"] == "SKHCN") & (tidy["period"] == "2024-H1")
                & ~tidy["illustrative"]]
    assert len(seed) and set(seed["as_of"]) == {"2024-05-21"}
    ctx = report.setup("2024-H1", ["previous"], "SKHCN", "vi", "", appendix=1)
    html = ctx.header(seed)._repr_html_()
    assert "Số liệu đến 21/05/2024 (Sở KH&amp;CN): trước ngày cuối kỳ 14/06/2024" in html
    en = report.setup("2024-H1", ["previous"], "SKHCN", "en", "", appendix=1)
    assert "Figures to 21/05/2024" in en.header(seed)._repr_html_()
    # figures that run to the period's end say nothing
    full = seed.assign(as_of="")
    assert "pa-asof" not in ctx.header(pd.DataFrame(full))._repr_html_()


def test_a_prose_report_whose_window_ends_early_carries_its_date(tmp_path):
    """A report that states its own window ("từ ngày 15/12/2023 đến ngày 20/5/2024") for the
    first half of 2024: its figures run to 20/05/2024, and validation says so."""
    import shutil

    from papi_analysis import config

    for part in ("agencies", "papi"):
        shutil.copytree(config.DATA_DIR / part, tmp_path / part)
    (tmp_path / "submissions").mkdir()
    (tmp_path / "submissions" / "stp_2024-H1.txt").write_text(
        "SỞ TƯ PHÁP TỈNH HƯNG YÊN\n"
        "BÁO CÁO Kết quả giải quyết thủ tục hành chính 6 tháng đầu năm 2024 "
        "(từ ngày 15/12/2023 đến ngày 20/5/2024)\n"
        "Trong kỳ, Sở Tư pháp đã tiếp nhận 530 hồ sơ thủ tục hành chính, đã giải quyết 518 "
        "hồ sơ.\n", encoding="utf-8")
    tidy = datasets.load(tmp_path, False)
    assert set(tidy["as_of"]) == {"2024-05-20"} and len(tidy) == 2
    found = validation.check_data(tmp_path, False)
    assert list(found["rule"]) == ["period.as_of_early"]


def test_a_report_signed_before_its_period_ends_runs_to_its_signing_date(tmp_path):
    """The seed's own text (Số 138/BC-SKHCN, "Hung Yên, ngày 21 tháng 5 năm 2024"), read as a
    prose report: its figures carry 2024-05-21, as the shipped tidy seed does."""
    from papi_analysis import config
    from papi_analysis.prose import extraction

    src = config.DATA_DIR / "submissions" / "sources" / "138-BC-SKHCN_2024-05-21.txt"
    table = extraction.extract_file(src, agency="SKHCN").table()
    assert len(table) and set(table["as_of"]) == {"2024-05-21"}
    # written the other way round: the place-and-date line after the period ends says nothing
    text = src.read_text(encoding="utf-8").replace("ngày 21 tháng 5 năm 2024",
                                                   "ngày 20 tháng 6 năm 2024")
    late = tmp_path / "late.txt"
    late.write_text(text, encoding="utf-8")
    assert set(extraction.extract_file(late, agency="SKHCN").table()["as_of"]) == {""}
