"""The CLI's own commands (period, indicators, agencies) and its error handling."""

import subprocess
import sys

from papi_analysis import cli


def test_period_command(capsys):
    assert cli.main(["period", "6 tháng đầu năm 2024"]) == 0
    out = capsys.readouterr().out
    assert "2024-H1" in out and "15/12/2023 → 14/06/2024" in out and "2023-H2" in out


def test_period_command_english(capsys):
    assert cli.main(["period", "Quý I/2024", "--lang", "en"]) == 0
    assert "Same period last year" in capsys.readouterr().out


def test_bad_period_exits_2_without_traceback():
    proc = subprocess.run([sys.executable, "-m", "papi_analysis.cli", "period", "quý năm"],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "Không đọc được kỳ báo cáo" in proc.stderr and "6 tháng đầu năm 2024" in proc.stderr


def test_indicators_and_agencies(capsys, tmp_path):
    assert cli.main(["indicators", "--group", "proc"]) == 0
    out = capsys.readouterr().out
    assert "proc.full_online" in out and "tthc." not in out
    assert cli.main(["agencies", "--lang", "en"]) == 0
    assert "Department of Science and Technology" in capsys.readouterr().out
    target = tmp_path / "ind.csv"
    assert cli.main(["indicators", "-o", str(target)]) == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM so Excel shows diacritics


def test_every_subcommand_has_help():
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, p in sub.choices.items():
        assert p.format_help(), name
    assert set(sub.choices) == set(cli.COMMANDS)
