"""Appendix tables to Excel: a notes sheet with the banner and the error box, one sheet per
numbered table, numbers as numbers (changes too, with their unit in the header), text inert."""

from __future__ import annotations

import re

import pytest
from openpyxl import load_workbook

from papi_analysis.appendix import xlsxexport
from papi_analysis.batch import indexpage

APPENDIX = """<!DOCTYPE html><html lang="vi"><body><main class="pa-appendix">
<header class="pa-head"><p class="pa-kicker">Phụ lục 1</p><h1>Tình hình giải quyết TTHC</h1>
<p class="pa-sub">Sở Khoa học và Công nghệ · 6 tháng đầu năm 2024</p></header>
<figure class="pa-table" id="table-1-1"><figcaption><span class="pa-num">Bảng 1.1.</span>
Hồ sơ <span class="pa-tag">SO SÁNH MINH HỌA</span></figcaption><div class="pa-scroll"><table>
<thead><tr><th>Chỉ tiêu</th><th class="num">2024-H1</th><th class="num chg">Thay đổi</th>
<th class="num">Tỷ lệ</th><th>Khác</th></tr></thead><tbody>
<tr><th scope="row">Tổng số (3)</th><td class="num">1.234</td>
<td class="num chg">+30 <span class="pa-pct">(+12,0%)</span></td><td class="num">98,8%</td>
<td class="num">7</td></tr>
<tr class="ill"><th scope="row">=SUM(A1:A9)</th><td class="num">−22</td>
<td class="num chg">0 <span class="pa-pct">(–<sup class="pa-fn">1</sup>)</span></td>
<td class="num">0,5 điểm %</td><td>–</td></tr>
<tr><th scope="row">Đã giải quyết</th><td class="num">5<sup class="pa-fn">1</sup></td>
<td class="num chg"><span class="nr">— không báo cáo</span></td><td class="num">5/63</td>
<td>x</td></tr>
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
    assert xlsxexport.number_of("+2,9 điểm %", "vi")[0] == 2.9
    assert xlsxexport.number_of("−0.4 pp", "en")[0] == -0.4


def test_changes_as_the_appendix_writes_them():
    assert xlsxexport.change_of("(+12,0%)", "vi") == ("pct", 12.0, '+0.0"%";-0.0"%";0.0"%"')
    assert xlsxexport.change_of("+2,9 điểm %", "vi") == ("pp", 2.9, "+0.0;-0.0;0.0")
    assert xlsxexport.change_of("−0.4 pp", "en")[:2] == ("pp", -0.4)
    assert xlsxexport.change_of("▲7", "vi")[:2] == ("rank", 7)
    assert xlsxexport.change_of("▼16", "vi")[:2] == ("rank", -16)
    assert xlsxexport.change_of("●", "vi")[:2] == ("rank", 0)
    assert xlsxexport.change_of("–", "vi") == ("text", None, "")


def test_one_sheet_per_table_with_caption_notes_and_source(tmp_path):
    html = tmp_path / "SKHCN.html"
    html.write_text(APPENDIX, encoding="utf-8")
    path = xlsxexport.beside(html, "vi")
    assert path == tmp_path / "SKHCN.xlsx"
    wb = load_workbook(path)
    assert wb.sheetnames == ["Ghi chú", "Bảng 1.1", "Bảng 1.2"]
    ws = wb["Bảng 1.1"]  # no banner, no error box: the caption is the first row
    rows = [[c for c in r] for r in ws.iter_rows()]
    values = [[c.value for c in r] for r in rows]
    assert values[0][0] == "Bảng 1.1. Hồ sơ SO SÁNH MINH HỌA" and rows[0][0].font.b
    assert values[1][0] == ("Tình hình giải quyết TTHC — Sở Khoa học và Công nghệ · "
                            "6 tháng đầu năm 2024")
    head = values[3]
    assert head[:7] == ["Chỉ tiêu", "2024-H1", "Thay đổi", "Thay đổi (%)", "Tỷ lệ",
                        "Tỷ lệ: thay đổi (điểm %)", "Khác"]
    first, second, third = rows[4], rows[5], rows[6]
    assert [c.value for c in first[:7]] == ["Tổng số (3)", 1234, 30, 12, 98.8, None, 7]
    assert first[1].data_type == "n" and first[2].number_format.startswith("+")
    # a formula-looking text stays text, with Excel's quote prefix; illustrative rows in italics
    assert second[0].value == "=SUM(A1:A9)" and second[0].data_type == "s"
    assert second[0].quotePrefix and second[1].font.i and second[1].value == -22
    # a change that is not a number ("–" with its footnote) stays as the appendix shows it
    assert second[2].value == 0 and second[3].value == "– [1]"
    # a change in points has the "(điểm %)" column of its change column, as a number
    assert second[4].value is None and second[5].value == 0.5 and second[5].data_type == "n"
    assert second[5].font.i and second[6].value == "–"
    assert third[1].value == 5 and "Kỳ so sánh bằng 0" in third[1].comment.text
    assert third[4].value == "5/63" and third[2].value == "— không báo cáo"
    assert third[6].value == "x"
    tail = [v[0] for v in values[7:] if v and v[0]]
    assert tail == ["[1] Kỳ so sánh bằng 0.", "Số in nghiêng: số liệu minh họa.",
                    "Nguồn: submissions/skhcn.csv, dòng 5–15."]


def test_the_index_links_the_workbook():
    e = {"notebook": "01_tthc", "appendix": 1, "agency": "SKHCN", "lang": "vi",
         "scope": "agency", "status": "ok", "html": "01_tthc/SKHCN.html",
         "ipynb": "01_tthc/SKHCN.ipynb", "xlsx": "01_tthc/SKHCN.xlsx",
         "built_at": "2024-07-01T06:30:00", "parameters": {}}
    page = indexpage.period_page({"period": "2024-H1", "entries": {"a": e}}, {}, "vi")
    assert 'href="01_tthc/SKHCN.xlsx"' in page


#: The top of a province appendix and its ranking, as the appendix writes them (2024-H2 with a
#: clerk's mistake in one form): the banner, the coverage line, the error box, the provenance,
#: and a ranking whose real rows compare with an illustrative period (changes in ``<i>``).
RANKED = """<!DOCTYPE html><html lang="vi"><body>
<div aria-hidden="true" class="pa-printmark">SỐ LIỆU MINH HỌA — không phải số liệu thật</div>
<main class="pa-appendix"><section class="pa-cell"><header class="pa-head">
<p class="pa-kicker">Phụ lục 1</p><h1>Tình hình giải quyết thủ tục hành chính</h1>
<p class="pa-sub">Tỉnh Hưng Yên (toàn tỉnh) · 6 tháng cuối năm 2024</p></header>
<div class="pa-banner" role="note" style="border:3px solid #b00020"><strong>SỐ LIỆU MINH HỌA —
không phải số liệu thật</strong><br/>Số minh họa do máy tạo ra (in nghiêng trong bảng): Sở
Công Thương.</div>
<p class="pa-coverage">Toàn tỉnh, 6 tháng cuối năm 2024: số liệu của 18/18 đơn vị.</p>
<div class="pa-errors" role="alert"><strong>SỐ LIỆU CÓ LỖI: 1 lỗi trong số liệu của kỳ
này</strong><ul><li><strong>Sở KH&amp;CN</strong>: (7) = (8) + (9) + (10): 294 ≠ 244
<span class="pa-where">(skhcn_2024-H2.xlsx › TTHC › dòng/row 12)</span></li></ul><p>Các số
liên quan có thể sai. Xem chi tiết ở <a href="../05_data_quality/HY.html">Phụ lục 5</a>.</p>
</div>
<aside class="pa-prov"><p class="pa-prov-title">Nguồn gốc phụ lục</p><dl><dt>Kỳ báo cáo</dt>
<dd>6 tháng cuối năm 2024</dd><dt>Dấu vân tay số liệu</dt><dd><code>e5b4e81f2b04</code></dd>
</dl></aside></section>
<section class="pa-cell"><figure class="pa-table" id="table-1-3"><figcaption>
<span class="pa-num">Bảng 1.3.</span> Kết quả theo đơn vị</figcaption><div class="pa-scroll">
<table><thead><tr><th class="num" scope="col">Hạng</th><th scope="col">Đơn vị</th>
<th class="num" scope="col">Tổng số (3)</th><th class="num" scope="col">Tỷ lệ đúng hạn (%)</th>
</tr></thead><tbody>
<tr class="ill"><td class="num">1<br/><span class="pa-pct">▲7</span></td>
<td class="nm">Sở Công Thương</td><td class="num">945<br/><span class="pa-pct">−14,6%</span></td>
<td class="num">100,0%<br/><span class="pa-pct">+0,4 điểm %</span></td></tr>
<tr><td class="num">14<br/><i class="pa-pct">▲1</i></td><td class="nm">Sở Tư pháp</td>
<td class="num">530<br/><i class="pa-pct">−91,3%</i></td>
<td class="num">99,0%<br/><i class="pa-pct">−0,1 điểm %</i></td></tr>
<tr><td class="num">17<br/><span class="pa-pct">▼16</span></td><td class="nm">Sở KH&amp;CN</td>
<td class="num">294<br/><span class="pa-pct">+4,6%</span></td>
<td class="num">83,0%<br/><span class="pa-pct">−17,0 điểm %</span></td></tr>
<tr><td class="num">–</td><td class="nm">Sở Y tế</td>
<td class="num">1.870<br/><i class="pa-pct">+1,9%</i></td><td class="num">–</td></tr>
</tbody></table></div><p class="pa-note">Dòng in nghiêng: số liệu minh họa.</p></figure>
</section></main></body></html>"""


def _sheet(path, name):
    wb = load_workbook(path)
    return wb, [list(r) for r in wb[name].iter_rows()]


def test_the_banner_and_the_error_box_come_first(tmp_path):
    html = tmp_path / "HY.html"
    html.write_text(RANKED, encoding="utf-8")
    wb, notes = _sheet(xlsxexport.beside(html, "vi"), "Ghi chú")
    assert wb.sheetnames == ["Ghi chú", "Bảng 1.3"]  # the notes sheet opens the workbook
    lines = [r[0].value for r in notes if r and r[0].value]
    assert lines[0] == ("Tình hình giải quyết thủ tục hành chính — Tỉnh Hưng Yên (toàn tỉnh) · "
                        "6 tháng cuối năm 2024")
    assert lines[1:8] == [
        "SỐ LIỆU MINH HỌA — không phải số liệu thật",
        "Số minh họa do máy tạo ra (in nghiêng trong bảng): Sở Công Thương.",
        "Toàn tỉnh, 6 tháng cuối năm 2024: số liệu của 18/18 đơn vị.",
        "SỐ LIỆU CÓ LỖI: 1 lỗi trong số liệu của kỳ này",
        "Sở KH&CN: (7) = (8) + (9) + (10): 294 ≠ 244 (skhcn_2024-H2.xlsx › TTHC › dòng/row 12)",
        "Các số liên quan có thể sai. Xem chi tiết ở Phụ lục 5.",
        "Nguồn gốc phụ lục"]
    assert "Dấu vân tay số liệu: e5b4e81f2b04" in lines and "Bảng 1.3. Kết quả theo đơn vị" \
        in lines
    title = next(r[0] for r in notes if r and r[0].value and r[0].value.startswith("SỐ LIỆU CÓ"))
    assert title.font.b and title.font.color.rgb.endswith("B00020")
    # every table's sheet opens with the warnings, in red, before its caption
    _, rows = _sheet(tmp_path / "HY.xlsx", "Bảng 1.3")
    top = [r[0].value for r in rows[:5]]
    assert top == ["SỐ LIỆU MINH HỌA — không phải số liệu thật — chi tiết: trang “Ghi chú”",
                   "SỐ LIỆU CÓ LỖI: 1 lỗi trong số liệu của kỳ này — chi tiết: trang “Ghi chú”",
                   "• Sở KH&CN: (7) = (8) + (9) + (10): 294 ≠ 244 (skhcn_2024-H2.xlsx › TTHC › "
                   "dòng/row 12)", None, "Bảng 1.3. Kết quả theo đơn vị"]
    assert rows[0][0].font.color.rgb.endswith("B00020")


def test_the_ranking_keeps_every_rows_changes_as_numbers(tmp_path):
    html = tmp_path / "HY.html"
    html.write_text(RANKED, encoding="utf-8")
    _, rows = _sheet(xlsxexport.beside(html, "vi"), "Bảng 1.3")
    values = [[c.value for c in r] for r in rows]
    at = values.index(next(v for v in values if v and v[0] == "Hạng"))
    assert values[at] == ["Hạng", "Hạng: thay đổi (bậc)", "Đơn vị", "Tổng số (3)",
                          "Tổng số (3): thay đổi (%)", "Tỷ lệ đúng hạn (%)",
                          "Tỷ lệ đúng hạn (%): thay đổi (điểm %)"]
    body = rows[at + 1: at + 5]
    assert [[c.value for c in r] for r in body] == [
        [1, 7, "Sở Công Thương", 945, -14.6, 100, 0.4],
        [14, 1, "Sở Tư pháp", 530, -91.3, 99, -0.1],   # a real row: its changes kept
        [17, -16, "Sở KH&CN", 294, 4.6, 83, -17],
        ["–", None, "Sở Y tế", 1870, 1.9, "–", None]]
    for r in body:
        for c in (r[1], r[4], r[6]):
            assert c.value is None or c.data_type == "n"
    assert body[0][1].number_format == '"▲"0;"▼"0;"●"'
    assert body[2][6].number_format == "+0.0;-0.0;0.0"  # the unit is in the header
    # italics as in the appendix: the illustrative row, and a real row's changes against an
    # illustrative period; the real row's own figures are upright
    assert all(c.font.i for c in body[0] if c.value is not None)
    assert body[1][1].font.i and body[1][4].font.i and body[1][6].font.i
    assert not body[1][0].font.i and not body[1][3].font.i and not body[2][4].font.i


def test_english_changes_in_points(tmp_path):
    page = RANKED.replace("điểm %", "pp").replace("100,0%", "100.0%").replace(
        "99,0%", "99.0%").replace("83,0%", "83.0%").replace("+0,4", "+0.4").replace(
        "−0,1", "−0.1").replace("−17,0", "−17.0").replace("−14,6", "−14.6").replace(
        "−91,3", "−91.3").replace("+4,6", "+4.6").replace("+1,9", "+1.9").replace(
        "1.870", "1,870")
    html = tmp_path / "HY.en.html"
    html.write_text(page, encoding="utf-8")
    wb = load_workbook(xlsxexport.beside(html, "en"))
    assert wb.sheetnames[0] == "Notes"
    rows = [[c.value for c in r] for r in wb["Bảng 1.3"].iter_rows()]
    head = next(v for v in rows if v and v[0] == "Hạng")
    assert head[-1] == "Tỷ lệ đúng hạn (%): change (pp)" and head[1] == "Hạng: change (places)"
    assert rows[rows.index(head) + 3][-1] == -17 and rows[rows.index(head) + 4][3] == 1870


#: The key figures of the overview and the summary: each comparison is a movement (arrow,
#: words, the compared value), as the appendix writes them.
MOVES = """<main class="pa-appendix"><header class="pa-head"><h1>Tổng quan</h1></header>
<figure class="pa-table"><figcaption><span class="pa-num">Bảng 4.1.</span> Số liệu chính
</figcaption><table><thead><tr><th scope="col">Chỉ tiêu</th><th class="num">6 tháng cuối năm
2024</th><th scope="col">So với 6 tháng đầu năm 2024 (kỳ trước)</th></tr></thead><tbody>
<tr><th scope="row">Số hồ sơ (3)</th><td class="num ill">30.821</td><td class="ill"><span
class="pa-dir pa-down">▼</span> giảm 4.212 (12,0%) <span class="pa-base">(kỳ đó: 35.033)</span>
</td></tr>
<tr><th scope="row">Tỷ lệ đúng hạn<sup class="pa-fn">1</sup></th><td class="num">99,6%</td>
<td><span class="pa-dir pa-up">▲</span> tăng 0,1 điểm % <span class="pa-base">(kỳ đó: 99,5%)
</span></td></tr>
<tr><th scope="row">Vụ án tham nhũng</th><td class="num">0</td><td><span class="pa-dir pa-flat">●
</span> không đổi <span class="pa-base">(kỳ đó: 0)</span></td></tr>
<tr><th scope="row">Đơn thư</th><td class="num">5</td><td><span class="pa-dir pa-up">▲</span>
tăng 5 (kỳ so sánh bằng 0) <span class="pa-base">(kỳ đó: 0)</span></td></tr>
<tr><th scope="row">Thứ hạng PAPI</th><td class="num">19/61</td><td><span class="pa-dir
pa-down">▼</span> xuống 7 bậc <span class="pa-base">(năm đó: 12/61)</span></td></tr>
<tr><th scope="row">Khiếu nại</th><td class="num">72</td><td>không so sánh được<sup
class="pa-fn">2</sup></td></tr>
</tbody></table><ol class="pa-fns"><li>Cách tính.</li><li>Khác cách đếm.</li></ol></figure>
</main>"""


def test_movements_become_numbers_with_their_units(tmp_path):
    html = tmp_path / "HY.html"
    html.write_text(MOVES, encoding="utf-8")
    wb = load_workbook(xlsxexport.beside(html, "vi"))
    rows = [list(r) for r in wb["Bảng 4.1"].iter_rows()]
    at = next(i for i, r in enumerate(rows) if r[0].value == "Chỉ tiêu")
    what = "So với 6 tháng đầu năm 2024 (kỳ trước)"
    assert [c.value for c in rows[at]] == [
        "Chỉ tiêu", "6 tháng cuối năm 2024", f"{what}: thay đổi", f"{what}: thay đổi (%)",
        f"{what}: thay đổi (điểm %)", f"{what}: thay đổi (bậc)", f"{what}: giá trị kỳ so sánh"]
    body = [[c.value for c in r] for r in rows[at + 1: at + 7]]
    assert body == [
        ["Số hồ sơ (3)", 30821, -4212, -12, None, None, 35033],
        ["Tỷ lệ đúng hạn [1]", 99.6, None, None, 0.1, None, 99.5],
        ["Vụ án tham nhũng", 0, 0, None, None, None, 0],  # no percent change from zero
        ["Đơn thư", 5, 5, "kỳ so sánh bằng 0", None, None, 0],
        ["Thứ hạng PAPI", "19/61", None, None, None, -7, "12/61"],
        ["Khiếu nại", 72, "không so sánh được [2]", None, None, None, None]]
    first = rows[at + 1]
    assert first[2].data_type == "n" and first[2].number_format == "+#,##0;-#,##0;#,##0"
    assert first[2].font.i and first[3].font.i and first[6].font.i  # illustrative
    assert rows[at + 2][4].number_format == "+0.0;-0.0;0.0" and not rows[at + 2][4].font.i


# -- on a real build --------------------------------------------------------------------------
_NUMERIC = re.compile(r"^[+\-−]?\d[\d.,]*(%| điểm %)?$|^[▲▼]\d+$|^●$")


def _html_rows(html: str) -> list[tuple[str, int]]:
    """``(first cell, how many numbers it shows)`` for every body row of every numbered
    table of an appendix, read with regular expressions (not with the exporter's parser): a
    number is a cell's own text, or a change shown with it (``pa-pct``), or a movement's parts."""
    out = []
    for fig in re.findall(r'<figure class="pa-table.*?</figure>', html, re.S):
        body = fig.split("<tbody>", 1)[-1]
        for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S):
            cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S)
            n = 0
            for c in cells:
                c = re.sub(r'<sup class="pa-fn">.*?</sup>', "", c)
                parts = re.findall(r'class="pa-pct">(.*?)</', c)
                main = re.sub(r'<(span|i) class="pa-pct">.*?</(span|i)>', "", c)
                if 'class="pa-dir' in c:  # ▲ tăng 5 (12,0%) (kỳ đó: 40): 3 numbers
                    said = re.sub(r"\d+/\d+", "", re.sub(r"<[^>]+>", "", c))  # 12/61: a text
                    n += len(re.findall(r"\d[\d.,]*", said))
                    continue
                texts = [re.sub(r"<[^>]+>", "", main).strip()] + [p.strip("()") for p in parts]
                n += sum(bool(_NUMERIC.match(t.replace("\u2009", ""))) for t in texts)
            first = re.sub(r"<[^>]+>", "", cells[0]).strip() if cells else ""
            out.append((first, n))
    return out


@pytest.mark.slow
def test_a_real_build_with_a_clerks_mistake(tmp_path):
    """The issue's scenario: real forms for 2024-H2, one with a mistake.  Every workbook
    opens with the error box, and every number an appendix table shows (values, changes,
    rank moves, movements) is a number in its workbook, in every row."""
    import scenario

    from papi_analysis.batch import runner

    data = scenario.data_folder(tmp_path, prose=False)
    bad = {**scenario.SKHCN, 8: 150}  # (7) 294 ≠ (8) 150 + (9) 94 + (10) 0
    scenario.form_workbook(data / "submissions", "skhcn_2024-H2.xlsx", bad, agency="SKHCN",
                           period=scenario.PERIOD)
    result = runner.build(scenario.PERIOD, agencies=["SKHCN"], notebooks=["tthc", "overview"],
                          data_dir=data, reports_dir=tmp_path / "reports", jobs=2,
                          progress=False)
    assert result.exit_code == 4 and {r.status for r in result.results} == {"ok"}
    for r in result.results:
        html = r.html.read_text(encoding="utf-8")
        wb = load_workbook(r.html.with_suffix(".xlsx"))
        assert wb.sheetnames[0] == "Ghi chú"
        notes = [c.value for row in wb["Ghi chú"].iter_rows() for c in row if c.value]
        assert any(str(v).startswith("SỐ LIỆU CÓ LỖI: 1 lỗi") for v in notes), notes
        assert any("skhcn_2024-H2.xlsx" in str(v) for v in notes)
        expected = _html_rows(html)
        got = []
        for ws in wb.worksheets[1:]:
            rows = [list(x) for x in ws.iter_rows()]
            cap = next(i for i, x in enumerate(rows) if str(x[0].value).startswith("Bảng "))
            alert = next(x[0] for x in rows[:cap]
                         if str(x[0].value).startswith("SỐ LIỆU CÓ LỖI: 1 lỗi"))
            assert alert.font.b and alert.font.color.rgb.endswith("B00020")
            body = rows[cap + 4:]  # the caption, the heading, a blank row, the header
            body = body[: next((i for i, x in enumerate(body)
                                if all(c.value is None for c in x)), len(body))]
            for x in body:
                got.append((str(x[0].value or "").split(" [")[0],
                            sum(c.data_type == "n" and c.value is not None for c in x)))
        # nothing dropped (an unchanged movement adds its implied 0, hence at least)
        assert len(got) == len(expected) and all(
            g[1] >= e[1] for g, e in zip(got, expected, strict=True)), (r.html, got, expected)
        assert sum(e[1] for e in expected) > 0
    # the index: the province row counts the period's error
    page = (result.reports_dir / scenario.PERIOD / "index.html").read_text(encoding="utf-8")
    province = re.findall(r"<tr>.*?</tr>", page.split("<tbody>")[1])[0]
    assert "1 lỗi, 0 cảnh báo" in province and "không có" not in province


def test_a_workbook_that_cannot_be_made_is_said_and_does_not_stop_the_build(tmp_path, caplog,
                                                                            monkeypatch):
    html = tmp_path / "HY.html"
    html.write_text(RANKED, encoding="utf-8")

    def broken(*args, **kwargs):
        raise TypeError("boom")

    assert xlsxexport.beside(html, "vi") == tmp_path / "HY.xlsx"  # an earlier build's
    monkeypatch.setattr(xlsxexport, "_tables", broken)
    # not made: the earlier build's workbook goes too (its figures may not be the new HTML's)
    assert xlsxexport.beside(html, "vi") is None and not (tmp_path / "HY.xlsx").exists()
    assert caplog.messages == [f"Không ghi được {tmp_path / 'HY.xlsx'}: TypeError: boom"]


def test_a_change_on_common_units_keeps_its_parts_as_numbers():
    """A change computed on the units both periods have (issue 17): its words carry the number
    of units and their two values; in the workbook they are numbers of their own columns."""
    html = ('<figure class="pa-table" id="table-6-1"><figcaption><span class="pa-num">Bảng 6.1.'
            '</span> Số liệu chính</figcaption><table><thead><tr><th>Chỉ tiêu</th>'
            '<th class=num>Kỳ này</th><th>So với kỳ trước</th></tr></thead><tbody><tr>'
            '<th scope=row>Số hồ sơ</th><td class="num">30.300</td><td>'
            '<span class="pa-dir pa-up">▲</span> tăng 1.281 (4,7%) '
            '<span class="pa-base">(kỳ đó: 27.001)</span><br><span class="pa-common">so sánh '
            'trên 15 đơn vị có số liệu cả hai kỳ (28.282 so với 27.001)</span></td></tr>'
            '</tbody></table></figure>')
    tables = xlsxexport.read(html, "vi").tables
    (row,) = tables[0].rows
    moved = row[2]
    assert moved.number == 1281
    parts = {c.kind: c.value for c in moved.changes}
    assert parts == {"pct": 4.7, "base": 27001, "common_n": 15, "common_now": 28282,
                     "common_then": 27001}
