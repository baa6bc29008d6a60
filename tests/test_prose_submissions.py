"""Prose reports (.docx, .txt, .md) in a submissions folder are submissions.

A report placed in ``data/submissions/`` is read by ``validate`` and by the data loader as
tidy rows: each figure keeps its paragraph, character span, sentence and confidence.  The
reading is cached by content; the analyst's ``corrections.csv`` fixes, adds and removes
figures; ``extract -o`` into the folder leaves it readable; the build can write a review page
per report.  The reports are the shipped seed (copied), a Word report written here with
python-docx, and the real excerpts under ../shared/data/reports_real/ when present.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from broken_inputs import word_report

from papi_analysis import cli, config
from papi_analysis.intake import corrections, datasets, reports, submissions, validation
from papi_analysis.model import periods, schema
from papi_analysis.prose import extraction

SEED = config.SUBMISSIONS_DIR / "sources" / "138-BC-SKHCN_2024-05-21.txt"
CASES = Path(__file__).resolve().parent / "extraction_cases"
REAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "reports_real"

#: A short Word report of the Department of Finance for 2024-H2 (test figures).
STC_REPORT = [
    "UBND TỈNH HƯNG YÊN",
    "SỞ TÀI CHÍNH",
    "Số: 215/BC-STC",
    "Hưng Yên, ngày 15 tháng 12 năm 2024",
    "BÁO CÁO",
    "Kết quả thực hiện nhiệm vụ nâng cao chỉ số PAPI 6 tháng cuối năm 2024",
    "1. Công tác giải quyết thủ tục hành chính",
    "Trong kỳ, Sở Tài chính đã tiếp nhận 148 hồ sơ thủ tục hành chính, đã giải quyết 148 hồ "
    "sơ; 148/148 hồ sơ được giải quyết trước và đúng hạn, đạt 100%.",
]
STC_SENTENCE = "Trong kỳ, Sở Tài chính đã tiếp nhận 148 hồ sơ thủ tục hành chính"


write_docx = word_report


@pytest.fixture(autouse=True)
def _fresh_cache(tmp_path, monkeypatch):
    """Each test starts with an empty prose cache, on disk under its own folder."""
    monkeypatch.setattr(config, "CACHE_DIR", tmp_path / "cache")
    reports._extracted.cache_clear()
    yield
    reports._extracted.cache_clear()


@pytest.fixture
def data(tmp_path) -> Path:
    """A data folder: the seed report, a Word report, a README, the shipped registry."""
    d = tmp_path / "data"
    sub = d / "submissions"
    sub.mkdir(parents=True)
    shutil.copytree(config.DATA_DIR / "agencies", d / "agencies")
    shutil.copy(SEED, sub)
    write_docx(sub / "stc_2024-H2.docx", STC_REPORT)
    (sub / "README.md").write_text("# Báo cáo nộp\n\nSở Nội vụ tiếp nhận 12 hồ sơ.\n",
                                   encoding="utf-8")
    return d


def run(argv, capsys) -> tuple[int, str]:
    rc = cli.main([str(a) for a in argv])
    cap = capsys.readouterr()
    out = cap.out + cap.err
    assert "Traceback" not in out, out
    return rc, out


def corrections_csv(folder: Path, rows: list[str], bom: bool = True) -> Path:
    path = folder / "corrections.csv"
    text = "file,indicator,field,value,note\n" + "".join(r + "\n" for r in rows)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def values(df: pd.DataFrame, agency: str) -> dict[str, float]:
    sub = df[(df["agency"] == agency) & (df["field"] == "")]
    return dict(zip(sub["indicator"], sub["value"], strict=True))


# -- reading -----------------------------------------------------------------------------------
def test_suffixes_and_what_is_skipped(tmp_path):
    assert {".xlsx", ".csv", ".docx", ".txt", ".md"} <= set(submissions.SUFFIXES)
    read = ["a.docx", "b.TXT", "c.md", "d.csv", "e.xlsx"]
    skipped = ["README.md", "readme.txt", "~$a.docx", ".hidden.txt", "corrections.csv",
               "Corrections.CSV", "x.documents.csv", "x.findings.csv", "scan.pdf"]
    assert all(submissions.is_submission(tmp_path / n) for n in read)
    assert not any(submissions.is_submission(tmp_path / n) for n in skipped)
    # the names the extractor writes beside OUT.csv are the ones the reader skips
    assert {f".{t}.csv" for t in extraction.SIDE_TABLES} == set(submissions.SIDE_TABLES)


def test_read_many_reads_reports_with_their_sentences_and_confidence(data):
    sub = data / "submissions"
    tidy, found = submissions.read_many([sub])
    assert list(tidy.columns) == schema.COLUMNS
    assert set(tidy["agency"]) == {"SKHCN", "STC"}
    assert not tidy["illustrative"].any()
    assert not found["location"].str.contains("README").any()  # README.md is not read
    assert set(found["severity"]) <= {"warning"}  # the seed's "04 Quyết định" lists 3

    stc = tidy[tidy["agency"] == "STC"]
    assert set(stc["period"]) == {"2024-H2"}
    assert values(tidy, "STC")["tthc.files_total"] == 148
    seed = tidy[tidy["agency"] == "SKHCN"]
    assert set(seed["period"]) == {"2024-H1"} and len(seed) == 18
    assert values(tidy, "SKHCN")["tthc.files_total"] == 281

    text = SEED.read_text(encoding="utf-8")
    paragraphs = extraction.read_paragraphs(SEED)
    for r in seed.itertuples():
        assert r.source_file.endswith("138-BC-SKHCN_2024-05-21.txt")
        assert r.source_sheet == ""
        a, b = map(int, re.fullmatch(r"c(\d+)-c(\d+)", r.source_column).groups())
        para = paragraphs[r.source_row - 1]
        assert r.source_text in para and para[a:b] in r.source_text  # span in the sentence
        assert " ".join(r.source_text.split()[:4]) in " ".join(text.split())
        assert 0 < r.confidence <= 1
    row = seed[seed["indicator"] == "tthc.received_in_period"].iloc[0]
    assert row["value"] == 276 and "276" in row["source_text"] and row["confidence"] == 0.95


def test_a_word_report_reaches_validate_as_tidy_rows(data, tmp_path, capsys):
    rc, out = run(["validate", data / "submissions", "--tidy", tmp_path / "tidy.csv"], capsys)
    assert rc == 0, out
    assert "STC" in out and "2024-H2" in out and "README" not in out
    tidy = pd.read_csv(tmp_path / "tidy.csv", dtype={"field": str}, keep_default_na=False)
    assert list(tidy.columns) == schema.COLUMNS
    stc = tidy[tidy["agency"] == "STC"]
    assert set(stc["period"]) == {"2024-H2"} and set(stc["source_row"]) == {8}
    assert stc["source_file"].str.endswith("stc_2024-H2.docx").all()
    assert stc["source_text"].str.startswith(STC_SENTENCE).all()
    assert stc["confidence"].astype(float).between(0.05, 0.99).all()
    back = submissions.read(tmp_path / "tidy.csv")  # the tidy CSV reads back, confidence kept
    pd.testing.assert_series_equal(back["confidence"], tidy["confidence"].astype(float))


def test_read_one_report_and_the_loader(data):
    df = submissions.read(data / "submissions" / "stc_2024-H2.docx")
    assert set(df["agency"]) == {"STC"} and set(df["period"]) == {"2024-H2"}
    assert (df["source_column"].str.match(r"^c\d+-c\d+$")).all()
    tidy, found = datasets.read_all(data, illustrative=False)
    assert {"SKHCN", "STC"} == set(tidy["agency"]) and not (found["severity"] == "error").any()
    loaded = datasets.load(data, illustrative=False)
    assert values(loaded, "STC")["tthc.files_total"] == 148


def test_other_sources_have_no_confidence_and_tidy_csv_keeps_it(tmp_path):
    assert schema.empty()["confidence"].dtype == float
    df = schema.conform(pd.DataFrame({"agency": ["SKHCN"], "period": ["2024-H1"],
                                      "indicator": ["proc.total"], "value": [58]}))
    assert df["confidence"].isna().all()
    path = tmp_path / "t.csv"
    path.write_text("agency,period,indicator,value,confidence\n"
                    "SKHCN,2024-H1,proc.total,58,0.9\nSKHCN,2024-H1,proc.full_online,43,\n",
                    encoding="utf-8")
    got = submissions.read(path)
    assert got["confidence"].iloc[0] == 0.9 and pd.isna(got["confidence"].iloc[1])
    out = submissions.write_tidy(got, tmp_path / "back.csv")
    again = submissions.read(out)
    assert again["confidence"].iloc[0] == 0.9 and pd.isna(again["confidence"].iloc[1])
    path.write_text("agency,period,indicator,value,confidence\nSKHCN,2024-H1,proc.total,58,cao\n",
                    encoding="utf-8")
    _, found = submissions.read_many([path])
    assert found["location"].str.endswith("cột/col confidence").any()


def test_unsupported_suffix_lists_the_accepted_kinds(tmp_path):
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4")
    _, found = submissions.read_many([tmp_path / "scan.pdf"])
    assert found["rule"].tolist() == ["file.unsupported"]
    msg = found["message_vi"].iloc[0]
    assert all(k in msg for k in (".xlsx", ".csv", ".docx", ".txt", ".md"))
    assert ".docx" in found["message_en"].iloc[0]


def test_unreadable_report_is_one_finding_without_traceback(data, capsys):
    sub = data / "submissions"
    (sub / "hong.docx").write_bytes(b"PK\x03\x04 not really a Word file")
    tidy, found = submissions.read_many([sub])
    mine = found[found["location"].str.contains("hong.docx")]
    assert len(mine) == 1 and mine["rule"].iloc[0] == "file.unreadable"
    assert mine["severity"].iloc[0] == "error" and "Word" in mine["message_vi"].iloc[0]
    assert {"SKHCN", "STC"} == set(tidy["agency"])  # the others are still read
    rc, out = run(["validate", sub], capsys)
    assert rc == 2 and "hong.docx" in out and "Không mở được tệp Word" in out


def test_report_without_unit_or_period_is_a_clear_error_and_no_rows(tmp_path):
    (tmp_path / "bao_cao.txt").write_text(
        "Trong kỳ đã tiếp nhận 12 hồ sơ, giải quyết 10 hồ sơ đúng hạn.\n", encoding="utf-8")
    tidy, found = submissions.read_many([tmp_path])
    assert tidy.empty
    assert sorted(found["rule"]) == ["prose.no_agency", "prose.no_period"]
    assert (found["severity"] == "error").all()
    period = found[found["rule"] == "prose.no_period"].iloc[0]
    assert "tiêu đề" in period["message_vi"] and "corrections.csv" in period["message_vi"]
    assert "indicator = period" in period["message_en"]
    with pytest.raises(submissions.InputFileError) as err:
        submissions.read(tmp_path / "bao_cao.txt")
    assert "đơn vị" in err.value.message("vi")


def test_notes_are_not_a_report(tmp_path):
    (tmp_path / "ghi_chu.txt").write_text("Nhớ gọi lại cho chị Hà.\n", encoding="utf-8")
    tidy, found = submissions.read_many([tmp_path])
    assert tidy.empty and found["rule"].tolist() == ["prose.not_a_report"]
    assert validation.exit_code(found) == 0
    assert submissions.read(tmp_path / "ghi_chu.txt").empty


# -- cache -------------------------------------------------------------------------------------
def test_second_read_uses_the_cache(data, monkeypatch):
    calls = []
    real = extraction.extract_paragraphs

    def counting(*a, **k):
        calls.append(1)
        return real(*a, **k)

    monkeypatch.setattr(extraction, "extract_paragraphs", counting)
    report = data / "submissions" / "stc_2024-H2.docx"
    first = submissions.read(report)
    assert len(calls) == 1
    pd.testing.assert_frame_equal(submissions.read(report), first)
    assert len(calls) == 1  # in memory
    reports._extracted.cache_clear()
    pd.testing.assert_frame_equal(submissions.read(report), first)
    assert len(calls) == 1  # on disk, outside the data folder
    cached = list((config.CACHE_DIR / "prose").glob("*.json"))
    assert cached and not any(data in p.parents for p in cached)
    assert json.loads(cached[0].read_text("utf-8"))["value"]["agency"] == "STC"  # caches.py

    copy = data / "elsewhere" / "same.docx"  # same content elsewhere: the same result
    copy.parent.mkdir()
    shutil.copy(report, copy)
    assert submissions.read(copy)["value"].tolist() == first["value"].tolist()
    assert len(calls) == 1

    write_docx(report, [p.replace("148", "150") for p in STC_REPORT])  # a new content
    assert values(submissions.read(report), "STC")["tthc.files_total"] == 150
    assert len(calls) == 2


def test_a_broken_cache_file_is_read_again(data):
    report = data / "submissions" / "stc_2024-H2.docx"
    first = submissions.read(report)
    for p in (config.CACHE_DIR / "prose").glob("*.json"):
        p.write_text("{not json", encoding="utf-8")
    reports._extracted.cache_clear()
    pd.testing.assert_frame_equal(submissions.read(report), first)


# -- corrections -------------------------------------------------------------------------------
def test_corrections_replace_add_and_remove_figures(data):
    sub = data / "submissions"
    corrections_csv(sub, [
        "stc_2024-H2.docx,tthc.files_total,,150,Biểu II.06a ghi 150 hồ sơ",
        "stc_2024-H2.docx,tthc.received_online,,140,\"140 hồ sơ trực tuyến (Sở xác nhận)\"",
        "stc_2024-H2.docx,tthc.resolved_total,,,đọc nhầm; số đúng ở biểu",
    ])
    tidy, found = submissions.read_many([sub])
    assert not found["rule"].str.startswith("corrections").any(), found
    stc = tidy[tidy["agency"] == "STC"].set_index("indicator")
    assert "tthc.resolved_total" not in stc.index  # removed
    fixed = stc.loc["tthc.files_total"]
    assert fixed["value"] == 150 and fixed["confidence"] == 1.0 and fixed["source_row"] == 8
    assert fixed["source_text"].startswith("sửa tay / corrected by analyst: Biểu II.06a ghi 150")
    assert STC_SENTENCE in fixed["source_text"] and "148" in fixed["source_text"]
    assert "corrections.csv › dòng/row 2" in fixed["source_text"]
    added = stc.loc["tthc.received_online"]  # a figure the report does not state
    assert added["value"] == 140 and added["period"] == "2024-H2" and added["source_row"] == 0
    assert added["source_text"].startswith("sửa tay / corrected by analyst: 140 hồ sơ")
    assert added["source_file"].endswith("stc_2024-H2.docx")
    # read() and the loader see the same corrected figures
    one = submissions.read(sub / "stc_2024-H2.docx")
    assert values(one, "STC") == values(tidy, "STC")
    assert values(datasets.load(data, illustrative=False), "STC") == values(tidy, "STC")


def test_corrections_file_is_not_a_tidy_submission(data, capsys):
    sub = data / "submissions"
    corrections_csv(sub, ["stc_2024-H2.docx,tthc.files_total,,150,kiểm tra lại"], bom=False)
    assert corrections.is_corrections(sub / "corrections.csv")
    assert all(p.name != "corrections.csv" for p in datasets.submission_files(data, False))
    rc, out = run(["validate", sub], capsys)
    assert rc == 0 and "missing" not in out and "Thiếu cột" not in out
    _, found = submissions.read_many([sub / "corrections.csv"])  # named on its own
    assert found["rule"].tolist() == ["file.not_submission"]


def test_bad_corrections_are_located_errors(data, capsys):
    sub = data / "submissions"
    corrections_csv(sub, [
        "khong_co.docx,tthc.files_total,,1,x",                   # line 2: no such file
        "stc_2024-H2.docx,tthc.fles_total,,1,x",                 # line 3: unknown indicator
        "stc_2024-H2.docx,tthc.files_total,,mười,x",             # line 4: not a number
        "stc_2024-H2.docx,tthc.carried_over,,2,",                # line 5: no note
        "138-BC-SKHCN_2024-05-21.txt,proc.total,,59,đếm lại",    # line 6: fine
        "138-BC-SKHCN_2024-05-21.txt,proc.total,,60,lặp",        # line 7: repeated
        "stc_2024-H2.docx,tthc.pending_total,,,không có",        # line 8: nothing to remove
    ])
    tidy, found = submissions.read_many([sub])
    got = {r.rule: r for r in found.itertuples() if r.rule.startswith("corrections")}
    where = {k: v.location.split("corrections.csv › ")[-1] for k, v in got.items()}
    assert where == {"corrections.unknown_file": "dòng/row 2 › cột/col file",
                     "corrections.unknown_indicator": "dòng/row 3 › cột/col indicator",
                     "corrections.not_number": "dòng/row 4 › cột/col value",
                     "corrections.no_note": "dòng/row 5 › cột/col note",
                     "corrections.duplicate": "dòng/row 7 › cột/col indicator",
                     "corrections.nothing_to_remove": "dòng/row 8 › cột/col indicator"}
    assert all(got[k].severity == "error" for k in where if k != "corrections.nothing_to_remove")
    assert got["corrections.nothing_to_remove"].severity == "warning"
    assert "Có phải: tthc.files_total" in got["corrections.unknown_indicator"].message_vi
    assert "“mười”" in got["corrections.not_number"].message_vi
    assert "stc_2024-H2.docx" in got["corrections.unknown_file"].message_vi  # lists reports
    assert (found["rule"] == "corrections.unknown_file").sum() == 1  # once, not per report
    assert values(tidy, "SKHCN")["proc.total"] == 59  # the good line is applied
    assert values(tidy, "STC")["tthc.files_total"] == 148  # the bad ones are not
    with pytest.raises(submissions.InputFileError) as err:  # the loader stops on them
        submissions.read(sub / "stc_2024-H2.docx")
    assert "corrections.csv" in err.value.where
    rc, out = run(["validate", sub], capsys)
    assert rc == 2 and "corrections.csv" in out and "dòng/row 3 › cột/col indicator" in out


def test_corrections_file_problems(data):
    sub = data / "submissions"
    (sub / "corrections.csv").write_text("file,indicator,value\nstc_2024-H2.docx,x,1\n",
                                         encoding="utf-8")
    _, found = submissions.read_many([sub])
    bad = found[found["rule"] == "header.missing_column"]
    assert len(bad) == 1 and "field, note" in bad["message_en"].iloc[0]
    (sub / "corrections.csv").write_bytes("file,indicator,field,value,note\n"
                                          "stc_2024-H2.docx,tthc.files_total,,1,sửa\n"
                                          .encode("cp1258", errors="replace") + b"\xff")
    _, found = submissions.read_many([sub])
    assert "file.unreadable" in set(found["rule"])
    (sub / "corrections.csv").write_text(
        "tệp;chỉ tiêu;lĩnh vực;giá trị;ghi chú\nstc_2024-H2.docx;tthc.files_total;;1.234;"
        "Vietnamese headers, semicolons, thousands\n", encoding="utf-8")
    tidy, found = submissions.read_many([sub])
    assert values(tidy, "STC")["tthc.files_total"] == 1234


def test_corrections_name_the_unit_and_period_a_report_lacks(tmp_path):
    (tmp_path / "bao_cao.txt").write_text(
        "Trong kỳ đã tiếp nhận 12 hồ sơ, giải quyết 10 hồ sơ đúng hạn.\n", encoding="utf-8")
    corrections_csv(tmp_path, ["bao_cao.txt,agency,,STC,công văn đi kèm của Sở Tài chính",
                               "bao_cao.txt,period,,6 tháng cuối năm 2024,theo công văn"])
    tidy, found = submissions.read_many([tmp_path])
    assert not (found["severity"] == "error").any(), found
    assert set(tidy["agency"]) == {"STC"} and set(tidy["period"]) == {"2024-H2"}
    assert values(tidy, "STC")["tthc.files_total"] == 12
    corrections_csv(tmp_path, ["bao_cao.txt,agency,,XYZ,?", "bao_cao.txt,period,,2024-H3,?"])
    _, found = submissions.read_many([tmp_path])
    assert {"corrections.bad_agency", "corrections.bad_period"} <= set(found["rule"])


def test_a_corrected_figure_turns_the_reports_own_error_into_a_warning(tmp_path):
    shutil.copy(CASES / "09_sxd_sai_so.txt", tmp_path)
    _, found = submissions.read_many([tmp_path])
    mismatch = found[found["rule"] == "prose.total_mismatch"]
    assert (mismatch["severity"] == "error").any()
    corrections_csv(tmp_path, ["09_sxd_sai_so.txt,tthc.files_total,,532,"
                               "512 trong kỳ + 20 kỳ trước = 532 (báo cáo ghi nhầm 530)"])
    tidy, found = submissions.read_many([tmp_path])
    fixed = found[(found["rule"] == "prose.total_mismatch")
                  & (found["indicator"] == "tthc.files_total")]
    assert set(fixed["severity"]) == {"warning"} and fixed["message_vi"].str.contains(
        "sửa tay").all()
    assert values(tidy, "SXD")["tthc.files_total"] == 532


# -- extract into a submissions folder ---------------------------------------------------------
def test_extract_into_the_submissions_folder_leaves_it_readable(data, tmp_path, capsys):
    sub = data / "submissions"
    report = tmp_path / "stc_bao_cao.docx"  # the report itself stays outside
    write_docx(report, STC_REPORT)
    rc, out = run(["extract", report, "-o", sub / "stc_so_lieu.csv", "-o", sub / "x.xlsx",
                   "-o", sub / "ra_soat.html"], capsys)
    assert rc == 0
    for name in ("stc_so_lieu.csv", "stc_so_lieu.documents.csv", "stc_so_lieu.findings.csv",
                 "x.xlsx", "ra_soat.html"):
        assert (sub / name).is_file() and name in out  # and the command says where it went
    assert "(bảng số liệu)" in out and "(phát hiện)" in out and "thư mục báo cáo nộp" in out
    rc, out = run(["validate", sub], capsys)
    assert rc == 0, out
    assert "Thiếu cột" not in out and "documents.csv" not in out and "findings.csv" not in out

    # the tidy CSV extract writes reads back as a submission, confidence kept
    written = pd.read_csv(sub / "stc_so_lieu.csv", dtype={"field": str}, keep_default_na=False)
    back = submissions.read(sub / "stc_so_lieu.csv")
    assert back["indicator"].tolist() == written["indicator"].tolist()
    assert back["value"].tolist() == written["value"].astype(float).tolist()
    assert back["confidence"].tolist() == written["confidence"].astype(float).tolist()
    assert back["source_text"].tolist() == written["source_text"].tolist()
    assert set(back["agency"]) == {"STC"} and set(back["period"]) == {"2024-H2"}
    sheet = submissions.read(sub / "x.xlsx")  # the workbook's figures sheet too
    assert sheet["value"].tolist() == back["value"].tolist()
    with pytest.raises(submissions.InputFileError) as err:  # named on its own: says what it is
        submissions.read(sub / "stc_so_lieu.findings.csv")
    assert "papi-analysis extract" in err.value.message("vi")


# -- review pages ------------------------------------------------------------------------------
def test_review_pages_one_per_report(data, tmp_path):
    sub = data / "submissions"
    corrections_csv(sub, ["stc_2024-H2.docx,tthc.files_total,,150,Biểu II.06a ghi 150"])
    (sub / "stc_2024-H2.txt").write_text("\n\n".join(STC_REPORT), encoding="utf-8")
    files = sorted(sub.iterdir())
    pages = extraction.review_pages(files, tmp_path / "review", "vi")
    names = sorted(p.name for p in pages)
    assert names == ["138-BC-SKHCN_2024-05-21.html", "stc_2024-H2-docx.html",
                     "stc_2024-H2-txt.html"]
    html = (tmp_path / "review" / "stc_2024-H2-docx.html").read_text("utf-8")
    assert "<script" not in html and not re.search(r"(src|href)=\"?(https?:)?//", html)
    assert "<mark" in html and "STC" in html and "Biểu II.06a ghi 150" in html
    assert "corrections.applied" in html
    en = extraction.review_pages([sub / "stc_2024-H2.docx"], tmp_path / "review", "en")
    assert en == [tmp_path / "review" / "stc_2024-H2.en.html"]  # beside the Vietnamese pages
    assert "Figures" in en[0].read_text("utf-8")
    (sub / "hong.docx").write_bytes(b"PK junk")
    assert extraction.review_pages([sub / "hong.docx"], tmp_path / "none") == []


# -- real reports ------------------------------------------------------------------------------
@pytest.mark.skipif(not (REAL / "expected.json").is_file(),
                    reason="the real report excerpts (../shared/data/reports_real) are absent")
def test_real_report_excerpts_read_as_submissions(tmp_path):
    sub = tmp_path / "submissions"
    sub.mkdir()
    expected = json.loads((REAL / "expected.json").read_text(encoding="utf-8"))
    for name in expected:
        if (REAL / name).is_file():
            shutil.copy(REAL / name, sub)
    tidy, found = submissions.read_many([sub])
    read = set(tidy["source_file"].map(lambda s: Path(s).name))
    errors = found[found["severity"] == "error"]
    placed = set(errors[errors["rule"].str.match(r"prose\.(no_|agency_)")]["location"]
                 .map(lambda s: Path(s.split(" › ")[0]).name))
    for name in expected:
        if (sub / name).is_file():  # every report gives rows, or says why it gives none
            assert name in read or name in placed or name in set(
                found["location"].map(lambda s: Path(s.split(" › ")[0]).name)), name
    assert not read & placed  # a report without unit or period gives no rows
    assert tidy["confidence"].between(0, 1).all()
    assert tidy["source_column"].str.match(r"^c\d+-c\d+$").all()
    for code in tidy["period"].unique():
        periods.parse(code)


# -- unclassified figures (issue 18) -------------------------------------------------------------
AMBIGUOUS = "Số hồ sơ giải quyết quá hạn đang xử lý là 2 hồ sơ."  # resolved late or pending?


def test_an_unclassified_figure_is_listed_for_review_and_one_correction_gives_it_a_code(
        data, tmp_path):
    from papi_analysis.prose import extraction

    sub = data / "submissions"
    write_docx(sub / "stc_2024-H2.docx", STC_REPORT + [AMBIGUOUS])
    tidy, _ = submissions.read_many([sub])
    stc = tidy[tidy["agency"] == "STC"]
    assert 2 not in set(stc["value"])  # never emitted under a guessed code
    page = extraction.review_pages([sub / "stc_2024-H2.docx"], tmp_path / "review")[0]
    text = page.read_text("utf-8")
    assert "Số liệu chưa phân loại (1)" in text and "stc_2024-H2.docx,tthc.pending_total" in text
    # the analyst decides: one line of corrections.csv
    corrections_csv(sub, ["stc_2024-H2.docx,tthc.pending_overdue,,2,Sở xác nhận: 2 hồ sơ "
                          "đang giải quyết đã quá hạn"])
    reports._extracted.cache_clear()
    tidy, found = submissions.read_many([sub])
    assert not found["rule"].str.startswith("corrections").any(), found
    assert values(tidy, "STC")["tthc.pending_overdue"] == 2
