"""The leader's reading of a period with a clerk's mistake (issue 17), end to end.

Hand-filled forms of three departments and a Word report of a fourth for 2024-H2, beside the
illustrative panel, as in :mod:`scenario`; but Sở Tư pháp's clerk typed (9) = 771 in the total
row where the field rows add up to 717, so its on-time rate computes to 107 %.  One build of
the TTHC appendix, the summary and the data-quality appendix, then read as a leader reads it:
the summary headlines nothing from Sở Tư pháp and no rate above 100 %, the ranking leaves it
unranked with the reason, the chart names it rather than clipping it, comparisons against the
previous period are like for like, and the index counts the errors on the province row.
Marked slow: it starts kernels.
"""

from __future__ import annotations

import re

import htmltables as ht
import pytest
import scenario

from papi_analysis.batch import runner

pytestmark = pytest.mark.slow

FIELDS = {
    "Hộ tịch": {3: 610, 4: 580, 5: 20, 6: 10, 7: 600, 8: 0, 9: 600, 10: 0, 11: 10, 12: 10,
                13: 0},
    "Chứng thực": {3: 120, 4: 100, 5: 15, 6: 5, 7: 118, 8: 0, 9: 117, 10: 1, 11: 2, 12: 2,
                   13: 0},
}
#: (9) typed 771 where the fields add up to 717: 771 / 718 resolved = 107,4 %
TOTAL = {3: 730, 4: 680, 5: 35, 6: 15, 7: 718, 8: 0, 9: 771, 10: 1, 11: 12, 12: 12, 13: 0}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("trust")
    saved = scenario.STP_FIELDS, scenario.STP
    scenario.STP_FIELDS, scenario.STP = FIELDS, TOTAL
    try:
        data = scenario.data_folder(root)
    finally:
        scenario.STP_FIELDS, scenario.STP = saved
    reports = root / "reports"
    result = runner.build(scenario.PERIOD, agencies=["STP"], notebooks=["tthc", "summary",
                                                                        "quality"],
                          data_dir=data, reports_dir=reports, jobs=2, progress=False)
    return result, reports


def page(result, notebook: str, agency: str = "HY") -> str:
    r = next(r for r in result.results if r.notebook.endswith(notebook) and r.agency == agency)
    assert r.status == "ok", r.error
    return r.html.read_text(encoding="utf-8")


def percents(text: str) -> list[float]:
    """The rates shown in ``text`` (not the percent changes, which are in brackets)."""
    return [float(x.replace(".", "").replace(",", "."))
            for x in re.findall(r"(?<![\d.,(])(\d{1,3}(?:\.\d{3})*,\d)%", text)]


def test_the_build_reports_the_error_and_exits_4(built):
    result, _ = built
    assert result.data_errors == 2 and result.exit_code == 4


def test_the_summary_headlines_nothing_that_failed_its_checks(built):
    result, _ = built
    html = page(result, "summary")
    key = ht.table(html, "Bảng 6.1.")
    cells = " ".join(c.text for row in key.rows for c in row)
    assert all(0 <= p <= 100 for p in percents(cells)), cells
    assert "Không tính Sở Tư pháp: số liệu có lỗi" in ht.text(html)
    # every change against the previous period is over the same units, and says so
    assert "so sánh trên" in cells and "đơn vị có số liệu cả hai kỳ" in cells
    attention = ht.table(html, "Bảng 6.2.")
    assert "Sở Tư pháp" not in " ".join(c.text for row in attention.rows for c in row)


def test_the_ranking_leaves_the_unit_with_errors_unranked(built):
    result, _ = built
    html = page(result, "tthc")
    rank = ht.table(html, "Bảng 1.3.")
    head = [c.text for c in rank.rows[0]]
    name, rate = head.index("Đơn vị"), next(i for i, h in enumerate(head) if "đúng hạn" in h)
    rows = {r[name].text: r for r in rank.rows[1:]}
    stp = rows["Sở Tư pháp"]
    assert stp[0].text.startswith("chưa xếp hạng: số liệu có lỗi")
    assert stp[rate].text.startswith("lỗi số liệu")
    assert 'href="../05_data_quality/HY.html"' in html
    ranked = [r for r in rank.rows[1:] if r[0].text.split() and r[0].text.split()[0].isdigit()]
    assert all(0 <= p <= 100 for r in ranked for p in percents(r[rate].text))
    # equal displayed rates share a rank
    by_value: dict[str, set[str]] = {}
    for r in ranked:
        shown = r[rate].text.split()[0]
        by_value.setdefault(shown, set()).add(r[0].text.split()[0])
    assert all(len(ranks) == 1 for ranks in by_value.values()), by_value
    # a real figure against an illustrative one gets no rank arrow
    skhcn = rows["Sở KH&CN"]
    assert "▲" not in skhcn[0].text and "▼" not in skhcn[0].text


def test_the_chart_names_the_unit_instead_of_clipping_it(built):
    result, _ = built
    html = page(result, "tthc")
    alts = re.findall(r'<img[^>]*alt="([^"]*)"', html)
    assert any("Tỷ lệ giải quyết hồ sơ đúng hạn theo đơn vị" in a for a in alts)


def test_the_index_counts_the_errors_on_the_province_row(built):
    _, reports = built
    index = (reports / scenario.PERIOD / "index.html").read_text(encoding="utf-8")
    text = ht.text(index)
    assert "2 lỗi" in text
    assert "Kiểm tra số liệu: không có" not in text


def test_appendix_5_says_which_units_are_only_illustrative(built):
    result, _ = built
    html = page(result, "quality")
    status = ht.table(html, "Bảng 5.1.")
    cells = {r[0].text: r[1].text for r in status.rows[1:]}
    assert cells["Sở Tư pháp"] == "số liệu thật"
    assert cells["Sở Nội vụ"] == "số liệu minh họa"


def test_the_summary_prints_on_one_a4_page(built):
    """The README promises a one-page summary: printed (WeasyPrint, as ``build --pdf``), even
    with the illustrative banner and the error box, it is one A4 page."""
    weasyprint = pytest.importorskip("weasyprint")
    result, _ = built
    r = next(r for r in result.results if r.notebook.endswith("summary"))
    try:
        doc = weasyprint.HTML(filename=str(r.html)).render()
    except OSError as err:  # Pango missing
        pytest.skip(f"WeasyPrint cannot render here: {err}")
    assert len(doc.pages) == 1
