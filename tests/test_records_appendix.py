"""A records export dropped into ``data/records/`` reaches the TTHC appendix (issue 23): the
II.06a rows through the data, and a drill-down section the forms cannot give, labelled
illustrative when the records are.  Marked slow: it starts kernels."""

from __future__ import annotations

import shutil

import htmltables as ht
import pytest

from papi_analysis import config
from papi_analysis.batch import runner
from papi_analysis.intake import illustrative_records, submissions

pytestmark = pytest.mark.slow


def test_records_give_the_appendix_its_drill_down(tmp_path):
    data = tmp_path / "data"
    for part in ("agencies", "papi", "illustrative", "submissions"):
        shutil.copytree(config.DATA_DIR / part, data / part)
    panel = submissions.read(config.DATA_DIR / "illustrative" / "hung_yen_panel_illustrative.csv")
    targets = illustrative_records.targets_from_panel(panel, agencies=["STP"], period="2024-H2")
    (data / "records").mkdir()
    illustrative_records.write(illustrative_records.generate(targets),
                               data / "records" / "stp_2024-H2_minhhoa.parquet")
    result = runner.build("2024-H2", agencies=["STP"], notebooks=["tthc"], data_dir=data,
                          reports_dir=tmp_path / "reports", jobs=1, progress=False)
    page = next(r for r in result.results if r.agency == "STP")
    assert page.status == "ok", page.error
    html = page.html.read_text(encoding="utf-8")
    text = ht.text(html)
    assert "4. Từ danh sách hồ sơ của hệ thống một cửa" in text
    assert "records/stp_2024-H2_minhhoa.parquet" in text
    assert "không phải điểm Bộ chỉ số 766" in text
    _, captions = ht.parse(html)
    drill = [c for c in captions if "danh sách hồ sơ" in c or "trễ hạn" in c
             or "theo tháng" in c or "so với thời hạn" in c or "trực tuyến theo thủ tục" in c]
    assert len(drill) == 5 and all("MINH HỌA" in c for c in drill), drill
    # the records' counts are the panel's: the on-time share is (8)+(9) of (7)
    on_time = int(targets["tthc.resolved_early"].sum() + targets["tthc.resolved_on_time"].sum())
    resolved = on_time + int(targets["tthc.resolved_late"].sum())
    shares = ht.table(html, next(c for c in captions if "Các tỷ lệ" in c)[:9])
    first = [c.text for c in shares.rows[1]]
    assert [f"{on_time:,}".replace(",", "."), f"{resolved:,}".replace(",", ".")] == first[1:3]


def test_without_records_the_section_is_not_there(tmp_path):
    result = runner.build("2024-H1", agencies=["SKHCN"], notebooks=["tthc"],
                          reports_dir=tmp_path / "reports", jobs=1, progress=False)
    page = next(r for r in result.results if r.agency == "SKHCN")
    assert "Từ danh sách hồ sơ" not in ht.text(page.html.read_text(encoding="utf-8"))
