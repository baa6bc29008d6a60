"""A real inspection report feeds the new families into the anti-corruption appendix: the
money it recommends for other economic handling shows in the inspection-results table, with
its source line.  Reads ../shared/data/reports_real/ (skipped when absent; its text is
copied into a temporary folder only).  Marked slow: it starts kernels."""

from __future__ import annotations

import html
import shutil
from pathlib import Path

import htmltables as ht
import pytest

from papi_analysis import config
from papi_analysis.batch import runner

pytestmark = pytest.mark.slow

REAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "reports_real"
REPORT = "01_hungyen_2024_thanhtra.txt"


@pytest.mark.skipif(not (REAL / REPORT).is_file(), reason="the real excerpts are absent")
def test_inspection_results_of_a_real_report_reach_the_appendix(tmp_path):
    data = tmp_path / "data"
    for part in ("agencies", "papi", "submissions"):
        # without the shipped figures of this same report: the prose path is what is tested
        shutil.copytree(config.DATA_DIR / part, data / part,
                        ignore=shutil.ignore_patterns("hy_ttt_2024_thanhtra_public.csv"))
    shutil.copy(REAL / REPORT, data / "submissions" / REPORT)
    result = runner.build("2024", agencies=["TTT"], notebooks=["anticorruption"], data_dir=data,
                          reports_dir=tmp_path / "reports", jobs=1, progress=False)
    page = next(r for r in result.results if r.agency == "TTT")
    assert page.status == "ok", page.error
    text = html.unescape(ht.text(page.html.read_text(encoding="utf-8")))
    assert "Kết quả thanh tra: tiền, đất, kết luận, chuyển điều tra" in text
    assert "Kiến nghị xử lý khác về kinh tế (triệu đồng) triệu đồng 55.711" in text
    assert f"Nguồn: {REPORT}" in text
    # no sanction or discipline figure in this report: that table is not shown at all
    assert "Xử phạt vi phạm hành chính, kỷ luật" not in text
