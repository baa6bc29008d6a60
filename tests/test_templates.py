"""The HTML the package writes outside the notebooks' own template renders from Jinja2
templates (``papi_analysis/templates/index/`` and ``tables/``) with autoescaping on: a value
from a file (an agency's or a file's name, a header, a note) comes out as text."""

from __future__ import annotations

import pandas as pd
import pytest

from papi_analysis.appendix import tables, templating
from papi_analysis.intake import corrections

HOSTILE = "<script>alert('x & \"y\"')</script>"
ESCAPED = "&lt;script&gt;alert(&#x27;x &amp; &quot;y&quot;&#x27;)&lt;/script&gt;"


@pytest.mark.parametrize("folder", ["index", "tables", "explore"])
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
