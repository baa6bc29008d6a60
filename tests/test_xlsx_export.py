"""Appendix tables to Excel: one sheet per numbered table, numbers as numbers, text inert."""

from __future__ import annotations

from openpyxl import load_workbook

from papi_analysis.appendix import xlsxexport
from papi_analysis.batch import indexpage

APPENDIX = """<!DOCTYPE html><html lang="vi"><body><main class="pa-appendix">
<header class="pa-head"><p class="pa-kicker">Phụ lục 1</p><h1>Tình hình giải quyết TTHC</h1>
<p class="pa-sub">Sở Khoa học và Công nghệ · 6 tháng đầu năm 2024</p></header>
<figure class="pa-table" id="table-1-1"><figcaption><span class="pa-num">Bảng 1.1.</span>
Hồ sơ <span class="pa-tag">SO SÁNH MINH HỌA</span></figcaption><div class="pa-scroll"><table>
<thead><tr><th>Chỉ tiêu</th><th class="num">2024-H1</th><th class="num chg">Thay đổi</th>
<th class="num">Tỷ lệ</th></tr></thead><tbody>
<tr><th scope="row">Tổng số (3)</th><td class="num">1.234</td>
<td class="num chg">+30 <span class="pa-pct">(+12,0%)</span></td><td class="num">98,8%</td></tr>
<tr class="ill"><th scope="row">=SUM(A1:A9)</th><td class="num">−22</td>
<td class="num chg">–<sup class="pa-fn">1</sup></td><td class="num">0,5 điểm %</td></tr>
<tr><th scope="row">Đã giải quyết</th><td class="num">5<sup class="pa-fn">1</sup></td>
<td class="num chg"><span class="nr">— không báo cáo</span></td><td class="num">5/63</td></tr>
</tbody></table></div><ol class="pa-fns"><li value="1">Kỳ so sánh bằng 0.</li></ol>
<p class="pa-note">Số in nghiêng: số liệu minh họa.</p>
<p class="pa-src">Nguồn: submissions/skhcn.csv, dòng 5–15.</p></figure>
<figure class="pa-table" id="table-1-2"><figcaption><span class="pa-num">Bảng 1.2.</span>
Khác</figcaption><table><tbody><tr><th>x</th><td class="num">1</td></tr></tbody></table>
</figure></main></body></html>"""


def test_numbers_as_the_appendix_writes_them():
    assert xlsxexport.number_of("1.234,5", "vi") == (1234.5, "#,##0.0")
    assert xlsxexport.number_of("1,234.5", "en") == (1234.5, "#,##0.0")
    assert xlsxexport.number_of("−22", "vi")[0] == -22
    assert xlsxexport.number_of("98,8%", "vi") == (98.8, '#,##0.0"%"')
    assert xlsxexport.number_of("5/63", "vi") == (None, "")
    assert xlsxexport.number_of("— không báo cáo", "vi") == (None, "")
    assert xlsxexport.number_of("2024", "vi") == (2024, "#,##0")


def test_one_sheet_per_table_with_caption_notes_and_source(tmp_path):
    html = tmp_path / "SKHCN.html"
    html.write_text(APPENDIX, encoding="utf-8")
    path = xlsxexport.beside(html, "vi")
    assert path == tmp_path / "SKHCN.xlsx"
    wb = load_workbook(path)
    assert wb.sheetnames == ["Bảng 1.1", "Bảng 1.2"]
    ws = wb["Bảng 1.1"]
    rows = [[c for c in r] for r in ws.iter_rows()]
    values = [[c.value for c in r] for r in rows]
    assert values[0][0] == "Bảng 1.1. Hồ sơ SO SÁNH MINH HỌA" and rows[0][0].font.b
    assert values[1][0] == ("Tình hình giải quyết TTHC — Sở Khoa học và Công nghệ · "
                            "6 tháng đầu năm 2024")
    head = values[3]
    assert head[:5] == ["Chỉ tiêu", "2024-H1", "Thay đổi", "Thay đổi (%)", "Tỷ lệ"]
    first, second, third = rows[4], rows[5], rows[6]
    assert [c.value for c in first[:5]] == ["Tổng số (3)", 1234, 30, 12, 98.8]
    assert first[1].data_type == "n" and first[2].number_format.startswith("+")
    # a formula-looking text stays text, with Excel's quote prefix; illustrative rows in italics
    assert second[0].value == "=SUM(A1:A9)" and second[0].data_type == "s"
    assert second[0].quotePrefix and second[1].font.i and second[1].value == -22
    assert second[2].value == "– [1]"
    assert third[1].value == 5 and "Kỳ so sánh bằng 0" in third[1].comment.text
    assert third[4].value == "5/63" and third[2].value == "— không báo cáo"
    tail = [v[0] for v in values[8:] if v and v[0]]
    assert tail == ["[1] Kỳ so sánh bằng 0.", "Số in nghiêng: số liệu minh họa.",
                    "Nguồn: submissions/skhcn.csv, dòng 5–15."]


def test_the_index_links_the_workbook():
    e = {"notebook": "01_tthc", "appendix": 1, "agency": "SKHCN", "lang": "vi",
         "scope": "agency", "status": "ok", "html": "01_tthc/SKHCN.html",
         "ipynb": "01_tthc/SKHCN.ipynb", "xlsx": "01_tthc/SKHCN.xlsx",
         "built_at": "2024-07-01T06:30:00", "parameters": {}}
    page = indexpage.period_page({"period": "2024-H1", "entries": {"a": e}}, {}, "vi")
    assert 'href="01_tthc/SKHCN.xlsx"' in page
