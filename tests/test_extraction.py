"""Reading figures out of prose reports: the seed one by one, the test set, .docx, the CLI."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pandas as pd
import pytest

from papi_analysis import cli
from papi_analysis.model import indicators
from papi_analysis.prose import extraction, patterns, review
from papi_analysis.text import fold

sys.path.insert(0, str(Path(__file__).resolve().parent))
import extraction_metrics as metrics  # noqa: E402

CASES = metrics.CASES
SEED = CASES / "00_seed_skhcn_2024h1.txt"


@pytest.fixture(scope="module")
def seed():
    return extraction.extract_file(SEED)


def _values(ex, code, fld=""):
    return [f.value for f in ex.figures if f.indicator == code and f.field == fld]


# -- the seed: every figure it states ------------------------------------------------------
SEED_FIGURES = [
    ("proc.total", 58), ("proc.full_online", 43), ("proc.partial_online", 15),
    ("tthc.files_total", 281), ("tthc.received_in_period", 276), ("tthc.carried_over", 5),
    ("tthc.online_share_stated", 100), ("tthc.resolved_total", 281),
    ("tthc.on_time_rate_stated", 100), ("pet.complaints", 0), ("pet.denunciations", 0),
    ("acct.sessions_on_request", 0), ("acct.people_inspection_members", 3), ("ac.cases", 0),
    ("egov.docs_electronic_pct", 100), ("egov.staff_computers_pct", 100),
]


@pytest.mark.parametrize("code, value", SEED_FIGURES)
def test_seed_states(seed, code, value):
    assert _values(seed, code) == [value], code


def test_seed_derived_figures_are_marked_and_less_sure(seed):
    derived = {f.indicator: f for f in seed.figures if f.derived}
    assert set(derived) == {"tthc.received_online", "tthc.resolved_early_on_time"}
    assert derived["tthc.received_online"].value == 276
    assert derived["tthc.resolved_early_on_time"].value == 281
    assert all(f.confidence == 0.6 for f in derived.values())


def test_seed_reads_nothing_else(seed):
    stated = {c for c, _ in SEED_FIGURES} | {"tthc.received_online",
                                             "tthc.resolved_early_on_time"}
    assert {f.indicator for f in seed.figures} == stated
    assert len(seed.figures) == len(stated)  # the complaints stated twice are kept once


def test_seed_unit_and_period(seed):
    assert seed.agency == "SKHCN" and seed.agency_known
    assert seed.period.code == "2024-H1" and seed.period.start is None


def test_seed_sources_point_at_the_number(seed):
    t = seed.table()
    row = t[t["indicator"] == "tthc.carried_over"].iloc[0]
    assert row["source_text"][row["span_start"]:row["span_end"]] == "05"
    a, b = (int(x) for x in re.findall(r"\d+", row["source_column"]))
    assert seed.paragraphs[row["source_row"] - 1][a:b] == "05"
    assert row["source_text"].startswith("Trong kỳ báo cáo, Sở đã tiếp nhận 281 hồ sơ")
    assert 0 < t["confidence"].min() and t["confidence"].max() <= 1


SEED_DOCS = [
    ("Kế hoạch", "192/KH-UBND", "26/12/2023"), ("Kế hoạch", "13/KH-SKHCN", "19/01/2024"),
    ("Thông tư", "02/2014/TT-TTCTP", "29/04/2014"), ("Nghị định", "90/2013/NĐ-CP", "08/08/2013"),
    ("Kế hoạch", "40/KH-SKHCN", "13/03/2024"), ("Quyết định", "40/QĐ-SKHHCN", "26/01/2024"),
    ("Kế hoạch", "06/KH-SKHHCN", "10/01/2024"), ("Kế hoạch", "21/KH-SKHHCN", "26/01/2024"),
    ("Kế hoạch", "22/KH-SKHHCN", "26/01/2024"), ("Kế hoạch", "27/KH-SKHHCN", "02/02/2024"),
    ("Kế hoạch", "04/KH-SKHHCN", "24/01/2022"), ("Kế hoạch", "10/KH-SKHHCN", "17/01/2024"),
    ("Kế hoạch", "13/KH-SKHHCN", "19/01/2024"), ("Kế hoạch", "11/KH-SKHHCN", "18/01/2024"),
    ("Quyết định", "16/QĐ-SKHHCN", "12/01/2024"), ("Quyết định", "17/QĐ-SKHHCN", "12/01/2024"),
    ("Quyết định", "651/QĐ-UBND", "28/03/2024"), ("Quyết định", "751/QĐ-UBND", "11/04/2024"),
    ("Quyết định", "830/QĐ-UBND", "23/04/2024"),
]


def test_seed_documents(seed):
    got = [(d["kind"], d["number"], d["date"]) for d in seed.documents]
    assert got == SEED_DOCS  # in order, the repeated paragraph's two plans listed once
    plan = seed.documents[0]
    assert plan["title"].startswith("về việc nâng cao Chỉ số hiệu quả quản trị")
    assert plan["issuer"] == "UBND"


def test_seed_finding_04_decisions_but_three_named(seed):
    found = [f for f in seed.findings if f["rule"] == "prose.count_vs_list"]
    assert len(found) == 1
    msg = found[0]["message_vi"]
    assert "04 Quyết định" in msg and "liệt kê 3" in msg
    assert all(n in msg for n in ("651/QĐ-UBND", "751/QĐ-UBND", "830/QĐ-UBND"))
    assert {f["rule"] for f in seed.findings} == {"prose.count_vs_list"}


# -- the test set ------------------------------------------------------------------------------
@pytest.mark.parametrize("report", metrics.own_cases(), ids=lambda p: p.stem)
def test_case_unit_period_findings_documents(report):
    exp = metrics.load_expected(report)
    ex = extraction.extract_file(report)
    if "agency" in exp:
        assert ex.agency == exp["agency"] and ex.agency_known
    else:
        assert fold(exp["agency_contains"]) in fold(ex.agency) and not ex.agency_known
    assert ex.period is not None and ex.period.code == exp["period"]
    if "period_start" in exp:
        assert ex.period.start.strftime("%d/%m/%Y") == exp["period_start"]
        assert ex.period.end.strftime("%d/%m/%Y") == exp["period_end"]
    else:
        assert ex.period.start is None
    assert sorted(f["rule"] for f in ex.findings) == sorted(exp["findings"])
    if "documents" in exp:
        assert [[d["kind"], d["number"], d["date"]] for d in ex.documents] == exp["documents"]


def test_precision_and_recall_over_the_test_set(capsys):
    m = metrics.Metrics([metrics.score_case(p) for p in metrics.own_cases()])
    held = metrics.Metrics([r for r in m.results if r.expected.get("holdout")])
    with capsys.disabled():
        print(f"\n[extraction] all {len(m.results)} cases: precision {m.precision:.3f}, "
              f"recall {m.recall:.3f} (tp {m.tp}, fp {m.fp}, fn {m.fn}); hold-out "
              f"{len(held.results)} cases: precision {held.precision:.3f}, "
              f"recall {held.recall:.3f}")
    assert len(m.results) >= 11
    assert m.precision >= 0.95, metrics.report(m)
    assert m.recall >= 0.90, metrics.report(m)


def test_repeated_paragraph_is_read_once():
    ex = extraction.extract_file(CASES / "10_sct_lap_doan.md")
    assert list(ex.repeated.items()) == [(6, 5)]
    assert _values(ex, "tthc.files_total") == [5650]
    assert len({(f.indicator, f.field) for f in ex.figures}) == len(ex.figures)


def test_levels_fields_and_context_rules():
    ex = extraction.extract_file(CASES / "01_tinh_tthc_quy2.txt")
    assert _values(ex, "tthc.pending_overdue") == [244]  # "quá hạn" under "đang giải quyết"
    assert _values(ex, "tthc.resolved_late") == [605]
    assert _values(ex, "tthc.files_total", "Cấp huyện") == [41725]
    assert _values(ex, "proc.total", "Cấp xã") == [129]
    ex = extraction.extract_file(CASES / "02_ttpvhcc_thang7.txt")
    assert _values(ex, "tthc.received_in_period") == [12845]  # head named by its parts
    assert _values(ex, "tthc.resolved_total", "Đất đai") == [2213]


def test_arithmetic_findings():
    ex = extraction.extract_file(CASES / "09_sxd_sai_so.txt")
    by_rule = {f["rule"]: f for f in ex.findings}
    assert "512 + 20 = 532" in by_rule["prose.total_mismatch"]["message_vi"]
    assert by_rule["prose.total_mismatch"]["severity"] == "error"
    assert "99,5%" in by_rule["prose.rate_mismatch"]["message_vi"]
    assert "492 / 498 = 98,8%" in by_rule["prose.rate_mismatch"]["message_vi"]
    assert "02 Quyết định" in by_rule["prose.count_vs_list"]["message_vi"]


def test_rates_checked_with_either_definition():
    # Kon Tum's 22,33% is over all files (12.516 / 56.039), not over new files: no finding
    ex = extraction.extract_file(CASES / "08_kontum_quy1.txt")
    assert ex.findings == []


def test_comparisons_are_not_read_and_approximations_are_flagged():
    ex = extraction.extract_paragraphs([
        "Trên 7.600 hồ sơ bị quá hạn.",
        "Sở tiếp nhận 5.000 hồ sơ, cùng kỳ năm trước tiếp nhận 4.500 hồ sơ.",
    ], "x.txt", agency="SNV", period="2024-H1")
    assert [(f.indicator, f.value, f.approximate) for f in ex.figures] == [
        ("tthc.resolved_late", 7600, True), ("tthc.files_total", 5000, False)]
    late = ex.figures[0]
    assert late.confidence < 0.8 * late.weight + 0.01
    assert list(ex.table()["approximate"]) == [True, False]


def test_a_rounded_headline_gives_way_to_the_exact_figure():
    ex = extraction.extract_paragraphs([
        "Hơn 250 cuộc thanh tra hành chính trong năm",
        "Trong năm, toàn ngành đã triển khai 256 cuộc thanh tra hành chính.",
    ], "x.txt", agency="SNV", period="2024")
    assert [(f.indicator, f.value) for f in ex.figures] == [("insp.total", 256)]


def test_carried_over_stated_apart_makes_the_rest_new_files():
    ex = extraction.extract_paragraphs(
        ["Sở tiếp nhận 276 hồ sơ, kỳ trước chuyển sang 5 hồ sơ."], "x.txt",
        agency="SKHCN", period="2024-H1")
    assert {f.indicator: f.value for f in ex.figures} == {
        "tthc.received_in_period": 276, "tthc.carried_over": 5}


def _read(*paragraphs: str) -> set[tuple[str, float, str]]:
    ex = extraction.extract_paragraphs(list(paragraphs), "x.txt", agency="SNV", period="2024-Q3")
    return {(f.indicator, f.value, f.field) for f in ex.figures}


# -- general wordings, each with a sentence of its own (not taken from the test set) ----------
@pytest.mark.parametrize("text, want", [
    # field lines: "- Lĩnh vực X: N hồ sơ, đã giải quyết M hồ sơ" (files to handle, resolved)
    ("- Lĩnh vực Hộ tịch: 84 hồ sơ, đã giải quyết 80 hồ sơ;",
     {("tthc.files_total", 84, "Hộ tịch"), ("tthc.resolved_total", 80, "Hộ tịch")}),
    # a long field name (up to 60 characters)
    ("- Lĩnh vực Đăng ký biện pháp bảo đảm bằng quyền sử dụng đất: 9 hồ sơ.",
     {("tthc.files_total", 9, "Đăng ký biện pháp bảo đảm bằng quyền sử dụng đất")}),
    # "nhận giải quyết N hồ sơ" is the total to handle, never files resolved
    ("Các xã nhận giải quyết 640 hồ sơ và đã trả kết quả 600 hồ sơ.",
     {("tthc.files_total", 640, ""), ("tthc.resolved_total", 600, "")}),
    ("Tổng số hồ sơ cần giải quyết trong quý là 230 hồ sơ.", {("tthc.files_total", 230, "")}),
    # carried over from a period named by its date
    ("Có 12 hồ sơ từ tháng 8/2024 chuyển sang.", {("tthc.carried_over", 12, "")}),
    ("Thanh tra sở thực hiện 9 cuộc thanh tra (từ năm 2023 chuyển sang 2 cuộc, triển khai mới "
     "7 cuộc).", {("insp.total", 9, ""), ("insp.carried_over", 2, ""), ("insp.started", 7, "")}),
    ("Trong kỳ có 5 cuộc triển khai mới.", {("insp.started", 5, "")}),
    # "đã quá hạn" after a pending total is pending overdue; "đang trong thời hạn" in time
    ("Còn 40 hồ sơ đang giải quyết, gồm 38 hồ sơ còn trong hạn và 2 hồ sơ đã quá hạn.",
     {("tthc.pending_total", 40, ""), ("tthc.pending_in_time", 38, ""),
      ("tthc.pending_overdue", 2, "")}),
    ("Hiện có 14 hồ sơ đang trong thời hạn giải quyết.", {("tthc.pending_in_time", 14, "")}),
    # the rest, in person
    ("Ngoài số hồ sơ nộp qua mạng, 31 hồ sơ còn lại được nộp trực tiếp.",
     {("tthc.received_offline", 31, "")}),
])
def test_general_file_wordings(text, want):
    assert _read(text) == want


@pytest.mark.parametrize("text, want", [
    # rate first, counts after it in parentheses
    ("Có 98,5% hồ sơ của huyện được giải quyết đúng hạn (197/200 hồ sơ).",
     {("tthc.on_time_rate_stated", 98.5, ""), ("tthc.resolved_early_on_time", 197, ""),
      ("tthc.resolved_total", 200, "")}),
    ("Đã giải quyết 200 hồ sơ, 60% được trả kết quả trước hạn (120 hồ sơ).",
     {("tthc.resolved_total", 200, ""), ("tthc.resolved_early", 120, "")}),
    # the definition stated with the rate
    ("Tỷ lệ giải quyết đúng hạn (tính cả trước hạn) đạt 97,2%.",
     {("tthc.on_time_rate_stated", 97.2, "")}),
    ("Tỷ lệ hồ sơ nộp trực tuyến trên tổng số hồ sơ mới đạt 61,3%.",
     {("tthc.online_share_stated", 61.3, "")}),
    ("Tỷ lệ tiếp nhận hồ sơ trực tuyến đạt 55%.", {("tthc.online_share_stated", 55, "")}),
    ("- Nộp trực tuyến qua Cổng dịch vụ công quốc gia: 420 hồ sơ (chiếm 70%);",
     {("tthc.received_online", 420, ""), ("tthc.online_share_stated", 70, "")}),
])
def test_rates_with_counts_and_definitions(text, want):
    assert _read(text) == want


@pytest.mark.parametrize("text, want", [
    ("Ban tiếp 25 lượt/31 người với 20 vụ việc.",
     {("recep.sessions", 25, ""), ("recep.persons", 31, ""), ("recep.cases", 20, "")}),
    ("Tổng số đơn phải xử lý trong quý là 90 đơn, gồm 6 đơn kỳ trước chuyển sang và 84 đơn "
     "tiếp nhận mới.",
     {("pet.total", 90, ""), ("pet.carried_over", 6, ""), ("pet.received", 84, "")}),
    ("Theo nội dung: khiếu nại 11 đơn, tố cáo 3 đơn, kiến nghị, phản ánh 40 đơn.",
     {("pet.complaints", 11, ""), ("pet.denunciations", 3, ""), ("pet.proposals", 40, "")}),
    ("Đơn không thuộc thẩm quyền: đã hướng dẫn 7 đơn, chuyển 12 đơn đến cơ quan có thẩm quyền, "
     "đôn đốc giải quyết 2 đơn.",
     {("pet.guided", 7, ""), ("pet.transferred", 12, ""), ("pet.urged", 2, "")}),
    ("Sở đã giải quyết 4/5 vụ việc khiếu nại và 1/2 vụ việc tố cáo thuộc thẩm quyền.",
     {("kntc.complaints_resolved", 4, ""), ("kntc.complaints_received", 5, ""),
      ("kntc.denunciations_resolved", 1, ""), ("kntc.denunciations_received", 2, "")}),
    ("Qua thanh tra phát hiện sai phạm về tài chính 1,5 tỷ đồng; chuyển cơ quan Cảnh sát điều "
     "tra 1 vụ việc.",
     {("insp.violation_money", 1500, ""), ("insp.transferred_investigation", 1, "")}),
    ("Huyện tổ chức 3 buổi đối thoại, giải trình với người dân.",
     {("acct.sessions_on_request", 3, "")}),
])
def test_petitions_reception_inspections(text, want):
    assert _read(text) == want


@pytest.mark.parametrize("text, want", [
    ("Về phòng, chống tham nhũng: có 6 viên chức được chuyển đổi vị trí công tác.",
     {("ac.job_rotations", 6, "")}),
    ("Vụ việc tham nhũng đã được xử lý; đã xử lý trách nhiệm 2 người đứng đầu.",
     {("ac.heads_responsible", 2, "")}),
    ("Qua xác minh tài sản, thu nhập, không có trường hợp nào vi phạm.",
     {("ac.declaration_violations", 0, "")}),
    ("Trong tháng không phát sinh lượt tiếp công dân; không nhận được đơn khiếu nại và đơn tố "
     "cáo; không phải tổ chức buổi giải trình.",
     {("recep.sessions", 0, ""), ("pet.complaints", 0, ""), ("pet.denunciations", 0, ""),
      ("acct.sessions_on_request", 0, "")}),
    ("Xã không có hồ sơ kỳ trước chuyển sang; không còn hồ sơ tồn đọng quá hạn.",
     {("tthc.carried_over", 0, ""), ("tthc.pending_overdue", 0, "")}),
])
def test_zeros_and_anticorruption_wordings(text, want):
    assert _read(text) == want


def test_other_periods_plans_and_targets_are_not_read():
    assert _read("Cùng kỳ năm 2023, huyện không phát hiện vụ việc tham nhũng nào.") == set()
    assert _read("Quý IV, Sở dự kiến tiến hành 6 cuộc thanh tra theo kế hoạch.") == set()
    assert _read("Mục tiêu năm 2025 là 100% hồ sơ được giải quyết đúng hạn.") == set()
    assert _read("Phấn đấu tỷ lệ hồ sơ nộp trực tuyến đạt 90%.") == set()
    # a section on next period's tasks or on requests, up to the next heading of its rank
    got = _read("II. KẾT QUẢ", "Đã giải quyết 50 hồ sơ.", "III. NHIỆM VỤ QUÝ IV/2024",
                "Giải quyết 20 hồ sơ còn tồn.", "1. Kiến nghị", "Đã giải quyết 7 hồ sơ.",
                "IV. TỔ CHỨC THỰC HIỆN", "Tiếp nhận 9 hồ sơ.")
    assert got == {("tthc.resolved_total", 50, ""), ("tthc.files_total", 9, "")}


def test_a_list_below_a_colon_gives_the_parts_of_its_total():
    ex = extraction.extract_paragraphs([
        "Trong quý, bộ phận một cửa tiếp nhận 500 hồ sơ, trong đó:",
        "- Tiếp nhận trực tuyến: 350 hồ sơ;",
        "- Tiếp nhận trực tiếp: 140 hồ sơ.",
        "Đã trả kết quả 480 hồ sơ, cụ thể:",
        "- Trả trước hạn: 300 hồ sơ;",
        "- Trả đúng hạn: 170 hồ sơ;",
        "- Trả quá hạn: 10 hồ sơ.",
    ], "x.txt", agency="SNV", period="2024-Q3")
    got = {(f.indicator, f.value) for f in ex.figures}
    assert got == {("tthc.received_in_period", 500), ("tthc.received_online", 350),
                   ("tthc.received_offline", 140), ("tthc.resolved_total", 480),
                   ("tthc.resolved_early", 300), ("tthc.resolved_on_time", 170),
                   ("tthc.resolved_late", 10)}
    # the parts of the list are checked against their total (350 + 140 ≠ 500)
    assert [f["rule"] for f in ex.findings] == ["prose.total_mismatch"]


def test_a_breakdown_of_a_total_by_reason_is_not_a_second_figure():
    assert _read("Hồ sơ trả lại, rút: 20 hồ sơ (5 hồ sơ xin rút; 15 hồ sơ bị trả lại).") == {
        ("tthc.returned_withdrawn", 20, "")}


def test_department_named_without_its_province_under_the_committee():
    ex = extraction.extract_paragraphs(
        ["UBND TỈNH HƯNG YÊN", "BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP", "BÁO CÁO",
         "Kết quả quý III năm 2024"], "x.txt")
    assert ex.agency == "BQLKCN" and ex.agency_known


def test_overrides_and_unknown_units():
    ex = extraction.extract_file(SEED, agency="snv", period="quý I năm 2023 (tính từ ngày "
                                 "15/12/2022 đến 14/3/2023)")
    assert ex.agency == "SNV" and ex.period.code == "2023-Q1"
    assert str(ex.period.start) == "2022-12-15"
    ex = extraction.extract_file(SEED, agency="UBND huyện Văn Lâm")
    assert ex.agency == "UBND huyện Văn Lâm" and not ex.agency_known
    ex = extraction.extract_paragraphs(["Tiếp nhận 12 hồ sơ."], "x.txt")
    assert {f["rule"] for f in ex.findings} == {"prose.no_agency", "prose.no_period"}


def test_a_user_can_add_a_pattern(monkeypatch):
    text = ["Số hồ sơ tồn đọng cuối kỳ: 17 hồ sơ."]
    assert extraction.extract_paragraphs(text, "x.txt", agency="SKHCN",
                                         period="2024-H1").figures == []
    monkeypatch.setattr(patterns, "PATTERNS", patterns.PATTERNS + [
        patterns.P("tồn đọng cuối kỳ( là|:)? {N:tthc.pending_total}", 0.85)])
    ex = extraction.extract_paragraphs(text, "x.txt", agency="SKHCN", period="2024-H1")
    assert [(f.indicator, f.value) for f in ex.figures] == [("tthc.pending_total", 17)]


def test_patterns_are_valid_and_use_catalogue_codes():
    for p in patterns.PATTERNS:
        assert p.regex is not None
        assert p.codes and all(c in indicators.CATALOGUE for c in p.codes), p.text
    for total, parts, _ in patterns.SPLITS:
        assert {total, *parts} <= set(indicators.CATALOGUE)
    for rate, (nums, dens) in patterns.RATES.items():
        codes = {rate} | {c for e in nums + dens for c in e.split("+")}
        assert codes <= set(indicators.CATALOGUE)
    assert "How to add a pattern" in patterns.__doc__
    with pytest.raises(ValueError):
        patterns.compile_phrase("tiếp nhận ({N:tthc.files_total}")


def test_sentences_do_not_split_numbers_or_abbreviations():
    text = "Tiếp nhận 1.234 hồ sơ tại TP. Hưng Yên. Đã giải quyết 5 hồ sơ. Trong đó: 3 trước hạn."
    spans = extraction.sentences(text)
    assert [text[a:b] for a, b in spans] == [
        "Tiếp nhận 1.234 hồ sơ tại TP. Hưng Yên.",
        "Đã giải quyết 5 hồ sơ. Trong đó: 3 trước hạn."]


# -- reading files ---------------------------------------------------------------------------
def test_docx_is_read(tmp_path):
    docx = pytest.importorskip("docx")
    doc = docx.Document()
    for line in ["UBND TỈNH HƯNG YÊN", "SỞ Y TẾ", "Số: 15/BC-SYT", "BÁO CÁO",
                 "Kết quả giải quyết thủ tục hành chính quý I năm 2024",
                 "Trong kỳ, Sở tiếp nhận 1.250 hồ sơ, trong đó tiếp nhận trực tuyến 1.000 hồ sơ, "
                 "trực tiếp 230 hồ sơ, kỳ trước chuyển sang 20 hồ sơ."]:
        doc.add_paragraph(line)
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,5%"
    table.cell(0, 1).text = "Đã giải quyết 1.200 hồ sơ"
    path = tmp_path / "bao_cao.docx"
    doc.save(path)
    ex = extraction.extract_file(path)
    assert ex.agency == "SYT" and ex.period.code == "2024-Q1"
    got = {f.indicator: f.value for f in ex.figures}
    assert got == {"tthc.files_total": 1250, "tthc.received_online": 1000,
                   "tthc.received_offline": 230, "tthc.carried_over": 20,
                   "tthc.on_time_rate_stated": 98.5, "tthc.resolved_total": 1200}


@pytest.mark.parametrize("name, content, words", [
    ("hong.docx", b"PK\x03\x04 not really a zip", "Word"),
    ("rong.txt", b"  \n\n \n", "không có nội dung"),
    ("bao_cao.pdf", b"%PDF-1.4", ".txt, .md, .docx"),
    ("latin1.txt", "Tiếp nhận 5 hồ sơ".encode("cp1258", errors="replace") + b"\xff\xfe\xfa",
     "UTF-8"),
])
def test_bad_files_raise_clear_errors(tmp_path, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(extraction.InputFileError) as info:
        extraction.read_paragraphs(path)
    assert words in info.value.message("vi")
    with pytest.raises(extraction.InputFileError):
        extraction.read_paragraphs(tmp_path / "khong_co.txt")


# -- the command -----------------------------------------------------------------------------
def test_cli_writes_csv_xlsx_html(tmp_path, capsys):
    out = tmp_path / "out"
    rc = cli.main(["extract", str(SEED), str(CASES / "09_sxd_sai_so.txt"),
                   "-o", str(out / "so_lieu.csv"), "-o", str(out / "so_lieu.xlsx"),
                   "-o", str(out / "ra_soat.html")])
    text = capsys.readouterr().out
    assert rc == 2  # 09 has a total that does not add up (an error finding)
    assert "00_seed_skhcn_2024h1.txt → SKHCN, 2024-H1" in text
    assert "18 số liệu" in text and len(text.splitlines()) <= 5

    figs = pd.read_csv(out / "so_lieu.csv", dtype={"field": str}, keep_default_na=False)
    assert list(figs.columns) == extraction.OUTPUT_COLUMNS
    assert (out / "so_lieu.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    seed_rows = figs[figs["agency"] == "SKHCN"]
    assert len(seed_rows) == 18 and set(seed_rows["unit"]) >= {"files", "percent"}
    docs = pd.read_csv(out / "so_lieu.documents.csv")
    assert list(docs.columns) == extraction.DOCUMENT_COLUMNS and len(docs) == 19 + 6
    finds = pd.read_csv(out / "so_lieu.findings.csv")
    assert {"prose.count_vs_list", "prose.total_mismatch", "prose.rate_mismatch"} <= set(
        finds["rule"])

    xl = pd.ExcelFile(out / "so_lieu.xlsx")
    assert xl.sheet_names == ["figures", "documents", "findings"]
    assert len(pd.read_excel(xl, "figures")) == len(figs)

    page = (out / "ra_soat.html").read_text("utf-8")
    assert "<script" not in page and not re.search(r"(src|href)=\"?(https?:)?//", page)
    assert "<link" not in page and "@import" not in page
    assert page.count("<mark ") == page.count("</mark>") > 0
    assert 'href="#f1-' in page and 'id="f1-0"' in page and 'id="m1-' in page
    assert "&lt;https://khenhungyen.gov.vn&gt;" in page  # report text is escaped
    assert "Số hồ sơ nhận giải quyết" in page and "Nêu 04 Quyết định" in page
    assert 'name="viewport"' in page
    assert 'href="#p1-27"' in page  # the "04 Quyết định" finding links to its paragraph


def test_cli_english_and_overrides(tmp_path, capsys):
    out = tmp_path / "r.html"
    rc = cli.main(["extract", str(CASES / "01_tinh_tthc_quy2.txt"), "-o", str(out),
                   "--lang", "en", "--agency", "HY", "--period", "2024-Q2"])
    assert rc == 0
    assert "→ HY, 2024-Q2" in capsys.readouterr().out
    page = out.read_text("utf-8")
    assert "Files to handle, total" in page and "125,430" in page and "Figures" in page


def test_review_escapes_report_text():
    ex = extraction.extract_paragraphs(
        ["<script>alert(1)</script> Đã giải quyết 12 hồ sơ & <b>xong</b>."], "x.txt",
        agency="SKHCN", period="2024-H1")
    page = review.render([ex], pd.DataFrame(columns=extraction.FINDING_COLUMNS))
    assert "<script>" not in page and "&lt;script&gt;" in page and "&amp; &lt;b&gt;" in page
    assert '<mark id="m1-0"><a href="#f1-0">12</a></mark>' in page


@pytest.mark.parametrize("files, words", [
    (["hong.docx"], "Word"),
    (["khong_co.txt"], "Không tìm thấy"),
    (["bao_cao.pdf"], ".docx"),
    (["rong.md"], "không có nội dung"),
])
def test_cli_bad_input_exits_2_without_traceback(tmp_path, capsys, files, words):
    (tmp_path / "hong.docx").write_bytes(b"PK\x03\x04garbage")
    (tmp_path / "bao_cao.pdf").write_bytes(b"%PDF")
    (tmp_path / "rong.md").write_text("\n\n")
    rc = cli.main(["extract", *[str(tmp_path / f) for f in files],
                   "-o", str(tmp_path / "o.csv")])
    err = capsys.readouterr().err
    assert rc == 2 and "Traceback" not in err and words in err


def test_cli_one_bad_file_among_good_ones(tmp_path, capsys):
    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"PK\x03\x04garbage")
    rc = cli.main(["extract", str(SEED), str(bad), "-o", str(tmp_path / "o.csv")])
    assert rc == 2
    finds = pd.read_csv(tmp_path / "o.findings.csv")
    assert "file.unreadable" in set(finds["rule"])
    assert len(pd.read_csv(tmp_path / "o.csv")) == 18


def test_cli_bad_output_format(tmp_path, capsys):
    rc = cli.main(["extract", str(SEED), "-o", str(tmp_path / "o.json")])
    assert rc == 2 and ".xlsx" in capsys.readouterr().err


def test_units_outside_the_registry_warn_only(tmp_path, capsys):
    rc = cli.main(["extract", str(CASES / "04_huyen_nam2023.txt"), "-o", str(tmp_path / "o.csv")])
    finds = pd.read_csv(tmp_path / "o.findings.csv")
    unknown = finds[finds["rule"] == "agency.unknown"]
    if not unknown.empty:  # when validation is present it names the unit, as a warning
        assert set(unknown["severity"]) == {"warning"}
    assert rc == 0


def test_works_without_validation_module(tmp_path, capsys, monkeypatch):
    import papi_analysis.intake

    monkeypatch.setitem(sys.modules, "papi_analysis.intake.validation", None)
    monkeypatch.delattr(papi_analysis.intake, "validation", raising=False)
    rc = cli.main(["extract", str(SEED), "-o", str(tmp_path / "o.csv")])
    assert rc == 0 and "bỏ qua kiểm tra chung" in capsys.readouterr().out


# -- the real reports (development set outside the project; skipped when absent) -------------
# Split once (tests/real_split.json): the reader is tuned on the "tune" part only; a "blind"
# part is scored with labels someone else keys (tests/real_labels_blind.json), once.  Blind
# round 1 (15 files) was run once on 07/12/2026 and is spent: its files moved to the tune part
# ("former_blind"), its labels merged into tests/real_labels.json.
@pytest.fixture(scope="module")
def real():
    if not metrics.real_files(part="tune"):
        pytest.skip(f"real report excerpts not found in {metrics.REAL}")
    return metrics.score_real(part="tune")


def _split_raw() -> dict:
    import json

    return json.loads(metrics.REAL_SPLIT.read_text("utf-8"))


def test_real_split_is_fixed_and_disjoint():
    parts, raw = metrics.split(), _split_raw()
    assert len(parts["tune"]) == 50 and not parts["blind"]
    assert not set(parts["tune"]) & set(parts["blind"])
    # blind round 1 is recorded as spent, and its 15 files are now tune files
    first = raw["rounds"][0]
    assert first["round"] == 1 and "spent" in first["status"] and len(first["files"]) == 15
    assert set(raw["former_blind"]) == set(first["files"]) <= set(parts["tune"])
    import json

    tuned = json.loads(metrics.REAL_LABELS.read_text("utf-8"))
    # the tune labels name no blind file: a blind part's labels live in their own file
    for key in ("files", "not_ours"):
        assert all(metrics.part_of(n) == "tune" for n in tuned[key]), key


@pytest.mark.parametrize("part", metrics.PARTS)
def test_real_labels_annotate_every_core_figure_once(part):
    if not metrics.real_files(part=part):
        pytest.skip(f"real excerpts or the {part} labels not found ({metrics.REAL}, "
                    f"{metrics.labels_path(part).name})")
    import json

    raw = json.loads((metrics.REAL / "expected.json").read_text("utf-8"))
    labels = json.loads(metrics.labels_path(part).read_text("utf-8"))["files"]
    names = [n for n in raw if n[:2] in metrics.split()[part]]
    assert names
    for name in names:
        entry = raw[name]
        core = [i for i, f in enumerate(entry.get("figures", [])) if f.get("core")]
        rows = labels.get(name, [])
        assert sorted(r["index"] for r in rows) == core, name
        for r in rows:
            assert r["value"] == pytest.approx(entry["figures"][r["index"]]["value"]), (name, r)
            assert r["indicator"] == "uncovered" or r["indicator"] in indicators.CATALOGUE, r


def _summary(m) -> str:
    return "; ".join(
        f"{lvl} {'core' if core else 'all'}: recall {m.recall(lvl, core):.3f}, "
        f"precision {m.precision(lvl, core):.3f} (strict {m.precision(lvl, core, strict=True):.3f})"
        for lvl, core in (("value", True), ("value", False), ("label", True)))


def test_real_reports_value_and_label_level(real, capsys):
    former = set(_split_raw()["former_blind"])
    first = metrics.RealMetrics([f for f in real.files if f.name[:2] not in former])
    assert len(first.files) == 35
    with capsys.disabled():
        print(f"\n[real reports, the 35 files tuned from the start] {_summary(first)}")
        print(f"[real reports, tune part, all {len(real.files)} files] {_summary(real)}")
    # floors on the 35 files tuned on from the start (issue 18), below what the reader reaches
    # there: the figures were tuned on these texts, so they only guard against going back
    report = metrics.real_report(first)
    assert first.recall("value", True) >= FLOOR["value_recall"], report
    assert first.recall("label", True) >= FLOOR["label_recall"], report
    assert first.recall("value", False) >= FLOOR["value_recall_all"], report
    for level in ("value", "label"):
        assert first.precision(level, True, strict=True) >= FLOOR["strict_precision"], report
    # all 50 files (measured values in docs/extraction.md)
    report = metrics.real_report(real)
    assert real.recall("value", True) >= FLOOR_ALL["value_recall"], report
    assert real.recall("label", True) >= FLOOR_ALL["label_recall"], report
    assert real.precision("label", True) >= FLOOR_ALL["label_precision"], report
    assert real.precision("label", True, strict=True) >= FLOOR_ALL["strict_precision"], report


#: Floors of the 35 files tuned on from the start (measured values in docs/extraction.md).
FLOOR = {"value_recall": 0.83, "label_recall": 0.83, "value_recall_all": 0.54,
         "strict_precision": 0.98}
#: Floors of the whole tune part (50 files since blind round 1 was spent).
FLOOR_ALL = {"value_recall": 0.77, "label_recall": 0.77, "label_precision": 0.98,
             "strict_precision": 0.98}


#: Blind round 1's first and only blind run (07/12/2026, docs/extraction.md): label precision
#: 0.793, label recall 0.261, value recall 0.330, value precision 1.000 (strict 0.967).  These
#: 15 files are now tuned on (after round 2: label precision 1.000, label recall 0.625, value
#: recall 0.625), so the floors below only guard against going back; issue 18's
#: targets (label precision 0.97, label recall 0.75, value recall 0.80) are to be met on new
#: blind texts, kept outside the project.
FORMER_BLIND_FLOOR = {"label_precision": 0.95, "label_recall": 0.60, "value_recall": 0.60,
                      "value_precision": 0.95}


def test_former_blind_files_do_not_go_back(real, capsys):
    former = set(_split_raw()["former_blind"])
    m = metrics.RealMetrics([f for f in real.files if f.name[:2] in former])
    assert len(m.files) == 15
    with capsys.disabled():
        print(f"\n[real reports, blind round 1 files] label: recall {m.recall('label', True):.3f}"
              f", precision {m.precision('label', True):.3f}; value: recall "
              f"{m.recall('value', True):.3f}, precision {m.precision('value', True):.3f}")
    report = metrics.real_report(m)
    assert m.precision("label", True) >= FORMER_BLIND_FLOOR["label_precision"], report
    assert m.recall("label", True) >= FORMER_BLIND_FLOOR["label_recall"], report
    assert m.recall("value", True) >= FORMER_BLIND_FLOOR["value_recall"], report
    assert m.precision("value", True) >= FORMER_BLIND_FLOOR["value_precision"], report


def test_blind_hold_out(capsys):
    """The passages written for issue 9 before the final version ran on them (scored apart).

    Their first run gave precision 0.860 and recall 0.860 (see docs/extraction.md); after
    fixing the two general bugs it showed, the floor below is what they reach.
    """
    m = metrics.Metrics([metrics.score_case(p) for p in metrics.blind_cases()])
    with capsys.disabled():
        print(f"\n[extraction] blind hold-out {len(m.results)} cases: precision "
              f"{m.precision:.3f}, recall {m.recall:.3f} (tp {m.tp}, fp {m.fp}, fn {m.fn})")
    assert len(m.results) >= 5
    assert m.precision >= 1.0 and m.recall >= 85 / 86 - 1e-9, metrics.report(m)


# -- wordings of real reports (issue 9): each class on sentences of our own ------------------
def _figs(*paras, period="2024"):
    ex = extraction.extract_paragraphs(["BÁO CÁO", *paras], "x.txt", agency="SNV",
                                       period=period)
    return [(f.indicator, f.value, f.field) for f in ex.figures]


@pytest.mark.parametrize("text, want", [
    # linking words and approximations between a label and its number
    ("Qua thanh tra đã kiến nghị xử lý về kinh tế với tổng số tiền lên tới hơn 12,5 tỷ đồng.",
     [("insp.violation_money", 12500, "")]),
    # a rate right after its count
    ("Trung tâm tiếp nhận trực tuyến 900 hồ sơ, chiếm 75%.",
     [("tthc.received_online", 900, ""), ("tthc.online_share_stated", 75, "")]),
    ("Có 40 hồ sơ trễ hạn (chiếm 0,4%).",
     [("tthc.resolved_late", 40, ""), ("tthc.late_rate_stated", 0.4, "")]),
    # spellings: tỉ lệ, HS, sớm hạn, hồ sơ TTHC
    ("Tỉ lệ giải quyết hồ sơ đúng hạn đạt 98,2%.", [("tthc.on_time_rate_stated", 98.2, "")]),
    ("Đã giải quyết 300 HS, trong đó sớm hạn 120 HS, đúng hạn 180 HS.",
     [("tthc.resolved_total", 300, ""), ("tthc.resolved_early", 120, ""),
      ("tthc.resolved_on_time", 180, "")]),
    # status vocabulary: files due are never resolved; pending in time and overdue
    ("Có 420 hồ sơ đến hạn giải quyết.", [("tthc.files_due", 420, "")]),
    ("Còn 35 hồ sơ chưa đến hạn và 2 hồ sơ quá hạn nhưng chưa có kết quả.",
     [("tthc.pending_in_time", 35, ""), ("tthc.pending_overdue", 2, "")]),
    # reception: count, persons and cases after an inserted aside
    ("Các cơ quan đã tiếp 300 lượt/320 người (giảm 4% so với cùng kỳ) với 210 vụ việc.",
     [("recep.sessions", 300, ""), ("recep.persons", 320, ""), ("recep.cases", 210, "")]),
    # noun first, transfers with persons, land in hectares
    ("Đã ban hành kết luận 18 cuộc; chuyển 2 vụ việc (với 4 đối tượng) sang cơ quan điều tra.",
     [("insp.conclusions", 18, ""), ("insp.transferred_investigation", 2, ""),
      ("inspx.transferred_persons", 4, "")]),
    ("Phát hiện vi phạm tổng số tiền 2,4 tỷ đồng và 1,5 ha đất.",
     [("insp.violation_money", 2400, ""), ("insp.violation_land", 15000, "")]),
    # sanctions, discipline, criminal proceedings, declaration forms
    ("Ban hành 12 quyết định xử phạt vi phạm hành chính đối với 2 tổ chức, 10 cá nhân với "
     "tổng số tiền 86 triệu đồng.",
     [("sanc.decisions", 12, ""), ("sanc.organisations", 2, ""), ("sanc.individuals", 10, ""),
      ("sanc.fines", 86, "")]),
    ("Đã kiểm điểm rút kinh nghiệm 3 tập thể, 7 cá nhân; khiển trách 2 cá nhân.",
     [("disc.review_collectives", 3, ""), ("disc.review_individuals", 7, ""),
      ("disc.reprimand_individuals", 2, "")]),
    ("Cơ quan điều tra khởi tố 2 vụ án, 5 bị can; đề nghị truy tố 1 vụ.",
     [("crim.cases_initiated", 2, ""), ("crim.defendants", 5, ""),
      ("crim.proposed_prosecution", 1, "")]),
    ("Đã tiếp nhận 860 bản kê khai tài sản, thu nhập.", [("acx.declaration_forms", 860, "")]),
    # indices: score with its maximum, rank out of
    ("Chỉ số PAPI năm 2024 của tỉnh đạt 44,1/80 điểm, xếp thứ 9/63.",
     [("idx.papi_score", 44.1, ""), ("idx.papi_max", 80, ""), ("idx.papi_rank", 9, ""),
      ("idx.papi_rank_of", 63, "")]),
    ("Chỉ số SIPAS của tỉnh đạt 84,5%.", [("idx.sipas_score", 84.5, "")]),
    # a combined level is one level; a level after its count's noun is that count's own
    ("Bộ phận một cửa cấp huyện, cấp xã tiếp nhận mới 5.000 hồ sơ.",
     [("tthc.received_in_period", 5000, "Cấp huyện, cấp xã")]),
    ("Có 120 thủ tục cấp tỉnh, 40 thủ tục cấp huyện được cung cấp trực tuyến toàn trình.",
     [("proc.total", 120, "Cấp tỉnh"), ("proc.total", 40, "Cấp huyện")]),
    # who carried out the inspections
    ("Toàn ngành triển khai 30 cuộc thanh tra, trong đó 12 cuộc do Thanh tra tỉnh thực hiện.",
     [("insp.total", 30, ""), ("insp.total", 12, "Thanh tra tỉnh")]),
    # the kind of a complaint count named once for several numbers
    ("Đã thụ lý 6/6 vụ tố cáo (2 vụ việc từ kỳ trước chuyển sang), giải quyết xong 3/6 vụ, "
     "đang giải quyết 3 vụ việc.",
     [("kntc.denunciations_received", 6, ""), ("kntcx.denunciations_carried_over", 2, ""),
      ("kntc.denunciations_resolved", 3, ""), ("kntcx.denunciations_pending", 3, "")]),
    # numbers in words
    ("Sở đã tiếp nhận mới hai mươi lăm hồ sơ.", [("tthc.received_in_period", 25, "")]),
    # a kind named right after the fraction is that count's, whatever came before
    ("Về khiếu nại, tố cáo: đã giải quyết 30/35 vụ việc khiếu nại thuộc thẩm quyền.",
     [("kntc.complaints_resolved", 30, ""), ("kntc.complaints_received", 35, "")]),
    # a rate listed after another, for another level
    ("Tỷ lệ giải quyết đúng hạn của cấp huyện đạt 97,5%, cấp xã đạt 99%.",
     [("tthc.on_time_rate_stated", 97.5, "Cấp huyện"),
      ("tthc.on_time_rate_stated", 99, "Cấp xã")]),
    ("Phát hiện 1 vụ việc tham nhũng với 2 đối tượng.", [("ac.cases", 1, ""),
                                                        ("ac.persons", 2, "")]),
])
def test_real_report_wordings(text, want):
    assert _figs(text) == want


def test_another_years_figure_in_an_aside_is_not_read():
    assert _figs("Trong năm, Sở tiếp nhận 500 hồ sơ (năm 2023 tiếp nhận 450 hồ sơ).") == [
        ("tthc.files_total", 500, "")]


def test_a_sentence_opening_on_another_period_gives_its_figures_that_period():
    ex = extraction.extract_paragraphs(
        ["BÁO CÁO", "Năm 2024, Sở tiếp nhận 900 hồ sơ. Quý IV, Sở giải quyết 250 hồ sơ."],
        "x.txt", agency="SNV", period="2024")
    t = ex.table()
    assert list(zip(t["indicator"], t["period"], strict=True)) == [
        ("tthc.files_total", "2024"), ("tthc.resolved_total", "2024-Q4")]


def test_a_table_rendered_as_text_is_read_with_its_header():
    ex = extraction.extract_paragraphs([
        "BÁO CÁO", "Kết quả giải quyết hồ sơ",
        "Lĩnh vực Tổng Đã giải quyết Trước hạn Đúng hạn Trễ hạn",
        "Tổng % Tổng % Tổng %",
        "Đất đai 1200 1150 600 52,2% 500 43,5% 50 4,3%",
    ], "x.txt", agency="SNV", period="2024")
    got = {(f.indicator, f.value, f.field) for f in ex.figures}
    assert got == {("tthc.files_total", 1200, "Đất đai"), ("tthc.resolved_total", 1150, "Đất đai"),
                   ("tthc.resolved_early", 600, "Đất đai"),
                   ("tthc.early_rate_stated", 52.2, "Đất đai"),
                   ("tthc.resolved_on_time", 500, "Đất đai"),
                   ("tthc.on_time_only_rate_stated", 43.5, "Đất đai"),
                   ("tthc.resolved_late", 50, "Đất đai"),
                   ("tthc.late_rate_stated", 4.3, "Đất đai")}


def test_the_title_gives_way_to_the_body_for_the_same_number():
    assert _figs("Tiến hành 40 cuộc thanh tra",
                 "Thanh tra tỉnh tiến hành 40 cuộc thanh tra, trong đó có 25 cuộc thanh tra "
                 "hành chính.") == [("inspx.all_total", 40, ""), ("insp.total", 25, "")]


def test_reading_stays_linear_in_a_long_paragraph():
    # one paragraph of ~400 KB: no sentence is rescanned from the start of the paragraph
    import time

    para = " ".join(["Trong kỳ, Sở tiếp nhận 1.234 hồ sơ, đã giải quyết 1.200 hồ sơ."] * 6000)
    t0 = time.process_time()
    ex = extraction.extract_paragraphs(["BÁO CÁO", para], "x.txt", agency="SNV", period="2024")
    assert {f.indicator for f in ex.figures} == {"tthc.files_total", "tthc.resolved_total"}
    assert time.process_time() - t0 < 20  # about 1 s; quadratic reading took minutes


@pytest.mark.parametrize("paragraphs, code", [
    (["Thứ Sáu, 10/01/2024", "Kết quả giải quyết TTHC quý IV", "Trong quý IV, …"], "2023-Q4"),
    (["Thứ Hai, 15/07/2024", "Trong 6 tháng đầu năm, tỉnh …"], "2024-H1"),
    (["Ngày 22.11.2024", "Trong tháng 10, Trung tâm …"], "2024-10"),
    (["9 tháng năm 2017, Thanh tra tỉnh tiến hành …"], "2017-9M"),
    (["Chỉ số PAPI là sản phẩm hợp tác từ năm 2009 cho tới nay.", "Năm 2023, …"], "2023"),
])
def test_period_without_its_year_or_beside_a_starting_year(paragraphs, code):
    from papi_analysis.prose import reportdocs

    assert reportdocs.detect_period(paragraphs).code == code


def test_unit_named_in_the_body_stops_before_a_person_and_skips_captions():
    from papi_analysis.prose import reportdocs

    unit = reportdocs.detect_agency(["Báo cáo", "Theo Chánh Thanh tra tỉnh Bắc Ninh Nguyễn Văn "
                                     "A, trong năm toàn ngành …"])
    assert unit.name == "Thanh tra tỉnh Bắc Ninh" and not unit.known
    unit = reportdocs.detect_agency(["Cán bộ UBND huyện Xuân Trường hướng dẫn người dân. Ảnh "
                                     "tư liệu", "Chỉ số năm nay …"])
    assert unit.name == ""


# -- issue 18: the gate (prose/meaning.py) and the new wordings, each in two word orders ------
# Sentences of our own, not copied from any report.
def _read18(*paras, period="2024"):
    ex = extraction.extract_paragraphs(["BÁO CÁO", *paras], "x.txt", agency="SNV",
                                       period=period)
    return ([(f.indicator, f.value, f.field) for f in ex.figures],
            [(f.indicator, f.value) for f in ex.unclassified], ex)


@pytest.mark.parametrize("text, want", [
    # feedback on regulations: received, processed, pending, forwarded (never files)
    ("Năm nay Sở đã tiếp nhận 96 phản ánh, kiến nghị của người dân về quy định hành chính.",
     [("pakn.received", 96, "")]),
    ("Số phản ánh, kiến nghị mà Sở tiếp nhận là 96.", [("pakn.received", 96, "")]),
    ("Sở đã xử lý 90 PAKN, còn đang xử lý 6 PAKN.",
     [("pakn.processed", 90, ""), ("pakn.pending", 6, "")]),
    ("PAKN đã được trả lời 90; 6 PAKN đang được xem xét, xử lý.",
     [("pakn.processed", 90, ""), ("pakn.pending", 6, "")]),
    ("Văn phòng đã phân loại và chuyển 40/96 PAKN đến các sở.",
     [("pakn.transferred", 40, "")]),
    # the 1022 hotline, either way round
    ("Trong tháng, Tổng đài 1022 đã tiếp nhận 2.450 lượt gọi của người dân.",
     [("pakn.hotline_1022", 2450, "")]),
    ("Có 2.450 lượt gọi, liên hệ đến Tổng đài 1022 trong tháng.",
     [("pakn.hotline_1022", 2450, "")]),
    # complaint and denunciation cases of both kinds, and those still being resolved
    ("Các cơ quan đã giải quyết 12/20 vụ việc khiếu nại, tố cáo thuộc thẩm quyền, 8 vụ còn lại "
     "đang giải quyết.",
     [("kntcx.resolved", 12, ""), ("kntcx.received", 20, ""), ("kntcx.pending", 8, "")]),
    ("Về khiếu nại, tố cáo: hiện còn đang giải quyết 8 vụ việc.", [("kntcx.pending", 8, "")]),
    # criminal proceedings by stage
    ("Viện kiểm sát đã truy tố 4 vụ với 9 bị can; Tòa án đã xét xử 3 vụ, 7 bị cáo.",
     [("crim.cases_prosecuted", 4, ""), ("crim.defendants_prosecuted", 9, ""),
      ("crim.cases_tried", 3, ""), ("crim.defendants_tried", 7, "")]),
    ("Có 4 vụ với 9 bị can đã bị truy tố và 3 vụ, 7 bị cáo đã được đưa ra xét xử.",
     [("crim.cases_prosecuted", 4, ""), ("crim.defendants_prosecuted", 9, ""),
      ("crim.cases_tried", 3, ""), ("crim.defendants_tried", 7, "")]),
    # corruption cases by the channel that detected them
    ("Về phòng, chống tham nhũng, qua công tác thanh tra, kiểm tra đã phát hiện 2 vụ việc.",
     [("acx.cases_by_inspection", 2, "")]),
    ("Về phòng, chống tham nhũng, đã phát hiện 2 vụ việc qua thanh tra, kiểm tra.",
     [("acx.cases_by_inspection", 2, "")]),
    ("Về tham nhũng, thông qua giải quyết khiếu nại, tố cáo đã phát hiện 1 vụ.",
     [("acx.cases_by_petitions", 1, "")]),
    # stated recovery and collection rates
    ("Trong công tác phòng, chống tham nhũng, tỷ lệ thu hồi tài sản đạt 64,5%.",
     [("acx.recovery_rate_stated", 64.5, "")]),
    ("Đã xử phạt với tổng số tiền 120 triệu đồng (đạt tỷ lệ 95%).",
     [("sanc.fines", 120, ""), ("sanc.collection_rate_stated", 95, "")]),
    # digits in words before a counted noun; never "năm" the year, never "một số"
    ("Trong kỳ đã tiến hành hai cuộc thanh tra đột xuất.", [("insp.unannounced", 2, "")]),
    ("Có năm đoàn đông người đến trụ sở tiếp công dân.", [("recep.group_visits", 5, "")]),
    ("Trong năm hồ sơ tồn chủ yếu thuộc lĩnh vực đất đai; một số đơn vị chậm báo cáo.", []),
    # the index named in parentheses after its long name
    ("Chỉ số Hiệu quả quản trị và hành chính công cấp tỉnh (PAPI) năm 2024 của tỉnh đạt "
     "44,1234 điểm.", [("idx.papi_score", 44.1234, "")]),
])
def test_issue18_wordings(text, want):
    figs, _, _ = _read18(text)
    assert sorted(figs) == sorted(want)


@pytest.mark.parametrize("text, refused", [
    # the counted noun: feedback items are not TTHC files, whichever way the sentence runs
    ("Trung tâm tiếp nhận 310 PAKN trong quý.", None),
    ("Trong quý, 310 phản ánh, kiến nghị đã được tiếp nhận tại Trung tâm.", None),
    # status words: "đang … quá hạn" is pending, never resolved late
    ("Số hồ sơ đang giải quyết nhưng đã quá hạn là 14 hồ sơ.", "tthc.resolved_late"),
    ("Hồ sơ quá hạn đang giải quyết 14 hồ sơ.", "tthc.resolved_late"),
    # carried over is not started in the period
    ("Tổng số 30 cuộc, gồm 9 cuộc triển khai từ kỳ trước chuyển sang và 21 cuộc triển khai "
     "trong kỳ.", None),
    # stage words: defendants tried are not defendants initiated
    ("Tòa án đã xét xử 6 bị can trong kỳ.", "crim.defendants"),
    ("Trong kỳ đã đưa ra xét xử đối với 6 bị can.", "crim.defendants"),
    # a survey's respondents are no outreach attendees, whatever the paragraph is about
    ("Về kiểm soát tham nhũng, có 1.200 người dân tham gia khảo sát PAPI.",
     "ac.outreach_attendees"),
    ("Chỉ số kiểm soát tham nhũng: khảo sát có 1.200 người tham gia trả lời phiếu.",
     "ac.outreach_attendees"),
])
def test_issue18_gate_refuses_what_the_sentence_does_not_support(text, refused):
    figs, uncl, _ = _read18(text)
    codes = {c for c, _, _ in figs}
    assert "tthc.files_total" not in codes and "tthc.received_in_period" not in codes
    if refused:
        assert refused not in codes
    if "triển khai trong kỳ" in text:  # both counts keep their own status
        assert ("insp.carried_over", 9, "") in figs and ("insp.started", 21, "") in figs


def test_issue18_nation_then_own_unit():
    paras = ["Báo cáo của Thanh tra Chính phủ cho biết, cả nước đã triển khai 4.100 cuộc "
             "thanh tra hành chính.",
             "Qua thanh tra phát hiện vi phạm về kinh tế 8.000 tỷ đồng.",
             "Tại tỉnh Bình Phước, ngành Thanh tra đã triển khai 75 cuộc thanh tra hành chính."]
    figs, uncl, _ = _read18(*paras)
    assert figs == [("insp.total", 75, "")]
    assert ("insp.total", 4100) in uncl and ("insp.violation_money", 8000000) in uncl
    # without a turn to a place of its own the report is the nation's: its figures stay
    figs, _, _ = _read18(*paras[:2])
    assert ("insp.total", 4100, "") in figs


@pytest.mark.parametrize("text", [
    "Tỉnh Gia Lai đạt 44,5 điểm PAPI; Bình Định đạt 45,1 điểm chỉ số PAPI.",
    "Chỉ số PAPI năm 2024 của tỉnh Gia Lai đạt 44,5 điểm, trong khi Bình Định đạt 45,1 điểm "
    "chỉ số PAPI.",
])
def test_issue18_another_provinces_figure_is_not_the_reports(text):
    ex = extraction.extract_paragraphs(["Sở Nội vụ tỉnh Gia Lai", "BÁO CÁO", text], "x.txt",
                                       period="2024")
    assert [(f.indicator, f.value) for f in ex.figures] == [("idx.papi_score", 44.5)]
    assert [(f.indicator, f.value) for f in ex.unclassified] == [("idx.papi_score", 45.1)]
    assert "Bình Định" in ex.unclassified[0].reason or "binh dinh" in ex.unclassified[0].reason


@pytest.mark.parametrize("text", [
    "Bình quân chung cả nước đạt 42,3 điểm PAPI.",
    "Điểm PAPI trung vị đạt 42,3 điểm, tỉnh đạt 44,0 điểm chỉ số PAPI.",
])
def test_issue18_a_national_benchmark_is_not_the_reports(text):
    figs, uncl, _ = _read18(text)
    assert ("idx.papi_score", 42.3, "") not in figs


@pytest.mark.parametrize("paras", [
    ["Trung tâm Phục vụ hành chính công của tỉnh tiếp nhận 5.000 hồ sơ.",
     "Trong số hồ sơ trên, đã giải quyết 4.800 hồ sơ.",
     "Ở cấp huyện, đã giải quyết 3.000 hồ sơ."],
    ["Ở cấp huyện, đã giải quyết 3.000 hồ sơ.",
     "Trung tâm Phục vụ hành chính công của tỉnh tiếp nhận 5.000 hồ sơ.",
     "Trong số này, đã giải quyết 4.800 hồ sơ."],
])
def test_issue18_a_paragraph_pointing_back_keeps_its_level(paras):
    figs, _, _ = _read18(*paras)
    assert ("tthc.resolved_total", 4800, "Cấp tỉnh") in figs
    assert ("tthc.resolved_total", 3000, "Cấp huyện") in figs


@pytest.mark.parametrize("text", [
    "Kiểm tra, đôn đốc việc thực hiện 12 kết luận thanh tra với tổng số tiền sai phạm 3,5 tỷ "
    "đồng; đã thu hồi 1,2 tỷ đồng.",
    "Đôn đốc thực hiện các kết luận thanh tra, tổng số tiền sai phạm 3,5 tỷ đồng; đã thu hồi "
    "1,2 tỷ đồng.",
])
def test_issue18_money_of_conclusions_followed_up_is_not_found_in_the_period(text):
    figs, uncl, _ = _read18(text)
    assert ("insp.violation_money", 3500) in uncl
    assert ("insp.recovered", 1200, "") in figs


@pytest.mark.parametrize("text", [
    "Hệ thống không tiếp nhận đơn thư khiếu nại, tố cáo.",
    "Lưu ý: Cổng thông tin không tiếp nhận đơn khiếu nại và tố cáo.",
])
def test_issue18_a_systems_scope_is_no_zero(text):
    figs, _, _ = _read18(text)
    assert figs == []


@pytest.mark.parametrize("text, want", [
    # criminal stages written "N vụ/M bị can" and "N vụ, M bị can", stage word first or last
    ("Cơ quan tố tụng khởi tố mới 6 vụ án/14 bị can, truy tố 5 vụ/11 bị can, xét xử sơ thẩm "
     "4 vụ/9 bị cáo.",
     [("crim.cases_initiated", 6, ""), ("crim.defendants", 14, ""),
      ("crim.cases_prosecuted", 5, ""), ("crim.defendants_prosecuted", 11, ""),
      ("crim.cases_tried", 4, ""), ("crim.defendants_tried", 9, "")]),
    ("Trong kỳ có 5 vụ/11 bị can bị truy tố; 4 vụ, 9 bị cáo đã được đưa ra xét xử.",
     [("crim.cases_prosecuted", 5, ""), ("crim.defendants_prosecuted", 11, ""),
      ("crim.cases_tried", 4, ""), ("crim.defendants_tried", 9, "")]),
    # entities in violation named by a pair of nouns, before or after the verb
    ("Qua thanh tra, 21 cơ quan, đơn vị có sai phạm.", [("inspx.units_violating", 21, "")]),
    ("Qua thanh tra phát hiện sai phạm tại 21 cơ quan, đơn vị.",
     [("inspx.units_violating", 21, "")]),
    # one body as the subject of its clause, when the report names several bodies
    ("Thanh tra tỉnh thực hiện 14 cuộc thanh tra hành chính; Thanh tra huyện đã tiến hành 9 "
     "cuộc thanh tra.",
     [("insp.total", 14, "Thanh tra tỉnh"), ("insp.total", 9, "Thanh tra huyện")]),
    ("Thanh tra huyện đã tiến hành 9 cuộc thanh tra. Thanh tra tỉnh thực hiện 14 cuộc thanh "
     "tra hành chính.",
     [("insp.total", 14, "Thanh tra tỉnh"), ("insp.total", 9, "Thanh tra huyện")]),
    # one body alone is the report's own: no field
    ("Thanh tra huyện đã tiến hành 9 cuộc thanh tra.", [("insp.total", 9, "")]),
    # two bodies together are no single body
    ("Thanh tra tỉnh và thanh tra các huyện triển khai 23 cuộc thanh tra.",
     [("insp.total", 23, "")]),
    # the provincial departments are the provincial level when other levels are named
    ("Các sở, ban, ngành tiếp nhận 800 hồ sơ; cấp huyện tiếp nhận 600 hồ sơ.",
     [("tthc.files_total", 800, "Cấp tỉnh"), ("tthc.files_total", 600, "Cấp huyện")]),
    ("Cấp huyện tiếp nhận 600 hồ sơ, các sở, ban, ngành tiếp nhận 800 hồ sơ.",
     [("tthc.files_total", 800, "Cấp tỉnh"), ("tthc.files_total", 600, "Cấp huyện")]),
])
def test_issue18_more_wordings(text, want):
    figs, _, _ = _read18(text)
    assert sorted(figs) == sorted(want)


@pytest.mark.parametrize("text, value", [
    # a stated change is not a figure, whichever side of the number the change words stand
    ("Số cuộc thanh tra giảm 12 cuộc so với cùng kỳ.", 12),
    ("Đã thực hiện 40 cuộc thanh tra (tăng 6 cuộc).", 6),
    # a level's share of the whole province is not that level's rate
    ("Cấp xã đã giải quyết 900 hồ sơ, chiếm 45% số hồ sơ giải quyết của toàn tỉnh.", 45),
    ("Cấp huyện giải quyết 700 hồ sơ, đạt 35% tổng số hồ sơ trên địa bàn tỉnh.", 35),
])
def test_issue18_changes_and_shares_of_another_whole_are_not_figures(text, value):
    figs, _, _ = _read18(text)
    assert value not in [v for _, v, _ in figs]


@pytest.mark.parametrize("text, want", [
    # carried over with the verb split around the period
    ("Tổng số 60 cuộc, trong đó chuyển từ kỳ trước sang 12 cuộc.",
     ("insp.carried_over", 12, "")),
    ("Có 12 cuộc được chuyển từ kỳ trước sang.", ("insp.carried_over", 12, "")),
    # a reduction of the settled value is written off
    ("Qua thanh tra, kiến nghị giảm trừ quyết toán 310 triệu đồng.",
     ("inspx.written_off_money", 310, "")),
    ("Qua thanh tra, 310 triệu đồng được kiến nghị giảm trừ giá trị quyết toán.",
     ("inspx.written_off_money", 310, "")),
    # a field named right after the count
    ("Trong kỳ triển khai 7 cuộc thanh tra về lĩnh vực đất đai.", ("insp.total", 7, "Đất đai")),
    ("Trong kỳ triển khai 7 cuộc thanh tra thuộc lĩnh vực đất đai, đã kết thúc 5 cuộc.",
     ("insp.total", 7, "Đất đai")),
    # a rate right after its count, "chiếm đến"
    ("Đã giải quyết 900 hồ sơ, trong đó quá hạn 45 hồ sơ, chiếm đến 5%.",
     ("tthc.late_rate_stated", 5, "")),
])
def test_issue18_general_wordings(text, want):
    figs, _, _ = _read18(text)
    assert want in figs


@pytest.mark.parametrize("paras", [
    ["Qua thanh tra phát hiện vi phạm 900 triệu đồng.",
     "Về thanh tra hành chính, phát hiện vi phạm 400 triệu đồng."],
    ["Thanh tra hành chính phát hiện vi phạm 400 triệu đồng. Tính chung, qua thanh tra, kiểm "
     "tra phát hiện vi phạm 900 triệu đồng."],
])
def test_issue18_a_second_value_of_the_same_indicator_is_left_unclassified(paras):
    figs, uncl, ex = _read18(*paras)
    first, second = (900, 400) if paras[0].startswith("Qua") else (400, 900)
    assert [f for f in figs if f[0] == "insp.violation_money"] == [
        ("insp.violation_money", first, "")]  # the first statement stays
    assert ("insp.violation_money", second) in uncl
    assert "¶" in ex.unclassified[0].reason


@pytest.mark.parametrize("text", [
    "Trung tâm đã giải quyết 900 hồ sơ, đúng hạn đạt 99%.",
    "Đã giải quyết 900 hồ sơ, trong đó trước hạn và đúng hạn chiếm 99%.",
])
def test_issue18_a_rate_naming_its_own_kind_is_not_the_resolved_share(text):
    figs, _, _ = _read18(text)
    assert ("tthc.resolved_share_stated", 99, "") not in figs


@pytest.mark.parametrize("paras", [
    ["Sở Nội vụ tỉnh Phú Thọ", "BÁO CÁO", "Cả nước đã khởi tố 1.300 vụ án tham nhũng.",
     "Toàn tỉnh khởi tố 9 vụ án tham nhũng."],
    ["Sở Nội vụ tỉnh Phú Thọ", "BÁO CÁO", "Toàn tỉnh khởi tố 9 vụ án tham nhũng. Cả nước "
     "đã khởi tố 1.300 vụ án tham nhũng."],
])
def test_issue18_a_sentence_on_the_nation_in_a_provinces_report(paras):
    ex = extraction.extract_paragraphs(paras, "x.txt", period="2024")
    assert [(f.indicator, f.value) for f in ex.figures] == [("crim.cases_initiated", 9)]
    assert [(f.indicator, f.value) for f in ex.unclassified] == [("crim.cases_initiated", 1300)]


@pytest.mark.parametrize("text", [
    "Bình quân chung cả nước, Chỉ số PAR INDEX đạt 86,9%.",
    "Chỉ số PAR INDEX (bình quân chung) năm 2024 đạt 86,9%.",
])
def test_issue18_a_benchmark_anywhere_before_the_number(text):
    figs, uncl, _ = _read18(text)
    assert figs == [] and ("idx.par_score", 86.9) in uncl


@pytest.mark.parametrize("text", [
    "Trong 9 tháng, toàn tỉnh tiếp nhận 2.100 hồ sơ.",
    "9 tháng năm 2024, toàn tỉnh tiếp nhận 2.100 hồ sơ.",
])
def test_issue18_nine_months_named_in_a_sentence_is_not_the_year(text):
    ex = extraction.extract_paragraphs(["BÁO CÁO", text], "x.txt", agency="SNV",
                                       period="2024-9M")
    assert ex.table()["period"].tolist() == ["2024-9M"]


@pytest.mark.parametrize("text, want", [
    # kinds within competence are the parts of that total, either way round
    ("Đơn thuộc thẩm quyền 120 đơn, trong đó khiếu nại 80 đơn, tố cáo 40 đơn.",
     [("pet.within_competence", 120, ""), ("pet.competence_complaints", 80, ""),
      ("pet.competence_denunciations", 40, "")]),
    # cases resolved by outcome, the outcome before or after the count
    ("Qua giải quyết khiếu nại, tố cáo: đúng 2 vụ, đúng một phần 4 vụ, sai 9 vụ.",
     [("kntcx.outcome_right", 2, ""), ("kntcx.outcome_partly", 4, ""),
      ("kntcx.outcome_wrong", 9, "")]),
    # complaints only: the outcome codes by kind (issue 18, round 2)
    ("Kết quả giải quyết khiếu nại: 2 vụ việc khiếu nại đúng, 4 vụ việc đúng một phần và 9 vụ "
     "việc sai.",
     [("kntcx.complaints_right", 2, ""), ("kntcx.complaints_partly", 4, ""),
      ("kntcx.complaints_wrong", 9, "")]),
])
def test_issue18_petitions_by_kind_and_outcome(text, want):
    figs, _, _ = _read18(text)
    assert sorted(figs) == sorted(want)


def test_issue18_on_time_cases_are_no_outcome_and_no_files():
    figs, _, _ = _read18("Đã giải quyết đúng hạn 20 vụ việc khiếu nại.")
    assert not any(c.startswith(("kntcx.outcome", "tthc.")) for c, _, _ in figs)


@pytest.mark.parametrize("text", [
    "Các cơ quan hành chính đã tiếp 1.250 lượt người đến khiếu nại, tố cáo, kiến nghị.",
    "Trong kỳ đã tiếp 1.250 lượt người (có 2 đoàn đông người).",
])
def test_issue18_visits_counted_in_lượt_người_are_reception_visits(text):
    figs, _, _ = _read18(text)
    assert ("recep.sessions", 1250, "") in figs


@pytest.mark.parametrize("text, national", [
    ("Trong 6 tháng đầu năm 2024, cả nước đã tiếp 1.500 lượt người.", True),
    ("Cả nước đã tiếp 1.500 lượt người trong 6 tháng đầu năm 2024.", True),
    ("Tỉnh Phú Thọ xếp thứ 6 cả nước, đã tiếp 1.500 lượt người.", False),
    ("So với cả nước, tỉnh Phú Thọ đã tiếp 1.500 lượt người.", False),
])
def test_issue18_a_sentence_opening_on_the_nation(text, national):
    ex = extraction.extract_paragraphs(["Sở Nội vụ tỉnh Phú Thọ", "BÁO CÁO", text], "x.txt",
                                       period="2024")
    assert bool(ex.unclassified) == national and bool(ex.figures) != national
