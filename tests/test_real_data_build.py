"""End to end on the data an analyst really has: real forms from three departments and a Word
report from a fourth for 2024-H2, beside the illustrative panel (:mod:`scenario`).

One build, and then the HTML is read as a reader reads it: no illustrative figure in any
table or chart of the four real departments' appendices, their rates from their own figures,
the ranking marking each row, appendix 5 without findings the merge made, the province total
stating its coverage.  Marked slow: it starts kernels (about 20 s).
"""

from __future__ import annotations

import re

import htmltables as ht
import pandas as pd
import pytest
import scenario

from papi_analysis import cli
from papi_analysis.batch import runner
from papi_analysis.errors import DataError

pytestmark = pytest.mark.slow

REAL = ["SKHCN", "SYT", "STP", "STC"]
NOTEBOOKS = ["tthc", "overview", "quality"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("scenario")
    data = scenario.data_folder(root)
    reports = root / "reports"
    result = runner.build(scenario.PERIOD, agencies=REAL, notebooks=NOTEBOOKS, data_dir=data,
                          reports_dir=reports, jobs=2, progress=False)
    return result, data, reports


def html_of(result, notebook: str, agency: str) -> str:
    r = next(r for r in result.results if r.notebook.endswith(notebook) and r.agency == agency)
    assert r.status == "ok", r.error
    return r.html.read_text(encoding="utf-8")


def panel(data) -> pd.DataFrame:
    df = pd.read_csv(data / "illustrative" / "hung_yen_panel_illustrative.csv", dtype=str,
                     keep_default_na=False)
    return df[df["period"] == scenario.PERIOD]


def test_the_build_succeeds_without_data_errors(built):
    result, _, _ = built
    assert {r.status for r in result.results} == {"ok"}
    assert result.exit_code == 0 and result.data_errors == 0


@pytest.mark.parametrize("agency", REAL)
def test_no_illustrative_figure_in_the_real_agencies_appendices(built, agency):
    result, data, _ = built
    for nb in ("tthc", "overview"):
        html = html_of(result, nb, agency)
        assert 'class="pa-banner"' not in html and "SỐ LIỆU MINH HỌA" not in html
        tables, captions = ht.parse(html)
        # every caption of a table or chart with the period's figures: at most the
        # comparison columns are illustrative
        assert not [c for c in captions if c.endswith(" MINH HỌA")
                    and not c.endswith("SO SÁNH MINH HỌA")], captions
        for t in tables:
            if not t.rows or "6 tháng cuối năm 2024" not in [c.text for c in t.rows[0]]:
                continue
            col = [c.text for c in t.rows[0]].index("6 tháng cuối năm 2024")
            for r in t.rows[1:]:
                if len(r) > col:
                    assert "ill" not in r[col].classes, (nb, t.caption, r[0].text, r[col].text)


def test_the_panel_does_not_top_up_the_real_forms(built):
    result, data, _ = built
    rows = panel(data)
    # STC's Word report states 148 files, all resolved early or on time; the panel's split
    # of (8) and (9) for STC must not appear
    stc = ht.table(html_of(result, "tthc", "STC"), "Bảng 1.1.")
    assert stc.row("Số hồ sơ nhận giải quyết - Tổng số (3)")[2].text == "148"
    for label in ("Đã giải quyết - Trước hạn (8)", "Đã giải quyết - Đúng hạn (9)",
                  "Tiếp nhận trong kỳ - Trực tuyến (4)"):
        assert stc.row(label)[2].text == "— không báo cáo", label
    # SYT sent its total only: every other row is "not reported", never a panel figure
    syt = ht.table(html_of(result, "tthc", "SYT"), "Bảng 1.1.")
    assert syt.row("Số hồ sơ nhận giải quyết - Tổng số (3)")[2].text == "1.870"
    syt_panel = rows[(rows["agency"] == "SYT")]
    assert len(syt_panel) > 5  # the panel does hold SYT 2024-H2 figures ...
    for r in syt.rows[2:]:
        assert r[2].text in ("— không báo cáo", "— không tính"), (r[0].text, r[2].text)
    # STP's breakdown by field comes from its form
    stp = ht.table(html_of(result, "tthc", "STP"), "Bảng 1.3.")
    assert [r[0].text for r in stp.rows[1:]] == list(scenario.STP_FIELDS)


def test_rates_come_from_the_agencies_own_figures(built):
    result, _, _ = built
    skhcn = ht.table(html_of(result, "tthc", "SKHCN"), "Bảng 1.1.")
    # (8) + (9) = 200 + 94 of 294 resolved; online 290 of 290 + 4 received
    assert skhcn.row("Tỷ lệ giải quyết trước hạn và đúng hạn")[2].text == "100,0%"
    assert skhcn.row("Tiếp nhận trong kỳ (4)+(5)")[2].text == "294"
    assert skhcn.row("Tỷ lệ tiếp nhận trực tuyến (hồ sơ tiếp nhận trong kỳ)")[2].text == "98,6%"
    # the form states no rate: the stated-rate rows say so instead of showing the panel's
    assert skhcn.row("Tỷ lệ giải quyết trước hạn và đúng hạn (theo báo cáo)")[2].text == \
        "— không báo cáo"
    stc = ht.table(html_of(result, "tthc", "STC"), "Bảng 1.1.")
    assert stc.row("Tỷ lệ giải quyết trước hạn và đúng hạn")[2].text == "100,0%"
    # no online figure in the report: the share is not computed, never 102,9%
    assert stc.row("Tỷ lệ tiếp nhận trực tuyến (hồ sơ tiếp nhận trong kỳ)")[2].text == \
        "— không tính"
    stp = ht.table(html_of(result, "tthc", "STP"), "Bảng 1.3.")
    head = [c.text for c in stp.rows[0]]
    rates = [i for i, h in enumerate(head) if h.endswith("(%)")]
    assert len(rates) == 2
    shares = {}
    for r in stp.rows[1:]:  # rates by field from the field rows: 395/400 on time, 380/400 …
        shares[r[0].text] = [r[i].text.split()[0] for i in rates]
    assert shares == {"Hộ tịch": ["98,8%", "95,0%"], "Chứng thực": ["100,0%", "87,0%"]}


def test_the_ranking_uses_real_figures_and_marks_every_row(built):
    result, _, _ = built
    rank = ht.table(html_of(result, "tthc", "HY"), "Bảng 1.3.")
    head = [c.text for c in rank.rows[0]]
    src, name = head.index("Số liệu"), head.index("Đơn vị")
    marks = {r[name].text: r[src].text for r in rank.rows[1:]}
    assert len(marks) == 18
    assert {marks[n] for n in ("Sở KH&CN", "Sở Y tế", "Sở Tư pháp", "Sở Tài chính")} == {"thật"}
    assert set(marks.values()) == {"thật", "minh họa"}
    stc = next(r for r in rank.rows[1:] if r[name].text == "Sở Tài chính")
    assert stc[0].text.split()[0] == "1"  # 148/148 on time: first, not 18th of 18


def test_the_province_states_its_coverage(built):
    result, _, _ = built
    html = html_of(result, "tthc", "HY")
    page = ht.text(html)
    assert ("Toàn tỉnh, 6 tháng cuối năm 2024: số liệu của 18/18 đơn vị (4 đơn vị số thật, "
            "14 đơn vị số minh họa)") in page
    _, captions = ht.parse(html)
    assert all("(số liệu của 18/18 đơn vị)" in c for c in captions if c.startswith("Bảng 1.1"))
    assert any(c.startswith("Hình") and "số liệu của" in c for c in captions)
    assert "số liệu của 18/18 đơn vị" in ht.text(html_of(result, "overview", "HY"))


def test_appendix_5_shows_no_finding_the_merge_made(built):
    result, _, _ = built
    html = html_of(result, "quality", "HY")
    page = ht.text(html)
    assert "Không có lỗi hay cảnh báo nào cho kỳ này." in page, page[:3000]
    status = ht.table(html, "Bảng 5.1.")
    head = [c.text for c in status.rows[0]]
    kind = head.index("Loại nguồn")
    kinds = {r[0].text: r[kind].text for r in status.rows[1:]}
    assert kinds["Sở Tài chính"] == "báo cáo văn bản (.docx, .txt, .md)"
    assert kinds["Sở Y tế"] == "biểu mẫu (.xlsx)"
    assert "minh họa" in kinds["Sở Nội vụ"]
    assert "stc_bao_cao_2024-H2.docx" in page  # its review page is linked
    assert re.search(r'href="\.\./review/stc_bao_cao_2024-H2\.html"', html)


def test_the_prose_report_reached_the_appendices_with_its_sentence(built):
    result, _, reports = built
    html = html_of(result, "tthc", "STC")
    assert "stc_bao_cao_2024-H2.docx" in html  # named as the source
    review = reports / scenario.PERIOD / "review" / "stc_bao_cao_2024-H2.html"
    assert review.is_file() and "148" in review.read_text(encoding="utf-8")


def test_without_the_panel_the_period_is_partial(tmp_path):
    data = scenario.data_folder(tmp_path)
    (data / "papi-analysis.toml").write_text("illustrative = false\n", encoding="utf-8")
    result = runner.build(scenario.PERIOD, agencies=["SKHCN"], notebooks=["tthc"],
                          data_dir=data, reports_dir=tmp_path / "reports", jobs=1,
                          progress=False)
    assert result.exit_code == 0
    html = next(r for r in result.results if r.agency == "HY").html.read_text(encoding="utf-8")
    page = ht.text(html)
    assert "SỐ LIỆU CHƯA ĐỦ — chưa có số liệu của 14/18 đơn vị" in page
    assert "số liệu của 4/18 đơn vị (4 đơn vị số thật, 0 đơn vị số minh họa)" in page
    assert "MINH HỌA" not in html  # nothing illustrative anywhere, not even a comparison


def test_build_with_a_data_error_prints_it_boxes_it_and_exits_4(tmp_path, capsys):
    data = scenario.data_folder(tmp_path, prose=False)
    bad = {**scenario.SKHCN, 8: 150}  # (7) 294 ≠ (8) 150 + (9) 94 + (10) 0
    scenario.form_workbook(data / "submissions", "skhcn_2024-H2.xlsx", bad, agency="SKHCN",
                           period=scenario.PERIOD)
    args = ["build", "--period", scenario.PERIOD, "--agency", "SKHCN", "--notebooks", "tthc",
            "--data", str(data), "--reports", str(tmp_path / "reports"), "--jobs", "1",
            "--no-progress"]
    assert cli.main(args + ["--strict"]) == DataError.exit_code == 4
    out = capsys.readouterr()
    assert "SKHCN: 1 lỗi" in out.out and "tthc.resolved_split" in out.out
    assert "--strict" in out.err and not (tmp_path / "reports" / scenario.PERIOD).exists()
    assert cli.main(args) == 4  # built, with the error said
    out = capsys.readouterr().out
    assert "SKHCN: 1 lỗi" in out and "mã 4" in out
    html = (tmp_path / "reports" / scenario.PERIOD / "01_tthc" / "SKHCN.html").read_text(
        encoding="utf-8")
    box = re.search(r'<div class="pa-errors".*?</div>', html, re.S).group(0)
    assert "SỐ LIỆU CÓ LỖI: 1 lỗi" in box and "skhcn_2024-H2.xlsx" in box
    assert 'href="../05_data_quality/HY.html"' in box


def test_a_correction_wins_over_the_extracted_figure(tmp_path):
    data = scenario.data_folder(tmp_path)
    (data / "submissions" / "corrections.csv").write_text(
        "file,indicator,field,value,note\n"
        "stc_bao_cao_2024-H2.docx,tthc.received_online,,140,"
        "Sở Tài chính xác nhận qua điện thoại: 140 hồ sơ trực tuyến\n", encoding="utf-8")
    result = runner.build(scenario.PERIOD, agencies=["STC"], notebooks=["tthc"],
                          data_dir=data, reports_dir=tmp_path / "reports", jobs=1,
                          progress=False)
    html = next(r for r in result.results if r.agency == "STC").html.read_text(encoding="utf-8")
    t = ht.table(html, "Bảng 1.1.")
    assert t.row("Tiếp nhận trong kỳ - Trực tuyến (4)")[2].text == "140"
    assert "Sở Tài chính xác nhận qua điện thoại" in html  # the correction is the source
