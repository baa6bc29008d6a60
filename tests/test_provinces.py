"""A national data root: one folder per province, each with its own registry; builds per
province and a national index.  Marked slow: it starts kernels."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from papi_analysis import config

pytestmark = pytest.mark.slow

UNITS = """code,name_vi,name_en,short_vi,kind,parent,province,valid_from,valid_to,verified,\
source,source_url,note
QT,Tỉnh Quảng Trị (toàn tỉnh),Quảng Trị province,Toàn tỉnh,province,,Quảng Trị,,,yes,test,,
Q1,Sở Một,Dept One,Sở Một,department,QT,Quảng Trị,,,yes,test,,
"""


def root_with_two_provinces(tmp_path):
    root = tmp_path / "national"
    qt = root / "QT"
    (qt / "agencies").mkdir(parents=True)
    (qt / "submissions").mkdir()
    shutil.copytree(config.DATA_DIR / "papi", qt / "papi")
    (qt / "agencies" / "units.csv").write_text(UNITS, encoding="utf-8")
    (qt / "submissions" / "q.csv").write_text(
        "agency,period,indicator,value,field,illustrative,source_text,note\n"
        "Q1,2024-H1,tthc.files_total,120,,True,,\nQ1,2024-H1,tthc.resolved_total,100,,True,,\n",
        encoding="utf-8")
    hy = root / "HY"
    hy.mkdir()
    for part in ("agencies", "papi", "submissions"):
        shutil.copytree(config.DATA_DIR / part, hy / part)
    return root


def cli(*args):
    return subprocess.run([sys.executable, "-m", "papi_analysis.cli", *args],
                          capture_output=True, text=True, encoding="utf-8")


def test_all_provinces_build_each_province_and_a_national_index(tmp_path):
    root = root_with_two_provinces(tmp_path)
    reports = tmp_path / "reports"
    done = cli("build", "--period", "2024-H1", "--all-provinces", "--all", "--notebooks", "tthc",
               "--data", str(root), "--reports", str(reports), "--no-progress")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (reports / "QT" / "2024-H1" / "01_tthc" / "Q1.html").is_file()
    assert (reports / "HY" / "2024-H1" / "01_tthc" / "SKHCN.html").is_file()
    page = (reports / "index.html").read_text(encoding="utf-8")
    assert "Quảng Trị" in page and "Hưng Yên" in page and 'href="QT/2024-H1/index.html"' in page
    total = (reports / "QT" / "2024-H1" / "01_tthc" / "QT.html").read_text(encoding="utf-8")
    assert "Tỉnh Quảng Trị (toàn tỉnh)" in total and "120" in total


def test_an_unknown_province_is_one_clear_error(tmp_path):
    root = root_with_two_provinces(tmp_path)
    bad = cli("build", "--period", "2024-H1", "--province", "XX", "--data", str(root),
              "--reports", str(tmp_path / "r"))
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert "XX" in bad.stderr and "HY, QT" in bad.stderr
