"""`papi-analysis validate` (and `template`) end to end: exit codes, messages, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from papi_analysis import cli
from papi_analysis.intake import submissions

try:  # works whether or not tests/ is a package
    from .broken_inputs import CASES, GOOD_TTHC, form_workbook
except ImportError:
    from broken_inputs import CASES, GOOD_TTHC, form_workbook

SCRIPT = Path(sys.executable).with_name("papi-analysis")


def run_main(capsys, *args: str) -> tuple[int, str]:
    code = cli.main(["validate", *map(str, args)])
    out = capsys.readouterr()
    return code, out.out + out.err


def test_broken_file_exits_2_with_message_and_place(tmp_path, capsys):
    path = CASES["resolved_split"].build(tmp_path)
    code, text = run_main(capsys, path)
    assert code == 2
    assert "(7) = (8) + (9) + (10): 281 ≠ 250 + 20 + 5 = 275" in text
    assert "▸ resolved_split.xlsx" in text and "TTHC › dòng/row 12 › cột/col G" in text
    assert "Kết luận: CHƯA ĐẠT" in text and "Traceback" not in text


def test_unreadable_file_exits_2_without_traceback(tmp_path, capsys):
    code, text = run_main(capsys, CASES["not_a_workbook"].build(tmp_path), "--lang", "en")
    assert code == 2
    assert "Cannot open the file as an .xlsx workbook" in text and "Traceback" not in text
    assert "Verdict: FAILED — 1 error(s) to fix." in text


def test_clean_file_exits_0(tmp_path, capsys):
    code, text = run_main(capsys, form_workbook(tmp_path, "ok.xlsx", GOOD_TTHC))
    assert code == 0
    assert "Kết luận: ĐẠT — không có lỗi, không có cảnh báo." in text


def test_warnings_exit_0_or_1_with_strict(tmp_path, capsys):
    path = CASES["balance"].build(tmp_path)
    assert run_main(capsys, path)[0] == 0
    code, text = run_main(capsys, path, "--strict", "--lang", "en")
    assert code == 1 and "WARNING" in text and "PASSED — no errors; 1 warning(s)" in text


def test_outputs_findings_and_tidy(tmp_path, capsys):
    bad = CASES["text_in_count"].build(tmp_path)
    out, tidy = tmp_path / "findings.xlsx", tmp_path / "tidy.csv"
    code, _ = run_main(capsys, bad, "-o", out, "--tidy", tidy)
    assert code == 2
    found = pd.read_excel(out, dtype=str)
    # the text cell is skipped, so Excel's SUM in the total row (and ours) leaves it out too
    assert found["rule"].tolist() == ["value.not_number", "tthc.total_sources"]
    assert "9 ≠ 19 + 2 + 0 = 21" in found.loc[1, "message_vi"]
    assert len(submissions.read(tidy)) == 3 + 4 + 4  # two field rows and the total row


def test_template_command_writes_a_readable_form(tmp_path, capsys):
    path = tmp_path / "bieu.xlsx"
    code = cli.main(["template", "petitions", "-o", str(path), "--agency", "TTT",
                     "--period", "2024-H1", "--fields", "Đất đai; Xây dựng"])
    assert code == 0 and "Đã ghi biểu mẫu" in capsys.readouterr().out
    assert submissions.read(path).empty
    code = cli.main(["template", "bieu9", "-o", str(path), "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 2 and "There is no form “bieu9”" in err and "tthc" in err


@pytest.mark.skipif(not SCRIPT.exists(), reason="console script not installed")
def test_console_script_in_a_subprocess(tmp_path):
    bad = CASES["total_sources"].build(tmp_path)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    res = subprocess.run([str(SCRIPT), "validate", str(bad)], capture_output=True, text=True,
                         encoding="utf-8", env=env, timeout=120)
    assert res.returncode == 2
    assert "(3) = (4) + (5) + (6): 281 ≠ 200 + 70 + 5 = 275" in res.stdout
    assert "Traceback" not in res.stdout + res.stderr
    res = subprocess.run([str(SCRIPT), "validate", str(tmp_path / "nope.csv"), "--lang", "en"],
                         capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)
    assert res.returncode == 2 and "The file does not exist." in res.stdout
    assert "Traceback" not in res.stdout + res.stderr
    good = form_workbook(tmp_path, "good.xlsx", GOOD_TTHC)
    res = subprocess.run([str(SCRIPT), "validate", str(good), "--lang", "en"],
                         capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)
    assert res.returncode == 0 and "Verdict: PASSED" in res.stdout
