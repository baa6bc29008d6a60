"""End to end: build one period's appendices on the shipped data and read the HTML as a user would.

Marked slow: it starts kernels and executes the real notebooks (about half a minute).
"""

import re

import pytest

from papi_analysis.batch import runner

pytestmark = pytest.mark.slow

URL = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.I)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    reports = tmp_path_factory.mktemp("reports")
    result = runner.build("2024-H1", agencies=["SKHCN"], reports_dir=reports, jobs=2,
                          progress=False)
    return result, reports


def _html(result, notebook, agency):
    r = next(r for r in result.results if r.notebook.endswith(notebook) and r.agency == agency)
    assert r.status == "ok", r.error
    return r.html.read_text(encoding="utf-8")


def test_every_appendix_built(built):
    result, reports = built
    assert result.exit_code == 0
    got = {(r.notebook, r.agency) for r in result.results}
    # three agency-scope notebooks for SKHCN and the province, three province-scope ones
    assert len(got) == 3 * 2 + 3
    assert all(r.status == "ok" for r in result.results)
    assert (reports / "2024-H1" / "index.html").is_file() and (reports / "index.html").is_file()


def test_html_has_no_code_no_traceback_no_external_url(built):
    result, _ = built
    for r in result.results:
        html = r.html.read_text(encoding="utf-8")
        assert "Traceback" not in html, r.html
        assert not URL.search(html), r.html
        assert "<script src" not in html and "<link rel=\"stylesheet\" href" not in html
        # no code: neither the parameters cell nor package calls show up
        assert "report.setup(" not in html and "import papi_analysis" not in html, r.html
        assert 'lang="vi"' in html
        assert r.html.stat().st_size < 600_000, (r.html, r.html.stat().st_size)


def test_seed_figures_in_the_tthc_appendix(built):
    result, _ = built
    html = _html(result, "tthc", "SKHCN")
    assert "Bảng 1.1" in html
    text = re.sub(r"<[^>]+>", " ", html)
    # the real row of the seed report: 281 files = 276 received + 5 carried over, all resolved
    row = re.search(r"Số hồ sơ nhận giải quyết - Tổng số \(3\)\s+hồ sơ\s+281\b", text)
    assert row, "files to handle (3) = 281 for SKHCN 2024-H1"
    assert re.search(r"Từ kỳ trước chuyển qua \(6\)\s+hồ sơ\s+5\b", text)
    assert re.search(r"Đã giải quyết - Tổng số \(7\)\s+hồ sơ\s+281\b", text)
    assert "skhcn_2024-H1_seed.csv" in html  # the source is named
    # the figures of the period are real: no ILLUSTRATIVE headline, no watermark; one line
    # says the comparison columns are illustrative
    assert "SỐ LIỆU MINH HỌA" not in html and 'class="pa-banner"' not in html
    assert re.search(r"Số liệu kỳ báo cáo \(6 tháng đầu năm 2024\) là số thật; các cột so sánh "
                     r"\(6 tháng cuối năm 2023, 6 tháng đầu năm 2023\) là số minh họa", text)


def test_papi_appendix_has_real_figures(built):
    result, _ = built
    html = _html(result, "papi", "HY")
    text = re.sub(r"<[^>]+>", " ", html)
    assert "45,37" in text  # Hưng Yên 2021 total (45.366), Vietnamese decimal comma
    assert "SỐ LIỆU MINH HỌA" not in html  # PAPI scores are real: no banner


def test_second_build_skips_everything(built):
    _, reports = built
    again = runner.build("2024-H1", agencies=["SKHCN"], reports_dir=reports, jobs=2,
                         progress=False)
    assert again.exit_code == 0
    assert {r.status for r in again.results} == {"skipped"}
