"""Builds across the 2025 reorganisation, and a data folder that carries its own registry.

Marked slow: each build starts kernels.
"""

from __future__ import annotations

import html as htmllib

import htmltables as ht
import pytest

from papi_analysis.batch import runner

pytestmark = pytest.mark.slow


def html(result, notebook: str, agency: str) -> str:
    r = next(r for r in result.results if r.notebook.endswith(notebook) and r.agency == agency)
    assert r.status == "ok", r.error
    return r.html.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def built_2026(tmp_path_factory):
    reports = tmp_path_factory.mktemp("reports")
    return runner.build("2026-H1", agencies=["SNNMT"], notebooks=["tthc", "papi"],
                        reports_dir=reports, jobs=1, progress=False)


def test_snnmt_2026_h1_compares_with_its_predecessors_named(built_2026):
    page = html(built_2026, "tthc", "SNNMT")
    text = htmllib.unescape(ht.text(page))
    # SNNMT keeps its code (a code stands for a name): a continuing unit, the caption says so
    assert ("so sánh với 6 tháng đầu năm 2025: Sở NN&MT Hưng Yên cùng các đơn vị đã nhập vào "
            "(Sở NN&MT Thái Bình)") in text
    assert "CHƯA ĐƯỢC KIỂM CHỨNG" in text
    assert "MINH HỌA" in text  # the 2025–2026 panel is illustrative and says so


def test_the_province_of_2026_sums_the_merged_departments(built_2026):
    page = html(built_2026, "tthc", "HY")
    text = htmllib.unescape(ht.text(page))
    assert "số liệu của 13/13 đơn vị" in text
    assert "tỉnh Hưng Yên (cũ) cùng các đơn vị đã nhập vào (tỉnh Thái Bình (cũ))" in text
    assert "CHƯA ĐƯỢC KIỂM CHỨNG đầy đủ: nguồn công khai (Vietnamplus, 26/09/2025)" in text


def test_papi_of_the_merged_province_shows_its_predecessors_apart(built_2026):
    text = htmllib.unescape(ht.text(html(built_2026, "papi", "HY")))
    assert "PAPI của các tỉnh trước hợp nhất, đến năm 2024" in text
    assert "Hưng Yên (cũ): hạng" in text and "Thái Bình (cũ): hạng" in text
    assert "thứ hạng tính trên 34 tỉnh" in text


UNITS = """code,name_vi,name_en,short_vi,kind,parent,province,valid_from,valid_to,verified,\
source,source_url,note
QN,Tỉnh Q (toàn tỉnh),Q province,Toàn tỉnh,province,,Q,,,yes,test,,
Q1,Sở Một,Dept One,Sở Một,department,QN,Q,,,yes,test,,
Q2,Sở Hai,Dept Two,Sở Hai,department,QN,Q,,,yes,test,,
"""
ROWS = {"tthc.files_total": 0, "tthc.received_online": 0, "tthc.received_offline": 0,
        "tthc.carried_over": 0, "tthc.resolved_total": 0, "tthc.resolved_early_on_time": 0,
        "tthc.resolved_late": 0, "tthc.pending_total": 0}


def test_a_data_folder_with_its_own_registry_is_used_by_the_notebooks(tmp_path):
    """The silent wrong total of issue 13: the province must sum the folder's departments."""
    data = tmp_path / "data"
    (data / "agencies").mkdir(parents=True)
    (data / "submissions").mkdir()
    (data / "agencies" / "units.csv").write_text(UNITS, encoding="utf-8")
    lines = ["agency,period,indicator,value,field,illustrative,source_text,note"]
    for code, total in (("Q1", 300), ("Q2", 700)):
        figs = dict(ROWS, **{"tthc.files_total": total, "tthc.received_online": total,
                             "tthc.resolved_total": total, "tthc.resolved_early_on_time": total})
        lines += [f"{code},2024-H1,{k},{v},,False,," for k, v in figs.items()]
    (data / "submissions" / "q.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.build("2024-H1", all_agencies=True, notebooks=["tthc"], data_dir=data,
                          reports_dir=tmp_path / "reports", jobs=1, progress=False)
    assert {r.agency for r in result.results} == {"QN", "Q1", "Q2"}
    text = htmllib.unescape(ht.text(html(result, "tthc", "QN")))
    assert "Tỉnh Q (toàn tỉnh)" in text
    assert "1.000" in text and "số liệu của 2/2 đơn vị" in text
