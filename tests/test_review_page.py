"""The review page (``papi-analysis extract … -o OUT.html``, :mod:`papi_analysis.prose.review`
with the templates in ``papi_analysis/templates/review/``).

The reports here are built by hand (figures, unclassified figures, findings), not read by the
reader, so these tests check the page alone: whatever the patterns find, a report's own text,
unit and file name are escaped, the page stays one self-contained file, and its links (number
→ row, ¶ → sentence, finding → paragraph) all land on the page.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from papi_analysis.errors import ParameterError
from papi_analysis.model import periods
from papi_analysis.prose import review
from papi_analysis.prose.figures import FINDING_COLUMNS, Extraction, Figure

HOSTILE = "<script>alert(1)</script> \"Sở\" & 'cơ quan'"
SOURCE = "bao_cao <b>&\"x\".txt"
AGENCY = "<script>alert(2)</script>\"A&B\""
RESOLVED = "Trong kỳ, Sở đã giải quyết 12 hồ sơ <i>đúng hạn</i> & 'xong'."
AMBIGUOUS = "Số hồ sơ giải quyết quá hạn đang xử lý là 2 hồ sơ."


def _figure(para: str, row: int, number: str, code: str, **kw) -> Figure:
    start = para.index(number)
    return Figure(code, float(number), row, start, start + len(number), (0, len(para)), 0.85,
                  kw.pop("pattern", f"{code}#1"), **kw)


@pytest.fixture
def report() -> tuple[Extraction, pd.DataFrame]:
    paragraphs = [f"Báo cáo {HOSTILE}", RESOLVED, AMBIGUOUS, RESOLVED]
    ex = Extraction(SOURCE, paragraphs, agency=AGENCY, period=periods.parse("2024-H1"))
    ex.figures = [_figure(RESOLVED, 2, "12", "tthc.resolved_total")]
    ex.unclassified = [_figure(AMBIGUOUS, 3, "2", "tthc.pending_total",
                               reason="không rõ <đã> hay 'đang' / resolved & or \"pending\"")]
    ex.repeated = {4: 2}
    ex.documents = [{"kind": "Quyết định", "number": "12/QĐ-<b>", "date": "01/02/2024",
                     "title": HOSTILE}]
    findings = pd.DataFrame([{
        "severity": "warning", "rule": "prose.<rule>", "agency": AGENCY, "period": "2024-H1",
        "indicator": "", "field": "", "location": f"{SOURCE} › dòng/row 2 › cột/col c1-c2",
        "message_vi": f"Cảnh báo {HOSTILE}", "message_en": f"Warning {HOSTILE}"}],
        columns=FINDING_COLUMNS)
    return ex, findings


LANGS = pytest.mark.parametrize("lang", ["vi", "en"])


@LANGS
def test_report_text_unit_and_file_name_are_escaped(report, lang):
    ex, findings = report
    page = review.render([ex], findings, lang)
    assert "<script" not in page and "alert(" in page  # the text is there, as text
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 3  # ¶1, finding, document
    assert "&lt;script&gt;alert(2)&lt;/script&gt;&quot;A&amp;B&quot;" in page  # the unit
    assert "bao_cao &lt;b&gt;&amp;&quot;x&quot;.txt" in page  # the file name
    assert "&quot;Sở&quot; &amp; &#x27;cơ quan&#x27;" in page  # quotes and & in the text
    assert "&lt;i&gt;đúng hạn&lt;/i&gt; &amp; &#x27;xong&#x27;" in page  # around a mark
    assert "12/QĐ-&lt;b&gt;" in page and "prose.&lt;rule&gt;" in page
    assert ("không rõ &lt;đã&gt; hay &#x27;đang&#x27;" if lang == "vi"
            else "resolved &amp; or &quot;pending&quot;") in page  # the reason's own half
    # no tag but the page's own: every "<" opens one of the tags the templates write
    tags = set(re.findall(r"</?([a-zA-Z0-9!]+)", page))
    assert tags <= {"!doctype", "html", "head", "meta", "title", "style", "body", "h1", "h2",
                    "h3", "p", "section", "ul", "li", "b", "a", "span", "div", "table",
                    "thead", "tbody", "tr", "th", "td", "br", "i", "mark", "sup", "details",
                    "summary", "code"}, tags


@LANGS
def test_the_page_is_self_contained(report, lang):
    ex, findings = report
    page = review.render([ex], findings, lang)
    assert page.startswith("<!doctype html>\n") and page.endswith("</body></html>\n")
    assert f'<html lang="{lang}">' in page
    assert "<script" not in page.lower() and "<link" not in page.lower()
    assert "<style>" in page and "@import" not in page and "url(" not in page
    assert not re.search(r"""(src|href|action)\s*=\s*["']?\s*(https?:)?//""", page, re.I)
    # every link stays on the page
    assert set(re.findall(r'href="([^"]*)"', page)) == {
        "#p1-2", "#f1-0", "#m1-0", "#p1-3"}


@LANGS
def test_unclassified_figures_and_the_links_both_ways(report, lang):
    ex, findings = report
    page = review.render([ex], findings, lang)
    ids = set(re.findall(r'id="([^"]+)"', page))
    for target in re.findall(r'href="#([^"]+)"', page):
        assert target in ids, target  # every link lands on the page
    # the number in the text → its row in the table of figures ...
    assert '<mark id="m1-0"><a href="#f1-0">12</a></mark><sup><a href="#f1-0">' \
           "tthc.resolved_total</a></sup>" in page
    # ... and the ¶ of the row → back to the sentence's mark
    assert '<tr id="f1-0"><td><a href="#m1-0">¶2</a></td>' in page
    # the paragraph's id, which a finding's location links to
    assert '<p id="p1-2"><span class="row">¶2</span>Trong kỳ' in page
    assert '<a class="meta" href="#p1-2">' in page
    # số liệu chưa phân loại: its own table, the number marked in its sentence, ¶ → paragraph
    title = "Số liệu chưa phân loại (1)" if lang == "vi" else "Unclassified figures (1)"
    assert f"<h3>{title}</h3>" in page
    row = re.search(r'<tr id="u1-0">.*?</tr>', page).group(0)
    assert '<a href="#p1-3">¶3</a>' in row
    assert '<mark class="uncl">2</mark> hồ sơ.' in row
    note = "đã kiểm tra với báo cáo" if lang == "vi" else "checked against the report"
    assert (f"<code>bao_cao &lt;b&gt;&amp;&quot;x&quot;.txt,tthc.pending_total,,&quot;2&quot;,"
            f"&quot;{note}&quot;</code>") in row
    # the repeated paragraph is shown as a repeat, with no second mark
    assert '<p class="rep"><span class="row">¶4</span>' in page and page.count("<mark id=") == 1


def test_no_unclassified_section_when_every_number_is_classified(report):
    ex, findings = report
    ex.unclassified = []
    page = review.render([ex], findings)
    assert "Số liệu chưa phân loại" not in page and 'id="u1-' not in page
    assert "<h3>Số liệu</h3>" in page  # the table of figures is still there


def test_no_report_and_no_findings():
    page = review.render([], None, "en")
    assert "<section" not in page and page.endswith("</p>\n\n</body></html>\n")
    with pytest.raises(ParameterError, match="fr"):
        review.render([], None, "fr")
