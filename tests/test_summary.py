"""The leadership summary (appendix 6): the departments that need attention, worked out by
hand, and the page built as a reader opens it."""

from __future__ import annotations

import html

import htmltables as ht
import pandas as pd
import pytest

from papi_analysis.analysis import comparison
from papi_analysis.model import schema


def tidy(rows):
    recs = [{"agency": a, "period": "2024-H1", "indicator": i, "value": v, "illustrative": False,
             "field": "", "source_file": "x.csv", "source_row": n}
            for n, (a, i, v) in enumerate(rows, start=2)]
    return schema.conform(pd.DataFrame(recs))


def test_attention_names_the_worst_departments_of_each_concern():
    data = tidy([
        ("A", "tthc.resolved_early_on_time", 90), ("A", "tthc.resolved_total", 100),
        ("B", "tthc.resolved_early_on_time", 99), ("B", "tthc.resolved_total", 100),
        ("C", "tthc.resolved_early_on_time", 40), ("C", "tthc.resolved_total", 50),
        ("A", "tthc.pending_overdue", 0), ("B", "tthc.pending_overdue", 7),
        ("C", "tthc.pending_overdue", 3),
        ("A", "pet.in_progress", 2), ("A", "pet.not_started", 1),
    ])
    got = comparison.attention(data, "HY", "2024-H1", ["A", "B", "C", "D"], n=2)
    on_time = got[got["concern_en"] == "Lowest on-time rate"]
    assert list(on_time["agency"]) == ["C", "A"]  # 80 % and 90 %
    assert list(on_time["value"]) == [80.0, 90.0]
    overdue = got[got["concern_en"] == "Most files overdue"]
    assert list(overdue["agency"]) == ["B", "C"]  # A has none: no concern
    petitions = got[got["concern_en"] == "Most petitions not yet resolved"]
    assert list(petitions["agency"]) == ["A"] and list(petitions["value"]) == [3]


@pytest.mark.slow
def test_the_summary_page_fits_its_purpose(tmp_path):
    from papi_analysis.batch import runner

    result = runner.build("2024-H1", notebooks=["summary"], reports_dir=tmp_path, jobs=1,
                          progress=False)
    (page,) = [r for r in result.results if r.agency == "HY"]
    assert page.status == "ok", page.error
    text = html.unescape(ht.text(page.html.read_text(encoding="utf-8")))
    assert "Tóm tắt cho lãnh đạo" in text and "số liệu của 18/18 đơn vị" in text
    assert "Các số liệu chính của toàn tỉnh" in text
    assert "Các sở cần chú ý" in text and "Tỷ lệ giải quyết đúng hạn thấp nhất" in text
    assert page.html.stat().st_size < 120_000  # small: no chart
