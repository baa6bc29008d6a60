"""The HTML the package writes outside the notebooks' own template renders from Jinja2
templates (``papi_analysis/templates/index/``, ``tables/``, ``parts/``, ``explore/``,
``review/``) with autoescaping on: a value from a file (an agency's or a file's name, a
header, a note, an error message) comes out as text."""

from __future__ import annotations

import pandas as pd
import pytest

from papi_analysis import fingerprint
from papi_analysis import templating as root_templating
from papi_analysis.appendix import header, report, tables, templating
from papi_analysis.batch import rendering
from papi_analysis.intake import corrections
from papi_analysis.model import schema
from papi_analysis.prose import review

HOSTILE = "<script>alert('x & \"y\"')</script>"
ESCAPED = "&lt;script&gt;alert(&#x27;x &amp; &quot;y&quot;&#x27;)&lt;/script&gt;"


@pytest.mark.parametrize("folder", ["index", "tables", "explore", "parts"])
def test_every_template_compiles_with_autoescaping(folder):
    env = templating.environment()
    assert env.autoescape is True
    names = sorted(p.name for p in (templating.TEMPLATES_DIR / folder).glob("*.j2"))
    assert names
    for name in names:
        env.get_template(f"{folder}/{name}")  # a syntax error would raise here


def test_the_escaping_is_the_packages_own():
    """The same entities as tables.esc (html.escape), so the pages did not change."""
    assert str(templating.escape(HOSTILE)) == tables.esc(HOSTILE) == ESCAPED
    assert str(templating.escape(templating.trusted("<b>x</b>"))) == "<b>x</b>"


def test_a_table_of_hostile_text_comes_out_escaped():
    df = pd.DataFrame({"name": [HOSTILE, "O'Neil & Co"], "n": [1234, None],
                       "illustrative": [False, True]})
    fns = tables.Notes()

    def after(r, c):
        return fns.mark(HOSTILE) if c.key == "n" else ""

    grid = tables.table_grid(df, [("name", HOSTILE, "text"), ("n", "Số <n>", "count")], "vi",
                             notes=[HOSTILE], after=after, fns=fns)
    assert grid.head == (f'<tr><th scope="col">{ESCAPED}</th>'
                         '<th class=num scope="col">Số &lt;n&gt;</th></tr>')
    assert grid.body == (f'<tr><td>{ESCAPED}</td><td class=num>1.234<sup class="pa-fn">1</sup>'
                         '</td></tr><tr class=ill><td>O&#x27;Neil &amp; Co</td>'
                         '<td class=num>–<sup class="pa-fn">1</sup></td></tr>')
    page = grid.html("vi")
    assert type(page) is str  # plain text: callers add to it without escaping it again
    assert "<script" not in page and page.count(ESCAPED) == 4  # cell, header, note, footnote
    assert f'<ol class="pa-fns"><li value="1">{ESCAPED}</li></ol>' in page
    assert f'<p class="pa-note">{ESCAPED}</p>' in page
    empty = tables.table_grid(df.iloc[0:0], [("name", "A", "text")], "en", empty=HOSTILE)
    assert empty.body == f'<tr><td colspan="1" class="pa-empty">{ESCAPED}</td></tr>'


def test_a_source_line_of_hostile_file_names_comes_out_escaped():
    fixed = corrections.MARK + HOSTILE
    rows = pd.DataFrame({"source_file": [HOSTILE, HOSTILE, "b&b.csv"],
                         "source_row": [2, 3, 7], "illustrative": [False, False, True],
                         "source_text": ["", fixed, ""]})
    line = tables.sources_note(rows, "vi")
    assert type(line) is str
    assert line == (f'<p class="pa-src">Nguồn: {ESCAPED}, dòng 2–3 (sửa tay: {ESCAPED}); '
                    "b&amp;b.csv (minh họa), dòng 7.</p>")


def test_a_change_keeps_the_html_its_callers_built():
    got = tables.movement("up", "tăng <b>5</b>", "kỳ đó", tables.cell(HOSTILE, "text"))
    assert type(got) is str
    assert got == ('<span class="pa-dir pa-up">▲</span> tăng <b>5</b> '
                   f'<span class="pa-base">(kỳ đó: {ESCAPED})</span>')


def test_the_papi_key_figures_write_a_hostile_group_name_as_text():
    from papi_analysis.analysis import papi
    from papi_analysis.appendix import papitables

    wide = papi.load()
    ranks = papi.rank_history(wide, 33)
    ranks.loc[ranks["year"] == 2024, "group_vi"] = HOSTILE
    grid = papitables.key_figures_grid(ranks, papi.moves(wide, 33, year=2024), 2024, "vi")
    assert "<script" not in grid.body
    assert f"<td>{ESCAPED}</td>" in grid.body  # the group this year
    assert grid.head.startswith('<tr><th scope="col">Chỉ tiêu</th><th class=num scope="col">'
                                "2024</th>")
    assert grid.body.startswith("<tr><th scope=row>Tổng điểm PAPI (thang 8–80)</th>"
                                "<td class=num>")


def test_the_exploration_legend_renders_from_its_template():
    from papi_analysis.explore import results

    legend = templating.environment().get_template("explore/legend.html.j2").render(
        marks={"illustrative": "◇", "error": "⚠"}, L=results.LEGEND["vi"])
    assert legend == ('<p style="font-size:85%;color:#444">◇ <i>in nghiêng</i>: số minh họa '
                      "(tạo ra để thử, không phải số thật) · ⚠ nền đỏ: số liệu có lỗi kiểm tra "
                      "(không cộng, không xếp hạng) · – : không có số liệu hoặc không tính</p>")


# -- one environment ----------------------------------------------------------------------------
def test_the_appendix_and_the_review_page_share_one_environment_factory():
    """One escaping rule: appendix.templating and prose.review use papi_analysis.templating's
    environments, each with its own whitespace options."""
    env, rev = templating.environment(), review._environment()
    assert env is root_templating.environment()
    assert rev is root_templating.environment("review", trim_blocks=True, lstrip_blocks=True,
                                              keep_trailing_newline=False)
    for e in (env, rev):
        assert e.autoescape is True and e.finalize is root_templating.escape
    assert env.keep_trailing_newline and not env.trim_blocks
    assert rev.trim_blocks and rev.lstrip_blocks and not rev.keep_trailing_newline
    assert templating.escape is root_templating.escape
    assert templating.trusted is root_templating.trusted


def test_the_parts_count_in_the_code_fingerprint(tmp_path):
    """An appendix's parts are appendix content: editing one makes cached tables stale (the
    index pages' templates, build-only, do not)."""
    for rel in ("templates/parts/header.html.j2", "templates/index/page.html.j2"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("a", encoding="utf-8")
    before = fingerprint.package_digest(tmp_path)
    (tmp_path / "templates/index/page.html.j2").write_text("b", encoding="utf-8")
    assert fingerprint.package_digest(tmp_path) == before
    (tmp_path / "templates/parts/header.html.j2").write_text("b", encoding="utf-8")
    assert fingerprint.package_digest(tmp_path) != before
    assert not [n for n in fingerprint.BUILD_ONLY if n.startswith("templates/parts/")]


# -- the parts of an appendix (templates/parts/) --------------------------------------------------
def test_the_head_macros_write_hostile_text_as_text():
    m = templating.part("header")
    assert str(m.head(HOSTILE, HOSTILE, HOSTILE, "6 tháng")) == (
        f'<header class="pa-head">\n<p class="pa-kicker">{ESCAPED}</p>\n<h1>{ESCAPED}</h1>\n'
        f'<p class="pa-sub">{ESCAPED} · 6 tháng</p>\n</header>')
    partial = {"word": "PARTIAL", "lead": "from", "count": 2, "total": 18, "unit": "units",
               "names": [HOSTILE, "Sở KH&CN"]}
    assert str(m.coverage(HOSTILE, partial)) == (
        f'<div class="pa-partial" role="note"><strong>PARTIAL</strong> — from 2/18 units: '
        f'{ESCAPED}, Sở KH&amp;CN.</div><p class="pa-coverage">{ESCAPED}</p>')
    assert str(m.coverage("x", None)) == '<p class="pa-coverage">x</p>'
    assert str(m.as_of([HOSTILE, "b"])) == (f'<p class="pa-note pa-asof" role="note">{ESCAPED}</p>'
                                           '<p class="pa-note pa-asof" role="note">b</p>')
    assert str(m.sources(HOSTILE, "intro", [(f"../review/{HOSTILE}.html", HOSTILE)])) == (
        f'<p class="pa-p">{ESCAPED}</p><p class="pa-p">intro</p><ul class="pa-reviews">'
        f'<li><a href="../review/{ESCAPED}.html">{ESCAPED}</a></li></ul>')
    assert str(m.sources("t", "intro", [])) == '<p class="pa-p">t</p>'


def test_the_errors_box_writes_a_hostile_finding_as_text(monkeypatch):
    ctx = report.setup("2024-H1", ["previous"], "SKHCN", "vi", "", appendix=1)
    found = pd.DataFrame({"agency": ["SKHCN"] * 10, "severity": ["error"] * 10,
                          "message_vi": [HOSTILE] * 10, "message_en": ["x"] * 10,
                          "location": [HOSTILE] + [""] * 9})
    monkeypatch.setattr(type(ctx.params), "findings", lambda self: found)
    monkeypatch.setattr(header.comparison, "findings_for", lambda f, period: f)
    box = ctx.errors_box()
    assert "<script" not in box
    assert box.startswith('<div class="pa-errors" role="alert"><strong>SỐ LIỆU CÓ LỖI: 10 lỗi')
    assert (f'<ul><li><strong>Sở KH&amp;CN</strong>: {ESCAPED} '
            f'<span class="pa-where">({ESCAPED})</span></li>'
            f'<li><strong>Sở KH&amp;CN</strong>: {ESCAPED}</li>') in box
    assert "<li>… và 2 lỗi khác</li></ul><p>" in box and box.count("<li>") == 9
    assert box.endswith('<a href="../05_data_quality/HY.html">Phụ lục 5</a> (tệp '
                        "05_data_quality/HY.html trong thư mục của kỳ).</p></div>")


def test_the_provenance_box_writes_hostile_values_as_text(monkeypatch):
    ctx = report.setup("2024-H1", [], "SKHCN", "en", "", appendix=1)
    monkeypatch.setattr(header.fingerprint, "git_commit", lambda: HOSTILE)
    box = ctx.provenance()
    assert box.startswith('<aside class="pa-prov"><p class="pa-prov-title">Provenance</p><dl>'
                          "<dt>Period</dt><dd>")
    assert "<dt>Compared with</dt><dd>–</dd><dt>Agency</dt><dd>" in box
    assert f'commit <code class="pa-commit">{ESCAPED}</code></dd><dt>Generated</dt>' in box
    assert box.endswith("</code></dd></dl></aside>") and "<script" not in box


def _tidy(rows):
    recs = [{"agency": a, "period": p, "indicator": "tthc.files_total", "value": 1,
             "illustrative": ill, "field": "", "source_file": f, "source_row": 2}
            for a, p, ill, f in rows]
    return schema.conform(pd.DataFrame(recs))


def test_the_banner_writes_a_hostile_file_name_as_text():
    ctx = report.setup("2024-H1", ["previous"], "SKHCN", "vi", "", appendix=1)
    rows = _tidy([("SKHCN", "2024-H1", True, "panel.csv"), ("SKHCN", "2023-H2", False, HOSTILE)])
    b = ctx.banner.banner(rows)
    assert b.startswith('<div class="pa-banner" role="note" style="border:3px solid #b00020;'
                        'background:#fff3f3;color:#5a0010;padding:.6em .9em;margin:.8em 0">'
                        "<strong>SỐ LIỆU MINH HỌA — không phải số liệu thật</strong><br>")
    assert ("Số minh họa do máy tạo ra (in nghiêng trong bảng): Sở KH&amp;CN (6 tháng đầu năm "
            f"2024). Số thật: Sở KH&amp;CN, 6 tháng cuối năm 2023 ({ESCAPED}).") in b
    assert "<script" not in b and b.endswith("</div>")
    assert str(templating.part("banner").comparisons_note(HOSTILE)) == (
        f'<p class="pa-illnote" role="note">{ESCAPED}</p>')


def test_the_notes_and_captions_write_hostile_text_as_text(monkeypatch):
    ctx = report.setup("2024-H1", ["previous"], "SKHCN", "vi", "", appendix=1)
    monkeypatch.setattr(ctx.mergers, "notes", lambda rows: [HOSTILE, "b"])
    assert ctx.mergers.html(None) == (f'<div class="pa-lineage"><p class="pa-note">{ESCAPED}</p>'
                                      '<p class="pa-note">b</p></div>')
    assert str(templating.part("notes").notes("pa-unitnote", [HOSTILE])) == (
        f'<div class="pa-unitnote"><p class="pa-note">{ESCAPED}</p></div>')
    assert ctx.heading(HOSTILE, "x").body == f'<h2 class="pa-h2">{ESCAPED}</h2>'
    assert ctx.heading("Hai", "x").body == '<h2 class="pa-h2 pa-newpage">Hai</h2>'
    assert ctx.paragraph(HOSTILE, "x").body == f'<p class="pa-p">{ESCAPED}</p>'
    assert ctx.message(HOSTILE, "x").body == f'<p class="pa-msg">{ESCAPED}</p>'
    assert ctx.captions.caption(HOSTILE, HOSTILE, True) == (
        f'<figcaption><span class="pa-num">{ESCAPED}.</span> {ESCAPED} '
        '<span class="pa-tag">MINH HỌA</span></figcaption>')
    assert ctx.captions.caption("Bảng 1.1", "A", False) == (
        '<figcaption><span class="pa-num">Bảng 1.1.</span> A</figcaption>')
    m = templating.part("captions")
    chart = str(m.chart(HOSTILE, "data:image/png;base64,AA==", 10, 20, "Hình 1.1", HOSTILE, "",
                        [HOSTILE], templating.trusted("<p>src</p>")))
    assert chart == (f'<figure class="pa-fig" id="{ESCAPED}"><img src="data:image/png;base64,'
                     f'AA==" alt="Hình 1.1. {ESCAPED}" width="10" height="20"><figcaption>'
                     f'<span class="pa-num">Hình 1.1.</span> {ESCAPED}</figcaption>'
                     f'<p class="pa-note">{ESCAPED}</p><p>src</p></figure>')
    df = pd.DataFrame({"name": [HOSTILE]})
    t = ctx.table(df, [("name", "Tên")], HOSTILE).body
    assert t.startswith('<figure class="pa-table " id="table-1-1"><figcaption><span '
                        f'class="pa-num">Bảng 1.1.</span> {ESCAPED}</figcaption><div ')
    assert f"<td>{ESCAPED}</td>" in t and t.endswith("</table></div></figure>")
    assert "<script" not in t


def test_a_failed_cells_message_is_text():
    out = rendering._error_output({"ename": "ValueError", "evalue": f"{HOSTILE}\nmore"})
    assert out["data"]["text/html"] == (
        '<p class="pa-msg">Không tạo được phần này / This part could not be produced: '
        f"ValueError: {ESCAPED}</p>")


def test_the_coverage_line_and_partial_box_of_the_province():
    """The names in the PARTIAL box are escaped (People's → People&#x27;s, as names_html
    did); the coverage sentence keeps its English apostrophes as it always had."""
    rows = _tidy([("HY", "2024-H1", False, "a.csv"), ("SKHCN", "2024-H1", False, "a.csv")])
    ctx = report.setup("2024-H1", ["previous"], "HY", "en", "", appendix=1)
    line = ctx.coverage(rows)
    assert line.startswith('<div class="pa-partial" role="note"><strong>PARTIAL DATA</strong>'
                           " — no figures yet from 17/18 agencies: Department of Home Affairs, ")
    assert "Office of the Provincial People&#x27;s Committee, " in line
    assert line.endswith(
        '.</div><p class="pa-coverage">Whole province, First half of 2024: figures of 1 of 18 '
        "agencies (1 with real figures, 0 illustrative); province totals are the sum of these "
        "agencies. For tthc: the province's own compiled figures (real), instead of the "
        "units' sum.</p>")


def test_no_markup_is_left_in_the_python_of_the_moved_parts():
    """The head, banner, captions and merger notes of an appendix, its comparison tables,
    and a failed cell's message, write no HTML tag from Python: every string in their code
    (docstrings aside) is free of markup."""
    import ast
    import re
    from pathlib import Path

    pkg = Path(templating.__file__).resolve().parents[1]
    tag = re.compile(r"<(td|tr|th|span|a|p|div|li|ul|h1|h2|figure|figcaption|img|header|aside"
                     r"|dl|dt|dd|code|strong|br)\b")
    for rel in ("appendix/header.py", "appendix/banner.py", "appendix/captions.py",
                "appendix/mergers.py", "batch/rendering.py", "appendix/comparetables.py"):
        tree = ast.parse((pkg / rel).read_text(encoding="utf-8"))
        docs = {id(n.body[0].value) for n in ast.walk(tree)
                if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef))
                and n.body and isinstance(n.body[0], ast.Expr)}
        strings = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)
                   and isinstance(n.value, str) and id(n) not in docs]
        assert not [s for s in strings if tag.search(s)], rel


# -- the comparison tables (templates/parts/compare.html.j2) ------------------------------------
def _hostile_comparison(monkeypatch):
    """A comparison of SNV's files, 2024-H1 against 2023-H2, every label and definition of
    its measures hostile text."""
    from papi_analysis.analysis import comparison, measures
    from papi_analysis.intake import datasets

    monkeypatch.setattr(measures.Measure, "label", lambda self, lang="vi": HOSTILE)
    monkeypatch.setattr(measures.Measure, "definition", lambda self, lang="vi": HOSTILE + lang)
    rows = comparison.select(datasets.load(), "SNV", ["2024-H1", "2023-H2"], groups=["tthc"])
    return comparison.against(rows, comparison.TTHC, "2024-H1", ["2023-H2"])


def test_the_comparison_table_writes_hostile_labels_and_notes_as_text(monkeypatch):
    from papi_analysis.appendix import comparetables

    grid = comparetables.comparison_grid(_hostile_comparison(monkeypatch), "vi")
    assert "<script" not in grid.body and "<script" not in grid.head
    assert grid.head == ('<tr><th scope="col">Chỉ tiêu</th><th scope="col">Đơn vị tính</th>'
                         '<th class=num scope="col">6 tháng đầu năm 2024</th>'
                         '<th class=num scope="col">6 tháng cuối năm 2023</th>'
                         '<th class="num chg" scope="col">Thay đổi so với 6 tháng cuối năm '
                         "2023</th></tr>")
    assert grid.body.startswith(f'<tr><th scope=row>{ESCAPED}<sup class="pa-fn">1</sup></th>'
                                '<td class=nm>hồ sơ</td><td class="num ill">')
    assert grid.body.count(f"<th scope=row>{ESCAPED}<sup") == grid.body.count("<tr>") > 1
    assert "Cách tính: " + HOSTILE + "vi" in grid.notes.items  # a footnote, escaped below
    page = grid.html("vi")
    assert "<script" not in page
    assert f'<li value="1">Cách tính: {ESCAPED}vi</li>' in page


def test_the_key_figures_write_hostile_labels_and_notes_as_text(monkeypatch):
    from papi_analysis.appendix import comparetables
    from papi_analysis.model import periods

    grid = comparetables.key_figures_grid(_hostile_comparison(monkeypatch), "en",
                                          periods.parse("2024-H1"))
    assert "<script" not in grid.body + grid.head
    assert grid.body.startswith(f'<tr><th scope=row>{ESCAPED}<sup class="pa-fn">1</sup></th>'
                                '<td class="num ill">194</td><td class="ill">'
                                '<span class="pa-dir pa-down">▼</span>')
    page = grid.html("en")
    assert "<script" not in page and f'<li value="1">{ESCAPED}en</li>' in page


def test_a_breakdowns_error_link_and_bad_value_are_written_safely():
    from papi_analysis.appendix import comparetables

    fns = tables.Notes()
    override = comparetables._breakdown_override({"tthc.files_total"}, True, fns, "vi", HOSTILE)
    row = pd.Series({"rank": None, "unranked": "error", "error": True, "tthc.files_total": 1234})
    assert override(row, tables.Column("rank", "Hạng", "rank")) == (
        f'<a class="pa-bad" href="{ESCAPED}">chưa xếp hạng: số liệu có lỗi</a>'
        '<sup class="pa-fn">1</sup>')
    assert override(row, tables.Column("tthc.files_total", "Tiếp nhận", "count")) == (
        '<span class="pa-bad">1.234</span><sup class="pa-fn">1</sup>')
    unlinked = comparetables._breakdown_override(set(), True, tables.Notes(), "en", "")
    assert unlinked(row, tables.Column("rank", "Rank", "rank")) == (
        'not ranked: data error<sup class="pa-fn">1</sup>')
